//! The article model: plain Rust with no browser in sight, so it can be unit-tested natively,
//! fuzzed, and reused by the command-line validator.
//!
//! The pipeline is `parse` (text → [`Article`], or an [`ArticleError`] with a field path) and then
//! `prepare` (→ [`PreparedArticle`]: unique ids, text direction, figure targets, reading time and
//! the list of non-fatal [`Problem`]s).

mod date;
mod decode;
mod error;
mod ids;
mod lang;
mod prepare;
mod types;
mod url;

pub use date::IsoDate;
pub use decode::{MAX_ARTICLE_BYTES, parse_article};
pub use error::ArticleError;
pub use ids::slugify;
pub use lang::{Direction, direction_for_lang};
pub use prepare::{PreparedArticle, Problem, prepare};
pub use types::*;
pub use url::{CheckedUrl, UrlKind, safe_url};
