//! The Atom 1.0 feed of a library (`article index --base-url`): its newest entries, with
//! absolute links.

use atom_syndication::{Entry, Feed, Link, Person, Text};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

use crate::model::{IsoDate, LibraryEntry};

/// Entries in the feed unless `--feed-size` says otherwise: readers poll a feed often, and
/// only its newest entries are news.
pub const DEFAULT_FEED_SIZE: usize = 50;

/// Characters kept as they are in a query value holding an address.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b':');

/// The Atom 1.0 feed of `articles` (the newest ones, newest first), with absolute links from
/// `base_url` (the address `DIR` is published at) and, for each entry, the viewer page showing
/// it when `viewer` is given.
pub fn atom_feed(
    articles: &[LibraryEntry],
    title: &str,
    base_url: &str,
    viewer: Option<&str>,
) -> String {
    let base = if base_url.ends_with('/') {
        base_url.to_owned()
    } else {
        format!("{base_url}/")
    };
    let rfc3339 = |date: &str| -> Option<String> {
        let parsed = IsoDate::parse(date)?;
        let text = crate::model::with_extended_offset(date);
        Some(if parsed.has_time {
            // A time without a zone is taken as UTC; Atom requires one.
            let has_zone = text[10..].contains(['Z', 'z', '+']) || text[11..].contains('-');
            if has_zone {
                text.into_owned()
            } else {
                format!("{text}Z")
            }
        } else {
            format!("{date}T00:00:00Z")
        })
    };
    let entries: Vec<Entry> = articles
        .iter()
        .map(|article| {
            let json = format!("{base}{}", article.address);
            let page = viewer.map(|v| {
                let query = percent_encoding::utf8_percent_encode(&json, QUERY_VALUE);
                format!("{v}?article={query}")
            });
            let mut entry = Entry::default();
            entry.set_title(article.title.clone());
            entry.set_id(json.clone());
            let mut links = Vec::new();
            if let Some(page) = page {
                let mut link = Link::default();
                link.set_href(page);
                link.set_rel("alternate");
                link.set_mime_type(Some("text/html".to_owned()));
                links.push(link);
            }
            let mut link = Link::default();
            link.set_href(json);
            link.set_rel(if links.is_empty() {
                "alternate"
            } else {
                "enclosure"
            });
            link.set_mime_type(Some("application/json".to_owned()));
            links.push(link);
            entry.set_links(links);
            let updated = article
                .updated
                .as_deref()
                .or(article.published.as_deref())
                .and_then(rfc3339)
                .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
            entry.set_updated(
                updated
                    .parse::<atom_syndication::FixedDateTime>()
                    .unwrap_or_default(),
            );
            if let Some(published) = article.published.as_deref().and_then(rfc3339) {
                entry.set_published(published.parse::<atom_syndication::FixedDateTime>().ok());
            }
            entry.set_authors(
                article
                    .authors
                    .iter()
                    .map(|name| Person {
                        name: name.clone(),
                        ..Person::default()
                    })
                    .collect::<Vec<_>>(),
            );
            if let Some(standfirst) = &article.standfirst {
                entry.set_summary(Some(Text::plain(standfirst.clone())));
            }
            entry
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_title(title.to_owned());
    // Atom requires an author for every entry: the feed's stands in for entries without one.
    feed.set_authors(vec![Person {
        name: title.to_owned(),
        ..Person::default()
    }]);
    feed.set_id(format!("{base}index.json"));
    let mut self_link = Link::default();
    self_link.set_href(format!("{base}feed.xml"));
    self_link.set_rel("self");
    feed.set_links(vec![self_link]);
    if let Some(newest) = entries.iter().map(|e| *e.updated()).max() {
        feed.set_updated(newest);
    }
    feed.set_entries(entries);
    feed.to_string()
}
