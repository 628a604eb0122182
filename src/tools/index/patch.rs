//! Patching an index in place: when the only change since the last run is the content of a
//! few articles (same label, topics and language), their pages, cards and passages and the
//! search chunks of the terms they gained or lost are rewritten, and nothing else. A single
//! changed article may also move in the list (its date or title changed): it keeps its number,
//! so no other article's postings change; the pages it passes shift by one and `order.json`
//! says where it went (`model::order`). Anything else (an article added, removed or renamed,
//! several moved) rebuilds the whole index, which numbers the articles in date order again.

use std::collections::BTreeMap;
use std::path::Path;

use super::cache::{CachedFile, IndexCache, Outcome};
use super::run::{Found, IndexOptions, Looked};
use crate::model::search::best::split;
use crate::model::search::typo::backwards;
use crate::model::search::{
    QueryTerm, VocabularyChunk, chunks_for, decode_postings, decode_vocabulary_chunk, text_address,
    vocabulary_entry,
};
use crate::model::{Archive, Library, LibraryEntry, LibraryPage, RestChunk, SearchChunk};
use crate::tools::archive::{
    Indexable, Written, card_file, read_chunk, read_library, read_order, read_page, read_rest,
    read_text, sort_key, write_files,
};

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
    // An index whose parts are named by number alone is written again whole, by content.
    let Some(archive) = library.archive.clone().filter(|a| a.hashes.is_some()) else {
        return Ok(None);
    };
    if archive.total as usize != cache.files.len() - left_out(cache) {
        return Ok(None);
    }
    let mut pages: BTreeMap<u32, Vec<LibraryEntry>> = BTreeMap::new();
    let mut touched = Touched::default();
    let mut vocabulary_changes: Vec<(String, bool)> = Vec::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    let alone = changed.len() == 1;
    let Some(mut order) = read_order(dir, &archive) else {
        return Ok(None);
    };
    // The position of the one changed article whose date (or title) moves it in the list.
    let mut moved = None;
    for (rank, item) in changed {
        let page = archive.page_of(rank);
        // Its page, and its neighbours' (a new title may still sort between them).
        let around = [rank.checked_sub(1), Some(rank), rank.checked_add(1)];
        for at in around.into_iter().flatten().filter(|r| *r < archive.total) {
            let page = archive.page_of(at);
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
        }
        let key_at = |at: u32| {
            pages
                .get(&archive.page_of(at))
                .and_then(|entries| entries.get((at % archive.per_page) as usize))
                .map(sort_key)
        };
        // A change of its title (or of its date within its neighbours') keeps its place when it
        // still sorts between them; with one article changed, they are as the index has them.
        let key = sort_key(&item.entry);
        let after_previous = rank
            .checked_sub(1)
            .is_none_or(|at| key_at(at).is_some_and(|k| k < key));
        let before_next = rank + 1 >= archive.total || key_at(rank + 1).is_some_and(|k| key < k);
        let stays = after_previous && before_next;
        let entries = pages.get_mut(&page).expect("just read");
        let Some(old) = entries.get_mut((rank % archive.per_page) as usize) else {
            return Ok(None);
        };
        let moves = sort_key(old) != sort_key(&item.entry) && !(alone && stays);
        let relabelled = old.label != item.entry.label || old.tags != item.entry.tags;
        if (moves && !alone) || relabelled || old.lang != item.entry.lang {
            return Ok(None);
        }
        if moves {
            moved = Some(rank);
        }
        // What it held, from the passages written beside the index.
        let Some(text) = read_text(dir, &old.address) else {
            return Ok(None);
        };
        let before: BTreeMap<String, u8> = Indexable::new(old.clone(), text)
            .terms
            .into_iter()
            .collect();
        let after: BTreeMap<&str, u8> = item.terms.iter().map(|(t, i)| (t.as_str(), *i)).collect();
        let number = order.number(rank);
        let gone = before
            .iter()
            .filter(|(t, _)| !after.contains_key(t.as_str()))
            .map(|(t, _)| (t.as_str(), None));
        let changed = after
            .iter()
            .filter(|(t, i)| before.get(**t) != Some(i))
            .map(|(t, i)| (*t, Some(*i)));
        for (term, impact) in gone.chain(changed).collect::<Vec<_>>() {
            match change_postings(dir, &archive, &mut touched, term, number, impact) {
                Some(Presence::Same) => {}
                Some(Presence::New) => vocabulary_changes.push((term.to_owned(), true)),
                Some(Presence::Gone) => vocabulary_changes.push((term.to_owned(), false)),
                None => return Ok(None),
            }
        }
        *old = item.entry.clone();
        let json = serde_json::to_string(&item.text).expect("wire types serialize");
        texts.push((text_address(&archive.folder, &item.entry.address), json));
        if archive.cards {
            texts.push(card_file(&archive.folder, number, &item.entry));
        }
    }
    let mut files: Vec<(String, String)> = Vec::new();
    let mut archive = archive;
    // An order.json no longer needed, removed once the index that no longer names it is.
    let mut stale_order = false;
    if let Some(from) = moved {
        pages.entry(1).or_insert_with(|| library.articles.clone());
        let Some(to) = move_entry(dir, &archive, &mut pages, from) else {
            return Ok(None);
        };
        order.shift(from, to);
        move_ranks(cache, from, to);
        let file = order.to_file();
        archive.order = file.is_some();
        match file {
            Some(file) => {
                let json = serde_json::to_string(&file).expect("wire types serialize");
                files.push((archive.order_address(), json));
            }
            None => stale_order = true,
        }
        library.archive = Some(archive.clone());
    }
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
    // A new rest part is named in index.json.
    if let Some(fresh) = touched.fresh {
        archive.rests = fresh + 1;
        library.archive = Some(archive.clone());
        pages.entry(1).or_insert_with(|| library.articles.clone());
    }
    for (chunk, terms) in &touched.chunks {
        let json = serde_json::to_string(terms).expect("wire types serialize");
        files.push((archive.chunk_address(*chunk), json));
    }
    for (part, rest) in &touched.rests {
        let json = serde_json::to_string(rest).expect("wire types serialize");
        files.push((archive.rest_address(*part), json));
    }
    match vocabulary_files(dir, &archive, &vocabulary_changes) {
        Some(vocabulary) => files.extend(vocabulary),
        None => return Ok(None),
    }
    files.extend(texts);
    // Every part written gets the name of its new content, which index.json then names: it is
    // written whenever a part is, and the parts it named before are removed after it.
    let stale_order = stale_order.then(|| archive.order_address());
    if stale_order.is_some()
        && let Some(hashes) = archive.hashes.as_mut()
    {
        hashes.truncate(crate::model::PartKind::Order, 0);
    }
    let replaced = crate::tools::archive::name_by_content(&mut archive, &mut files);
    library.archive = Some(archive.clone());
    let text = serde_json::to_string_pretty(&library).expect("the library serializes");
    files.push(("index.json".to_owned(), format!("{text}\n")));
    let mut written = write_files(dir, &files, &mut cache.written, false)?;
    for name in replaced.iter().chain(&stale_order) {
        forget(dir, cache, name)?;
        written.removed += 1;
    }
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

/// Moves the entry at position `from` (already changed, in `pages`) to where it now sorts.
/// Its new page is found by a binary search over the pages' first entries, reading a dozen
/// pages of a thousand; every page from its old page to its new one is read into `pages`, and
/// their entries shift by one. Its new position; `None` when a page cannot be read.
fn move_entry(
    dir: &Path,
    archive: &Archive,
    pages: &mut BTreeMap<u32, Vec<LibraryEntry>>,
    from: u32,
) -> Option<u32> {
    let load = |page: u32, pages: &mut BTreeMap<u32, Vec<LibraryEntry>>| -> Option<()> {
        if let std::collections::btree_map::Entry::Vacant(slot) = pages.entry(page) {
            slot.insert(read_page(dir, archive, page)?);
        }
        Some(())
    };
    let home = archive.page_of(from);
    let per_page = archive.per_page.max(1);
    let key = sort_key(pages.get(&home)?.get((from % per_page) as usize)?);
    // The last page whose first entry (the moved one aside) sorts before it.
    let first_before = |page: u32, pages: &BTreeMap<u32, Vec<LibraryEntry>>| -> bool {
        let skip = (page == home).then_some((from % per_page) as usize);
        let first = pages[&page]
            .iter()
            .enumerate()
            .find(|(i, _)| Some(*i) != skip)
            .map(|(_, entry)| sort_key(entry));
        first.is_some_and(|first| first < key)
    };
    let (mut low, mut high) = (1, archive.pages);
    while low < high {
        let middle = low + (high - low).div_ceil(2);
        load(middle, pages)?;
        if first_before(middle, pages) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    let (first, last) = (home.min(low), home.max(low));
    for page in first..=last {
        load(page, pages)?;
    }
    let mut run: Vec<LibraryEntry> = (first..=last)
        .flat_map(|page| pages[&page].iter().cloned())
        .collect();
    let start = (first - 1) * per_page;
    let entry = run.remove((from - start) as usize);
    let at = run.partition_point(|other| sort_key(other) < key);
    run.insert(at, entry);
    for (page, entries) in (first..=last).zip(run.chunks(per_page as usize)) {
        pages.insert(page, entries.to_vec());
    }
    Some(start + at as u32)
}

/// The cache's positions after the article at `from` moved to `to`: those between shift by
/// one.
fn move_ranks(cache: &mut IndexCache, from: u32, to: u32) {
    for file in cache.files.values_mut() {
        if let Outcome::Article { rank } = &mut file.outcome {
            *rank = match *rank {
                r if r == from => to,
                r if from < to && r > from && r <= to => r - 1,
                r if to < from && r >= to && r < from => r + 1,
                r => r,
            };
        }
    }
}

/// Removes a file of the index that is no longer part of it (`name`, relative to `dir`).
fn forget(dir: &Path, cache: &mut IndexCache, name: &str) -> Result<(), String> {
    cache.written.remove(name);
    match std::fs::remove_file(dir.join(name)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: cannot remove: {e}", dir.join(name).display()))
        }
        _ => Ok(()),
    }
}

/// What a change to a term's postings did to its place in the index.
enum Presence {
    /// It was in the index and still is, or was not and still is not.
    Same,
    /// It is new to the index.
    New,
    /// No article holds it any more.
    Gone,
}

/// The search parts a patch has read, changed or made.
#[derive(Default)]
struct Touched {
    /// Search chunks, by number.
    chunks: BTreeMap<usize, SearchChunk>,
    /// Rest parts, by number.
    rests: BTreeMap<u32, RestChunk>,
    /// The rest part this patch made for terms that outgrew their chunk, if it made one.
    fresh: Option<u32>,
}

/// Sets the posting of article `number` in `term`'s postings to `impact` (or takes it out),
/// in the chunk the term sorts into and its rest part, each read once; a term that now has
/// more than [`crate::model::search::best::BEST`] postings gets its rest in a rest part of its own. `None` when a part
/// cannot be read.
fn change_postings(
    dir: &Path,
    archive: &Archive,
    touched: &mut Touched,
    term: &str,
    number: u32,
    impact: Option<u8>,
) -> Option<Presence> {
    let query = QueryTerm {
        text: term.to_owned(),
        prefix: false,
    };
    let index = chunks_for(&archive.search, &query).next()?;
    if let std::collections::btree_map::Entry::Vacant(slot) = touched.chunks.entry(index) {
        slot.insert(read_chunk(dir, archive, index)?);
    }
    let chunk = touched.chunks.get_mut(&index).expect("just read");
    if let Some(&(_, part)) = chunk.more.get(term) {
        if let std::collections::btree_map::Entry::Vacant(slot) = touched.rests.entry(part) {
            slot.insert(read_rest(dir, archive, part)?);
        }
        let rests = touched.rests.get_mut(&part).expect("just read");
        let mut rest = rests.rest(term)?;
        rest.set(number, impact);
        if rest.numbers.is_empty() {
            rests.remove(term);
            chunk.remove(term);
            return Some(Presence::Gone);
        }
        rests.put(term, &rest);
        let (numbers, impacts) = rest.best();
        let count = rest.numbers.len() as u32;
        chunk.put(term, (&numbers, impacts), Some((count, part)));
        return Some(Presence::Same);
    }
    let mut numbers: Vec<u32> = chunk
        .terms
        .get(term)
        .map(|deltas| decode_postings(deltas).collect())
        .unwrap_or_default();
    let mut impacts: Vec<u8> = chunk.impacts.get(term).cloned().unwrap_or_default();
    impacts.resize(numbers.len(), 1);
    let was = !numbers.is_empty();
    match (numbers.binary_search(&number), impact) {
        (Err(at), Some(impact)) => {
            numbers.insert(at, number);
            impacts.insert(at, impact);
        }
        (Ok(at), Some(impact)) => impacts[at] = impact,
        (Ok(at), None) => {
            numbers.remove(at);
            impacts.remove(at);
        }
        (Err(_), None) => {}
    }
    let now = !numbers.is_empty();
    if !now {
        chunk.remove(term);
    } else {
        let tiers = split(numbers, impacts);
        let more = tiers.rest.map(|rest| {
            let part = *touched.fresh.get_or_insert(archive.rests);
            touched.rests.entry(part).or_default().put(term, &rest);
            (rest.numbers.len() as u32, part)
        });
        chunk.put(term, (&tiers.best.0, tiers.best.1), more);
    }
    Some(match (was, now) {
        (false, true) => Presence::New,
        (true, false) => Presence::Gone,
        _ => Presence::Same,
    })
}

/// The vocabulary chunks, forward and backward, with the words the index gained and lost;
/// `None` when one cannot be read.
fn vocabulary_files(
    dir: &Path,
    archive: &Archive,
    changes: &[(String, bool)],
) -> Option<Vec<(String, String)>> {
    let mut changed: BTreeMap<(bool, usize), VocabularyChunk> = BTreeMap::new();
    for (word, added) in changes.iter().filter(|(w, _)| vocabulary_entry(w)) {
        for backward in [false, true] {
            let (firsts, key) = if backward {
                (&archive.ends, backwards(word))
            } else {
                (&archive.words, word.clone())
            };
            let query = QueryTerm {
                text: key.clone(),
                prefix: false,
            };
            let Some(index) = chunks_for(firsts, &query).next() else {
                continue;
            };
            if let std::collections::btree_map::Entry::Vacant(slot) =
                changed.entry((backward, index))
            {
                let bytes =
                    std::fs::read(dir.join(archive.vocabulary_address(backward, index))).ok()?;
                slot.insert(decode_vocabulary_chunk(&bytes).ok()?);
            }
            let words = &mut changed
                .get_mut(&(backward, index))
                .expect("just read")
                .words;
            match (words.binary_search(&key), added) {
                (Err(at), true) => words.insert(at, key),
                (Ok(at), false) => {
                    words.remove(at);
                }
                _ => {}
            }
        }
    }
    Some(
        changed
            .into_iter()
            .map(|((backward, index), chunk)| {
                let json = serde_json::to_string(&chunk).expect("wire types serialize");
                (archive.vocabulary_address(backward, index), json)
            })
            .collect(),
    )
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
