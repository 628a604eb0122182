//! Why an article could not be shown, in words for the reader plus the detail a publisher needs.

use thiserror::Error;

use crate::limits::MAX_ARTICLE_BYTES;
use crate::msg::Msg;

/// What the reader is told inline text must be.
pub(crate) const INLINE_EXPECTED: &str =
    "text: a string, or a list of strings and {\"text\": …} spans";

/// A fatal problem with the article document itself (not with fetching it).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ArticleError {
    /// The bytes are not JSON at all.
    #[error(
        "The article file is damaged: it is not valid JSON (line {line}, column {column}: {message}; near `{excerpt}`)"
    )]
    Syntax {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// What the JSON parser expected.
        message: String,
        /// A short piece of the text around the fault.
        excerpt: String,
    },
    /// The JSON is well formed but a field has the wrong shape.
    #[error(
        "The article file is not in the expected format: at {path}, expected {expected}, found {found}{}",
        at(position)
    )]
    Shape {
        /// Where, e.g. `sections[1].blocks[0].items`.
        path: String,
        /// What the format requires there.
        expected: String,
        /// What the document has there.
        found: String,
        /// Where in the text the decoder noticed (just after the value); `None` for rules
        /// checked after decoding, which the path alone locates.
        position: Option<Position>,
    },
    /// A field given twice in one object: `JSON.parse` would silently keep the last one, but
    /// which one the publisher meant is a guess, so the viewer asks.
    #[error(
        "The article file is not in the expected format: {path} is given twice{}",
        at(&Some(*position))
    )]
    Duplicate {
        /// The repeated field, e.g. `sections[0].id`.
        path: String,
        /// Where the second one is.
        position: Position,
    },
    /// A format version this viewer predates.
    #[error(
        "This article uses format version {found}, but this viewer only understands version 1 (at version)"
    )]
    UnsupportedVersion {
        /// The version the document declares.
        found: String,
    },
    /// The title is missing words.
    #[error("The article has no title (at title: the text is blank)")]
    BlankTitle,
    /// There is nothing to show.
    #[error("The article has no sections to show (at sections: the list is empty)")]
    NoSections,
    /// Nested deeper than the parser allows (a crafted document could exhaust the stack).
    #[error(
        "The article file is nested too deeply to read (line {line}, column {column}; the limit is {limit} levels)"
    )]
    TooDeep {
        /// 1-based line where the limit was passed.
        line: usize,
        /// 1-based column where the limit was passed.
        column: usize,
        /// [`crate::MAX_NESTING`].
        limit: usize,
    },
    /// The bytes are not UTF-8 text.
    #[error("The article file is not UTF-8 text (invalid byte at offset {offset})")]
    NotText {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// Refused before parsing, so a huge file cannot freeze the page.
    #[error("The article file is too large to show: {size} bytes, the limit is {limit} bytes")]
    TooLarge {
        /// Size of the document in bytes.
        size: usize,
        /// [`crate::MAX_ARTICLE_BYTES`].
        limit: usize,
    },
}

/// A place in the document text, 1-based, as serde_json counts it (columns in bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in bytes.
    pub column: usize,
}

/// " (line L, column C)" when the position is known.
fn at(position: &Option<Position>) -> String {
    match position {
        Some(Position { line, column }) => format!(" (line {line}, column {column})"),
        None => String::new(),
    }
}

impl ArticleError {
    /// The error for a document of `size` bytes, over [`crate::MAX_ARTICLE_BYTES`].
    pub fn too_large(size: usize) -> Self {
        ArticleError::TooLarge {
            size,
            limit: MAX_ARTICLE_BYTES,
        }
    }

    /// A type error from serde (`message` without serde_json's position suffix) at `path`, in
    /// the reader's words: "expected a list, found text", never serde's "invalid type:
    /// string \"x\", expected a sequence". Messages of another shape are kept as they are.
    pub(crate) fn from_data_error(path: String, message: &str, position: Position) -> Self {
        let path = if path.is_empty() {
            "the top level".to_owned()
        } else {
            path
        };
        let field = |rest: &str| {
            let name = rest.trim_start_matches('`');
            let name = name.split('`').next().unwrap_or(name).to_owned();
            match path.as_str() {
                "the top level" => name,
                _ => format!("{path}.{name}"),
            }
        };
        if let Some(rest) = message.strip_prefix("duplicate field ") {
            return ArticleError::Duplicate {
                path: field(rest),
                position,
            };
        }
        if let Some(rest) = message.strip_prefix("missing field ") {
            let path = field(rest);
            return ArticleError::Shape {
                expected: expected_for_field(&path).to_owned(),
                path,
                found: "nothing (the field is missing)".to_owned(),
                position: None,
            };
        }
        let typed = message
            .strip_prefix("invalid type: ")
            .or_else(|| message.strip_prefix("invalid value: "))
            .and_then(|rest| rest.rsplit_once(", expected "));
        let (expected, found) = match typed {
            Some((found, expected)) => (plain_expected(expected), plain_found(found)),
            None => (message.to_owned(), "something else".to_owned()),
        };
        ArticleError::Shape {
            path,
            expected,
            found,
            position: Some(position),
        }
    }
    /// Where and what, without the position: for a block or key figure read apart from the
    /// document, whose line and column would mislead.
    pub(crate) fn fault(&self) -> crate::types::Fault {
        let (path, message) = match self {
            ArticleError::Shape {
                path,
                expected,
                found,
                ..
            } => (path.clone(), format!("expected {expected}, found {found}")),
            ArticleError::Duplicate { path, .. } => (
                path.clone(),
                "the field is given twice; keep one".to_owned(),
            ),
            other => (String::new(), other.detail()),
        };
        let path = if path == "the top level" {
            String::new()
        } else {
            path
        };
        crate::types::Fault { path, message }
    }

    /// The sentence a reader sees first (`locales/*.json`; the interface translates it, and
    /// it prints translated: `Msg` is `Display`); the technical detail follows separately.
    pub fn summary(&self) -> Msg {
        match self {
            ArticleError::Syntax { .. } => Msg::ErrDamaged,
            ArticleError::Shape { .. } | ArticleError::Duplicate { .. } => Msg::ErrFormat,
            ArticleError::UnsupportedVersion { .. } => Msg::ErrVersion,
            ArticleError::BlankTitle => Msg::ErrNoTitle,
            ArticleError::NoSections => Msg::ErrNoContent,
            ArticleError::TooLarge { .. } => Msg::ErrTooLarge,
            ArticleError::TooDeep { .. } => Msg::ErrTooDeep,
            ArticleError::NotText { .. } => Msg::ErrEncoding,
        }
    }

    /// The technical detail for the publisher: position, field path, sizes.
    pub fn detail(&self) -> String {
        match self {
            ArticleError::Syntax {
                line,
                column,
                message,
                excerpt,
            } => {
                format!("Invalid JSON at line {line}, column {column}: {message}. Near: {excerpt}")
            }
            ArticleError::Shape {
                path,
                expected,
                found,
                position,
            } => format!(
                "At {path}: expected {expected}, found {found}{}.",
                at(position)
            ),
            ArticleError::Duplicate { path, position } => format!(
                "At {path}: the field is given twice{}; keep one.",
                at(&Some(*position))
            ),
            ArticleError::UnsupportedVersion { found } => {
                format!("At version: found {found}; supported: 1.")
            }
            ArticleError::BlankTitle => "At title: the title is blank.".to_owned(),
            ArticleError::NoSections => "At sections: at least one section is required.".to_owned(),
            ArticleError::TooLarge { size, limit } => {
                format!("The document is {size} bytes; the limit is {limit} bytes.")
            }
            ArticleError::TooDeep {
                line,
                column,
                limit,
            } => format!("Nesting passes {limit} levels at line {line}, column {column}."),
            ArticleError::NotText { offset } => {
                format!("The file must be UTF-8; byte {offset} is not.")
            }
        }
    }

    /// A short stable name for the kind of error, for tests, tools and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            ArticleError::Syntax { .. } => "syntax",
            ArticleError::Shape { .. } => "shape",
            ArticleError::Duplicate { .. } => "duplicate",
            ArticleError::UnsupportedVersion { .. } => "version",
            ArticleError::BlankTitle => "blank-title",
            ArticleError::NoSections => "no-sections",
            ArticleError::TooLarge { .. } => "too-large",
            ArticleError::TooDeep { .. } => "too-deep",
            ArticleError::NotText { .. } => "not-text",
        }
    }

    /// The field path the error points at, when it points at one.
    pub fn path(&self) -> Option<&str> {
        match self {
            ArticleError::Shape { path, .. } | ArticleError::Duplicate { path, .. } => Some(path),
            ArticleError::UnsupportedVersion { .. } => Some("version"),
            ArticleError::BlankTitle => Some("title"),
            ArticleError::NoSections => Some("sections"),
            ArticleError::Syntax { .. }
            | ArticleError::TooLarge { .. }
            | ArticleError::TooDeep { .. }
            | ArticleError::NotText { .. } => None,
        }
    }
}

/// serde's name for what it wanted, in the reader's words.
fn plain_expected(expected: &str) -> String {
    match expected {
        "a string" => "text",
        "a sequence" => "a list",
        "a boolean" => "true or false",
        "f64" | "f32" | "u64" | "i64" => "a number",
        "struct VersionOnly" | "a map" => "an object",
        other => other,
    }
    .to_owned()
}

/// serde_json's description of the value it found, in the reader's words.
fn plain_found(found: &str) -> String {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|rest| rest.trim_matches('`').to_owned())
    };
    if found.starts_with("string ") {
        "text".to_owned()
    } else if let Some(number) = quoted("integer ").or_else(|| quoted("floating point ")) {
        format!("the number {number}")
    } else if let Some(value) = quoted("boolean ") {
        value
    } else {
        match found {
            "sequence" => "a list",
            "map" => "an object",
            other => other,
        }
        .to_owned()
    }
}

/// What the required field at `path` must hold, for "the field is missing" errors.
fn expected_for_field(path: &str) -> &'static str {
    let (parent, name) = path.rsplit_once('.').unwrap_or(("", path));
    let in_block = parent
        .rsplit('.')
        .next()
        .unwrap_or(parent)
        .starts_with("blocks[");
    match name {
        "sections" | "blocks" | "items" => "a list",
        // A block's text; a span's (in `text[i]` or `items[i][j]`) is plain.
        "text" if in_block => INLINE_EXPECTED,
        "value" if parent.contains(".series[") => "a number",
        _ => "text",
    }
}
