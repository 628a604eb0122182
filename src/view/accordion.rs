//! The state of all collapsible sections: opening from links and `#fragments`, "show all",
//! and remembering what the reader opened for the rest of the browser session.
//!
//! A long article has thousands of sections, so their open states are plain flags, not one
//! signal and effect each: a change is written straight to that section's elements (see
//! [`show_open`]), and one trigger tells the few parts that summarise all sections ("show all",
//! the remembered set). At 2,000 sections the per-section effects had cost about
//! 1.1 MB of wasm memory (README, Performance).

use std::cell::{Cell, OnceCell};
use std::collections::HashSet;
use std::rc::Rc;

use crate::model::json::{self, Json};
use crate::view::dom::{Dom, event_within, on, set, set_flag};
use crate::view::page::{Store, current_fragment, load, replace_fragment, reveal, save};
use crate::view::section::show_open;
use leptos::prelude::*;
use web_sys::{Element, Node};

/// Open/closed state of every section, shared by toggles, contents, figures and "show all".
#[derive(Clone)]
pub struct SectionStates {
    sections: Rc<Vec<SectionState>>,
    /// Notified after any section opens or closes.
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
    /// The `<section>` once it is built.
    element: OnceCell<Element>,
}

impl SectionState {
    /// Whether the panel is shown now.
    pub fn is_open(&self) -> bool {
        self.open.get()
    }
}

impl SectionStates {
    /// Creates the states from `(id, collapsible, initially open)`, then applies what the reader
    /// opened earlier in this session under `storage_key`, if anything.
    pub fn new(sections: Vec<(String, bool, bool)>, storage_key: Option<&str>) -> Self {
        // A set: a reader may have opened thousands of sections of a long article.
        let remembered: Option<HashSet<String>> = storage_key
            .and_then(|key| load(Store::Session, key))
            .and_then(|text| match json::parse(&text, 2) {
                Ok(Json::Array(items)) => Some(
                    items
                        .into_iter()
                        .filter_map(|item| match item {
                            Json::String(id) => Some(id.into_owned()),
                            _ => None,
                        })
                        .collect(),
                ),
                _ => None,
            });
        let states = sections
            .into_iter()
            .map(|(id, collapsible, open)| {
                let open = match &remembered {
                    Some(open_ids) if collapsible => open_ids.contains(&id),
                    _ => open || !collapsible,
                };
                SectionState {
                    id,
                    collapsible,
                    open: Cell::new(open),
                    element: OnceCell::new(),
                }
            })
            .collect();
        SectionStates {
            sections: Rc::new(states),
            changed: Trigger::new(),
            revealed: RwSignal::new(None),
        }
    }

    /// Opens or closes section `index`: its elements, if it is in the page yet (a section
    /// built later starts in the state it has then), and everything that summarises all.
    pub fn set_open(&self, index: usize, open: bool) {
        let Some(state) = self.sections.get(index) else {
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

    /// Records section `index`'s element, built in the state [`SectionState::is_open`] gave.
    pub fn built(&self, index: usize, section: Element) {
        if let Some(state) = self.sections.get(index) {
            _ = state.element.set(section);
        }
    }

    /// All sections in page order.
    pub fn all(&self) -> &[SectionState] {
        &self.sections
    }

    /// Opens section `index`, scrolls to it and focuses its toggle, if it has one.
    pub fn open_and_reveal(&self, index: usize) {
        if let Some(state) = self.open(index) {
            let focus = state.collapsible.then(|| format!("{}--toggle", state.id));
            reveal(state.id.clone(), focus, false);
        }
    }

    /// Opens section `index`, scrolls to the element `id` inside it, highlights it and moves
    /// focus there (such targets carry `tabindex="-1"`).
    pub fn open_and_flash(&self, index: usize, id: String) {
        if self.open(index).is_some() {
            reveal(id.clone(), Some(id), true);
        }
    }

    /// Opens section `index` and records it as the one the reader navigated to.
    fn open(&self, index: usize) -> Option<&SectionState> {
        let state = self.sections.get(index)?;
        self.set_open(index, true);
        self.revealed.set(Some(index));
        Some(state)
    }

    /// Handles a click anywhere in the article: a section toggle opens or closes its section
    /// (and an opened section's address goes into the URL). One listener serves every toggle.
    pub fn handle_click(&self, event: &web_sys::MouseEvent) {
        let Some(index) = self.section_of(event, "button.section-toggle") else {
            return;
        };
        let state = &self.sections[index];
        let open = !state.is_open();
        self.set_open(index, open);
        if open {
            replace_fragment(&state.id);
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
        self.sections
            .iter()
            .position(|s| s.collapsible && s.id == id)
    }

    /// Whether every collapsible section is open; a reactive read.
    pub fn all_open(&self) -> bool {
        self.changed.track();
        self.sections
            .iter()
            .filter(|s| s.collapsible)
            .all(SectionState::is_open)
    }

    /// Opens or closes every collapsible section.
    pub fn set_all(&self, open: bool) {
        for index in 0..self.sections.len() {
            self.set_open(index, open);
        }
    }

    /// Opens the section that holds the element named by the URL fragment and scrolls to it.
    /// A fragment always wins over remembered state.
    pub fn follow_fragment(&self) {
        let Some(id) = current_fragment() else { return };
        let Some(target) = document().get_element_by_id(&id) else {
            return;
        };
        let section_id = target
            .closest("section.section")
            .ok()
            .flatten()
            .map(|section| section.id());
        match section_id.and_then(|sid| self.sections.iter().position(|s| s.id == sid)) {
            Some(index) if self.sections[index].id == id => self.open_and_reveal(index),
            Some(index) => self.open_and_flash(index, id),
            // Outside the sections (a key figure card): bring it into view and highlight it.
            None => reveal(id.clone(), Some(id), true),
        }
    }

    /// Keeps the set of open sections in session storage under `key` whenever it changes.
    pub fn remember(&self, key: String) {
        let states = self.clone();
        Effect::new(move |_| {
            states.changed.track();
            let open: Vec<Json> = states
                .sections
                .iter()
                .filter(|s| s.collapsible && s.is_open())
                .map(|s| Json::string(&s.id))
                .collect();
            save(Store::Session, &key, &Json::Array(open).to_text());
        });
    }
}

/// "Show all sections" / "Hide all sections": one control reflecting and setting every section.
pub fn build_show_all(dom: &Dom, parent: &Node, states: SectionStates) {
    let button = dom.element(parent, "button", "show-all");
    set(&button, "type", "button");
    let icon = dom.element(&button, "span", "show-all-icon");
    set(&icon, "aria-hidden", "true");
    let label = dom.text_node("");
    _ = button.append_child(&label);
    let all_open = RwSignal::new(states.all_open());
    {
        let states = states.clone();
        on(&button, "click", move |_| {
            states.set_all(!all_open.get_untracked())
        });
    }
    let show = move |open: bool| {
        set_flag(&button, "aria-expanded", open);
        label.set_node_value(Some(if open {
            "Hide all sections"
        } else {
            "Show all sections"
        }));
    };
    show(all_open.get_untracked());
    Effect::new(move |shown: Option<bool>| {
        let open = states.all_open();
        if shown != Some(open) {
            show(open);
            all_open.set(open);
        }
        open
    });
}
