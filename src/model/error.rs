//! Why an article could not be shown, in words for the reader plus the detail a publisher needs.

use thiserror::Error;

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
        "The article file is not in the expected format: at {path}, expected {expected}, found {found}"
    )]
    Shape {
        /// Where, e.g. `sections[1].blocks[0].items`.
        path: String,
        /// What the format requires there.
        expected: String,
        /// What the document has there.
        found: String,
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
        /// [`crate::model::MAX_NESTING`].
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
        /// [`crate::model::MAX_ARTICLE_BYTES`].
        limit: usize,
    },
}

impl ArticleError {
    /// The sentence a reader sees first; the technical detail follows separately.
    pub fn summary(&self) -> &'static str {
        match self {
            ArticleError::Syntax { .. } => "The article file is damaged and cannot be read.",
            ArticleError::Shape { .. } => {
                "The article file is not in the format this viewer expects."
            }
            ArticleError::UnsupportedVersion { .. } => {
                "This article was written for a newer version of the viewer."
            }
            ArticleError::BlankTitle => "The article has no title.",
            ArticleError::NoSections => "The article has no content to show.",
            ArticleError::TooLarge { .. } => "The article file is too large to show.",
            ArticleError::TooDeep { .. } => "The article file is too deeply nested to read.",
            ArticleError::NotText { .. } => {
                "The article file is not text in the expected encoding."
            }
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
            } => format!("At {path}: expected {expected}, found {found}."),
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
            ArticleError::Shape { path, .. } => Some(path),
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
