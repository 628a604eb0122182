//! The search index of an archive, in the manner of Pagefind: terms sorted and cut into chunks,
//! so that a query downloads only the chunks its words fall in, never the whole index. The
//! text is folded (case and diacritics, any script) before it reaches [`terms()`]: natively by
//! `article index`, and in the page by the browser's own Unicode tables, for the query only.
//!
//! An article's number in the index is its position counted from the *oldest* when the index
//! was built, so adding a new article changes no other article's number, and a later change of
//! an article's date keeps it ([`crate::Order`] turns numbers into the newest-first
//! order the library offers beside relevance). Each posting carries how much the term says about that
//! article ([`rank`]), so a query's results are ranked without anything but its chunks; what
//! the rest of the search does is in the submodules ([`step`] joins them).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::LibraryEntry;
use crate::error::ArticleError;

pub mod best;
pub mod excerpt;
pub mod query;
pub mod rank;
pub mod stem;
pub mod step;
pub mod terms;
pub mod text;
pub mod typo;

pub use terms::{one_sigma, runs, terms};

/// A word shorter than this (in characters) must match a term exactly; from this length on, it
/// matches every term it begins, so results follow the reader's typing.
pub const PREFIX_FROM: usize = 3;

/// The prefix of a filter term for an article's label, followed by the label as written.
pub const LABEL_TERM: &str = "label:";
/// The prefix of a filter term for one of an article's topics, followed by the topic.
pub const TAG_TERM: &str = "tag:";

/// One chunk of the search index (`index-parts/search-N.json`): each term with the numbers of
/// the articles holding it, ascending and delta-coded (each number is the distance from the
/// one before; the first is the number itself), which keeps frequent terms small.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct SearchChunk {
    /// Term → its postings, delta-coded.
    pub terms: BTreeMap<String, Vec<u32>>,
    /// Term → the impact of each of its postings, in the same order (1 to
    /// [`rank::LEVELS`]: how much the term says about that article). An index written before
    /// ranking has none, and then every posting weighs the same.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub impacts: BTreeMap<String, Vec<u8>>,
    /// Term → how many articles hold it and the rest part holding all of them
    /// (`rest-N.json`), for a term held by more than [`best::BEST`]: its postings here are
    /// then only its best. Absent from an index written before the tiers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub more: BTreeMap<String, (u32, u32)>,
}

impl SearchChunk {
    /// Puts `term`'s best postings (numbers ascending, impacts beside them) in this chunk and,
    /// when it has a rest, its count and rest part (`more`).
    pub fn put(&mut self, term: &str, best: (&[u32], Vec<u8>), more: Option<(u32, u32)>) {
        self.terms.insert(term.to_owned(), encode_postings(best.0));
        self.impacts.insert(term.to_owned(), best.1);
        match more {
            Some(more) => self.more.insert(term.to_owned(), more),
            None => self.more.remove(term),
        };
    }

    /// Takes `term` out of this chunk.
    pub fn remove(&mut self, term: &str) {
        self.terms.remove(term);
        self.impacts.remove(term);
        self.more.remove(term);
    }
}

/// One rest part of the search index (`index-parts/rest-N.json`): the postings of terms held
/// by more than [`best::BEST`] articles, in full ([`best::Rest`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct RestChunk {
    /// Term → every article holding it, delta-coded.
    pub terms: BTreeMap<String, Vec<u32>>,
    /// Term → the impact of each posting, in the same order; 0 for a posting that weighs the
    /// term's floor.
    pub impacts: BTreeMap<String, Vec<u8>>,
    /// Term → the impact of its postings whose own was not kept.
    pub floor: BTreeMap<String, u8>,
}

impl RestChunk {
    /// The postings of `term` in full, if this part holds them.
    pub fn rest(&self, term: &str) -> Option<best::Rest> {
        let deltas = self.terms.get(term)?;
        let numbers: Vec<u32> = decode_postings(deltas).collect();
        let mut impacts = self.impacts.get(term).cloned().unwrap_or_default();
        impacts.resize(numbers.len(), 0);
        Some(best::Rest {
            numbers,
            impacts,
            floor: self.floor.get(term).copied().unwrap_or(1),
        })
    }

    /// Puts `rest` in this part as `term`'s postings.
    pub fn put(&mut self, term: &str, rest: &best::Rest) {
        self.terms
            .insert(term.to_owned(), encode_postings(&rest.numbers));
        self.impacts.insert(term.to_owned(), rest.impacts.clone());
        self.floor.insert(term.to_owned(), rest.floor);
    }

    /// Takes `term` out of this part.
    pub fn remove(&mut self, term: &str) {
        self.terms.remove(term);
        self.impacts.remove(term);
        self.floor.remove(term);
    }
}

/// One chunk of the index's vocabulary (`index-parts/words-N.json`, and `ends-N.json` with
/// each word written backwards): the words alone, sorted, without postings. A word a query
/// finds nowhere is looked up here for the words one typo away, which share its first half or
/// its last.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct VocabularyChunk {
    /// The words, sorted.
    pub words: Vec<String>,
}

/// Whether a term of the index goes in its vocabulary: a word (not a filter term, not a pair
/// of characters of an unspaced script) long enough to be one typo from a word of
/// [`typo::TYPO_FROM`] letters.
pub fn vocabulary_entry(term: &str) -> bool {
    !term.contains(':')
        && term.chars().count() + 1 >= typo::TYPO_FROM
        && !term.chars().any(terms::is_unspaced)
}

/// The address of the passages of the article at `address`, in the index's `folder`.
pub fn text_address(folder: &str, address: &str) -> String {
    format!("{folder}text/{address}")
}

/// Decodes a vocabulary chunk, naming a wrong field by its path.
pub fn decode_vocabulary_chunk(bytes: &[u8]) -> Result<VocabularyChunk, ArticleError> {
    crate::json::decode_document(bytes)
}

/// Decodes an article's passages, naming a wrong field by its path.
pub fn decode_article_text(bytes: &[u8]) -> Result<text::ArticleText, ArticleError> {
    crate::json::decode_document(bytes)
}

/// A word of a query as the index is searched for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The term, folded as the index's are.
    pub text: String,
    /// Whether every term beginning with it matches (a word being typed), or only itself.
    pub prefix: bool,
}

impl QueryTerm {
    /// Whether this word of a query finds `term` of the index: as its beginning for a prefix,
    /// else whole.
    pub fn finds(&self, term: &str) -> bool {
        if self.prefix {
            term.starts_with(&self.text)
        } else {
            term == self.text
        }
    }
}

/// The terms a folded query looks for, all of which an article must hold: each word (a prefix
/// from [`PREFIX_FROM`] characters), and in unspaced scripts the pairs of neighbours, or the
/// character alone.
pub fn query_terms(folded: &str) -> Vec<QueryTerm> {
    let folded = one_sigma(folded);
    let mut out: Vec<QueryTerm> = Vec::new();
    for (run, unspaced) in runs(&folded) {
        if unspaced {
            let chars: Vec<char> = run.chars().collect();
            if chars.len() == 1 {
                out.push(QueryTerm {
                    text: run.to_owned(),
                    prefix: false,
                });
            } else {
                out.extend(chars.windows(2).map(|pair| QueryTerm {
                    text: pair.iter().collect(),
                    prefix: false,
                }));
            }
        } else {
            let prefix = run.chars().count() >= PREFIX_FROM;
            out.push(QueryTerm {
                text: run.to_owned(),
                prefix,
            });
        }
    }
    out.dedup();
    out
}

/// Which chunks can hold `term`, given each chunk's first term (sorted, as the library's
/// `search` lists them): the chunk it would sort into and, for a prefix, the following chunks
/// whose first term it begins.
pub fn chunks_for(firsts: &[String], term: &QueryTerm) -> std::ops::Range<usize> {
    if firsts.is_empty() {
        return 0..0;
    }
    let start = firsts
        .partition_point(|first| first.as_str() <= term.text.as_str())
        .saturating_sub(1);
    let mut end = start + 1;
    if term.prefix {
        while end < firsts.len() && firsts[end].starts_with(&term.text) {
            end += 1;
        }
    }
    start..end
}

/// The terms of a library entry, each once, sorted: its title, standfirst, label, authors and
/// topics (and `body`, the article's text, for a full-text index), folded by `fold` (natively
/// by `article index`, by the browser in the page), and its label and topic filter terms.
pub fn entry_terms(entry: &LibraryEntry, body: &str, fold: impl Fn(&str) -> String) -> Vec<String> {
    let mut text = entry.title.clone();
    let fields = [entry.standfirst.as_deref(), entry.label.as_deref()];
    let more = entry.authors.iter().chain(&entry.tags).map(String::as_str);
    for field in fields.into_iter().flatten().chain(more).chain([body]) {
        text.push('\n');
        text.push_str(field);
    }
    let mut all = terms(&fold(&text));
    all.extend(entry.label.as_deref().map(label_term));
    all.extend(entry.tags.iter().map(|t| tag_term(t)));
    all.sort();
    all.dedup();
    all
}

/// What a search asks for: the words of the folded query and, when chosen ("" for any), the
/// label's and the topic's filter terms. Empty when nothing is asked.
pub fn wanted_terms(folded_query: &str, label: &str, tag: &str) -> Vec<QueryTerm> {
    let mut wanted = query_terms(folded_query);
    let exact = |text: String| QueryTerm {
        text,
        prefix: false,
    };
    if !label.is_empty() {
        wanted.push(exact(label_term(label)));
    }
    if !tag.is_empty() {
        wanted.push(exact(tag_term(tag)));
    }
    wanted
}

/// Whether an entry's `terms` hold every word of `wanted`.
pub fn holds_all(terms: &[String], wanted: &[QueryTerm]) -> bool {
    wanted
        .iter()
        .all(|want| terms.iter().any(|term| want.finds(term)))
}

/// Numbers from delta-coded postings.
pub fn decode_postings(deltas: &[u32]) -> impl Iterator<Item = u32> + '_ {
    deltas.iter().scan(0u32, |last, delta| {
        *last = last.saturating_add(*delta);
        Some(*last)
    })
}

/// Delta-coded postings from ascending, distinct numbers.
pub fn encode_postings(numbers: &[u32]) -> Vec<u32> {
    let mut last = 0;
    numbers
        .iter()
        .map(|&n| {
            let delta = n - last;
            last = n;
            delta
        })
        .collect()
}

/// The filter term of a label.
pub fn label_term(label: &str) -> String {
    format!("{LABEL_TERM}{label}")
}

/// The filter term of a topic.
pub fn tag_term(tag: &str) -> String {
    format!("{TAG_TERM}{tag}")
}

/// Decodes a rest part of the search index, naming a wrong field by its path.
pub fn decode_rest_chunk(bytes: &[u8]) -> Result<RestChunk, ArticleError> {
    crate::json::decode_document(bytes)
}

/// Decodes a search chunk, naming a wrong field by its path.
pub fn decode_search_chunk(bytes: &[u8]) -> Result<SearchChunk, ArticleError> {
    crate::json::decode_document(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::entry_for_tests as entry;

    fn exact(text: &str) -> QueryTerm {
        QueryTerm {
            text: text.into(),
            prefix: false,
        }
    }

    #[test]
    fn words_are_terms_and_unspaced_scripts_give_characters_and_pairs() {
        assert_eq!(
            terms("the harbour, the cranes"),
            ["cranes", "harbour", "the"]
        );
        assert_eq!(
            terms("东京站 tokyo"),
            ["tokyo", "东", "东京", "京", "京站", "站"]
        );
        assert_eq!(terms("οδος"), terms("οδoς".replace('o', "ο").as_str()));
        assert_eq!(terms("οδος"), ["οδοσ"]);
        assert_eq!(terms("שלום עולם"), ["עולם", "שלום"]);
    }

    #[test]
    fn a_query_matches_prefixes_from_three_characters_and_pairs_in_unspaced_runs() {
        assert_eq!(
            query_terms("ha harb"),
            [
                exact("ha"),
                QueryTerm {
                    text: "harb".into(),
                    prefix: true
                }
            ]
        );
        assert_eq!(query_terms("东京站"), [exact("东京"), exact("京站")]);
        assert_eq!(query_terms("东"), [exact("东")]);
        assert_eq!(query_terms("  ,. "), []);
    }

    #[test]
    fn search_needs_every_word_in_the_title_or_standfirst_and_the_label() {
        // Lower case stands in for the fold here: these words need nothing more.
        let fold = |text: &str| text.to_lowercase();
        let matches = |e: &LibraryEntry, query: &str, label: &str, tag: &str| {
            holds_all(
                &entry_terms(e, "", fold),
                &wanted_terms(&fold(query), label, tag),
            )
        };
        let e = entry(
            "A Year at the Harbour",
            Some("Ships and cranes"),
            Some("Report"),
        );
        assert!(matches(&e, "", "", ""));
        assert!(matches(&e, "harbour", "", ""));
        assert!(matches(&e, "YEAR cranes", "Report", ""));
        assert!(!matches(&e, "harbour boats", "", ""));
        assert!(!matches(&e, "harbour", "Analysis", ""));
        let mut tagged = entry("Tides", None, None);
        tagged.tags = vec!["sea".to_owned()];
        assert!(matches(&tagged, "", "", "sea"));
        assert!(
            !matches(&e, "", "", "sea"),
            "an entry without the topic is hidden"
        );
        assert!(matches(&entry("Über Häfen", None, None), "über", "", ""));
    }

    #[test]
    fn chunks_are_chosen_by_their_first_terms() {
        let firsts: Vec<String> = ["", "cat", "dog", "dove", "eel"].map(Into::into).to_vec();
        assert_eq!(chunks_for(&firsts, &exact("cow")), 1..2);
        assert_eq!(chunks_for(&firsts, &exact("aardvark")), 0..1);
        assert_eq!(chunks_for(&firsts, &exact("zebra")), 4..5);
        let prefix = QueryTerm {
            text: "do".into(),
            prefix: true,
        };
        assert_eq!(
            chunks_for(&firsts, &prefix),
            1..4,
            "the chunk before may hold 'doe'"
        );
        assert_eq!(chunks_for(&[], &exact("a")), 0..0);
    }

    #[test]
    fn postings_round_trip() {
        let numbers = [3, 4, 10, 99];
        let coded = encode_postings(&numbers);
        assert_eq!(coded, [3, 1, 6, 89]);
        assert_eq!(decode_postings(&coded).collect::<Vec<_>>(), numbers);
    }
}
