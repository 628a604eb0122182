//! One article: display controls, header, lead, contents and key figures, sections, footer.

use leptos::prelude::*;

use crate::i18n::{Msg, tr, tr_fill};
use crate::load::ArticleFeed;
#[cfg(not(target_arch = "wasm32"))]
use crate::model::{PlacedMark, Section};
use crate::model::{PreparedArticle, page_description};
use crate::timing::mark;
use crate::view::accordion::{SectionStates, ShowAll, section_flags};
use crate::view::announce::{Announcer, Toast};
use crate::view::contents::{Contents, ContentsList, headed_sections};
use crate::view::display::DisplayControls;
use crate::view::figures::{FigureTarget, KeyFigures};
use crate::view::footer::{ArticleEnd, ProblemsNote, ReaderSummary};
use crate::view::header::ArticleHeader;
use crate::view::mounted::{Arriving, ArticleElements, Mounted, when_mounted};
#[cfg(not(target_arch = "wasm32"))]
use crate::view::progressive::pending_sections;
use crate::view::reading::{ReadingPosition, ReadingProgress};
#[cfg(not(target_arch = "wasm32"))]
use crate::view::section::SectionView;
use crate::view::status::ProgressBar;
use crate::view::ui_text::ui;

/// A prepared article: display controls, header, lead, contents and key figures, sections,
/// the article's end and a problems note, with the reading-progress bar and the toast. With
/// `arriving` (the loader's feed) it is the start of an article still arriving, which says so
/// where what is shown ends and adds the rest from the feed as it comes
/// (`view::arriving`). Makes the page's title, language and direction follow the article.
///
/// The containers render at once; the sections go into them from an effect, right after the
/// article is mounted and before the browser paints (`view::mounted`): the first ones at once,
/// the others of a long article a slice per task (see `view::progressive`), which needs the
/// mounted elements.
#[component]
pub fn ArticleView(
    /// The article with its derived ids, targets and problems.
    prepared: PreparedArticle,
    /// Session-storage key under which the open sections are remembered; `None` to not remember.
    #[prop(optional, into)]
    storage_key: Option<String>,
    /// The loader's feed, for the start of an article still arriving: its progress, its later
    /// sections and its end.
    #[prop(default = None)]
    arriving: Option<ArticleFeed>,
    /// Renders every section in the view, open, with the controls that need the app hidden
    /// until it takes the page over: the page `article pages` renders natively, where effects
    /// do not run (see `view::takeover`).
    #[prop(optional)]
    prerendered: bool,
) -> impl IntoView {
    // Every word of the interface from here on, sections built later included, follows it.
    crate::i18n::follow_article(prepared.article.lang.as_deref());
    let whole = arriving.is_none();
    let marks = prepared.marks();
    let shown = prepared.article.sections.len();
    let PreparedArticle {
        mut article,
        section_ids,
        figure_targets,
        figure_anchors,
        dir,
        reading_minutes,
        problems,
    } = prepared;
    // Before the sections move out: without a standfirst, it is the start of the first paragraph.
    let description = page_description(&article);
    let sections = std::mem::take(&mut article.sections);
    let states = SectionStates::new(section_flags(&sections, &section_ids));
    // Fragments are followed once every section is in the page (long articles render in slices).
    let all_in_page = RwSignal::new(false);
    let announcer = Announcer::create();
    let position = if prerendered {
        ReadingPosition::idle()
    } else {
        ReadingPosition::track(states.clone())
    };
    let reading = RwSignal::new(whole.then_some(reading_minutes));
    let problems = RwSignal::new(if whole { problems } else { Vec::new() });
    let all_arrived = RwSignal::new(whole);

    let contents: Vec<(usize, String)> = headed_sections(&sections, 0).collect();
    let has_contents = contents.len() > 1;
    // An embed is part of the host's page: no contents list of its own (nor display controls
    // or reading progress, which its stylesheet hides: `view::embed`).
    let listed = has_contents && !crate::view::embed::is_embedded();
    let (first_entries, later_entries) = if prerendered {
        ContentsList::split_all(&states, contents)
    } else {
        ContentsList::split(&states, contents)
    };
    let targets: Vec<Option<FigureTarget>> = figure_targets
        .iter()
        .zip(&figure_anchors)
        .map(|(target, anchor)| {
            target.map(|section| FigureTarget {
                section,
                heading: sections[section].heading.clone(),
                anchored: anchor.is_some(),
            })
        })
        .collect();
    // An article still arriving keeps a place for key figures that may come after the sections.
    let has_rail = listed || !article.key_figures.is_empty() || !whole;
    // Reader modes drop the header; a sponsored article must still say so there.
    let reader_notice = article.sponsor.as_ref().map(|sponsor| {
        let label = article.label.as_deref().unwrap_or(tr(Msg::Sponsored));
        format!("{label}. {}.", tr_fill(Msg::PaidForBy, &[&sponsor.name]))
    });

    let elements = ArticleElements {
        article: NodeRef::new(),
        lead: NodeRef::new(),
        rail: NodeRef::new(),
        main: NodeRef::new(),
        summary: NodeRef::new(),
        end: NodeRef::new(),
        more: NodeRef::new(),
    };

    // Pre-rendered: the sections are part of the view, the lead first.
    // (Only natively: the page itself never renders the sections in its view.)
    #[cfg(not(target_arch = "wasm32"))]
    let (lead_sections, main_sections, sections) = if prerendered {
        let mut built = prerendered_groups(sections, &marks, &states);
        let lead = (!built.is_empty()).then(|| built.remove(0));
        (lead, Some(built), None)
    } else {
        (None, None, Some(sections))
    };
    #[cfg(target_arch = "wasm32")]
    let (lead_sections, main_sections, sections) =
        (None::<AnyView>, None::<Vec<AnyView>>, Some(sections));
    // What needs the mounted elements or the browser, once (`view::mounted`): untracked, so a
    // signal read there does not run it again; the effects it starts live as long as it does.
    let mut mounted = sections.map(|sections| Mounted {
        elements,
        article: article.clone(),
        description,
        dir,
        problems,
        storage_key,
        states: states.clone(),
        all_in_page,
        has_contents,
        later_entries,
        position,
        sections,
        marks,
        arriving: arriving.map(|feed| Arriving {
            feed,
            shown,
            reading_minutes: reading,
            all_arrived,
        }),
    });
    Effect::new(move |_| {
        if let Some(mounted) = mounted.take() {
            untrack(|| when_mounted(mounted));
        }
    });
    // Effects run once the article is in the page: the first screen, then the last slice.
    Effect::new(move |previous: Option<()>| {
        if previous.is_none() {
            mark("viewer:rendered");
        }
        if all_in_page.get() {
            mark("viewer:complete");
        }
    });

    let on_click = {
        let states = states.clone();
        move |event: web_sys::MouseEvent| {
            states.handle_click(&event);
            announcer.copy_link_from_click(&event);
        }
    };
    // Find-in-page found text in a closed panel.
    let on_before_match = {
        let states = states.clone();
        move |event: web_sys::Event| states.handle_before_match(&event)
    };
    let header = article.clone();
    let figures = article.key_figures.clone();
    let summary_figures = article.key_figures.clone();
    let (sponsor, copyright) = (article.sponsor.clone(), article.copyright.clone());
    let (notes, tags) = (article.notes.clone(), article.tags.clone());
    let figure_states = states.clone();
    let contents_states = states.clone();
    let rail = has_rail.then(|| {
        let contents =
            listed.then(|| view! { <Contents entries=first_entries states=contents_states /> });
        let figures = (!figures.is_empty())
            .then(|| view! { <KeyFigures figures targets states=figure_states /> });
        view! {
            <div
                class="article-rail"
                node_ref=elements.rail
                data-prerendered=prerendered.then_some("")
            >
                {contents}
                {figures}
            </div>
        }
    });
    let show_all = has_contents.then(|| view! { <ShowAll states=states.clone() /> });
    // An article still arriving says so where what is shown ends, in words, with how much has
    // arrived, and to assistive technology, rather than showing its end as if it were complete.
    let more = arriving.map(|feed| {
        let progress = feed.progress;
        // Removed by `ArticleRest::finish`.
        view! {
            <p class="article-more" node_ref=elements.more>
                <span id="article-more-label">{ui(Msg::LoadingRest)}</span>
                <ProgressBar progress labelled_by="article-more-label" />
            </p>
        }
    });
    view! {
        // Added by the app when it takes a pre-rendered page over (`view::takeover`).
        {(!prerendered).then(|| view! { <ReadingProgress position /> })}
        <article
            class="article"
            lang=article.lang.clone()
            dir=dir.as_attr()
            node_ref=elements.article
            on:click=on_click
            on:beforematch=on_before_match
        >
            <DisplayControls />
            <ArticleHeader article=header reading_minutes=reading />
            <div class="article-body" class:has-rail=has_rail>
                <div class="article-lead" node_ref=elements.lead>
                    {reader_notice.map(|notice| view! { <p class="reader-only">{notice}</p> })}
                    {lead_sections}
                </div>
                {rail}
                <div
                    class="article-sections"
                    node_ref=elements.main
                    aria-busy=move || (!all_arrived.get()).then_some("true")
                >
                    {show_all}
                    // The sections go in here, before what follows.
                    {main_sections}
                    {more}
                    <ReaderSummary figures=summary_figures node_ref=elements.summary />
                    // Inside the body, not after it: reader modes keep only the main column.
                    <ArticleEnd sponsor copyright notes tags node_ref=elements.end />
                </div>
            </div>
            {move || view! { <ProblemsNote problems=problems.get() /> }}
        </article>
        {(!prerendered).then(|| view! { <Toast announcer /> })}
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// Sections in section groups for a pre-rendered page: the lead in a group of its own (the
/// first, if the article has one), then groups of a few sections, which the take-over makes
/// live one at a time as the reader comes to them (`view::waking`: small groups, so little
/// changes at once). Groups after a tall screen's worth of sections are `later`: the
/// stylesheet lets the browser skip laying out their off-screen panels, as on the client-only
/// page (`view::progressive`).
fn prerendered_groups(
    sections: Vec<Section>,
    marks: &[PlacedMark],
    states: &SectionStates,
) -> Vec<AnyView> {
    let region = states.panels_are_regions();
    let mut pending = pending_sections(sections, 0, marks).peekable();
    let mut groups = Vec::new();
    let mut size = 1;
    let mut grouped = 0;
    while pending.peek().is_some() {
        let later = grouped > crate::schedule::TALL_SCREENFUL;
        let group = pending
            .by_ref()
            .take(size)
            .map(|(index, section, marks)| {
                let id = states.id(index).unwrap_or_default();
                view! { <SectionView section id open=true marks region live=false /> }
            })
            .collect_view();
        grouped += size;
        size = crate::schedule::SECTIONS_AT_A_TIME;
        let class = crate::view::progressive::group_class(later);
        groups.push(view! { <div class=class>{group}</div> }.into_any());
    }
    groups
}
