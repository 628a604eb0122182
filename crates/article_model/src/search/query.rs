//! A query, read and ranked: its words (the last one as typed so far), its phrases in quotes,
//! the label and topic chosen; which parts of the index it needs; and the articles it finds,
//! best first. The page and `scripts/bench search` run this same code: the page over the chunks
//! it downloaded, the bench over every chunk of an index on disk.

use crate::search::rank::{contribution, idf};
use crate::search::stem::Stemmers;
use crate::search::terms::{one_sigma, runs};
use crate::search::text::ArticleText;
use crate::search::typo::{TYPO_FROM, backwards, halves, one_edit_apart};
use crate::search::{PREFIX_FROM, QueryTerm, label_term, tag_term};

/// How a word of the query found a term of the index, which decides how much the term counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Found {
    /// The word itself.
    Exact,
    /// Another word with the same stem ("harbours" for "harbour").
    Stem,
    /// A word the one being typed begins.
    Prefix,
    /// A word one typo away, for a word the index does not hold.
    Typo,
}

impl Found {
    /// How much a term found this way counts, against the word itself (measured on the
    /// relevance set: docs/performance.md, "Search relevance").
    pub fn factor(self) -> f32 {
        match self {
            Found::Exact => 1.0,
            Found::Stem => 0.7,
            Found::Prefix => 0.5,
            Found::Typo => 0.4,
        }
    }
}

/// One thing every result must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word, folded; a filter term (`label:…`) for a filter; a pair of characters in an
    /// unspaced script.
    pub text: String,
    /// Whether it is being typed (the query's last word, not followed by a space): terms it
    /// begins count too.
    pub typing: bool,
    /// Whether the reader may still be typing it (the query's last word, no space after it
    /// yet), however short: its postings beyond the best wait for a pause.
    pub unfinished: bool,
    /// Whether it must match exactly: a filter, a pair of characters, a word in a phrase.
    pub exact: bool,
    /// Whether it only filters, adding nothing to the score.
    pub filter: bool,
    /// Its stems, one per stemmer.
    stems: Vec<String>,
    /// Where the words sharing its stem begin.
    family: Option<String>,
}

impl Word {
    /// A word that matches only itself: a filter term, or a pair of characters.
    fn exact(text: String, filter: bool) -> Word {
        Word {
            text,
            typing: false,
            unfinished: false,
            exact: true,
            filter,
            stems: Vec::new(),
            family: None,
        }
    }
}

/// A query as the index is searched for it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// What every result must hold.
    pub words: Vec<Word>,
    /// The phrases in quotes, folded, each word separated by one space: a result must hold
    /// each as written, which only the article's text can tell (see [`holds_phrase`]).
    pub phrases: Vec<String>,
}

impl Query {
    /// The query `folded` (folded as the index is), with the label and topic chosen ("" for
    /// any), stemmed with `stemmers`.
    pub fn new(folded: &str, label: &str, tag: &str, stemmers: &Stemmers) -> Query {
        let folded = one_sigma(folded);
        let typing_last = !folded.ends_with(|c: char| c.is_whitespace() || c == '"');
        let mut query = Query::default();
        // A quote still open is being typed: its words count as words until it closes.
        let pieces = folded.split('"').count();
        let closed = pieces % 2 == 1;
        for (n, piece) in folded.split('"').enumerate() {
            let quoted = n % 2 == 1 && (closed || n + 1 < pieces);
            let pieces = runs(piece);
            if quoted {
                let words: Vec<&str> = pieces.iter().map(|(run, _)| *run).collect();
                if words.len() > 1 {
                    query.phrases.push(words.join(" "));
                }
            }
            for (run, unspaced) in pieces {
                if unspaced {
                    let chars: Vec<char> = run.chars().collect();
                    let pairs: Vec<String> = if chars.len() == 1 {
                        vec![run.to_owned()]
                    } else {
                        chars.windows(2).map(|p| p.iter().collect()).collect()
                    };
                    for pair in pairs {
                        query.push(Word::exact(pair, false));
                    }
                } else {
                    let stems = if quoted {
                        Vec::new()
                    } else {
                        stemmers.stems(run)
                    };
                    let family = stemmers.family_prefix(run, &stems);
                    query.push(Word {
                        text: run.to_owned(),
                        typing: false,
                        unfinished: false,
                        exact: quoted,
                        filter: false,
                        stems,
                        family,
                    });
                }
            }
        }
        if typing_last && let Some(last) = query.words.last_mut() {
            last.unfinished = true;
            last.typing = !last.exact && last.text.chars().count() >= PREFIX_FROM;
        }
        if !label.is_empty() {
            query.push(Word::exact(label_term(label), true));
        }
        if !tag.is_empty() {
            query.push(Word::exact(tag_term(tag), true));
        }
        query
    }

    fn push(&mut self, word: Word) {
        if !self.words.iter().any(|w| w.text == word.text) {
            self.words.push(word);
        }
    }

    /// Whether nothing is asked.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The parts of the index to look in: for each word, itself, the words sharing its stem,
    /// and the words it begins while being typed.
    pub fn lookups(&self) -> Vec<QueryTerm> {
        let mut out = Vec::new();
        for word in &self.words {
            let mut push = |text: &str, prefix: bool| {
                let term = QueryTerm {
                    text: text.to_owned(),
                    prefix,
                };
                if !out.contains(&term) {
                    out.push(term);
                }
            };
            push(&word.text, word.typing);
            if let Some(family) = word.family.as_deref().filter(|_| !word.exact) {
                push(family, true);
            }
        }
        out
    }

    /// How word `word` of the query finds `term`, if it does (typos aside).
    pub fn finds(&self, word: usize, term: &str, stemmers: &Stemmers) -> Option<Found> {
        let word = &self.words[word];
        if term == word.text {
            return Some(Found::Exact);
        }
        if word.exact {
            return None;
        }
        if word.family.as_deref().is_some_and(|f| term.starts_with(f))
            && stemmers.same_stem(&word.stems, term)
        {
            return Some(Found::Stem);
        }
        (word.typing && term.starts_with(&word.text)).then_some(Found::Prefix)
    }

    /// The terms of the index each word finds (typos aside), given the index's terms under
    /// each lookup: `terms(lookup)` lists them.
    pub fn matches(
        &self,
        stemmers: &Stemmers,
        terms: impl Fn(&QueryTerm) -> Vec<String>,
    ) -> Vec<Vec<(String, Found)>> {
        let mut seen: Vec<String> = Vec::new();
        for lookup in self.lookups() {
            seen.extend(terms(&lookup));
        }
        seen.sort_unstable();
        seen.dedup();
        (0..self.words.len())
            .map(|i| {
                seen.iter()
                    .filter_map(|term| Some((term.clone(), self.finds(i, term, stemmers)?)))
                    .collect()
            })
            .collect()
    }

    /// The words that found nothing and may hold a typo, by their place in the query: each
    /// with the beginning and the backward end the words one edit away keep.
    pub fn typo_lookups(&self, matches: &[Vec<(String, Found)>]) -> Vec<(usize, String, String)> {
        self.words
            .iter()
            .zip(matches)
            .enumerate()
            .filter(|(_, (word, found))| {
                found.is_empty() && !word.exact && word.text.chars().count() >= TYPO_FROM
            })
            .map(|(i, (word, _))| {
                let (start, end) = halves(&word.text);
                (i, start, end)
            })
            .collect()
    }

    /// Adds to `matches[word]` the words of `vocabulary` one edit from it: `forward`, the
    /// words beginning as it does, and `backward`, the backward words ending as it does.
    pub fn add_typos(
        &self,
        matches: &mut [Vec<(String, Found)>],
        word: usize,
        forward: &[String],
        backward: &[String],
    ) {
        let text = &self.words[word].text;
        let mut found: Vec<String> = forward
            .iter()
            .cloned()
            .chain(backward.iter().map(|b| backwards(b)))
            .filter(|term| one_edit_apart(text, term))
            .collect();
        found.sort_unstable();
        found.dedup();
        matches[word].extend(found.into_iter().map(|t| (t, Found::Typo)));
    }
}

/// An article a query found, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its number in the index (counted from the oldest).
    pub number: u32,
    /// How well it answers the query; higher is better.
    pub score: f32,
}

/// A term's postings as a search has them: all of them, or its best only.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TermPostings {
    /// Article numbers, ascending.
    pub numbers: Vec<u32>,
    /// Their impacts, in the same order (empty for an index without them).
    pub impacts: Vec<u8>,
    /// How many articles hold the term: what its weight is worked out from, whether all of
    /// them are here or not.
    pub count: u32,
}

/// The articles holding every word of `query`, best first (ties: newest first), given the
/// terms each word found (`matches`) and each term's postings, `postings(term)`.
pub fn rank(
    query: &Query,
    matches: &[Vec<(String, Found)>],
    total: u32,
    postings: impl Fn(&str) -> TermPostings,
) -> Vec<Hit> {
    // One score a word for every article, in a plain array: a word typed so far can find
    // tens of thousands of postings, and hashing each was most of a keystroke's time.
    let size = total as usize;
    let mut per_word: Vec<Vec<f32>> = Vec::with_capacity(query.words.len());
    for (word, found) in query.words.iter().zip(matches) {
        let mut best = vec![f32::NAN; size];
        for (term, how) in found {
            let TermPostings {
                numbers,
                impacts,
                count,
            } = postings(term);
            let idf = idf(count as usize, total);
            for (i, number) in numbers.iter().enumerate() {
                let Some(slot) = best.get_mut(*number as usize) else {
                    continue;
                };
                let impact = impacts.get(i).copied().unwrap_or(1);
                let score = if word.filter {
                    0.0
                } else {
                    contribution(idf, impact, how.factor())
                };
                // NaN: not found yet; any score beats it.
                if slot.is_nan() || score > *slot {
                    *slot = score;
                }
            }
        }
        per_word.push(best);
    }
    let Some((first, rest)) = per_word.split_first() else {
        return Vec::new();
    };
    let mut hits: Vec<Hit> = first
        .iter()
        .enumerate()
        .filter_map(|(number, score)| {
            let mut sum = *score;
            for other in rest {
                sum += other[number];
            }
            (!sum.is_nan()).then_some(Hit {
                number: number as u32,
                score: sum,
            })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.number.cmp(&a.number))
    });
    hits
}

/// The terms of the index the query found, to mark in excerpts and on the article's page.
pub fn found_terms(query: &Query, matches: &[Vec<(String, Found)>]) -> Vec<String> {
    let mut out: Vec<String> = query
        .words
        .iter()
        .zip(matches)
        .filter(|(word, _)| !word.filter)
        .flat_map(|(_, found)| found.iter().map(|(term, _)| term.clone()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether the passages of an article, folded by `fold` as the index is, hold every one of
/// `phrases` (`true` when none is asked).
pub fn holds_phrases(
    text: &ArticleText,
    phrases: &[String],
    fold: impl Fn(&str) -> String,
) -> bool {
    if phrases.is_empty() {
        return true;
    }
    let joined: Vec<&str> = text.passages.iter().map(|p| p.text.as_str()).collect();
    let folded = fold(&joined.join("\n"));
    phrases.iter().all(|phrase| holds_phrase(&folded, phrase))
}

/// Whether `folded_text` (folded as the index is) holds `phrase`: its words in a row.
pub fn holds_phrase(folded_text: &str, phrase: &str) -> bool {
    let text = one_sigma(folded_text);
    let words: Vec<&str> = runs(&text).into_iter().map(|(run, _)| run).collect();
    let wanted: Vec<&str> = phrase.split(' ').collect();
    !wanted.is_empty() && words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Stemmers {
        Stemmers::new(["en"])
    }

    #[test]
    fn the_last_word_is_typed_phrases_are_exact_and_filters_only_filter() {
        let q = Query::new("harbour cran", "Report", "", &en());
        let texts: Vec<(&str, bool, bool)> = q
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.typing, w.filter))
            .collect();
        assert_eq!(
            texts,
            [
                ("harbour", false, false),
                ("cran", true, false),
                ("label:Report", false, true)
            ]
        );
        let done = Query::new("harbour cran ", "", "", &en());
        assert!(!done.words[1].typing, "a space ends the word");
        assert!(!done.words[1].unfinished);
        let short = Query::new("harbour ha", "", "", &en());
        assert!(
            short.words[1].unfinished && !short.words[1].typing,
            "a short word being typed matches only itself, and may still change"
        );
        assert!(!short.words[0].unfinished);
        let open = Query::new("\"deep wat", "", "", &en());
        assert!(
            open.phrases.is_empty(),
            "a quote still open is words being typed"
        );
        assert!(open.words[1].typing);
        let phrase = Query::new("\"deep water\" port", "", "", &en());
        assert_eq!(phrase.phrases, ["deep water"]);
        assert!(phrase.words[0].exact && phrase.words[1].exact && !phrase.words[2].exact);
        assert_eq!(Query::new("东京站", "", "", &en()).words.len(), 2);
        assert!(Query::new(" ,", "", "", &en()).is_empty());
    }

    #[test]
    fn exact_ranks_above_stem_above_prefix_and_every_word_is_needed() {
        let q = Query::new("harbour ", "", "", &en());
        let terms = ["harbor", "harbour", "harbours", "harbourmaster"].map(String::from);
        let matches = q.matches(&en(), |lookup| {
            terms.iter().filter(|t| lookup.finds(t)).cloned().collect()
        });
        assert_eq!(
            matches[0],
            [
                ("harbour".to_owned(), Found::Exact),
                ("harbours".to_owned(), Found::Stem)
            ]
        );
        // Article 1 holds "harbour", article 2 "harbours": the same impact, the exact first.
        let one = |number: u32| TermPostings {
            numbers: vec![number],
            impacts: vec![50],
            count: 1,
        };
        let postings = |term: &str| match term {
            "harbour" => one(1),
            "harbours" => one(2),
            _ => TermPostings::default(),
        };
        let hits = rank(&q, &matches, 10, postings);
        assert_eq!(hits.iter().map(|h| h.number).collect::<Vec<_>>(), [1, 2]);
        let typed = Query::new("harbourm", "", "", &en());
        let found = typed.matches(&en(), |lookup| {
            terms.iter().filter(|t| lookup.finds(t)).cloned().collect()
        });
        assert_eq!(found[0], [("harbourmaster".to_owned(), Found::Prefix)]);
        let two = Query::new("harbour ships ", "", "", &en());
        let none = rank(
            &two,
            &[vec![("harbour".into(), Found::Exact)], vec![]],
            10,
            postings,
        );
        assert!(none.is_empty(), "an article must hold every word");
    }

    #[test]
    fn a_word_found_nowhere_finds_the_words_one_typo_away() {
        let q = Query::new("hrabour ", "", "", &en());
        let mut matches = q.matches(&en(), |_| Vec::new());
        let lookups = q.typo_lookups(&matches);
        assert_eq!(lookups, [(0, "hra".to_owned(), "ruo".to_owned())]);
        let forward: Vec<String> = vec![];
        let backward: Vec<String> = vec![backwards("harbour"), backwards("arbour")];
        q.add_typos(&mut matches, 0, &forward, &backward);
        assert_eq!(matches[0], [("harbour".to_owned(), Found::Typo)]);
        let short = Query::new("shpi ", "", "", &en());
        assert!(
            short
                .typo_lookups(&short.matches(&en(), |_| vec![]))
                .is_empty()
        );
    }

    #[test]
    fn a_phrase_is_its_words_in_a_row() {
        assert!(holds_phrase("the deep water port", "deep water"));
        assert!(!holds_phrase("water, deep", "deep water"));
        assert!(holds_phrase("deep  water.", "deep water"));
    }
}
