//! Taking over a page `article pages` pre-rendered with [`ArticleView`]: the article is in
//! the page already, open and readable, and stays exactly as it is. No section, heading or
//! paragraph is built again, so nothing moves, and the scroll position, focus and any
//! selection stay. What the page needs from the article is read from the markup itself (each
//! section's id, whether it was published closed, the contents and figure links), not
//! downloaded and decoded again: the start is one short pass over the page.
//!
//! Leptos's hydration would walk the same markup, but its `hydrate` feature adds to the module
//! of every page (docs/performance.md, "Measured reasons"), and the sections, which are
//! all of a long article, are static markup that is never rebuilt anyway. So the controls the
//! pre-render leaves inert are built here by the same components the client-only page uses
//! (display controls, "show all", the copy-link buttons, the toast and progress bar) and put
//! where their hidden twins stand, with the same size; the sections' toggles become buttons
//! around the heading text already on the page; and the listeners the components attach with
//! `on:` are attached to the pre-rendered containers, which no view owns.
//!
//! [`ArticleView`]: crate::view::ArticleView

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::schedule::{TaskClock, in_frames};
use crate::view::accordion::{SectionStates, ShowAll};
use crate::view::announce::{Announcer, Toast};
use crate::view::contents::{ContentsList, follow_entry};
use crate::view::display::DisplayControls;
use crate::view::dom::listen;
use crate::view::figures::follow_figure_link;
use crate::view::mount::insert_view;
use crate::view::reading::{ReadingPosition, ReadingProgress, count_leading};
use crate::view::section::PRERENDERED_PART;

/// Class of the viewer's host while its article is pre-rendered markup not yet taken over;
/// the stylesheet keeps the controls that need the app hidden meanwhile.
pub const PRERENDERED: &str = "is-prerendered";

/// The id of the `<script type="application/json">` in which a written page not in English
/// holds the interface's words in its language (`i18n::use_page_texts`).
pub const PAGE_TEXTS_ID: &str = "viewer-texts";

/// Takes over the pre-rendered article in `viewer`. Returns false when there is none (the
/// page is the client-only viewer).
pub fn take_over(viewer: &HtmlElement) -> bool {
    if !viewer.class_list().contains(PRERENDERED) {
        return false;
    }
    let Some(article) = viewer.query_selector("article.article").ok().flatten() else {
        return false;
    };
    // The page's own words for its controls, when it is not in English.
    if let Some(texts) = leptos::prelude::document()
        .get_element_by_id(PAGE_TEXTS_ID)
        .and_then(|script| script.text_content())
    {
        crate::i18n::use_page_texts(&texts);
    }
    crate::i18n::follow_article(article.get_attribute("lang").as_deref());
    // What `mount_to` does first: tasks (copying a link) run on the browser's event loop.
    #[cfg(target_arch = "wasm32")]
    {
        _ = any_spawner::Executor::init_wasm_bindgen();
    }
    // The viewer is never unmounted: what it builds here lives as long as the page.
    let owner = Owner::new();
    owner.with(|| adopt(viewer, &article));
    std::mem::forget(owner);
    true
}

/// The sections of the pre-rendered article, in page order.
fn sections_of(article: &Element) -> Vec<Element> {
    let Ok(list) = article.query_selector_all(".section-group > .section") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn adopt(viewer: &HtmlElement, article: &Element) {
    let sections = sections_of(article);
    // Read before anything changes: the page has been laid out for its first paint, so this
    // costs nothing now, while after a change it would lay the whole page out again.
    let first_below = first_below_window(&sections);
    let states = SectionStates::new(
        sections
            .iter()
            .map(|section| {
                let collapsible = !section.class_list().contains("section-lead");
                let published_open = !section.has_attribute("data-collapsed");
                (section.id(), collapsible, published_open)
            })
            .collect(),
    );
    // Remembered per article, as the client-only page keys it: by the article's address.
    let address = viewer.get_attribute("data-article").unwrap_or_default();
    if let Ok(url) = crate::load::resolve_article_url(&address) {
        states.restore_and_remember(format!("article-viewer:open:{url}"));
    }
    let announcer = Announcer::create();
    let position = ReadingPosition::track(states.clone());

    replace_hidden(article, ".display-controls", view! { <DisplayControls /> });
    replace_hidden(
        article,
        ".show-all",
        view! { <ShowAll states=states.clone() /> },
    );
    if let Some(parent) = article.parent_element() {
        insert_view(
            &parent,
            Some(article),
            view! { <ReadingProgress position /> },
        );
        insert_view(&parent, None, view! { <Toast announcer /> });
    }

    let clicks = states.clone();
    listen(article, "click", move |event| {
        if let Some(event) = event.dyn_ref::<web_sys::MouseEvent>() {
            clicks.handle_click(event);
            announcer.copy_link_from_click(event);
        }
    });
    let found = states.clone();
    listen(article, "beforematch", move |event| {
        found.handle_before_match(&event)
    });
    if let Some(nav) = article.query_selector("nav.contents").ok().flatten() {
        let contents = states.clone();
        listen(&nav, "click", move |event| {
            if let Some(event) = event.dyn_ref::<web_sys::MouseEvent>() {
                follow_entry(&contents, event);
            }
        });
        if let Some(list) = nav.query_selector("ol.contents-list").ok().flatten() {
            ContentsList::attach(list, Vec::new(), position);
        }
    }
    if let Some(aside) = article.query_selector("aside.key-figures").ok().flatten() {
        let figures = states.clone();
        listen(&aside, "click", move |event| {
            if let Some(event) = event.dyn_ref::<web_sys::MouseEvent>() {
                follow_figure_link(&figures, event);
            }
        });
    }
    if let Some(rail) = article.query_selector(".article-rail").ok().flatten() {
        _ = rail.remove_attribute(PRERENDERED_PART);
    }
    _ = viewer.class_list().remove_1(PRERENDERED);
    crate::timing::mark("viewer:rendered");
    make_sections_live(states, sections, first_below);
}

/// Builds `view` where the hidden pre-rendered twin matching `selector` is, and removes the
/// twin: the same component's markup, so the same size.
fn replace_hidden<V>(article: &Element, selector: &str, view: V)
where
    V: IntoView + 'static,
    V::State: 'static,
{
    let Some(twin) = article.query_selector(selector).ok().flatten() else {
        return;
    };
    if let Some(parent) = twin.parent_element() {
        insert_view(&parent, Some(&twin), view);
        twin.remove();
    }
}

/// The index of the first of `sections` that starts below the window. Found once, before
/// anything changes: section tops increase down the page, and closing a section below the
/// window moves none above it, so no layout is read again while sections are made live
/// (reading one after each change had the browser lay the page out again for every section).
fn first_below_window(sections: &[Element]) -> usize {
    let viewport = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    count_leading(sections.len(), |i| {
        sections[i].get_bounding_client_rect().top() < viewport
    })
}

/// Gives every section its state and working controls: a screenful at once, the rest of a long
/// article in short tasks, one per frame. A section published closed, or closed by the reader
/// earlier, closes only while it is below the window; one the reader can see or has passed
/// stays open. Then the `#fragment` is followed, as on the client-only page once every section
/// is in.
fn make_sections_live(states: SectionStates, sections: Vec<Element>, first_below: usize) {
    let all_in_page = RwSignal::new(false);
    crate::view::article::follow_fragments(states.clone(), all_in_page);
    let mut pending = sections.into_iter().enumerate().peekable();
    let mut live = move |count: usize, clock: Option<&TaskClock>| {
        let mut done = 0;
        while let Some((index, section)) = pending.peek().cloned() {
            if done >= count || clock.is_some_and(TaskClock::spent) {
                break;
            }
            pending.next();
            states.adopt(index, section, index >= first_below);
            done += 1;
        }
        pending.peek().is_some()
    };
    // A screenful at once (what the reader may press first), the rest in short tasks.
    if !live(crate::schedule::screenful(), None) {
        all_in_page.set(true);
        crate::timing::mark("viewer:complete");
        return;
    }
    in_frames(move || {
        let clock = TaskClock::start();
        let more = live(usize::MAX, Some(&clock));
        if !more {
            all_in_page.set(true);
            crate::timing::mark("viewer:complete");
        }
        more
    });
}
