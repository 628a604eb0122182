//! The key-figures sidebar: each figure prominent, with its context, linked to its section.

use leptos::prelude::*;

use crate::model::{KeyFigure, Source};
use crate::view::accordion::SectionStates;
use crate::view::page::replace_fragment;

/// The `<aside>` of key figures.
#[component]
pub fn KeyFigures(
    /// The figures in display order.
    figures: Vec<KeyFigure>,
    /// For each figure, the index of the section that states it.
    targets: Vec<Option<usize>>,
    /// Heading of every section, for the link text.
    headings: Vec<Option<String>>,
    /// Page id of every section, for the link target.
    section_ids: Vec<String>,
) -> impl IntoView {
    let states = expect_context::<SectionStates>();
    let items = figures
        .into_iter()
        .zip(targets)
        .map(|(figure, target)| {
            let link = target.map(|index| {
                let id = section_ids[index].clone();
                let heading = headings[index]
                    .clone()
                    .unwrap_or_else(|| "the introduction".into());
                let href = format!("#{id}");
                let states = states.clone();
                let open = move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    replace_fragment(&id);
                    states.open_and_reveal(index);
                };
                view! {
                    <a class="figure-link" href=href on:click=open>
                        {format!("In the article: {heading}")}
                    </a>
                }
            });
            view! { <FigureCard figure link /> }
        })
        .collect_view();
    view! {
        <aside class="key-figures" aria-label="Key figures">
            <h2 class="rail-title">"Key figures"</h2>
            <ul class="figure-list">{items}</ul>
        </aside>
    }
}

#[component]
fn FigureCard(figure: KeyFigure, link: Option<impl IntoView + 'static>) -> impl IntoView {
    let KeyFigure {
        value,
        label,
        detail,
        as_of,
        source,
        ..
    } = figure;
    view! {
        <li class="figure">
            <p class="figure-value">{value}</p>
            <p class="figure-label">{label}</p>
            {detail.map(|d| view! { <p class="figure-detail">{d}</p> })}
            {(as_of.is_some() || source.is_some()).then(|| view! {
                <p class="figure-meta">
                    {as_of.map(|when| format!("As of {when}"))}
                    {source.map(source_view)}
                </p>
            })}
            {link}
        </li>
    }
}

fn source_view(source: Source) -> impl IntoView {
    let Source { name, url } = source;
    let name_view = match url.and_then(|u| u.safe) {
        Some(url) => view! { <a href=url rel="noopener noreferrer">{name}</a> }.into_any(),
        None => name.into_any(),
    };
    view! { <span class="figure-source">" · Source: " {name_view}</span> }
}
