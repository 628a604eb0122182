//! "Save for offline" on an article: the article, its page and its pictures kept by the offline
//! worker (`public/sw.js`) until the reader removes them. Shown only where a worker controls
//! the page, so not where the publisher turned it off; the saving is the worker's, and this
//! control only asks and reports.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Msg, tr, tr_fill};
use crate::load::offline::{Ask, OfflineError, SavedArticle, ask, ask_to_persist, has_worker};
use crate::view::dom::listen;
use crate::view::ui_text::{number, ui};

/// The absolute address of the article's JSON, which is what a saved copy is known by: given
/// by the page (the client-only viewer's loader, a written page's take-over).
#[derive(Clone, Debug)]
pub struct OfflineSource(pub String);

/// The button, and a status line that says what was kept and how much space it takes. Its
/// state is in signals of the types the page's other controls use, and its words are plain
/// strings: each new signal or view type costs the module its own copy of Leptos's generic
/// code (an enum state cost this control 1.3 KB gzip more: docs/performance.md).
#[component]
pub fn SaveForOffline() -> impl IntoView {
    let Some(OfflineSource(article)) = use_context::<OfflineSource>() else {
        return ().into_any();
    };
    let controlled = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let kept = move |bytes: f64| {
        saved.set(true);
        // In whole kilobytes, the unit in the translation: `Intl`'s unit wording would bring
        // its own code into the written page's module.
        let kilobytes = (bytes as usize).div_ceil(1024);
        status.set(tr_fill(Msg::SavedOffline, &[&number(kilobytes)]));
    };
    let known = article.clone();
    Effect::new(move |_| {
        let article = known.clone();
        when_worker(move || {
            controlled.set(true);
            let article = article.clone();
            leptos::task::spawn_local(async move {
                if let Ok(answer) = ask(&Ask::List).await
                    && let Some(entry) = answer.saved.iter().find(|s| s.article == article)
                {
                    kept(entry.bytes);
                }
            });
        });
    });
    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let article = article.clone();
        let removing = saved.get_untracked();
        if !removing {
            status.set(tr(Msg::SavingOffline).to_owned());
        }
        leptos::task::spawn_local(async move {
            if removing {
                if ask(&Ask::Remove { article: &article }).await.is_ok() {
                    saved.set(false);
                    status.set(tr(Msg::OfflineRemoved).to_owned());
                }
            } else {
                ask_to_persist().await;
                match ask(&Ask::Save(&what_to_save(article))).await {
                    Ok(answer) => kept(answer.bytes),
                    Err(OfflineError::Full(_)) => status.set(tr(Msg::OfflineFull).to_owned()),
                    Err(_) => status.set(tr(Msg::OfflineFailed).to_owned()),
                }
            }
            busy.set(false);
        });
    };
    view! {
        <div class="offline-control" class:is-ready=move || controlled.get()>
            <button class="chip" type="button" on:click=toggle>
                {move || ui(if saved.get() { Msg::RemoveOffline } else { Msg::SaveOffline })}
            </button>
            <span class="offline-status" role="status">
                {move || status.get()}
            </span>
        </div>
    }
    .into_any()
}

/// Runs `then` once a worker controls the page: now if one does, and again whenever one takes
/// the page over (on a first visit, that happens after the page has loaded). Called from an
/// effect, so the browser is asked after rendering.
pub fn when_worker(then: impl Fn() + 'static) {
    if has_worker() {
        then();
    }
    listen(
        &window().navigator().service_worker(),
        "controllerchange",
        move |_| {
            if has_worker() {
                then();
            }
        },
    );
}

/// The article as the page shows it: its title and date, the page's address and the pictures
/// in it (read when the reader asks, so a long article's later sections are counted too).
fn what_to_save(article: String) -> SavedArticle {
    let document = document();
    let text = |selector: &str, attribute: Option<&str>| {
        let element = document.query_selector(selector).ok().flatten()?;
        match attribute {
            Some(name) => element.get_attribute(name),
            None => element.text_content(),
        }
    };
    let mut pictures = Vec::new();
    if let Ok(images) = document.query_selector_all("article img") {
        for i in 0..images.length() {
            let image = images
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlImageElement>().ok());
            if let Some(src) = image.map(|i| i.src()).filter(|s| s.starts_with("http")) {
                pictures.push(src);
            }
        }
    }
    let page = window().location().href().unwrap_or_default();
    SavedArticle {
        article,
        page: page.split('#').next().unwrap_or_default().to_owned(),
        title: text(".article-header .title", None).unwrap_or_default(),
        published: text(".article-header time", Some("datetime")),
        pictures,
        ..SavedArticle::default()
    }
}
