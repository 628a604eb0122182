//! The library page (`?index=…&page=…`): the articles of an `index.json` written by `article
//! index`, a page at a time, each a link to the article with its label, a paid-content marker
//! naming the sponsor, its date, reading time and standfirst; a search across the whole library
//! as the reader types (downloading only the search chunks the query needs), label and topic
//! filters, and links to newer and older pages. However many articles a list holds, only the
//! rows near the viewport are built (`virtual_list`).

use leptos::prelude::*;
use leptos::task::spawn_local;

mod entry;
mod excerpt;
mod more;
pub mod prerendered;
mod saved;
mod shelf;
mod virtual_list;

use std::sync::Arc;

use wasm_bindgen::JsCast;

use crate::config::ViewerConfig;
use crate::i18n::{Msg, tr, ui_language};
use crate::load::fetch_library;
use crate::model::Library;
use crate::model::search::step::Depth;
use crate::view::attempt::load_into;
use crate::view::display::DisplayControls;
use crate::view::page::set_document_metadata;
use crate::view::status::{Failure, Loading};
use crate::view::ui_text::{dir_of, number, ui, ui_fill};
use entry::{LibraryItem, PendingItem, article_link, passage_link, picture};
use excerpt::ResultExcerpt;
use more::MoreResults;
use saved::SavedArticles;
use shelf::{Searched, Shelf};
use virtual_list::VirtualList;

/// The library page (`library.html`, a module of its own, which the article page never
/// downloads): the index `?index=` names, else the `home` library of `viewer-config.json`, else
/// the build's own `articles/index.json`.
#[component]
pub fn LibraryApp() -> impl IntoView {
    crate::i18n::speak_every_language_and_library();
    crate::i18n::follow_browser();
    // After the library, and apart from it: the saved list shows offline, where the index may
    // not come.
    view! {
        <Library />
        <SavedArticles />
    }
}

/// The library the address or the configuration names.
#[component]
fn Library() -> impl IntoView {
    if let Some(url) = crate::load::requested_library() {
        return view! { <LibraryLoader url /> }.into_any();
    }
    let (config, _) = load_into(crate::load::load_config);
    (move || match config.get() {
        None => view! { <Loading progress=RwSignal::new(None) /> }.into_any(),
        Some(config) => {
            let url = match config {
                Ok(ViewerConfig {
                    home: crate::config::Home::Library(index),
                    ..
                }) => index,
                _ => DEFAULT_INDEX.to_owned(),
            };
            view! { <LibraryLoader url /> }.into_any()
        }
    })
    .into_any()
}

/// The library a build ships (`article index` writes it).
const DEFAULT_INDEX: &str = "articles/index.json";

/// The library page's address for the index at `index` (relative to the viewer's folder).
pub fn library_page(index: &str) -> String {
    format!(
        "library.html?index={}",
        String::from(js_sys::encode_uri_component(index))
    )
}

/// Loads the library at `url` (as `?index=` gave it) and shows it, or an alert saying why not.
#[component]
pub fn LibraryLoader(
    /// The address of `index.json`, relative to the page or absolute.
    url: String,
) -> impl IntoView {
    let index = url.clone();
    let (state, attempt) = load_into(move || fetch_library(url.clone()));
    // A page `article pages` wrote already shows the list while the index downloads.
    let written = crate::load::prerendered_library().is_some();
    move || match state.get() {
        None if written => ().into_any(),
        None => view! { <Loading progress=RwSignal::new(None) /> }.into_any(),
        Some(Ok((base, library, config))) => {
            view! { <LibraryView library base index=index.clone() config /> }.into_any()
        }
        Some(Err(error)) => {
            document().set_title(tr(Msg::Unavailable));
            view! { <Failure error retry=attempt.retry() what=Msg::ErrLibrary /> }.into_any()
        }
    }
}

/// The library: controls, search and filters, the count, the list and the way to older pages.
#[component]
pub fn LibraryView(
    /// The index: every article (version 1), or the newest page and the outline of the rest.
    library: Library,
    /// The resolved address of the index, which the articles' addresses are relative to.
    base: String,
    /// The index as `?index=` gave it, for each article's way back and the pages' addresses.
    index: String,
    /// The configuration the library's parts are downloaded under.
    config: ViewerConfig,
) -> impl IntoView {
    let lang = ui_language();
    set_document_metadata(tr(Msg::LibraryTitle), None, Some(lang), dir_of(lang));
    // On a page `article pages` wrote, the live list now takes the place of the written one.
    Effect::new(|_| {
        if let Some(written) = document().get_element_by_id(prerendered::STATIC_ID) {
            written.remove();
        }
    });
    let shelf = Shelf::new(library, base, config);
    let pages = shelf.page_count();
    let page = RwSignal::new(requested_page(pages));
    let (asked_query, asked_newest) = crate::load::requested_search();
    let query = RwSignal::new(asked_query);
    // Relevance while typing; "Newest first" one click away, kept in the address.
    let newest = RwSignal::new(asked_newest);
    let label = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let (labels, tags) = shelf.filters();
    // What the search found; `None` while nothing is asked.
    let found = RwSignal::new(None::<Searched>);
    // The words the excerpts mark, once the reader pauses: each keystroke changes the results,
    // and fetching every screenful's passages on the way would download most of them for
    // nothing.
    let settled = RwSignal::new(None::<Arc<[String]>>);
    let asked = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let (query, newest) = (query.get(), newest.get());
        crate::view::page::replace_query(&[
            ("q", Some(query.trim()).filter(|q| !q.is_empty())),
            ("order", newest.then_some("newest")),
        ]);
    });
    // The query the last search was for: a search for a query just changed is for words being
    // typed; one from the address, a filter or the order is for a query typed whole.
    let last_query = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let (query, label, tag, newest) = (query.get(), label.get(), tag.get(), newest.get());
        let ask = asked.get_value() + 1;
        asked.set_value(ask);
        let typed = last_query.get_value().is_some_and(|last| last != query);
        last_query.set_value(Some(query.clone()));
        let current = move || asked.try_get_value() == Some(ask);
        // Once the reader pauses: the rest of the words' postings, then the passages.
        let deeper = {
            let (query, label, tag) = (query.clone(), label.clone(), tag.clone());
            move || async move {
                let result = shelf
                    .search(query, label, tag, newest, Depth::Settled)
                    .await;
                if !current() {
                    return;
                }
                match result {
                    Ok(searched) => {
                        _ = settled.try_set(searched.as_ref().map(|s| s.found.clone()));
                        _ = found.try_set(searched);
                    }
                    Err(error) => _ = shelf.failure.try_set(Some(error)),
                }
                crate::timing::mark(SETTLED_MARK);
            }
        };
        spawn_local(async move {
            // While the reader types, the results of the terms' best postings.
            let depth = if typed { Depth::Typing } else { Depth::Settled };
            let result = shelf.search(query, label, tag, newest, depth).await;
            // A later keystroke's answer replaces this one.
            if !current() {
                return;
            }
            match result {
                // Nothing among the best postings: the rest at once, not after a pause.
                Ok(Some(searched)) if !searched.whole && searched.ranks.is_empty() => {
                    deeper().await;
                }
                Ok(searched) => {
                    let partial =
                        depth == Depth::Typing && searched.as_ref().is_some_and(|s| !s.whole);
                    let words = searched.as_ref().map(|s| s.found.clone());
                    // Words of an earlier query would fetch the passages of every
                    // keystroke's rows: none until the reader pauses on these.
                    if settled.try_with_untracked(|s| s != &words) == Some(true) {
                        _ = settled.try_set(None);
                    }
                    _ = found.try_set(searched);
                    if !partial {
                        crate::timing::mark(SETTLED_MARK);
                    }
                    set_timeout(
                        move || match (current(), partial) {
                            (true, true) => spawn_local(deeper()),
                            (true, false) => _ = settled.try_set(words),
                            _ => {}
                        },
                        EXCERPTS_AFTER,
                    );
                }
                Err(error) => _ = shelf.failure.try_set(Some(error)),
            }
            // What `scripts/bench archive` times a keystroke to.
            crate::timing::mark("library:results");
        });
    });
    let items = Memo::new(move |_| {
        found
            .with(|found| found.as_ref().map(|f| f.ranks.clone()))
            .unwrap_or_else(|| shelf.page_ranks(page.get()))
    });
    let shown = Signal::derive(move || items.with(|items| items.len()));
    let window = RwSignal::new((0_usize, 0_usize));
    let seen = RwSignal::new((0_usize, 0_usize));
    // The rows built need their entries: a page of them when browsing, each on its own (its
    // card) for search results, which are scattered over the pages.
    Effect::new(move |_| {
        let (start, end) = window.get();
        let searching = found.with(Option::is_some);
        // While the reader types, only the rows on the screen: the next keystroke replaces the
        // others, and their cards would hold up its own.
        let (start, end) = if searching && settled.with(Option::is_none) {
            let (first, last) = seen.get();
            (first.max(start), last.min(end))
        } else {
            (start, end)
        };
        items.with(|items| {
            let end = end.min(items.len());
            let ranks = items[start.min(end)..end].iter().copied();
            if searching {
                shelf.fetch_cards(ranks);
            } else {
                shelf.fetch_pages(ranks);
            }
        });
    });
    // The reader's way through the pages: back and forward move between them.
    let popstate = window_event_listener(leptos::ev::popstate, move |_| {
        page.set(requested_page(pages));
    });
    on_cleanup(move || popstate.remove());
    // Rows change height when their pages arrive.
    let content = Signal::derive(move || {
        shelf.track_pages();
        0
    });
    let row = {
        let index = index.clone();
        let base = shelf.base();
        let viewer = crate::load::viewer_root();
        let written = crate::load::prerendered_library().is_some();
        move |place: usize, rank: u32| {
            let (base, index, viewer) = (base.clone(), index.clone(), viewer.clone());
            // The row is built again only when its own entry arrives, not when any page does:
            // a row the reader's focus is in stays the same element.
            let entry = Memo::new(move |_| shelf.entry(rank));
            move || match entry.get() {
                Some(entry) => {
                    let link = article_link(&base, &entry.address, &index, &viewer);
                    let image = entry.image.as_deref().and_then(|src| picture(&base, src));
                    let address = entry.address.clone();
                    let to_passage = {
                        let (base, index, viewer) = (base.clone(), index.clone(), viewer.clone());
                        let address = address.clone();
                        Arc::new(move |section: Option<&str>, marks: &[String]| {
                            passage_link(&base, &address, &index, &viewer, written, section, marks)
                        })
                    };
                    // Its passages are downloaded once the row has been on the screen: not
                    // for the rows built above and below it.
                    let shown_once = Memo::new(move |was: Option<&bool>| {
                        was.copied().unwrap_or(false) || {
                            let (first, last) = seen.get();
                            (first..last).contains(&place)
                        }
                    });
                    // The words found change as the reader types; the passages stay.
                    let excerpt = move || {
                        if !shown_once.get() {
                            return None;
                        }
                        let words = settled.get()?;
                        (!words.is_empty()).then(|| {
                            let (address, link) = (address.clone(), to_passage.clone());
                            view! { <ResultExcerpt shelf address found=words link /> }
                        })
                    };
                    view! { <LibraryItem entry link image place of=shown>{excerpt}</LibraryItem> }
                        .into_any()
                }
                None => view! { <PendingItem place of=shown /> }.into_any(),
            }
        }
    };
    let label_filter = (!labels.is_empty()).then(|| {
        view! {
            <Filter id="library-label" name=Msg::LabelFilter any=Msg::AllLabels choices=labels chosen=label />
        }
    });
    let tag_filter = (!tags.is_empty()).then(|| {
        view! { <Filter id="library-topic" name=Msg::Topics any=Msg::AllTopics choices=tags chosen=tag /> }
    });
    let total = shelf.total();
    let count = move || match found.get() {
        // Words held by many articles gave their best only: the results are at least these.
        Some(searched) if !searched.whole => {
            ui_fill(Msg::ShownAtLeast, &[&number(searched.ranks.len())])
        }
        Some(searched) => ui_fill(Msg::ShownCount, &[&number(searched.ranks.len())]),
        None => {
            let ranks = shelf.page_ranks(page.get());
            let first = ranks.first().map_or(0, |r| r + 1);
            let last = ranks.last().map_or(0, |r| r + 1);
            ui_fill(
                Msg::PageRange,
                &[
                    &number(first as usize),
                    &number(last as usize),
                    &number(total as usize),
                ],
            )
        }
    };
    let failure = move || {
        shelf.failure.get().map(|error| {
            let retry = std::rc::Rc::new(move || {
                shelf.failure.set(None);
                // Asking again runs the search and the fetching of the rows' pages again.
                query.update(|_| {});
                window.update(|_| {});
            });
            view! { <Failure error retry what=Msg::ErrLibrary /> }
        })
    };
    view! {
        <div class="library">
            <DisplayControls />
            <h1 class="title" id="library-title" tabindex="-1">{ui(Msg::LibraryTitle)}</h1>
            <div class="library-controls" role="search">
                <div class="library-control">
                    <label for="library-search">{ui(Msg::SearchLabel)}</label>
                    <input
                        id="library-search"
                        type="search"
                        autocomplete="off"
                        on:input=move |event| query.set(event_target_value(&event))
                        prop:value=query
                    />
                </div>
                {label_filter}
                {tag_filter}
                <button
                    type="button"
                    class="library-order"
                    aria-pressed=move || if newest.get() { "true" } else { "false" }
                    hidden=move || query.with(|q| q.trim().is_empty())
                    on:click=move |_| newest.update(|n| *n = !*n)
                >
                    {ui(Msg::NewestFirst)}
                </button>
            </div>
            <p class="library-count" role="status">{count}</p>
            {failure}
            <VirtualList items row content window seen class="library-list" />
            <MoreResults shelf found asked />
            <p class="library-none" hidden=move || shown.get() != 0>{ui(Msg::NoMatch)}</p>
            <Pager page pages index hidden=Signal::derive(move || found.with(Option::is_some)) />
        </div>
    }
}

/// The mark made when the results a query will keep are shown: at once for a query whose words'
/// postings were all counted, else once the rest arrives after a pause. What the tests wait for.
const SETTLED_MARK: &str = "library:settled";

/// How long the reader's typing must pause before the results' passages, and the rest of the
/// words' postings, are downloaded.
const EXCERPTS_AFTER: std::time::Duration = std::time::Duration::from_millis(250);

/// The page `?page=` names, within 1..=`pages`.
fn requested_page(pages: u32) -> u32 {
    crate::load::requested_library_page()
        .unwrap_or(1)
        .clamp(1, pages.max(1))
}

/// Links to the newer and older pages of the library: real addresses
/// (`?index=…&page=N`) that can be shared and opened, followed here without reloading.
#[component]
fn Pager(
    /// The page shown.
    page: RwSignal<u32>,
    /// How many pages there are.
    pages: u32,
    /// The index as `?index=` gave it.
    index: String,
    /// Whether the pages are out of place now (search results are shown).
    hidden: Signal<bool>,
) -> impl IntoView {
    let address = move |to: u32| {
        format!(
            "?index={}&page={to}",
            String::from(js_sys::encode_uri_component(&index))
        )
    };
    let go = move |event: leptos::ev::MouseEvent, to: u32, href: String| {
        if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
            return;
        }
        event.prevent_default();
        if let Ok(history) = window().history() {
            _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        page.set(to);
        window().scroll_to_with_x_and_y(0.0, 0.0);
        // The reader's place moves to the top of the new page, as after a page load.
        if let Some(title) = document().get_element_by_id("library-title")
            && let Ok(title) = title.dyn_into::<web_sys::HtmlElement>()
        {
            _ = title.focus();
        }
    };
    let link = move |to: u32, rel: &'static str, text: Msg| {
        let href = address.clone()(to);
        let target = href.clone();
        view! {
            <a class="library-pager-link" href=href rel=rel on:click=move |event| go(event, to, target.clone())>
                {ui(text)}
            </a>
        }
    };
    let newer = {
        let link = link.clone();
        move || (page.get() > 1).then(|| link(page.get() - 1, "prev", Msg::NewerArticles))
    };
    let older =
        move || (page.get() < pages).then(|| link(page.get() + 1, "next", Msg::OlderArticles));
    view! {
        <nav class="library-pager" aria-label=tr(Msg::LibraryPages) hidden=move || hidden.get() || pages < 2>
            {newer}
            {older}
        </nav>
    }
}

/// A choice of one value that entries must have (a label, a topic), or any.
#[component]
fn Filter(
    /// The `<select>`'s id.
    id: &'static str,
    /// What its label says.
    name: Msg,
    /// The first option, which filters nothing.
    any: Msg,
    /// The values to choose from.
    choices: Vec<String>,
    /// The value chosen; empty for any.
    chosen: RwSignal<String>,
) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(|name| {
            let value = name.clone();
            view! { <option value=value>{name}</option> }
        })
        .collect_view();
    view! {
        <div class="library-control">
            <label for=id>{ui(name)}</label>
            <select id=id on:change=move |event| chosen.set(event_target_value(&event))>
                <option value="">{tr(any)}</option>
                {options}
            </select>
        </div>
    }
}
