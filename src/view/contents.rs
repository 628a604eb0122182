//! The table of contents: a list of section links that open and scroll to their section, with
//! the section being read marked as current.
//!
//! A long article has thousands of entries, so they are plain DOM built once (see
//! [`crate::view::dom`]): one click listener on the list serves every link, and moving the
//! "current" mark touches only the two entries concerned. With a reactive view per entry,
//! 2,000 entries measured about 150 ms more before the first paint.

use std::rc::Rc;

use leptos::prelude::*;

use crate::view::accordion::SectionStates;
use crate::view::dom::{
    Content, Dom, SECTION_ATTR, event_within, fill, first_child, is_plain_click, section_index, set,
};
use crate::view::page::replace_fragment;
use crate::view::reading::ReadingPosition;

/// `<nav aria-label="Contents">` listing every headed section.
#[component]
pub fn TableOfContents(
    /// `(section index, heading)` for each headed section.
    entries: Vec<(usize, String)>,
    /// The tracked reading position, to mark the current entry.
    position: ReadingPosition,
) -> impl IntoView {
    let states = expect_context::<SectionStates>();
    let links: Rc<dyn Content> = Rc::new(ContentsLinks(
        entries
            .into_iter()
            .map(|(index, heading)| (index, states.all()[index].id.clone(), heading))
            .collect(),
    ));
    let list = NodeRef::<leptos::html::Ol>::new();
    Effect::new(move |previous: Option<Option<usize>>| {
        let current = position.current.get();
        if let Some(list) = list.get() {
            if let Some(Some(old)) = previous.filter(|old| *old != current) {
                mark_current(&list, old, false);
            }
            if let Some(index) = current {
                mark_current(&list, index, true);
            }
        }
        current
    });
    let follow = move |ev: leptos::ev::MouseEvent| {
        if !is_plain_click(&ev) {
            return;
        }
        let index = event_within(&ev, "a.contents-link")
            .and_then(|link| section_index(&link, states.all().len()));
        if let Some(index) = index {
            ev.prevent_default();
            replace_fragment(&states.all()[index].id);
            states.open_and_reveal(index);
        }
    };
    view! {
        // role="navigation" repeats <nav>'s own role on purpose: reader modes drop elements
        // with that explicit role, and a list of links to collapsed sections is no use there.
        <nav class="contents" role="navigation" aria-label="Contents" on:click=follow>
            <h2 class="rail-title">"Contents"</h2>
            <ol class="contents-list" node_ref=list use:fill=links></ol>
        </nav>
    }
}

/// The entries: `(section index, section id, heading)`.
struct ContentsLinks(Vec<(usize, String, String)>);

impl Content for ContentsLinks {
    fn build(&self, dom: &Dom, parent: &web_sys::Element) {
        for (index, id, heading) in &self.0 {
            let item = dom.copy_of("contents-entry", |dom| {
                let item = dom.detached("li", "");
                dom.element(&item, "a", "contents-link");
                item.into()
            });
            let link = first_child(&item);
            _ = parent.append_child(&item);
            set(&link, "href", &format!("#{id}"));
            set(&link, SECTION_ATTR, &index.to_string());
            dom.text(&link, heading);
        }
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
