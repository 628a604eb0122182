//! A page of the library as `article pages` writes it (`library.html`, `library-N.html` beside
//! the articles): the same entries the live page shows, readable without JavaScript and by
//! crawlers, with links to the articles' own written pages and to the other pages. The library
//! page's module takes it over: the live list replaces this one once the index is read.

use leptos::prelude::*;

use crate::i18n::{Msg, tr};
use crate::model::LibraryEntry;
use crate::view::library::entry::LibraryItem;
use crate::view::ui_text::{number, ui, ui_fill};

/// The id of the written list, which the live page removes.
pub const STATIC_ID: &str = "library-written";

/// One entry as written: the entry, where its title leads, its picture.
pub type WrittenEntry = (LibraryEntry, String, Option<String>);

/// One page of the library, written.
#[component]
pub fn WrittenLibraryPage(
    /// Its entries, newest first.
    entries: Vec<WrittenEntry>,
    /// The newest-first position of its first entry, from 0.
    first: usize,
    /// How many articles the library holds.
    total: usize,
    /// The addresses of the newer and the older page, where there are such.
    around: (Option<String>, Option<String>),
) -> impl IntoView {
    let shown = entries.len();
    let of = Signal::stored(shown);
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(place, (entry, link, image))| {
            view! { <LibraryItem entry link image place of /> }
        })
        .collect_view();
    let range = [number(first + 1), number(first + shown), number(total)];
    let (newer, older) = around;
    let pager = (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="library-pager" aria-label=tr(Msg::LibraryPages)>
                {newer.map(|href| view! { <a class="library-pager-link" href=href rel="prev">{ui(Msg::NewerArticles)}</a> })}
                {older.map(|href| view! { <a class="library-pager-link" href=href rel="next">{ui(Msg::OlderArticles)}</a> })}
            </nav>
        }
    });
    view! {
        <div class="library" id=STATIC_ID>
            <h1 class="title">{ui(Msg::LibraryTitle)}</h1>
            <p class="library-count">{ui_fill(Msg::PageRange, &[&range[0], &range[1], &range[2]])}</p>
            <ul class="library-list">{items}</ul>
            {pager}
        </div>
    }
}
