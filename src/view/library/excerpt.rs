//! A search result's excerpt: the passage of the article that holds most of the words found,
//! with those words marked, as a link to the section it is in; the article page opens that
//! section and marks the same words there (`view::marks`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::search::excerpt::{Excerpt, excerpt};
use crate::model::search::terms::terms;
use crate::model::search::text::ArticleText;
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
            let href = link(cut.section.as_deref(), &held(&text, &found));
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

/// The words of `found` that the article's text holds: what its page marks.
fn held(text: &ArticleText, found: &[String]) -> Vec<String> {
    let mut out: Vec<String> = text
        .passages
        .iter()
        .flat_map(|passage| terms(&fold_query(&passage.text)))
        .filter(|term| found.binary_search(term).is_ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out.truncate(MOST_MARKED);
    out
}
