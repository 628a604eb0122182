//! Small helpers for the handlers and effects that touch the page directly: one delegated
//! listener serves every control of a kind (a long article has thousands), and a section's
//! open state is written straight to its elements. Text never goes in as HTML.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, EventTarget};

/// Attribute holding the index of the section a link opens (contents entries, figure links).
pub const SECTION_ATTR: &str = "data-section";

/// The element matching `selector` that `event` happened in, the target itself or an ancestor:
/// how one listener serves every control of a kind in content built here.
pub fn event_within(event: &web_sys::Event, selector: &str) -> Option<Element> {
    let target: Element = event.target()?.dyn_into().ok()?;
    target.closest(selector).ok().flatten()
}

/// Whether a click is a plain primary-button click; modified clicks (new tab, new window) are
/// the browser's business.
pub fn is_plain_click(event: &web_sys::MouseEvent) -> bool {
    event.button() == 0
        && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key())
}

/// The section index in `element`'s [`SECTION_ATTR`], if it names one of `count` sections.
pub fn section_index(element: &Element, count: usize) -> Option<usize> {
    element
        .get_attribute(SECTION_ATTR)?
        .parse::<usize>()
        .ok()
        .filter(|index| *index < count)
}

/// Sets attribute `name` (values are attribute text, never markup).
pub fn set_attr(element: &Element, name: &str, value: &str) {
    _ = element.set_attribute(name, value);
}

/// Calls `handler` on every `event` at `target` for as long as the target lives: the listener
/// belongs to JavaScript and is collected with the element, so parts built here need no
/// teardown of their own.
pub fn listen(target: &EventTarget, event: &str, handler: impl Fn(Event) + 'static) {
    let handler = Closure::<dyn Fn(Event)>::new(handler).into_js_value();
    _ = target.add_event_listener_with_callback(event, handler.unchecked_ref());
}

/// Sets a true/false ARIA state such as `aria-pressed` or `aria-expanded`.
pub fn set_flag(element: &Element, name: &str, on: bool) {
    set_attr(element, name, if on { "true" } else { "false" });
}
