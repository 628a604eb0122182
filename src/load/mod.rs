//! Fetching in the browser: an article, a library and its parts, and the publisher's
//! configuration, all through one `Download` path, with one error type,
//! [`LoadError`], for everything that can go wrong on the way.

mod address;
mod article;
mod body;
mod download;
mod error;
mod feed;
mod library;
pub mod offline;
mod request;
mod viewer_config;

pub use address::{
    SAMPLE_ARTICLE, WrittenLibrary, article_parameter, library_opened_from, prerendered_library,
    requested_article, requested_library, requested_library_page, requested_marks,
    requested_search, resolve_article_url, viewer_root,
};
pub use article::fetch_article;
pub use body::Progress;
pub use error::LoadError;
pub use feed::{Arrived, ArticleEnding, ArticleFeed, MoreSections, Reading};
pub use library::{fetch_library, fetch_library_part};
pub use viewer_config::load_config;
