//! The page, as Leptos components written with `view!`, rendering what [`crate::model`]
//! prepared. All parsing and deriving happens in the model; signals hold only UI state (the
//! loading state, the reading position, display choices). Sections' open states are plain
//! flags in one place (`accordion`), written to the sections by one delegated click listener,
//! because a long article has thousands. [`App`] is the page; [`ArticleLoader`] and
//! [`ArticleView`] can be mounted on their own (the browser tests do).

mod accordion;
mod announce;
mod app;
mod arriving;
mod article;
mod attempt;
mod blocks;
mod chart;
mod contents;
mod display;
mod dom;
mod embed;
mod figures;
mod footer;
mod header;
mod inline;
pub mod library;
mod local_file;
mod marks;
mod mount;
mod mounted;
mod names;
#[cfg(not(target_arch = "wasm32"))]
mod native_words;
mod offline;
mod page;
mod progressive;
mod reading;
mod section;
mod status;
mod table;
mod takeover;
mod ui_text;
mod waking;

pub use app::{App, ArticleLoader};
pub use article::ArticleView;
pub use embed::{EMBED_PAGE, Embedded};
pub use library::LibraryApp;
pub use mount::intern_repeated_strings;
/// For `tests/section_state_bench.rs`, which times the real thing against signals.
#[doc(hidden)]
pub use section::show_open;
pub use takeover::{PAGE_TEXTS_ID, take_over};
