//! The article header: kicker, title, sponsor line, standfirst, byline and dates. Static, so it
//! is built as plain DOM (see [`crate::view::dom`]).

use std::rc::Rc;

use leptos::prelude::*;
use web_sys::Element;

use crate::model::{IsoDate, Source, Sponsor};
use crate::view::dom::{Content, Dom, fill, set};
use crate::view::inline::build_source_name;
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
    let content: Rc<dyn Content> = Rc::new(HeaderContent {
        label,
        title,
        standfirst,
        authors,
        published,
        updated,
        source,
        sponsor,
        lang,
        reading_minutes,
    });
    view! { <header class="article-header" use:fill=content></header> }
}

struct HeaderContent {
    label: Option<String>,
    title: String,
    standfirst: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    updated: Option<String>,
    source: Option<Source>,
    sponsor: Option<Sponsor>,
    lang: Option<String>,
    reading_minutes: usize,
}

impl Content for HeaderContent {
    fn build(&self, dom: &Dom, header: &Element) {
        if let Some(label) = &self.label {
            let kicker = dom.element(header, "p", "kicker");
            if self.sponsor.is_some() {
                _ = kicker.class_list().add_1("is-paid");
            }
            dom.text(&kicker, label);
        }
        let title = dom.element(header, "h1", "title");
        dom.text(&title, &self.title);
        if let Some(sponsor) = &self.sponsor {
            let line = dom.element(header, "p", "paid-line");
            let tag = dom.element(&line, "span", "paid-tag");
            dom.text(&tag, "Sponsored");
            dom.text(&line, " Paid for by ");
            dom.text(&line, &sponsor.name);
        }
        if let Some(text) = &self.standfirst {
            let standfirst = dom.element(header, "p", "standfirst");
            dom.text(&standfirst, text);
        }
        if !self.authors.is_empty() {
            let byline = dom.element(header, "p", "byline");
            dom.text(&byline, "By ");
            dom.text(&byline, &join_names(&self.authors));
        }
        let meta = dom.element(header, "p", "meta");
        if let Some(source) = &self.source {
            let item = dom.element(&meta, "span", "meta-item source");
            build_source_name(dom, &item, source);
        }
        let lang = self.lang.as_deref();
        for (iso, prefix) in [(&self.published, "Published"), (&self.updated, "Updated")] {
            let Some(iso) = iso else { continue };
            let Some(parsed) = IsoDate::parse(iso) else {
                continue;
            };
            let item = dom.element(&meta, "span", "meta-item");
            dom.text(&item, prefix);
            dom.text(&item, " ");
            let time = dom.element(&item, "time", "");
            set(&time, "datetime", iso);
            dom.text(&time, &format_date(iso, parsed.has_time, lang));
        }
        let minutes = dom.element(&meta, "span", "meta-item");
        dom.text(&minutes, &format!("{} min read", self.reading_minutes));
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
