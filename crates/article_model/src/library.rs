//! The library of a folder of articles (`index.json`, written by `article index`, shown by the
//! viewer's `?index=` page): its serde types, and the search the page filters it with. The
//! format is `public/schema/index-v2.schema.json` (version 1, every article in one file, is
//! still read).

use serde::{Deserialize, Serialize};

use crate::error::ArticleError;

/// The library file, `index.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct Library {
    /// Format version of the index: 2 (in parts), or 1 (every article here).
    pub version: u64,
    /// Newest first (by the instant of `published`, else `updated`); undated articles last, by
    /// title. In version 2, the newest page only: what the library's first screen shows.
    pub articles: Vec<LibraryEntry>,
    /// Version 2: the rest of the archive, in pages and a search index beside this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<Archive>,
}

/// Where the rest of an archive is: older pages and the search index, in a folder beside the
/// index, so that the library page downloads the newest page first and the rest as asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct Archive {
    /// How many articles the archive holds.
    pub total: u32,
    /// How many articles a page holds (the last may hold fewer).
    pub per_page: u32,
    /// How many pages there are; page 1 is the index's own `articles`, page N is
    /// `FOLDER/page-N.json`.
    pub pages: u32,
    /// The folder of the pages and search chunks, relative to the index, ending in `/`.
    pub folder: String,
    /// Every label in the archive, each once, most used first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// Every topic in the archive, each once, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The first term of each search chunk (`FOLDER/search-N.json`, N from 0), sorted.
    pub search: Vec<String>,
    /// The first word of each vocabulary chunk (`FOLDER/words-N.json`), sorted: where typos
    /// are looked up. Absent from an index written before typo tolerance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// The first backward word of each backward vocabulary chunk (`FOLDER/ends-N.json`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ends: Vec<String>,
    /// The languages of the archive with a Snowball stemmer, most used first: what a query's
    /// words are stemmed in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stemmers: Vec<String>,
    /// Whether each article's passages are beside the index (`FOLDER/text/ADDRESS`), for
    /// excerpts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub text: bool,
    /// Whether each article's entry is also on its own (`FOLDER/cards/N.json`, N its number):
    /// a search result's row then downloads its card, not the page of a hundred entries its
    /// article sorts into. Absent from an index written before cards.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cards: bool,
    /// Whether articles have moved since they were numbered (`FOLDER/order.json` says where
    /// each is): else the newest-first position of article N is `total − 1 − N`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub order: bool,
    /// How many rest parts the search index has (`FOLDER/rest-N.json`, N from 0): the
    /// postings of the terms held by many articles beyond their best (`search::best`). 0 for
    /// an index written before them, whose chunks hold every posting.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rests: u32,
    /// The content hash in each part's name (`FOLDER/search-3.HASH.json`), so that a part
    /// that changes gets a new address: caches may keep a part for ever, and a reader who
    /// loaded the previous `index.json` goes on reading the previous parts. Absent from an
    /// index written before hashed names, whose parts are `FOLDER/search-3.json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hashes: Option<PartHashes>,
}

/// How many hexadecimal digits of a part's content hash its name carries.
pub const PART_HASH_LEN: usize = 8;

/// The kinds of index part whose names carry their content's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// Pages 2 and on (`page-N`): the first is `index.json`'s own.
    Page,
    /// Search chunks (`search-N`, from 0).
    Search,
    /// Rest parts of the search index (`rest-N`, from 0).
    Rest,
    /// Vocabulary chunks (`words-N`, from 0).
    Words,
    /// Backward vocabulary chunks (`ends-N`, from 0).
    Ends,
    /// `order`, the one file saying where moved articles are.
    Order,
}

impl PartKind {
    /// Every kind, in the order [`PartKind::stem`] names them.
    pub const ALL: [PartKind; 6] = [
        PartKind::Page,
        PartKind::Search,
        PartKind::Rest,
        PartKind::Words,
        PartKind::Ends,
        PartKind::Order,
    ];

    /// The part's name before its number.
    pub fn stem(self) -> &'static str {
        match self {
            PartKind::Page => "page",
            PartKind::Search => "search",
            PartKind::Rest => "rest",
            PartKind::Words => "words",
            PartKind::Ends => "ends",
            PartKind::Order => "order",
        }
    }

    /// The number the first part of the kind has (pages start at 2).
    fn first(self) -> u32 {
        match self {
            PartKind::Page => 2,
            _ => 0,
        }
    }
}

/// Each part's content hash, [`PART_HASH_LEN`] hexadecimal digits each, the parts of a kind
/// one after another in number order: compact enough that `index.json` carries the hashes of
/// a 100,000-article archive's thousands of parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct PartHashes {
    /// Pages 2 and on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub page: String,
    /// Search chunks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub search: String,
    /// Rest parts.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rest: String,
    /// Vocabulary chunks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub words: String,
    /// Backward vocabulary chunks.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ends: String,
    /// `order`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub order: String,
}

impl PartHashes {
    fn of(&self, kind: PartKind) -> &String {
        match kind {
            PartKind::Page => &self.page,
            PartKind::Search => &self.search,
            PartKind::Rest => &self.rest,
            PartKind::Words => &self.words,
            PartKind::Ends => &self.ends,
            PartKind::Order => &self.order,
        }
    }

    fn of_mut(&mut self, kind: PartKind) -> &mut String {
        match kind {
            PartKind::Page => &mut self.page,
            PartKind::Search => &mut self.search,
            PartKind::Rest => &mut self.rest,
            PartKind::Words => &mut self.words,
            PartKind::Ends => &mut self.ends,
            PartKind::Order => &mut self.order,
        }
    }

    /// The hash of part `number` of `kind`, if known.
    pub fn get(&self, kind: PartKind, number: u32) -> Option<&str> {
        let at = number.checked_sub(kind.first())? as usize * PART_HASH_LEN;
        self.of(kind).get(at..at + PART_HASH_LEN)
    }

    /// Sets the hash of part `number` of `kind` (a part past the last known is padded with
    /// zeros up to it, which its own part overwrites when written).
    pub fn set(&mut self, kind: PartKind, number: u32, hash: &str) {
        debug_assert_eq!(hash.len(), PART_HASH_LEN);
        let at = number.saturating_sub(kind.first()) as usize * PART_HASH_LEN;
        let hashes = self.of_mut(kind);
        while hashes.len() < at + PART_HASH_LEN {
            hashes.push('0');
        }
        hashes.replace_range(at..at + PART_HASH_LEN, hash);
    }

    /// Forgets the parts of `kind` from number `count` on (a kind that now has fewer).
    pub fn truncate(&mut self, kind: PartKind, count: u32) {
        let keep = count.saturating_sub(kind.first()) as usize * PART_HASH_LEN;
        self.of_mut(kind).truncate(keep);
    }
}

/// The kind, number and content hash (when it has one) of an index part from its file name
/// (`search-3.1a2b3c4d.json`, `page-2.json`, `order.json`): what [`Archive::part_address`]
/// writes, read back.
pub fn parse_part_name(file: &str) -> Option<(PartKind, u32, Option<&str>)> {
    let stem = file.strip_suffix(".json")?;
    let (stem, hash) = match stem.rsplit_once('.') {
        Some((named, hash))
            if hash.len() == PART_HASH_LEN
                && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) =>
        {
            (named, Some(hash))
        }
        _ => (stem, None),
    };
    if stem == PartKind::Order.stem() {
        return Some((PartKind::Order, 0, hash));
    }
    let (named, number) = stem.rsplit_once('-')?;
    let kind = PartKind::ALL.into_iter().find(|k| k.stem() == named)?;
    Some((kind, number.parse().ok()?, hash))
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Archive {
    /// The address of part `number` of `kind`, relative to the index: with its content hash
    /// when the index names its parts so.
    pub fn part_address(&self, kind: PartKind, number: u32) -> String {
        let stem = kind.stem();
        let numbered = match kind {
            PartKind::Order => stem.to_owned(),
            _ => format!("{stem}-{number}"),
        };
        match self.hashes.as_ref().and_then(|h| h.get(kind, number)) {
            Some(hash) => format!("{}{numbered}.{hash}.json", self.folder),
            None => format!("{}{numbered}.json", self.folder),
        }
    }

    /// The address of page `page` (2 or more), relative to the index.
    pub fn page_address(&self, page: u32) -> String {
        self.part_address(PartKind::Page, page)
    }

    /// The address of search chunk `chunk`, relative to the index.
    pub fn chunk_address(&self, chunk: usize) -> String {
        self.part_address(PartKind::Search, chunk as u32)
    }

    /// The address of rest part `part` of the search index, relative to the index.
    pub fn rest_address(&self, part: u32) -> String {
        self.part_address(PartKind::Rest, part)
    }

    /// The address of vocabulary chunk `chunk`, forward (`words`) or backward (`ends`).
    pub fn vocabulary_address(&self, backward: bool, chunk: usize) -> String {
        let kind = if backward {
            PartKind::Ends
        } else {
            PartKind::Words
        };
        self.part_address(kind, chunk as u32)
    }

    /// The address of the card of article `number` (counted from the oldest).
    pub fn card_address(&self, number: u32) -> String {
        card_address(&self.folder, number)
    }

    /// The address of the order of the articles moved since they were numbered.
    pub fn order_address(&self) -> String {
        self.part_address(PartKind::Order, 0)
    }

    /// The page holding the article at newest-first position `rank`, from 1.
    pub fn page_of(&self, rank: u32) -> u32 {
        rank / self.per_page.max(1) + 1
    }
}

/// One older page of an archive (`page-N.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct LibraryPage {
    /// Format version of the index it belongs to (2).
    pub version: u64,
    /// Its number, from 1 (the index itself).
    pub page: u32,
    /// Its articles, newest first.
    pub articles: Vec<LibraryEntry>,
}

/// One article of an archive on its own (`cards/N.json`): what a search result's row shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an object")]
pub struct LibraryCard {
    /// Format version of the index it belongs to (2).
    pub version: u64,
    /// The article's number, counted from the oldest: the card's own name.
    pub number: u32,
    /// The article, as its page lists it.
    pub entry: LibraryEntry,
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

impl Library {
    /// How many articles the library holds, in all its pages.
    pub fn total(&self) -> u32 {
        self.archive
            .as_ref()
            .map_or(self.articles.len() as u32, |a| a.total)
    }

    /// The topics of its articles, each once, sorted.
    pub fn tags(&self) -> Vec<String> {
        if let Some(archive) = &self.archive {
            return archive.tags.clone();
        }
        topics_of(&self.articles)
    }

    /// The labels of its articles, each once, in order of first appearance.
    pub fn labels(&self) -> Vec<String> {
        if let Some(archive) = &self.archive {
            return archive.labels.clone();
        }
        labels_of(&self.articles)
    }
}

/// The labels of `entries`, each once, in order of first appearance: what the label filter
/// offers, for a library in one file and for `article index` alike.
pub fn labels_of<'a>(entries: impl IntoIterator<Item = &'a LibraryEntry>) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for label in entries.into_iter().filter_map(|e| e.label.as_ref()) {
        if !labels.contains(label) {
            labels.push(label.clone());
        }
    }
    labels
}

/// The topics of `entries`, each once, sorted: what the topic filter offers.
pub fn topics_of<'a>(entries: impl IntoIterator<Item = &'a LibraryEntry>) -> Vec<String> {
    let mut tags: Vec<String> = entries.into_iter().flat_map(|e| e.tags.clone()).collect();
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// Decodes `index.json`, naming a wrong field by its path.
pub fn decode_library(bytes: &[u8]) -> Result<Library, ArticleError> {
    let library: Library = crate::json::decode_document(bytes)?;
    match (library.version, &library.archive) {
        (1, _) | (2, Some(_)) => Ok(library),
        (2, None) => Err(ArticleError::Shape {
            path: "archive".to_owned(),
            expected: "the archive's pages and search index (version 2)".to_owned(),
            found: "nothing (the field is missing)".to_owned(),
            position: None,
        }),
        (other, _) => Err(ArticleError::UnsupportedVersion {
            found: other.to_string(),
        }),
    }
}

/// Decodes an older page of an archive, naming a wrong field by its path.
pub fn decode_library_page(bytes: &[u8]) -> Result<LibraryPage, ArticleError> {
    crate::json::decode_document(bytes)
}

/// The address of the card of article `number` in the parts folder `folder`: where
/// `article index` writes it, before the archive's outline exists, and where the page reads it.
pub fn card_address(folder: &str, number: u32) -> String {
    format!("{folder}cards/{number}.json")
}

/// Decodes an article's card, naming a wrong field by its path.
pub fn decode_library_card(bytes: &[u8]) -> Result<LibraryCard, ArticleError> {
    crate::json::decode_document(bytes)
}

/// A library entry with the fields the library's and the search's tests vary.
#[cfg(test)]
pub(crate) fn entry_for_tests(
    title: &str,
    standfirst: Option<&str>,
    label: Option<&str>,
) -> LibraryEntry {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::entry_for_tests as entry;

    #[test]
    fn a_part_name_reads_back_as_it_was_written() {
        let mut hashes = PartHashes::default();
        hashes.set(PartKind::Search, 1, "0a1b2c3d");
        hashes.set(PartKind::Order, 0, "ffffffff");
        let folder = "index-parts/";
        let mut archive = Archive {
            total: 1,
            per_page: 1,
            pages: 1,
            folder: folder.into(),
            labels: Vec::new(),
            tags: Vec::new(),
            search: Vec::new(),
            words: Vec::new(),
            ends: Vec::new(),
            stemmers: Vec::new(),
            text: false,
            cards: false,
            order: false,
            rests: 0,
            hashes: Some(hashes),
        };
        for (kind, number, hash) in [
            (PartKind::Search, 1, Some("0a1b2c3d")),
            (PartKind::Search, 0, Some("00000000")),
            (PartKind::Order, 0, Some("ffffffff")),
            (PartKind::Page, 2, None),
            (PartKind::Ends, 7, None),
        ] {
            let address = archive.part_address(kind, number);
            let file = address.strip_prefix(folder).unwrap();
            assert_eq!(
                parse_part_name(file),
                Some((kind, number, hash)),
                "{address}"
            );
        }
        archive.hashes = None;
        assert_eq!(archive.chunk_address(3), "index-parts/search-3.json");
        for other in [
            "search-1.0A1B2C3D.json",
            "cards.json",
            "text-1.json",
            "search-x.json",
        ] {
            assert_eq!(
                parse_part_name(other).and_then(|(_, _, h)| h),
                None,
                "{other}"
            );
        }
        assert_eq!(parse_part_name("cards.json"), None);
    }

    #[test]
    fn labels_are_listed_once_in_order() {
        let library = Library {
            version: 1,
            archive: None,
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
        let version = decode_library(br#"{"version": 3, "articles": []}"#).unwrap_err();
        assert_eq!(version.path(), Some("version"));
        let missing = decode_library(br#"{"version": 2, "articles": []}"#).unwrap_err();
        assert_eq!(missing.path(), Some("archive"));
    }
}
