//! The article model: plain Rust with no browser in sight, so it can be unit-tested natively,
//! fuzzed, and reused by the command-line validator.
//!
//! The pipeline is `parse` (text → serde wire types in [`wire`] → [`Article`], or an
//! [`ArticleError`] with a field path and position) and then
//! `prepare` (→ [`PreparedArticle`]: unique ids, text direction, figure targets, reading time and
//! the list of non-fatal [`Problem`]s).

mod convert;
mod date;
mod decode;
mod error;
mod ids;
mod incremental;
mod lang;
mod library;
mod number;
mod prepare;
mod runs;
pub mod search;
mod series;
mod structured;
mod table;
mod types;
mod url;
pub mod wire;

pub use convert::{MAX_SERIES_POINTS, Rule, article_from_raw};
pub use date::{IsoDate, with_extended_offset};
pub(crate) use decode::message_of as json_message;
pub use decode::{MAX_ARTICLE_BYTES, MAX_NESTING, parse_article, parse_article_bytes};
pub use error::{ArticleError, Position};
pub use ids::slugify;
pub use incremental::{IncrementalArticle, LateFields};
pub use lang::{Direction, direction_for_lang};
pub use library::{
    Archive, Library, LibraryEntry, LibraryPage, decode_library, decode_library_page,
    decode_search_chunk, labels_of, topics_of,
};
pub use number::decimal;
pub use prepare::{
    AnchorSpot, LateTarget, Mark, PlacedMark, PreparedArticle, Problem, SectionPreparer, prepare,
    prepare_start, resolve_figure_urls, resolve_section_urls,
};
pub use runs::{RunPlace, items_depth_first};
pub use search::SearchChunk;
pub use series::describe_series;
pub use structured::{page_description, structured_data, structured_data_text};
pub use table::padded;
pub use types::*;
pub use url::{CheckedUrl, UrlKind, safe_url};
