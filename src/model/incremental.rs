//! Decoding an article while it downloads: each chunk is read as it arrives, every complete
//! section is decoded at once, and the bytes behind it are dropped. The whole text never has to
//! be in memory at once, and on a slow connection the decoding is done when the download is.
//!
//! Only the two outer levels (the article object and its `sections` array) are read here, by a
//! small state machine; every field value and every section is handed, complete, to the same
//! reader and decoder as [`parse_article`](crate::model::parse_article), and the article's
//! other fields are decoded at the end exactly as there. A valid document therefore gives the
//! same article both ways (tested over every fixture and corpus, chunked every way, and by the
//! fuzzer). Where the text is not a well-formed JSON object this reader gives up instead of
//! reporting: the caller then parses the whole text, which names the line and column.

use crate::model::decode::{MAX_NESTING, decode_article, decode_section, sections_path};
use crate::model::error::ArticleError;
use crate::model::json;
use crate::model::types::{Article, Section};

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
    /// The sections of the last `sections` array so far, or the first one that failed.
    sections: Result<Vec<Section>, ArticleError>,
    /// Position of the next section in its array, for error paths.
    index: usize,
    /// How many `sections` arrays have started: after the first, what [`early`](Self::early)
    /// gave may not last.
    arrays: usize,
    /// The length of `fields` when [`early`](Self::early) gave an article.
    early_fields: Option<usize>,
    /// The text is not well-formed (or not what this reader follows): the whole text decides.
    gave_up: bool,
    /// The first byte after leading white space, once seen.
    first: Option<u8>,
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
            sections: Ok(Vec::new()),
            index: 0,
            arrays: 0,
            early_fields: None,
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
    /// can still change it, which [`only_adds_to_early`](Self::only_adds_to_early) tells.
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
        let sections = self.sections.as_mut().ok()?;
        if self.gave_up || self.arrays != 1 || !inside || sections.len() < count {
            return None;
        }
        let mut fields = self.fields.clone();
        fields.push(b'}');
        let value = json::parse(std::str::from_utf8(&fields).ok()?, MAX_NESTING).ok()?;
        let Ok(article) = decode_article(&value, Ok(sections.drain(..count).collect())) else {
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
        if let Ok(rest) = &mut self.sections {
            sections.append(rest);
            *rest = sections;
        }
    }

    /// Whether everything read since [`early`](Self::early) gave an article only added sections
    /// to it: no field after `sections`, no second `sections`. The finished article then starts
    /// exactly as the early one, and what a page showed of it stands. Compared as bytes: the
    /// fields are kept as written.
    pub fn only_adds_to_early(&self) -> bool {
        self.early_fields == Some(self.fields.len()) && self.arrays == 1
    }

    /// Takes the sections decoded after those [`early`](Self::early) gave, and since the last
    /// take: a page showing the early article adds them, and they are not kept here, so a long
    /// article is never in memory whole. Empty before `early` gave an article, once a section
    /// failed, and in a second `sections` array. [`finish`](Self::finish) then lacks the sections
    /// taken; [`ended_well`](Self::ended_well) tells whether the document was sound to the end.
    pub fn take_sections(&mut self) -> Vec<Section> {
        match (self.early_fields, self.arrays, &mut self.sections) {
            (Some(_), 1, Ok(sections)) => std::mem::take(sections),
            _ => Vec::new(),
        }
    }

    /// Whether the whole document has arrived as a well-formed article object and every section
    /// decoded (its other fields are checked by decoding them, in [`finish`](Self::finish) or
    /// [`early`](Self::early)).
    pub fn ended_well(&self) -> bool {
        self.well_formed() && self.sections.is_ok()
    }

    fn well_formed(&self) -> bool {
        !self.gave_up && self.at == Place::End && self.pending.iter().all(|b| is_space(*b))
    }

    /// The decoded article, or its error; `None` when the text is not well-formed JSON (or
    /// ended early), so that parsing the whole text must say where.
    pub fn finish(mut self) -> Option<Result<Article, ArticleError>> {
        if !self.well_formed() {
            return None;
        }
        self.fields.push(b'}');
        let text = std::str::from_utf8(&self.fields).ok()?;
        let value = json::parse(text, MAX_NESTING).ok()?;
        Some(decode_article(&value, self.sections))
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
                let len = self.value_len(at)?;
                let name = &self.pending[at..at + len];
                let sections = std::str::from_utf8(name)
                    .ok()
                    .and_then(|name| json::parse(name, 1).ok())
                    .is_some_and(|name| name.as_str() == Some("sections"));
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
                self.sections = Ok(Vec::new());
                self.index = 0;
                self.fields.extend_from_slice(b"[]");
                self.at = Place::FirstSection;
                at + 1
            }
            (Place::Value { .. }, _) => {
                let len = self.value_len(at)?;
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
                let len = self.value_len(at)?;
                self.section(at, len);
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

    /// Decodes the section whose text is `pending[at..at + len]`.
    fn section(&mut self, at: usize, len: usize) {
        let index = self.index;
        self.index += 1;
        let Ok(text) = std::str::from_utf8(&self.pending[at..at + len]) else {
            self.gave_up = true;
            return;
        };
        // The section sits two levels deep (the article object, the array).
        let Ok(value) = json::parse(text, MAX_NESTING - 2) else {
            self.gave_up = true;
            return;
        };
        if let Ok(sections) = &mut self.sections {
            match decode_section(&value, sections_path().index(index)) {
                Ok(section) => sections.push(section),
                Err(error) => self.sections = Err(error),
            }
        }
    }

    /// The length of the complete value starting at `pending[at]`, or `None` until all of it
    /// has arrived. Finds where the value ends, not whether it is valid: the JSON reader checks
    /// it afterwards.
    fn value_len(&mut self, at: usize) -> Option<usize> {
        let bytes = &self.pending[at..];
        let mut scan = self.scan;
        let first = bytes[0];
        let scalar = !matches!(first, b'"' | b'[' | b'{');
        while scan.len < bytes.len() {
            let byte = bytes[scan.len];
            if scalar {
                if matches!(byte, b',' | b'}' | b']') || is_space(byte) {
                    self.scan = Scan::default();
                    return Some(scan.len);
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
                    b'[' | b'{' => scan.depth += 1,
                    b']' | b'}' => scan.depth = scan.depth.saturating_sub(1),
                    _ => {}
                }
            }
            if scan.depth == 0 && !scan.in_string {
                self.scan = Scan::default();
                return Some(scan.len);
            }
        }
        self.scan = scan;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_article_bytes;

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
        let article = reader.finish().unwrap().unwrap();
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
        assert!(!reader.only_adds_to_early());
        let whole = parse_article_bytes(text.as_bytes()).unwrap();
        assert_eq!(early.sections[..], whole.sections[..41]);
        // The sections moved into the early article; given back, they make the whole again.
        reader.put_back(early.sections.clone());
        assert_eq!(reader.finish().unwrap().unwrap(), whole);
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
        assert!(!reader.only_adds_to_early());
        // The sections it took are lost: the whole text decides, and is a valid article.
        reader.push(rest.as_bytes());
        assert_eq!(reader.finish(), None);
        assert!(parse_article_bytes(late_title.as_bytes()).is_ok());
        // A second `sections` field replaces the first: what was shown early would be wrong.
        let twice = r#"{"version": 1, "title": "T", "sections": [], "sections": [{"blocks": []}, {"blocks": []}"#;
        assert_eq!(read(&[twice.as_bytes()]).early(1), None);
        let once = twice.replace(r#""sections": [], "#, "");
        let mut reader = read(&[once.as_bytes()]);
        assert!(reader.early(1).is_some());
        reader.push(b"]}");
        assert!(reader.only_adds_to_early() && reader.ended_well());
        assert_eq!(reader.take_sections().len(), 1);
        assert!(reader.take_sections().is_empty());
        // The same, but the sections come again: the early ones do not stand.
        let mut reader = read(&[once.as_bytes()]);
        assert!(reader.early(1).is_some());
        reader.push(br#"], "sections": [{"blocks": []}]}"#);
        assert!(!reader.only_adds_to_early());
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
        assert_eq!(reader.finish().unwrap().unwrap().title, "T");
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
