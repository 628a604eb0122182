//! The state of all collapsible sections: opening from links and `#fragments`, "show all",
//! and remembering what the reader opened for the rest of the browser session.
//!
//! A long article has thousands of sections, so their open states are plain flags, not one
//! signal and effect each: a change is written straight to that section's elements (see
//! [`show_open`]), and one trigger tells the few parts that summarise all sections ("show all",
//! the remembered set). Nothing per section waits in the reactive system, and sections can be
//! added while the article is still arriving. Measured at 2,000 sections against a signal per
//! section (`scripts/bench section-state`), the flags build the sections in less time and open
//! them all faster: docs/performance.md, "Section state".

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use crate::view::dom::event_within;
use crate::view::names::{SECTION_TOGGLE, toggle_id};
use crate::view::page::{
    Store, fragment_target, read_stored, replace_fragment, reveal, write_stored,
};
use crate::view::section::{PRERENDERED_PART, make_live, show_open};
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::model::Section;
use crate::view::ui_text::ui;
use web_sys::Element;

/// `(id, collapsible, open as published)` of each of `sections`, whose page ids are `ids`, for
/// [`SectionStates`].
pub fn section_flags(sections: &[Section], ids: &[String]) -> Vec<(String, bool, bool)> {
    sections
        .iter()
        .zip(ids)
        .map(|(section, id)| (id.clone(), section.heading.is_some(), !section.collapsed))
        .collect()
}

/// Open/closed state of every section, shared by toggles, contents, figures and "show all".
/// Sections can be added while the article is still arriving ([`SectionStates::extend`]).
#[derive(Clone)]
pub struct SectionStates {
    sections: Rc<RefCell<Vec<SectionState>>>,
    /// The ids the reader had open earlier in this session, applied to sections as they come.
    remembered: Rc<RefCell<Option<HashSet<String>>>>,
    /// What "show all" or "hide all" last set, for sections added after it.
    all: Rc<Cell<Option<bool>>>,
    /// Notified after any section opens, closes or is added.
    changed: Trigger,
    /// The section the reader last navigated to (link, contents, fragment), so the contents
    /// can mark it even when the page cannot scroll it to the top.
    pub revealed: RwSignal<Option<usize>>,
}

/// One section's id and whether its panel is shown.
pub struct SectionState {
    /// The page id of the section.
    pub id: String,
    /// Whether the section collapses at all (a lead without heading does not).
    pub collapsible: bool,
    /// True while the panel is shown; always true for a lead.
    open: Cell<bool>,
    /// The `<section>` once it is built, or once a written page's section is made live.
    element: OnceCell<Element>,
    /// A written page's section not made live yet ([`SectionStates::sleep`]): shown open, as
    /// published without scripts, until something wakes it.
    asleep: RefCell<Option<Element>>,
}

impl SectionState {
    /// Whether the panel is shown now.
    pub fn is_open(&self) -> bool {
        self.open.get()
    }
}

/// Most collapsible sections an article may have for their panels to be landmark regions.
const MAX_REGIONS: usize = 6;

impl SectionStates {
    /// Whether section panels are landmark regions: while the article has at most six
    /// collapsible sections (the WAI-ARIA APG accordion's advice: more regions make the
    /// landmark list useless). Asked as each slice is built; sections only ever get added, so
    /// at most six panels are ever built as regions.
    pub fn panels_are_regions(&self) -> bool {
        self.with_all(|all| all.iter().filter(|s| s.collapsible).count() <= MAX_REGIONS)
    }

    /// Creates the states from `(id, collapsible, initially open)`.
    pub fn new(sections: Vec<(String, bool, bool)>) -> Self {
        let states = SectionStates {
            sections: Rc::new(RefCell::new(Vec::new())),
            remembered: Rc::new(RefCell::new(None)),
            all: Rc::new(Cell::new(None)),
            changed: Trigger::new(),
            revealed: RwSignal::new(None),
        };
        states.extend(sections);
        states
    }

    /// Applies what the reader opened earlier in this session under `storage_key` (an
    /// article's is [`open_sections_key`]), if
    /// anything, to the sections not yet in the page and to those added later; then keeps the
    /// set of open sections there whenever it changes. Reads storage: call it from an effect.
    pub fn restore_and_remember(&self, storage_key: String) {
        // A set: a reader may have opened thousands of sections of a long article.
        let remembered = read_stored(Store::Session, &storage_key)
            .and_then(|text| serde_json::from_slice::<HashSet<String>>(text.as_bytes()).ok());
        if let Some(open_ids) = &remembered {
            self.with_all(|all| {
                for state in all
                    .iter()
                    .filter(|s| s.collapsible && s.element.get().is_none())
                {
                    state.open.set(open_ids.contains(&state.id));
                }
            });
            self.changed.notify();
        }
        *self.remembered.borrow_mut() = remembered;
        self.remember(storage_key);
    }

    /// Adds sections after the last, as [`new`](Self::new) takes them.
    /// Sections added after "show all" or "hide all" follow it while every section is still
    /// as it set them (the reader pressed it while the article was arriving).
    pub fn extend(&self, sections: Vec<(String, bool, bool)>) {
        let remembered = self.remembered.borrow();
        let remembered = remembered.as_ref();
        let all = self.all.get().filter(|set| {
            self.with_all(|all| all.iter().all(|s| !s.collapsible || s.is_open() == *set))
        });
        let added = sections.into_iter().map(|(id, collapsible, open)| {
            let open = match (all, remembered) {
                (Some(set), _) if collapsible => set,
                (None, Some(open_ids)) if collapsible => open_ids.contains(&id),
                _ => open || !collapsible,
            };
            SectionState {
                id,
                collapsible,
                open: Cell::new(open),
                element: OnceCell::new(),
                asleep: RefCell::new(None),
            }
        });
        self.sections.borrow_mut().extend(added);
        self.changed.notify();
    }

    /// Opens or closes section `index`: its elements, if it is in the page yet (a section
    /// built later starts in the state it has then), and everything that summarises all.
    pub fn set_open(&self, index: usize, open: bool) {
        // A section still asleep is shown open: made live first, the change then applies to it.
        self.wake(index, false);
        let sections = self.sections.borrow();
        let Some(state) = sections.get(index) else {
            return;
        };
        if !state.collapsible || state.open.replace(open) == open {
            return;
        }
        if let Some(section) = state.element.get() {
            show_open(section, open);
        }
        self.changed.notify();
    }

    /// Keeps section `index` of a pre-rendered page as it is (open, its toggle inert) until
    /// [`wake`](Self::wake): making a section live changes the page, and on a long article
    /// every change costs the browser a layout of all of it (`view::waking`).
    pub fn sleep(&self, index: usize, section: Element) {
        if let Some(state) = self.sections.borrow().get(index) {
            state.asleep.replace(Some(section));
        }
    }

    /// Whether section `index` still waits to be made live.
    pub fn is_asleep(&self, index: usize) -> bool {
        self.with_all(|all| all.get(index).is_some_and(|s| s.asleep.borrow().is_some()))
    }

    /// Makes section `index` live if it is asleep: its state becomes the one it should have
    /// (as published, or as the reader left it), written to it only when `may_close` (it is
    /// below the window, so closing it moves nothing the reader sees), and its controls work.
    pub fn wake(&self, index: usize, may_close: bool) {
        let sections = self.sections.borrow();
        let Some(state) = sections.get(index) else {
            return;
        };
        let Some(section) = state.asleep.take() else {
            return;
        };
        _ = section.remove_attribute(PRERENDERED_PART);
        let mut opened = false;
        if state.collapsible {
            opened = !may_close && !state.open.replace(true);
            make_live(&section, state.is_open());
        }
        _ = state.element.set(section);
        drop(sections);
        if opened {
            // Seen open by the reader, so open from now on, and remembered so.
            self.changed.notify();
        }
    }

    /// Records section `index`'s element, built in the state [`SectionState::is_open`] gave.
    pub fn built(&self, index: usize, section: Element) {
        if let Some(state) = self.sections.borrow().get(index) {
            _ = state.element.set(section);
        }
    }

    /// Calls `read` with all sections so far, in page order.
    pub fn with_all<R>(&self, read: impl FnOnce(&[SectionState]) -> R) -> R {
        read(&self.sections.borrow())
    }

    /// The page id of section `index`.
    pub fn id(&self, index: usize) -> Option<String> {
        self.with_all(|all| all.get(index).map(|s| s.id.clone()))
    }

    /// The page id of section `index` and whether it is open now.
    pub fn id_and_state(&self, index: usize) -> Option<(String, bool)> {
        self.with_all(|all| all.get(index).map(|s| (s.id.clone(), s.is_open())))
    }

    /// How many sections there are so far.
    pub fn len(&self) -> usize {
        self.with_all(<[SectionState]>::len)
    }

    /// Opens section `index`, scrolls to it and focuses its toggle, if it has one.
    pub fn open_and_reveal(&self, index: usize) {
        if let Some((id, collapsible)) = self.open(index) {
            let focus = collapsible.then(|| toggle_id(&id));
            reveal(id, focus, false);
        }
    }

    /// Opens section `index`, scrolls to the element `id` inside it, highlights it and moves
    /// focus there (such targets carry `tabindex="-1"`).
    pub fn open_and_flash(&self, index: usize, id: String) {
        if self.open(index).is_some() {
            reveal(id.clone(), Some(id), true);
        }
    }

    /// Opens section `index` and records it as the one the reader navigated to; its id and
    /// whether it collapses.
    fn open(&self, index: usize) -> Option<(String, bool)> {
        let found = self.with_all(|all| all.get(index).map(|s| (s.id.clone(), s.collapsible)))?;
        self.set_open(index, true);
        self.revealed.set(Some(index));
        Some(found)
    }

    /// Handles a click anywhere in the article: a section toggle opens or closes its section
    /// (and an opened section's address goes into the URL). One listener serves every toggle.
    pub fn handle_click(&self, event: &web_sys::MouseEvent) {
        // A toggle still asleep is its heading's text: pressed, it acts as the live one would.
        let Some(index) = self.section_of(event, SECTION_TOGGLE.selector) else {
            return;
        };
        self.wake(index, false);
        let (id, open) = self.with_all(|all| (all[index].id.clone(), !all[index].is_open()));
        self.set_open(index, open);
        if open {
            replace_fragment(&id);
        }
    }

    /// Handles `beforematch` (find-in-page found text in a closed panel): opens that section.
    pub fn handle_before_match(&self, event: &web_sys::Event) {
        if let Some(index) = self.section_of(event, "div.section-panel") {
            self.set_open(index, true);
        }
    }

    /// The collapsible section whose `selector` element the event happened in.
    fn section_of(&self, event: &web_sys::Event, selector: &str) -> Option<usize> {
        let section = event_within(event, selector)?
            .closest("section.section")
            .ok()
            .flatten()?;
        let id = section.id();
        self.with_all(|all| all.iter().position(|s| s.collapsible && s.id == id))
    }

    /// Whether every collapsible section is open; a reactive read.
    pub fn all_open(&self) -> bool {
        self.changed.track();
        self.with_all(|all| {
            all.iter()
                .filter(|s| s.collapsible)
                .all(SectionState::is_open)
        })
    }

    /// Opens or closes every collapsible section.
    pub fn set_all(&self, open: bool) {
        self.all.set(Some(open));
        for index in 0..self.len() {
            if open && self.is_asleep(index) {
                // Shown open already: it is only recorded, and wakes open (waking 2,000
                // sections in one task kept a long article's "show all" busy for 430 ms).
                self.with_all(|all| all[index].open.set(true));
            } else {
                self.set_open(index, open);
            }
        }
        self.changed.notify();
    }

    /// Opens the section that holds the element named by the URL fragment and scrolls to it.
    /// A fragment always wins over remembered state.
    pub fn follow_fragment(&self) {
        let Some((id, target)) = fragment_target() else {
            return;
        };
        let section_id = target
            .closest("section.section")
            .ok()
            .flatten()
            .map(|section| section.id());
        let index =
            section_id.and_then(|sid| self.with_all(|all| all.iter().position(|s| s.id == sid)));
        match index {
            Some(index) if self.id(index).as_deref() == Some(id.as_str()) => {
                self.open_and_reveal(index)
            }
            Some(index) => self.open_and_flash(index, id),
            // Outside the sections (a key figure card): bring it into view and highlight it.
            None => reveal(id.clone(), Some(id), true),
        }
    }

    /// Keeps the set of open sections in session storage under `key` whenever it changes.
    fn remember(&self, key: String) {
        let states = self.clone();
        Effect::new(move |_| {
            states.changed.track();
            let open = states.with_all(|all| {
                let open: Vec<&str> = all
                    .iter()
                    .filter(|s| s.collapsible && s.is_open())
                    .map(|s| s.id.as_str())
                    .collect();
                serde_json::to_string(&open).unwrap_or_default()
            });
            write_stored(Store::Session, &key, &open);
        });
    }
}

/// "Show all sections" / "Hide all sections": one control reflecting and setting every section.
#[component]
pub fn ShowAll(
    /// Every section's open state.
    states: SectionStates,
) -> impl IntoView {
    let all_open = RwSignal::new(states.all_open());
    let watched = states.clone();
    // The states are plain flags behind one trigger: this follows every change of them.
    Effect::new(move |_| {
        let open = watched.all_open();
        if all_open.get_untracked() != open {
            all_open.set(open);
        }
    });
    view! {
        <button
            class="show-all"
            type="button"
            aria-expanded=move || all_open.get().to_string()
            on:click=move |_| states.set_all(!all_open.get_untracked())
        >
            <span class="show-all-icon" aria-hidden="true"></span>
            {move || ui(if all_open.get() { Msg::HideAll } else { Msg::ShowAll })}
        </button>
    }
}
