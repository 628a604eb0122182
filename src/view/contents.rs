//! The table of contents: a list of section links that open and scroll to their section, with
//! the section being read marked as current.
//!
//! A long article has thousands of entries, so they are plain DOM built once (see
//! [`crate::view::dom`]): one click listener on the list serves every link, and moving the
//! "current" mark touches only the two entries concerned. With a reactive view per entry,
//! 2,000 entries measured about 150 ms more before the first paint. Only the first entries are
//! built before the first paint, the rest in the next task: at 2,000 entries, building and
//! styling all of them first had delayed the title's paint by about 80 ms. The entries of
//! sections that arrive later are built with those sections ([`add_entries`]). The entries
//! have no `content-visibility: auto`: with the rest added later it saved nothing, and its
//! style work measured about 35 µs per entry (190 ms for 5,000), against 34 ms for all of them
//! without.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::view::accordion::SectionStates;
use crate::view::dom::{
    Dom, SECTION_ATTR, event_within, first_child, is_plain_click, on, section_index, set,
};
use crate::view::page::replace_fragment;
use crate::view::reading::ReadingPosition;

/// Entries built before the first paint: more than the rail shows.
const FIRST_ENTRIES: usize = 40;

/// `<nav aria-label="Contents">` listing every headed section: `entries` are
/// `(section index, heading)`; `position` marks the entry being read. Returns the list, to
/// which [`add_entries`] adds the sections of an article still arriving.
pub fn build_contents(
    dom: &Dom,
    parent: &Node,
    states: &SectionStates,
    entries: Vec<(usize, String)>,
    position: ReadingPosition,
) -> Element {
    // role="navigation" repeats <nav>'s own role on purpose: reader modes drop elements with
    // that explicit role, and a list of links to collapsed sections is no use there.
    let nav = dom.element(parent, "nav", "contents");
    set(&nav, "role", "navigation");
    set(&nav, "aria-label", "Contents");
    let title = dom.element(&nav, "h2", "rail-title");
    dom.text(&title, "Contents");
    let list = dom.element(&nav, "ol", "contents-list");
    let mut entries = with_ids(states, entries);
    let later = entries.split_off(entries.len().min(FIRST_ENTRIES));
    build_entries(dom, &list, &entries);
    {
        let list = list.clone();
        Effect::new(move |previous: Option<Option<usize>>| {
            let current = position.current.get();
            if let Some(Some(old)) = previous.filter(|old| *old != current) {
                mark_current(&list, old, false);
            }
            if let Some(index) = current {
                mark_current(&list, index, true);
            }
            current
        });
    }
    add_later(&list, later, position);
    let states = states.clone();
    on(&nav, "click", move |event| {
        if !is_plain_click(event.unchecked_ref()) {
            return;
        }
        let index = event_within(&event, "a.contents-link")
            .and_then(|link| section_index(&link, states.len()));
        if let Some((index, id)) = index.and_then(|index| Some((index, states.id(index)?))) {
            event.prevent_default();
            replace_fragment(&id);
            states.open_and_reveal(index);
        }
    });
    list
}

/// Adds entries `(section index, heading)` for sections added to `states` after the list was
/// built (those of an article still arriving, added to the page with them).
pub fn add_entries(list: &Element, states: &SectionStates, entries: Vec<(usize, String)>) {
    build_entries(&Dom::default(), list, &with_ids(states, entries));
}

fn with_ids(states: &SectionStates, entries: Vec<(usize, String)>) -> Vec<(usize, String, String)> {
    entries
        .into_iter()
        .map(|(index, heading)| (index, states.id(index).unwrap_or_default(), heading))
        .collect()
}

/// Builds `entries` in the next task: at 2,000 entries, building and styling all of them
/// before the first paint had delayed the title's paint by about 80 ms.
fn add_later(list: &Element, entries: Vec<(usize, String, String)>, position: ReadingPosition) {
    if entries.is_empty() {
        return;
    }
    let list = list.clone();
    set_timeout(
        move || {
            // Gone with the article (another one was loaded): nothing to add to.
            let Some(current) = position.current.try_get_untracked() else {
                return;
            };
            build_entries(&Dom::default(), &list, &entries);
            if let Some(index) = current {
                mark_current(&list, index, true);
            }
        },
        Duration::ZERO,
    );
}

/// Appends entries `(section index, section id, heading)` to the list.
fn build_entries(dom: &Dom, list: &web_sys::Element, entries: &[(usize, String, String)]) {
    for (index, id, heading) in entries {
        let item = dom.copy_of("contents-entry", |dom| {
            let item = dom.detached("li", "");
            dom.element(&item, "a", "contents-link");
            item.into()
        });
        let link = first_child(item.unchecked_ref());
        _ = list.append_child(&item);
        set(&link, "href", &format!("#{id}"));
        set(&link, SECTION_ATTR, &index.to_string());
        dom.text(&link, heading);
    }
}

/// Marks or unmarks the entry of section `index` as the one being read.
fn mark_current(list: &web_sys::Element, index: usize, current: bool) {
    let selector = format!("a[{SECTION_ATTR}=\"{index}\"]");
    let Some(link) = list.query_selector(&selector).ok().flatten() else {
        return;
    };
    _ = link.class_list().toggle_with_force("is-current", current);
    if current {
        set(&link, "aria-current", "true");
    } else {
        _ = link.remove_attribute("aria-current");
    }
}
