//! Raw HTML in a post, and runs of text written as HTML: handed to the HTML mapper
//! ([`super::html`]), its warnings placed at their lines in the post.

use pulldown_cmark::{CowStr, Event, TagEnd};

use crate::tools::markdown::body::Reader;
use crate::tools::markdown::html::{Mapper, Piece};
use crate::tools::markdown::spans::Spans;

impl Reader<'_> {
    /// The HTML block whose start was read, mapped into the format (its warnings noted at
    /// their lines), and its range in the source.
    pub(super) fn html_pieces(&mut self) -> (Vec<Piece>, std::ops::Range<usize>) {
        let html = self.html_block();
        let mapper = Mapper::new(&self.text[html.clone()]).blocks();
        for (offset, message) in mapper.warnings {
            self.warn(html.start + offset, message);
        }
        (mapper.pieces, html)
    }

    /// A piece of raw HTML at `offset` inside text, mapped into `spans`.
    pub(super) fn inline_html(&mut self, html: &str, offset: usize, spans: &mut Spans) {
        let mapper = Mapper::new(html).inline(html, spans, " ");
        for (at, message) in mapper.warnings {
            self.warn(offset + at, message);
        }
    }

    /// The range of source text of the HTML block whose start was read; moves past its end.
    pub(super) fn html_block(&mut self) -> std::ops::Range<usize> {
        let mut range: Option<std::ops::Range<usize>> = None;
        while let Some((event, r)) = self.next() {
            match event {
                Event::End(TagEnd::HtmlBlock) => break,
                _ => {
                    range = Some(match range {
                        None => r,
                        Some(so_far) => so_far.start..r.end.max(so_far.end),
                    })
                }
            }
        }
        range.unwrap_or(0..0)
    }

    /// The inline events `from..to`, written as HTML by pulldown-cmark (a footnote reference
    /// as a `<sup data-note>` the mapper knows) and read back by the HTML mapper.
    pub(super) fn html_run(&mut self, from: usize, to: usize, spans: &mut Spans, line_break: &str) {
        let offset = self.events.get(from).map_or(0, |(_, r)| r.start);
        let events = self.events[from..to].iter().map(|(event, _)| match event {
            Event::FootnoteReference(label) => {
                let number = self.note_numbers.get(label.as_ref()).copied().unwrap_or(0);
                Event::InlineHtml(CowStr::from(format!(
                    "<sup data-note=\"{}\">{}</sup>",
                    attribute(label),
                    crate::tools::markdown::note_marker(number)
                )))
            }
            Event::SoftBreak => Event::Text(CowStr::Borrowed(" ")),
            other => other.clone(),
        });
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events);
        // The run's own text: up to the end of its last event (an end tag's range is its
        // whole element's).
        let end = self.events[from..to]
            .iter()
            .map(|(_, r)| r.end)
            .max()
            .unwrap_or(offset);
        let source = &self.text[offset..end.max(offset)];
        let mut mapper = Mapper::new(source).inline(&html, spans, line_break);
        for (at, message) in std::mem::take(&mut mapper.warnings) {
            self.warn(offset + at.min(source.len()), message);
        }
        self.moved.append(&mut mapper.take_moved());
    }
}

/// Text safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}
