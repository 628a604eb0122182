//! The articles of a folder, as `article index` and `article pages` read them: its JSON
//! articles and its Markdown ones, converted and written as JSON beside their source first.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::parse_article_bytes;
use crate::tools::{MarkdownOptions, read_markdown};

/// The articles of a folder as `article index` and `article pages` read them.
pub(crate) struct ArticleFiles {
    /// Every `.json` article (not `index.json`) and every converted `.md` one, sorted.
    pub jsons: Vec<PathBuf>,
    /// Markdown files converted, as (source, JSON written).
    pub converted: Vec<(PathBuf, PathBuf)>,
    /// Lines for the publisher: Markdown left out and why, warnings.
    pub notes: Vec<String>,
}

/// The articles of `dir`: its `.json` files but `index.json`, and its `.md` files, converted
/// and written as `NAME.json` beside them first.
pub(crate) fn article_files(dir: &Path) -> Result<ArticleFiles, String> {
    // The entry's own type, not a stat of each file: a folder of 100,000 articles is read
    // in a few milliseconds.
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| t.is_file() || (t.is_symlink() && e.path().is_file()))
        })
        .map(|e| e.path())
        .collect();
    // By the bytes of the name: the files are in one folder, and comparing paths component by
    // component costs a folder of 100,000 articles tens of milliseconds.
    names.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    let mut notes = Vec::new();
    let mut converted = Vec::new();
    let markdown: Vec<&PathBuf> = names
        .iter()
        .filter(|p| crate::tools::markdown::is_post_file(p))
        .collect();
    type Conversion = Result<(Option<PathBuf>, Vec<String>), String>;
    let results: Vec<Conversion> = markdown
        .par_iter()
        .map(|md| {
            let mut notes = Vec::new();
            convert_markdown(md, &mut notes).map(|json| (json, notes))
        })
        .collect();
    for (md, result) in markdown.into_iter().zip(results) {
        let (json, more) = result?;
        notes.extend(more);
        if let Some(json) = json {
            converted.push((md.clone(), json));
        }
    }
    let mut jsons: Vec<PathBuf> = names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
        // An article's oEmbed answer, which `article pages` writes beside it.
        .filter(|p| {
            !p.to_string_lossy()
                .ends_with(crate::tools::pages::embeds::OEMBED_SUFFIX)
        })
        .cloned()
        .chain(converted.iter().map(|(_, json)| json.clone()))
        .collect();
    jsons.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    jsons.dedup();
    Ok(ArticleFiles {
        jsons,
        converted,
        notes,
    })
}

/// Reads the article JSON at `path` as the viewer reads a download: the article, or the note
/// saying why it is left out. Err when the file cannot be read at all.
pub(crate) fn read_article(path: &Path) -> Result<Result<crate::model::Article, String>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse_bytes(path, &bytes))
}

/// The article in `bytes` (read from `path`), or the note saying why it is left out.
pub(crate) fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<crate::model::Article, String> {
    parse_article_bytes(bytes).map_err(|error| {
        format!(
            "{}: {} {} (left out)",
            path.display(),
            crate::i18n::tr(error.summary()),
            error.detail()
        )
    })
}

/// Converts the Markdown article `md` and writes it as `NAME.json` beside it; its path, or
/// `None` with a note when it is not an article (warnings are noted too). For `article index`
/// and `article pages`, which read a folder's Markdown the same way.
fn convert_markdown(md: &Path, notes: &mut Vec<String>) -> Result<Option<PathBuf>, String> {
    let text = std::fs::read_to_string(md).map_err(|e| format!("{}: {e}", md.display()))?;
    let name = md.file_name().map(|n| n.to_string_lossy().into_owned());
    let options = MarkdownOptions {
        file_name: name.as_deref(),
        strict: false,
    };
    match read_markdown(&text, options) {
        Err(error) => {
            notes.push(format!("{}:{error} (left out)", md.display()));
            Ok(None)
        }
        Ok(converted) if converted.draft => {
            notes.push(format!("{}: draft: true (left out)", md.display()));
            Ok(None)
        }
        Ok(converted) => {
            notes.extend(
                converted
                    .warnings
                    .iter()
                    .map(|w| format!("{}:{w} (warning)", md.display())),
            );
            let json = md.with_extension("json");
            let text =
                serde_json::to_string_pretty(&converted.article).expect("wire types serialize");
            let text = format!("{text}\n");
            // Unchanged, the JSON keeps its time, and the index's cache knows it unread.
            if std::fs::read(&json).ok().as_deref() != Some(text.as_bytes()) {
                std::fs::write(&json, text)
                    .map_err(|e| format!("{}: cannot write: {e}", json.display()))?;
            }
            Ok(Some(json))
        }
    }
}
