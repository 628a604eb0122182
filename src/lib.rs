//! A browser-only article viewer: article JSON in, an accessible, readable page out.
//!
//! [`model`] is pure Rust (parse, validate, derive); [`load`] fetches documents in the browser;
//! [`view`] builds the page from what the model prepared, kept current by Leptos signals.
#![recursion_limit = "256"]

pub mod i18n;
pub mod load;
pub mod panic_panel;
pub mod schedule;
pub mod timing;
#[cfg(not(target_arch = "wasm32"))]
pub mod tools;
pub mod view;

/// The article format and what is derived from it: its own crate, `crates/article_model`.
pub use article_model as model;
/// `viewer-config.json`'s settings: a publisher's format, read like an article, so the model's.
pub use article_model::config;
/// The interface's sentences by name, which the model returns and `i18n` translates.
pub use article_model::msg;

pub use view::App;

/// Mounts [`view::LibraryApp`] in `#viewer` of `library.html`, replacing its "loading"
/// placeholder: the library page's own module (`src/bin/library_viewer.rs`).
pub fn start_library() {
    panic_panel::install();
    if let Some(host) = viewer_host() {
        // A library page `article pages` wrote keeps its list until the live one replaces it.
        if load::prerendered_library().is_none() {
            host.replace_children_with_node_0();
        }
        leptos::mount::mount_to(host, view::LibraryApp).forget();
    }
}

/// `#viewer`, where a page's app goes, or `<body>` without one.
fn viewer_host() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    document
        .get_element_by_id("viewer")
        .and_then(|host| host.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body())
}

/// Mounts [`App`] in `#viewer` (replacing the page's static "loading" placeholder in the same
/// task, so nothing flashes), or in `<body>`: the client-only viewer's module
/// (`src/main.rs`). The viewer is never unmounted.
pub fn start() {
    if let Some(host) = start_article_page() {
        host.replace_children_with_node_0();
        leptos::mount::mount_to(host, App).forget();
    }
}

/// Takes over the article a page written by `article pages` holds (see [`view::take_over`]):
/// the written pages' own module (`src/bin/written_viewer.rs`), which has nothing else to do,
/// so that it carries none of the client-only viewer's loading code.
pub fn start_written() {
    if let Some(host) = start_article_page() {
        view::take_over(&host);
    }
}

/// What both article modules do first (the start mark, the panic notice, the strings every
/// section repeats, interned); then where the article goes.
fn start_article_page() -> Option<web_sys::HtmlElement> {
    timing::mark("viewer:start");
    panic_panel::install();
    view::intern_repeated_strings();
    viewer_host()
}
