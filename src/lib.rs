//! A browser-only article viewer: article JSON in, an accessible, readable page out.
//!
//! [`model`] is pure Rust (parse, validate, derive); [`load`] fetches documents in the browser;
//! [`view`] builds the page from what the model prepared, kept current by Leptos signals.

pub mod config;
pub mod load;
pub mod model;
pub mod panic_panel;
pub mod timing;
pub mod view;

pub use view::App;

/// Starts the viewer in `#viewer` (replacing its "loading" placeholder once the viewer's own
/// loading state is built), or in `<body>`.
pub fn start() {
    use leptos::prelude::*;

    timing::mark("viewer:start");
    panic_panel::install();
    let document = document();
    let host = document
        .get_element_by_id("viewer")
        .or_else(|| document.body().map(Into::into));
    if let Some(host) = host {
        view::run_in(&host, |_, host| {
            view::build_loader(host, load::requested_article(), None)
        });
    }
}
