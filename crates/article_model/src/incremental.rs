//! Decoding an article while it downloads: each chunk is read as it arrives, every complete
//! section is decoded at once, and the bytes behind it are dropped. The whole text never has to
//! be in memory at once, and on a slow connection the decoding is done when the download is.
//!
//! serde_json cannot hand over the elements of an array one by one (serde-rs/json#404), so a
//! small scanner reads only the two outer levels (the article object and its `sections`
//! array): it finds where each value begins and ends by tracking strings and depth, and builds
//! nothing. Each section's bytes are then decoded with serde_json into the same wire types, and
//! converted by the same rules, as [`parse_article`](crate::parse_article) uses; the
//! article's other fields are kept as written and decoded at the end the same way. A valid
//! document therefore gives the same article both ways (tested over every fixture and corpus,
//! chunked every way, and by the fuzzer). Where anything is wrong (not JSON, a wrong field, a
//! broken rule) this reader gives up instead of reporting: the caller then parses the whole
//! text, which names the fault with its line, column and field path.

use crate::convert::article_from_raw;
use crate::decode::check_version;
use crate::json::{check_syntax, decode_raw};
use crate::limits::MAX_NESTING;
use crate::types::{Article, KeyFigure, Section};
use crate::wire::{RawArticle, RawSection};

/// An article being read chunk by chunk: [`push`](Self::push) each chunk, then
/// [`finish`](Self::finish).
pub struct IncrementalArticle {
    /// Bytes received and not yet consumed.
    pending: Vec<u8>,
    /// Where in the document the reader is.
    at: Place,
    /// How far a value being received has been scanned (so a long one is not rescanned per
    /// chunk).
    scan: Scan,
    /// The article object without its sections: each field's name and value as written, with
    /// `[]` in place of a `sections` array. Decoded by the ordinary decoder at the end.
    fields: Vec<u8>,
    /// The sections of the last `sections` array so far; `None` once one failed.
    sections: Option<Vec<Section>>,
    /// Position of the next section in its array, for error paths.
    index: usize,
    /// How many `sections` arrays have started: after the first, what [`early`](Self::early)
    /// gave may not last.
    arrays: usize,
    /// The length of `fields` when [`early`](Self::early) gave an article.
    early_fields: Option<usize>,
    /// The names of the fields read after [`early`](Self::early) gave an article.
    late_names: Vec<String>,
    /// The text is not well-formed (or not what this reader follows): the whole text decides.
    gave_up: bool,
    /// The first byte after leading white space, once seen.
    first: Option<u8>,
}

/// The article's fields that are on screen with its start (the header, the page's language
/// and direction): given after the sections, they change what was shown, and the page is built
/// again. Its other fields (`key_figures`, `copyright`, and fields this version does not know)
/// can come later and are filled in. A test below checks that the list names every field of
/// [`RawArticle`](crate::wire::RawArticle) but those two.
pub const SHOWN_FIRST: [&str; 15] = [
    "version",
    "lang",
    "dir",
    "label",
    "title",
    "standfirst",
    "authors",
    "published",
    "updated",
    "source",
    "sponsor",
    "tags",
    "image",
    "notes",
    "sections",
];

/// Fields of an article that came after its sections (see
/// [`IncrementalArticle::late_fields`]); empty where nothing new came.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LateFields {
    /// Key figures given after the sections.
    pub key_figures: Vec<KeyFigure>,
    /// A copyright line given after the sections.
    pub copyright: Option<String>,
}

/// The article from its fields as written (with `[]` for `sections`) and the sections decoded
/// one by one; any fault gives `None`, leaving the whole text to name it.
fn decode_fields(fields: &[u8], sections: Vec<Section>) -> Option<Article> {
    check_syntax(fields).ok()?;
    check_version(fields).ok()?;
    let raw: RawArticle = decode_raw(fields).ok()?;
    article_from_raw(raw, Some(sections)).ok()
}

/// White space between JSON tokens (not Rust's wider ASCII set, which takes in form feed).
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\n' | b'\r' | b'\t')
}

/// Where the reader is in the document's outer levels.
#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    /// Before the opening `{` (and before a byte order mark).
    #[default]
    Start,
    /// After `{`: a field name or `}`.
    FirstField,
    /// After `,` in the object: a field name.
    NextField,
    /// After a field name: `:` (`sections` says whether the field is `sections`).
    Colon { sections: bool },
    /// After `:`: the field's value.
    Value { sections: bool },
    /// After a field's value: `,` or `}`.
    AfterValue,
    /// After `[` of `sections`: a section or `]`.
    FirstSection,
    /// After `,` in `sections`: a section.
    NextSection,
    /// After a section: `,` or `]`.
    AfterSection,
    /// After the closing `}`: only white space.
    End,
}

/// Progress of scanning a value that has not fully arrived.
#[derive(Default, Clone, Copy)]
struct Scan {
    /// Bytes of the value already scanned.
    len: usize,
    /// Open `[` and `{` so far.
    depth: usize,
    /// The most that were open at once.
    deepest: usize,
    /// Inside a string.
    in_string: bool,
    /// Just after a backslash in a string.
    escaped: bool,
}

impl Default for IncrementalArticle {
    fn default() -> Self {
        Self::new()
    }
}

impl IncrementalArticle {
    /// A reader at the start of a document.
    pub fn new() -> Self {
        IncrementalArticle {
            pending: Vec::new(),
            at: Place::Start,
            scan: Scan::default(),
            fields: Vec::new(),
            sections: Some(Vec::new()),
            index: 0,
            arrays: 0,
            early_fields: None,
            late_names: Vec::new(),
            gave_up: false,
            first: None,
        }
    }

    /// Appends `len` bytes that `fill` writes (straight from the network buffer, without an
    /// intermediate copy) and reads as far as they allow.
    pub fn push_with(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) {
        if self.gave_up {
            return;
        }
        let start = self.pending.len();
        self.pending.resize(start + len, 0);
        fill(&mut self.pending[start..]);
        self.read();
    }

    /// Appends `chunk` and reads as far as it allows.
    pub fn push(&mut self, chunk: &[u8]) {
        self.push_with(chunk.len(), |slot| slot.copy_from_slice(chunk));
    }

    /// Whether the document starts, after white space, with `<`: a web page, not JSON.
    pub fn looks_like_markup(&self) -> bool {
        self.first == Some(b'<')
    }

    /// How many sections of the current `sections` array have been read.
    pub fn sections_read(&self) -> usize {
        self.index
    }

    /// The article as far as it has arrived, once its first `count` sections are decoded: the
    /// fields before `sections` and those sections, decoded as a whole article would be. What a
    /// page can show while the rest downloads; fields after `sections` (or a second `sections`)
    /// can still change it, which [`late_fields`](Self::late_fields) tells.
    /// `None` before then, once a section failed, outside the first `sections` array, or
    /// when the fields so far do not make an article (a required one may come later).
    ///
    /// The sections move into the article rather than being copied: a page that does not show
    /// it gives them back with [`put_back`](Self::put_back). When the fields so far do not make
    /// an article, they are lost, and the reader gives up: the whole text decides at the end.
    pub fn early(&mut self, count: usize) -> Option<Article> {
        let inside = matches!(
            self.at,
            Place::FirstSection | Place::NextSection | Place::AfterSection
        );
        let sections = self.sections.as_mut()?;
        if self.gave_up || self.arrays != 1 || !inside || sections.len() < count {
            return None;
        }
        let mut fields = self.fields.clone();
        fields.push(b'}');
        let Some(article) = decode_fields(&fields, sections.drain(..count).collect()) else {
            self.gave_up = true;
            self.pending = Vec::new();
            return None;
        };
        self.early_fields = Some(self.fields.len());
        Some(article)
    }

    /// Gives back the sections [`early`](Self::early) took, for a page that did not show them,
    /// so that [`finish`](Self::finish) has them. Preparing them first changes nothing: it only
    /// decides what it would decide again.
    pub fn put_back(&mut self, mut sections: Vec<Section>) {
        if let Some(rest) = &mut self.sections {
            sections.append(rest);
            *rest = sections;
        }
    }

    /// What came after the sections of an article whose start [`early`](Self::early) gave,
    /// when that is only key figures and a copyright line: a page showing the start can fill
    /// those in where they belong (the figure rail, the article's end) without moving the
    /// text. `None` when anything else came later or changed (the title, the authors, a
    /// sponsor: the whole text decides then), or when the document is not sound to its end.
    pub fn late_fields(&self) -> Option<LateFields> {
        if self.early_fields.is_none() || !self.ended_well() || self.arrays != 1 {
            return None;
        }
        if self
            .late_names
            .iter()
            .any(|name| SHOWN_FIRST.contains(&name.as_str()))
        {
            return None;
        }
        let late = |name: &str| self.late_names.iter().any(|late| late == name);
        // The whole head decodes (a field given twice is an error there), with one section
        // standing in for those read and handed on.
        let mut fields = self.fields.clone();
        fields.push(b'}');
        let whole = decode_fields(&fields, vec![Section::default()])?;
        Some(LateFields {
            key_figures: if late("key_figures") {
                whole.key_figures
            } else {
                Vec::new()
            },
            copyright: whole.copyright.filter(|_| late("copyright")),
        })
    }

    /// Takes the sections decoded after those [`early`](Self::early) gave, and since the last
    /// take: a page showing the early article adds them, and they are not kept here, so a long
    /// article is never in memory whole. Empty before `early` gave an article, once a section
    /// failed, and in a second `sections` array. [`finish`](Self::finish) then lacks the sections
    /// taken; [`ended_well`](Self::ended_well) tells whether the document was sound to the end.
    pub fn take_sections(&mut self) -> Vec<Section> {
        match (self.early_fields, self.arrays, &mut self.sections) {
            (Some(_), 1, Some(sections)) => std::mem::take(sections),
            _ => Vec::new(),
        }
    }

    /// Whether the whole document has arrived as a well-formed article object and every section
    /// decoded (its other fields are checked by decoding them, in [`finish`](Self::finish) or
    /// [`early`](Self::early)).
    pub fn ended_well(&self) -> bool {
        self.well_formed() && self.sections.is_some()
    }

    fn well_formed(&self) -> bool {
        !self.gave_up && self.at == Place::End && self.pending.iter().all(|b| is_space(*b))
    }

    /// The decoded article; `None` when anything is wrong with it (or it ended early), so that
    /// parsing the whole text must say what and where.
    pub fn finish(mut self) -> Option<Article> {
        if !self.well_formed() {
            return None;
        }
        self.fields.push(b'}');
        decode_fields(&self.fields, self.sections?)
    }

    /// Consumes every complete piece of `pending`, then drops what was consumed.
    fn read(&mut self) {
        let mut at = 0;
        while let Some(next) = self.step(at) {
            at = next;
        }
        if self.gave_up {
            self.pending = Vec::new();
        } else {
            self.pending.drain(..at);
        }
    }

    /// Reads one piece starting at `at`; the position after it, or `None` when more bytes
    /// are needed (or the reader gave up).
    fn step(&mut self, at: usize) -> Option<usize> {
        let bytes = &self.pending[at..];
        if self.at == Place::Start {
            // A byte order mark is ignored, as by `parse_article_bytes`.
            const BOM: &[u8] = b"\xEF\xBB\xBF";
            if bytes.len() < BOM.len() && BOM.starts_with(bytes) {
                return None;
            }
            if bytes.starts_with(BOM) {
                self.first.get_or_insert(BOM[0]);
                return self.skip_start(at + BOM.len());
            }
            return self.skip_start(at);
        }
        let skip = bytes.iter().take_while(|b| is_space(**b)).count();
        let at = at + skip;
        let &byte = self.pending.get(at)?;
        let place = self.at;
        let next = match (place, byte) {
            (Place::FirstField, b'}') | (Place::AfterValue, b'}') => {
                self.at = Place::End;
                at + 1
            }
            (Place::FirstField | Place::NextField, b'"') => {
                let (len, _) = self.value_len(at)?;
                let name = &self.pending[at..at + len];
                let name_text = serde_json::from_slice::<String>(name).unwrap_or_default();
                let sections = name_text == "sections";
                if self.early_fields.is_some() {
                    self.late_names.push(name_text);
                }
                if place == Place::NextField {
                    self.fields.push(b',');
                }
                self.fields.extend_from_slice(name);
                self.at = Place::Colon { sections };
                at + len
            }
            (Place::Colon { sections }, b':') => {
                self.fields.push(b':');
                self.at = Place::Value { sections };
                at + 1
            }
            (Place::Value { sections: true }, b'[') => {
                // A repeated field starts over: the last one counts, as for any field.
                self.arrays += 1;
                self.sections = Some(Vec::new());
                self.index = 0;
                self.fields.extend_from_slice(b"[]");
                self.at = Place::FirstSection;
                at + 1
            }
            (Place::Value { .. }, _) => {
                let (len, _) = self.value_len(at)?;
                let value = &self.pending[at..at + len];
                self.fields.extend_from_slice(value);
                self.at = Place::AfterValue;
                at + len
            }
            (Place::AfterValue, b',') => {
                self.at = Place::NextField;
                at + 1
            }
            (Place::FirstSection, b']') | (Place::AfterSection, b']') => {
                self.at = Place::AfterValue;
                at + 1
            }
            (Place::FirstSection | Place::NextSection, _) => {
                let (len, deepest) = self.value_len(at)?;
                self.section(at, len, deepest);
                self.at = Place::AfterSection;
                at + len
            }
            (Place::AfterSection, b',') => {
                self.at = Place::NextSection;
                at + 1
            }
            _ => {
                self.gave_up = true;
                return None;
            }
        };
        Some(next)
    }

    /// At the start: white space, then `{`.
    fn skip_start(&mut self, at: usize) -> Option<usize> {
        let skip = self.pending[at..]
            .iter()
            .take_while(|b| is_space(**b))
            .count();
        let at = at + skip;
        let &byte = self.pending.get(at)?;
        self.first.get_or_insert(byte);
        if byte != b'{' {
            self.gave_up = true;
            return None;
        }
        self.fields.push(b'{');
        self.at = Place::FirstField;
        Some(at + 1)
    }

    /// Decodes the section whose text is `pending[at..at + len]`, `deepest` levels deep.
    fn section(&mut self, at: usize, len: usize, deepest: usize) {
        self.index += 1;
        let bytes = &self.pending[at..at + len];
        // The section sits two levels deep (the article object, the array), where the whole
        // text would reach the nesting limit sooner than the section's bytes alone.
        if 2 + deepest >= MAX_NESTING || check_syntax(bytes).is_err() {
            self.gave_up = true;
            return;
        }
        let Some(sections) = &mut self.sections else {
            return;
        };
        let decoded = decode_raw::<RawSection>(bytes).ok().map(Section::from);
        match decoded {
            Some(section) => sections.push(section),
            None => self.sections = None,
        }
    }

    /// The length of the complete value starting at `pending[at]` and how deeply it nests, or
    /// `None` until all of it has arrived. Finds where the value ends, not whether it is valid:
    /// serde_json checks it afterwards.
    fn value_len(&mut self, at: usize) -> Option<(usize, usize)> {
        let bytes = &self.pending[at..];
        let mut scan = self.scan;
        let first = bytes[0];
        let scalar = !matches!(first, b'"' | b'[' | b'{');
        while scan.len < bytes.len() {
            let byte = bytes[scan.len];
            if scalar {
                if matches!(byte, b',' | b'}' | b']') || is_space(byte) {
                    self.scan = Scan::default();
                    return Some((scan.len, 0));
                }
                scan.len += 1;
                continue;
            }
            scan.len += 1;
            if scan.in_string {
                match (scan.escaped, byte) {
                    (true, _) => scan.escaped = false,
                    (false, b'\\') => scan.escaped = true,
                    (false, b'"') => scan.in_string = false,
                    _ => {}
                }
            } else {
                match byte {
                    b'"' => scan.in_string = true,
                    b'[' | b'{' => {
                        scan.depth += 1;
                        scan.deepest = scan.deepest.max(scan.depth);
                    }
                    b']' | b'}' => scan.depth = scan.depth.saturating_sub(1),
                    _ => {}
                }
            }
            if scan.depth == 0 && !scan.in_string {
                self.scan = Scan::default();
                return Some((scan.len, scan.deepest));
            }
        }
        self.scan = scan;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_article_bytes;

    fn read(chunks: &[&[u8]]) -> IncrementalArticle {
        let mut reader = IncrementalArticle::new();
        for chunk in chunks {
            reader.push(chunk);
        }
        reader
    }

    fn long_article(sections: usize) -> String {
        let body: Vec<String> = (0..sections)
            .map(|i| {
                format!(
                    r#"{{"heading": "Part {i}", "blocks": [{{"type": "paragraph", "text": "Text of part {i}, with \"quotes\" and ünïcode."}}]}}"#
                )
            })
            .collect();
        format!(
            r#"{{"version": 1, "title": "Long", "sections": [{}], "lang": "en"}}"#,
            body.join(",\n")
        )
    }

    /// Reads `text` in chunks, taking the early article after 41 sections and every section
    /// after it as a page would; gives the reader at the end and the early article.
    fn stream(text: &str) -> (IncrementalArticle, Article) {
        let mut reader = IncrementalArticle::new();
        let mut early = None;
        for chunk in text.as_bytes().chunks(500) {
            reader.push(chunk);
            early = early.or_else(|| reader.early(41));
            reader.take_sections();
        }
        (reader, early.expect("shown early"))
    }

    fn sections_json(count: usize) -> String {
        let body: Vec<String> = (0..count)
            .map(|i| format!(r#"{{"id": "p{i}", "heading": "Part {i}", "blocks": []}}"#))
            .collect();
        body.join(",")
    }

    #[test]
    fn every_field_of_the_format_is_either_shown_first_or_filled_in_later() {
        use crate::wire::{RawArticle, RawSource, RawSponsor};
        // Every field set, written without `..`: a new field fails to compile here until it
        // is placed in one list or the other.
        let every = RawArticle {
            version: Some(1.into()),
            lang: Some(String::new()),
            dir: Some(String::new()),
            label: Some(String::new()),
            title: String::new(),
            standfirst: Some(String::new()),
            authors: Some(Vec::new()),
            published: Some(String::new()),
            updated: Some(String::new()),
            source: Some(RawSource::default()),
            sponsor: Some(RawSponsor::default()),
            copyright: Some(String::new()),
            key_figures: Some(Vec::new()),
            tags: Some(Vec::new()),
            image: Some(String::new()),
            notes: Some(Vec::new()),
            sections: Vec::new(),
        };
        let written = serde_json::to_value(&every).unwrap();
        let mut names: Vec<&str> = written
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        let mut placed: Vec<&str> = SHOWN_FIRST.to_vec();
        placed.extend(["copyright", "key_figures"]);
        placed.sort_unstable();
        assert_eq!(names, placed);
    }

    #[test]
    fn an_unknown_field_after_the_sections_changes_nothing() {
        let text = format!(
            r#"{{"version": 1, "title": "T", "sections": [{}], "x_editor_note": {{"a": [1]}}}}"#,
            sections_json(60)
        );
        assert_eq!(stream(&text).0.late_fields(), Some(LateFields::default()));
    }

    #[test]
    fn key_figures_and_copyright_after_the_sections_are_late_fields() {
        let text = format!(
            r#"{{"version": 1, "title": "T", "sections": [{}], "copyright": "© P",
                "key_figures": [{{"value": "1", "label": "one", "section": "p50"}}]}}"#,
            sections_json(60)
        );
        let (reader, early) = stream(&text);
        assert!(early.key_figures.is_empty());
        let late = reader
            .late_fields()
            .expect("only figures and copyright came late");
        assert_eq!(late.copyright.as_deref(), Some("© P"));
        assert_eq!(late.key_figures.len(), 1);
        assert_eq!(late.key_figures[0].section.as_deref(), Some("p50"));
    }

    #[test]
    fn other_fields_after_the_sections_are_not_late_fields() {
        for after in [
            r#""authors": ["A"]"#,
            r#""sponsor": {"name": "S"}"#,
            r#""title": "U""#,
        ] {
            let text = format!(
                r#"{{"version": 1, "title": "T", "sections": [{}], {after}}}"#,
                sections_json(60)
            );
            let (reader, _) = stream(&text);
            // A duplicate title is refused as a whole; the others change what is on screen.
            assert_eq!(reader.late_fields(), None, "{after}");
        }
        // Nothing came after the sections: nothing late, nothing changed.
        let text = format!(
            r#"{{"version": 1, "title": "T", "sections": [{}]}}"#,
            sections_json(60)
        );
        let (reader, _) = stream(&text);
        assert_eq!(reader.late_fields(), Some(LateFields::default()));
        // A document broken after its sections has no late fields either.
        let text = format!(
            r#"{{"version": 1, "title": "T", "sections": [{}], "key_figures": [}}"#,
            sections_json(60)
        );
        assert_eq!(stream(&text).0.late_fields(), None);
    }

    #[test]
    fn consumed_text_is_dropped_as_sections_arrive() {
        let text = long_article(2000);
        let mut reader = IncrementalArticle::new();
        let mut most = 0;
        for chunk in text.as_bytes().chunks(4096) {
            reader.push(chunk);
            most = most.max(reader.pending.capacity());
        }
        // Never much more than a chunk and a section, of a text of more than 200 KB.
        assert!(text.len() > 200_000);
        assert!(most < 3 * 4096, "{most}");
        let article = reader.finish().unwrap();
        assert_eq!(article, parse_article_bytes(text.as_bytes()).unwrap());
        assert_eq!(article.sections.len(), 2000);
        assert_eq!(article.lang.as_deref(), Some("en"));
    }

    #[test]
    fn the_early_article_is_the_start_of_the_finished_one() {
        let text = long_article(100);
        let mut reader = IncrementalArticle::new();
        let mut early = None;
        for chunk in text.as_bytes().chunks(700) {
            reader.push(chunk);
            early = early.or_else(|| reader.early(41));
        }
        let early = early.expect("shown early");
        // `lang` after the sections changes the article: what was shown does not stand.
        let whole = parse_article_bytes(text.as_bytes()).unwrap();
        assert_eq!(early.sections[..], whole.sections[..41]);
        // The sections moved into the early article; given back, they make the whole again.
        reader.put_back(early.sections.clone());
        assert_eq!(reader.finish().unwrap(), whole);
        // `lang` comes after the sections in this document: not known early.
        assert_eq!(early.lang, None);
        assert_eq!(whole.lang.as_deref(), Some("en"));
        assert_eq!((early.title, early.version), (whole.title, whole.version));
    }

    #[test]
    fn nothing_is_early_without_the_required_fields_or_after_a_second_sections() {
        // The title comes after the sections: the start alone is not an article.
        let late_title = long_article(50)
            .replace(r#""title": "Long", "#, "")
            .replace(r#""lang": "en"}"#, r#""lang": "en", "title": "Long"}"#);
        let (start, rest) = late_title.split_at(late_title.find("Part 45").unwrap());
        let mut reader = read(&[start.as_bytes()]);
        assert_eq!(reader.early(41), None);
        // The sections it took are lost: the whole text decides, and is a valid article.
        reader.push(rest.as_bytes());
        assert_eq!(reader.finish(), None);
        assert!(parse_article_bytes(late_title.as_bytes()).is_ok());
        // A second `sections` field is an error (which the whole text names): nothing early.
        let twice = r#"{"version": 1, "title": "T", "sections": [], "sections": [{"blocks": []}, {"blocks": []}"#;
        assert_eq!(read(&[twice.as_bytes()]).early(1), None);
        let once = twice.replace(r#""sections": [], "#, "");
        let mut reader = read(&[once.as_bytes()]);
        assert!(reader.early(1).is_some());
        reader.push(b"]}");
        assert_eq!(reader.late_fields(), Some(LateFields::default()));
        assert_eq!(reader.take_sections().len(), 1);
        assert!(reader.take_sections().is_empty());
        // The same, but the sections come again: the early ones do not stand.
        let mut reader = read(&[once.as_bytes()]);
        assert!(reader.early(1).is_some());
        reader.push(br#"], "sections": [{"blocks": []}]}"#);
        assert_eq!(reader.finish(), None);
        // Fewer sections than asked for.
        let short = r#"{"version": 1, "title": "T", "sections": [{"blocks": []}, {"blocks": []"#;
        assert_eq!(read(&[short.as_bytes()]).early(2), None);
        assert!(read(&[short.as_bytes()]).early(1).is_some());
    }

    #[test]
    fn a_byte_order_mark_may_arrive_in_pieces() {
        let text = br#"{"version": 1, "title": "T", "sections": [{"blocks": []}]}"#;
        let mut with_mark = b"\xEF\xBB\xBF".to_vec();
        with_mark.extend_from_slice(text);
        let reader = read(&[&with_mark[..1], &with_mark[1..2], &with_mark[2..]]);
        assert!(!reader.looks_like_markup());
        assert_eq!(reader.finish().unwrap().title, "T");
    }

    #[test]
    fn web_pages_are_recognised_from_their_first_byte() {
        let reader = read(&[b"  \n", b"<!doctype html><p>Not found</p>"]);
        assert!(reader.looks_like_markup());
        assert_eq!(reader.finish(), None);
    }

    #[test]
    fn malformed_or_unfinished_text_is_left_to_the_whole_text() {
        let good = r#"{"version": 1, "title": "T", "sections": [{"blocks": []}]}"#;
        for bad in [
            &good[..good.len() - 1],                                           // cut off
            r#"{"version": 1, "title": "T", "sections": [{"blocks": []},]}"#,  // trailing comma
            r#"{"version": 1 "title": "T", "sections": []}"#,                  // missing comma
            r#"{"version": 1, "title": "T", "sections": [{"blocks": []}]} x"#, // after the end
            r#"[{"version": 1}]"#,                                             // not an object
        ] {
            let reader = read(&[bad.as_bytes()]);
            assert_eq!(reader.finish(), None, "{bad}");
            assert!(parse_article_bytes(bad.as_bytes()).is_err());
        }
    }
}
