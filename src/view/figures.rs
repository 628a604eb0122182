//! The key-figures sidebar: each figure prominent, with its unit, date and source, numbered,
//! linked to the passage that states it (or its section), and with a copy-link control.
//!
//! The links of all cards are followed by one listener on the list.

use leptos::prelude::*;

use crate::i18n::{Msg, tr, tr_fill};
use crate::model::KeyFigure;
use crate::view::accordion::SectionStates;
use crate::view::announce::CopyLinkButton;
use crate::view::chart::SeriesChart;
use crate::view::dom::{event_within, is_plain_click, section_index};
use crate::view::inline::{SourceName, anchor_id, figure_id};
use crate::view::page::replace_fragment;
use crate::view::ui_text::{number, ui, ui_around};

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

/// The `<aside>` of key figures: `targets` says, for each figure, where its link leads. One
/// click listener follows every figure link (it opens the section first).
#[component]
pub fn KeyFigures(
    /// The figures, in the publisher's order.
    figures: Vec<KeyFigure>,
    /// For each figure, where its link leads, if anywhere.
    targets: Vec<Option<FigureTarget>>,
    /// The sections' open states, which following a link changes.
    states: SectionStates,
) -> impl IntoView {
    let cards = figures
        .into_iter()
        .zip(targets)
        .enumerate()
        .map(|(index, (figure, target))| {
            let link = target.and_then(|target| {
                let section_id = states.id(target.section)?;
                Some(FigureLink::new(index, &target, section_id))
            });
            view! { <FigureCard index figure link /> }
        })
        .collect_view();
    let on_click = move |event: web_sys::MouseEvent| follow_figure_link(&states, &event);
    view! {
        <aside class="key-figures" aria-label=tr(Msg::KeyFigures) on:click=on_click>
            <h2 class="rail-title">{ui(Msg::KeyFigures)}</h2>
            <ol class="figure-list">{cards}</ol>
        </aside>
    }
}

/// Follows the figure link `event` clicked, if any: opens its section and scrolls to the
/// passage or the section. Pre-rendered figures get it from `view::takeover`.
pub fn follow_figure_link(states: &SectionStates, event: &web_sys::MouseEvent) {
    if !is_plain_click(event) {
        return;
    }
    let Some(link) = event_within(event, "a.figure-link") else {
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
}

/// A figure's link into the article, worked out before rendering.
pub struct FigureLink {
    /// The fragment it leads to: the marked passage or the section.
    destination: String,
    /// Index of the section it opens.
    section: usize,
    /// Whether it leads to a marked passage.
    passage: bool,
    /// What the link says.
    text: AnyView,
}

impl FigureLink {
    fn new(index: usize, target: &FigureTarget, section_id: String) -> Self {
        let destination = if target.anchored {
            anchor_id(index)
        } else {
            section_id
        };
        let text = match (target.anchored, &target.heading) {
            (true, _) => ui(Msg::FigureWhere),
            (false, Some(heading)) => ui_around(Msg::FigureIn, heading.clone()),
            (false, None) => ui(Msg::FigureInIntroduction),
        };
        FigureLink {
            destination,
            section: target.section,
            passage: target.anchored,
            text,
        }
    }
}

/// One figure: number, value and unit, label, chart, detail, date and source, and its links.
#[component]
pub fn FigureCard(
    /// 0-based position in the list (shown 1-based).
    index: usize,
    /// The figure.
    figure: KeyFigure,
    /// Where its link leads; no link without one.
    link: Option<FigureLink>,
) -> impl IntoView {
    if figure.invalid.is_some() {
        return view! {
            <li class="figure figure-invalid" id=figure_id(index) tabindex="-1">
                <p class="placeholder">{ui(Msg::FigureInvalid)}</p>
            </li>
        }
        .into_any();
    }
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
    let copy_label = tr_fill(Msg::CopyLinkToFigure, &[&format!("{value} {label}")]);
    let chart = (!series.is_empty()).then(|| {
        let (unit, label) = (unit.clone(), label.clone());
        view! { <SeriesChart series unit label /> }
    });
    let meta = (as_of.is_some() || source.is_some()).then(|| {
        view! {
            <p class="figure-meta">
                {as_of.map(|when| view! { <span>{ui_around(Msg::FigureAsOf, when)}</span> })}
                {source
                    .map(|source| {
                        view! {
                            <span class="figure-source">
                                {ui(Msg::FigureSource)} " " <SourceName source />
                            </span>
                        }
                    })}
            </p>
        }
    });
    let link = link.map(|link| {
        view! {
            <a
                class="figure-link"
                href=format!("#{}", link.destination)
                data-passage=link.passage.then_some("")
                data-section=link.section.to_string()
            >
                {link.text}
            </a>
        }
    });
    view! {
        <li class="figure" id=figure_id(index) tabindex="-1">
            <p class="figure-value">
                <span class="figure-number" aria-hidden="true">{number(index + 1)}</span>
                {value}
                {unit.map(|unit| view! { <span class="figure-unit">" " {unit}</span> })}
            </p>
            <p class="figure-label">{label}</p>
            {chart}
            {detail.map(|detail| view! { <p class="figure-detail">{detail}</p> })}
            {meta}
            <div class="figure-actions">
                {link} <CopyLinkButton target=figure_id(index) label=copy_label />
            </div>
        </li>
    }
    .into_any()
}
