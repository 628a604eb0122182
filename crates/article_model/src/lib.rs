//! The article model: plain Rust with no browser in sight, so it can be unit-tested natively,
//! fuzzed, and reused by the command-line validator.
//!
//! The pipeline is `parse` (text → serde wire types in [`wire`] → [`Article`], or an
//! [`ArticleError`] with a field path and position) and then
//! `prepare` (→ [`PreparedArticle`]: unique ids, text direction, figure targets, reading time and
//! the list of non-fatal [`Problem`]s).

pub mod config;
mod convert;
mod date;
mod decode;
mod error;
mod ids;
mod incremental;
mod json;
mod lang;
mod library;
mod limits;
pub mod msg;
mod number;
mod order;
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
pub use decode::{parse_article, parse_article_bytes};
pub use error::{ArticleError, Position};
pub use ids::slugify;
pub use incremental::{IncrementalArticle, LateFields};
pub use json::message_of as json_message;
pub use lang::{Direction, direction_for_lang, primary_subtag};
pub use library::{
    Archive, Library, LibraryCard, LibraryEntry, LibraryPage, PART_HASH_LEN, PartHashes, PartKind,
    card_address, decode_library, decode_library_card, decode_library_page, labels_of,
    parse_part_name, topics_of,
};
pub use limits::{MAX_ARTICLE_BYTES, MAX_NESTING};
pub use number::decimal;
pub use order::{Order, OrderFile, decode_order};
pub use prepare::{
    AnchorSpot, LateTarget, Mark, PlacedMark, PreparedArticle, Problem, SectionPreparer, prepare,
    prepare_start, resolve_figure_urls, resolve_section_urls,
};
pub use runs::{BlockAt, RunPlace, blocks_within, content_blocks_mut, items_depth_first};
pub use search::{RestChunk, SearchChunk, decode_rest_chunk, decode_search_chunk};
pub use series::describe_series;
pub use structured::{page_description, structured_data, structured_data_text};
pub use table::padded;
pub use types::*;
pub use url::{CheckedUrl, UrlKind, is_document_relative, safe_url};
