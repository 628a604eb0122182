//! A browser-only article viewer: article JSON in, an accessible, readable page out.
//!
//! [`model`] is pure Rust (parse, validate, derive); [`load`] fetches documents in the browser;
//! [`view`] holds the Leptos components that only render what the model prepared.

pub mod config;
pub mod load;
pub mod model;
pub mod panic_panel;
pub mod timing;
pub mod view;

pub use view::App;

/// Mounts the viewer into `#viewer` (replacing its "loading" placeholder), or into `<body>`.
pub fn start() {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    timing::mark("viewer:start");
    panic_panel::install();
    let host = document()
        .get_element_by_id("viewer")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match host {
        Some(host) => {
            host.replace_children_with_node_0();
            leptos::mount::mount_to(host, App).forget();
        }
        None => leptos::mount::mount_to_body(App),
    }
}
