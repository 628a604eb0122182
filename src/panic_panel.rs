//! The last line of defence: if the viewer itself panics, the reader sees a plain message with a
//! reload link instead of a dead page, and the console gets the detail.

use std::panic::PanicHookInfo;

use wasm_bindgen::JsCast;

/// Installs the panic hook. Call once, before mounting.
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        let detail = info.to_string();
        // `console.error` shows the message with the JavaScript stack that led to it.
        web_sys::console::error_1(&detail.as_str().into());
        show_panel(&detail);
    }));
}

/// Replaces the viewer with an error panel built from plain DOM calls (the WebAssembly module
/// stops right after a panic, so nothing in the panel may call back into it: the reload control
/// is an ordinary link to the same page).
pub fn show_panel(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let host = document
        .get_element_by_id("viewer")
        .or_else(|| document.body().map(|b| b.unchecked_into()));
    let Some(host) = host else { return };
    let element = |tag: &str, class: &str, text: Option<&str>| {
        let element = document.create_element(tag).ok()?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        element.set_text_content(text);
        Some(element)
    };
    let build = || -> Option<web_sys::Element> {
        let panel = element("div", "status status-error", None)?;
        panel.set_attribute("role", "alert").ok()?;
        let title = element(
            "h1",
            "status-title",
            Some("Something went wrong while showing this article."),
        )?;
        let text = element(
            "p",
            "",
            Some(
                "The viewer stopped because of an internal error. Reloading the page usually helps; if it does not, please tell the publisher.",
            ),
        )?;
        let code = element("code", "", Some(detail))?;
        let details = element("p", "status-detail", Some("Details: "))?;
        details.append_child(&code).ok()?;
        let reload = element("a", "button", Some("Reload the page"))?;
        let here = web_sys::window()?.location().href().ok()?;
        reload.set_attribute("href", &here).ok()?;
        for child in [&title, &text, &details, &reload] {
            panel.append_child(child).ok()?;
        }
        Some(panel)
    };
    if let Some(panel) = build() {
        // A pre-rendered article stays readable: the panel goes above it, and its controls
        // are hidden as when the viewer cannot start (`boot.js`).
        match document.document_element() {
            Some(root) if root.has_attribute("data-page") => {
                _ = root.class_list().add_1("viewer-failed");
                _ = host.prepend_with_node_1(&panel);
            }
            _ => host.replace_children_with_node_1(&panel),
        }
    }
}
