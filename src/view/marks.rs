//! The words a search result leads to, marked on the article's page: a result's link carries
//! them (`?hl=`, folded) with the section they are in (`#id`). Once that section is open, each
//! of its words that folds to one of them is wrapped in `<mark class="search-hit">`, made of
//! text nodes (nothing from the article becomes markup). The marks go when the reader moves
//! on: the section scrolled out of view after being seen, or Escape. The parameter leaves the
//! address at once, so a shared or reloaded link shows the article as it is.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::{Element, Node};

use crate::model::search::excerpt::marked;
use crate::view::page::{current_fragment, fold_query, replace_query};

/// The class of a marked word.
const HIT: &str = "search-hit";

/// Marks the words `?hl=` names in the section `#id` leads to, once; call when the section is
/// in the page and open.
pub fn mark_requested_words() {
    let Some(words) = crate::load::requested_marks() else {
        return;
    };
    replace_query(&[("hl", None)]);
    let mut words: Vec<String> = words.split_whitespace().map(str::to_owned).collect();
    words.sort_unstable();
    let Some(id) = current_fragment() else { return };
    let Some(target) = document().get_element_by_id(&id) else {
        return;
    };
    let section = target
        .closest("section.section, .section")
        .ok()
        .flatten()
        .unwrap_or(target);
    let holds = |term: &str| words.binary_search_by(|w| w.as_str().cmp(term)).is_ok();
    for node in text_nodes(&section) {
        mark_node(&node, &holds);
    }
    unmark_when_read(section);
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
    let handles: Rc<RefCell<Vec<WindowListenerHandle>>> = Rc::default();
    let seen = Rc::new(std::cell::Cell::new(false));
    let done = {
        let handles = handles.clone();
        move || {
            unmark_all();
            for handle in handles.borrow_mut().drain(..) {
                handle.remove();
            }
        }
    };
    let on_scroll = {
        let done = done.clone();
        move |_| {
            let rect = section.get_bounding_client_rect();
            let height = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            let in_view = rect.bottom() > 0.0 && rect.top() < height;
            if in_view {
                seen.set(true);
            } else if seen.get() {
                done();
            }
        }
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            done();
        }
    };
    let mut kept = handles.borrow_mut();
    kept.push(window_event_listener(leptos::ev::scroll, on_scroll));
    kept.push(window_event_listener(leptos::ev::keydown, on_key));
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
