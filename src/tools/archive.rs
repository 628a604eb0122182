//! What `article index` writes for an archive of any size: `index.json` holding the newest
//! page and what the library page needs to reach the rest, the older pages, and the search
//! index cut into chunks (format: `schema/index-v2.schema.json`). A file whose content is
//! unchanged is not written again, so a publish touches only what moved.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::model::search::{SearchChunk, encode_postings, entry_terms};
use crate::model::{Archive, Library, LibraryEntry, labels_of, topics_of};
use crate::tools::fold::fold;

/// Articles on a page of the library unless `--page-size` says otherwise: about 10 KB of gzip
/// a page, and few enough files that a first index of 100,000 articles writes 1,000 pages.
pub const DEFAULT_PER_PAGE: u32 = 100;

/// The folder beside `index.json` that holds the older pages and the search chunks.
pub const PARTS_FOLDER: &str = "index-parts/";

/// A search chunk is closed once its JSON passes this many bytes (a term's postings are never
/// split): about 15 KB of gzip per chunk, a few hundred chunks for 100,000 articles.
const CHUNK_BYTES: usize = 48 * 1024;

/// An article as the archive needs it: its library entry and its search terms (folded).
#[derive(Debug, Clone, PartialEq)]
pub struct Indexable {
    /// What the library shows of it.
    pub entry: LibraryEntry,
    /// The terms its title, standfirst, authors, topics and label give, and its filter terms.
    pub terms: Vec<String>,
}

impl Indexable {
    /// The entry with its search terms.
    pub fn new(entry: LibraryEntry) -> Self {
        Self::with_body(entry, "")
    }

    /// The entry with its search terms and those of `body`, the article's text (`--full-text`).
    pub fn with_body(entry: LibraryEntry, body: &str) -> Self {
        let terms = entry_terms(&entry, body, fold);
        Indexable { entry, terms }
    }
}

/// The running text of an article for a full-text index: section headings, paragraphs,
/// sub-headings, list items, quotes, pull-quotes and captions (tables and code are left out).
pub fn body_text(article: &crate::model::Article) -> String {
    use crate::model::{Block, ListItem, inline_text};
    fn items(list: &[ListItem], out: &mut String) {
        for item in list {
            out.push_str(&inline_text(&item.text));
            out.push('\n');
            items(&item.items, out);
        }
    }
    let mut out = String::new();
    for section in &article.sections {
        if let Some(heading) = &section.heading {
            out.push_str(heading);
            out.push('\n');
        }
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) | Block::Quote { text, .. } => {
                    out.push_str(&inline_text(text))
                }
                Block::Heading { text, .. } | Block::PullQuote { text, .. } => out.push_str(text),
                Block::List { items: list, .. } => items(list, &mut out),
                Block::Image {
                    caption: Some(caption),
                    ..
                } => out.push_str(caption),
                _ => {}
            }
            out.push('\n');
        }
    }
    out
}

/// The instant a date names, in milliseconds since 1970 (UTC): a time without a zone is taken
/// as UTC, a date alone as its midnight UTC.
pub fn instant(date: &str) -> Option<i64> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let text = crate::model::with_extended_offset(date);
    if let Ok(at) = DateTime::parse_from_rfc3339(&text) {
        return Some(at.timestamp_millis());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(&text, format) {
            return Some(at.and_utc().timestamp_millis());
        }
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|at| at.and_utc().timestamp_millis())
}

/// Where an entry sorts: newest first by the instant of `published`, else `updated`, time
/// zones taken into account; undated articles last; ties by title, then address.
pub type SortKey = (bool, std::cmp::Reverse<Option<i64>>, String, String);

/// The [`SortKey`] of `entry`.
pub fn sort_key(entry: &LibraryEntry) -> SortKey {
    let when = entry
        .published
        .as_deref()
        .or(entry.updated.as_deref())
        .and_then(instant);
    (
        when.is_none(),
        std::cmp::Reverse(when),
        entry.title.clone(),
        entry.address.clone(),
    )
}

/// Sorts by [`SortKey`], each key worked out once.
pub fn sort_newest_first(items: &mut [Indexable]) {
    items.par_sort_by_cached_key(|item| sort_key(&item.entry));
}

/// The files of an archive sorted newest first: `index.json` and, in [`PARTS_FOLDER`], the
/// older pages and the search chunks, as (path relative to the index's folder, JSON text).
pub fn archive_files(items: &[Indexable], per_page: u32) -> (Library, Vec<(String, String)>) {
    let per_page = per_page.max(1);
    let total = items.len() as u32;
    let pages = total.div_ceil(per_page).max(1);
    let labels = labels_of(items.iter().map(|item| &item.entry));
    let tags = topics_of(items.iter().map(|item| &item.entry));
    let (chunks, mut files) = rayon::join(|| search_chunks(items), || older_pages(items, per_page));
    files.par_extend(chunks.par_iter().enumerate().map(|(i, (_, chunk))| {
        let json = serde_json::to_string(chunk).expect("wire types serialize");
        (format!("{PARTS_FOLDER}search-{i}.json"), json)
    }));
    let library = Library {
        version: 2,
        articles: items
            .iter()
            .take(per_page as usize)
            .map(|item| item.entry.clone())
            .collect(),
        archive: Some(Archive {
            total,
            per_page,
            pages,
            folder: PARTS_FOLDER.to_owned(),
            labels,
            tags,
            search: chunks.into_iter().map(|(first, _)| first).collect(),
        }),
    };
    (library, files)
}

/// Pages 2 and on of the archive, as (path, JSON).
fn older_pages(items: &[Indexable], per_page: u32) -> Vec<(String, String)> {
    items
        .par_chunks(per_page as usize)
        .enumerate()
        .skip(1)
        .map(|(i, page)| {
            let page = PageOf {
                version: 2,
                page: i as u32 + 1,
                articles: page.iter().map(|item| &item.entry).collect(),
            };
            let json = serde_json::to_string(&page).expect("wire types serialize");
            (format!("{PARTS_FOLDER}page-{}.json", i + 1), json)
        })
        .collect()
}

/// A [`crate::model::LibraryPage`] written from borrowed entries, which saves copying 100,000 of them.
#[derive(Serialize)]
struct PageOf<'a> {
    version: u64,
    page: u32,
    articles: Vec<&'a LibraryEntry>,
}

/// The search index: every term with the numbers of its articles (counted from the oldest),
/// sorted by term and cut into chunks of about [`CHUNK_BYTES`], each with its first term.
fn search_chunks(items: &[Indexable]) -> Vec<(String, SearchChunk)> {
    let total = items.len();
    // Each core gathers the postings of a run of articles, oldest run first, so that joining
    // them keeps every list ascending. Millions of short keys: Fx hashing is several times
    // quicker than the default here.
    let runs = rayon::current_num_threads().max(1);
    let per_run = total.div_ceil(runs).max(1);
    let mut maps: Vec<FxHashMap<&str, Vec<u32>>> = items
        .par_chunks(per_run)
        .enumerate()
        .map(|(run, chunk)| {
            let mut postings: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
            for (offset, item) in chunk.iter().enumerate().rev() {
                let number = (total - 1 - (run * per_run + offset)) as u32;
                for term in &item.terms {
                    postings.entry(term.as_str()).or_default().push(number);
                }
            }
            postings
        })
        .collect();
    // The last run holds the oldest articles.
    let mut postings = maps.pop().unwrap_or_default();
    while let Some(newer) = maps.pop() {
        for (term, numbers) in newer {
            postings.entry(term).or_default().extend(numbers);
        }
    }
    let mut sorted: Vec<(&str, Vec<u32>)> = postings
        .into_par_iter()
        .map(|(term, numbers)| (term, encode_postings(&numbers)))
        .collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    // Where each chunk starts, then the chunks built on every core.
    let mut starts = Vec::new();
    let mut size = usize::MAX;
    for (i, (term, deltas)) in sorted.iter().enumerate() {
        if size >= CHUNK_BYTES {
            starts.push(i);
            size = 0;
        }
        size += term.len() + 6 + deltas.iter().map(|d| digits(*d) + 1).sum::<usize>();
    }
    let ends = starts.iter().skip(1).copied().chain([sorted.len()]);
    let ranges: Vec<(usize, usize)> = starts.iter().copied().zip(ends).collect();
    ranges
        .into_par_iter()
        .map(|(start, end)| {
            // Any term sorts at or after the first chunk's.
            let first = if start == 0 { "" } else { sorted[start].0 };
            let terms = sorted[start..end]
                .iter()
                .map(|(term, deltas)| ((*term).to_owned(), deltas.clone()))
                .collect();
            (first.to_owned(), SearchChunk { terms })
        })
        .collect()
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// What writing an archive did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files left as they were, their content unchanged.
    pub unchanged: usize,
    /// Files of pages and chunks the archive no longer has, removed.
    pub removed: usize,
}

/// Writes `files` under `dir` (the index last, so that a reader never finds it before its
/// parts), skipping a file whose content hash is in `hashes` and which still exists. When
/// `files` is the whole index, `whole`, the pages and chunks beyond them are removed and
/// `hashes` becomes theirs; else `hashes` is updated with them.
pub fn write_files(
    dir: &Path,
    files: &[(String, String)],
    hashes: &mut HashMap<String, u64>,
    whole: bool,
) -> Result<Written, String> {
    let folder = dir.join(PARTS_FOLDER);
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("{}: cannot create: {e}", folder.display()))?;
    let write = |(name, text): &(String, String)| -> Result<(String, u64, bool), String> {
        let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        let path = dir.join(name);
        if hashes.get(name) == Some(&hash) && path.is_file() {
            return Ok((name.clone(), hash, false));
        }
        std::fs::write(&path, text)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        Ok((name.clone(), hash, true))
    };
    let (parts, last): (Vec<_>, Vec<_>) = files
        .iter()
        .partition(|(name, _)| name.starts_with(PARTS_FOLDER));
    let mut outcomes: Vec<_> = parts.into_par_iter().map(write).collect();
    outcomes.extend(last.into_iter().map(write));
    let mut report = Written::default();
    let mut kept = HashMap::new();
    for outcome in outcomes {
        let (name, hash, wrote) = outcome?;
        if wrote {
            report.written += 1;
        } else {
            report.unchanged += 1;
        }
        kept.insert(name, hash);
    }
    if !whole {
        hashes.extend(kept);
        return Ok(report);
    }
    if let Ok(listing) = std::fs::read_dir(&folder) {
        for file in listing.filter_map(Result::ok) {
            let name = format!("{PARTS_FOLDER}{}", file.file_name().to_string_lossy());
            let ours = name.ends_with(".json")
                && (name.starts_with(&format!("{PARTS_FOLDER}page-"))
                    || name.starts_with(&format!("{PARTS_FOLDER}search-")));
            if ours && !kept.contains_key(&name) && std::fs::remove_file(file.path()).is_ok() {
                report.removed += 1;
            }
        }
    }
    *hashes = kept;
    Ok(report)
}

/// The library `dir/index.json` holds, if it can be read.
pub fn read_library(dir: &Path) -> Option<Library> {
    let bytes = std::fs::read(dir.join("index.json")).ok()?;
    crate::model::decode_library(&bytes).ok()
}

/// Page `page` (2 or more) of the archive written in `dir`, if it can be read.
pub fn read_page(dir: &Path, archive: &Archive, page: u32) -> Option<Vec<LibraryEntry>> {
    let bytes = std::fs::read(dir.join(archive.page_address(page))).ok()?;
    let read = crate::model::decode_library_page(&bytes).ok()?;
    (read.page == page).then_some(read.articles)
}

/// Search chunk `chunk` of the archive written in `dir`, if it can be read.
pub fn read_chunk(dir: &Path, archive: &Archive, chunk: usize) -> Option<SearchChunk> {
    let bytes = std::fs::read(dir.join(archive.chunk_address(chunk))).ok()?;
    crate::model::decode_search_chunk(&bytes).ok()
}

/// Every entry the library written in `dir` holds, by address: the index's own pages serve as
/// the cache's store of entries. Empty when there is none; a page that cannot be read is
/// skipped (its articles are then read again).
pub fn read_entries(dir: &Path) -> HashMap<String, LibraryEntry> {
    let Some(library) = read_library(dir) else {
        return HashMap::new();
    };
    let older: Vec<LibraryEntry> = match &library.archive {
        Some(archive) => (2..=archive.pages)
            .into_par_iter()
            .flat_map_iter(|page| read_page(dir, archive, page).unwrap_or_default())
            .collect(),
        None => Vec::new(),
    };
    library
        .articles
        .into_iter()
        .chain(older)
        .map(|entry| (entry.address.clone(), entry))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, published: Option<&str>) -> Indexable {
        Indexable::new(LibraryEntry {
            address: format!("{title}.json"),
            title: title.into(),
            standfirst: Some("Ships and Cranes".into()),
            label: Some("Report".into()),
            lang: None,
            sponsor: None,
            authors: vec!["Zoë Ąuthor".into()],
            published: published.map(Into::into),
            updated: None,
            reading_minutes: 1,
            tags: vec!["Sea".into()],
            image: None,
        })
    }

    #[test]
    fn terms_are_folded_and_filters_kept_as_written() {
        let terms = item("Harbour", None).terms;
        let expected = [
            "and",
            "author",
            "cranes",
            "harbour",
            "label:Report",
            "report",
            "sea",
            "ships",
            "tag:Sea",
            "zoe",
        ];
        assert_eq!(terms, expected);
    }

    #[test]
    fn the_newest_instant_comes_first_whatever_its_zone() {
        let mut items = vec![
            item("undated", None),
            item("day", Some("2024-03-01")),
            // 23:30 in New York is 04:30 the next day in UTC: newer than 02:00 in Paris.
            item("new-york", Some("2024-03-01T23:30:00-05:00")),
            item("paris", Some("2024-03-02T02:00:00+01:00")),
        ];
        sort_newest_first(&mut items);
        let order: Vec<&str> = items.iter().map(|i| i.entry.title.as_str()).collect();
        assert_eq!(order, ["new-york", "paris", "day", "undated"]);
        assert_eq!(instant("2024-03-01"), Some(1_709_251_200_000));
        assert_eq!(instant("2024-03-01T00:00"), Some(1_709_251_200_000));
        assert_eq!(instant("2024-03-01T01:00:00+0100"), Some(1_709_251_200_000));
        assert_eq!(instant("March"), None);
    }

    #[test]
    fn an_archive_is_a_first_page_older_pages_and_search_chunks() {
        let items: Vec<Indexable> = (0..7).map(|i| item(&format!("t{i}"), None)).collect();
        let (library, files) = archive_files(&items, 3);
        let archive = library.archive.as_ref().unwrap();
        assert_eq!((archive.total, archive.per_page, archive.pages), (7, 3, 3));
        assert_eq!(library.articles.len(), 3);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "index-parts/page-2.json",
                "index-parts/page-3.json",
                "index-parts/search-0.json"
            ]
        );
        let page: crate::model::LibraryPage = serde_json::from_str(&files[1].1).unwrap();
        assert_eq!(page.articles.len(), 1);
        assert_eq!(archive.search, [""]);
        let chunk: SearchChunk = serde_json::from_str(&files[2].1).unwrap();
        // Numbered from the oldest: the first listed (rank 0) is number 6.
        let t0: Vec<u32> = crate::model::search::decode_postings(&chunk.terms["t0"]).collect();
        assert_eq!(t0, [6]);
        let ships: Vec<u32> =
            crate::model::search::decode_postings(&chunk.terms["ships"]).collect();
        assert_eq!(ships, (0..7).collect::<Vec<u32>>());
    }

    #[test]
    fn unchanged_files_are_not_written_and_stale_parts_are_removed() {
        let dir = std::env::temp_dir().join(format!("archive-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut hashes = HashMap::new();
        let files = vec![
            ("index-parts/page-2.json".to_owned(), "{}".to_owned()),
            ("index-parts/page-3.json".to_owned(), "{}".to_owned()),
            ("index.json".to_owned(), "{}".to_owned()),
        ];
        let first = write_files(&dir, &files, &mut hashes, true).unwrap();
        assert_eq!((first.written, first.unchanged), (3, 0));
        let mut fewer = files.clone();
        fewer.remove(1);
        fewer[1].1 = "{\"changed\": true}".to_owned();
        let second = write_files(&dir, &fewer, &mut hashes, true).unwrap();
        assert_eq!(
            second,
            Written {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!dir.join("index-parts/page-3.json").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
