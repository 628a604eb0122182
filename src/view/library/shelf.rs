//! What the library page holds of a library: the pages downloaded so far (the newest comes with
//! the index), the search chunks a query needed, and the search itself. A library of version 1
//! (every article in the index) is one page, searched in the page with the same terms.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::config::ViewerConfig;
use crate::load::{LoadError, fetch_library_part};
use crate::model::search::{
    QueryTerm, chunks_for, collect_matches, entry_terms, holds_all, intersect, rank_of,
    wanted_terms,
};
use crate::model::{
    Archive, Library, LibraryEntry, SearchChunk, decode_library_page, decode_search_chunk,
};

/// Pages kept at most; the oldest downloaded go first (a page is about 50 KB in memory, so
/// this bounds the list's data near 3 MB however far the reader scrolls).
const MOST_PAGES: usize = 64;

/// The library's data as the page has it. A handle: copies share it.
#[derive(Clone, Copy)]
pub struct Shelf {
    /// Where the library is and what it holds.
    about: StoredValue<About>,
    /// The pages here, by number.
    pages: RwSignal<HashMap<u32, Arc<[LibraryEntry]>>>,
    /// Pages asked for, in the order they were, to let the oldest go.
    asked: StoredValue<VecDeque<u32>>,
    /// The search chunks downloaded, by number.
    chunks: StoredValue<HashMap<usize, Arc<SearchChunk>>>,
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
            chunks: StoredValue::new(HashMap::new()),
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

    /// Subscribes the reactive context to the arrival of pages.
    pub fn track_pages(&self) {
        self.pages.track();
    }

    /// The entry at newest-first position `rank`, once its page is here (reactive).
    pub fn entry(&self, rank: u32) -> Option<LibraryEntry> {
        let per_page = self.about.with_value(|a| a.per_page);
        let page = rank / per_page + 1;
        self.pages.with(|pages| {
            pages
                .get(&page)
                .and_then(|entries| entries.get((rank % per_page) as usize).cloned())
        })
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
                let (base, config) = shelf
                    .about
                    .with_value(|a| (a.base.clone(), a.config.clone()));
                match fetch_library_part(&base, &address, &config, decode_library_page).await {
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
        let gone: Vec<u32> = self
            .asked
            .try_update_value(|asked| {
                let mut gone = Vec::new();
                while asked.len() > MOST_PAGES {
                    gone.extend(asked.pop_front());
                }
                gone
            })
            .unwrap_or_default();
        _ = self.pages.try_update(|pages| {
            for old in gone {
                pages.remove(&old);
            }
            pages.insert(page, entries);
        });
    }

    /// The newest-first positions of the articles matching `query` (every word, the last ones
    /// as typed so far), `label` and `tag` ("" for any), or `None` when nothing is asked.
    pub async fn search(
        self,
        query: String,
        label: String,
        tag: String,
    ) -> Result<Option<Arc<[u32]>>, LoadError> {
        let wanted = wanted_terms(&fold_query(&query), &label, &tag);
        if wanted.is_empty() {
            return Ok(None);
        }
        let Some(archive) = self.about.with_value(|a| a.archive.clone()) else {
            return Ok(Some(self.search_here(&wanted)));
        };
        let needed: Vec<usize> = wanted
            .iter()
            .flat_map(|term| chunks_for(&archive.search, term))
            .filter(|chunk| !self.chunks.with_value(|c| c.contains_key(chunk)))
            .collect();
        let (base, config) = self
            .about
            .with_value(|a| (a.base.clone(), a.config.clone()));
        let downloads = needed.iter().map(|&chunk| {
            let address = archive.chunk_address(chunk);
            let (base, config) = (base.clone(), config.clone());
            async move {
                let read = fetch_library_part(&base, &address, &config, decode_search_chunk);
                read.await.map(|read| (chunk, read))
            }
        });
        for result in futures::future::join_all(downloads).await {
            let (chunk, read) = result?;
            self.chunks.update_value(|c| {
                c.insert(chunk, Arc::new(read));
            });
        }
        let lists: Vec<Vec<u32>> = wanted
            .iter()
            .map(|term| {
                let mut found = Vec::new();
                for chunk in chunks_for(&archive.search, term) {
                    if let Some(read) = self.chunks.with_value(|c| c.get(&chunk).cloned()) {
                        collect_matches(&read, term, &mut found);
                    }
                }
                found
            })
            .collect();
        let total = archive.total;
        let ranks: Arc<[u32]> = intersect(lists)
            .into_iter()
            .rev()
            .map(|number| rank_of(number, total))
            .collect();
        Ok(Some(ranks))
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

/// `text` folded as `article index` folds the index's (NFKD, lower case, no combining marks),
/// with the browser's own Unicode tables, which cost the page nothing.
pub fn fold_query(text: &str) -> String {
    let lower = js_sys::JsString::from(text)
        .normalize("NFKD")
        .to_lower_case();
    let marks = js_sys::RegExp::new(r"\p{M}", "gu");
    String::from(lower.replace_by_pattern(&marks, ""))
}
