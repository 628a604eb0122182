//! Plain DOM building for the static part of an article: its blocks and inline text.
//!
//! Why not `view!`: each `view!` tree compiles to its own typed build, rebuild and drop code,
//! and keeps a retained state per element for later updates. Article text never updates once
//! shown, so it is built here with a handful of non-generic calls instead: measured, this made
//! the wasm smaller and a 5,000-section article faster to show and lighter in memory (README,
//! Performance). Leptos components keep everything interactive; they attach this content with
//! the [`fill`] directive. Text always goes in as text nodes, never as HTML.

use std::rc::Rc;

use wasm_bindgen::UnwrapThrowExt;
use web_sys::{Document, Element, Node};

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

    /// Appends `text` to `parent` as a text node.
    pub fn text(&self, parent: &Node, text: &str) {
        _ = parent.append_child(&self.document.create_text_node(text));
    }

    /// A text node not yet in the page.
    pub fn text_node(&self, text: &str) -> Node {
        self.document.create_text_node(text).into()
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

/// Sets attribute `name` (values are attribute text, never markup).
pub fn set(element: &Element, name: &str, value: &str) {
    _ = element.set_attribute(name, value);
}

/// Static content that knows how to build itself into an element.
pub trait Content {
    /// Appends the content's nodes to `parent`.
    fn build(&self, dom: &Dom, parent: &Element);
}

/// A `use:fill=content` directive: builds `content` into the element when Leptos creates it.
/// Leptos calls directives again when it rebuilds the element in place; the element is emptied
/// first so content is never doubled.
pub fn fill(element: Element, content: Rc<dyn Content>) {
    element.set_text_content(None);
    content.build(&Dom::default(), &element);
}
