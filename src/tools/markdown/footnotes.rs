//! Footnotes → the article's notes: numbered in the order they are first referred to (as
//! GitHub does), each read as one run of text.

use pulldown_cmark::{Event, TagEnd};

use crate::model::wire::*;
use crate::tools::Diagnostic;
use crate::tools::markdown::body::Reader;
use crate::tools::markdown::spans::Spans;

impl Reader<'_> {
    /// Numbers the footnotes in the order they are first referred to, as GitHub does.
    pub(super) fn number_notes(&mut self) {
        for (event, _) in &self.events {
            if let Event::FootnoteReference(label) = event {
                let next = self.note_numbers.len() + 1;
                self.note_numbers.entry(label.to_string()).or_insert(next);
            }
        }
    }

    /// The notes in number order; those never referred to follow, in the order written.
    pub(super) fn finish_notes(&mut self) -> Vec<RawNote> {
        let mut notes = std::mem::take(&mut self.notes);
        notes.sort_by_key(|(label, _)| self.note_numbers.get(label).copied().unwrap_or(usize::MAX));
        notes
            .into_iter()
            .map(|(id, text)| RawNote { id, text })
            .collect()
    }

    /// A footnote's definition, read as one run of text (its paragraphs joined by spaces).
    pub(super) fn footnote(&mut self, label: String, start: usize) -> Result<(), Diagnostic> {
        let end = self.end_of(self.at, TagEnd::FootnoteDefinition);
        let mut spans = Spans::default();
        self.flatten_until(end, &mut spans, start)?;
        self.at = end + 1;
        spans.trim();
        if !self.note_numbers.contains_key(&label) {
            self.warn(start, format!("the footnote [^{label}] is never referred to; it is kept at the end of the notes"));
        }
        self.notes.push((label, spans.into_inline()));
        Ok(())
    }
}
