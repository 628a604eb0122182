//! The article header: kicker, title, sponsor line, standfirst, byline and dates. Static, so it
//! is built as plain DOM (see [`crate::view::dom`]).

use web_sys::{Element, Node};

use crate::model::{Article, IsoDate};
use crate::view::dom::{Dom, set};
use crate::view::inline::build_source_name;
use crate::view::page::format_date;

/// Appends everything above the body: the article's own fields (not its sections or figures)
/// and the reading time, when known (see [`show_reading_time`]). A sponsored article says so
/// next to its title, not only at the end. Returns the line the reading time goes in.
pub fn build_header(
    dom: &Dom,
    parent: &Node,
    article: &Article,
    reading_minutes: Option<usize>,
) -> Element {
    let header = dom.element(parent, "header", "article-header");
    if let Some(label) = &article.label {
        let kicker = dom.element(&header, "p", "kicker");
        if article.sponsor.is_some() {
            _ = kicker.class_list().add_1("is-paid");
        }
        dom.text(&kicker, label);
    }
    let title = dom.element(&header, "h1", "title");
    dom.text(&title, &article.title);
    if let Some(sponsor) = &article.sponsor {
        let line = dom.element(&header, "p", "paid-line");
        let tag = dom.element(&line, "span", "paid-tag");
        dom.text(&tag, "Sponsored");
        dom.text(&line, " Paid for by ");
        dom.text(&line, &sponsor.name);
    }
    if let Some(text) = &article.standfirst {
        let standfirst = dom.element(&header, "p", "standfirst");
        dom.text(&standfirst, text);
    }
    if !article.authors.is_empty() {
        let byline = dom.element(&header, "p", "byline");
        dom.text(&byline, "By ");
        dom.text(&byline, &join_names(&article.authors));
    }
    let meta = dom.element(&header, "p", "meta");
    if let Some(source) = &article.source {
        let item = dom.element(&meta, "span", "meta-item source");
        build_source_name(dom, &item, source);
    }
    let lang = article.lang.as_deref();
    for (iso, prefix) in [
        (&article.published, "Published"),
        (&article.updated, "Updated"),
    ] {
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
    if let Some(minutes) = reading_minutes {
        show_reading_time(dom, &meta, minutes);
    }
    meta
}

/// Appends the reading time to the header's meta line (of an article that was shown before all
/// of it had arrived, once it has).
pub fn show_reading_time(dom: &Dom, meta: &Element, minutes: usize) {
    let item = dom.element(meta, "span", "meta-item");
    dom.text(&item, &format!("{minutes} min read"));
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
