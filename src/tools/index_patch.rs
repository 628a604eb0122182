//! Patching an index in place: when the only change since the last run is the content of a
//! few articles, none of which moves (same date, title, label and topics), their pages and the
//! search chunks of the terms they gained or lost are rewritten, and nothing else is read or
//! written. Anything else (an article added, removed or renamed, a date changed) rebuilds the
//! whole index.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::model::search::{QueryTerm, chunks_for, decode_postings, encode_postings};
use crate::model::{Archive, Library, LibraryEntry, LibraryPage, SearchChunk};
use crate::tools::archive::{
    Indexable, Written, read_chunk, read_library, read_page, sort_key, write_files,
};
use crate::tools::index::{Found, IndexOptions, Looked};
use crate::tools::index_cache::{CachedFile, IndexCache, Outcome};

/// Most changed articles a patch takes; with more, rebuilding is as quick.
const MOST_CHANGED: usize = 64;

/// What a patch did.
pub(crate) struct Patched {
    /// The library of `index.json`, as it now is.
    pub library: Library,
    /// The newest articles, as many as asked.
    pub newest: Vec<LibraryEntry>,
    /// How many articles the library holds.
    pub total: usize,
    /// The files written.
    pub written: Written,
}

/// Patches the index of `dir` for the articles `looked` found parsed anew, when that is all
/// that changed; `None` when the index must be rebuilt. Updates the cache.
pub(crate) fn patch(
    dir: &Path,
    cache: &mut IndexCache,
    looked: &[Looked],
    options: &IndexOptions,
) -> Result<Option<Patched>, String> {
    let Some(changed) = changed_in_place(cache, looked, options.per_page) else {
        return Ok(None);
    };
    let Some(mut library) = read_library(dir) else {
        return Ok(None);
    };
    let Some(archive) = library.archive.clone() else {
        return Ok(None);
    };
    if archive.total as usize != cache.files.len() - left_out(cache) {
        return Ok(None);
    }
    let mut pages: BTreeMap<u32, Vec<LibraryEntry>> = BTreeMap::new();
    let mut chunks: BTreeMap<usize, SearchChunk> = BTreeMap::new();
    for (rank, item) in changed {
        let page = archive.page_of(rank);
        if let std::collections::btree_map::Entry::Vacant(slot) = pages.entry(page) {
            let entries = if page == 1 {
                library.articles.clone()
            } else {
                match read_page(dir, &archive, page) {
                    Some(entries) => entries,
                    None => return Ok(None),
                }
            };
            slot.insert(entries);
        }
        let entries = pages.get_mut(&page).expect("just read");
        let Some(old) = entries.get_mut((rank % archive.per_page) as usize) else {
            return Ok(None);
        };
        let moves = sort_key(old) != sort_key(&item.entry);
        if moves || old.label != item.entry.label || old.tags != item.entry.tags {
            return Ok(None);
        }
        let before: BTreeSet<String> = Indexable::new(old.clone()).terms.into_iter().collect();
        let after: BTreeSet<&String> = item.terms.iter().collect();
        let number = archive.total - 1 - rank;
        for term in before.iter().filter(|t| !after.contains(t)) {
            if !change_postings(dir, &archive, &mut chunks, term, number, false) {
                return Ok(None);
            }
        }
        for term in after.iter().filter(|t| !before.contains(**t)) {
            if !change_postings(dir, &archive, &mut chunks, term, number, true) {
                return Ok(None);
            }
        }
        *old = item.entry.clone();
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for (page, entries) in &pages {
        if *page == 1 {
            library.articles = entries.clone();
            continue;
        }
        let page = LibraryPage {
            version: 2,
            page: *page,
            articles: entries.clone(),
        };
        let json = serde_json::to_string(&page).expect("wire types serialize");
        files.push((archive.page_address(page.page), json));
    }
    for (chunk, terms) in &chunks {
        let json = serde_json::to_string(terms).expect("wire types serialize");
        files.push((archive.chunk_address(*chunk), json));
    }
    if pages.contains_key(&1) {
        let text = serde_json::to_string_pretty(&library).expect("the library serializes");
        files.push(("index.json".to_owned(), format!("{text}\n")));
    }
    let written = write_files(dir, &files, &mut cache.written, false)?;
    let newest = newest(dir, &library, &archive, &pages, options.newest);
    restamp(cache, looked);
    Ok(Some(Patched {
        total: archive.total as usize,
        library,
        newest,
        written,
    }))
}

/// The articles parsed anew, with their positions, when every other file is as it was: the
/// same names, each known under its own name, no article gained or lost. `None` otherwise.
fn changed_in_place<'a>(
    cache: &IndexCache,
    looked: &'a [Looked],
    per_page: u32,
) -> Option<Vec<(u32, &'a Indexable)>> {
    if cache.written.is_empty() || cache.per_page != per_page || looked.len() != cache.files.len() {
        return None;
    }
    let mut changed = Vec::new();
    for file in looked {
        match (&file.found, file.before.as_ref()?) {
            (Found::Known { was, .. }, Outcome::Article { .. }) if *was == file.name => {}
            (Found::LeftOut(_), Outcome::LeftOut(_)) => {}
            (Found::Parsed(item), Outcome::Article { rank }) => changed.push((*rank, &**item)),
            _ => return None,
        }
    }
    (changed.len() <= MOST_CHANGED).then_some(changed)
}

fn left_out(cache: &IndexCache) -> usize {
    cache
        .files
        .values()
        .filter(|f| matches!(f.outcome, Outcome::LeftOut(_)))
        .count()
}

/// Adds article `number` to the postings of `term` (or takes it out), in the chunk the term
/// sorts into, read once. False when that chunk cannot be read.
fn change_postings(
    dir: &Path,
    archive: &Archive,
    chunks: &mut BTreeMap<usize, SearchChunk>,
    term: &str,
    number: u32,
    add: bool,
) -> bool {
    let query = QueryTerm {
        text: term.to_owned(),
        prefix: false,
    };
    let Some(index) = chunks_for(&archive.search, &query).next() else {
        return false;
    };
    if let std::collections::btree_map::Entry::Vacant(slot) = chunks.entry(index) {
        match read_chunk(dir, archive, index) {
            Some(chunk) => {
                slot.insert(chunk);
            }
            None => return false,
        }
    }
    let chunk = chunks.get_mut(&index).expect("just read");
    let mut numbers: Vec<u32> = chunk
        .terms
        .get(term)
        .map(|deltas| decode_postings(deltas).collect())
        .unwrap_or_default();
    match (numbers.binary_search(&number), add) {
        (Err(at), true) => numbers.insert(at, number),
        (Ok(at), false) => {
            numbers.remove(at);
        }
        _ => {}
    }
    if numbers.is_empty() {
        chunk.terms.remove(term);
    } else {
        chunk
            .terms
            .insert(term.to_owned(), encode_postings(&numbers));
    }
    true
}

/// The `count` newest entries: the patched pages, and others read as needed.
fn newest(
    dir: &Path,
    library: &Library,
    archive: &Archive,
    pages: &BTreeMap<u32, Vec<LibraryEntry>>,
    count: usize,
) -> Vec<LibraryEntry> {
    let mut out = library.articles.clone();
    let mut page = 2;
    while out.len() < count && page <= archive.pages {
        match pages.get(&page) {
            Some(entries) => out.extend(entries.iter().cloned()),
            None => out.extend(read_page(dir, archive, page).unwrap_or_default()),
        }
        page += 1;
    }
    out.truncate(count);
    out
}

/// The cache after a patch: every file with its size, time and hash now, positions unchanged.
fn restamp(cache: &mut IndexCache, looked: &[Looked]) {
    for file in looked.iter().filter(|file| file.restamped) {
        if let Some(cached) = cache.files.get_mut(&file.name) {
            let (size, modified, hash) = file.stamp;
            *cached = CachedFile {
                size,
                modified,
                hash,
                outcome: cached.outcome.clone(),
            };
        }
    }
}
