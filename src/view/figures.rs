//! The key-figures sidebar: each figure prominent, with its unit, date and source, numbered,
//! linked to the passage that states it (or its section), and with a copy-link control.

use leptos::prelude::*;

use crate::model::{KeyFigure, Source};
use crate::view::accordion::SectionStates;
use crate::view::announce::CopyLinkButton;
use crate::view::chart::SeriesChart;
use crate::view::inline::{anchor_id, figure_id, source_name};
use crate::view::page::replace_fragment;

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

/// The `<aside>` of key figures.
#[component]
pub fn KeyFigures(
    /// The figures in display order.
    figures: Vec<KeyFigure>,
    /// For each figure, where its link leads, if anywhere.
    targets: Vec<Option<FigureTarget>>,
) -> impl IntoView {
    let states = expect_context::<SectionStates>();
    let items = figures
        .into_iter()
        .zip(targets)
        .enumerate()
        .map(|(index, (figure, target))| {
            let link = target.map(|target| figure_link(&states, index, target));
            view! { <FigureCard index figure link /> }
        })
        .collect_view();
    view! {
        <aside class="key-figures" aria-label="Key figures">
            <h2 class="rail-title">"Key figures"</h2>
            <ol class="figure-list">{items}</ol>
        </aside>
    }
}

fn figure_link(
    states: &SectionStates,
    index: usize,
    target: FigureTarget,
) -> impl IntoView + use<> {
    let FigureTarget {
        section,
        heading,
        anchored,
    } = target;
    let section_id = states.all()[section].id.clone();
    let destination = if anchored {
        anchor_id(index)
    } else {
        section_id
    };
    let href = format!("#{destination}");
    let states = states.clone();
    let follow = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        replace_fragment(&destination);
        if anchored {
            states.open_and_flash(section, destination.clone());
        } else {
            states.open_and_reveal(section);
        }
    };
    let text = match (anchored, heading) {
        (true, _) => "Where the article says this".to_owned(),
        (false, Some(heading)) => format!("In: {heading}"),
        (false, None) => "In the introduction".to_owned(),
    };
    view! { <a class="figure-link" href=href on:click=follow>{text}</a> }
}

#[component]
fn FigureCard(
    index: usize,
    figure: KeyFigure,
    link: Option<impl IntoView + 'static>,
) -> impl IntoView {
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
    let copy_label = format!("key figure: {value} {label}");
    let chart = (!series.is_empty()).then(|| {
        view! { <SeriesChart series unit=unit.clone() label=label.clone() /> }
    });
    view! {
        <li class="figure" id=figure_id(index) tabindex="-1">
            <p class="figure-value">
                <span class="figure-number" aria-hidden="true">{index + 1}</span>
                {value}
                {unit.map(|u| view! { <span class="figure-unit">" " {u}</span> })}
            </p>
            <p class="figure-label">{label}</p>
            {chart}
            {detail.map(|d| view! { <p class="figure-detail">{d}</p> })}
            {(as_of.is_some() || source.is_some()).then(|| view! {
                <p class="figure-meta">
                    {as_of.map(|when| view! { <span>"As of " {when}</span> })}
                    {source.map(source_view)}
                </p>
            })}
            <div class="figure-actions">
                {link}
                <CopyLinkButton id=figure_id(index) label=copy_label />
            </div>
        </li>
    }
}

fn source_view(source: Source) -> impl IntoView {
    view! { <span class="figure-source">"Source: " {source_name(source)}</span> }
}
