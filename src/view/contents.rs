//! The table of contents: a list of section links that open and scroll to their section, with
//! the section being read marked as current.
//!
//! A long article has thousands of entries: they are static markup, one click listener on the
//! list serves every link, and one effect moves the "current" mark touching only the two
//! entries concerned. Only the first entries are built before the first paint, the rest in short
//! tasks after it. The entries of sections that arrive later are built with those sections
//! ([`ContentsList::add`]). The entries have no `content-visibility: auto`: with the rest added
//! later it saved nothing and cost style work per entry (docs/performance.md, "Measured
//! reasons").

use leptos::prelude::*;

use crate::i18n::{Msg, tr};
use crate::model::Section;
use crate::view::ui_text::ui;
use web_sys::Element;

use crate::schedule::{TaskClock, in_frames};
use crate::view::accordion::SectionStates;
use crate::view::dom::{SECTION_ATTR, event_within, is_plain_click, section_index, set_attr};
use crate::view::mount::insert_static_view;
use crate::view::names::CONTENTS_LIST;
use crate::view::page::replace_fragment;
use crate::view::reading::ReadingPosition;

/// Entries built before the first paint: more than the rail shows.
const FIRST_ENTRIES: usize = 40;

/// Entries built at a time after the first paint, between looks at the task's clock.
const ENTRY_BATCH: usize = 100;

/// Contents entries: `(section index, section id, heading)`.
pub type Entries = Vec<(usize, String, String)>;

/// `(index, heading)` of every headed section of `sections`, the first of which is section
/// `first` of the article: what the contents list lists.
pub fn headed_sections(
    sections: &[Section],
    first: usize,
) -> impl Iterator<Item = (usize, String)> + '_ {
    sections
        .iter()
        .enumerate()
        .filter_map(move |(i, s)| s.heading.clone().map(|h| (first + i, h)))
}

/// `<nav aria-label="Contents">` listing the headed sections `entries` (`(section index,
/// section id, heading)`); one click listener opens and scrolls to the section of any entry.
#[component]
pub fn Contents(
    /// The first entries; more are added with [`ContentsList::add`].
    entries: Entries,
    /// The sections' open states, which following an entry changes.
    states: SectionStates,
) -> impl IntoView {
    let on_click = move |event: web_sys::MouseEvent| follow_entry(&states, &event);
    // role="navigation" repeats <nav>'s own role on purpose: reader modes drop elements with
    // that explicit role, and a list of links to collapsed sections is no use there.
    view! {
        <nav class="contents" role="navigation" aria-label=tr(Msg::Contents) on:click=on_click>
            <h2 class="rail-title">{ui(Msg::Contents)}</h2>
            <ol class=CONTENTS_LIST.name>
                <ContentsEntries entries />
            </ol>
        </nav>
    }
}

/// Follows the contents entry `event` clicked, if any: opens its section and scrolls to it.
/// Pre-rendered contents get it from `view::takeover`.
pub fn follow_entry(states: &SectionStates, event: &web_sys::MouseEvent) {
    if !is_plain_click(event) {
        return;
    }
    let index =
        event_within(event, "a.contents-link").and_then(|link| section_index(&link, states.len()));
    if let Some((index, id)) = index.and_then(|index| Some((index, states.id(index)?))) {
        event.prevent_default();
        replace_fragment(&id);
        states.open_and_reveal(index);
    }
}

/// Entries `(section index, section id, heading)` of the contents: static markup, like the
/// sections (the current entry is marked by [`ContentsList`]).
#[component]
pub fn ContentsEntries(
    /// The entries.
    entries: Entries,
) -> impl IntoView {
    entries
        .into_iter()
        .map(|(index, id, heading)| {
            view! {
                <li>
                    <a
                        class="contents-link"
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
///
/// The entry of the section being read carries `aria-current`: one effect moves the mark from
/// the entry that stops being current to the one that becomes it. Not a `Selector` with two
/// reactive attributes per entry: those effects and signals held more memory and took longer
/// to build (docs/performance.md, "Measured reasons"), for a mark that touches two entries at
/// a time.
pub struct ContentsList {
    list: Element,
}

impl ContentsList {
    /// Splits `entries` (`(section index, heading)`) into those rendered with the page and
    /// those [`attach`](Self::attach) adds after the first paint, with their section ids: building
    /// and styling all of a long list before the first paint delayed the title's paint
    /// (docs/performance.md, "Measured reasons").
    pub fn split(states: &SectionStates, entries: Vec<(usize, String)>) -> (Entries, Entries) {
        let mut first = with_ids(states, entries);
        let later = first.split_off(first.len().min(FIRST_ENTRIES));
        (first, later)
    }

    /// All of `entries` (`(section index, heading)`) with their section ids, to render with
    /// the page: a pre-rendered page has no "after the first paint" to add them in.
    pub fn split_all(states: &SectionStates, entries: Vec<(usize, String)>) -> (Entries, Entries) {
        (with_ids(states, entries), Vec::new())
    }

    /// Takes over the mounted `list` of a [`Contents`]: marks the entry being read from now
    /// on, and adds the `later` entries after the first paint, in short tasks.
    pub fn attach(list: Element, later: Entries, position: ReadingPosition) -> ContentsList {
        let marked = list.clone();
        Effect::new(move |previous: Option<Option<usize>>| {
            let current = position.current.get();
            if let Some(Some(old)) = previous.filter(|old| *old != current) {
                mark_current(&marked, old, false);
            }
            if let Some(index) = current {
                mark_current(&marked, index, true);
            }
            current
        });
        let contents = ContentsList { list };
        contents.add_later(later, position);
        contents
    }

    /// Adds entries `(section index, heading)` for sections added to `states` after the list
    /// was built (those of an article still arriving, added to the page with them).
    pub fn add(&self, states: &SectionStates, entries: Vec<(usize, String)>) {
        self.add_with_ids(with_ids(states, entries));
    }

    fn add_with_ids(&self, entries: Entries) {
        insert_static_view(&self.list, None, view! { <ContentsEntries entries /> });
    }

    /// Adds `entries` after the first paint, in short tasks (see [`crate::schedule`]), under
    /// the article's owner; stops when the article is gone (another one was loaded).
    fn add_later(&self, entries: Entries, position: ReadingPosition) {
        if entries.is_empty() {
            return;
        }
        let contents = ContentsList {
            list: self.list.clone(),
        };
        let owner = Owner::current();
        let mut entries = entries.into_iter().peekable();
        in_frames(move || {
            if position.current.try_get_untracked().is_none() {
                return false;
            }
            let clock = TaskClock::start();
            while entries.peek().is_some() && !clock.spent() {
                let batch: Entries = entries.by_ref().take(ENTRY_BATCH).collect();
                match &owner {
                    Some(owner) => owner.with(|| contents.add_with_ids(batch)),
                    None => contents.add_with_ids(batch),
                }
            }
            // The entry being read may be among those just added.
            if let Some(index) = position.current.get_untracked() {
                mark_current(&contents.list, index, true);
            }
            entries.peek().is_some()
        });
    }
}

fn with_ids(states: &SectionStates, entries: Vec<(usize, String)>) -> Entries {
    entries
        .into_iter()
        .map(|(index, heading)| (index, states.id(index).unwrap_or_default(), heading))
        .collect()
}

/// Marks or unmarks the entry of section `index` as the one being read.
fn mark_current(list: &Element, index: usize, current: bool) {
    let selector = format!("a[{SECTION_ATTR}=\"{index}\"]");
    let Some(link) = list.query_selector(&selector).ok().flatten() else {
        return;
    };
    _ = link.class_list().toggle_with_force("is-current", current);
    if current {
        set_attr(&link, "aria-current", "true");
    } else {
        _ = link.remove_attribute("aria-current");
    }
}
