//! How much a term says about an article: BM25F (Robertson and Zaragoza's field-weighted
//! BM25). At index time each term of an article gets its *impact*, the saturated, field-weighted
//! frequency `tf / (k1 + tf)`, quantized into [`LEVELS`] steps and stored beside its posting;
//! at query time the page multiplies it by the term's inverse document frequency, which it
//! reads from the length of the term's postings. The weights are the ones
//! `scripts/bench search --tune` measured best on the real fixtures (docs/performance.md).
//!
//! One departure from textbook BM25: the length a field is normalized against is a fixed
//! reference, not the archive's average. An article's impacts then depend on that article
//! alone, so a change to one article changes its own postings and nothing else; that is what
//! keeps `article index` incremental.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::search::terms;
use crate::search::text::{ArticleText, Field};

/// The number of steps an impact is quantized into (1 to `LEVELS`): two decimal digits in the
/// index's JSON at most.
pub const LEVELS: u8 = 99;

/// BM25's saturation: how quickly repeats of a word stop adding to its weight.
pub const K1: f32 = 1.2;

/// How a word's weight depends on where it is and how long that place is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Per field, in [`Field::ALL`]'s order: how much one occurrence counts.
    pub field: [f32; 5],
    /// Per field: how much its length normalizes (BM25's `b`, 0 to 1).
    pub length: [f32; 5],
    /// Per field: the reference length in words.
    pub reference: [f32; 5],
}

/// The weights the index is written with (measured: docs/performance.md, "Search relevance").
pub const WEIGHTS: Weights = Weights {
    field: [32.0, 1.0, 3.0, 1.0, 2.0],
    length: [0.0, 0.0, 0.3, 0.6, 0.0],
    reference: [8.0, 25.0, 60.0, 800.0, 6.0],
};

/// The impact of every term of `text`, folded by `fold`, quantized: what `article index`
/// stores beside the term's posting for this article. In no particular order (the index sorts
/// an article's terms once, with its filter terms).
pub fn impacts(
    text: &ArticleText,
    fold: impl Fn(&str) -> String,
    weights: &Weights,
) -> Vec<(String, u8)> {
    // Folded once, then counted by reference: an article's thousand words cost no allocation
    // each (a large share of `article index`'s time on a big archive).
    let folded: Vec<(usize, String)> = text
        .passages
        .iter()
        .map(|p| {
            (
                field_index(p.field),
                terms::one_sigma(&fold(&p.text)).into_owned(),
            )
        })
        .collect();
    // About as many distinct words as an article of a thousand words has.
    let mut counts: FxHashMap<Cow<str>, [u32; 5]> =
        FxHashMap::with_capacity_and_hasher(512, Default::default());
    let mut lengths = [0_u32; 5];
    for (field, text) in &folded {
        terms::each_term(text, |term| {
            lengths[*field] += 1;
            counts.entry(term).or_default()[*field] += 1;
        });
    }
    counts
        .into_iter()
        .map(|(term, count)| {
            let mut tf = 0.0;
            for f in 0..5 {
                if count[f] == 0 {
                    continue;
                }
                let norm = 1.0 - weights.length[f]
                    + weights.length[f] * lengths[f] as f32 / weights.reference[f];
                tf += weights.field[f] * count[f] as f32 / norm.max(0.05);
            }
            (term.into_owned(), quantize(tf / (K1 + tf)))
        })
        .collect()
}

/// `share` (0 to 1) as one of the [`LEVELS`] steps, never 0: a term an article holds always
/// counts for something.
pub fn quantize(share: f32) -> u8 {
    ((share * LEVELS as f32).ceil() as u8).clamp(1, LEVELS)
}

/// The inverse document frequency of a term `holders` articles of `total` hold (BM25's, never
/// below a small positive floor so that a word in most articles still counts).
pub fn idf(holders: usize, total: u32) -> f32 {
    let (n, df) = (total.max(1) as f32, holders.max(1) as f32);
    ((n - df + 0.5) / (df + 0.5) + 1.0).ln().max(0.01)
}

/// A term's contribution to an article's score: its idf, its impact, and how the query's word
/// found it.
pub fn contribution(idf: f32, impact: u8, found: f32) -> f32 {
    idf * (K1 + 1.0) * impact as f32 / LEVELS as f32 * found
}

fn field_index(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::Passage;

    fn text(passages: &[(Field, &str)]) -> ArticleText {
        ArticleText {
            passages: passages
                .iter()
                .map(|(field, text)| Passage {
                    section: None,
                    field: *field,
                    text: (*text).to_owned(),
                })
                .collect(),
        }
    }

    fn impact_of(passages: &[(Field, &str)], term: &str) -> u8 {
        let all = impacts(&text(passages), str::to_lowercase, &WEIGHTS);
        all.into_iter()
            .find(|(t, _)| t == term)
            .map_or(0, |(_, i)| i)
    }

    #[test]
    fn a_word_in_the_title_weighs_more_than_in_a_heading_more_than_in_the_body() {
        let title = impact_of(&[(Field::Title, "Harbour cranes")], "harbour");
        let heading = impact_of(&[(Field::Heading, "Harbour cranes")], "harbour");
        let body = impact_of(&[(Field::Body, "The harbour has cranes.")], "harbour");
        assert!(
            title > heading && heading > body,
            "{title} {heading} {body}"
        );
        let twice = impact_of(&[(Field::Body, "The harbour, the harbour.")], "harbour");
        assert!(twice > body, "a repeat adds");
        assert!((1..=LEVELS).contains(&body));
    }

    #[test]
    fn a_long_body_weighs_a_word_less_and_rare_words_count_more() {
        let short = impact_of(&[(Field::Body, "harbour")], "harbour");
        let long_text = format!("harbour {}", "word ".repeat(3000));
        let long = impact_of(&[(Field::Body, &long_text)], "harbour");
        assert!(short > long, "{short} {long}");
        assert!(idf(1, 1000) > idf(500, 1000));
        assert!(idf(1000, 1000) > 0.0);
        assert_eq!(quantize(0.0), 1);
        assert_eq!(quantize(1.0), LEVELS);
    }
}
