//! Taking over a page `article pages` pre-rendered with [`ArticleView`]: the article is in
//! the page already, open and readable, and stays exactly as it is. No section, heading or
//! paragraph is built again, so nothing moves, and the scroll position, focus and any
//! selection stay. What the page needs from the article is read from the markup itself (each
//! section's id, whether it was published closed, the contents and figure links), not
//! downloaded and decoded again: the start is a few short tasks, and the sections wait for the
//! reader (`view::waking`).
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

use std::ops::Range;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::schedule::{next_frame, next_task};
use crate::view::accordion::{SectionStates, ShowAll};
use crate::view::announce::{Announcer, Toast};
use crate::view::contents::{ContentsList, follow_entry};
use crate::view::display::DisplayControls;
use crate::view::dom::listen;
use crate::view::figures::follow_figure_link;
use crate::view::mount::{Built, build_view};
use crate::view::names::{SECTION_GROUP, open_sections_key};
use crate::view::offline::OfflineSource;
use crate::view::reading::{ReadingPosition, ReadingProgress};
use crate::view::section::PRERENDERED_PART;
use crate::view::waking::{in_window, wake_where_the_reader_is};

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
    let sections = sections_of(&article);
    // Read before anything changes: the page has been laid out for its first paint, so this
    // costs nothing now, while after a change it would lay the whole page out again.
    let window = in_window(&sections);
    // The viewer is never unmounted: what it builds here lives as long as the page.
    let owner = Owner::new();
    std::mem::forget(owner.clone());
    if let Some(source) = article_address() {
        owner.with(|| provide_context(source));
    }
    let viewer = viewer.clone();
    // In short tasks rather than one: all of it in the module's first task came to about 100
    // ms on a phone four times slower than this machine, which is blocking time
    // (docs/performance.md, "Written pages"). The toggles first, a task after the start and
    // not a frame (a frame of a long page costs the browser 50-100 ms): they are what a reader
    // presses first. Then the other controls, each built outside the page in a task of its
    // own, and all put in place in one short task, so the page changes once.
    leptos::task::spawn_local(async move {
        next_task().await;
        let (states, announcer, position) = owner.with(|| section_states(&viewer, &sections));
        next_task().await;
        owner.with(|| {
            attach_listeners(&article, &states, announcer, position);
            make_sections_live(states.clone(), &article, sections, window);
        });
        next_frame().await;
        let display = owner.with(|| build_view(view! { <DisplayControls /> }.into_any()));
        next_task().await;
        let show_all = owner.with(|| build_view(view! { <ShowAll states /> }.into_any()));
        let progress = owner.with(|| build_view(view! { <ReadingProgress position /> }));
        let toast = owner.with(|| build_view(view! { <Toast announcer /> }));
        next_task().await;
        owner.with(|| {
            replace_hidden(&article, ".display-controls", display);
            replace_hidden(&article, ".show-all", show_all);
            if let Some(parent) = article.parent_element() {
                progress.place(&parent, Some(&article));
                toast.place(&parent, None);
            }
            if let Some(rail) = article.query_selector(".article-rail").ok().flatten() {
                _ = rail.remove_attribute(PRERENDERED_PART);
            }
            _ = viewer.class_list().remove_1(PRERENDERED);
            crate::timing::mark("viewer:rendered");
            crate::timing::mark("viewer:complete");
        });
    });
    true
}

/// The written page's article, as its head names it (`<link rel="alternate"
/// type="application/json">`), absolute: what "Save for offline" keeps.
fn article_address() -> Option<OfflineSource> {
    let document = leptos::prelude::document();
    let link = document
        .query_selector(r#"link[rel="alternate"][type="application/json"]"#)
        .ok()??;
    let base = document.base_uri().ok()??;
    let url = web_sys::Url::new_with_base(&link.get_attribute("href")?, &base).ok()?;
    Some(OfflineSource(url.href()))
}

/// The sections of the pre-rendered article, in page order.
fn sections_of(article: &Element) -> Vec<Element> {
    let Ok(list) = article.query_selector_all(&format!("{} > .section", SECTION_GROUP.selector))
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Every section's state as published, or as the reader left it earlier in the session; and
/// what follows the reader (the toast, the reading position).
fn section_states(
    viewer: &HtmlElement,
    sections: &[Element],
) -> (SectionStates, Announcer, ReadingPosition) {
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
        states.restore_and_remember(open_sections_key(&url));
    }
    let announcer = Announcer::create();
    let position = ReadingPosition::track(states.clone());
    (states, announcer, position)
}

/// The listeners the components attach with `on:`, attached to the pre-rendered containers
/// (one each, for every section, contents entry and figure link).
fn attach_listeners(
    article: &Element,
    states: &SectionStates,
    announcer: Announcer,
    position: ReadingPosition,
) {
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
}

/// Puts `built` where the hidden pre-rendered twin matching `selector` is, and removes the
/// twin: the same component's markup, so the same size.
fn replace_hidden<S>(article: &Element, selector: &str, built: Built<S>)
where
    S: leptos::tachys::view::Mountable + 'static,
{
    let Some(twin) = article.query_selector(selector).ok().flatten() else {
        return;
    };
    if let Some(parent) = twin.parent_element() {
        built.place(&parent, Some(&twin));
        twin.remove();
    }
}

/// Gives the sections in the window their state and working controls now, and every other
/// one when the reader comes to it (`view::waking`); then follows the `#fragment`, as the
/// client-only page does once every section is in.
fn make_sections_live(
    states: SectionStates,
    article: &Element,
    sections: Vec<Element>,
    window: Range<usize>,
) {
    wake_where_the_reader_is(&states, article, sections, window);
    let all_in_page = RwSignal::new(true);
    crate::view::mounted::follow_fragments(states, all_in_page);
}
