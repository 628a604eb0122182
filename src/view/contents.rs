//! The table of contents: a list of section links that open and scroll to their section, with
//! the section being read marked as current.
//!
//! A long article has thousands of entries: one click listener on the list serves every link,
//! and a [`Selector`] moves the "current" mark touching only the two entries concerned. Only
//! the first entries are built before the first paint, the rest in the next task. The entries
//! of sections that arrive later are built with those sections ([`ContentsList::add`]). The
//! entries have no `content-visibility: auto`: with the rest added later it saved nothing, and
//! its style work measured about 35 µs per entry (190 ms for 5,000), against 34 ms for all of
//! them without.

use std::time::Duration;

use leptos::prelude::*;
use web_sys::Element;

use crate::view::accordion::SectionStates;
use crate::view::dom::{event_within, is_plain_click, section_index};
use crate::view::mount::{append_view, insert_view};
use crate::view::page::replace_fragment;
use crate::view::reading::ReadingPosition;

/// Entries built before the first paint: more than the rail shows.
const FIRST_ENTRIES: usize = 40;

/// `<nav aria-label="Contents">` listing the headed sections `entries` (`(section index,
/// section id, heading)`); one click listener opens and scrolls to the section of any entry.
#[component]
pub fn Contents(
    /// The first entries; more are added with [`ContentsList::add`].
    entries: Vec<(usize, String, String)>,
    /// The sections' open states, which following an entry changes.
    states: SectionStates,
    /// The section being read: its entry is marked current.
    current: Selector<Option<usize>>,
) -> impl IntoView {
    let on_click = move |event: web_sys::MouseEvent| {
        if !is_plain_click(&event) {
            return;
        }
        let index = event_within(&event, "a.contents-link")
            .and_then(|link| section_index(&link, states.len()));
        if let Some((index, id)) = index.and_then(|index| Some((index, states.id(index)?))) {
            event.prevent_default();
            replace_fragment(&id);
            states.open_and_reveal(index);
        }
    };
    // role="navigation" repeats <nav>'s own role on purpose: reader modes drop elements with
    // that explicit role, and a list of links to collapsed sections is no use there.
    view! {
        <nav class="contents" role="navigation" aria-label="Contents" on:click=on_click>
            <h2 class="rail-title">"Contents"</h2>
            <ol class="contents-list">
                <ContentsEntries entries current />
            </ol>
        </nav>
    }
}

/// Entries `(section index, section id, heading)` of the contents. The entry of the section
/// being read carries `aria-current`; a [`Selector`] tells only the entry that stops being
/// current and the one that becomes it.
#[component]
pub fn ContentsEntries(
    /// The entries.
    entries: Vec<(usize, String, String)>,
    /// The section being read.
    current: Selector<Option<usize>>,
) -> impl IntoView {
    // One handle every entry copies, instead of a clone of the selector each.
    let current = StoredValue::new(current);
    entries
        .into_iter()
        .map(|(index, id, heading)| {
            let is_current = move || current.with_value(|c| c.selected(&Some(index)));
            view! {
                <li>
                    <a
                        class="contents-link"
                        class:is-current=is_current
                        aria-current=move || is_current().then_some("true")
                        href=format!("#{id}")
                        data-section=index.to_string()
                    >
                        {heading}
                    </a>
                </li>
            }
        })
        .collect_view()
}

/// The contents on the page, to which entries can be added.
pub struct ContentsList {
    list: Element,
    current: Selector<Option<usize>>,
}

impl ContentsList {
    /// Mounts the contents for `entries` (`(section index, heading)`) at the end of `parent`:
    /// the first entries now, the others in the next task. At 2,000 entries, building and
    /// styling all of them before the first paint had delayed the title's paint by about 80 ms.
    pub fn mount(
        parent: &Element,
        states: &SectionStates,
        entries: Vec<(usize, String)>,
        position: ReadingPosition,
    ) -> Option<ContentsList> {
        let current_index = position.current;
        let current = Selector::new(move || current_index.get());
        let mut entries = with_ids(states, entries);
        let later = entries.split_off(entries.len().min(FIRST_ENTRIES));
        let (states, selector) = (states.clone(), current.clone());
        let nav = append_view(
            parent,
            view! { <Contents entries states current=selector /> },
        )?;
        let list = nav.last_element_child()?;
        let contents = ContentsList { list, current };
        contents.add_later(later, position);
        Some(contents)
    }

    /// Adds entries `(section index, heading)` for sections added to `states` after the list
    /// was built (those of an article still arriving, added to the page with them).
    pub fn add(&self, states: &SectionStates, entries: Vec<(usize, String)>) {
        self.add_with_ids(with_ids(states, entries));
    }

    fn add_with_ids(&self, entries: Vec<(usize, String, String)>) {
        let current = self.current.clone();
        insert_view(
            &self.list,
            None,
            view! { <ContentsEntries entries current /> },
        );
    }

    /// Adds `entries` in the next task, under the article's owner; nothing when the article is
    /// gone by then (another one was loaded).
    fn add_later(&self, entries: Vec<(usize, String, String)>, position: ReadingPosition) {
        if entries.is_empty() {
            return;
        }
        let (list, current) = (self.list.clone(), self.current.clone());
        let owner = Owner::current();
        set_timeout(
            move || {
                if position.current.try_get_untracked().is_none() {
                    return;
                }
                let contents = ContentsList { list, current };
                match owner {
                    Some(owner) => owner.with(|| contents.add_with_ids(entries)),
                    None => contents.add_with_ids(entries),
                }
            },
            Duration::ZERO,
        );
    }
}

fn with_ids(states: &SectionStates, entries: Vec<(usize, String)>) -> Vec<(usize, String, String)> {
    entries
        .into_iter()
        .map(|(index, heading)| (index, states.id(index).unwrap_or_default(), heading))
        .collect()
}
