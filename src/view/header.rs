//! The article header: kicker, title, sponsor line, standfirst, byline and dates.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::model::{Article, IsoDate, Source};
use crate::view::inline::SourceName;
use crate::view::page::format_date;
use crate::view::ui_text::{first_date_text, names, reading_time, ui, ui_around};

/// Everything above the body: the article's own fields (not its sections or figures) and the
/// reading time once it is known. A sponsored article says so next to its title, not only at
/// the end.
#[component]
pub fn ArticleHeader(
    /// The article's fields; its sections and figures are not read.
    article: Article,
    /// Minutes to read the whole article: `None` while a long article is still arriving.
    #[prop(into)]
    reading_minutes: Signal<Option<usize>>,
) -> impl IntoView {
    let Article {
        label,
        title,
        sponsor,
        standfirst,
        authors,
        source,
        published,
        updated,
        lang,
        ..
    } = article;
    let paid = sponsor.is_some();
    let dates = [(published, Msg::Published), (updated, Msg::Updated)]
        .into_iter()
        .filter_map(|(iso, prefix)| {
            let iso = iso?;
            let parsed = IsoDate::parse(&iso)?;
            // In the reader's language through the browser's `Intl`, by an effect (before the
            // first paint); rendered elsewhere, the ISO date stands.
            let shown = RwSignal::new(first_date_text(&iso));
            let (when, lang) = (iso.clone(), lang.clone());
            Effect::new(move |_| {
                shown.set(format_date(&when, parsed.has_time, lang.as_deref()));
            });
            Some(view! {
                <span class="meta-item">
                    {ui(prefix)} " " <time datetime=iso>{move || shown.get()}</time>
                </span>
            })
        })
        .collect_view();
    view! {
        <header class="article-header">
            {label.map(|label| view! { <p class="kicker" class:is-paid=paid>{label}</p> })}
            <h1 class="title">{title}</h1>
            {sponsor
                .map(|sponsor| {
                    view! {
                        <p class="paid-line">
                            <span class="paid-tag">{ui(Msg::Sponsored)}</span>
                            " "
                            {ui_around(Msg::PaidForBy, sponsor.name)}
                        </p>
                    }
                })}
            {standfirst.map(|text| view! { <p class="standfirst">{text}</p> })}
            {(!authors.is_empty())
                .then(|| view! { <p class="byline">{ui_around(Msg::Byline, byline(authors))}</p> })}
            <p class="meta">
                {source
                    .map(|source| {
                        view! {
                            <span class="meta-item source">
                                <SourceName source=source />
                            </span>
                        }
                    })}
                {dates}
                {move || {
                    reading_minutes
                        .get()
                        .map(|minutes| {
                            view! { <span class="meta-item">{reading_time(minutes)}</span> }
                        })
                }}
            </p>
        </header>
    }
}

/// The authors joined as the interface language joins names ("A, B and C"), each name linked
/// to its page when it has a safe one. The words between names come from joining stand-ins
/// (private-use characters no name is written with), so `Intl.ListFormat` still decides them.
fn byline(authors: Vec<Source>) -> Vec<AnyView> {
    let stand_ins: Vec<String> = (0..authors.len() as u32)
        .map(|i| char::from_u32(0xE000 + i).map_or_else(String::new, String::from))
        .collect();
    let joined = names(&stand_ins);
    let mut rest = joined.as_str();
    let mut pieces = Vec::with_capacity(authors.len() * 2 + 1);
    for (author, stand_in) in authors.into_iter().zip(&stand_ins) {
        let (between, after) = rest.split_once(stand_in.as_str()).unwrap_or(("", rest));
        if !between.is_empty() {
            pieces.push(between.to_owned().into_any());
        }
        pieces.push(view! { <SourceName source=author /> }.into_any());
        rest = after;
    }
    if !rest.is_empty() {
        pieces.push(rest.to_owned().into_any());
    }
    pieces
}
