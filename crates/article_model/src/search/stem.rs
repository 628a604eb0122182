//! Stemming with the Snowball algorithms (the rust-stemmers crate), so that "harbours" finds
//! "harbour" and "running" finds "runs". The index keeps words as written; the page stems the
//! query's words and the index's words near them, in each language the archive is written in
//! (`archive.stemmers`), and counts a word with the same stem as a match, ranked below the
//! exact word.

use rust_stemmers::{Algorithm, Stemmer};

use crate::lang::primary_subtag;

/// The Snowball algorithm for a language tag's primary subtag, where one exists.
pub fn algorithm_for(lang: &str) -> Option<Algorithm> {
    Some(match primary_subtag(Some(lang)).as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// The stemmers a search uses: one per language of the archive that has one.
pub struct Stemmers {
    stemmers: Vec<Stemmer>,
}

impl Stemmers {
    /// The stemmers for `langs` (language tags, as the index lists them); an article without a
    /// language is taken as English, as the viewer's default.
    pub fn new<'a>(langs: impl IntoIterator<Item = &'a str>) -> Self {
        let mut algorithms: Vec<Algorithm> = Vec::new();
        for lang in langs {
            if let Some(algorithm) = algorithm_for(lang)
                && !algorithms.contains(&algorithm)
            {
                algorithms.push(algorithm);
            }
        }
        Stemmers {
            stemmers: algorithms.into_iter().map(Stemmer::create).collect(),
        }
    }

    /// No stemming at all.
    pub fn none() -> Self {
        Stemmers {
            stemmers: Vec::new(),
        }
    }

    /// The stems of `word` (folded), one per language.
    pub fn stems(&self, word: &str) -> Vec<String> {
        self.stemmers
            .iter()
            .map(|s| s.stem(word).into_owned())
            .collect()
    }

    /// Whether `term` has the same stem as the word whose [`Stemmers::stems`] are `stems`, in
    /// any of the languages.
    pub fn same_stem(&self, stems: &[String], term: &str) -> bool {
        self.stemmers
            .iter()
            .zip(stems)
            .any(|(s, stem)| s.stem(term) == stem.as_str())
    }

    /// The beginning every word sharing a stem with `word` is looked for under: the part of
    /// the word its stems keep, less a letter for the suffixes Snowball rewrites ("happy" and
    /// "happiness" are both "happi"). `None` when that is shorter than three letters (a range
    /// that wide would cost a download for little) or there is no stemmer.
    pub fn family_prefix(&self, word: &str, stems: &[String]) -> Option<String> {
        let mut shortest: Option<usize> = None;
        for stem in stems {
            let common = word
                .chars()
                .zip(stem.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let stem_len = stem.chars().count();
            let keep = if stem_len >= 5 {
                common.min(stem_len - 1)
            } else {
                common
            };
            shortest = Some(shortest.map_or(keep, |s: usize| s.min(keep)));
        }
        let keep = shortest?;
        (keep >= 3).then(|| word.chars().take(keep).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_one_stem_are_found_under_a_common_beginning() {
        let en = Stemmers::new(["en"]);
        let stems = en.stems("harbours");
        assert!(en.same_stem(&stems, "harbour"));
        assert!(!en.same_stem(&stems, "harbor"));
        assert_eq!(
            en.family_prefix("harbours", &stems).as_deref(),
            Some("harbou")
        );
        let happy = en.stems("happy");
        assert!(en.same_stem(&happy, "happiness"));
        assert!("happiness".starts_with(&en.family_prefix("happy", &happy).unwrap()));
        assert_eq!(en.family_prefix("an", &en.stems("an")), None);
        assert_eq!(Stemmers::none().family_prefix("harbours", &[]), None);
        let ru = Stemmers::new(["ru-RU", "en", "xx"]);
        assert_eq!(ru.stems("книги").len(), 2);
        assert!(ru.same_stem(&ru.stems("книги"), "книга"));
        assert_eq!(algorithm_for("pt-BR"), Some(Algorithm::Portuguese));
        assert_eq!(algorithm_for("ja"), None);
    }
}
