//! The body of a post → the article's sections and notes. pulldown-cmark reads the Markdown
//! (CommonMark with GitHub's tables, strikethrough, task lists and footnotes, and heading
//! attributes); each event finds its place in the format:
//!
//! - the heading level a post uses most broadly starts sections (`##` in the format's own
//!   files, `#` in many blogs), the next two are sub-headings, deeper ones are level 4;
//! - text before the first section heading is the lead;
//! - inline code, strikethrough and footnote references are marks on spans; a task list's box
//!   is its state as text; an image inside a sentence moves after its paragraph;
//! - footnotes become the article's notes, numbered in the order they are first referred to;
//! - raw HTML is read by an HTML parser ([`super::html`]);
//! - a block inside a list item ends the list there, and the list goes on after it.
//!
//! The format's own conventions are kept: a block quote whose last line starts with "— "
//! names its source, one whose first line is `[pull-quote]` is a pull-quote, an image alone in
//! a paragraph is an image block, `## Heading {#id .collapsed}` names and closes a section.

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::wire::*;
use crate::tools::markdown::html::Piece;
use crate::tools::markdown::spans::Spans;
use crate::tools::{Diagnostic, Position};

/// What the body gives the article.
pub struct Body {
    pub sections: Vec<RawSection>,
    pub notes: Vec<RawNote>,
    /// The first heading's text, when it was taken as the title.
    pub title: Option<String>,
    pub warnings: Vec<Diagnostic>,
}

pub(super) type Events<'a> = Vec<(Event<'a>, std::ops::Range<usize>)>;

/// Reads `text` (the whole file, its front matter blanked out so that positions are the
/// file's). `wants_title`: the front matter has no title, so a first `#` heading is it. `tabs`:
/// where the lines start that are a content tab's label ([`super::admonitions`]), each a
/// sub-heading of the deepest level, whatever the post's headings.
pub fn read_body(text: &str, wants_title: bool, tabs: &[usize]) -> Result<Body, Diagnostic> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let events: Events = Parser::new_ext(text, options).into_offset_iter().collect();
    let mut reader = Reader {
        text,
        events,
        at: 0,
        warnings: Vec::new(),
        top: 2,
        note_numbers: HashMap::new(),
        notes: Vec::new(),
        moved: Vec::new(),
        tabs: tabs.to_vec(),
    };
    let title = if wants_title {
        reader.take_title()?
    } else {
        None
    };
    reader.top = reader.top_level();
    reader.number_notes();
    let mut sections = vec![RawSection::default()];
    // A `<details>` open: the collapsed callout its blocks go into, and how many `<details>`
    // inside it are open (their summaries become headings in it: callouts are one level deep).
    let mut details: Option<(RawBlock, usize)> = None;
    while let Some((event, range)) = reader.next() {
        if let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = &event
            && *level as u8 <= reader.top
            && !reader.is_tab(range.start)
        {
            let start = range.start;
            if let Some((callout, _)) = details.take() {
                reader.warn(
                    start,
                    "a section heading inside <details> ends the collapsed part there".to_owned(),
                );
                push_block(&mut sections, callout);
            }
            let heading = reader.heading_text(TagEnd::Heading(*level), start)?;
            let mut collapsed = None;
            for class in classes {
                match class.as_ref() {
                    "collapsed" => collapsed = Some(true),
                    other => reader.warn(start, format!("the heading class `.{other}` is left out (the format knows `.collapsed`)")),
                }
            }
            if let Some((name, _)) = attrs.first() {
                reader.warn(
                    start,
                    format!("the heading attribute `{name}` is left out (the format knows `{{#id .collapsed}}`)"),
                );
            }
            sections.push(RawSection {
                id: id.as_ref().map(|id| id.to_string()),
                heading: Some(heading),
                collapsed,
                blocks: Vec::new(),
            });
            continue;
        }
        if matches!(event, Event::Start(Tag::HtmlBlock)) {
            let (pieces, html) = reader.html_pieces();
            for piece in pieces {
                match piece {
                    Piece::Block(block) => put(&mut sections, &mut details, *block),
                    Piece::Heading(level, text) if level <= reader.top && details.is_none() => {
                        sections.push(RawSection {
                            heading: Some(text),
                            ..RawSection::default()
                        });
                    }
                    Piece::Heading(level, text) => {
                        let level = reader.sub_level(level, html.start).max(3);
                        put(
                            &mut sections,
                            &mut details,
                            heading_block(RawInline::Text(text), level),
                        );
                    }
                    Piece::OpenDetails(summary) => match details.as_mut() {
                        Some((callout, inner)) => {
                            *inner += 1;
                            let heading = heading_block(RawInline::Text(summary), 4);
                            add_to_body(callout.blocks.get_or_insert_with(Vec::new), heading);
                        }
                        None => details = Some((details_callout(summary), 0)),
                    },
                    Piece::CloseDetails => match details.take() {
                        Some((callout, 0)) => push_block(&mut sections, callout),
                        Some((callout, inner)) => details = Some((callout, inner - 1)),
                        None => {}
                    },
                }
            }
            continue;
        }
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            reader.footnote(label.to_string(), range.start)?;
            continue;
        }
        for block in reader.block(event, range)? {
            put(&mut sections, &mut details, block);
        }
    }
    // A `<details>` the post never closes ends with it.
    if let Some((callout, _)) = details {
        push_block(&mut sections, callout);
    }
    // Sections with nothing in them and no heading (the lead of a post that starts with a
    // heading) are not sections.
    sections.retain(|s| s.heading.is_some() || !s.blocks.is_empty());
    if sections.is_empty() {
        sections.push(RawSection::default());
    }
    let notes = reader.finish_notes();
    Ok(Body {
        sections,
        notes,
        title,
        warnings: reader.warnings,
    })
}

/// A `<details>` as the format has it: a note callout, collapsed, titled by its summary.
fn details_callout(summary: String) -> RawBlock {
    RawBlock {
        kind: "callout".to_owned(),
        callout: Some("note".to_owned()),
        title: Some(summary),
        collapsed: Some(true),
        blocks: Some(Vec::new()),
        ..RawBlock::default()
    }
}

/// A block where it goes: into the open `<details>`, or the current section.
fn put(sections: &mut [RawSection], details: &mut Option<(RawBlock, usize)>, block: RawBlock) {
    match details {
        Some((callout, _)) => {
            add_to_body(callout.blocks.get_or_insert_with(Vec::new), block);
        }
        None => push_block(sections, block),
    }
}

fn push_block(sections: &mut [RawSection], block: RawBlock) {
    let section = sections.last_mut().expect("there is always a section");
    section.blocks.push(Decoded::Value(block));
}

pub(super) fn heading_block(text: RawInline, level: u8) -> RawBlock {
    RawBlock {
        kind: "heading".to_owned(),
        text: Some(text),
        level: Some(f64::from(level)),
        ..RawBlock::default()
    }
}

/// Adds a block to a callout's body. A callout, which the format does not hold inside another,
/// gives its title (or kind) as a sub-heading and its blocks: then true, for the caller to
/// note.
pub(super) fn add_to_body(body: &mut Vec<Decoded<RawBlock>>, block: RawBlock) -> bool {
    if block.kind != "callout" {
        body.push(Decoded::Value(block));
        return false;
    }
    let heading = block
        .title
        .or(block.callout)
        .unwrap_or_else(|| "note".to_owned());
    body.push(Decoded::Value(heading_block(RawInline::Text(heading), 4)));
    body.extend(block.blocks.unwrap_or_default());
    true
}

/// The events of one file, read front to back.
pub(super) struct Reader<'a> {
    pub(super) text: &'a str,
    pub(super) events: Events<'a>,
    pub(super) at: usize,
    pub(super) warnings: Vec<Diagnostic>,
    /// The heading level that starts sections.
    pub(super) top: u8,
    /// Each footnote's number, in the order first referred to.
    pub(super) note_numbers: HashMap<String, usize>,
    /// Footnotes read: label and text, in the order defined.
    pub(super) notes: Vec<(String, RawInline)>,
    /// Images met inside text, placed after the block they were in.
    pub(super) moved: Vec<RawBlock>,
    /// Where the lines start that are a content tab's label.
    tabs: Vec<usize>,
}

impl<'a> Reader<'a> {
    pub(super) fn next(&mut self) -> Option<(Event<'a>, std::ops::Range<usize>)> {
        let item = self.events.get(self.at).cloned();
        self.at += 1;
        item
    }

    pub(super) fn error(&self, offset: usize, message: String) -> Diagnostic {
        Diagnostic {
            position: Position::at(self.text, offset),
            message,
        }
    }

    pub(super) fn warn(&mut self, offset: usize, message: String) {
        let warning = self.error(offset, message);
        self.warnings.push(warning);
    }

    /// The first block, when it is a `#` heading: the title, taken out of the body.
    fn take_title(&mut self) -> Result<Option<String>, Diagnostic> {
        let Some((Event::Start(Tag::Heading { level, .. }), range)) = self.events.first().cloned()
        else {
            return Ok(None);
        };
        if level != HeadingLevel::H1 {
            return Ok(None);
        }
        self.at = 1;
        let title = self.heading_text(TagEnd::Heading(level), range.start)?;
        let rest = self.events.split_off(self.at);
        self.events = rest;
        self.at = 0;
        Ok(Some(title))
    }

    /// Whether the heading at `offset` is a content tab's label.
    fn is_tab(&self, offset: usize) -> bool {
        let line = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        self.tabs.contains(&line)
    }

    /// The broadest heading level the body uses (2 when it has none, as in the format's files);
    /// content tabs' labels do not count.
    fn top_level(&self) -> u8 {
        self.events
            .iter()
            .filter_map(|(event, range)| match event {
                Event::Start(Tag::Heading { level, .. }) if !self.is_tab(range.start) => {
                    Some(*level as u8)
                }
                _ => None,
            })
            .min()
            .unwrap_or(2)
    }

    /// A heading below the section level as the format's 3 or 4 (deeper ones are 4, noted).
    fn sub_level(&mut self, level: u8, offset: usize) -> u8 {
        let mapped = 3 + level.saturating_sub(self.top + 1);
        if mapped > 4 {
            self.warn(
                offset,
                format!("a level {level} heading is shown at the format's deepest level, 4"),
            );
            4
        } else {
            mapped
        }
    }

    /// Every event up to index `end` as text: blocks inside an item or a note, whose text is
    /// kept in the one run the format has there (a code block's text as code).
    pub(super) fn flatten_until(
        &mut self,
        end: usize,
        spans: &mut Spans,
        start: usize,
    ) -> Result<(), Diagnostic> {
        while self.at < end {
            let (event, range) = self.events[self.at].clone();
            match event {
                Event::Start(
                    Tag::Paragraph
                    | Tag::Item
                    | Tag::List(_)
                    | Tag::BlockQuote(_)
                    | Tag::TableCell
                    | Tag::Heading { .. },
                )
                | Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::List(_)
                    | TagEnd::BlockQuote(_)
                    | TagEnd::TableCell
                    | TagEnd::Heading(_),
                ) => {
                    self.at += 1;
                    if !spans.is_blank() && !spans.plain_text().ends_with(' ') {
                        spans.push(" ");
                    }
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    self.at += 1;
                    spans.code += 1;
                    while let Some((Event::Text(text), _)) = self.events.get(self.at).cloned() {
                        spans.push(text.trim_end_matches('\n'));
                        self.at += 1;
                    }
                    spans.code -= 1;
                }
                Event::End(TagEnd::CodeBlock) => self.at += 1,
                Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::HtmlBlock)
                | Event::End(
                    TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::HtmlBlock,
                )
                | Event::Rule => self.at += 1,
                Event::Html(html) => {
                    self.at += 1;
                    self.inline_html(&html, range.start, spans);
                }
                _ => {
                    // A run of inline text: up to the next block's edge.
                    let (stop, from) = (end, self.at);
                    self.spans_to(spans, start, " ", &move |event, i| {
                        i >= stop || (i > from && is_block_edge(event))
                    })?;
                }
            }
        }
        Ok(())
    }

    /// One block from its first event: usually one, or a list cut by the blocks in its items,
    /// or a paragraph and the images that were inside it.
    pub(super) fn block(
        &mut self,
        event: Event<'a>,
        range: std::ops::Range<usize>,
    ) -> Result<Vec<RawBlock>, Diagnostic> {
        let start = range.start;
        let block = |kind: &str| RawBlock {
            kind: kind.to_owned(),
            ..RawBlock::default()
        };
        let one = match event {
            Event::Start(Tag::Paragraph) => {
                if let Some(image) = self.image_paragraph(start)? {
                    return Ok(vec![image]);
                }
                let text = self.inline_until(TagEnd::Paragraph, start)?;
                let mut blocks = Vec::new();
                let blank = matches!(&text, RawInline::Text(t) if t.trim().is_empty());
                if !blank {
                    blocks.push(RawBlock {
                        text: Some(text),
                        ..block("paragraph")
                    });
                }
                blocks.append(&mut self.moved);
                return Ok(blocks);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let text = self.sub_heading_inline(TagEnd::Heading(level), start)?;
                let level = if self.is_tab(start) {
                    4
                } else {
                    self.sub_level(level as u8, start)
                };
                heading_block(text, level)
            }
            Event::Start(Tag::List(first)) => return self.list(first, start),
            Event::Start(Tag::BlockQuote(_)) => {
                let quote = match self.callout(start)? {
                    Some(callout) => callout,
                    None => self.quote(start)?,
                };
                let mut blocks = vec![quote];
                blocks.append(&mut self.moved);
                return Ok(blocks);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut text = String::new();
                while let Some((event, _)) = self.next() {
                    match event {
                        Event::Text(t) => text.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                // The fence's last line break ends the block; the text's own are kept.
                if text.ends_with('\n') {
                    text.pop();
                }
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned),
                    CodeBlockKind::Indented => None,
                };
                RawBlock {
                    text: Some(RawInline::Text(text)),
                    language,
                    ..block("code")
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                let table = self.table(alignments, start)?;
                let mut blocks = vec![table];
                blocks.append(&mut self.moved);
                return Ok(blocks);
            }
            Event::Rule => block("divider"),
            Event::Start(Tag::HtmlBlock) => {
                // Only inside list items and quotes: read as blocks there.
                return Ok(self
                    .html_pieces()
                    .0
                    .into_iter()
                    .filter_map(|piece| match piece {
                        Piece::Block(block) => Some(*block),
                        Piece::Heading(_, text) | Piece::OpenDetails(text) => {
                            Some(heading_block(RawInline::Text(text), 4))
                        }
                        Piece::CloseDetails => None,
                    })
                    .collect());
            }
            Event::Html(html) => {
                let mut spans = Spans::default();
                self.inline_html(&html, start, &mut spans);
                spans.trim();
                if spans.is_blank() {
                    return Ok(Vec::new());
                }
                RawBlock {
                    text: Some(spans.into_inline()),
                    ..block("paragraph")
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnote(label.to_string(), start)?;
                return Ok(Vec::new());
            }
            other => {
                return Err(self.error(
                    start,
                    format!("Markdown this tool cannot place here ({other:?})"),
                ));
            }
        };
        Ok(vec![one])
    }

    /// An image alone in a paragraph (a link around it is left out, with a note): the image
    /// block, and the reader moved past the paragraph.
    fn image_paragraph(&mut self, start: usize) -> Result<Option<RawBlock>, Diagnostic> {
        let mut at = self.at;
        let link = matches!(
            self.events.get(at),
            Some((Event::Start(Tag::Link { .. }), _))
        );
        if link {
            at += 1;
        }
        let Some((
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            _,
        )) = self.events.get(at).cloned()
        else {
            return Ok(None);
        };
        let mut after = self.end_of(at + 1, TagEnd::Image) + 1;
        if link {
            if !matches!(self.events.get(after), Some((Event::End(TagEnd::Link), _))) {
                return Ok(None);
            }
            after += 1;
        }
        if !matches!(
            self.events.get(after),
            Some((Event::End(TagEnd::Paragraph), _))
        ) {
            return Ok(None);
        }
        if link {
            self.warn(
                start,
                "the link around an image is left out (an image block links nowhere)".to_owned(),
            );
        }
        self.at = at + 1;
        let alt = self.plain_until(TagEnd::Image, start)?;
        self.at = after + 1;
        Ok(Some(image_block(&dest_url, alt, &title)))
    }

    /// The index of the event ending the element whose content starts at `from`.
    pub(super) fn end_of(&self, from: usize, end: TagEnd) -> usize {
        let mut depth = 0;
        for (i, (event, _)) in self.events.iter().enumerate().skip(from) {
            match event {
                Event::Start(tag) if tag.to_end() == end => depth += 1,
                Event::End(e) if *e == end => {
                    if depth == 0 {
                        return i;
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        self.events.len()
    }
}

/// An image block; a title becomes its caption.
pub(super) fn image_block(src: &str, alt: String, title: &str) -> RawBlock {
    RawBlock {
        kind: "image".to_owned(),
        src: Some(src.to_owned()),
        alt: Some(alt),
        caption: (!title.is_empty()).then(|| RawInline::Text(title.to_owned())),
        ..RawBlock::default()
    }
}

/// Whether an event starts or ends a block (where a run of inline text stops).
fn is_block_edge(event: &Event) -> bool {
    match event {
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Rule | Event::Html(_) => true,
        _ => false,
    }
}
