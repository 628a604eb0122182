//! The article header: kicker, title, sponsor line, standfirst, byline and dates.

use leptos::prelude::*;

use crate::model::{IsoDate, Source, Sponsor};
use crate::view::inline::source_name;
use crate::view::page::format_date;

/// Everything above the body. A sponsored article says so next to its title, not only at the end.
#[component]
pub fn ArticleHeader(
    /// Kicker above the title.
    label: Option<String>,
    /// The headline.
    title: String,
    /// One-sentence summary.
    standfirst: Option<String>,
    /// Bylines.
    authors: Vec<String>,
    /// ISO publication date.
    published: Option<String>,
    /// ISO update date.
    updated: Option<String>,
    /// The publisher.
    source: Option<Source>,
    /// Present when the article is paid for.
    sponsor: Option<Sponsor>,
    /// Article language, for date formatting.
    lang: Option<String>,
    /// Estimated reading time.
    reading_minutes: usize,
) -> impl IntoView {
    let sponsored = sponsor.is_some();
    let sponsor_line = sponsor.map(|s| {
        view! {
            <p class="paid-line">
                <span class="paid-tag">"Sponsored"</span>
                " Paid for by " {s.name}
            </p>
        }
    });
    let byline = (!authors.is_empty()).then(|| {
        view! { <p class="byline">"By " {join_names(&authors)}</p> }
    });
    let published = published.and_then(|iso| date_view(iso, lang.as_deref(), "Published"));
    let updated = updated.and_then(|iso| date_view(iso, lang.as_deref(), "Updated"));
    let source =
        source.map(|source| view! { <span class="meta-item source">{source_name(source)}</span> });
    view! {
        <header class="article-header">
            {label.map(|label| view! { <p class="kicker" class:is-paid=sponsored>{label}</p> })}
            <h1 class="title">{title}</h1>
            {sponsor_line}
            {standfirst.map(|text| view! { <p class="standfirst">{text}</p> })}
            {byline}
            <p class="meta">
                {source}
                {published}
                {updated}
                <span class="meta-item">{format!("{reading_minutes} min read")}</span>
            </p>
        </header>
    }
}

fn date_view(
    iso: String,
    lang: Option<&str>,
    prefix: &'static str,
) -> Option<impl IntoView + use<>> {
    let parsed = IsoDate::parse(&iso)?;
    let shown = format_date(&iso, parsed.has_time, lang);
    Some(view! {
        <span class="meta-item">{prefix} " " <time datetime=iso>{shown}</time></span>
    })
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
