//! A search result's excerpt: the passage of the article that holds most of the words found,
//! with those words marked, as a link to the section it is in; the article page opens that
//! section and marks the same words there (`view::marks`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::search::excerpt::{Excerpt, excerpt};
use crate::view::library::shelf::Shelf;
use crate::view::page::fold_query;

/// The address leading to a section of an article (`None`: its top) with words marked.
pub type PassageLink = Arc<dyn Fn(Option<&str>, &[String]) -> String + Send + Sync>;

/// Words passed to the article page to mark at most: enough for any query typed by hand.
const MOST_MARKED: usize = 24;

/// The excerpt of the article at `address` for the words `found`, once its passages arrive.
#[component]
pub fn ResultExcerpt(
    /// The library's data, which downloads the passages.
    shelf: Shelf,
    /// The article's address, relative to the index.
    address: String,
    /// The words of the index the query found (folded, sorted).
    found: Arc<[String]>,
    /// The address leading to a section (`None`: the article's top) with words marked.
    link: PassageLink,
) -> impl IntoView {
    let shown = RwSignal::new(None::<(Excerpt, String)>);
    spawn_local(async move {
        let Ok(Some(text)) = shelf.text(&address).await else {
            return;
        };
        if let Some(cut) = excerpt(&text, &found, fold_query) {
            let marks = &cut.held[..cut.held.len().min(MOST_MARKED)];
            let href = link(cut.section.as_deref(), marks);
            _ = shown.try_set(Some((cut, href)));
        }
    });
    move || {
        shown.get().map(|(cut, href)| {
            let pieces = cut
                .pieces
                .into_iter()
                .map(|(text, marked)| {
                    if marked {
                        view! { <mark>{text}</mark> }.into_any()
                    } else {
                        text.into_any()
                    }
                })
                .collect_view();
            view! {
                <p class="library-excerpt">
                    <a href=href>{pieces}</a>
                </p>
            }
        })
    }
}
