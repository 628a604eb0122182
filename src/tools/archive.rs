//! What `article index` writes for an archive of any size: `index.json` holding the newest
//! page and what the library page needs to reach the rest, the older pages, and the search
//! index cut into chunks (format: `schema/index-v2.schema.json`). A file whose content is
//! unchanged is not written again, so a publish touches only what moved.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::model::primary_subtag;
use crate::model::search::best::{Tiers, split};
use crate::model::search::rank::{WEIGHTS, Weights, impacts};
use crate::model::search::text::{ArticleText, Field, Passage};
use crate::model::search::{
    RestChunk, SearchChunk, VocabularyChunk, label_term, tag_term, text_address, vocabulary_entry,
};
use crate::model::{
    Archive, Library, LibraryEntry, Order, PART_HASH_LEN, PartHashes, card_address, labels_of,
    parse_part_name, topics_of,
};
use crate::tools::fold::fold;

/// Articles on a page of the library unless `--page-size` says otherwise: about 10 KB of gzip
/// a page, and few enough files that a first index of 100,000 articles writes 1,000 pages.
pub const DEFAULT_PER_PAGE: u32 = 100;

/// The folder beside `index.json` that holds the older pages and the search chunks.
pub const PARTS_FOLDER: &str = "index-parts/";

/// The folder inside [`PARTS_FOLDER`] holding each article's passages, under its address.
pub const TEXT_FOLDER: &str = "text/";

/// The folder inside [`PARTS_FOLDER`] holding each article's card, under its number.
pub const CARDS_FOLDER: &str = "cards/";

/// A search chunk is closed once its JSON passes this many bytes (a term's best postings are
/// never split): about 3 KB of gzip, a thousand chunks for 100,000 articles. A word being typed
/// downloads the chunks of the words it begins: small chunks keep that to what it needs
/// (docs/performance.md, "At scale, third pass").
const CHUNK_BYTES: usize = 8 * 1024;

/// A rest part holds terms while its JSON stays under this many bytes (about 3 KB of gzip); a
/// term's rest is never split, so a common word's is a part of its own.
const REST_BYTES: usize = 8 * 1024;

/// A vocabulary chunk is closed once its JSON passes this many bytes: about 6 KB of gzip.
const VOCABULARY_BYTES: usize = 16 * 1024;

/// An article as the archive needs it: its library entry, its passages and the impact of each
/// of its search terms (folded).
#[derive(Debug, Clone, PartialEq)]
pub struct Indexable {
    /// What the library shows of it.
    pub entry: LibraryEntry,
    /// Its searchable text, written beside the index for excerpts.
    pub text: ArticleText,
    /// Each term of its text with its impact, and its label and topic filter terms, sorted.
    pub terms: Vec<(String, u8)>,
}

impl Indexable {
    /// The entry with its passages and their terms.
    pub fn new(entry: LibraryEntry, text: ArticleText) -> Self {
        Self::weighed(entry, text, &WEIGHTS)
    }

    /// [`Indexable::new`] with other weights than the index's: what the relevance measure
    /// tries.
    pub fn weighed(entry: LibraryEntry, text: ArticleText, weights: &Weights) -> Self {
        let mut terms = impacts(&text, fold, weights);
        terms.extend(entry.label.as_deref().map(|l| (label_term(l), 1)));
        terms.extend(entry.tags.iter().map(|t| (tag_term(t), 1)));
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms.dedup_by(|a, b| a.0 == b.0);
        Indexable { entry, text, terms }
    }

    /// An article known only by its entry (its text is not at hand): its title, standfirst,
    /// authors, label and topics.
    pub fn from_entry(entry: LibraryEntry) -> Self {
        let text = entry_text(&entry);
        Self::new(entry, text)
    }
}

/// The passages a library entry holds, for an article whose text is not at hand.
pub fn entry_text(entry: &LibraryEntry) -> ArticleText {
    let mut passages = vec![Passage {
        section: None,
        field: Field::Title,
        text: entry.title.clone(),
    }];
    let meta = |text: &String| Passage {
        section: None,
        field: Field::Meta,
        text: text.clone(),
    };
    passages.extend(entry.standfirst.iter().map(|s| Passage {
        section: None,
        field: Field::Standfirst,
        text: s.clone(),
    }));
    passages.extend(
        entry
            .authors
            .iter()
            .chain(&entry.label)
            .chain(&entry.tags)
            .map(meta),
    );
    ArticleText { passages }
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
    let (((chunks, rests), (words, ends)), mut files) = rayon::join(
        || {
            let tiers = search_chunks(items);
            let vocabularies = vocabularies(&tiers.0);
            (tiers, vocabularies)
        },
        || older_pages(items, per_page),
    );
    let rest_files = rests.par_iter().enumerate().map(|(i, rest)| {
        let json = serde_json::to_string(rest).expect("wire types serialize");
        (format!("{PARTS_FOLDER}rest-{i}.json"), json)
    });
    files.par_extend(rest_files);
    let chunk_files = chunks.par_iter().enumerate().map(|(i, (_, chunk))| {
        let json = serde_json::to_string(chunk).expect("wire types serialize");
        (format!("{PARTS_FOLDER}search-{i}.json"), json)
    });
    files.par_extend(chunk_files);
    for (name, vocabulary) in [("words", &words), ("ends", &ends)] {
        files.extend(vocabulary.iter().enumerate().map(|(i, (_, chunk))| {
            let json = serde_json::to_string(chunk).expect("wire types serialize");
            (format!("{PARTS_FOLDER}{name}-{i}.json"), json)
        }));
    }
    files.par_extend(items.par_iter().map(|item| {
        let json = serde_json::to_string(&item.text).expect("wire types serialize");
        (text_address(PARTS_FOLDER, &item.entry.address), json)
    }));
    files.par_extend(
        items
            .par_iter()
            .enumerate()
            .map(|(rank, item)| card_file(PARTS_FOLDER, total - 1 - rank as u32, &item.entry)),
    );
    let mut library = Library {
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
            words: words.into_iter().map(|(first, _)| first).collect(),
            ends: ends.into_iter().map(|(first, _)| first).collect(),
            stemmers: stemmer_langs(items),
            text: true,
            cards: true,
            order: false,
            rests: rests.len() as u32,
            hashes: Some(PartHashes::default()),
        }),
    };
    if let Some(archive) = library.archive.as_mut() {
        name_by_content(archive, &mut files);
    }
    (library, files)
}

/// Names each page, search part and order file of `files` by its content
/// (`index-parts/search-3.HASH.json`), whether it is named by number alone or by a previous
/// content, and records the hashes in `archive`. Returns the previous names that changed:
/// files a patch has replaced.
pub fn name_by_content(archive: &mut Archive, files: &mut [(String, String)]) -> Vec<String> {
    let mut replaced = Vec::new();
    for (name, json) in files.iter_mut() {
        let Some((kind, number, previous)) = name
            .strip_prefix(&archive.folder)
            .filter(|file| !file.contains('/'))
            .and_then(parse_part_name)
        else {
            continue;
        };
        let had_hash = previous.is_some();
        let hash = xxhash_rust::xxh3::xxh3_64(json.as_bytes());
        let hash = format!("{:0width$x}", hash >> 32, width = PART_HASH_LEN);
        archive
            .hashes
            .get_or_insert_with(PartHashes::default)
            .set(kind, number, &hash);
        let named = archive.part_address(kind, number);
        if *name != named {
            let before = std::mem::replace(name, named);
            if had_hash {
                replaced.push(before);
            }
        }
    }
    replaced
}

/// The card of the article numbered `number`, in the parts folder `folder`, as (path, JSON).
pub fn card_file(folder: &str, number: u32, entry: &LibraryEntry) -> (String, String) {
    let card = CardOf {
        version: 2,
        number,
        entry,
    };
    let json = serde_json::to_string(&card).expect("wire types serialize");
    (card_address(folder, number), json)
}

/// A [`crate::model::LibraryCard`] written from a borrowed entry.
#[derive(Serialize)]
struct CardOf<'a> {
    version: u64,
    number: u32,
    entry: &'a LibraryEntry,
}

/// The languages of the archive's articles that have a stemmer, each once, most used first
/// (an article without a language counts as English).
pub fn stemmer_langs(items: &[Indexable]) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for item in items {
        let lang = item.entry.lang.as_deref().unwrap_or("en");
        if crate::model::search::stem::algorithm_for(lang).is_some() {
            *counts.entry(primary_subtag(Some(lang))).or_default() += 1;
        }
    }
    let mut langs: Vec<(String, usize)> = counts.into_iter().collect();
    langs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    langs.into_iter().map(|(lang, _)| lang).collect()
}

/// The vocabulary of the search index, forward and backward, each cut into chunks of about
/// [`VOCABULARY_BYTES`] with their first word: what typo tolerance looks words up in.
fn vocabularies(chunks: &[(String, SearchChunk)]) -> (Vocabulary, Vocabulary) {
    let words: Vec<String> = chunks
        .iter()
        .flat_map(|(_, chunk)| chunk.terms.keys())
        .filter(|term| vocabulary_entry(term))
        .cloned()
        .collect();
    let mut ends: Vec<String> = words.iter().map(|w| w.chars().rev().collect()).collect();
    ends.par_sort_unstable();
    (cut_vocabulary(words), cut_vocabulary(ends))
}

/// A vocabulary's chunks, each with its first word.
type Vocabulary = Vec<(String, VocabularyChunk)>;

/// Sorted words in chunks of about [`VOCABULARY_BYTES`], each with its first word ("" for the
/// first chunk, which any word sorts at or after).
fn cut_vocabulary(words: Vec<String>) -> Vocabulary {
    let mut out: Vocabulary = Vec::new();
    let mut size = usize::MAX;
    for word in words {
        if size >= VOCABULARY_BYTES {
            let first = if out.is_empty() {
                String::new()
            } else {
                word.clone()
            };
            out.push((first, VocabularyChunk::default()));
            size = 0;
        }
        size += word.len() + 3;
        out.last_mut().expect("just pushed").1.words.push(word);
    }
    if out.is_empty() {
        out.push((String::new(), VocabularyChunk::default()));
    }
    out
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
/// sorted by term; each term's best postings in chunks of about [`CHUNK_BYTES`], each with
/// its first term, and the postings in full of the terms held by many articles in rest parts
/// of about [`REST_BYTES`] (`model::search::best`).
fn search_chunks(items: &[Indexable]) -> (Vec<(String, SearchChunk)>, Vec<RestChunk>) {
    let total = items.len();
    // Each core gathers the postings of a run of articles, oldest run first, so that joining
    // them keeps every list ascending. Millions of short keys: Fx hashing is several times
    // quicker than the default here.
    let runs = rayon::current_num_threads().max(1);
    let per_run = total.div_ceil(runs).max(1);
    let mut maps: Vec<FxHashMap<&str, Vec<(u32, u8)>>> = items
        .par_chunks(per_run)
        .enumerate()
        .map(|(run, chunk)| {
            let mut postings: FxHashMap<&str, Vec<(u32, u8)>> = FxHashMap::default();
            for (offset, item) in chunk.iter().enumerate().rev() {
                let number = (total - 1 - (run * per_run + offset)) as u32;
                for (term, impact) in &item.terms {
                    postings
                        .entry(term.as_str())
                        .or_default()
                        .push((number, *impact));
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
    // Each term's tiers, and how many bytes of JSON its rest takes.
    let mut sorted: Vec<(&str, Tiers, usize)> = postings
        .into_par_iter()
        .map(|(term, postings)| {
            let numbers: Vec<u32> = postings.iter().map(|p| p.0).collect();
            let impacts = postings.iter().map(|p| p.1).collect();
            let tiers = split(numbers, impacts);
            let bytes = tiers.rest.as_ref().map_or(0, |rest| {
                3 * term.len() + 20 + listed_size(&rest.numbers, &rest.impacts)
            });
            (term, tiers, bytes)
        })
        .collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    // The rest part of each term that has one, in term order, and where each part starts.
    let mut rest_of: Vec<Option<u32>> = Vec::with_capacity(sorted.len());
    let mut part_starts: Vec<usize> = Vec::new();
    let mut size = 0_usize;
    for (i, (_, tiers, bytes)) in sorted.iter().enumerate() {
        if tiers.rest.is_none() {
            rest_of.push(None);
            continue;
        }
        // A term joins the part before only while both stay small: a word held by fewer
        // articles is downloaded with a few like it, never with a common word's postings.
        if part_starts.is_empty() || size + bytes > REST_BYTES {
            part_starts.push(i);
            size = 0;
        }
        size += bytes;
        rest_of.push(Some(part_starts.len() as u32 - 1));
    }
    let part_ends = part_starts.iter().skip(1).copied().chain([sorted.len()]);
    let part_ranges: Vec<(usize, usize)> = part_starts.iter().copied().zip(part_ends).collect();
    let rests: Vec<RestChunk> = part_ranges
        .into_par_iter()
        .map(|(start, end)| {
            let mut part = RestChunk::default();
            for (term, tiers, _) in &sorted[start..end] {
                if let Some(rest) = &tiers.rest {
                    part.put(term, rest);
                }
            }
            part
        })
        .collect();
    // Where each chunk starts, then the chunks built on every core.
    let mut starts = Vec::new();
    let mut size = usize::MAX;
    for (i, (term, tiers, _)) in sorted.iter().enumerate() {
        if size >= CHUNK_BYTES {
            starts.push(i);
            size = 0;
        }
        size += 2 * term.len() + 12 + listed_size(&tiers.best.0, &tiers.best.1);
        if tiers.rest.is_some() {
            size += term.len() + 16;
        }
    }
    let ends = starts.iter().skip(1).copied().chain([sorted.len()]);
    let ranges: Vec<(usize, usize)> = starts.iter().copied().zip(ends).collect();
    let chunks = ranges
        .into_par_iter()
        .map(|(start, end)| {
            // Any term sorts at or after the first chunk's.
            let first = if start == 0 { "" } else { sorted[start].0 };
            let mut chunk = SearchChunk::default();
            for ((term, tiers, _), part) in sorted[start..end].iter().zip(&rest_of[start..end]) {
                let (numbers, impacts) = &tiers.best;
                let more = tiers.rest.as_ref().zip(*part);
                let more = more.map(|(rest, part)| (rest.numbers.len() as u32, part));
                chunk.put(term, (numbers, impacts.clone()), more);
            }
            (first.to_owned(), chunk)
        })
        .collect();
    (chunks, rests)
}

/// About how many bytes of JSON a list of postings (ascending numbers, delta-coded when
/// written) and their impacts take.
fn listed_size(numbers: &[u32], impacts: &[u8]) -> usize {
    let mut last = 0;
    let deltas: usize = numbers
        .iter()
        .map(|&n| {
            let delta = n - last;
            last = n;
            digits(delta) + 1
        })
        .sum();
    deltas + impacts.iter().map(|i| digits(*i as u32) + 1).sum::<usize>()
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
    for made in [
        folder.clone(),
        folder.join(TEXT_FOLDER),
        folder.join(CARDS_FOLDER),
    ] {
        std::fs::create_dir_all(&made)
            .map_err(|e| format!("{}: cannot create: {e}", made.display()))?;
    }
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
    for sub in ["", TEXT_FOLDER, CARDS_FOLDER] {
        let Ok(listing) = std::fs::read_dir(folder.join(sub)) else {
            continue;
        };
        for file in listing.filter_map(Result::ok) {
            let name = format!("{PARTS_FOLDER}{sub}{}", file.file_name().to_string_lossy());
            let ours = name.ends_with(".json")
                && (!sub.is_empty()
                    || ["page-", "search-", "rest-", "words-", "ends-", "order"]
                        .iter()
                        .any(|kind| name.starts_with(&format!("{PARTS_FOLDER}{kind}"))));
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

/// Rest part `part` of the archive written in `dir`, if it can be read.
pub fn read_rest(dir: &Path, archive: &Archive, part: u32) -> Option<RestChunk> {
    let bytes = std::fs::read(dir.join(archive.rest_address(part))).ok()?;
    crate::model::decode_rest_chunk(&bytes).ok()
}

/// Search chunk `chunk` of the archive written in `dir`, if it can be read.
pub fn read_chunk(dir: &Path, archive: &Archive, chunk: usize) -> Option<SearchChunk> {
    let bytes = std::fs::read(dir.join(archive.chunk_address(chunk))).ok()?;
    crate::model::decode_search_chunk(&bytes).ok()
}

/// Where each numbered article of the archive written in `dir` is in its list: as numbered,
/// or as its `order.json` says, if that can be read and orders as many articles.
pub fn read_order(dir: &Path, archive: &Archive) -> Option<Order> {
    if !archive.order {
        return Some(Order::numbered(archive.total));
    }
    let bytes = std::fs::read(dir.join(archive.order_address())).ok()?;
    let order = crate::model::decode_order(&bytes).ok()?;
    (order.len() == archive.total).then_some(order)
}

/// The passages of the article at `address` in the archive written in `dir`, if they can be
/// read.
pub fn read_text(dir: &Path, address: &str) -> Option<ArticleText> {
    let bytes = std::fs::read(dir.join(text_address(PARTS_FOLDER, address))).ok()?;
    crate::model::search::decode_article_text(&bytes).ok()
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
        Indexable::from_entry(LibraryEntry {
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
        let item = item("Harbour", None);
        let terms: Vec<&str> = item.terms.iter().map(|(t, _)| t.as_str()).collect();
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
        // Pages and search parts are named by their content, and index.json knows the names.
        let hashes = archive.hashes.as_ref().unwrap();
        assert_eq!(hashes.page.len(), 2 * PART_HASH_LEN);
        for (name, json) in &files[..5] {
            let hash = format!("{:08x}", xxhash_rust::xxh3::xxh3_64(json.as_bytes()) >> 32);
            assert!(name.ends_with(&format!(".{hash}.json")), "{name}");
        }
        assert_eq!(files[0].0, archive.page_address(2));
        assert_eq!(files[2].0, archive.chunk_address(0));
        let unhashed = |name: &str| match parse_part_name(name.rsplit('/').next().unwrap()) {
            Some((_, _, Some(hash))) => name.replace(&format!(".{hash}"), ""),
            _ => name.to_owned(),
        };
        let names: Vec<String> = files.iter().map(|(n, _)| unhashed(n)).collect();
        assert_eq!(
            names,
            [
                "index-parts/page-2.json",
                "index-parts/page-3.json",
                "index-parts/search-0.json",
                "index-parts/words-0.json",
                "index-parts/ends-0.json",
                "index-parts/text/t0.json",
                "index-parts/text/t1.json",
                "index-parts/text/t2.json",
                "index-parts/text/t3.json",
                "index-parts/text/t4.json",
                "index-parts/text/t5.json",
                "index-parts/text/t6.json",
                "index-parts/cards/6.json",
                "index-parts/cards/5.json",
                "index-parts/cards/4.json",
                "index-parts/cards/3.json",
                "index-parts/cards/2.json",
                "index-parts/cards/1.json",
                "index-parts/cards/0.json",
            ]
        );
        // A card is its article's entry under its number: the newest (rank 0) is number 6.
        let card = crate::model::decode_library_card(files[12].1.as_bytes()).unwrap();
        assert_eq!((card.number, card.entry.title.as_str()), (6, "t0"));
        assert_eq!(archive.card_address(6), files[12].0);
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
