//! The blocks that hold other text, read from Markdown events for [`super::body`]: lists
//! (cut where an item holds a block the format's items cannot), block quotes (a quote with its
//! source, or a pull-quote), and GitHub tables.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use crate::model::wire::*;
use crate::tools::Diagnostic;
use crate::tools::markdown::body::Reader;
use crate::tools::markdown::spans::{Spans, joined};

/// What the first line of a block quote says it is.
const PULL_QUOTE: &str = "[pull-quote]";
const PULL_QUOTE_REPEATS: &str = "[pull-quote repeats]";
const PULL_QUOTE_UNIQUE: &str = "[pull-quote unique]";
/// What starts the line naming a quote's source or a pull-quote's speaker.
const SOURCE_DASH: &str = "— ";

impl Reader<'_> {
    /// A list, cut where an item holds a block the format's items cannot (code, a quote, a
    /// table): the list so far, the blocks, then the list goes on.
    pub(super) fn list(
        &mut self,
        first: Option<u64>,
        start: usize,
    ) -> Result<Vec<RawBlock>, Diagnostic> {
        let ordered = first.is_some();
        let end = TagEnd::List(ordered);
        let list = |items: Vec<RawListItem>| RawBlock {
            kind: "list".to_owned(),
            ordered: Some(ordered),
            items: Some(items),
            ..RawBlock::default()
        };
        let mut blocks = Vec::new();
        let mut items = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(e) if e == end => {
                    if !items.is_empty() {
                        blocks.push(list(items));
                    }
                    return Ok(blocks);
                }
                Event::Start(Tag::Item) => {
                    let (item, tail) = self.item(range.start, true)?;
                    if let Some(item) = item {
                        items.push(item);
                    }
                    if !tail.is_empty() {
                        if !items.is_empty() {
                            blocks.push(list(std::mem::take(&mut items)));
                        }
                        blocks.extend(tail);
                    }
                }
                other => {
                    return Err(self.error(range.start, format!("unexpected in a list: {other:?}")));
                }
            }
        }
        Err(self.error(start, "the list does not end".to_owned()))
    }

    /// The items of a list inside an item (which cannot be cut: its blocks become text).
    fn nested_items(
        &mut self,
        ordered: bool,
        start: usize,
    ) -> Result<Vec<RawListItem>, Diagnostic> {
        let end = TagEnd::List(ordered);
        let mut items = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(e) if e == end => return Ok(items),
                Event::Start(Tag::Item) => {
                    if let (Some(item), _) = self.item(range.start, false)? {
                        items.push(item);
                    }
                }
                other => {
                    return Err(self.error(range.start, format!("unexpected in a list: {other:?}")));
                }
            }
        }
        Err(self.error(start, "the list does not end".to_owned()))
    }

    /// One item: its text (paragraphs joined by a space) and at most one list inside it (a
    /// second one's items join the first). In a top-level item (`top`), a block the format's
    /// items cannot hold ends the item: it and the rest of the item come back as blocks.
    fn item(
        &mut self,
        start: usize,
        top: bool,
    ) -> Result<(Option<RawListItem>, Vec<RawBlock>), Diagnostic> {
        let mut spans = Spans::default();
        let mut inner: Option<(bool, Vec<RawListItem>)> = None;
        let mut tail: Vec<RawBlock> = Vec::new();
        loop {
            let Some((event, range)) = self.events.get(self.at).cloned() else {
                return Err(self.error(start, "the list item does not end".to_owned()));
            };
            if !tail.is_empty() {
                // The rest of a cut item, block by block.
                self.at += 1;
                if let Event::End(TagEnd::Item) = event {
                    break;
                }
                tail.extend(self.block(event, range)?);
                continue;
            }
            match event {
                Event::End(TagEnd::Item) => {
                    self.at += 1;
                    break;
                }
                Event::Start(Tag::Paragraph) => {
                    self.at += 1;
                    if !spans.is_blank() {
                        spans.push(" ");
                    }
                    self.spans_until(&TagEnd::Paragraph, &mut spans, range.start)?;
                }
                Event::Start(Tag::List(first)) => {
                    self.at += 1;
                    let items = self.nested_items(first.is_some(), range.start)?;
                    match &mut inner {
                        None => inner = Some((first.is_some(), items)),
                        Some((_, so_far)) => so_far.extend(items),
                    }
                }
                Event::Start(
                    Tag::CodeBlock(_)
                    | Tag::BlockQuote(_)
                    | Tag::Table(_)
                    | Tag::HtmlBlock
                    | Tag::Heading { .. },
                )
                | Event::Rule => {
                    if top {
                        self.at += 1;
                        tail.extend(self.block(event, range)?);
                        if tail.is_empty() {
                            // An HTML comment: nothing to place.
                            continue;
                        }
                    } else {
                        let end = match &event {
                            Event::Start(tag) => self.end_of(self.at + 1, tag.to_end()),
                            _ => self.at,
                        };
                        if !spans.is_blank() {
                            spans.push(" ");
                        }
                        self.flatten_until(end + 1, &mut spans, range.start)?;
                    }
                }
                _ => {
                    // A tight item's text comes without a paragraph.
                    self.spans_to(&mut spans, range.start, " ", &|event, _| {
                        matches!(
                            event,
                            Event::End(TagEnd::Item)
                                | Event::Start(
                                    Tag::List(_)
                                        | Tag::CodeBlock(_)
                                        | Tag::BlockQuote(_)
                                        | Tag::Table(_)
                                        | Tag::HtmlBlock
                                        | Tag::Heading { .. }
                                        | Tag::Paragraph
                                )
                                | Event::Rule
                        )
                    })?;
                }
            }
        }
        spans.trim();
        let moved = std::mem::take(&mut self.moved);
        tail.splice(0..0, moved);
        let text = spans.into_inline();
        let empty = matches!(&text, RawInline::Text(t) if t.is_empty());
        let item = match inner {
            None if empty && !tail.is_empty() => None,
            None => Some(RawListItem::Text(text)),
            Some((ordered, items)) => Some(RawListItem::Nested(RawNestedItem {
                text,
                items: Some(items),
                ordered: ordered.then_some(true),
            })),
        };
        Ok((item, tail))
    }

    /// A block quote: a quote with its source, or a pull-quote. Blocks inside it other than
    /// paragraphs are kept as its text.
    pub(super) fn quote(&mut self, start: usize) -> Result<RawBlock, Diagnostic> {
        let end = self.end_of(self.at, TagEnd::BlockQuote(None));
        // The quote's lines, whether in one paragraph or several.
        let mut all = Spans::default();
        while self.at < end {
            let (event, range) = self.events[self.at].clone();
            match event {
                Event::Start(Tag::Paragraph) => {
                    self.at += 1;
                    if !all.spans.is_empty() {
                        all.push("\n");
                    }
                    self.spans_to(&mut all, range.start, "\n", &|event, _| {
                        matches!(event, Event::End(TagEnd::Paragraph))
                    })?;
                    self.at += 1;
                }
                Event::Start(tag) => {
                    let inner_end = self.end_of(self.at + 1, tag.to_end());
                    if !all.spans.is_empty() {
                        all.push("\n");
                    }
                    let mut spans = Spans::default();
                    self.flatten_until(inner_end + 1, &mut spans, range.start)?;
                    spans.trim();
                    all.extend(spans);
                }
                _ => {
                    let mut spans = Spans::default();
                    self.flatten_until(self.at + 1, &mut spans, range.start)?;
                    all.extend(spans);
                }
            }
        }
        self.at = end + 1;
        let lines = all.lines();
        let mut lines: Vec<RawInline> = lines
            .into_iter()
            .filter(|l| !l.is_blank())
            .map(|mut l| {
                l.trim();
                l.into_inline()
            })
            .collect();
        let plain = |inline: &RawInline| match inline {
            RawInline::Text(text) => Some(text.clone()),
            RawInline::Spans(_) => None,
        };
        let source = match lines.last().and_then(plain) {
            Some(last) if last.starts_with(SOURCE_DASH) && lines.len() > 1 => {
                lines.pop();
                Some(last[SOURCE_DASH.len()..].to_owned())
            }
            _ => None,
        };
        let marker = lines.first().and_then(plain);
        let repeats = match marker.as_deref() {
            Some(PULL_QUOTE) => Some(None),
            Some(PULL_QUOTE_REPEATS) => Some(Some(true)),
            Some(PULL_QUOTE_UNIQUE) => Some(Some(false)),
            _ => None,
        };
        if let Some(repeats_text) = repeats {
            lines.remove(0);
            let words: Option<Vec<String>> = lines.iter().map(plain).collect();
            let Some(words) = words else {
                return Err(self.error(
                    start,
                    "a pull-quote is plain text: no formatting or links".to_owned(),
                ));
            };
            return Ok(RawBlock {
                kind: "pull_quote".to_owned(),
                text: Some(RawInline::Text(words.join(" "))),
                attribution: source,
                repeats_text,
                ..RawBlock::default()
            });
        }
        Ok(RawBlock {
            kind: "quote".to_owned(),
            text: Some(joined(lines).into_inline()),
            cite: source,
            ..RawBlock::default()
        })
    }

    /// A GitHub-style table: its head row, body rows and alignments.
    pub(super) fn table(
        &mut self,
        alignments: Vec<Alignment>,
        start: usize,
    ) -> Result<RawBlock, Diagnostic> {
        let mut head = Vec::new();
        let mut rows = Vec::new();
        let mut row: Vec<RawInline> = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => {}
                Event::End(TagEnd::TableHead) => head.push(std::mem::take(&mut row)),
                Event::Start(Tag::TableRow) => {}
                Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
                Event::Start(Tag::TableCell) => {
                    row.push(self.inline_until(TagEnd::TableCell, range.start)?)
                }
                other => {
                    return Err(
                        self.error(range.start, format!("unexpected in a table: {other:?}"))
                    );
                }
            }
        }
        let align: Vec<Option<String>> = alignments
            .iter()
            .map(|a| match a {
                Alignment::None => None,
                Alignment::Left => Some("left".to_owned()),
                Alignment::Right => Some("right".to_owned()),
                Alignment::Center => Some("center".to_owned()),
            })
            .collect();
        if head.iter().all(|r: &Vec<RawInline>| r.is_empty()) && rows.is_empty() {
            return Err(self.error(start, "an empty table".to_owned()));
        }
        Ok(RawBlock {
            kind: "table".to_owned(),
            head: Some(head),
            rows: Some(rows),
            align: align.iter().any(Option::is_some).then_some(align),
            ..RawBlock::default()
        })
    }
}
