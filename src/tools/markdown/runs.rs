//! Runs of inline text (a paragraph, a heading, a cell, alternative text) read up to the end
//! of their element, with the formatting the format keeps as spans.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::model::wire::*;
use crate::tools::Diagnostic;
use crate::tools::markdown::body::{Reader, image_block};
use crate::tools::markdown::spans::Spans;

impl Reader<'_> {
    /// Inline text up to `end`, as the format writes it.
    pub(super) fn inline_until(
        &mut self,
        end: TagEnd,
        start: usize,
    ) -> Result<RawInline, Diagnostic> {
        let mut spans = self.spans_of(end, start)?;
        spans.trim();
        Ok(spans.into_inline())
    }

    /// Plain text up to `end` (alternative text).
    pub(super) fn plain_until(&mut self, end: TagEnd, start: usize) -> Result<String, Diagnostic> {
        Ok(self.spans_of(end, start)?.plain_text())
    }

    /// A section heading's or the title's words: formatting in it is kept as its text, with a
    /// note.
    pub(super) fn heading_text(&mut self, end: TagEnd, start: usize) -> Result<String, Diagnostic> {
        let spans = self.spans_of(end, start)?;
        if spans.is_formatted() {
            self.warn(
                start,
                "formatting or a link in a section heading or title is kept as its text (they are plain text)"
                    .to_owned(),
            );
        }
        Ok(spans.plain_text().trim().to_owned())
    }

    /// A sub-heading's words with their marks (inline code above all, as technical posts put
    /// it in headings); a link is kept as its text and a note reference left out, with a note.
    pub(super) fn sub_heading_inline(
        &mut self,
        end: TagEnd,
        start: usize,
    ) -> Result<RawInline, Diagnostic> {
        let mut spans = self.spans_of(end, start)?;
        if spans
            .spans
            .iter()
            .any(|s| s.href.is_some() || s.note.is_some())
        {
            self.warn(
                start,
                "a link or note reference in a heading is kept as its text (a heading holds no links)"
                    .to_owned(),
            );
            spans.spans.retain(|s| s.note.is_none());
            for span in &mut spans.spans {
                span.href = None;
            }
        }
        spans.trim();
        Ok(spans.into_inline())
    }

    /// The inline events up to `end` (which it consumes), read into spans of their own.
    fn spans_of(&mut self, end: TagEnd, start: usize) -> Result<Spans, Diagnostic> {
        let mut spans = Spans::default();
        self.spans_until(&end, &mut spans, start)?;
        Ok(spans)
    }

    /// Reads inline events into `spans` up to `end`, which it consumes.
    pub(super) fn spans_until(
        &mut self,
        end: &TagEnd,
        spans: &mut Spans,
        start: usize,
    ) -> Result<(), Diagnostic> {
        let end = *end;
        self.spans_to(
            spans,
            start,
            " ",
            &move |event, _| matches!(event, Event::End(e) if *e == end),
        )?;
        self.next();
        Ok(())
    }

    /// Reads inline events into `spans` until one for which `stop` holds (given the event and
    /// its index), which it leaves; a line break becomes `line_break`. A run with raw HTML in it
    /// is read again as HTML, by the HTML parser, from its start.
    pub(super) fn spans_to(
        &mut self,
        spans: &mut Spans,
        start: usize,
        line_break: &str,
        stop: &dyn Fn(&Event, usize) -> bool,
    ) -> Result<(), Diagnostic> {
        let first = self.at;
        let kept = spans.spans.len();
        let stop_at = (first..self.events.len())
            .find(|&i| stop(&self.events[i].0, i))
            .unwrap_or(self.events.len());
        if self.events[first..stop_at]
            .iter()
            .any(|(e, _)| matches!(e, Event::InlineHtml(_) | Event::Html(_)))
        {
            spans.spans.truncate(kept);
            self.html_run(first, stop_at, spans, line_break);
            self.at = stop_at;
            return Ok(());
        }
        while let Some((event, range)) = self.events.get(self.at).cloned() {
            if stop(&event, self.at) {
                return Ok(());
            }
            self.at += 1;
            match event {
                Event::Text(text) => spans.push(&text),
                Event::SoftBreak => spans.push(if line_break == "\n" { "\n" } else { " " }),
                Event::HardBreak => spans.push(line_break),
                Event::Code(code) => {
                    spans.code += 1;
                    spans.push(&code);
                    spans.code -= 1;
                }
                Event::Start(Tag::Strong) => spans.strong += 1,
                Event::End(TagEnd::Strong) => spans.strong -= 1,
                Event::Start(Tag::Emphasis) => spans.em += 1,
                Event::End(TagEnd::Emphasis) => spans.em -= 1,
                Event::Start(Tag::Strikethrough) => spans.strike += 1,
                Event::End(TagEnd::Strikethrough) => spans.strike -= 1,
                Event::Start(Tag::Superscript) => spans.sup += 1,
                Event::End(TagEnd::Superscript) => spans.sup -= 1,
                Event::Start(Tag::Subscript) => spans.sub += 1,
                Event::End(TagEnd::Subscript) => spans.sub -= 1,
                Event::Start(Tag::Link { dest_url, .. }) => spans.href = Some(dest_url.to_string()),
                Event::End(TagEnd::Link) => spans.href = None,
                Event::TaskListMarker(done) => spans.push(if done { "☑ " } else { "☐ " }),
                Event::FootnoteReference(label) => {
                    let number = self.note_numbers.get(label.as_ref()).copied().unwrap_or(0);
                    spans.push_note(&crate::tools::markdown::note_marker(number), &label);
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let alt = self.plain_until(TagEnd::Image, range.start)?;
                    self.warn(
                        range.start,
                        "an image inside text is moved after its paragraph".to_owned(),
                    );
                    self.moved.push(image_block(&dest_url, alt, &title));
                }
                other => {
                    return Err(self.error(
                        range.start,
                        format!("Markdown this tool cannot place inside text ({other:?})"),
                    ));
                }
            }
        }
        Err(self.error(start, "the text does not end".to_owned()))
    }
}
