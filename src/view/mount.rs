//! Where components join the page after it is mounted: the sections of a long article, a slice
//! per task or as they arrive, and the contents entries that follow them.

use leptos::prelude::*;
use web_sys::Element;

/// Builds `view` and puts it into `parent` before `marker` (at the end without one), keeping
/// nothing of it: for markup that never changes once shown and has no listener of its own (the
/// sections). Leptos keeps, per element, what a later rebuild would compare against (every
/// attribute value and text); for a long article that was the whole article again in wasm
/// memory (docs/performance.md, "Measured reasons"), for nothing, since sections are never
/// rebuilt.
/// Dropping that state leaves the elements in the page.
pub fn insert_static_view<V>(parent: &Element, marker: Option<&web_sys::Node>, view: V)
where
    V: IntoView,
{
    use leptos::tachys::view::Mountable;
    let mut state = view.build();
    state.mount(parent, marker);
}

/// Builds `view` and puts it into `parent` before `marker` (at the end without one), keeping
/// its state for as long as the current owner lives: for a part added to the page after it was
/// mounted that has listeners of its own (key figures that came after an article's sections).
pub fn insert_view<V>(parent: &Element, marker: Option<&web_sys::Node>, view: V)
where
    V: IntoView + 'static,
    V::State: 'static,
{
    build_view(view).place(parent, marker);
}

/// A view built but not yet in the page: building a control is most of its cost, so a start
/// can build its controls in tasks of their own and then place them all in one short task
/// that changes the page once.
pub struct Built<S>(S);

/// Builds `view` outside the page (its effects run; none of the controls built so measures
/// the page); [`Built::place`] puts it in.
pub fn build_view<V: IntoView>(view: V) -> Built<V::State> {
    Built(view.build())
}

impl<S: leptos::tachys::view::Mountable + 'static> Built<S> {
    /// Puts the view into `parent` before `marker` (at the end without one), keeping its state
    /// for as long as the current owner lives, as [`insert_view`] does.
    pub fn place(self, parent: &Element, marker: Option<&web_sys::Node>) {
        let mut state = self.0;
        state.mount(parent, marker);
        StoredValue::new_local(state);
    }
}

/// Attribute names and values every section repeats. Every string handed from WebAssembly to
/// the DOM is decoded in JavaScript, and a long article's sections hand over these thousands of
/// times; interned once, each later use passes a cached JavaScript string instead.
#[rustfmt::skip]
const REPEATED_STRINGS: &[&str] = &[
    "class", "id", "type", "role", "hidden", "title", "tabindex", "href", "rel", "d", "fill",
    "stroke", "stroke-width", "stroke-linecap", "viewBox", "width", "height", "focusable",
    "aria-controls", "aria-expanded", "aria-hidden", "aria-label", "aria-labelledby",
    "data-copy-link", "data-section", "section", "section is-open", "section section-lead",
    "section-header", "section-heading", "section-toggle", "button", "section-heading-text",
    "section-toggle-hint", "true", "false", "Hide", "Show", "copy-link", "Copy link", "0 0 24 24",
    "20", "none", "currentColor", "2", "round", "reader-only", "section-panel", "region",
    "until-found", "block-list", "block-heading", "quote", "quote-cite", "pull-quote", "-1",
    "figure-anchor", "figure-ref", "contents-link", "noopener noreferrer", "li", "a", "p", "h2",
    "h3", "span", "div", "svg", "path",
];

/// Interns the strings many elements repeat (wasm-bindgen's `enable-interning`).
pub fn intern_repeated_strings() {
    for text in REPEATED_STRINGS {
        wasm_bindgen::intern(text);
    }
    wasm_bindgen::intern(crate::view::announce::LINK_ICON_PATH);
}
