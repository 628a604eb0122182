//! Plain DOM building: every part of the page is built with these few non-generic calls, and
//! Leptos's reactive system (signals, effects, owners) keeps the parts that change up to date.
//!
//! Why not `view!`: each `view!` tree compiles to its own typed build, rebuild and drop code,
//! and keeps a retained state per element for later updates. Article text never updates once
//! shown, and the few things that do change (open sections, the current contents entry, button
//! states, the loading bar) are each one effect on one element. Measured, building with these
//! calls made the wasm much smaller and a 5,000-section article faster to show and lighter in
//! memory (README, Performance). Clicks are handled by one listener per part, through data
//! attributes. Text always goes in as text nodes, never as HTML.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::{Document, Element, Event, EventTarget, Node};

thread_local! {
    /// Prototypes by name, built on first use (see [`Dom::copy_of`]).
    static PROTOTYPES: RefCell<Vec<(&'static str, Node)>> = const { RefCell::new(Vec::new()) };
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Creates nodes in the page's document.
pub struct Dom {
    document: Document,
}

impl Default for Dom {
    fn default() -> Self {
        Dom {
            document: leptos::prelude::document(),
        }
    }
}

impl Dom {
    /// Appends `<tag class="…">` (no class when empty) to `parent` and returns it.
    pub fn element(&self, parent: &Node, tag: &str, class: &str) -> Element {
        let element = self.document.create_element(tag).unwrap_throw();
        self.attach(parent, element, class)
    }

    /// Appends an SVG element to `parent` and returns it.
    pub fn svg_element(&self, parent: &Node, tag: &str) -> Element {
        let element = self
            .document
            .create_element_ns(Some(SVG_NS), tag)
            .unwrap_throw();
        self.attach(parent, element, "")
    }

    fn attach(&self, parent: &Node, element: Element, class: &str) -> Element {
        if !class.is_empty() {
            element.set_class_name(class);
        }
        _ = parent.append_child(&element);
        element
    }

    /// Appends `text` to `parent` as a text node (`append` with a string: one call into
    /// JavaScript instead of creating the node and appending it).
    pub fn text(&self, parent: &Element, text: &str) {
        _ = parent.append_with_str_1(text);
    }

    /// A text node not yet in the page.
    pub fn text_node(&self, text: &str) -> Node {
        self.document.create_text_node(text).into()
    }

    /// A deep copy of the prototype `name`, which `make` builds (detached) the first time.
    ///
    /// Every string handed from WebAssembly to the DOM is decoded on the JavaScript side, and
    /// in a long article those decodings were the largest single cost: a structure repeated
    /// per section is therefore built once and cloned, and only its varying parts are set.
    /// A prototype may contain copies of others: `make` runs without holding the registry.
    pub fn copy_of(&self, name: &'static str, make: impl FnOnce(&Dom) -> Node) -> Node {
        let known = PROTOTYPES.with(|prototypes| {
            let prototypes = prototypes.borrow();
            let found = prototypes.iter().find(|(n, _)| *n == name);
            found.map(|(_, node)| node.clone())
        });
        let prototype = known.unwrap_or_else(|| {
            let node = make(self);
            PROTOTYPES.with(|prototypes| prototypes.borrow_mut().push((name, node.clone())));
            node
        });
        prototype.clone_node_with_deep(true).unwrap_throw()
    }

    /// A detached document fragment, to build a prototype in.
    pub fn fragment(&self) -> Node {
        self.document.create_document_fragment().into()
    }

    /// An element not yet in the page.
    pub fn detached(&self, tag: &str, class: &str) -> Element {
        let element = self.document.create_element(tag).unwrap_throw();
        if !class.is_empty() {
            element.set_class_name(class);
        }
        element
    }
}

/// The first element child of `element` (parts of a section are found by position).
pub fn first_child(element: &Element) -> Element {
    element.first_element_child().unwrap_throw()
}

/// The element after `element` in its parent.
pub fn next(element: &Element) -> Element {
    element.next_element_sibling().unwrap_throw()
}

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
pub fn set(element: &Element, name: &str, value: &str) {
    _ = element.set_attribute(name, value);
}

/// Calls `handler` on every `event` at `target` for as long as the target lives: the listener
/// belongs to JavaScript and is collected with the element, so parts built here need no
/// teardown of their own.
pub fn on(target: &EventTarget, event: &str, handler: impl Fn(Event) + 'static) {
    let handler = Closure::<dyn Fn(Event)>::new(handler).into_js_value();
    _ = target.add_event_listener_with_callback(event, handler.unchecked_ref());
}

/// Sets a true/false ARIA state such as `aria-pressed` or `aria-expanded`.
pub fn set_flag(element: &Element, name: &str, on: bool) {
    set(element, name, if on { "true" } else { "false" });
}
