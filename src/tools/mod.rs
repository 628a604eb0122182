//! The publisher's command-line tools (`src/bin/article.rs`), on the same serde model as the
//! viewer: Markdown in and out, and checking. Native only: none of it reaches the page.

pub mod archive;
mod authors;
pub mod deploy;
mod feed;
mod fold;
mod folder;
mod import;
pub mod index;
mod markdown;
mod pages;
pub mod relevance;
pub mod search;
mod to_markdown;

pub use feed::{DEFAULT_FEED_SIZE, atom_feed};
pub use fold::fold;
pub use import::{ImportReport, ImportedPost, Outcome, SiteKind, find_posts, import_site};
pub use index::IndexOptions;
pub use index::{Indexed, index_dir};
pub use markdown::{
    Converted, MarkdownOptions, article_from_markdown, read_markdown, rendered_body,
};
pub use pages::{PageHead, Picture, Rendered, ViewerShell, render_dir, render_page};
pub use to_markdown::{article_to_markdown, markdown_can_hold};

use std::fmt;

/// A 1-based line and column (in characters) of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (inside a character: that character's).
    pub fn at(text: &str, offset: usize) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Position { line, column }
    }
}

/// An error or warning about a source file, printed `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the file.
    pub position: Position,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}",
            self.position.line, self.position.column, self.message
        )
    }
}

/// What `article check` says of one file: a line per finding, and whether it fails.
pub fn check_file(path: &std::path::Path, strict: bool) -> (Vec<String>, bool) {
    use crate::model::{parse_article, parse_article_bytes, prepare};
    let name = path.display();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return (vec![format!("{name}: cannot read: {e}")], true),
    };
    let markdown = markdown::is_post_file(path);
    let mut lines = Vec::new();
    let parsed = if markdown {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => return (vec![format!("{name}: not UTF-8 text: {e}")], true),
        };
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let options = MarkdownOptions {
            file_name: file_name.as_deref(),
            strict,
        };
        match read_markdown(&text, options) {
            Err(error) => return (vec![format!("{name}:{error}")], true),
            Ok(Converted {
                article, warnings, ..
            }) => {
                lines.extend(warnings.iter().map(|w| format!("{name}:{w} (warning)")));
                let json = serde_json::to_string(&article).expect("wire types serialize");
                parse_article(&json)
            }
        }
    } else {
        parse_article_bytes(&bytes)
    };
    match parsed.map(prepare) {
        Err(error) => {
            lines.push(format!(
                "{name}: error: {} {}",
                crate::i18n::tr(error.summary()),
                error.detail()
            ));
            (lines, true)
        }
        Ok(prepared) if prepared.problems.is_empty() => {
            lines.push(format!("{name}: ok"));
            (lines, false)
        }
        Ok(prepared) => {
            for problem in &prepared.problems {
                let what = if problem.breaks_format {
                    "error"
                } else {
                    "problem"
                };
                lines.push(format!("{name}: {what}: {problem}"));
            }
            let failed = strict || prepared.problems.iter().any(|p| p.breaks_format);
            (lines, failed)
        }
    }
}
