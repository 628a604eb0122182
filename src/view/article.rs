//! One article: header, lead, key figures, sections, footer, laid out as a grid.

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::{PreparedArticle, Section};
use crate::view::figures::KeyFigures;
use crate::view::footer::{ArticleFooter, ProblemsNote};
use crate::view::header::ArticleHeader;
use crate::view::page::{reveal, set_document_metadata};
use crate::view::section::SectionView;

/// Open/closed state of every section, shared so a figure link can open its section.
#[derive(Clone)]
pub struct SectionStates(pub Arc<Vec<SectionState>>);

/// One section's id and whether its panel is shown.
#[derive(Clone)]
pub struct SectionState {
    /// The page id of the section.
    pub id: String,
    /// True while the panel is shown; always true for a section without heading.
    pub expanded: RwSignal<bool>,
}

impl SectionStates {
    /// Opens section `index`, scrolls to it and focuses its heading control.
    pub fn open_and_reveal(&self, index: usize) {
        if let Some(state) = self.0.get(index) {
            state.expanded.set(true);
            reveal(state.id.clone(), format!("{}--toggle", state.id));
        }
    }
}

/// Renders a prepared article and makes the page's title, language and direction follow it.
#[component]
pub fn ArticleView(
    /// The article with its derived ids, targets and problems.
    prepared: PreparedArticle,
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

    let states = SectionStates(Arc::new(
        article
            .sections
            .iter()
            .zip(&section_ids)
            .map(|(section, id)| SectionState {
                id: id.clone(),
                expanded: RwSignal::new(section.heading.is_none() || !section.collapsed),
            })
            .collect(),
    ));
    provide_context(states.clone());

    let headings: Vec<Option<String>> =
        article.sections.iter().map(|s| s.heading.clone()).collect();
    let has_figures = !article.key_figures.is_empty();
    let figures = has_figures.then(|| {
        view! {
            <KeyFigures
                figures=article.key_figures
                targets=figure_targets
                headings=headings
                section_ids=section_ids.clone()
            />
        }
    });

    let article_lang = article.lang.clone();
    let mut sections = article.sections.into_iter().zip(states.0.iter().cloned());
    let first = sections.next().map(render_section);
    let rest = sections.map(render_section).collect_view();

    view! {
        <article class="article" lang=article_lang dir=dir.as_attr()>
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
            <div class="article-body" class:has-figures=has_figures>
                <div class="article-lead">{first}</div>
                {figures}
                <div class="article-sections">{rest}</div>
            </div>
            <ArticleFooter sponsor=article.sponsor copyright=article.copyright />
            <ProblemsNote problems />
        </article>
    }
}

fn render_section((section, state): (Section, SectionState)) -> impl IntoView {
    view! { <SectionView section state /> }
}
