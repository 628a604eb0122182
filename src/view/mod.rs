//! Leptos components. They render what [`crate::model`] prepared and hold only UI state
//! (which sections are open); all parsing and deriving happens in the model.

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
mod page;
mod progressive;
mod reading;
mod section;
mod status;

pub use app::{App, ArticleLoader};
pub use article::ArticleView;
pub use status::LoadFailure;
