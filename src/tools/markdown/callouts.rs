//! Block quotes that are callouts: GitHub's alerts (`> [!NOTE]`) and the titled, foldable form
//! Obsidian writes (`> [!warning]- Title`), which is also what [`super::admonitions`] turns
//! every other generator's admonition into and what `article to-markdown` writes. The body is
//! read as blocks, like a section's.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::model::CalloutKind;
use crate::model::wire::*;
use crate::tools::Diagnostic;
use crate::tools::markdown::body::{Reader, add_to_body};
use crate::tools::markdown::spans::{Spans, joined};

/// A callout's marker line, read: `[!kind]`, an optional fold sign, an optional title.
#[derive(Debug, PartialEq)]
pub(super) struct Marker {
    /// The kind as written, e.g. `WARNING`, `danger`.
    pub name: String,
    /// `-` after the brackets: starts closed.
    pub collapsed: bool,
    /// What follows on the line.
    pub title: String,
}

/// Reads a marker line (`[!NOTE]`, `[!tip]- Title`); `None` for any other text.
pub(super) fn marker(line: &str) -> Option<Marker> {
    let rest = line.trim_start().strip_prefix("[!")?;
    let close = rest.find(']')?;
    let name = &rest[..close];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let rest = &rest[close + 1..];
    let (collapsed, rest) = match rest.chars().next() {
        Some('-') => (true, &rest[1..]),
        Some('+') => (false, &rest[1..]),
        _ => (false, rest),
    };
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(Marker {
        name: name.to_owned(),
        collapsed,
        title: rest.trim().to_owned(),
    })
}

/// The format's kind for an admonition named `name` by any generator (GitHub, Obsidian,
/// Docusaurus, MkDocs Material, Hugo themes, Bootstrap colours), and whether the name was
/// known. An unknown name is a note.
pub(super) fn kind_for(name: &str) -> (&'static str, bool) {
    let kind = match name.to_ascii_lowercase().as_str() {
        "note" | "info" | "information" | "abstract" | "summary" | "tldr" | "todo" | "question"
        | "help" | "faq" | "example" | "quote" | "cite" | "seealso" | "primary" | "secondary"
        | "notice" | "details" | "light" | "dark" => "note",
        "tip" | "hint" | "success" | "check" | "done" => "tip",
        "important" => "important",
        "warning" | "warn" | "attention" => "warning",
        "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "caution",
        _ => return ("note", false),
    };
    (kind, true)
}

/// The note for a kind no generator's name maps (`what`: "callout", "admonition").
pub(super) fn unknown_kind(what: &str, name: &str) -> String {
    let kinds: Vec<&str> = CalloutKind::ALL.iter().map(|k| k.name()).collect();
    let (last, rest) = kinds.split_last().expect("five kinds");
    format!(
        "the {what} kind `{name}` is shown as a note (the format knows {} and {last})",
        rest.join(", ")
    )
}

/// Paragraphs as one quote block (their runs joined by a space); `None` when another kind
/// of block is among them.
fn quotation(blocks: &[Decoded<RawBlock>]) -> Option<RawBlock> {
    let runs: Option<Vec<RawInline>> = blocks
        .iter()
        .map(|block| match block {
            Decoded::Value(RawBlock {
                kind,
                text: Some(run),
                ..
            }) if kind == "paragraph" => Some(run.clone()),
            _ => None,
        })
        .collect();
    let text = joined(runs?);
    (!text.spans.is_empty()).then(|| RawBlock {
        kind: "quote".to_owned(),
        text: Some(text.into_inline()),
        ..RawBlock::default()
    })
}

impl Reader<'_> {
    /// The block quote starting here as a callout, when its first line is a marker; the
    /// reader is then past the quote. `None` (the reader unmoved) for any other quote.
    pub(super) fn callout(&mut self, start: usize) -> Result<Option<RawBlock>, Diagnostic> {
        if !matches!(
            self.events.get(self.at),
            Some((Event::Start(Tag::Paragraph), _))
        ) {
            return Ok(None);
        }
        let end = self.end_of(self.at, TagEnd::BlockQuote(None));
        let (first, moved, warnings) = (self.at, self.moved.len(), self.warnings.len());
        self.at += 1;
        let mut line = Spans::default();
        self.spans_to(&mut line, start, " ", &|event, _| {
            matches!(
                event,
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)
            )
        })?;
        let Some(marker) = marker(&line.plain_text()) else {
            self.at = first;
            self.moved.truncate(moved);
            self.warnings.truncate(warnings);
            return Ok(None);
        };
        let (kind, known) = kind_for(&marker.name);
        if !known {
            self.warn(start, unknown_kind("callout", &marker.name));
        }
        let mut blocks = Vec::new();
        // The rest of the first paragraph, after the marker's line, is the body's first.
        if matches!(self.next(), Some((Event::SoftBreak | Event::HardBreak, _))) {
            let text = self.inline_until(TagEnd::Paragraph, start)?;
            blocks.push(Decoded::Value(RawBlock {
                kind: "paragraph".to_owned(),
                text: Some(text),
                ..RawBlock::default()
            }));
            blocks.extend(self.moved.drain(moved..).map(Decoded::Value));
        }
        while self.at < end {
            let Some((event, range)) = self.next() else {
                break;
            };
            let at = range.start;
            for block in self.block(event, range)? {
                if add_to_body(&mut blocks, block) {
                    self.warn(
                        at,
                        "a callout inside a callout is written into the outer one (callouts are one level deep)"
                            .to_owned(),
                    );
                }
            }
        }
        self.at = end + 1;
        // Obsidian's and MkDocs's `quote` callout is a quotation: a quote block, when it holds
        // only paragraphs.
        if ["quote", "cite"].contains(&marker.name.to_ascii_lowercase().as_str())
            && let Some(quote) = quotation(&blocks)
        {
            return Ok(Some(quote));
        }
        Ok(Some(RawBlock {
            kind: "callout".to_owned(),
            callout: Some(kind.to_owned()),
            title: (!marker.title.is_empty()).then_some(marker.title),
            collapsed: marker.collapsed.then_some(true),
            blocks: Some(blocks),
            ..RawBlock::default()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_with_their_fold_and_title() {
        let m = marker("[!NOTE]").unwrap();
        assert_eq!(
            (m.name.as_str(), m.collapsed, m.title.as_str()),
            ("NOTE", false, "")
        );
        let m = marker("[!warning]- Read this first").unwrap();
        assert_eq!(
            (m.name.as_str(), m.collapsed, m.title.as_str()),
            ("warning", true, "Read this first")
        );
        assert!(!marker("[!tip]+ Open").unwrap().collapsed);
        for text in ["[note] x", "[!] x", "[!NOTE]x", "see [!NOTE]", "[!a b] x"] {
            assert_eq!(marker(text), None, "{text}");
        }
    }

    #[test]
    fn every_generators_names_map_to_the_five_kinds() {
        assert_eq!(kind_for("DANGER"), ("caution", true));
        assert_eq!(kind_for("info"), ("note", true));
        assert_eq!(kind_for("success"), ("tip", true));
        assert_eq!(kind_for("attention"), ("warning", true));
        assert_eq!(kind_for("important"), ("important", true));
        assert_eq!(kind_for("custom"), ("note", false));
    }
}
