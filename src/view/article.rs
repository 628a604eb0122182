//! One article: display controls, header, lead, contents and key figures, sections, footer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::load::{MoreSections, Progress};
use crate::model::{Article, PlacedMark, PreparedArticle, Problem, Section, structured_data_text};
use crate::timing::mark;
use crate::view::accordion::{SectionStates, build_show_all};
use crate::view::announce::{Announcer, Toast};
use crate::view::contents::{add_entries, build_contents};
use crate::view::display::build_display_controls;
use crate::view::dom::{Dom, on, set};
use crate::view::figures::{FigureTarget, KeyFigures};
use crate::view::footer::{ArticleEnd, ProblemsNote, ReaderSummary};
use crate::view::header::ArticleHeader;
use crate::view::mount::{append_view, built_view, insert_view};
use crate::view::page::{set_document_metadata, set_structured_data};
use crate::view::progressive::{PendingSection, build_progressive, insert_now};
use crate::view::reading::{ReadingPosition, build_reading_progress};
use crate::view::section::SectionView;
use crate::view::status::ProgressBar;

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
    build_start(dom, parent, prepared, storage_key, None);
}

/// Appends the start of an article still arriving, `prepared` from its first sections (see
/// [`PreparedArticle::can_show_early`]): what a reader sees first, while the rest downloads.
/// [`ArticleRest::add`] adds the rest as it arrives; `progress` is that of the download. Runs
/// under the reactive owner that keeps its state.
pub fn build_early_article(
    dom: &Dom,
    parent: &Node,
    prepared: PreparedArticle,
    storage_key: Option<String>,
    progress: RwSignal<Option<Progress>>,
) -> ArticleRest {
    build_start(dom, parent, prepared, storage_key, Some(progress))
}

/// An article shown before all of it arrived, and where the rest goes.
pub struct ArticleRest {
    /// How many sections are shown.
    shown: usize,
    states: SectionStates,
    complete: RwSignal<bool>,
    root: Element,
    /// The reading time in the header, known once all of the article has arrived.
    reading_minutes: RwSignal<Option<usize>>,
    contents: Option<Element>,
    sections: Element,
    /// "Loading the rest of the article…", at the end of what is shown: sections arriving go
    /// in before it.
    more: Element,
}

impl ArticleRest {
    /// Adds sections that arrived, after those shown, with their contents entries. A section
    /// the reader opened stays open, and nothing shown is built again. Runs under the
    /// article's reactive owner.
    pub fn add(&mut self, more: MoreSections) {
        let MoreSections { ids, sections } = more;
        let first = self.shown;
        self.shown += sections.len();
        self.states.extend(states_of(&sections, &ids));
        if let Some(list) = &self.contents {
            let entries = headed(&sections, first).collect();
            add_entries(list, &self.states, entries);
        }
        let sections = pending(sections, first, &[]);
        insert_now(&self.sections, &self.more, &self.states, sections);
    }

    /// Completes the article once all of it has arrived: the reading time and the problems
    /// note, and the end of the article in place of the loading note. Runs under the article's
    /// reactive owner.
    pub fn finish(self, reading_minutes: usize, problems: Vec<Problem>) {
        self.more.remove();
        _ = self.sections.remove_attribute("aria-busy");
        log_problems(&problems);
        self.reading_minutes.set(Some(reading_minutes));
        insert_view(&self.root, None, view! { <ProblemsNote problems /> });
        _ = self.complete.try_set(true);
    }
}

/// `(index, heading)` of every headed section of `sections`, the first of which is section
/// `first` of the article.
fn headed(sections: &[Section], first: usize) -> impl Iterator<Item = (usize, String)> + '_ {
    sections
        .iter()
        .enumerate()
        .filter_map(move |(i, s)| s.heading.clone().map(|h| (first + i, h)))
}

/// `(id, collapsible, open as published)` of each of `sections`, for [`SectionStates`].
fn states_of(sections: &[Section], ids: &[String]) -> Vec<(String, bool, bool)> {
    sections
        .iter()
        .zip(ids)
        .map(|(section, id)| (id.clone(), section.heading.is_some(), !section.collapsed))
        .collect()
}

/// `sections`, the first of which is section `first` of the article, with their indices and
/// marks, ready to build.
fn pending(
    sections: Vec<Section>,
    first: usize,
    marks: &[PlacedMark],
) -> impl Iterator<Item = PendingSection> + '_ {
    sections.into_iter().enumerate().map(move |(i, section)| {
        let index = first + i;
        let marks: Vec<PlacedMark> = marks
            .iter()
            .filter(|m| m.section == index)
            .copied()
            .collect();
        (index, section, marks)
    })
}

/// The article's structured data for the page: its fields other than the sections.
fn announce_data(article: &Article) {
    let page_url = window()
        .location()
        .href()
        .ok()
        .map(|h| h.split('#').next().unwrap_or_default().to_owned());
    set_structured_data(&structured_data_text(article, page_url.as_deref()));
}

/// Problems go to the console too, for the publisher's developer tools.
fn log_problems(problems: &[Problem]) {
    for problem in problems {
        leptos::logging::warn!("article problem: {problem}");
    }
}

/// Builds the article from `prepared`: all of it, or with the `progress` of its download the
/// start of one still arriving, with everything that needs all of it left to the [`ArticleRest`].
fn build_start(
    dom: &Dom,
    parent: &Node,
    prepared: PreparedArticle,
    storage_key: Option<String>,
    arriving: Option<RwSignal<Option<Progress>>>,
) -> ArticleRest {
    let whole = arriving.is_none();
    let marks = prepared.marks();
    let shown = prepared.article.sections.len();
    announce_data(&prepared.article);
    if whole {
        log_problems(&prepared.problems);
    }
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

    let states = SectionStates::new(
        states_of(&article.sections, &section_ids),
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

    let contents: Vec<(usize, String)> = headed(&article.sections, 0).collect();
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
    // The sections move into the page, one slice at a time.
    let mut sections = pending(std::mem::take(&mut article.sections), 0, &marks);
    let reading = RwSignal::new(whole.then_some(reading_minutes));
    let header = article.clone();
    insert_view(
        &root,
        None,
        view! { <ArticleHeader article=header reading_minutes=reading /> },
    );

    let body = dom.element(&root, "div", "article-body");
    if has_rail {
        _ = body.class_list().add_1("has-rail");
    }
    let lead = dom.element(&body, "div", "article-lead");
    if let Some(notice) = reader_notice {
        let p = dom.element(&lead, "p", "reader-only");
        dom.text(&p, &notice);
    }
    if let Some((index, section, marks)) = sections.next()
        && let Some((id, open)) = states.id_and_state(index)
        && let Some(built) = append_view(&lead, view! { <SectionView section id open marks /> })
    {
        states.built(index, built);
    }
    let mut contents_list = None;
    if has_rail {
        let rail = dom.element(&body, "div", "article-rail");
        if has_contents {
            contents_list = Some(build_contents(dom, &rail, &states, contents, position));
        }
        if !article.key_figures.is_empty() {
            let (figures, states) = (article.key_figures.clone(), states.clone());
            insert_view(&rail, None, view! { <KeyFigures figures targets states /> });
        }
    }
    let main = dom.element(&body, "div", "article-sections");
    if has_contents {
        build_show_all(dom, &main, states.clone());
    }
    // The other sections go in before what follows them, in slices.
    let figures = article.key_figures.clone();
    let summary = (!figures.is_empty())
        .then(|| append_view(&main, view! { <ReaderSummary figures /> }))
        .flatten();
    // Inside the body, not after it: reader modes keep only the main column.
    let (sponsor, copyright) = (article.sponsor.clone(), article.copyright.clone());
    let end = append_view(&main, view! { <ArticleEnd sponsor copyright /> });
    let before = summary.or(end).expect("the article end is always a <div>");
    if whole {
        build_progressive(&main, &before, &states, sections, complete);
        insert_view(&root, None, view! { <ProblemsNote problems /> });
    } else {
        insert_now(&main, &before, &states, sections);
    }
    // An article still arriving says so where what is shown ends, in words, with how much has
    // arrived, and to assistive technology, rather than showing its end (the footer) as if it
    // were complete.
    let more = dom.detached("p", "article-more");
    if let Some(progress) = arriving {
        set(&main, "aria-busy", "true");
        insert_view(
            &more,
            None,
            view! {
                <span id="article-more-label">"Loading the rest of the article…"</span>
                <ProgressBar progress labelled_by="article-more-label" />
            },
        );
        _ = main.insert_before(&more, Some(&before));
    }
    insert_view(parent.unchecked_ref(), None, view! { <Toast announcer /> });
    ArticleRest {
        shown,
        states,
        complete,
        root,
        reading_minutes: reading,
        contents: contents_list,
        sections: main,
        more,
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
