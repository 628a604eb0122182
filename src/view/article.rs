//! One article: display controls, header, lead, contents and key figures, sections, footer.

use std::rc::Rc;

use leptos::prelude::*;

use crate::model::{KeyFigure, PlacedMark, PreparedArticle, structured_data};
use crate::timing::mark;
use crate::view::accordion::{SectionStates, ShowAllToggle};
use crate::view::announce::{Announcements, Announcer};
use crate::view::contents::TableOfContents;
use crate::view::display::DisplayControls;
use crate::view::dom::{Content, Dom, fill};
use crate::view::figures::{FigureTarget, KeyFigures};
use crate::view::footer::{ArticleFooter, ProblemsNote};
use crate::view::header::{ArticleHeader, HeaderContent};
use crate::view::page::{set_document_metadata, set_structured_data};
use crate::view::progressive::{PendingSection, ProgressiveSections};
use crate::view::reading::{ReadingPosition, ReadingProgress};
use crate::view::section::SectionView;

/// Renders a prepared article and makes the page's title, language and direction follow it.
#[component]
pub fn ArticleView(
    /// The article with its derived ids, targets and problems.
    prepared: PreparedArticle,
    /// Session-storage key under which the open sections are remembered; `None` to not remember.
    #[prop(optional, into)]
    storage_key: Option<String>,
) -> impl IntoView {
    let marks = prepared.marks();
    let PreparedArticle {
        mut article,
        section_ids,
        figure_targets,
        figure_anchors,
        dir,
        reading_minutes,
        problems,
    } = prepared;
    set_document_metadata(&article.title, article.lang.as_deref(), dir.as_attr());
    let page_url = window()
        .location()
        .href()
        .ok()
        .map(|h| h.split('#').next().unwrap_or_default().to_owned());
    set_structured_data(&structured_data(&article, page_url.as_deref()).to_text());
    for problem in &problems {
        leptos::logging::warn!("article problem: {problem}");
    }

    let states = SectionStates::new(
        article
            .sections
            .iter()
            .zip(&section_ids)
            .map(|(section, id)| (id.clone(), section.heading.is_some(), !section.collapsed))
            .collect(),
        storage_key.as_deref(),
    );
    provide_context(states.clone());
    if let Some(key) = storage_key {
        states.remember(key);
    }
    // Fragments are followed once every section is in the page (long articles render in slices).
    let complete = RwSignal::new(false);
    follow_fragments(states.clone(), complete);
    // Effects run once the view is in the page: the first screen, then the last slice.
    Effect::new(move |previous: Option<()>| {
        if previous.is_none() {
            mark("viewer:rendered");
        }
        if complete.get() {
            mark("viewer:complete");
        }
    });
    let announcer = Announcer::provide();
    let position = ReadingPosition::track(states.clone());

    let contents: Vec<(usize, String)> = article
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.heading.clone().map(|h| (i, h)))
        .collect();
    let collapsible_count = contents.len();
    let contents =
        (collapsible_count > 1).then(|| view! { <TableOfContents entries=contents position /> });
    let targets: Vec<Option<FigureTarget>> = figure_targets
        .iter()
        .zip(&figure_anchors)
        .map(|(target, anchor)| {
            target.map(|section| FigureTarget {
                section,
                heading: article.sections[section].heading.clone(),
                anchored: anchor.is_some(),
            })
        })
        .collect();
    let reader_figures = (!article.key_figures.is_empty()).then(|| {
        let summary: Rc<dyn Content> = Rc::new(ReaderSummary::new(&article.key_figures));
        view! { <div class="reader-only" use:fill=summary></div> }
    });
    // Reader modes drop the header; a sponsored article must still say so there.
    let reader_notice = article.sponsor.as_ref().map(|sponsor| {
        let label = article
            .label
            .clone()
            .unwrap_or_else(|| "Sponsored".to_owned());
        view! { <p class="reader-only">{format!("{label}. Paid for by {}.", sponsor.name)}</p> }
    });
    let key_figures = std::mem::take(&mut article.key_figures);
    let figures =
        (!key_figures.is_empty()).then(|| view! { <KeyFigures figures=key_figures targets /> });
    let has_rail = contents.is_some() || figures.is_some();

    let article_lang = article.lang.clone();
    let sponsor = article.sponsor.clone();
    let copyright = article.copyright.clone();
    let all_sections = std::mem::take(&mut article.sections);
    // What is left of the article (no sections, no figures) is the header's.
    let header = HeaderContent {
        article,
        reading_minutes,
    };
    let mut sections = all_sections
        .into_iter()
        .zip(states.all().iter().cloned())
        .enumerate()
        .map(|(index, (section, state))| {
            let marks: Vec<PlacedMark> = marks
                .iter()
                .filter(|m| m.section == index)
                .copied()
                .collect();
            (section, state, marks)
        });
    let first = sections
        .next()
        .map(|(section, state, marks)| view! { <SectionView section state marks /> });
    let rest: Vec<PendingSection> = sections.collect();

    view! {
        <ReadingProgress position />
        <article
            class="article"
            lang=article_lang
            dir=dir.as_attr()
            on:click={
                let states = states.clone();
                move |ev| {
                    states.handle_click(&ev);
                    announcer.copy_link_from_click(&ev);
                }
            }
            on:beforematch={
                let states = states.clone();
                move |ev: web_sys::Event| states.handle_before_match(&ev)
            }
        >
            <DisplayControls />
            <ArticleHeader content=header />
            <div class="article-body" class:has-rail=has_rail>
                <div class="article-lead">{reader_notice}{first}</div>
                {has_rail.then(|| view! { <div class="article-rail">{contents}{figures}</div> })}
                <div class="article-sections">
                    {(collapsible_count > 1).then(|| view! { <ShowAllToggle /> })}
                    <ProgressiveSections sections=rest complete />
                    {reader_figures}
                    // Inside the body, not after it: reader modes keep only the main column.
                    <ArticleFooter sponsor copyright />
                </div>
            </div>
            <ProblemsNote problems />
        </article>
        <Announcements announcer />
    }
}

/// The key figures once more as plain text for reader modes, which drop `<aside>`; hidden
/// from everyone else by the stylesheet (see `.reader-only`).
struct ReaderSummary(Vec<String>);

impl ReaderSummary {
    fn new(figures: &[KeyFigure]) -> Self {
        ReaderSummary(
            figures
                .iter()
                .map(|f| {
                    let mut line = f.value.clone();
                    if let Some(unit) = &f.unit {
                        line.push(' ');
                        line.push_str(unit);
                    }
                    line.push_str(": ");
                    line.push_str(&f.label);
                    if let Some(as_of) = &f.as_of {
                        line.push_str(&format!(" (as of {as_of})"));
                    }
                    if let Some(source) = &f.source {
                        line.push_str(&format!(". Source: {}", source.name));
                    }
                    line
                })
                .collect(),
        )
    }
}

impl Content for ReaderSummary {
    fn build(&self, dom: &Dom, parent: &web_sys::Element) {
        let heading = dom.element(parent, "h2", "");
        dom.text(&heading, "Key figures");
        let list = dom.element(parent, "ul", "");
        for line in &self.0 {
            let item = dom.element(&list, "li", "");
            dom.text(&item, line);
        }
    }
}

/// Opens and scrolls to the `#fragment` target once every section is in the page, and again on
/// every `hashchange`.
fn follow_fragments(states: SectionStates, complete: RwSignal<bool>) {
    let on_change = states.clone();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        on_change.follow_fragment();
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        if complete.get() {
            let states = states.clone();
            request_animation_frame(move || states.follow_fragment());
        }
    });
}
