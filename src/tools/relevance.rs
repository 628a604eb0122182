//! How well the search finds what a reader looks for, measured on real articles: known-item
//! queries (a reader remembers a few words of an article and looks for it), the share found
//! among the first five results (success@5) and the mean reciprocal rank. `scripts/bench
//! search` prints these beside Pagefind's on the same queries; `--tune` tries field weights
//! and prints the best, which is how [`crate::model::search::rank::WEIGHTS`] was chosen.
//!
//! The query sets, written down so that anyone can draw them again:
//! - **body**: for an article drawn at random, two words drawn at random from its headings and
//!   text that are not in its title or standfirst, of four letters or more (no digits), each
//!   held by 2 to 30 articles of the collection; typed as a reader would, the last word
//!   possibly unfinished (searched as typed: a prefix).
//! - **typo**: the body queries with one edit (a letter inserted, deleted, replaced, or two
//!   neighbours swapped, at a random place) in the longer word of five letters or more, such
//!   that the result is no word of the collection.
//! - **title**: two words of four letters or more drawn from an article's title.
//!
//! Draws come from a fixed-seed generator, so a set is the same on every run.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::model::search::rank::Weights;
use crate::model::search::terms::terms;
use crate::model::search::text::{ArticleText, Field};
use crate::model::search::typo::TYPO_FROM;
use crate::tools::archive::{Indexable, archive_files, sort_newest_first};
use crate::tools::fold::fold;
use crate::tools::search::LocalIndex;

/// One known-item query: what is typed, and the address of the article it looks for.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KnownItem {
    /// The query as typed.
    pub query: String,
    /// The article it looks for.
    pub address: String,
}

/// A query set's scores.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Share of queries whose article is among the first five results.
    pub success_at_5: f64,
    /// Mean of 1/rank of the article (0 when not found).
    pub mrr: f64,
    /// Share of queries with no result at all.
    pub empty: f64,
}

/// A small, fixed-seed pseudo-random generator (SplitMix64): the query sets must be the same
/// on every run and machine, and need no more than this.
pub struct Draw(u64);

impl Draw {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Draw(seed)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// Whether a word can be drawn for a query: four letters or more, letters only.
fn drawable(word: &str) -> bool {
    word.chars().count() >= 4 && word.chars().all(char::is_alphabetic)
}

/// The folded terms of the passages of `text` in `fields`.
fn words_in(text: &ArticleText, fields: &[Field]) -> HashSet<String> {
    text.passages
        .iter()
        .filter(|p| fields.contains(&p.field))
        .flat_map(|p| terms(&fold(&p.text)))
        .collect()
}

/// The three query sets (body, typo, title) of `count` queries each, drawn from `texts` (by
/// address) with `seed`.
pub fn query_sets(
    texts: &HashMap<String, ArticleText>,
    count: usize,
    seed: u64,
) -> (Vec<KnownItem>, Vec<KnownItem>, Vec<KnownItem>) {
    let mut addresses: Vec<&String> = texts.keys().collect();
    addresses.sort();
    let every: HashMap<&String, HashSet<String>> = addresses
        .iter()
        .map(|a| (*a, words_in(&texts[*a], &Field::ALL)))
        .collect();
    let mut holders: HashMap<&str, usize> = HashMap::new();
    for words in every.values() {
        for word in words {
            *holders.entry(word.as_str()).or_default() += 1;
        }
    }
    let vocabulary: HashSet<&str> = holders.keys().copied().collect();
    let mut draw = Draw::new(seed);
    let (mut body, mut typo, mut title) = (Vec::new(), Vec::new(), Vec::new());
    let mut tries = 0;
    while (body.len() < count || title.len() < count) && tries < count * 50 {
        tries += 1;
        let address = addresses[draw.below(addresses.len())];
        let text = &texts[address];
        let headline = words_in(text, &[Field::Title, Field::Standfirst]);
        let mut candidates: Vec<&String> = words_in(text, &[Field::Heading, Field::Body])
            .iter()
            .filter_map(|w| every[address].get(w))
            .filter(|w| drawable(w) && !headline.contains(*w))
            .filter(|w| (2..=30).contains(&holders[w.as_str()]))
            .collect();
        candidates.sort();
        if body.len() < count && candidates.len() >= 2 {
            let (first, second) = two_of(&mut candidates, &mut draw);
            body.push(KnownItem {
                query: format!("{first} {second}"),
                address: address.clone(),
            });
            let (short, long) = if first.chars().count() > second.chars().count() {
                (second, first)
            } else {
                (first, second)
            };
            if long.chars().count() >= TYPO_FROM {
                for _ in 0..20 {
                    let wrong = one_typo(long, &mut draw);
                    if !vocabulary.contains(wrong.as_str()) {
                        typo.push(KnownItem {
                            query: format!("{short} {wrong}"),
                            address: address.clone(),
                        });
                        break;
                    }
                }
            }
        }
        let mut in_title: Vec<String> = words_in(text, &[Field::Title])
            .into_iter()
            .filter(|w| drawable(w))
            .collect();
        in_title.sort();
        if title.len() < count && in_title.len() >= 2 {
            let (first, second) = two_of(&mut in_title, &mut draw);
            title.push(KnownItem {
                query: format!("{first} {second}"),
                address: address.clone(),
            });
        }
    }
    (body, typo, title)
}

/// Two of `words` (two or more), drawn in turn, taken out.
fn two_of<T>(words: &mut Vec<T>, draw: &mut Draw) -> (T, T) {
    let first = words.remove(draw.below(words.len()));
    let second = words.remove(draw.below(words.len()));
    (first, second)
}

/// `word` with one edit at a random place: a letter inserted, deleted or replaced, or two
/// neighbours swapped.
fn one_typo(word: &str, draw: &mut Draw) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().collect();
    let at = draw.below(chars.len());
    match draw.below(4) {
        0 => chars.insert(at, letters[draw.below(letters.len())]),
        1 => {
            chars.remove(at);
        }
        2 => chars[at] = letters[draw.below(letters.len())],
        _ => {
            let at = at.min(chars.len() - 2);
            chars.swap(at, at + 1);
        }
    }
    chars.into_iter().collect()
}

/// The scores of `queries` against `index`.
pub fn evaluate(index: &LocalIndex, queries: &[KnownItem]) -> Scores {
    let ranks: Vec<Option<usize>> = queries
        .par_iter()
        .map(|item| {
            let found = index.search(&item.query);
            let empty = found.is_empty();
            let rank = found.iter().position(|f| f.entry.address == item.address);
            (rank, empty)
        })
        .map(|(rank, empty)| {
            if empty {
                None
            } else {
                Some(rank.map_or(usize::MAX, |r| r + 1))
            }
        })
        .collect();
    scores(&ranks)
}

/// Scores from each query's rank of its article (from 1; `usize::MAX` when not found; `None`
/// when nothing at all was found).
pub fn scores(ranks: &[Option<usize>]) -> Scores {
    let n = ranks.len().max(1) as f64;
    let found = |r: &&Option<usize>| matches!(r, Some(rank) if *rank <= 5);
    let reciprocal = |r: &Option<usize>| match r {
        Some(rank) if *rank != usize::MAX => 1.0 / *rank as f64,
        _ => 0.0,
    };
    Scores {
        success_at_5: ranks.iter().filter(found).count() as f64 / n,
        mrr: ranks.iter().map(reciprocal).sum::<f64>() / n,
        empty: ranks.iter().filter(|r| r.is_none()).count() as f64 / n,
    }
}

/// The index of `index`'s articles written in memory with other `weights`.
pub fn reweighed(
    index: &LocalIndex,
    texts: &HashMap<String, ArticleText>,
    weights: &Weights,
) -> Result<LocalIndex, String> {
    let mut items: Vec<Indexable> = index
        .entries
        .par_iter()
        .filter_map(|entry| {
            let text = texts.get(&entry.address)?.clone();
            Some(Indexable::weighed(entry.clone(), text, weights))
        })
        .collect();
    sort_newest_first(&mut items);
    let (library, files) = archive_files(&items, index.archive.per_page);
    let mut files: HashMap<String, String> = files.into_iter().collect();
    let rebuilt =
        LocalIndex::from_parts(library, |name| files.remove(name).map(String::into_bytes))?;
    Ok(rebuilt.with_texts(texts.clone()))
}
