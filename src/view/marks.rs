//! The words a search result leads to, marked on the article's page: a result's link carries
//! them (`?hl=`, folded) with the section they are in (`#id`). Once that section is open, each
//! of its words that folds to one of them is wrapped in `<mark class="search-hit">`, made of
//! text nodes (nothing from the article becomes markup). The marks go when the reader moves
//! on: the section scrolled out of view after being seen, or Escape. The parameter leaves the
//! address at once, so a shared or reloaded link shows the article as it is.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::model::search::excerpt::marked;
use crate::view::dom::listen;
use crate::view::page::{fold_query, fragment_target};

/// The class of a marked word.
const HIT: &str = "search-hit";

/// Marks the words `?hl=` names in the section `#id` leads to, once; call when the section is
/// in the page and open.
pub fn mark_requested_words() {
    let Some(words) = crate::load::requested_marks() else {
        return;
    };
    forget_marks_in_address();
    let words: Vec<&str> = words.split_whitespace().collect();
    let Some((_, target)) = fragment_target() else {
        return;
    };
    let section = target
        .closest("section.section, .section")
        .ok()
        .flatten()
        .unwrap_or(target);
    // A handful of words: looked through, not sorted (sorting code would cost the page more).
    let holds = |term: &str| words.contains(&term);
    for node in text_nodes(&section) {
        mark_node(&node, &holds);
    }
    unmark_when_read(section);
}

/// The address without `?hl=`, in place of the current one.
fn forget_marks_in_address() {
    let Ok(url) = web_sys::Url::new(&window().location().href().unwrap_or_default()) else {
        return;
    };
    url.search_params().delete("hl");
    if let Ok(history) = window().history() {
        let address = url.href();
        _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

/// The text nodes under `root`, in order.
fn text_nodes(root: &Node) -> Vec<Node> {
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        if node.node_type() == Node::TEXT_NODE {
            out.push(node);
            continue;
        }
        let children = node.child_nodes();
        for i in (0..children.length()).rev() {
            if let Some(child) = children.item(i) {
                stack.push(child);
            }
        }
    }
    out
}

/// Replaces the text node `node` by its text with the words `holds` finds in marks.
fn mark_node(node: &Node, holds: &dyn Fn(&str) -> bool) {
    let text = node.node_value().unwrap_or_default();
    let ranges = marked(&text, holds, &fold_query);
    if ranges.is_empty() {
        return;
    }
    let Some(parent) = node.parent_node() else {
        return;
    };
    let document = document();
    let pieces = document.create_document_fragment();
    let mut at = 0;
    for (from, to) in ranges {
        if from > at {
            _ = pieces.append_with_str_1(&text[at..from]);
        }
        if let Ok(mark) = document.create_element("mark") {
            mark.set_class_name(HIT);
            mark.set_text_content(Some(&text[from..to]));
            _ = pieces.append_with_node_1(&mark);
        }
        at = to;
    }
    if at < text.len() {
        _ = pieces.append_with_str_1(&text[at..]);
    }
    _ = parent.replace_child(&pieces, node);
}

/// Takes the marks out of the page again once the reader moves on: the section scrolled out
/// of view after being in it, or Escape pressed.
fn unmark_when_read(section: Element) {
    let seen = Rc::new(Cell::new(false));
    let done = Rc::new(Cell::new(false));
    let on_event = move |event: web_sys::Event| {
        if done.get() {
            return;
        }
        let leave = if event.type_() == "keydown" {
            event.unchecked_ref::<web_sys::KeyboardEvent>().key() == "Escape"
        } else {
            let rect = section.get_bounding_client_rect();
            let height = crate::view::page::viewport_height().unwrap_or(0.0);
            let in_view = rect.bottom() > 0.0 && rect.top() < height;
            seen.set(seen.get() || in_view);
            seen.get() && !in_view
        };
        if leave {
            done.set(true);
            unmark_all();
        }
    };
    let handler = Rc::new(on_event);
    for kind in ["scroll", "keydown"] {
        let handler = handler.clone();
        listen(&window(), kind, move |event| handler(event));
    }
}

/// Every mark unwrapped into its text again.
fn unmark_all() {
    let Ok(marks) = document().query_selector_all(&format!("mark.{HIT}")) else {
        return;
    };
    for i in 0..marks.length() {
        let Some(mark) = marks.item(i) else { continue };
        let Some(parent) = mark.parent_node() else {
            continue;
        };
        let text = document().create_text_node(&mark.text_content().unwrap_or_default());
        _ = parent.replace_child(&text, &mark);
        parent.normalize();
    }
}
