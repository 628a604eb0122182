//! The key-figures sidebar: each figure prominent, with its unit, date and source, numbered,
//! linked to the passage that states it (or its section), and with a copy-link control.
//!
//! The cards are static, so they are built as plain DOM (see [`crate::view::dom`]); their
//! links are followed by one listener on the list.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::model::KeyFigure;
use crate::view::accordion::SectionStates;
use crate::view::announce::build_copy_link_button;
use crate::view::chart::build_series_chart;
use crate::view::dom::{Dom, SECTION_ATTR, event_within, is_plain_click, on, section_index, set};
use crate::view::inline::{anchor_id, build_source_name, figure_id};
use crate::view::page::replace_fragment;

/// On a figure link to a marked passage: present (the passage is highlighted, not the section).
const PASSAGE_ATTR: &str = "data-passage";

/// Where a figure's link leads: its marked passage, or only its section.
#[derive(Clone)]
pub struct FigureTarget {
    /// Section index.
    pub section: usize,
    /// Heading of that section, for the link text.
    pub heading: Option<String>,
    /// Whether the figure's anchor phrase is marked in the text.
    pub anchored: bool,
}

/// The `<aside>` of key figures: `targets` says, for each figure, where its link leads.
pub fn build_key_figures(
    dom: &Dom,
    parent: &Node,
    states: &SectionStates,
    figures: &[KeyFigure],
    targets: &[Option<FigureTarget>],
) {
    let aside = dom.element(parent, "aside", "key-figures");
    set(&aside, "aria-label", "Key figures");
    let title = dom.element(&aside, "h2", "rail-title");
    dom.text(&title, "Key figures");
    let list = dom.element(&aside, "ol", "figure-list");
    for (index, (figure, target)) in figures.iter().zip(targets).enumerate() {
        let section_id = target.as_ref().and_then(|t| states.id(t.section));
        build_card(
            dom,
            &list,
            index,
            figure,
            target.as_ref(),
            section_id.as_deref(),
        );
    }
    let states = states.clone();
    on(&aside, "click", move |event| {
        if !is_plain_click(event.unchecked_ref()) {
            return;
        }
        let Some(link) = event_within(&event, "a.figure-link") else {
            return;
        };
        let section = section_index(&link, states.len());
        let destination = link
            .get_attribute("href")
            .and_then(|href| href.strip_prefix('#').map(str::to_owned));
        let (Some(section), Some(destination)) = (section, destination) else {
            return;
        };
        event.prevent_default();
        replace_fragment(&destination);
        if link.has_attribute(PASSAGE_ATTR) {
            states.open_and_flash(section, destination);
        } else {
            states.open_and_reveal(section);
        }
    });
}

fn build_card(
    dom: &Dom,
    list: &Element,
    index: usize,
    figure: &KeyFigure,
    target: Option<&FigureTarget>,
    section_id: Option<&str>,
) {
    let KeyFigure {
        value,
        label,
        detail,
        as_of,
        unit,
        source,
        series,
        ..
    } = figure;
    let card = dom.element(list, "li", "figure");
    card.set_id(&figure_id(index));
    set(&card, "tabindex", "-1");
    let value_line = dom.element(&card, "p", "figure-value");
    let number = dom.element(&value_line, "span", "figure-number");
    set(&number, "aria-hidden", "true");
    dom.text(&number, &(index + 1).to_string());
    dom.text(&value_line, value);
    if let Some(unit) = unit {
        let span = dom.element(&value_line, "span", "figure-unit");
        dom.text(&span, " ");
        dom.text(&span, unit);
    }
    let label_line = dom.element(&card, "p", "figure-label");
    dom.text(&label_line, label);
    if !series.is_empty() {
        build_series_chart(dom, &card, series, unit.as_deref(), label);
    }
    if let Some(detail) = detail {
        let p = dom.element(&card, "p", "figure-detail");
        dom.text(&p, detail);
    }
    if as_of.is_some() || source.is_some() {
        let meta = dom.element(&card, "p", "figure-meta");
        if let Some(when) = as_of {
            let span = dom.element(&meta, "span", "");
            dom.text(&span, "As of ");
            dom.text(&span, when);
        }
        if let Some(source) = source {
            let span = dom.element(&meta, "span", "figure-source");
            dom.text(&span, "Source: ");
            build_source_name(dom, &span, source);
        }
    }
    let actions = dom.element(&card, "div", "figure-actions");
    if let (Some(target), Some(section_id)) = (target, section_id) {
        let link = dom.element(&actions, "a", "figure-link");
        let destination = if target.anchored {
            set(&link, PASSAGE_ATTR, "");
            anchor_id(index)
        } else {
            section_id.to_owned()
        };
        set(&link, "href", &format!("#{destination}"));
        set(&link, SECTION_ATTR, &target.section.to_string());
        let text = match (target.anchored, &target.heading) {
            (true, _) => "Where the article says this".to_owned(),
            (false, Some(heading)) => format!("In: {heading}"),
            (false, None) => "In the introduction".to_owned(),
        };
        dom.text(&link, &text);
    }
    build_copy_link_button(
        dom,
        &actions,
        &figure_id(index),
        &format!("key figure: {value} {label}"),
    );
}
