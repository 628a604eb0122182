//! One article: display controls, header, lead, contents and key figures, sections, footer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::model::{KeyFigure, PlacedMark, PreparedArticle, structured_data};
use crate::timing::mark;
use crate::view::accordion::{SectionStates, build_show_all};
use crate::view::announce::{Announcer, build_announcements};
use crate::view::contents::build_contents;
use crate::view::display::build_display_controls;
use crate::view::dom::{Dom, on, set};
use crate::view::figures::{FigureTarget, build_key_figures};
use crate::view::footer::{build_footer, build_problems};
use crate::view::header::build_header;
use crate::view::mount::built_view;
use crate::view::page::{set_document_metadata, set_structured_data};
use crate::view::progressive::{PendingSection, build_progressive};
use crate::view::reading::{ReadingPosition, build_reading_progress};
use crate::view::section::build_section;

/// Renders a prepared article and makes the page's title, language and direction follow it.
#[component]
pub fn ArticleView(
    /// The article with its derived ids, targets and problems.
    prepared: PreparedArticle,
    /// Session-storage key under which the open sections are remembered; `None` to not remember.
    #[prop(optional, into)]
    storage_key: Option<String>,
) -> impl IntoView {
    built_view("article-view", move |dom, parent| {
        build_article(dom, parent, prepared, storage_key)
    })
}

/// Appends the article to `parent`: the reading-progress bar, the `<article>` and the toast.
/// Runs under the reactive owner that keeps its state.
pub fn build_article(
    dom: &Dom,
    parent: &Node,
    prepared: PreparedArticle,
    storage_key: Option<String>,
) {
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
    if let Some(key) = storage_key {
        states.remember(key);
    }
    // Fragments are followed once every section is in the page (long articles render in slices).
    let complete = RwSignal::new(false);
    follow_fragments(states.clone(), complete);
    // Effects run once the article is in the page: the first screen, then the last slice.
    Effect::new(move |previous: Option<()>| {
        if previous.is_none() {
            mark("viewer:rendered");
        }
        if complete.get() {
            mark("viewer:complete");
        }
    });
    let announcer = Announcer::create();
    let position = ReadingPosition::track(states.clone());

    build_reading_progress(dom, parent, position);
    let root = dom.element(parent, "article", "article");
    if let Some(lang) = &article.lang {
        set(&root, "lang", lang);
    }
    set(&root, "dir", dir.as_attr());
    {
        let states = states.clone();
        on(&root, "click", move |event| {
            let event = event.unchecked_ref();
            states.handle_click(event);
            announcer.copy_link_from_click(event);
        });
    }
    {
        let states = states.clone();
        on(&root, "beforematch", move |event| {
            states.handle_before_match(&event)
        });
    }
    build_display_controls(dom, &root);

    let contents: Vec<(usize, String)> = article
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.heading.clone().map(|h| (i, h)))
        .collect();
    let has_contents = contents.len() > 1;
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
    let has_rail = has_contents || !article.key_figures.is_empty();
    // Reader modes drop the header; a sponsored article must still say so there.
    let reader_notice = article.sponsor.as_ref().map(|sponsor| {
        let label = article.label.as_deref().unwrap_or("Sponsored");
        format!("{label}. Paid for by {}.", sponsor.name)
    });
    build_header(dom, &root, &article, reading_minutes);
    // The sections move into the page, one slice at a time.
    let all_sections = std::mem::take(&mut article.sections);

    let body = dom.element(&root, "div", "article-body");
    if has_rail {
        _ = body.class_list().add_1("has-rail");
    }
    let lead = dom.element(&body, "div", "article-lead");
    if let Some(notice) = reader_notice {
        let p = dom.element(&lead, "p", "reader-only");
        dom.text(&p, &notice);
    }
    let mut sections = all_sections
        .into_iter()
        .enumerate()
        .map(|(index, section)| {
            let marks: Vec<PlacedMark> = marks
                .iter()
                .filter(|m| m.section == index)
                .copied()
                .collect();
            (index, section, marks)
        });
    if let Some((index, section, marks)) = sections.next() {
        let state = &states.all()[index];
        let built = build_section(dom, &lead, section, &state.id, state.is_open(), marks);
        states.built(index, built);
    }
    if has_rail {
        let rail = dom.element(&body, "div", "article-rail");
        if has_contents {
            build_contents(dom, &rail, &states, contents, position);
        }
        if !article.key_figures.is_empty() {
            build_key_figures(dom, &rail, &states, &article.key_figures, &targets);
        }
    }
    let main = dom.element(&body, "div", "article-sections");
    if has_contents {
        build_show_all(dom, &main, states.clone());
    }
    // The other sections go in before what follows them, in slices.
    let rest: Vec<PendingSection> = sections.collect();
    let summary = build_reader_summary(dom, &main, &article.key_figures);
    // Inside the body, not after it: reader modes keep only the main column.
    let end = build_footer(
        dom,
        &main,
        article.sponsor.as_ref(),
        article.copyright.as_deref(),
    );
    let before = summary.as_ref().unwrap_or(&end);
    build_progressive(dom, &main, before, &states, rest, complete);
    build_problems(dom, &root, &problems);
    build_announcements(dom, parent, announcer);
}

/// The key figures once more as plain text for reader modes, which drop `<aside>`; hidden
/// from everyone else by the stylesheet (see `.reader-only`). Nothing without figures.
fn build_reader_summary(dom: &Dom, parent: &Node, figures: &[KeyFigure]) -> Option<Element> {
    if figures.is_empty() {
        return None;
    }
    let summary = dom.element(parent, "div", "reader-only");
    let heading = dom.element(&summary, "h2", "");
    dom.text(&heading, "Key figures");
    let list = dom.element(&summary, "ul", "");
    for figure in figures {
        let mut line = figure.value.clone();
        if let Some(unit) = &figure.unit {
            line.push(' ');
            line.push_str(unit);
        }
        line.push_str(": ");
        line.push_str(&figure.label);
        if let Some(as_of) = &figure.as_of {
            line.push_str(&format!(" (as of {as_of})"));
        }
        if let Some(source) = &figure.source {
            line.push_str(&format!(". Source: {}", source.name));
        }
        let item = dom.element(&list, "li", "");
        dom.text(&item, &line);
    }
    Some(summary)
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
