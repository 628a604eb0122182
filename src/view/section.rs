//! A section: a lead without heading, or a collapsible section following the WAI-ARIA accordion
//! pattern. The toggle is the only element inside the `<h2>` and a real `<button>`, so Enter and
//! Space work natively. Closed panels use `hidden="until-found"`: find-in-page can still reach
//! their text, and `beforematch` opens the section; browsers without it treat the value as
//! ordinary `hidden`.
//!
//! Long articles have thousands of sections, so each is built once as plain DOM (see
//! [`crate::view::dom`]) with a single effect that applies its open state; clicks on toggles
//! and `beforematch` are handled once for the whole article ([`SectionStates::handle_click`],
//! [`SectionStates::handle_before_match`]).
//!
//! [`SectionStates::handle_click`]: crate::view::accordion::SectionStates::handle_click
//! [`SectionStates::handle_before_match`]: crate::view::accordion::SectionStates::handle_before_match

use leptos::prelude::*;
use web_sys::{Element, Node};

use crate::model::{PlacedMark, Section};
use crate::view::accordion::SectionState;
use crate::view::announce::build_copy_link_button;
use crate::view::blocks::SectionBlocks;
use crate::view::dom::{Content, Dom, first_child, next, set, set_flag};

/// Appends one section, with its open/closed state, to `parent`.
pub fn build_section(
    dom: &Dom,
    parent: &Node,
    section: Section,
    state: SectionState,
    marks: Vec<PlacedMark>,
) {
    let SectionState { id, expanded, .. } = state;
    let element = dom.element(parent, "section", "section");
    element.set_id(&id);
    let blocks = SectionBlocks {
        section_id: id.clone(),
        blocks: section.blocks,
        marks,
    };
    let Some(heading) = section.heading else {
        _ = element.class_list().add_1("section-lead");
        blocks.build(dom, &element);
        return;
    };
    SectionShell {
        id,
        heading,
        blocks,
        expanded,
    }
    .build(dom, &element);
}

/// A headed section's header, reader-mode heading and panel.
struct SectionShell {
    id: String,
    heading: String,
    blocks: SectionBlocks,
    expanded: RwSignal<bool>,
}

impl Content for SectionShell {
    fn build(&self, dom: &Dom, section: &Element) {
        let SectionShell {
            id,
            heading,
            blocks,
            expanded,
        } = self;
        let toggle_id = format!("{id}--toggle");
        let panel_id = format!("{id}--panel");
        // One prototype per page, cloned per section (see `Dom::copy_of`):
        // div.section-header > h2 > button > (span, span); h2.reader-only; div.section-panel.
        let parts = dom.copy_of("section", |dom| {
            let parts = dom.fragment();
            let header = dom.element(&parts, "div", "section-header");
            let h2 = dom.element(&header, "h2", "section-heading");
            let button = dom.element(&h2, "button", "section-toggle");
            set(&button, "type", "button");
            dom.element(&button, "span", "section-heading-text");
            let hint = dom.element(&button, "span", "section-toggle-hint");
            set(&hint, "aria-hidden", "true");
            // Reader modes (Readability) drop <button>, and with it the heading text above.
            // This copy is display:none by stylesheet: invisible to people, assistive
            // technology, find-in-page and print, but kept by reader modes.
            dom.element(&parts, "h2", "reader-only");
            let panel = dom.element(&parts, "div", "section-panel");
            set(&panel, "role", "region");
            parts
        });
        let header = first_child(&parts);
        let button = first_child(&first_child(&header));
        let text = first_child(&button);
        let hint = next(&text);
        let reader_heading = next(&header);
        let panel = next(&reader_heading);
        _ = section.append_child(&parts);

        button.set_id(&toggle_id);
        set(&button, "aria-controls", &panel_id);
        dom.text(&text, heading);
        build_copy_link_button(dom, &header, id, &format!("section: {heading}"));
        dom.text(&reader_heading, heading);
        panel.set_id(&panel_id);
        set(&panel, "aria-labelledby", &toggle_id);
        blocks.build(dom, &panel);

        let shown = Shown {
            section: section.clone(),
            button,
            hint,
            panel,
        };
        let initial = expanded.get_untracked();
        shown.apply(initial);
        let expanded = *expanded;
        // Applies only changes: the state at build time is already in place, and in a long
        // article applying it twice costs, each string crossing into JavaScript.
        Effect::new(move |applied: Option<bool>| {
            let open = expanded.get();
            if open != applied.unwrap_or(initial) {
                shown.apply(open);
            }
            open
        });
    }
}

/// The elements that show whether a section is open.
struct Shown {
    section: Element,
    button: Element,
    hint: Element,
    panel: Element,
}

impl Shown {
    fn apply(&self, open: bool) {
        _ = self.section.class_list().toggle_with_force("is-open", open);
        set_flag(&self.button, "aria-expanded", open);
        self.hint
            .set_text_content(Some(if open { "Hide" } else { "Show" }));
        if open {
            _ = self.panel.remove_attribute("hidden");
        } else {
            set(&self.panel, "hidden", "until-found");
        }
    }
}
