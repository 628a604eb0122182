//! A search over an index in parts, one step at a time: given the parts at hand, either the
//! parts still needed or the results. The page downloads what a step asks for and steps again;
//! a tool with the whole index on disk gets its results in one step. Either way the same code
//! decides what a query finds and in what order. How deep it goes into the terms' rests
//! ([`crate::search::best`]) is the caller's [`Depth`].

use crate::Archive;
use crate::search::best::FORMS;
use crate::search::query::{Found, Hit, Query, TermPostings, found_terms, rank};
use crate::search::stem::Stemmers;
use crate::search::{
    QueryTerm, RestChunk, SearchChunk, VocabularyChunk, chunks_for, decode_postings,
};

/// A part of the index a search needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// Search chunk N (`search-N.json`).
    Postings(usize),
    /// Rest part N (`rest-N.json`).
    Rest(u32),
    /// Vocabulary chunk N, forward (`words-N.json`) or backward (`ends-N.json`).
    Vocabulary {
        /// Whether it is the backward vocabulary.
        backward: bool,
        /// Its number.
        chunk: usize,
    },
}

/// The parts of the index at hand.
pub trait Parts {
    /// Search chunk `chunk`, if it is here.
    fn postings(&self, chunk: usize) -> Option<&SearchChunk>;
    /// Rest part `part`, if it is here.
    fn rest(&self, part: u32) -> Option<&RestChunk>;
    /// Vocabulary chunk `chunk`, if it is here.
    fn vocabulary(&self, backward: bool, chunk: usize) -> Option<&VocabularyChunk>;
}

/// What a step of a search gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// These parts are needed before it can go on.
    Needs(Vec<Part>),
    /// The results.
    Done(Results),
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// The articles, best first.
    pub hits: Vec<Hit>,
    /// The terms of the index the query found, sorted: what excerpts mark.
    pub found: Vec<String>,
    /// Whether every posting of every term found was counted: else some terms gave their
    /// best only, and the results are at least these.
    pub whole: bool,
}

/// How far a search goes into the rests of the terms it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// While the reader types: the rests of the words typed whole, the last word not yet; the
    /// rest is ranked from the terms' best postings.
    Typing,
    /// Once the reader pauses: also the rest of the last word and of a typo's corrections,
    /// and of the other forms of the words (stems, words a word begins), fewest held first,
    /// up to [`FORMS`] postings.
    Settled,
    /// Every rest: a tool with the index on disk.
    Whole,
}
/// One step of the search for `query` in `archive`, with the parts at hand, as deep as
/// `depth`.
pub fn search_step(
    archive: &Archive,
    query: &Query,
    stemmers: &Stemmers,
    parts: &impl Parts,
    depth: Depth,
) -> Step {
    let lookups = query.lookups();
    let missing = missing_postings(archive, &lookups, parts);
    if !missing.is_empty() {
        return Step::Needs(missing);
    }
    let terms_under = |lookup: &QueryTerm| -> Vec<String> {
        let mut out = Vec::new();
        for chunk in chunks_for(&archive.search, lookup) {
            if let Some(chunk) = parts.postings(chunk) {
                out.extend(terms_in(chunk, lookup).map(str::to_owned));
            }
        }
        out
    };
    let mut matches = query.matches(stemmers, terms_under);
    let typos = query.typo_lookups(&matches);
    if !typos.is_empty() && !archive.words.is_empty() {
        let mut needs = Vec::new();
        for (_, start, end) in &typos {
            for (backward, key) in [(false, start), (true, end)] {
                for chunk in vocabulary_chunks(archive, backward, key) {
                    if parts.vocabulary(backward, chunk).is_none() {
                        needs.push(Part::Vocabulary { backward, chunk });
                    }
                }
            }
        }
        if !needs.is_empty() {
            return Step::Needs(needs);
        }
        for (word, start, end) in &typos {
            let near = |backward: bool, key: &str| -> Vec<String> {
                vocabulary_chunks(archive, backward, key)
                    .filter_map(|chunk| parts.vocabulary(backward, chunk))
                    .flat_map(|chunk| chunk.words.iter().filter(|w| w.starts_with(key)).cloned())
                    .collect()
            };
            query.add_typos(&mut matches, *word, &near(false, start), &near(true, end));
        }
        let exact: Vec<QueryTerm> = typos
            .iter()
            .flat_map(|(word, _, _)| &matches[*word])
            .map(|(term, _)| QueryTerm {
                text: term.clone(),
                prefix: false,
            })
            .collect();
        let missing = missing_postings(archive, &exact, parts);
        if !missing.is_empty() {
            return Step::Needs(missing);
        }
    }
    // The chunk holding a term (at hand by now).
    let chunk_of = |term: &str| -> Option<&SearchChunk> {
        let lookup = QueryTerm {
            text: term.to_owned(),
            prefix: false,
        };
        chunks_for(&archive.search, &lookup)
            .filter_map(|chunk| parts.postings(chunk))
            .find(|chunk| chunk.terms.contains_key(term))
    };
    // The rest parts this depth needs: for each term found, its count and part when it has
    // a rest not at hand.
    let mut rests: Vec<Part> = Vec::new();
    let mut forms: Vec<(u32, u32)> = Vec::new();
    for (word, found) in query.words.iter().zip(&matches) {
        for (term, how) in found {
            let Some(&(count, part)) = chunk_of(term).and_then(|chunk| chunk.more.get(term)) else {
                continue;
            };
            let itself = matches!(how, Found::Exact | Found::Typo);
            let wanted = match depth {
                Depth::Whole => true,
                Depth::Typing => *how == Found::Exact && !word.unfinished,
                Depth::Settled if itself => true,
                Depth::Settled => {
                    forms.push((count, part));
                    false
                }
            };
            if wanted {
                rests.push(Part::Rest(part));
            }
        }
    }
    // The forms held by fewest first, those at hand counted too, so that each step of one
    // search chooses the same ones.
    forms.sort_unstable();
    let mut postings = 0;
    for (count, part) in forms {
        postings += count;
        if postings > FORMS {
            break;
        }
        rests.push(Part::Rest(part));
    }
    rests.retain(|part| matches!(part, Part::Rest(n) if parts.rest(*n).is_none()));
    rests.sort_unstable();
    rests.dedup();
    if !rests.is_empty() {
        return Step::Needs(rests);
    }
    let whole = std::cell::Cell::new(true);
    let postings = |term: &str| -> TermPostings {
        let Some(chunk) = chunk_of(term) else {
            return TermPostings::default();
        };
        let more = chunk.more.get(term).copied();
        if let Some((count, part)) = more {
            if let Some(rest) = parts.rest(part).and_then(|r| r.rest(term)) {
                return TermPostings {
                    impacts: rest.weighed(),
                    numbers: rest.numbers,
                    count,
                };
            }
            whole.set(false);
        }
        let numbers: Vec<u32> = chunk
            .terms
            .get(term)
            .map(|deltas| decode_postings(deltas).collect())
            .unwrap_or_default();
        TermPostings {
            count: more.map_or(numbers.len() as u32, |(count, _)| count),
            impacts: chunk.impacts.get(term).cloned().unwrap_or_default(),
            numbers,
        }
    };
    let hits = rank(query, &matches, archive.total, postings);
    Step::Done(Results {
        hits,
        found: found_terms(query, &matches),
        whole: whole.get(),
    })
}

/// The vocabulary chunks (backward or not) that can hold words beginning with `key`.
fn vocabulary_chunks(archive: &Archive, backward: bool, key: &str) -> std::ops::Range<usize> {
    let firsts = if backward {
        &archive.ends
    } else {
        &archive.words
    };
    let lookup = QueryTerm {
        text: key.to_owned(),
        prefix: true,
    };
    chunks_for(firsts, &lookup)
}

/// The search chunks `lookups` fall in that are not at hand, each once.
fn missing_postings(archive: &Archive, lookups: &[QueryTerm], parts: &impl Parts) -> Vec<Part> {
    let mut out: Vec<Part> = lookups
        .iter()
        .flat_map(|lookup| chunks_for(&archive.search, lookup))
        .filter(|chunk| parts.postings(*chunk).is_none())
        .map(Part::Postings)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The terms of `chunk` that `lookup` finds, in order.
pub fn terms_in<'a>(
    chunk: &'a SearchChunk,
    lookup: &'a QueryTerm,
) -> impl Iterator<Item = &'a str> {
    chunk
        .terms
        .range::<str, _>((
            std::ops::Bound::Included(lookup.text.as_str()),
            std::ops::Bound::Unbounded,
        ))
        .map(|(term, _)| term.as_str())
        .take_while(move |term| lookup.finds(term))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::best::Rest;
    use std::collections::HashMap;

    /// One chunk of words beginning "har", each held by `count` articles, each word's rest in
    /// a part of its own (part N for word N).
    struct Index {
        chunk: SearchChunk,
        rests: HashMap<u32, RestChunk>,
        fetched: HashMap<u32, RestChunk>,
    }

    impl Parts for Index {
        fn postings(&self, chunk: usize) -> Option<&SearchChunk> {
            (chunk == 0).then_some(&self.chunk)
        }
        fn rest(&self, part: u32) -> Option<&RestChunk> {
            self.fetched.get(&part)
        }
        fn vocabulary(&self, _: bool, _: usize) -> Option<&VocabularyChunk> {
            None
        }
    }

    fn index(counts: &[u32]) -> (Archive, Index) {
        let archive: Archive = serde_json::from_value(serde_json::json!({
            "total": 10000, "per_page": 100, "pages": 100, "folder": "p/", "search": [""],
        }))
        .unwrap();
        let mut chunk = SearchChunk::default();
        let mut rests = HashMap::new();
        for (i, &count) in counts.iter().enumerate() {
            let term = format!("har{}", (b'a' + i as u8) as char);
            let numbers: Vec<u32> = (0..count).collect();
            chunk
                .terms
                .insert(term.clone(), (0..32).map(|_| 1).collect());
            chunk.impacts.insert(term.clone(), vec![50; 32]);
            chunk.more.insert(term.clone(), (count, i as u32));
            let mut part = RestChunk::default();
            let impacts = vec![10; count as usize];
            part.put(
                &term,
                &Rest {
                    numbers,
                    impacts,
                    floor: 10,
                },
            );
            rests.insert(i as u32, part);
        }
        let fetched = HashMap::new();
        (
            archive,
            Index {
                chunk,
                rests,
                fetched,
            },
        )
    }

    #[test]
    fn a_pause_downloads_the_rarest_forms_up_to_the_budget_and_then_stops() {
        let (archive, mut index) = index(&[900, 1500, 800, 3000]);
        let stemmers = Stemmers::new(["en"]);
        let query = Query::new("har", "", "", &stemmers);
        let mut asked = Vec::new();
        let results = loop {
            match search_step(&archive, &query, &stemmers, &index, Depth::Settled) {
                Step::Done(results) => break results,
                Step::Needs(parts) => {
                    for part in parts {
                        let Part::Rest(n) = part else {
                            panic!("{part:?}")
                        };
                        asked.push(n);
                        index.fetched.insert(n, index.rests[&n].clone());
                    }
                }
            }
        };
        // 800 + 900 postings fit the budget; 1,500 more would not.
        asked.sort_unstable();
        assert_eq!(asked, [0, 2]);
        assert!(!results.whole, "two forms gave their best only");
        // Typed whole, a word's own rest: "hara" alone.
        let typed = Query::new("hara ", "", "", &stemmers);
        index.fetched.clear();
        assert_eq!(
            search_step(&archive, &typed, &stemmers, &index, Depth::Typing),
            Step::Needs(vec![Part::Rest(0)])
        );
    }
}
