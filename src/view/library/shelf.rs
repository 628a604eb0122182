//! What the library page holds of a library: the pages downloaded so far (the newest comes with
//! the index), the search chunks a query needed, and the search itself. A library of version 1
//! (every article in the index) is one page, searched in the page with the same terms.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::config::ViewerConfig;
use crate::load::{LoadError, fetch_library_part};
use crate::model::search::query::{Query, holds_phrases};
use crate::model::search::stem::Stemmers;
use crate::model::search::step::{Depth, Part, Parts, Step, search_step};
use crate::model::search::text::ArticleText;
use crate::model::search::{
    QueryTerm, VocabularyChunk, decode_article_text, decode_vocabulary_chunk, entry_terms,
    holds_all, text_address, wanted_terms,
};
use crate::model::{
    Archive, ArticleError, Library, LibraryEntry, Order, RestChunk, SearchChunk,
    decode_library_card, decode_library_page, decode_order, decode_rest_chunk, decode_search_chunk,
};
use crate::view::page::fold_query;

/// Pages kept at most; the oldest downloaded go first (a page is about 50 KB in memory, so
/// this bounds the list's data near 3 MB however far the reader scrolls).
const MOST_PAGES: usize = 64;

/// Cards (single entries, for search results) kept at most; the oldest asked for go first.
const MOST_CARDS: usize = 1000;

/// Articles' passages kept at most (for excerpts and phrases); then they start again.
const MOST_TEXTS: usize = 200;

/// The most results a phrase is looked for in at a time, best first: each needs its
/// article's text (about 3 KB of gzip for 1,000 words), so a rare phrase costs about 100 KB
/// before the reader asks for more.
const PHRASE_CHECKS: usize = 32;

/// Results holding a phrase that are enough to stop looking: more than the first screen
/// shows, so that a common phrase downloads a few dozen articles' passages, not a hundred.
const PHRASE_ENOUGH: usize = 20;

/// The library's data as the page has it. A handle: copies share it.
#[derive(Clone, Copy)]
pub struct Shelf {
    /// Where the library is and what it holds.
    about: StoredValue<About>,
    /// The pages here, by number.
    pages: RwSignal<HashMap<u32, Arc<[LibraryEntry]>>>,
    /// Pages asked for, in the order they were, to let the oldest go.
    asked: StoredValue<VecDeque<u32>>,
    /// Entries downloaded on their own (cards), by newest-first position.
    cards: RwSignal<HashMap<u32, LibraryEntry>>,
    /// Cards asked for, by position, in the order they were, to let the oldest go.
    asked_cards: StoredValue<VecDeque<u32>>,
    /// The search chunks downloaded, by number.
    chunks: StoredValue<HashMap<usize, Arc<SearchChunk>>>,
    /// The rest parts downloaded, by number.
    rests: StoredValue<HashMap<u32, Arc<RestChunk>>>,
    /// The vocabulary chunks downloaded, by direction (backward or not) and number.
    vocabulary: StoredValue<HashMap<(bool, usize), Arc<VocabularyChunk>>>,
    /// Where each numbered article is in the newest-first list, once a search needed it.
    order: StoredValue<Option<Arc<Order>>>,
    /// Articles' passages downloaded, by address.
    texts: StoredValue<HashMap<String, Arc<ArticleText>>>,
    /// For a library of version 1, each entry's terms, worked out at the first search.
    local_terms: StoredValue<Option<Arc<[Vec<String>]>>>,
    /// A page or chunk that could not be downloaded.
    pub failure: RwSignal<Option<LoadError>>,
}

struct About {
    base: String,
    config: ViewerConfig,
    archive: Option<Archive>,
    total: u32,
    per_page: u32,
    labels: Vec<String>,
    tags: Vec<String>,
}

impl Shelf {
    /// The shelf of `library`, downloaded from `base` under `config`.
    pub fn new(library: Library, base: String, config: ViewerConfig) -> Self {
        let total = library.total();
        let per_page = library
            .archive
            .as_ref()
            .map_or(library.articles.len().max(1) as u32, |a| a.per_page.max(1));
        let about = About {
            labels: library.labels(),
            tags: library.tags(),
            base,
            config,
            archive: library.archive,
            total,
            per_page,
        };
        let first: Arc<[LibraryEntry]> = library.articles.into();
        Shelf {
            about: StoredValue::new(about),
            pages: RwSignal::new(HashMap::from([(1, first)])),
            asked: StoredValue::new(VecDeque::new()),
            cards: RwSignal::new(HashMap::new()),
            asked_cards: StoredValue::new(VecDeque::new()),
            chunks: StoredValue::new(HashMap::new()),
            rests: StoredValue::new(HashMap::new()),
            vocabulary: StoredValue::new(HashMap::new()),
            texts: StoredValue::new(HashMap::new()),
            order: StoredValue::new(None),
            local_terms: StoredValue::new(None),
            failure: RwSignal::new(None),
        }
    }

    /// How many articles the library holds.
    pub fn total(&self) -> u32 {
        self.about.with_value(|a| a.total)
    }

    /// How many pages it has.
    pub fn page_count(&self) -> u32 {
        self.about
            .with_value(|a| a.total.div_ceil(a.per_page).max(1))
    }

    /// The newest-first positions on page `page`.
    pub fn page_ranks(&self, page: u32) -> Arc<[u32]> {
        self.about.with_value(|a| {
            let start = (page.max(1) - 1) * a.per_page;
            (start..(start + a.per_page).min(a.total)).collect()
        })
    }

    /// Its labels and topics, for the filters.
    pub fn filters(&self) -> (Vec<String>, Vec<String>) {
        self.about
            .with_value(|a| (a.labels.clone(), a.tags.clone()))
    }

    /// The address of the index, which articles' addresses are relative to.
    pub fn base(&self) -> String {
        self.about.with_value(|a| a.base.clone())
    }

    /// Subscribes the reactive context to the arrival of pages and cards.
    pub fn track_pages(&self) {
        self.pages.track();
        self.cards.track();
    }

    /// The entry at newest-first position `rank`, once its page or its card is here
    /// (reactive).
    pub fn entry(&self, rank: u32) -> Option<LibraryEntry> {
        let per_page = self.about.with_value(|a| a.per_page);
        let page = rank / per_page + 1;
        self.pages
            .with(|pages| {
                pages
                    .get(&page)
                    .and_then(|entries| entries.get((rank % per_page) as usize).cloned())
            })
            .or_else(|| self.cards.with(|cards| cards.get(&rank).cloned()))
    }

    /// Downloads the entries at `ranks` that are not here yet, each on its own (its card), for
    /// the rows of search results: scattered over the library, they would each need a page of
    /// a hundred. An index written without cards downloads the pages.
    pub fn fetch_cards(&self, ranks: impl Iterator<Item = u32>) {
        let archive = self
            .about
            .with_value(|a| a.archive.clone().filter(|archive| archive.cards));
        let (Some(archive), Some(order)) = (archive, self.order.get_value()) else {
            self.fetch_pages(ranks);
            return;
        };
        let wanted: Vec<u32> = ranks
            .filter(|rank| {
                self.entry_untracked(*rank).is_none()
                    && !self.asked_cards.with_value(|asked| asked.contains(rank))
            })
            .collect();
        if wanted.is_empty() {
            return;
        }
        self.asked_cards
            .update_value(|asked| asked.extend(wanted.iter().copied()));
        let shelf = *self;
        // All at once, and kept in one change: the rows are built again once, not once a card.
        spawn_local(async move {
            let cards = wanted.iter().map(|rank| {
                let address = archive.card_address(order.number(*rank));
                async move { shelf.fetch_card(&address).await }
            });
            let mut arrived = Vec::new();
            for (rank, card) in wanted.iter().zip(futures::future::join_all(cards).await) {
                match card {
                    Ok(entry) => arrived.push((*rank, entry)),
                    Err(error) => {
                        shelf
                            .asked_cards
                            .update_value(|asked| asked.retain(|r| r != rank));
                        _ = shelf.failure.try_set(Some(error));
                    }
                }
            }
            shelf.keep_cards(arrived);
        });
    }

    /// The part of the library at `address` (relative to its index), downloaded under the
    /// library's configuration and decoded by `decode`.
    async fn fetch<T>(
        &self,
        address: &str,
        decode: fn(&[u8]) -> Result<T, ArticleError>,
    ) -> Result<T, LoadError> {
        let (base, config) = self
            .about
            .with_value(|a| (a.base.clone(), a.config.clone()));
        fetch_library_part(&base, address, &config, decode).await
    }

    /// The entry of the card at `address`.
    async fn fetch_card(&self, address: &str) -> Result<LibraryEntry, LoadError> {
        Ok(self.fetch(address, decode_library_card).await?.entry)
    }

    /// Keeps the cards of these positions, letting the oldest asked for go beyond
    /// [`MOST_CARDS`].
    fn keep_cards(&self, arrived: Vec<(u32, LibraryEntry)>) {
        let gone = oldest_beyond(self.asked_cards, MOST_CARDS);
        _ = self.cards.try_update(|cards| {
            for old in gone {
                cards.remove(&old);
            }
            cards.extend(arrived);
        });
    }

    /// Downloads the pages holding `ranks` that are not here yet.
    pub fn fetch_pages(&self, ranks: impl Iterator<Item = u32>) {
        let Some((archive, per_page)) = self
            .about
            .with_value(|a| a.archive.clone().map(|archive| (archive, a.per_page)))
        else {
            return;
        };
        let mut wanted: Vec<u32> = ranks.map(|rank| rank / per_page + 1).collect();
        wanted.dedup();
        for page in wanted {
            let known = self.pages.with_untracked(|p| p.contains_key(&page))
                || self.asked.with_value(|asked| asked.contains(&page));
            if known {
                continue;
            }
            self.asked.update_value(|asked| asked.push_back(page));
            let shelf = *self;
            let address = archive.page_address(page);
            spawn_local(async move {
                match shelf.fetch(&address, decode_library_page).await {
                    Ok(read) => shelf.keep(page, read.articles.into()),
                    Err(error) => {
                        shelf
                            .asked
                            .update_value(|asked| asked.retain(|p| *p != page));
                        _ = shelf.failure.try_set(Some(error));
                    }
                }
            });
        }
    }

    /// Keeps page `page`, letting the oldest asked for go beyond [`MOST_PAGES`].
    fn keep(&self, page: u32, entries: Arc<[LibraryEntry]>) {
        let gone = oldest_beyond(self.asked, MOST_PAGES);
        _ = self.pages.try_update(|pages| {
            for old in gone {
                pages.remove(&old);
            }
            pages.insert(page, entries);
        });
    }

    /// What the search for `query` (every word, the last one as typed so far, "phrases" in
    /// quotes), `label` and `tag` ("" for any) finds, going as deep as `depth` into the
    /// terms' rests: the newest-first positions of the articles, best first (or newest first
    /// when `newest`), and the words found. `None` when nothing is asked.
    pub async fn search(
        self,
        query: String,
        label: String,
        tag: String,
        newest: bool,
        depth: Depth,
    ) -> Result<Option<Searched>, LoadError> {
        let Some(archive) = self.about.with_value(|a| a.archive.clone()) else {
            let wanted = wanted_terms(&fold_query(&query), &label, &tag);
            return Ok((!wanted.is_empty()).then(|| Searched {
                ranks: self.search_here(&wanted),
                found: Arc::from([]),
                unchecked: Arc::from([]),
                phrases: Arc::from([]),
                checked: 0,
                newest,
                whole: true,
            }));
        };
        let stemmers = Stemmers::new(archive.stemmers.iter().map(String::as_str));
        let query = Query::new(&fold_query(&query), &label, &tag, &stemmers);
        if query.is_empty() {
            return Ok(None);
        }
        let results = loop {
            let here = self.here();
            match search_step(&archive, &query, &stemmers, &here, depth) {
                Step::Done(results) => break results,
                Step::Needs(parts) => self.fetch_parts(&archive, parts).await?,
            }
        };
        let order = self.order(&archive).await?;
        let mut ranks: Vec<u32> = results
            .hits
            .iter()
            .map(|hit| order.rank(hit.number))
            .collect();
        let mut unchecked = Vec::new();
        let mut checked = 0;
        if !query.phrases.is_empty() {
            let all = ranks.len();
            (ranks, unchecked) = self.with_phrases(&ranks, &query.phrases).await?;
            checked = all - unchecked.len();
        }
        if newest {
            ranks.sort_unstable();
        }
        Ok(Some(Searched {
            ranks: ranks.into(),
            found: results.found.into(),
            unchecked: unchecked.into(),
            phrases: query.phrases.into(),
            checked,
            newest,
            whole: results.whole,
        }))
    }

    /// `searched` with its phrases looked for in more of the articles not checked yet (when
    /// the reader asks for more results).
    pub async fn more(self, searched: Searched) -> Result<Searched, LoadError> {
        let (more, unchecked) = self
            .with_phrases(&searched.unchecked, &searched.phrases)
            .await?;
        let mut ranks = searched.ranks.to_vec();
        ranks.extend(more);
        if searched.newest {
            ranks.sort_unstable();
        }
        Ok(Searched {
            ranks: ranks.into(),
            checked: searched.checked + searched.unchecked.len() - unchecked.len(),
            unchecked: unchecked.into(),
            ..searched
        })
    }

    /// Where each numbered article is in the newest-first list: as numbered, or as
    /// `order.json` says when articles have moved since; downloaded once.
    async fn order(&self, archive: &Archive) -> Result<Arc<Order>, LoadError> {
        if let Some(order) = self.order.get_value() {
            return Ok(order);
        }
        let order = if archive.order {
            self.fetch(&archive.order_address(), decode_order).await?
        } else {
            Order::numbered(archive.total)
        };
        let order = Arc::new(order);
        self.order.set_value(Some(order.clone()));
        Ok(order)
    }

    /// The parts of the index downloaded so far.
    fn here(&self) -> Here {
        Here {
            chunks: self.chunks.get_value(),
            rests: self.rests.get_value(),
            vocabulary: self.vocabulary.get_value(),
        }
    }

    /// Downloads `parts` of the index, all at once, and keeps them.
    async fn fetch_parts(&self, archive: &Archive, parts: Vec<Part>) -> Result<(), LoadError> {
        let downloads = parts.into_iter().map(|part| async move {
            match part {
                Part::Postings(chunk) => {
                    let address = archive.chunk_address(chunk);
                    let read = self.fetch(&address, decode_search_chunk).await;
                    read.map(|read| Fetched::Postings(chunk, read))
                }
                Part::Rest(part) => {
                    let address = archive.rest_address(part);
                    let read = self.fetch(&address, decode_rest_chunk).await;
                    read.map(|read| Fetched::Rest(part, read))
                }
                Part::Vocabulary { backward, chunk } => {
                    let address = archive.vocabulary_address(backward, chunk);
                    let read = self.fetch(&address, decode_vocabulary_chunk).await;
                    read.map(|read| Fetched::Words(backward, chunk, read))
                }
            }
        });
        for result in futures::future::join_all(downloads).await {
            match result? {
                Fetched::Postings(chunk, read) => self.chunks.update_value(|c| {
                    c.insert(chunk, Arc::new(read));
                }),
                Fetched::Rest(part, read) => self.rests.update_value(|r| {
                    r.insert(part, Arc::new(read));
                }),
                Fetched::Words(backward, chunk, read) => self.vocabulary.update_value(|v| {
                    v.insert((backward, chunk), Arc::new(read));
                }),
            }
        }
        Ok(())
    }

    /// The passages of the article at `address`, downloaded once; `None` for an index written
    /// without them.
    pub async fn text(&self, address: &str) -> Result<Option<Arc<ArticleText>>, LoadError> {
        let Some(folder) = self.about.with_value(|a| {
            a.archive
                .as_ref()
                .filter(|a| a.text)
                .map(|a| a.folder.clone())
        }) else {
            return Ok(None);
        };
        if let Some(text) = self.texts.with_value(|t| t.get(address).cloned()) {
            return Ok(Some(text));
        }
        let part = text_address(&folder, address);
        let read = Arc::new(self.fetch(&part, decode_article_text).await?);
        self.texts.update_value(|t| {
            if t.len() >= MOST_TEXTS {
                t.clear();
            }
            t.insert(address.to_owned(), read.clone());
        });
        Ok(Some(read))
    }

    /// The articles of `ranks` (best first) that hold every phrase, looked for in their text
    /// a few at a time until [`PHRASE_ENOUGH`] are found or [`PHRASE_CHECKS`] were looked in;
    /// and the articles not looked in.
    async fn with_phrases(
        &self,
        ranks: &[u32],
        phrases: &[String],
    ) -> Result<(Vec<u32>, Vec<u32>), LoadError> {
        let mut kept = Vec::new();
        let mut checked = 0;
        // Half the checks at a time, each half in two round trips (the entries, then their
        // passages), all of a half at once.
        for batch in ranks.chunks(PHRASE_CHECKS / 2) {
            if kept.len() >= PHRASE_ENOUGH || checked >= PHRASE_CHECKS {
                break;
            }
            checked += batch.len();
            let entries = batch.iter().map(|&rank| self.entry_when_here(rank));
            let mut addresses = Vec::new();
            for (&rank, entry) in batch.iter().zip(futures::future::join_all(entries).await) {
                if let Some(entry) = entry? {
                    addresses.push((rank, entry));
                }
            }
            let texts = addresses.iter().map(|(_, entry)| self.text(&entry.address));
            let texts = futures::future::join_all(texts).await;
            for ((rank, _), text) in addresses.iter().zip(texts) {
                let Some(text) = text? else { continue };
                if holds_phrases(&text, phrases, fold_query) {
                    kept.push(*rank);
                }
            }
        }
        Ok((kept, ranks[checked..].to_vec()))
    }

    /// The entry at `rank`, its page downloaded if it is not here.
    async fn entry_when_here(&self, rank: u32) -> Result<Option<LibraryEntry>, LoadError> {
        let per_page = self.about.with_value(|a| a.per_page);
        let page = rank / per_page + 1;
        if let Some(entry) = self.entry_untracked(rank) {
            return Ok(Some(entry));
        }
        let Some(archive) = self.about.with_value(|a| a.archive.clone()) else {
            return Ok(None);
        };
        if archive.cards {
            let number = self.order(&archive).await?.number(rank);
            let entry = self.fetch_card(&archive.card_address(number)).await?;
            self.asked_cards.update_value(|asked| asked.push_back(rank));
            self.keep_cards(vec![(rank, entry.clone())]);
            return Ok(Some(entry));
        }
        let read = self
            .fetch(&archive.page_address(page), decode_library_page)
            .await?;
        self.keep(page, read.articles.into());
        Ok(self.entry_untracked(rank))
    }

    fn entry_untracked(&self, rank: u32) -> Option<LibraryEntry> {
        let per_page = self.about.with_value(|a| a.per_page);
        self.pages
            .with_untracked(|pages| {
                pages
                    .get(&(rank / per_page + 1))
                    .and_then(|entries| entries.get((rank % per_page) as usize).cloned())
            })
            .or_else(|| self.cards.with_untracked(|cards| cards.get(&rank).cloned()))
    }

    /// The search of a library of version 1, in the page: each entry's terms, as `article index`
    /// would store them, worked out once.
    fn search_here(&self, wanted: &[QueryTerm]) -> Arc<[u32]> {
        if self.local_terms.with_value(Option::is_none) {
            let entries = self.pages.with_untracked(|p| p.get(&1).cloned());
            let all: Arc<[Vec<String>]> = entries
                .iter()
                .flat_map(|entries| entries.iter())
                .map(|entry| entry_terms(entry, "", fold_query))
                .collect();
            self.local_terms.set_value(Some(all));
        }
        let all = self
            .local_terms
            .with_value(|t| t.clone())
            .unwrap_or_default();
        all.iter()
            .enumerate()
            .filter(|(_, terms)| holds_all(terms, wanted))
            .map(|(rank, _)| rank as u32)
            .collect()
    }
}

/// Takes out of `asked` (oldest first) what it holds beyond `most`: what is to be let go.
fn oldest_beyond(asked: StoredValue<VecDeque<u32>>, most: usize) -> Vec<u32> {
    asked
        .try_update_value(|asked| {
            let beyond = asked.len().saturating_sub(most);
            asked.drain(..beyond).collect()
        })
        .unwrap_or_default()
}

/// What a search found.
#[derive(Clone, PartialEq)]
pub struct Searched {
    /// The newest-first positions of the articles, in the order shown.
    pub ranks: Arc<[u32]>,
    /// The words of the index the query found (folded, sorted), for the excerpts' marks.
    pub found: Arc<[String]>,
    /// The articles that hold the query's words but were not yet looked in for its phrases,
    /// best first: what "more results" looks in.
    pub unchecked: Arc<[u32]>,
    /// The query's phrases (folded).
    pub phrases: Arc<[String]>,
    /// How many of the best results were looked in for the phrases.
    pub checked: usize,
    /// Whether the results are newest first.
    pub newest: bool,
    /// Whether every posting of the words found was counted: else the results are at least
    /// these (`model::search::best`).
    pub whole: bool,
}

/// A part of the index, downloaded.
enum Fetched {
    Postings(usize, SearchChunk),
    Rest(u32, RestChunk),
    Words(bool, usize, VocabularyChunk),
}

/// The parts of the index at hand, for a step of the search.
struct Here {
    chunks: HashMap<usize, Arc<SearchChunk>>,
    rests: HashMap<u32, Arc<RestChunk>>,
    vocabulary: HashMap<(bool, usize), Arc<VocabularyChunk>>,
}

impl Parts for Here {
    fn postings(&self, chunk: usize) -> Option<&SearchChunk> {
        self.chunks.get(&chunk).map(|c| &**c)
    }

    fn rest(&self, part: u32) -> Option<&RestChunk> {
        self.rests.get(&part).map(|r| &**r)
    }

    fn vocabulary(&self, backward: bool, chunk: usize) -> Option<&VocabularyChunk> {
        self.vocabulary.get(&(backward, chunk)).map(|c| &**c)
    }
}
