//! One entry of the library's list: the article's link, label, paid marker, date, reading
//! time, standfirst and picture; and the row that stands in while its page downloads.

use leptos::prelude::*;

use crate::i18n::{Msg, intl_locale, ui_language};
use crate::model::{IsoDate, LibraryEntry};
use crate::view::page::format_date;
use crate::view::ui_text::{dir_of, first_date_text, reading_time, ui, ui_around};

/// One article of the library.
#[component]
pub fn LibraryItem(
    /// The article.
    entry: LibraryEntry,
    /// Where its title leads.
    link: String,
    /// Its picture, resolved and allowed, if it has one.
    image: Option<String>,
    /// Its place in the list, from 0.
    place: usize,
    /// How many entries the list has.
    of: Signal<usize>,
    /// What follows the standfirst: a search result's excerpt.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let LibraryEntry {
        title,
        standfirst,
        label,
        lang,
        sponsor,
        published,
        updated,
        reading_minutes,
        ..
    } = entry;
    let dir = lang.as_deref().map(dir_of);
    let has_image = image.is_some();
    // The lines the interface writes (the paid marker, date and reading time) are in its
    // language, marked as such inside an entry in another.
    let ui_lang = ui_language();
    let foreign = lang.as_deref().is_some_and(|tag| {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        !primary.eq_ignore_ascii_case(ui_lang)
    });
    let (ui_tag, ui_dir) = (foreign.then_some(ui_lang), foreign.then(|| dir_of(ui_lang)));
    let paid = sponsor.map(|name| {
        view! {
            <p class="paid-line" lang=ui_tag dir=ui_dir>
                <span class="paid-tag">{ui(Msg::Sponsored)}</span>
                " "
                {ui_around(Msg::PaidForBy, name)}
            </p>
        }
    });
    let date = published.or(updated).and_then(|iso| {
        let parsed = IsoDate::parse(&iso)?;
        // In the browser through `Intl`; written natively by `article pages`, in English words.
        let shown = if cfg!(target_arch = "wasm32") {
            format_date(&iso, parsed.has_time, Some(&intl_locale()))
        } else {
            first_date_text(&iso)
        };
        Some(view! { <time datetime=iso>{shown}</time> })
    });
    view! {
        <li
            class="library-entry"
            class:has-image=has_image
            lang=lang.clone()
            dir=dir
            data-index=place
            aria-posinset=place + 1
            aria-setsize=move || of.get()
        >
            // Decorative: the title beside it says what the article is.
            {image.map(|src| view! {
                <img class="library-entry-image" src=src alt="" loading="lazy" decoding="async" width="160" height="90" />
            })}
            {label.map(|label| view! { <p class="kicker" class:is-paid=paid.is_some()>{label}</p> })}
            <h2 class="library-entry-title">
                <a href=link>{title}</a>
            </h2>
            {paid}
            <p class="meta" lang=ui_tag dir=ui_dir>
                {date.map(|date| view! { <span class="meta-item">{date}</span> })}
                <span class="meta-item">{reading_time(reading_minutes)}</span>
            </p>
            {standfirst.map(|text| view! { <p class="standfirst">{text}</p> })}
            {children.map(|children| children())}
        </li>
    }
}

/// The row of an entry whose page is still downloading.
#[component]
pub fn PendingItem(
    /// Its place in the list, from 0.
    place: usize,
    /// How many entries the list has.
    of: Signal<usize>,
) -> impl IntoView {
    view! {
        <li
            class="library-entry is-pending"
            data-index=place
            aria-posinset=place + 1
            aria-setsize=move || of.get()
            aria-busy="true"
        >
            <p class="library-entry-title">{ui(Msg::LoadingEntry)}</p>
        </li>
    }
}

/// An entry's picture as an address the page may load (`http`/`https`, relative ones resolved
/// against the index at `base`, as the articles' own addresses are), or `None`.
pub fn picture(base: &str, src: &str) -> Option<String> {
    use crate::model::{CheckedUrl, UrlKind};
    let allowed = CheckedUrl::new(src, UrlKind::Image).safe?;
    web_sys::Url::new_with_base(&allowed, base)
        .ok()
        .map(|url| url.href())
}

/// Where a search result's excerpt leads: the section `section` of the article at `address`
/// (relative to the index at `base`), with `marks` (folded words) to mark there. On a library
/// page `article pages` wrote, the article's own written page beside it (`NAME.html`); else
/// the viewer, as [`article_link`].
pub fn passage_link(
    base: &str,
    address: &str,
    index: &str,
    viewer: &str,
    written: bool,
    section: Option<&str>,
    marks: &[String],
) -> String {
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    let fragment = section
        .map(|id| format!("#{}", encode(id)))
        .unwrap_or_default();
    let marks = encode(&marks.join(" "));
    let written_page = address
        .strip_suffix(".json")
        .filter(|_| written)
        .and_then(|name| web_sys::Url::new_with_base(&format!("{name}.html"), base).ok());
    match written_page {
        Some(page) => format!("{}?hl={marks}{fragment}", page.href()),
        None => format!(
            "{}&hl={marks}{fragment}",
            article_link(base, address, index, viewer)
        ),
    }
}

/// The viewer page showing the article at `address` (relative to the index at `base`), with
/// the way back to the library at `index`; the viewer is at `viewer` (`./` but on a library
/// page `article pages` wrote in the articles' folder).
pub fn article_link(base: &str, address: &str, index: &str, viewer: &str) -> String {
    let article = web_sys::Url::new_with_base(address, base)
        .map(|url| url.href())
        .unwrap_or_else(|_| address.to_owned());
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    format!(
        "{viewer}?article={}&from={}",
        encode(&article),
        encode(index)
    )
}
