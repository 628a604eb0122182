//! The page: plain DOM built from what [`crate::model`] prepared, kept up to date by Leptos
//! signals and effects that hold only UI state (which sections are open). All parsing and
//! deriving happens in the model. [`App`], [`ArticleLoader`] and [`ArticleView`] are the same
//! parts as Leptos components, for embedding and the browser tests.

mod accordion;
mod announce;
mod app;
mod article;
mod blocks;
mod chart;
mod contents;
mod display;
mod dom;
mod figures;
mod footer;
mod header;
mod inline;
mod mount;
mod page;
mod progressive;
mod reading;
mod section;
mod status;

pub use app::{App, ArticleLoader, build_loader};
pub use article::ArticleView;
pub use mount::run_in;
