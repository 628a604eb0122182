//! Markdown with YAML front matter → the article format's wire types, for `article
//! from-markdown`. pulldown-cmark reads the Markdown (with tables, heading attributes, footnotes
//! and front matter switched on, so that what the format cannot hold is seen and named) and
//! serde-saphyr the front matter into the same field names as the JSON format.
//!
//! The syntax, in the README ("Writing articles in Markdown"): text before the first `## `
//! heading is the lead; `## Heading {#id .collapsed}` starts a section; `###` and `####` are
//! heading blocks; a block quote whose last line starts with "— " names its source; a block
//! quote whose first line is `[pull-quote]` is a pull-quote; an image alone in a paragraph is
//! an image block; `***` is a divider; tables, fenced code and nested lists are the `table`,
//! `code` and nested list blocks.

use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};
use serde::Deserialize;

use crate::model::wire::*;
use crate::tools::{Diagnostic, Position};

/// The fields the front matter may hold: the article's own, as in the JSON format.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    label: Option<String>,
    standfirst: Option<String>,
    lang: Option<String>,
    dir: Option<String>,
    authors: Option<Vec<String>>,
    published: Option<String>,
    updated: Option<String>,
    source: Option<RawSource>,
    sponsor: Option<RawSponsor>,
    copyright: Option<String>,
    key_figures: Option<Vec<RawKeyFigure>>,
}

/// What the first line of a block quote says it is.
const PULL_QUOTE: &str = "[pull-quote]";
const PULL_QUOTE_REPEATS: &str = "[pull-quote repeats]";
const PULL_QUOTE_UNIQUE: &str = "[pull-quote unique]";
/// What starts the line naming a quote's source or a pull-quote's speaker.
const SOURCE_DASH: &str = "— ";

/// Reads `text` (the whole Markdown file) into an article, with the warnings about what was
/// left out; the first error stops it.
pub fn article_from_markdown(text: &str) -> Result<(RawArticle, Vec<Diagnostic>), Diagnostic> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(text, options).into_offset_iter().collect();
    let mut reader = Reader {
        text,
        events,
        at: 0,
        warnings: Vec::new(),
    };
    let front = reader.front_matter()?;
    let mut sections = vec![RawSection::default()];
    while let Some((event, range)) = reader.next() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                classes,
                attrs,
            }) => {
                let start = range.start;
                let heading = reader.plain_until(TagEnd::Heading(HeadingLevel::H2), start)?;
                let mut collapsed = None;
                for class in classes {
                    match class.as_ref() {
                        "collapsed" => collapsed = Some(true),
                        other => {
                            return Err(reader.error(
                                start,
                                format!("unknown heading class `.{other}` (only `.collapsed`)"),
                            ));
                        }
                    }
                }
                if let Some((name, _)) = attrs.first() {
                    return Err(reader.error(
                        start,
                        format!("unknown heading attribute `{name}` (only `{{#id .collapsed}}`)"),
                    ));
                }
                sections.push(RawSection {
                    id: id.map(|id| id.to_string()),
                    heading: Some(heading),
                    collapsed,
                    blocks: Vec::new(),
                });
            }
            event => {
                let block = reader.block(event, range)?;
                let section = sections.last_mut().expect("there is always a section");
                section.blocks.push(Decoded::Value(block));
            }
        }
    }
    // The lead is the text before the first heading; without any, there is no lead.
    if sections[0].blocks.is_empty() && sections.len() > 1 {
        sections.remove(0);
    }
    let FrontMatter {
        title,
        label,
        standfirst,
        lang,
        dir,
        authors,
        published,
        updated,
        source,
        sponsor,
        copyright,
        key_figures,
    } = front;
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
        return Err(reader.error(0, "the front matter has no `title`".to_owned()));
    };
    let article = RawArticle {
        version: Some(serde_json::Number::from(1)),
        lang,
        dir,
        label,
        title,
        standfirst,
        authors,
        published,
        updated,
        source,
        sponsor,
        copyright,
        key_figures: key_figures.map(|figures| figures.into_iter().map(Decoded::Value).collect()),
        sections,
    };
    Ok((article, reader.warnings))
}

/// The events of one file, read front to back.
struct Reader<'a> {
    text: &'a str,
    events: Vec<(Event<'a>, std::ops::Range<usize>)>,
    at: usize,
    warnings: Vec<Diagnostic>,
}

/// Inline text being collected: spans and the formatting open at this point.
#[derive(Default)]
struct Spans {
    spans: Vec<RawStyledSpan>,
    strong: usize,
    em: usize,
    href: Option<String>,
}

impl Spans {
    fn push(&mut self, text: &str) {
        let (strong, em) = (self.strong > 0, self.em > 0);
        if let Some(last) = self.spans.last_mut()
            && last.strong.unwrap_or(false) == strong
            && last.em.unwrap_or(false) == em
            && last.href == self.href
        {
            last.text.push_str(text);
            return;
        }
        self.spans.push(RawStyledSpan {
            text: text.to_owned(),
            strong: strong.then_some(true),
            em: em.then_some(true),
            href: self.href.clone(),
        });
    }

    /// The spans cut at each `\n` in their text, one `Spans` per line.
    fn lines(self) -> Vec<Spans> {
        let mut lines = vec![Spans::default()];
        for span in self.spans {
            let mut parts = span.text.split('\n').peekable();
            while let Some(part) = parts.next() {
                if !part.is_empty() {
                    let line = lines.last_mut().expect("one line");
                    line.spans.push(RawStyledSpan {
                        text: part.to_owned(),
                        ..span.clone()
                    });
                }
                if parts.peek().is_some() {
                    lines.push(Spans::default());
                }
            }
        }
        lines
    }

    /// As the format writes it: a plain string when nothing is formatted.
    fn into_inline(self) -> RawInline {
        match self.spans.as_slice() {
            [] => RawInline::Text(String::new()),
            [one] if one.strong.is_none() && one.em.is_none() && one.href.is_none() => {
                RawInline::Text(one.text.clone())
            }
            _ => RawInline::Spans(
                self.spans
                    .into_iter()
                    .map(|span| {
                        if span.strong.is_none() && span.em.is_none() && span.href.is_none() {
                            RawSpan::Text(span.text)
                        } else {
                            RawSpan::Styled(span)
                        }
                    })
                    .collect(),
            ),
        }
    }
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Option<(Event<'a>, std::ops::Range<usize>)> {
        let item = self.events.get(self.at).cloned();
        self.at += 1;
        item
    }

    fn position(&self, offset: usize) -> Position {
        Position::at(self.text, offset)
    }

    fn error(&self, offset: usize, message: String) -> Diagnostic {
        Diagnostic {
            position: self.position(offset),
            message,
        }
    }

    fn warn(&mut self, offset: usize, message: String) {
        let warning = self.error(offset, message);
        self.warnings.push(warning);
    }

    /// The YAML between the `---` lines at the top, if any.
    fn front_matter(&mut self) -> Result<FrontMatter, Diagnostic> {
        let Some((Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)), range)) =
            self.events.first().cloned()
        else {
            return Ok(FrontMatter::default());
        };
        self.at = 1;
        let mut yaml = String::new();
        while let Some((event, _)) = self.next() {
            match event {
                Event::Text(text) => yaml.push_str(&text),
                Event::End(TagEnd::MetadataBlock(_)) => break,
                _ => {}
            }
        }
        serde_saphyr::from_str::<FrontMatter>(&yaml).map_err(|e| {
            // The YAML starts on the line after the opening `---`.
            let first = self.position(range.start).line + 1;
            let (line, column) = e.location().map_or((first, 1), |l| {
                (first + l.line() as usize - 1, l.column() as usize)
            });
            let message = e.to_string();
            let message = message.lines().next().unwrap_or_default();
            // serde names an unknown field but not where it is: the line that starts it.
            let field = message
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split('`').next());
            let line = field
                .and_then(|name| {
                    yaml.lines().position(|l| {
                        l.trim_start()
                            .strip_prefix(name)
                            .is_some_and(|r| r.starts_with(':'))
                    })
                })
                .map_or(line, |i| first + i);
            let column = if field.is_some() { 1 } else { column };
            Diagnostic {
                position: Position { line, column },
                message: format!("front matter: {message}"),
            }
        })
    }

    /// One block from its first event.
    fn block(
        &mut self,
        event: Event<'a>,
        range: std::ops::Range<usize>,
    ) -> Result<RawBlock, Diagnostic> {
        let start = range.start;
        let block = |kind: &str| RawBlock {
            kind: kind.to_owned(),
            ..RawBlock::default()
        };
        Ok(match event {
            Event::Start(Tag::Paragraph) => {
                if let Some((
                    Event::Start(Tag::Image {
                        dest_url, title, ..
                    }),
                    _,
                )) = self.events.get(self.at).cloned()
                {
                    let after = self.events.get(self.end_of(self.at + 1, TagEnd::Image) + 1);
                    if matches!(after, Some((Event::End(TagEnd::Paragraph), _))) {
                        self.at += 1;
                        let alt = self.plain_until(TagEnd::Image, start)?;
                        self.next();
                        return Ok(RawBlock {
                            src: Some(dest_url.to_string()),
                            alt: Some(alt),
                            caption: (!title.is_empty())
                                .then(|| RawInline::Text(title.to_string())),
                            ..block("image")
                        });
                    }
                }
                RawBlock {
                    text: Some(self.inline_until(TagEnd::Paragraph, start)?),
                    ..block("paragraph")
                }
            }
            Event::Start(Tag::Heading { level: heading, .. }) => {
                let level = match heading {
                    HeadingLevel::H3 => 3.0,
                    HeadingLevel::H4 => 4.0,
                    HeadingLevel::H1 => {
                        return Err(self.error(start, "a `#` heading: the title goes in the front matter, sections start with `##`".to_owned()));
                    }
                    other => {
                        return Err(self.error(start, format!("a level {} heading: the format has `##` sections and `###`/`####` headings", other as usize)));
                    }
                };
                let text = self.plain_until(TagEnd::Heading(heading), start)?;
                RawBlock {
                    text: Some(RawInline::Text(text)),
                    level: Some(level),
                    ..block("heading")
                }
            }
            Event::Start(Tag::List(first)) => {
                let items = self.list_items(first.is_some(), start)?;
                RawBlock {
                    ordered: Some(first.is_some()),
                    items: Some(items),
                    ..block("list")
                }
            }
            Event::Start(Tag::BlockQuote(_)) => self.quote(start)?,
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
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_owned)
                    }
                    CodeBlockKind::Indented => None,
                };
                RawBlock {
                    text: Some(RawInline::Text(text)),
                    language,
                    ..block("code")
                }
            }
            Event::Start(Tag::Table(alignments)) => self.table(alignments, start)?,
            Event::Rule => block("divider"),
            Event::Html(_) | Event::Start(Tag::HtmlBlock) => {
                return Err(self.error(start, "raw HTML: the format holds text, never HTML (write it as Markdown, or remove it)".to_owned()));
            }
            Event::Start(Tag::FootnoteDefinition(_)) => {
                return Err(self.error(
                    start,
                    "a footnote: the format has no footnotes (write the note into the text)"
                        .to_owned(),
                ));
            }
            other => {
                return Err(self.error(
                    start,
                    format!("Markdown the format cannot hold here ({other:?})"),
                ));
            }
        })
    }

    /// The index of the event ending the element whose content starts at `from`.
    fn end_of(&self, from: usize, end: TagEnd) -> usize {
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

    /// Inline text up to `end`, as the format writes it.
    fn inline_until(&mut self, end: TagEnd, start: usize) -> Result<RawInline, Diagnostic> {
        let mut spans = Spans::default();
        self.spans_until(&end, &mut spans, start)?;
        Ok(spans.into_inline())
    }

    /// Plain text up to `end` (headings, alternative text): formatting is an error there.
    fn plain_until(&mut self, end: TagEnd, start: usize) -> Result<String, Diagnostic> {
        match self.inline_until(end, start)? {
            RawInline::Text(text) => Ok(text),
            RawInline::Spans(_) => Err(self.error(start, "formatting or a link where the format takes plain text (a heading, a pull-quote, alternative text)".to_owned())),
        }
    }

    /// Reads inline events into `spans` up to `end`, which it consumes.
    fn spans_until(
        &mut self,
        end: &TagEnd,
        spans: &mut Spans,
        start: usize,
    ) -> Result<(), Diagnostic> {
        self.spans_to(
            spans,
            start,
            " ",
            &|event| matches!(event, Event::End(e) if e == end),
        )?;
        self.next();
        Ok(())
    }

    /// Reads inline events into `spans` until one for which `stop` holds, which it leaves;
    /// a line break becomes `line_break`.
    fn spans_to(
        &mut self,
        spans: &mut Spans,
        start: usize,
        line_break: &str,
        stop: &dyn Fn(&Event) -> bool,
    ) -> Result<(), Diagnostic> {
        while let Some((event, range)) = self.events.get(self.at).cloned() {
            if stop(&event) {
                return Ok(());
            }
            self.at += 1;
            match event {
                Event::Text(text) => spans.push(&text),
                Event::SoftBreak | Event::HardBreak => spans.push(line_break),
                Event::Code(code) => {
                    self.warn(
                        range.start,
                        "inline code is shown as plain text (the format has no inline code)"
                            .to_owned(),
                    );
                    spans.push(&code);
                }
                Event::Start(Tag::Strong) => spans.strong += 1,
                Event::End(TagEnd::Strong) => spans.strong -= 1,
                Event::Start(Tag::Emphasis) => spans.em += 1,
                Event::End(TagEnd::Emphasis) => spans.em -= 1,
                Event::Start(Tag::Link { dest_url, .. }) => spans.href = Some(dest_url.to_string()),
                Event::End(TagEnd::Link) => spans.href = None,
                Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                    self.warn(
                        range.start,
                        "strikethrough is shown as plain text".to_owned(),
                    );
                }
                Event::TaskListMarker(_) => {
                    self.warn(range.start, "a task-list box is left out".to_owned());
                }
                Event::InlineHtml(_) | Event::Html(_) => {
                    return Err(self.error(
                        range.start,
                        "raw HTML: the format holds text, never HTML".to_owned(),
                    ));
                }
                Event::FootnoteReference(_) => {
                    return Err(self.error(
                        range.start,
                        "a footnote: the format has no footnotes (write the note into the text)"
                            .to_owned(),
                    ));
                }
                Event::Start(Tag::Image { .. }) => {
                    return Err(self.error(
                        range.start,
                        "an image inside text: put it in a paragraph of its own".to_owned(),
                    ));
                }
                other => {
                    return Err(self.error(
                        range.start,
                        format!("Markdown the format cannot hold inside text ({other:?})"),
                    ));
                }
            }
        }
        Err(self.error(start, "the text does not end".to_owned()))
    }

    /// The items of a list whose start event was read, with the lists inside them.
    fn list_items(&mut self, ordered: bool, start: usize) -> Result<Vec<RawListItem>, Diagnostic> {
        let end = TagEnd::List(ordered);
        let mut items = Vec::new();
        while let Some((event, range)) = self.next() {
            match event {
                Event::End(e) if e == end => return Ok(items),
                Event::Start(Tag::Item) => items.push(self.item(range.start)?),
                other => {
                    return Err(self.error(range.start, format!("unexpected in a list: {other:?}")));
                }
            }
        }
        Err(self.error(start, "the list does not end".to_owned()))
    }

    /// One item: its text (paragraphs joined by a space) and at most one list inside it.
    fn item(&mut self, start: usize) -> Result<RawListItem, Diagnostic> {
        let mut spans = Spans::default();
        let mut inner: Option<(bool, Vec<RawListItem>)> = None;
        loop {
            let Some((event, range)) = self.events.get(self.at).cloned() else {
                return Err(self.error(start, "the list item does not end".to_owned()));
            };
            match event {
                Event::End(TagEnd::Item) => {
                    self.at += 1;
                    break;
                }
                Event::Start(Tag::Paragraph) => {
                    self.at += 1;
                    if !spans.spans.is_empty() {
                        spans.push(" ");
                    }
                    self.spans_until(&TagEnd::Paragraph, &mut spans, range.start)?;
                }
                Event::Start(Tag::List(first)) => {
                    self.at += 1;
                    if inner.is_some() {
                        return Err(self.error(
                            range.start,
                            "a second list in one item (the format holds one)".to_owned(),
                        ));
                    }
                    inner = Some((
                        first.is_some(),
                        self.list_items(first.is_some(), range.start)?,
                    ));
                }
                Event::Start(Tag::CodeBlock(_) | Tag::BlockQuote(_) | Tag::Table(_)) => {
                    return Err(self.error(
                        range.start,
                        "a block inside a list item (the format's items hold text and a list)"
                            .to_owned(),
                    ));
                }
                _ => {
                    // A tight item's text comes without a paragraph.
                    self.spans_to(&mut spans, range.start, " ", &|event| {
                        matches!(event, Event::End(TagEnd::Item) | Event::Start(Tag::List(_)))
                    })?;
                }
            }
        }
        let text = spans.into_inline();
        Ok(match inner {
            None => RawListItem::Text(text),
            Some((ordered, items)) => RawListItem::Nested(RawNestedItem {
                text,
                items: Some(items),
                ordered: ordered.then_some(true),
            }),
        })
    }

    /// A block quote: a quote with its source, or a pull-quote.
    fn quote(&mut self, start: usize) -> Result<RawBlock, Diagnostic> {
        // The quote's lines, whether in one paragraph or several.
        let mut all = Spans::default();
        loop {
            let Some((event, range)) = self.next() else {
                return Err(self.error(start, "the block quote does not end".to_owned()));
            };
            match event {
                Event::End(TagEnd::BlockQuote(_)) => break,
                Event::Start(Tag::Paragraph) => {
                    if !all.spans.is_empty() {
                        all.push("\n");
                    }
                    self.spans_to(&mut all, range.start, "\n", &|event| {
                        matches!(event, Event::End(TagEnd::Paragraph))
                    })?;
                    self.next();
                }
                other => {
                    return Err(self.error(
                        range.start,
                        format!("a block quote holds text only, not {other:?}"),
                    ));
                }
            }
        }
        let lines = all.lines();
        let mut lines: Vec<RawInline> = lines
            .into_iter()
            .filter(|l| !l.spans.is_empty())
            .map(Spans::into_inline)
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
        let mut text = Spans::default();
        for line in lines {
            if !text.spans.is_empty() {
                text.push(" ");
            }
            match line {
                RawInline::Text(t) => text.push(&t),
                RawInline::Spans(spans) => {
                    for span in spans {
                        match span {
                            RawSpan::Text(t) => text.push(&t),
                            RawSpan::Styled(s) => text.spans.push(s),
                        }
                    }
                }
            }
        }
        Ok(RawBlock {
            kind: "quote".to_owned(),
            text: Some(text.into_inline()),
            cite: source,
            ..RawBlock::default()
        })
    }

    /// A GitHub-style table: its head row, body rows and alignments.
    fn table(&mut self, alignments: Vec<Alignment>, start: usize) -> Result<RawBlock, Diagnostic> {
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
