//! What an article's view does once its elements are in the page, in the browser: the page's
//! title, description and structured data follow the article; sections remembered open are
//! restored; `#fragment`s are followed; the contents list is completed; the sections go in (a
//! long article's a slice per task); and the rest of an article still arriving is added as it
//! comes. `ArticleView` renders; this runs once, from its first effect.

use leptos::prelude::*;
use web_sys::Element;

use crate::load::ArticleFeed;
use crate::model::{Article, Direction, PlacedMark, Problem, Section, structured_data_text};
use crate::view::accordion::SectionStates;
use crate::view::arriving::{ArticleRest, add_as_it_arrives};
use crate::view::contents::{ContentsList, Entries};
use crate::view::names::CONTENTS_LIST;
use crate::view::page::{log_problems, set_document_metadata, set_structured_data};
use crate::view::progressive::{build_progressive, insert_sections, pending_sections};
use crate::view::reading::ReadingPosition;

/// The elements of an article's view that the sections and the rest go into.
#[derive(Clone, Copy)]
pub struct ArticleElements {
    /// The article.
    pub article: NodeRef<leptos::html::Article>,
    /// The lead: the first section.
    pub lead: NodeRef<leptos::html::Div>,
    /// The rail: contents and key figures.
    pub rail: NodeRef<leptos::html::Div>,
    /// The column of sections.
    pub main: NodeRef<leptos::html::Div>,
    /// Reader modes' summary of the key figures, after the sections.
    pub summary: NodeRef<leptos::html::Div>,
    /// The article's end.
    pub end: NodeRef<leptos::html::Div>,
    /// The note that more is arriving, while it is.
    pub more: NodeRef<leptos::html::P>,
}

/// An article still arriving, as its view shows it: where the rest comes from, and what it
/// completes.
pub struct Arriving {
    /// The loader's feed.
    pub feed: ArticleFeed,
    /// How many sections the start has.
    pub shown: usize,
    /// The reading time in the header.
    pub reading_minutes: RwSignal<Option<usize>>,
    /// Whether all of it has arrived.
    pub all_arrived: RwSignal<bool>,
}

/// What [`when_mounted`] does its work with: what the view did not render itself.
pub struct Mounted {
    /// Where things go.
    pub elements: ArticleElements,
    /// The article's fields other than its sections (for the page's metadata).
    pub article: Article,
    /// The page's description.
    pub description: Option<String>,
    /// The article's direction.
    pub dir: Direction,
    /// The problems note's problems (all of them, for an article shown whole).
    pub problems: RwSignal<Vec<Problem>>,
    /// Where the open sections are remembered, if anywhere.
    pub storage_key: Option<String>,
    /// The sections' open states.
    pub states: SectionStates,
    /// Set once every section is in the page.
    pub all_in_page: RwSignal<bool>,
    /// Whether the article has a contents list.
    pub has_contents: bool,
    /// The contents entries the first render left out.
    pub later_entries: Entries,
    /// Where the reader is, which the contents list marks.
    pub position: ReadingPosition,
    /// The sections, to build.
    pub sections: Vec<Section>,
    /// Key figures' marks in them.
    pub marks: Vec<PlacedMark>,
    /// For the start of an article still arriving.
    pub arriving: Option<Arriving>,
}

/// Does, once an article's view is in the page, what needs its elements or the browser.
pub fn when_mounted(mounted: Mounted) {
    let Mounted {
        elements,
        article,
        description,
        dir,
        problems,
        storage_key,
        states,
        all_in_page,
        has_contents,
        later_entries,
        position,
        sections,
        marks,
        arriving,
    } = mounted;
    let (Some(_), Some(lead), Some(main), Some(article_end)) = (
        elements.article.get_untracked(),
        elements.lead.get_untracked(),
        elements.main.get_untracked(),
        elements.end.get_untracked(),
    ) else {
        return;
    };
    // The sections go in before the note that more is arriving, the reader-mode summary of
    // the figures, or the end, whichever comes first.
    let more = elements.more.get_untracked().map(Element::from);
    let article_end = Element::from(article_end);
    let end: Element = match (&more, elements.summary.get_untracked()) {
        (Some(more), _) => more.clone(),
        (None, Some(summary)) => summary.into(),
        (None, None) => article_end.clone(),
    };
    write_structured_data(&article);
    set_document_metadata(
        &article.title,
        description.as_deref(),
        article.lang.as_deref(),
        dir.as_attr(),
    );
    if arriving.is_none() {
        log_problems(&problems.get_untracked());
    }
    // Before the sections go in, so they are built as the reader left them.
    if let Some(key) = storage_key {
        states.restore_and_remember(key);
    }
    follow_fragments(states.clone(), all_in_page);
    // The rest of the contents follows after the first paint, in short tasks.
    let rail = elements.rail.get_untracked();
    let contents = rail
        .as_ref()
        .filter(|_| has_contents)
        .and_then(|rail| rail.get_elements_by_class_name(CONTENTS_LIST.name).item(0))
        .map(|list| ContentsList::attach(list, later_entries, position));
    // The sections move into the page, one slice at a time.
    let mut sections = pending_sections(sections, 0, &marks);
    insert_sections(&lead, None, &states, sections.by_ref().take(1), true);
    let (Some(arriving), Some(more)) = (arriving, more) else {
        build_progressive(&main, &end, &states, sections, all_in_page);
        return;
    };
    insert_sections(&main, Some(&end), &states, sections, true);
    let rest = ArticleRest {
        shown: arriving.shown,
        states,
        reading_minutes: arriving.reading_minutes,
        problems,
        all_arrived: arriving.all_arrived,
        all_in_page,
        rail: rail.map(Element::from),
        article_end,
        contents,
        sections: main.into(),
        more,
    };
    add_as_it_arrives(rest, arriving.feed);
}

/// The article's structured data for the page: its fields other than the sections.
fn write_structured_data(article: &Article) {
    let page_url = window()
        .location()
        .href()
        .ok()
        .map(|h| h.split('#').next().unwrap_or_default().to_owned());
    set_structured_data(&structured_data_text(article, page_url.as_deref()));
}

/// Opens and scrolls to the `#fragment` target once every section is in the page, and again on
/// every `hashchange`.
pub fn follow_fragments(states: SectionStates, all_in_page: RwSignal<bool>) {
    let on_change = states.clone();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        on_change.follow_fragment();
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        if all_in_page.get() {
            let states = states.clone();
            request_animation_frame(move || {
                states.follow_fragment();
                crate::view::marks::mark_requested_words();
            });
        }
    });
}
