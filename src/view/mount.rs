//! Where parts written as components join parts of the page that are inserted later (the
//! sections of a long article, a slice per task; the contents entries that follow them).

use leptos::prelude::*;
use web_sys::Element;

/// Builds `view` under the current reactive owner and puts it into `parent` before `marker`
/// (at the end without one): how the parts written as components join the page built around
/// them. The view's state lives until the owner is cleaned up, which stops its reactive parts.
pub fn insert_view<V>(parent: &Element, marker: Option<&web_sys::Node>, view: V)
where
    V: IntoView,
    V::State: 'static,
{
    use leptos::tachys::view::Mountable;
    let mut state = view.build();
    state.mount(parent, marker);
    let state = send_wrapper::SendWrapper::new(state);
    on_cleanup(move || drop(state));
}

/// [`insert_view`] at the end of `parent`, returning the element it added: for a component
/// whose root element other parts insert before or into.
pub fn append_view<V>(parent: &Element, view: V) -> Option<Element>
where
    V: IntoView,
    V::State: 'static,
{
    insert_view(parent, None, view);
    parent.last_element_child()
}

/// Builds `view` and puts it into `parent` before `marker` (at the end without one), keeping
/// nothing of it: for markup that never changes once shown and has no listener of its own (the
/// sections). Leptos keeps, per element, what a later rebuild would compare against (every
/// attribute value and text); for a long article that was the whole article again in wasm
/// memory (23.5 MB at 2,000 sections), for nothing, since sections are never rebuilt.
/// Dropping that state leaves the elements in the page.
pub fn insert_static_view<V>(parent: &Element, marker: Option<&web_sys::Node>, view: V)
where
    V: IntoView,
{
    use leptos::tachys::view::Mountable;
    let mut state = view.build();
    state.mount(parent, marker);
}

/// Attribute names and values every section repeats. Every string handed from WebAssembly to
/// the DOM is decoded in JavaScript, and a long article's sections hand over these thousands of
/// times; interned once, each later use passes a cached JavaScript string instead.
const REPEATED_STRINGS: &[&str] = &[
    "class",
    "id",
    "type",
    "role",
    "hidden",
    "title",
    "tabindex",
    "href",
    "rel",
    "d",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "viewBox",
    "width",
    "height",
    "focusable",
    "aria-controls",
    "aria-expanded",
    "aria-hidden",
    "aria-label",
    "aria-labelledby",
    "data-copy-link",
    "data-section",
    "section",
    "section is-open",
    "section section-lead",
    "section-header",
    "section-heading",
    "section-toggle",
    "button",
    "section-heading-text",
    "section-toggle-hint",
    "true",
    "false",
    "Hide",
    "Show",
    "copy-link",
    "Copy link",
    "0 0 24 24",
    "20",
    "none",
    "currentColor",
    "2",
    "round",
    "reader-only",
    "section-panel",
    "region",
    "until-found",
    "block-list",
    "block-heading",
    "quote",
    "quote-cite",
    "pull-quote",
    "-1",
    "figure-anchor",
    "figure-ref",
    "contents-link",
    "noopener noreferrer",
    "li",
    "a",
    "p",
    "h2",
    "h3",
    "span",
    "div",
    "svg",
    "path",
];

/// Interns [`REPEATED_STRINGS`] (wasm-bindgen's `enable-interning`).
pub fn intern_repeated_strings() {
    for text in REPEATED_STRINGS {
        wasm_bindgen::intern(text);
    }
    wasm_bindgen::intern(crate::view::announce::LINK_ICON_PATH);
}
