//! The library's search run natively over an index written by `article index`: the same steps
//! the page takes (`model::search::step`). `article search` reads the parts a query needs
//! from disk, as the page downloads them ([`search_dir`]); the relevance measure
//! (`tools::relevance`) holds every part in memory ([`LocalIndex`]).

use std::collections::HashMap;
use std::path::Path;

use crate::model::search::excerpt::{Excerpt, excerpt};
use crate::model::search::query::{Query, holds_phrases};
use crate::model::search::stem::Stemmers;
use crate::model::search::step::{Depth, Part, Parts, Results, Step, search_step};
use crate::model::search::text::ArticleText;
use crate::model::search::{
    RestChunk, SearchChunk, VocabularyChunk, decode_article_text, decode_rest_chunk,
    decode_search_chunk, decode_vocabulary_chunk, text_address,
};
use crate::model::{
    Archive, ArticleError, Library, LibraryEntry, Order, decode_library, decode_library_card,
    decode_library_page, decode_order,
};
use crate::tools::archive::read_order;
use crate::tools::fold::fold;

/// An index with all its parts in memory.
pub struct LocalIndex {
    /// The outline of the archive.
    pub archive: Archive,
    /// Every entry, newest first.
    pub entries: Vec<LibraryEntry>,
    chunks: Vec<SearchChunk>,
    rests: Vec<RestChunk>,
    words: Vec<VocabularyChunk>,
    ends: Vec<VocabularyChunk>,
    order: Order,
    texts: HashMap<String, ArticleText>,
    stemmers: Stemmers,
}

/// A result as `article search` shows it.
pub struct Found {
    /// The article's entry.
    pub entry: LibraryEntry,
    /// Its score.
    pub score: f32,
    /// Its excerpt, when a passage holds a found word.
    pub excerpt: Option<Excerpt>,
}

impl Parts for LocalIndex {
    fn postings(&self, chunk: usize) -> Option<&SearchChunk> {
        self.chunks.get(chunk)
    }

    fn rest(&self, part: u32) -> Option<&RestChunk> {
        self.rests.get(part as usize)
    }

    fn vocabulary(&self, backward: bool, chunk: usize) -> Option<&VocabularyChunk> {
        if backward {
            self.ends.get(chunk)
        } else {
            self.words.get(chunk)
        }
    }
}

impl LocalIndex {
    /// The index written in `dir`.
    pub fn read(dir: &Path) -> Result<LocalIndex, String> {
        let read = |name: &str| {
            std::fs::read(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
        };
        let index = read("index.json")?;
        let library = decode_library(&index)
            .map_err(|e| format!("index.json: {}", crate::i18n::tr(e.summary())))?;
        let mut files: HashMap<String, Vec<u8>> = HashMap::new();
        if let Some(archive) = &library.archive {
            for page in 2..=archive.pages {
                let name = archive.page_address(page);
                files.insert(name.clone(), read(&name)?);
            }
            if archive.order {
                files.insert(archive.order_address(), read(&archive.order_address())?);
            }
            let names = (0..archive.search.len())
                .map(|i| archive.chunk_address(i))
                .chain((0..archive.rests).map(|i| archive.rest_address(i)))
                .chain((0..archive.words.len()).map(|i| archive.vocabulary_address(false, i)))
                .chain((0..archive.ends.len()).map(|i| archive.vocabulary_address(true, i)));
            for name in names {
                files.insert(name.clone(), read(&name)?);
            }
        }
        let mut index = LocalIndex::from_parts(library, |name| files.remove(name))?;
        index.texts = index
            .entries
            .iter()
            .filter_map(|entry| {
                let name = text_address(&index.archive.folder, &entry.address);
                let text = decode_article_text(&std::fs::read(dir.join(name)).ok()?).ok()?;
                Some((entry.address.clone(), text))
            })
            .collect();
        Ok(index)
    }

    /// The index of `library`, whose parts `part(address)` gives.
    pub fn from_parts(
        library: Library,
        mut part: impl FnMut(&str) -> Option<Vec<u8>>,
    ) -> Result<LocalIndex, String> {
        let archive = library
            .archive
            .clone()
            .ok_or_else(|| "an index of version 1 has no search index".to_owned())?;
        let mut get = |name: String| -> Result<Vec<u8>, String> {
            part(&name).ok_or(format!("{name}: missing"))
        };
        let mut entries = library.articles;
        for page in 2..=archive.pages {
            let bytes = get(archive.page_address(page))?;
            let read =
                decode_library_page(&bytes).map_err(|e| crate::i18n::tr(e.summary()).to_owned())?;
            entries.extend(read.articles);
        }
        let mut chunks = Vec::new();
        for i in 0..archive.search.len() {
            let bytes = get(archive.chunk_address(i))?;
            chunks.push(
                decode_search_chunk(&bytes).map_err(|e| crate::i18n::tr(e.summary()).to_owned())?,
            );
        }
        let mut rests = Vec::new();
        for i in 0..archive.rests {
            let bytes = get(archive.rest_address(i))?;
            rests.push(
                decode_rest_chunk(&bytes).map_err(|e| crate::i18n::tr(e.summary()).to_owned())?,
            );
        }
        let mut vocabulary =
            |backward: bool, count: usize| -> Result<Vec<VocabularyChunk>, String> {
                (0..count)
                    .map(|i| {
                        let bytes = get(archive.vocabulary_address(backward, i))?;
                        decode_vocabulary_chunk(&bytes)
                            .map_err(|e| crate::i18n::tr(e.summary()).to_owned())
                    })
                    .collect()
            };
        let words = vocabulary(false, archive.words.len())?;
        let ends = vocabulary(true, archive.ends.len())?;
        let order = if archive.order {
            let bytes = get(archive.order_address())?;
            decode_order(&bytes).map_err(|e| crate::i18n::tr(e.summary()).to_owned())?
        } else {
            Order::numbered(archive.total)
        };
        let stemmers = Stemmers::new(archive.stemmers.iter().map(String::as_str));
        Ok(LocalIndex {
            archive,
            entries,
            chunks,
            rests,
            words,
            ends,
            order,
            texts: HashMap::new(),
            stemmers,
        })
    }

    /// The articles' passages, by address.
    pub fn texts(&self) -> &HashMap<String, ArticleText> {
        &self.texts
    }

    /// Keeps the articles' passages, by address, for phrases and excerpts.
    pub fn with_texts(mut self, texts: HashMap<String, ArticleText>) -> Self {
        self.texts = texts;
        self
    }

    /// The query `text` (as typed) read against this index.
    pub fn query(&self, text: &str) -> Query {
        Query::new(&fold(text), "", "", &self.stemmers)
    }

    /// The articles `text` finds, best first, with their excerpts; an article a phrase of the
    /// query is not in is left out.
    pub fn search(&self, text: &str) -> Vec<Found> {
        let query = self.query(text);
        if query.is_empty() {
            return Vec::new();
        }
        let Step::Done(Results { hits, found, .. }) =
            search_step(&self.archive, &query, &self.stemmers, self, Depth::Whole)
        else {
            unreachable!("every part is at hand");
        };
        hits.into_iter()
            .filter_map(|hit| {
                let rank = self.order.rank(hit.number) as usize;
                let entry = self.entries.get(rank)?.clone();
                let text = self.texts.get(&entry.address);
                result(entry, hit.score, text, &query, &found)
            })
            .collect()
    }
}

/// The result for an article a query found: `None` when its text does not hold each of the
/// query's phrases.
fn result(
    entry: LibraryEntry,
    score: f32,
    text: Option<&ArticleText>,
    query: &Query,
    found: &[String],
) -> Option<Found> {
    if !query.phrases.is_empty() && !holds_phrases(text?, &query.phrases, fold) {
        return None;
    }
    let excerpt = text.and_then(|t| excerpt(t, found, fold));
    Some(Found {
        entry,
        score,
        excerpt,
    })
}

/// The parts of an index on disk a search has read so far.
#[derive(Default)]
struct Read {
    chunks: HashMap<usize, SearchChunk>,
    rests: HashMap<u32, RestChunk>,
    words: HashMap<(bool, usize), VocabularyChunk>,
}

impl Parts for Read {
    fn postings(&self, chunk: usize) -> Option<&SearchChunk> {
        self.chunks.get(&chunk)
    }

    fn rest(&self, part: u32) -> Option<&RestChunk> {
        self.rests.get(&part)
    }

    fn vocabulary(&self, backward: bool, chunk: usize) -> Option<&VocabularyChunk> {
        self.words.get(&(backward, chunk))
    }
}

/// What `article search` prints: how many articles `text` finds in the index written in
/// `dir`, and the best `limit` of them with their excerpts. It reads only the parts the query
/// needs, step by step as the page downloads them, and the cards and passages of the results
/// it shows (of every result when the query has a phrase): a search of 100,000 articles
/// reads a few files, not the whole index.
pub fn search_dir(dir: &Path, text: &str, limit: usize) -> Result<(usize, Vec<Found>), String> {
    let library = read_part(dir, "index.json", decode_library)?;
    let Some(archive) = library.archive.clone() else {
        // Version 1: every entry is in index.json; the index is small.
        let index = LocalIndex::read(dir)?;
        let found = index.search(text);
        return Ok((found.len(), found.into_iter().take(limit).collect()));
    };
    let stemmers = Stemmers::new(archive.stemmers.iter().map(String::as_str));
    let query = Query::new(&fold(text), "", "", &stemmers);
    if query.is_empty() {
        return Ok((0, Vec::new()));
    }
    let mut parts = Read::default();
    let Results { hits, found, .. } = loop {
        match search_step(&archive, &query, &stemmers, &parts, Depth::Whole) {
            Step::Done(results) => break results,
            Step::Needs(needed) => {
                for part in needed {
                    match part {
                        Part::Postings(chunk) => {
                            let name = archive.chunk_address(chunk);
                            let chunk_read = read_part(dir, &name, decode_search_chunk)?;
                            parts.chunks.insert(chunk, chunk_read);
                        }
                        Part::Rest(part) => {
                            let name = archive.rest_address(part);
                            let rest = read_part(dir, &name, decode_rest_chunk)?;
                            parts.rests.insert(part, rest);
                        }
                        Part::Vocabulary { backward, chunk } => {
                            let name = archive.vocabulary_address(backward, chunk);
                            let words = read_part(dir, &name, decode_vocabulary_chunk)?;
                            parts.words.insert((backward, chunk), words);
                        }
                    }
                }
            }
        }
    };
    let order = read_order(dir, &archive).ok_or_else(|| {
        let name = dir.join(archive.order_address());
        format!(
            "{}: not the order of {} articles",
            name.display(),
            archive.total
        )
    })?;
    let mut pages: HashMap<u32, Vec<LibraryEntry>> = HashMap::from([(1, library.articles)]);
    let mut entry = |number: u32| -> Result<LibraryEntry, String> {
        if archive.cards {
            let card = read_part(dir, &archive.card_address(number), decode_library_card)?;
            return Ok(card.entry);
        }
        let rank = order.rank(number);
        let page = archive.page_of(rank);
        if let std::collections::hash_map::Entry::Vacant(slot) = pages.entry(page) {
            let read = read_part(dir, &archive.page_address(page), decode_library_page)?;
            slot.insert(read.articles);
        }
        pages[&page]
            .get((rank % archive.per_page.max(1)) as usize)
            .cloned()
            .ok_or_else(|| format!("{}: no article {rank}", archive.page_address(page)))
    };
    let text_of = |entry: &LibraryEntry| {
        let name = text_address(&archive.folder, &entry.address);
        std::fs::read(dir.join(name))
            .ok()
            .and_then(|bytes| decode_article_text(&bytes).ok())
    };
    // Without a phrase every hit is a result, and only those shown are read.
    let phrased = !query.phrases.is_empty();
    let hits_found = hits.len();
    let mut kept = Vec::new();
    for hit in hits {
        if !phrased && kept.len() == limit {
            break;
        }
        let entry = entry(hit.number)?;
        let text = text_of(&entry);
        kept.extend(result(entry, hit.score, text.as_ref(), &query, &found));
    }
    let total = if phrased { kept.len() } else { hits_found };
    kept.truncate(limit);
    Ok((total, kept))
}

/// The part `name` of the index written in `dir`, decoded by `decode`; an error names the file
/// and what is wrong in it.
fn read_part<T>(
    dir: &Path,
    name: &str,
    decode: fn(&[u8]) -> Result<T, ArticleError>,
) -> Result<T, String> {
    let path = dir.join(name);
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    decode(&bytes).map_err(|e| format!("{name}: {}", crate::i18n::tr(e.summary())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::search::best::BEST;
    use crate::tools::archive::{Indexable, archive_files};

    /// An archive of `count` articles about harbours, one in three about ships too.
    fn harbours(count: usize) -> LocalIndex {
        let items: Vec<Indexable> = (0..count)
            .map(|i| {
                let more = if i % 3 == 0 { " and ships" } else { "" };
                Indexable::from_entry(LibraryEntry {
                    address: format!("a{i}.json"),
                    title: format!("Harbour {i}{more}"),
                    standfirst: None,
                    label: None,
                    lang: None,
                    sponsor: None,
                    authors: Vec::new(),
                    published: Some(format!("2024-01-01T00:{:02}:{:02}Z", i / 60, i % 60)),
                    updated: None,
                    reading_minutes: 1,
                    tags: Vec::new(),
                    image: None,
                })
            })
            .collect();
        let (library, files) = archive_files(&items, 10);
        let mut files: HashMap<String, Vec<u8>> = files
            .into_iter()
            .map(|(name, json)| (name, json.into_bytes()))
            .collect();
        LocalIndex::from_parts(library, |name| files.remove(name)).expect("an index")
    }

    /// The index without its rest parts, as the page has it before it downloads them.
    struct Unrested<'a>(&'a LocalIndex);

    impl Parts for Unrested<'_> {
        fn postings(&self, chunk: usize) -> Option<&SearchChunk> {
            self.0.postings(chunk)
        }
        fn rest(&self, _: u32) -> Option<&RestChunk> {
            None
        }
        fn vocabulary(&self, backward: bool, chunk: usize) -> Option<&VocabularyChunk> {
            self.0.vocabulary(backward, chunk)
        }
    }

    #[test]
    fn a_word_being_typed_is_ranked_from_its_best_and_its_rest_waits_for_a_pause() {
        let index = harbours(120);
        assert!(index.archive.rests > 0, "harbour is held by more than BEST");
        let step = |text: &str, depth: Depth| {
            let query = index.query(text);
            let parts = Unrested(&index);
            search_step(&index.archive, &query, &index.stemmers, &parts, depth)
        };
        // Being typed: its best only, and nothing more asked for.
        let Step::Done(typing) = step("harbo", Depth::Typing) else {
            panic!("a word being typed waits for nothing");
        };
        assert_eq!(typing.hits.len(), BEST);
        assert!(!typing.whole);
        // The reader pauses: its rest is needed.
        assert!(matches!(step("harbour", Depth::Settled), Step::Needs(parts)
            if parts.iter().all(|p| matches!(p, Part::Rest(_)))));
        // A word typed whole needs its rest at once; the word being typed does not.
        assert!(matches!(step("harbour shi", Depth::Typing), Step::Needs(_)));
        // With every part: every article, each once.
        assert_eq!(index.search("harbour").len(), 120);
        assert_eq!(index.search("harbour ships").len(), 40);
    }
}
