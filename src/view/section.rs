//! A section: a lead without heading, or a collapsible section following the WAI-ARIA accordion
//! pattern. The toggle is the only element inside the `<h2>` and a real `<button>`, so Enter and
//! Space work natively. Closed panels use `hidden="until-found"`: find-in-page can still reach
//! their text, and `beforematch` opens the section; browsers without it treat the value as
//! ordinary `hidden`.
//!
//! Long articles have thousands of sections, so each is built once as plain DOM (see
//! [`crate::view::dom`]) and has no reactive state of its own: a change of its open state is
//! written to it by [`show_open`]; clicks on toggles and `beforematch` are handled once for the
//! whole article ([`SectionStates::handle_click`], [`SectionStates::handle_before_match`]).
//!
//! [`SectionStates::handle_click`]: crate::view::accordion::SectionStates::handle_click
//! [`SectionStates::handle_before_match`]: crate::view::accordion::SectionStates::handle_before_match

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::model::{PlacedMark, Section};
use crate::view::announce::{copy_link_button, label_copy_link};
use crate::view::blocks::SectionBlocks;
use crate::view::dom::{Dom, first_child, next, set, set_flag};

/// Appends one section with page id `id` to `parent`, open or closed, and returns it.
pub fn build_section(
    dom: &Dom,
    parent: &Node,
    section: Section,
    id: &str,
    open: bool,
    marks: Vec<PlacedMark>,
) -> Element {
    let blocks = SectionBlocks {
        section_id: id.to_owned(),
        blocks: section.blocks,
        marks,
    };
    let Some(heading) = section.heading else {
        let element = dom.element(parent, "section", "section section-lead");
        element.set_id(id);
        blocks.build(dom, &element);
        return element;
    };
    build_headed(dom, parent, id, &heading, &blocks, open)
}

/// Shows a headed section built by [`build_section`] open or closed.
pub fn show_open(section: &Element, open: bool) {
    let header = first_child(section);
    let button = first_child(&first_child(&header));
    let hint = next(&first_child(&button));
    let panel = section.last_element_child();
    if let Some(panel) = panel {
        Shown {
            section: section.clone(),
            button,
            hint,
            panel,
        }
        .apply(open);
    }
}

/// Appends a headed section, showing `open`: header, reader-mode heading and panel.
fn build_headed(
    dom: &Dom,
    parent: &Node,
    id: &str,
    heading: &str,
    blocks: &SectionBlocks,
    open: bool,
) -> Element {
    // One prototype per state and page, cloned per section (see `Dom::copy_of`):
    // section > div.section-header > (h2 > button > (span, span), button.copy-link);
    // h2.reader-only; div.section-panel.
    let name = if open {
        "section-open"
    } else {
        "section-closed"
    };
    let section: Element = dom
        .copy_of(name, |dom| {
            let section = dom.detached("section", "section");
            let header = dom.element(&section, "div", "section-header");
            let h2 = dom.element(&header, "h2", "section-heading");
            let button = dom.element(&h2, "button", "section-toggle");
            set(&button, "type", "button");
            dom.element(&button, "span", "section-heading-text");
            let hint = dom.element(&button, "span", "section-toggle-hint");
            set(&hint, "aria-hidden", "true");
            _ = header.append_child(&copy_link_button(dom));
            // Reader modes (Readability) drop <button>, and with it the heading text above.
            // This copy is display:none by stylesheet: invisible to people, assistive
            // technology, find-in-page and print, but kept by reader modes.
            dom.element(&section, "h2", "reader-only");
            let panel = dom.element(&section, "div", "section-panel");
            set(&panel, "role", "region");
            let shown = Shown {
                section: section.clone(),
                button,
                hint,
                panel,
            };
            shown.apply(open);
            section.into()
        })
        .unchecked_into();
    let header = first_child(&section);
    let h2 = first_child(&header);
    let button = first_child(&h2);
    let text = first_child(&button);
    let copy_link = next(&h2);
    let reader_heading = next(&header);
    let panel = next(&reader_heading);

    let toggle_id = format!("{id}--toggle");
    let panel_id = format!("{id}--panel");
    section.set_id(id);
    button.set_id(&toggle_id);
    set(&button, "aria-controls", &panel_id);
    dom.text(&text, heading);
    label_copy_link(&copy_link, id, &format!("section: {heading}"));
    dom.text(&reader_heading, heading);
    panel.set_id(&panel_id);
    set(&panel, "aria-labelledby", &toggle_id);
    blocks.build(dom, &panel);
    _ = parent.append_child(&section);
    section
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
