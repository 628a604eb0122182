//! The library of a folder of articles (`index.json`, written by `article index`, shown by the
//! viewer's `?index=` page): its serde types, and the search the page filters it with. The
//! format is `public/schema/index-v1.schema.json`.

use serde::{Deserialize, Serialize};

use crate::model::ids::to_lower;

/// The library file, `index.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct Library {
    /// Format version of the index; only 1 exists.
    pub version: u64,
    /// Newest first (by `published`, else `updated`); undated articles last, by title.
    pub articles: Vec<LibraryEntry>,
}

/// One article of the library: what a list of articles shows, and where the article is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct LibraryEntry {
    /// The article's address, relative to the index.
    pub address: String,
    /// The headline.
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The one-sentence summary.
    pub standfirst: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The kicker, e.g. "Analysis": what the library filters by.
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The article's language tag.
    pub lang: Option<String>,
    /// The sponsor's name when the article is paid-for content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    /// Bylines.
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// First publication (ISO 8601), if valid.
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Last update (ISO 8601), if valid.
    pub updated: Option<String>,
    /// Minutes to read, as the viewer estimates them.
    pub reading_minutes: usize,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    /// Topics: what the library's topic filter offers.
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The article's picture (as the article writes it), for a card.
    pub image: Option<String>,
}

impl LibraryEntry {
    /// Whether the entry is shown for a search `query` (words, all of which must occur in the
    /// title or standfirst, case ignored) and a `label` ("" for any). Case is folded as ids
    /// fold it ([`crate::model::ids`]: Latin, Greek, Cyrillic, Armenian), without Unicode's
    /// case tables, which cost the page about 30 KB; scripts without case need none.
    pub fn matches(&self, query: &str, label: &str, tag: &str) -> bool {
        if !label.is_empty() && self.label.as_deref() != Some(label) {
            return false;
        }
        if !tag.is_empty() && !self.tags.iter().any(|t| t == tag) {
            return false;
        }
        let lower = |text: &str| -> String { text.chars().map(to_lower).collect() };
        let haystack = lower(&format!(
            "{} {}",
            self.title,
            self.standfirst.as_deref().unwrap_or_default()
        ));
        lower(query)
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

impl Library {
    /// The topics of its articles, each once, sorted.
    pub fn tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = self.articles.iter().flat_map(|a| a.tags.clone()).collect();
        tags.sort();
        tags.dedup();
        tags
    }

    /// The labels of its articles, each once, in order of first appearance.
    pub fn labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = Vec::new();
        for label in self.articles.iter().filter_map(|a| a.label.as_ref()) {
            if !labels.contains(label) {
                labels.push(label.clone());
            }
        }
        labels
    }
}

/// Decodes `index.json`, naming a wrong field by its path.
pub fn decode_library(bytes: &[u8]) -> Result<Library, crate::model::ArticleError> {
    crate::model::decode::check_syntax(bytes)
        .map_err(|e| crate::model::decode::syntax_error(&String::from_utf8_lossy(bytes), &e))?;
    crate::model::decode::decode_raw(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, standfirst: Option<&str>, label: Option<&str>) -> LibraryEntry {
        LibraryEntry {
            address: "a.json".into(),
            title: title.into(),
            standfirst: standfirst.map(Into::into),
            label: label.map(Into::into),
            lang: None,
            sponsor: None,
            authors: Vec::new(),
            published: None,
            updated: None,
            reading_minutes: 1,
            tags: Vec::new(),
            image: None,
        }
    }

    #[test]
    fn search_needs_every_word_in_the_title_or_standfirst_and_the_label() {
        let e = entry(
            "A Year at the Harbour",
            Some("Ships and cranes"),
            Some("Report"),
        );
        assert!(e.matches("", "", ""));
        assert!(e.matches("harbour", "", ""));
        assert!(e.matches("YEAR cranes", "Report", ""));
        assert!(!e.matches("harbour boats", "", ""));
        assert!(!e.matches("harbour", "Analysis", ""));
        let mut tagged = entry("Tides", None, None);
        tagged.tags = vec!["sea".to_owned()];
        assert!(tagged.matches("", "", "sea"));
        assert!(
            !e.matches("", "", "sea"),
            "an entry without the topic is hidden"
        );
        assert!(entry("Über Häfen", None, None).matches("über", "", ""));
    }

    #[test]
    fn labels_are_listed_once_in_order() {
        let library = Library {
            version: 1,
            articles: vec![
                entry("a", None, Some("Report")),
                entry("b", None, None),
                entry("c", None, Some("Analysis")),
                entry("d", None, Some("Report")),
            ],
        };
        assert_eq!(library.labels(), ["Report", "Analysis"]);
    }

    #[test]
    fn a_library_with_a_wrong_field_is_named_by_its_path() {
        let error = decode_library(
            br#"{"version": 1, "articles": [{"address": "a", "title": 5, "reading_minutes": 1}]}"#,
        );
        assert_eq!(error.unwrap_err().path(), Some("articles[0].title"));
        assert!(decode_library(b"{").is_err());
    }
}
