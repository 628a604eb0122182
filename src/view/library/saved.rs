//! The library page's "Saved for offline" list: the articles this browser keeps for reading
//! without a network (saved from an article's "Save for offline"), each with its title, date
//! and the space it takes, and a way to remove it. The list comes from the offline worker, so
//! it shows offline too, also when the library's own index cannot be downloaded. The worker's
//! "not saved" page links here (`library.html#saved`).

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::load::offline::{Ask, SavedArticle, ask};
use crate::model::IsoDate;
use crate::view::offline::when_worker;
use crate::view::page::{format_date, reveal};
use crate::view::ui_text::{human_size, ui, ui_fill};

/// The fragment that names the list.
const SAVED_ID: &str = "saved";

/// The list, where a worker controls the page and something is saved (or the address asks
/// for the list by its fragment, when it says that nothing is).
#[component]
pub fn SavedArticles() -> impl IntoView {
    let saved = RwSignal::new(None::<Vec<SavedArticle>>);
    let asked = window().location().hash().is_ok_and(|h| h == "#saved");
    let load = move || {
        leptos::task::spawn_local(async move {
            let list = ask(&Ask::List).await.map(|a| a.saved).unwrap_or_default();
            _ = saved.try_set(Some(list));
            if asked {
                reveal(SAVED_ID.to_owned(), Some("saved-title".to_owned()), false);
            }
        });
    };
    Effect::new(move |_| when_worker(load));
    let remove = move |article: String| {
        leptos::task::spawn_local(async move {
            if ask(&Ask::Remove { article: &article }).await.is_ok() {
                saved.update(|list| {
                    if let Some(list) = list {
                        list.retain(|s| s.article != article);
                    }
                });
            }
        });
    };
    move || {
        let list = saved.get()?;
        if list.is_empty() && !asked {
            return None;
        }
        let empty = list.is_empty().then(|| view! { <p>{ui(Msg::NoSaved)}</p> });
        let items = list
            .into_iter()
            .enumerate()
            .map(|(place, entry)| view! { <SavedItem entry place remove /> })
            .collect_view();
        Some(view! {
            <section class="saved-articles" id=SAVED_ID aria-labelledby="saved-title">
                <h2 id="saved-title" tabindex="-1">{ui(Msg::SavedArticles)}</h2>
                {empty}
                <ul class="library-list">{items}</ul>
            </section>
        })
    }
}

/// One saved article: a link to its page, its date, its size, and "Remove".
#[component]
fn SavedItem(
    /// The article as the worker keeps it.
    entry: SavedArticle,
    /// Its place in the list, which names its title for its button.
    place: usize,
    /// Removes it, by its article address.
    remove: impl Fn(String) + Copy + 'static,
) -> impl IntoView {
    let SavedArticle {
        article,
        page,
        title,
        published,
        bytes,
        ..
    } = entry;
    let date = published.and_then(|iso| {
        let parsed = IsoDate::parse(&iso)?;
        let shown = format_date(&iso, parsed.has_time, None);
        Some(view! { <time datetime=iso>{shown}</time> " · " })
    });
    // A link to a page of this site only: the list is the worker's, but stay careful.
    let href = page.starts_with(&window().location().origin().unwrap_or_default());
    let title_id = format!("saved-{place}");
    view! {
        <li class="library-entry saved-entry">
            <h3 class="library-entry-title" id=title_id.clone()>
                {if href {
                    view! { <a href=page>{title}</a> }.into_any()
                } else {
                    title.into_any()
                }}
            </h3>
            <p class="library-entry-meta">
                {date}
                {ui_fill(Msg::SavedSize, &[&human_size(bytes as usize)])}
            </p>
            <button
                class="chip"
                type="button"
                aria-describedby=title_id
                on:click=move |_| remove(article.clone())
            >
                {ui(Msg::RemoveOffline)}
            </button>
        </li>
    }
}
