//! The way to more results of a phrase: the page looks for a phrase in the text of the best
//! results a few dozen at a time (each needs its article's passages downloaded), says how far
//! it has looked, and looks further when the reader asks.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Msg;
use crate::view::library::shelf::{Searched, Shelf};
use crate::view::ui_text::{number, ui, ui_fill};

/// How far a phrase was looked for, and a button to look further; hidden when it was looked
/// for in every result.
#[component]
pub fn MoreResults(
    /// The library's data, which downloads the passages.
    shelf: Shelf,
    /// What the search found; grows when the reader asks for more.
    found: RwSignal<Option<Searched>>,
    /// Which search is the latest: an answer for an earlier one is dropped.
    asked: StoredValue<u64>,
) -> impl IntoView {
    let unchecked = move || found.with(|f| f.as_ref().map_or(0, |f| f.unchecked.len()));
    let looking = RwSignal::new(false);
    let looked_in = move || {
        found.with(|f| {
            f.as_ref().filter(|f| !f.unchecked.is_empty()).map(|f| {
                ui_fill(
                    Msg::PhraseLookedIn,
                    &[&number(f.checked), &number(f.unchecked.len())],
                )
            })
        })
    };
    let more = move |_| {
        let Some(searched) = found.get_untracked() else {
            return;
        };
        let ask = asked.get_value();
        looking.set(true);
        spawn_local(async move {
            let result = shelf.more(searched).await;
            _ = looking.try_set(false);
            if asked.try_get_value() != Some(ask) {
                return;
            }
            match result {
                Ok(searched) => _ = found.try_set(Some(searched)),
                Err(error) => _ = shelf.failure.try_set(Some(error)),
            }
        });
    };
    view! {
        <p class="library-more" hidden=move || unchecked() == 0>
            <span class="library-more-status">{looked_in}</span>
            <button type="button" class="button" disabled=move || looking.get() on:click=more>
                {ui(Msg::MorePhraseResults)}
            </button>
        </p>
    }
}
