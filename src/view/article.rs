//! One article: display controls, header, lead, contents and key figures, sections, footer.

use leptos::prelude::*;
use web_sys::Element;

use crate::i18n::{Msg, tr, tr_fill};
use crate::load::{ArticleEnding, MoreSections, Progress};
use crate::model::{
    Article, PlacedMark, PreparedArticle, Problem, Section, page_description, structured_data_text,
};
use crate::timing::mark;
use crate::view::accordion::{SectionStates, ShowAll};
use crate::view::announce::{Announcer, Toast};
use crate::view::contents::{Contents, ContentsList};
use crate::view::display::DisplayControls;
use crate::view::figures::{FigureTarget, KeyFigures};
use crate::view::footer::{ArticleEnd, ProblemsNote, ReaderSummary};
use crate::view::header::ArticleHeader;
use crate::view::mount::{insert_static_view, insert_view};
use crate::view::page::{set_document_metadata, set_structured_data};
use crate::view::progressive::{PendingSection, build_progressive, insert_sections};
use crate::view::reading::{ReadingPosition, ReadingProgress};
#[cfg(not(target_arch = "wasm32"))]
use crate::view::section::SectionView;
use crate::view::status::ProgressBar;
use crate::view::ui_text::ui;

/// A prepared article: display controls, header, lead, contents and key figures, sections,
/// the article's end and a problems note, with the reading-progress bar and the toast. With
/// `arriving` (the download's progress) it is the start of an article still arriving, which
/// says so where what is shown ends; `on_rest` then receives the [`ArticleRest`] that adds the
/// rest. Makes the page's title, language and direction follow the article.
///
/// The containers render at once; the sections go into them from an effect, right after the
/// article is mounted and before the browser paints: the first ones at once, the others of a
/// long article a slice per task (see `view::progressive`), which needs the mounted elements.
#[component]
pub fn ArticleView(
    /// The article with its derived ids, targets and problems.
    prepared: PreparedArticle,
    /// Session-storage key under which the open sections are remembered; `None` to not remember.
    #[prop(optional, into)]
    storage_key: Option<String>,
    /// The progress of the download of an article still arriving.
    #[prop(default = None)]
    arriving: Option<RwSignal<Option<Progress>>>,
    /// Receives what adds the rest of an article still arriving, once it is in the page.
    #[prop(default = None)]
    on_rest: Option<Box<dyn FnOnce(ArticleRest)>>,
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
    let states = SectionStates::new(states_of(&sections, &section_ids));
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

    let contents: Vec<(usize, String)> = headed(&sections, 0).collect();
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

    let article_ref = NodeRef::<leptos::html::Article>::new();
    let lead_ref = NodeRef::<leptos::html::Div>::new();
    let rail_ref = NodeRef::<leptos::html::Div>::new();
    let main_ref = NodeRef::<leptos::html::Div>::new();
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    let end_ref = NodeRef::<leptos::html::Div>::new();
    let more_ref = NodeRef::<leptos::html::P>::new();

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
    // Browser work once the article is mounted: metadata, listeners, and the sections.
    let mount = {
        let states = states.clone();
        let data = article.clone();
        let mut pending = sections.map(|sections| (sections, marks, later_entries, on_rest));
        move |_: Option<()>| {
            let Some((sections, marks, later_entries, on_rest)) = pending.take() else {
                return;
            };
            let (Some(_), Some(lead), Some(main), Some(article_end)) = (
                article_ref.get_untracked(),
                lead_ref.get_untracked(),
                main_ref.get_untracked(),
                end_ref.get_untracked(),
            ) else {
                return;
            };
            // The sections go in before the note that more is arriving, the reader-mode summary
            // of the figures, or the end, whichever comes first.
            let more = more_ref.get_untracked().map(Element::from);
            let article_end = Element::from(article_end);
            let end: Element = match (&more, summary_ref.get_untracked()) {
                (Some(more), _) => more.clone(),
                (None, Some(summary)) => summary.into(),
                (None, None) => article_end.clone(),
            };
            write_structured_data(&data);
            set_document_metadata(
                &data.title,
                description.as_deref(),
                data.lang.as_deref(),
                dir.as_attr(),
            );
            if whole {
                log_problems(&problems.get_untracked());
            }
            // Before the sections go in, so they are built as the reader left them.
            if let Some(key) = storage_key.clone() {
                states.restore_and_remember(key);
            }
            follow_fragments(states.clone(), all_in_page);
            // The rest of the contents follows after the first paint, in short tasks.
            let contents = rail_ref
                .get_untracked()
                .filter(|_| has_contents)
                .and_then(|rail| rail.get_elements_by_class_name("contents-list").item(0))
                .map(|list| ContentsList::attach(list, later_entries, position));
            // The sections move into the page, one slice at a time.
            let mut sections = pending_sections(sections, 0, &marks);
            insert_sections(&lead, None, &states, sections.by_ref().take(1), true);
            if whole {
                build_progressive(&main, &end, &states, sections, all_in_page);
            } else {
                insert_sections(&main, Some(&end), &states, sections, true);
            }
            if let (Some(on_rest), Some(more)) = (on_rest, more) {
                let rail = rail_ref.get_untracked().map(Element::from);
                on_rest(ArticleRest {
                    shown,
                    states: states.clone(),
                    reading_minutes: reading,
                    problems,
                    all_arrived,
                    all_in_page,
                    rail,
                    article_end: article_end.clone(),
                    contents,
                    sections: main.into(),
                    more,
                });
            }
        }
    };
    // Untracked: this runs once, and the effects it starts (fragments, remembering) live as
    // long as it does; a signal read while building must not run it again.
    let mount = std::cell::RefCell::new(mount);
    Effect::new(move |_| untrack(|| (mount.borrow_mut())(None)));
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
                node_ref=rail_ref
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
    let more = arriving.map(|progress| {
        // Removed by `ArticleRest::finish`.
        view! {
            <p class="article-more" node_ref=more_ref>
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
            node_ref=article_ref
            on:click=on_click
            on:beforematch=on_before_match
        >
            <DisplayControls />
            <ArticleHeader article=header reading_minutes=reading />
            <div class="article-body" class:has-rail=has_rail>
                <div class="article-lead" node_ref=lead_ref>
                    {reader_notice.map(|notice| view! { <p class="reader-only">{notice}</p> })}
                    {lead_sections}
                </div>
                {rail}
                <div
                    class="article-sections"
                    node_ref=main_ref
                    aria-busy=move || (!all_arrived.get()).then_some("true")
                >
                    {show_all}
                    // The sections go in here, before what follows.
                    {main_sections}
                    {more}
                    <ReaderSummary figures=summary_figures node_ref=summary_ref />
                    // Inside the body, not after it: reader modes keep only the main column.
                    <ArticleEnd sponsor copyright notes tags node_ref=end_ref />
                </div>
            </div>
            {move || view! { <ProblemsNote problems=problems.get() /> }}
        </article>
        {(!prerendered).then(|| view! { <Toast announcer /> })}
    }
}

/// An article shown before all of it arrived, and where the rest goes.
pub struct ArticleRest {
    /// How many sections are shown.
    shown: usize,
    states: SectionStates,
    /// The reading time in the header, known once all of the article has arrived.
    reading_minutes: RwSignal<Option<usize>>,
    /// The problems note, complete once all of the article has arrived.
    problems: RwSignal<Vec<Problem>>,
    /// Whether all of it has arrived (the loading note goes, `aria-busy` too).
    all_arrived: RwSignal<bool>,
    /// Whether every section is in the page (fragments are followed then).
    all_in_page: RwSignal<bool>,
    /// The rail, where key figures given after the sections go.
    rail: Option<Element>,
    /// The article's end, where a copyright line given after the sections goes.
    article_end: Element,
    contents: Option<ContentsList>,
    sections: Element,
    /// "Loading the rest of the article…", at the end of what is shown: sections arriving go
    /// in before it; removed once all of it has arrived.
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
            list.add(&self.states, headed(&sections, first).collect());
        }
        let sections = pending_sections(sections, first, &[]);
        insert_sections(
            &self.sections,
            Some(&self.more),
            &self.states,
            sections,
            false,
        );
    }

    /// Completes the article once all of it has arrived: the reading time and the problems
    /// note, key figures and a copyright line given after the sections, and the end of the
    /// article in place of the loading note.
    pub fn finish(self, ending: ArticleEnding) {
        let ArticleEnding {
            reading_minutes,
            problems,
            late,
            late_targets,
        } = ending;
        log_problems(&problems);
        self.reading_minutes.set(Some(reading_minutes));
        self.problems.set(problems);
        if let Some(rail) = self.rail.as_ref().filter(|_| !late.key_figures.is_empty()) {
            let targets = late_targets
                .into_iter()
                .map(|target| {
                    target.map(|(section, heading)| FigureTarget {
                        section,
                        heading,
                        anchored: false,
                    })
                })
                .collect();
            let figures = late.key_figures;
            let summary = figures.clone();
            let states = self.states.clone();
            insert_view(rail, None, view! { <KeyFigures figures targets states /> });
            let end = Some(self.article_end.as_ref());
            insert_static_view(
                &self.sections,
                end,
                view! { <ReaderSummary figures=summary /> },
            );
        }
        if let Some(text) = late.copyright {
            let line = view! { <p class="copyright">{text}</p> };
            insert_static_view(&self.article_end, None, line);
        }
        self.more.remove();
        self.all_arrived.set(true);
        self.all_in_page.set(true);
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
fn pending_sections(
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

/// The article's structured data for the page: its fields other than the sections.
fn write_structured_data(article: &Article) {
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

/// Opens and scrolls to the `#fragment` target once every section is in the page, and again on
/// every `hashchange`.
pub(crate) fn follow_fragments(states: SectionStates, all_in_page: RwSignal<bool>) {
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
