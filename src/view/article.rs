//! One article: display controls, header, lead, contents and key figures, sections, footer.

use leptos::prelude::*;

use crate::model::{PreparedArticle, Section};
use crate::view::accordion::{SectionState, SectionStates, ShowAllToggle};
use crate::view::announce::{Announcements, Announcer};
use crate::view::contents::TableOfContents;
use crate::view::display::DisplayControls;
use crate::view::figures::KeyFigures;
use crate::view::footer::{ArticleFooter, ProblemsNote};
use crate::view::header::ArticleHeader;
use crate::view::page::set_document_metadata;
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
    let PreparedArticle {
        article,
        section_ids,
        figure_targets,
        dir,
        reading_minutes,
        problems,
    } = prepared;
    set_document_metadata(&article.title, article.lang.as_deref(), dir.as_attr());
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
    follow_fragments(states.clone());
    let announcer = Announcer::provide();
    let position = ReadingPosition::track(states.clone());

    let headings: Vec<Option<String>> =
        article.sections.iter().map(|s| s.heading.clone()).collect();
    let contents: Vec<(usize, String)> = headings
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.clone().map(|h| (i, h)))
        .collect();
    let collapsible_count = contents.len();
    let contents =
        (collapsible_count > 1).then(|| view! { <TableOfContents entries=contents position /> });
    let figures = (!article.key_figures.is_empty()).then(|| {
        view! {
            <KeyFigures
                figures=article.key_figures
                targets=figure_targets
                headings=headings
                section_ids=section_ids
            />
        }
    });
    let has_rail = contents.is_some() || figures.is_some();

    let article_lang = article.lang.clone();
    let mut sections = article
        .sections
        .into_iter()
        .zip(states.all().iter().cloned());
    let first = sections.next().map(render_section);
    let rest = sections.map(render_section).collect_view();

    view! {
        <ReadingProgress position />
        <article class="article" lang=article_lang dir=dir.as_attr()>
            <DisplayControls />
            <ArticleHeader
                label=article.label
                title=article.title
                standfirst=article.standfirst
                authors=article.authors
                published=article.published
                updated=article.updated
                source=article.source
                sponsor=article.sponsor.clone()
                lang=article.lang
                reading_minutes
            />
            <div class="article-body" class:has-rail=has_rail>
                <div class="article-lead">{first}</div>
                {has_rail.then(|| view! { <div class="article-rail">{contents}{figures}</div> })}
                <div class="article-sections">
                    {(collapsible_count > 1).then(|| view! { <ShowAllToggle /> })}
                    {rest}
                </div>
            </div>
            <ArticleFooter sponsor=article.sponsor copyright=article.copyright />
            <ProblemsNote problems />
        </article>
        <Announcements announcer />
    }
}

fn render_section((section, state): (Section, SectionState)) -> impl IntoView {
    view! { <SectionView section state /> }
}

/// Opens and scrolls to the `#fragment` target once the article is in the page, and again on
/// every `hashchange`.
fn follow_fragments(states: SectionStates) {
    let on_change = states.clone();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        on_change.follow_fragment();
    });
    on_cleanup(move || listener.remove());
    request_animation_frame(move || states.follow_fragment());
}
