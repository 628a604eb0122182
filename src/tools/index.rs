//! `article index DIR`: the library of a folder of articles, as `index.json` (the format is
//! `schema/index-v1.schema.json`) and, given the address the folder is published at, an Atom
//! 1.0 feed. Markdown articles are converted first and written as JSON beside their source.

use std::path::{Path, PathBuf};

use crate::model::{IsoDate, Library, LibraryEntry, PreparedArticle, parse_article_bytes, prepare};
use crate::tools::{MarkdownOptions, read_markdown};
use atom_syndication::{Entry, Feed, Link, Person, Text};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// Characters kept as they are in a query value holding an address.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b':');

/// What `article index` did: the library, and what to tell the publisher.
pub struct Indexed {
    /// The library written to `index.json`.
    pub library: Library,
    /// Markdown files converted, as (source, JSON written).
    pub converted: Vec<(PathBuf, PathBuf)>,
    /// Lines for the publisher: files left out and why, warnings.
    pub notes: Vec<String>,
}

/// Reads every article in `dir` (converting Markdown) and builds the library. A file that is
/// not an article is left out with a note; the library is still written.
pub fn index_dir(dir: &Path) -> Result<Indexed, String> {
    let ArticleFiles {
        jsons,
        converted,
        mut notes,
    } = article_files(dir)?;
    let mut articles = Vec::new();
    for path in jsons {
        match read_article(&path)? {
            Err(note) => notes.push(note),
            Ok(article) => {
                let address = path.file_name().unwrap().to_string_lossy().into_owned();
                articles.push(entry(address, prepare(article)));
            }
        }
    }
    articles.sort_by(|a, b| {
        newest_first(a)
            .cmp(&newest_first(b))
            .then(a.title.cmp(&b.title))
    });
    Ok(Indexed {
        library: Library {
            version: 1,
            articles,
        },
        converted,
        notes,
    })
}

/// The articles of a folder as `article index` and `article pages` read them.
pub(crate) struct ArticleFiles {
    /// Every `.json` article (not `index.json`) and every converted `.md` one, sorted.
    pub jsons: Vec<PathBuf>,
    /// Markdown files converted, as (source, JSON written).
    pub converted: Vec<(PathBuf, PathBuf)>,
    /// Lines for the publisher: Markdown left out and why, warnings.
    pub notes: Vec<String>,
}

/// The articles of `dir`: its `.json` files but `index.json`, and its `.md` files, converted
/// and written as `NAME.json` beside them first.
pub(crate) fn article_files(dir: &Path) -> Result<ArticleFiles, String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let mut notes = Vec::new();
    let mut converted = Vec::new();
    for md in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
    {
        if let Some(json) = convert_markdown(md, &mut notes)? {
            converted.push((md.clone(), json));
        }
    }
    let mut jsons: Vec<PathBuf> = names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
        .cloned()
        .chain(converted.iter().map(|(_, json)| json.clone()))
        .collect();
    jsons.sort();
    jsons.dedup();
    Ok(ArticleFiles {
        jsons,
        converted,
        notes,
    })
}

/// Reads the article JSON at `path` as the viewer reads a download: the article, or the note
/// saying why it is left out. Err when the file cannot be read at all.
pub(crate) fn read_article(path: &Path) -> Result<Result<crate::model::Article, String>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse_article_bytes(&bytes).map_err(|error| {
        format!(
            "{}: {} {} (left out)",
            path.display(),
            error.summary(),
            error.detail()
        )
    }))
}

/// Converts the Markdown article `md` and writes it as `NAME.json` beside it; its path, or
/// `None` with a note when it is not an article (warnings are noted too). For `article index`
/// and `article pages`, which read a folder's Markdown the same way.
fn convert_markdown(md: &Path, notes: &mut Vec<String>) -> Result<Option<PathBuf>, String> {
    let text = std::fs::read_to_string(md).map_err(|e| format!("{}: {e}", md.display()))?;
    let name = md.file_name().map(|n| n.to_string_lossy().into_owned());
    let options = MarkdownOptions {
        file_name: name.as_deref(),
        strict: false,
    };
    match read_markdown(&text, options) {
        Err(error) => {
            notes.push(format!("{}:{error} (left out)", md.display()));
            Ok(None)
        }
        Ok(converted) if converted.draft => {
            notes.push(format!("{}: draft: true (left out)", md.display()));
            Ok(None)
        }
        Ok(converted) => {
            notes.extend(
                converted
                    .warnings
                    .iter()
                    .map(|w| format!("{}:{w} (warning)", md.display())),
            );
            let json = md.with_extension("json");
            let text =
                serde_json::to_string_pretty(&converted.article).expect("wire types serialize");
            std::fs::write(&json, format!("{text}\n"))
                .map_err(|e| format!("{}: cannot write: {e}", json.display()))?;
            Ok(Some(json))
        }
    }
}

fn entry(address: String, prepared: PreparedArticle) -> LibraryEntry {
    let article = prepared.article;
    LibraryEntry {
        address,
        title: article.title,
        standfirst: article.standfirst,
        label: article.label,
        lang: article.lang,
        sponsor: article.sponsor.map(|s| s.name),
        authors: article.authors,
        published: article.published.filter(|d| IsoDate::parse(d).is_some()),
        updated: article.updated.filter(|d| IsoDate::parse(d).is_some()),
        reading_minutes: prepared.reading_minutes,
        tags: article.tags,
        image: article.image.and_then(|i| i.safe),
    }
}

/// A sort key putting the newest first and undated articles last. ISO dates of one form
/// compare as text; a time zone is not taken into account.
fn newest_first(entry: &LibraryEntry) -> (bool, std::cmp::Reverse<String>) {
    let date = entry.published.clone().or_else(|| entry.updated.clone());
    (date.is_none(), std::cmp::Reverse(date.unwrap_or_default()))
}

/// The Atom 1.0 feed of `library`, with absolute links from `base_url` (the address `DIR` is
/// published at) and, for each entry, the viewer page showing it when `viewer` is given.
pub fn atom_feed(library: &Library, title: &str, base_url: &str, viewer: Option<&str>) -> String {
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
    let entries: Vec<Entry> = library
        .articles
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
