//! The rules of the format that JSON types alone cannot say: wire types ([`crate::wire`])
//! become the model ([`Article`]) through `TryFrom`, or a [`Rule`] broken at a field path.
//! Heading levels, blank titles, the block kinds (an unknown `type` is kept as a placeholder),
//! required fields of each kind, series lengths, and the address allow-list (an unsafe address
//! is kept as text, not refused) all live here. A block or key figure that breaks a rule, or
//! whose fields did not decode, becomes a placeholder holding its [`Fault`]: the document's own
//! fields are the only ones that can refuse an article.

use crate::error::{ArticleError, INLINE_EXPECTED};
use crate::lang::Direction;
use crate::types::*;
use crate::url::{CheckedUrl, UrlKind};
use crate::wire::*;

/// At most this many points: a figure's chart is a glance, not a data table.
pub const MAX_SERIES_POINTS: usize = 24;

/// A rule of the format broken at `path` (relative to the value converted).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Where, relative to the value converted, e.g. `blocks[0].level`.
    pub path: String,
    /// What the format requires there.
    pub expected: String,
    /// What the document has there.
    pub found: String,
}

impl Rule {
    fn new(path: impl Into<String>, expected: impl Into<String>, found: impl Into<String>) -> Self {
        Rule {
            path: path.into(),
            expected: expected.into(),
            found: found.into(),
        }
    }

    /// The fault a placeholder keeps.
    fn into_fault(self) -> Fault {
        Fault {
            path: self.path,
            message: format!("expected {}, found {}", self.expected, self.found),
        }
    }

    /// The error a reader sees.
    pub fn into_error(self) -> ArticleError {
        ArticleError::Shape {
            path: self.path,
            expected: self.expected,
            found: self.found,
            position: None,
        }
    }
}

const MISSING: &str = "nothing (the field is missing)";

/// Builds the article from its decoded fields; `sections`, when given, were decoded one by one
/// as they arrived and stand in for `raw.sections`.
pub fn article_from_raw(
    raw: RawArticle,
    sections: Option<Vec<Section>>,
) -> Result<Article, ArticleError> {
    if raw.title.trim().is_empty() {
        return Err(ArticleError::BlankTitle);
    }
    let dir = match raw.dir.as_deref() {
        None => None,
        Some(text) => Some(Direction::from_attr(text).ok_or_else(|| {
            Rule::new("dir", "\"ltr\", \"rtl\" or \"auto\"", format!("\"{text}\"")).into_error()
        })?),
    };
    let sections = match sections {
        Some(sections) => sections,
        None => exact_map(raw.sections, Section::from),
    };
    if sections.is_empty() {
        return Err(ArticleError::NoSections);
    }
    let key_figures = exact_map(raw.key_figures.unwrap_or_default(), figure_from);
    Ok(Article {
        version: FORMAT_VERSION,
        lang: raw.lang,
        dir,
        label: raw.label,
        title: raw.title,
        standfirst: raw.standfirst,
        authors: (raw.authors.into_iter().flatten())
            .map(|author| Source::from(author.into_source()))
            .collect(),
        published: raw.published,
        updated: raw.updated,
        source: raw.source.map(Source::from),
        sponsor: raw.sponsor.map(|s| Sponsor {
            name: s.name,
            disclosure: s.disclosure,
        }),
        copyright: raw.copyright,
        sections,
        key_figures,
        tags: tags_from(raw.tags.unwrap_or_default()),
        image: raw.image.map(|src| CheckedUrl::new(&src, UrlKind::Image)),
        notes: notes_from(raw.notes.unwrap_or_default()),
    })
}

/// Tags trimmed, without blanks or repeats (compared without regard to case, folded as ids
/// fold it: Unicode's case tables would weigh on the page; docs/performance.md, "Measured
/// reasons").
fn tags_from(tags: Vec<String>) -> Vec<String> {
    let fold = |text: &str| -> String { text.chars().map(crate::ids::to_lower).collect() };
    let mut kept: Vec<String> = Vec::with_capacity(tags.len());
    let mut folded: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim();
        let key = fold(tag);
        if !tag.is_empty() && !folded.contains(&key) {
            kept.push(tag.to_owned());
            folded.push(key);
        }
    }
    kept
}

/// Notes with their page ids: the publisher's id made safe ([`note_id`]); a repeated id
/// keeps the first note.
fn notes_from(notes: Vec<RawNote>) -> Vec<Note> {
    let mut kept: Vec<Note> = Vec::with_capacity(notes.len());
    for note in notes {
        let id = note_id(&note.id);
        if !kept.iter().any(|k| k.id == id) {
            kept.push(Note {
                id,
                text: spans(note.text),
            });
        }
    }
    kept
}

/// A note's page id from the publisher's: the same for the note and every reference to it.
pub fn note_id(given: &str) -> String {
    let slug = crate::ids::slugify(given);
    if slug.is_empty() {
        // An id of symbols only (`*`, `†`) is kept apart by its characters' code points.
        given
            .chars()
            .map(|c| format!("{:x}", c as u32))
            .collect::<Vec<_>>()
            .join("-")
    } else {
        slug
    }
}

/// Converts every item, allocated at the exact length (a long article's lists grew by
/// doubling when collected from an iterator that hides its length).
fn exact_map<R, T>(items: Vec<R>, convert: impl Fn(R) -> T) -> Vec<T> {
    let mut converted = Vec::with_capacity(items.len());
    converted.extend(items.into_iter().map(convert));
    converted
}

impl From<RawSection> for Section {
    fn from(raw: RawSection) -> Self {
        Section {
            id: raw.id,
            heading: raw.heading.filter(|h| !h.trim().is_empty()),
            collapsed: raw.collapsed.unwrap_or(false),
            blocks: exact_map(raw.blocks, block_from),
        }
    }
}

/// A block, or its placeholder when it breaks the format.
fn block_from(decoded: Decoded<RawBlock>) -> Block {
    match decoded {
        Decoded::Value(raw) => {
            Block::try_from(raw).unwrap_or_else(|rule| Block::Invalid(rule.into_fault()))
        }
        Decoded::Broken(_, fault) => Block::Invalid(fault),
    }
}

/// A key figure, or its placeholder when it breaks the format.
fn figure_from(decoded: Decoded<RawKeyFigure>) -> KeyFigure {
    let fault = match decoded {
        Decoded::Value(raw) => match KeyFigure::try_from(raw) {
            Ok(figure) => return figure,
            Err(rule) => rule.into_fault(),
        },
        Decoded::Broken(_, fault) => fault,
    };
    KeyFigure {
        invalid: Some(fault),
        ..KeyFigure::default()
    }
}

/// A list item and the lists inside it.
fn list_item(raw: RawListItem) -> ListItem {
    match raw {
        RawListItem::Text(text) => ListItem {
            text: spans(text),
            ..ListItem::default()
        },
        RawListItem::Nested(item) => ListItem {
            text: spans(item.text),
            ordered: item.ordered.unwrap_or(false),
            items: exact_map(item.items.unwrap_or_default(), list_item),
        },
    }
}

/// Moves the items of lists nested deeper than [`MAX_LIST_DEPTH`] up to that level, in
/// reading order, and records the path of each list whose items moved. `items` are at
/// `depth`, under `path`.
fn flatten_deep_lists(items: &mut [ListItem], depth: usize, path: &str, moved: &mut Vec<String>) {
    fn lift(items: Vec<ListItem>, out: &mut Vec<ListItem>) {
        for mut item in items {
            let inner = std::mem::take(&mut item.items);
            out.push(item);
            lift(inner, out);
        }
    }
    for (i, item) in items.iter_mut().enumerate() {
        let here = format!("{path}items[{i}]");
        if depth + 1 == MAX_LIST_DEPTH {
            if item.items.iter().any(|inner| !inner.items.is_empty()) {
                moved.push(format!("{here}.items"));
                let mut flat = Vec::new();
                lift(std::mem::take(&mut item.items), &mut flat);
                item.items = flat;
            }
        } else {
            flatten_deep_lists(&mut item.items, depth + 1, &format!("{here}."), moved);
        }
    }
}

/// Rows of inline cells.
fn cells(rows: Vec<Vec<RawInline>>) -> Vec<Vec<Inline>> {
    exact_map(rows, |row| exact_map(row, spans))
}

/// A column's alignment; `null` leaves it to the viewer.
fn align(i: usize, raw: Option<String>) -> Result<Align, Rule> {
    Ok(match raw.as_deref() {
        None => Align::Auto,
        Some("left") => Align::Left,
        Some("right") => Align::Right,
        Some("center") => Align::Center,
        Some(other) => {
            return Err(Rule::new(
                format!("align[{i}]"),
                "\"left\", \"right\", \"center\" or null",
                format!("\"{other}\""),
            ));
        }
    })
}

impl TryFrom<RawBlock> for Block {
    type Error = Rule;
    fn try_from(raw: RawBlock) -> Result<Self, Rule> {
        Ok(match raw.kind.as_str() {
            "paragraph" => Block::Paragraph(inline(raw.text, "text")?),
            "heading" => Block::Heading {
                text: heading_spans(inline(raw.text, "text")?),
                level: match raw.level {
                    Some(3.0) => 3,
                    Some(4.0) => 4,
                    Some(level) => return Err(Rule::new("level", "3 or 4", number(level))),
                    None => return Err(Rule::new("level", "3 or 4", MISSING)),
                },
            },
            "list" => {
                let items = raw
                    .items
                    .ok_or_else(|| Rule::new("items", "a list", MISSING))?;
                let mut items = exact_map(items, list_item);
                let mut moved = Vec::new();
                flatten_deep_lists(&mut items, 1, "", &mut moved);
                Block::List {
                    ordered: raw.ordered.unwrap_or(false),
                    items,
                    moved,
                }
            }
            "table" => Block::Table(Table {
                caption: raw.caption.map(spans),
                head: cells(raw.head.unwrap_or_default()),
                rows: cells(
                    raw.rows
                        .ok_or_else(|| Rule::new("rows", "a list of rows", MISSING))?,
                ),
                align: raw
                    .align
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                    .map(|(i, a)| align(i, a))
                    .collect::<Result<_, _>>()?,
                row_headers: raw.row_headers.unwrap_or(false),
            }),
            "code" => Block::Code {
                text: plain(raw.text, "text")?,
                language: raw.language,
            },
            "pull_quote" => Block::PullQuote {
                text: plain(raw.text, "text")?,
                attribution: raw.attribution,
                repeats_text: raw.repeats_text,
            },
            "quote" => Block::Quote {
                text: inline(raw.text, "text")?,
                cite: raw.cite,
            },
            "image" => Block::Image {
                src: CheckedUrl::new(
                    &raw.src.ok_or_else(|| Rule::new("src", "text", MISSING))?,
                    UrlKind::Image,
                ),
                alt: raw.alt,
                caption: raw.caption.map(|c| plain(Some(c), "caption")).transpose()?,
                credit: raw.credit,
            },
            "divider" => Block::Divider,
            "callout" => callout(raw)?,
            _ => Block::Unknown { kind: raw.kind },
        })
    }
}

/// A callout block: its kind (a note when not given), title and body. A callout inside it
/// becomes a placeholder: the format keeps callouts one level deep.
fn callout(raw: RawBlock) -> Result<Block, Rule> {
    let kind = match raw.callout.as_deref() {
        None => CalloutKind::Note,
        Some(name) => CalloutKind::from_name(name).ok_or_else(|| {
            Rule::new(
                "kind",
                "\"note\", \"tip\", \"important\", \"warning\" or \"caution\"",
                format!("\"{name}\""),
            )
        })?,
    };
    let blocks = raw
        .blocks
        .ok_or_else(|| Rule::new("blocks", "a list of blocks", MISSING))?;
    let blocks = exact_map(blocks, |inner| match block_from(inner) {
        Block::Callout { .. } => Block::Invalid(Fault {
            path: String::new(),
            message: "a callout inside another callout; the format keeps callouts one level \
                      deep, so write its blocks into the outer one"
                .to_owned(),
        }),
        block => block,
    });
    Ok(Block::Callout {
        kind,
        title: raw.title.filter(|t| !t.trim().is_empty()),
        collapsed: raw.collapsed.unwrap_or(false),
        blocks,
    })
}

/// A number as a reader reads it.
fn number(value: f64) -> String {
    format!("the number {value}")
}

/// A heading's spans with their marks and without links or note references: a link is kept
/// as its text, a note reference (its marker only) left out.
fn heading_spans(spans: Inline) -> Inline {
    spans
        .into_iter()
        .filter(|span| span.note.is_none())
        .map(|span| Span { href: None, ..span })
        .collect()
}

/// Inline text (a string or spans), required at `field`.
fn inline(text: Option<RawInline>, field: &str) -> Result<Inline, Rule> {
    text.map(spans)
        .ok_or_else(|| Rule::new(field, INLINE_EXPECTED, MISSING))
}

/// The spans of inline text: a plain string is one span.
fn spans(text: RawInline) -> Inline {
    match text {
        RawInline::Text(text) => vec![Span {
            text,
            ..Span::default()
        }],
        RawInline::Spans(spans) => spans.into_iter().map(Span::from).collect(),
    }
}

/// Plain text, required at `field` (headings and pull-quotes are not formatted).
fn plain(text: Option<RawInline>, field: &str) -> Result<String, Rule> {
    match text {
        Some(RawInline::Text(text)) => Ok(text),
        Some(RawInline::Spans(_)) => Err(Rule::new(field, "text", "a list")),
        None => Err(Rule::new(field, "text", MISSING)),
    }
}

impl From<RawSpan> for Span {
    fn from(raw: RawSpan) -> Self {
        match raw {
            RawSpan::Text(text) => Span {
                text,
                ..Span::default()
            },
            RawSpan::Styled(span) => Span {
                text: span.text,
                strong: span.strong.unwrap_or(false),
                em: span.em.unwrap_or(false),
                href: span.href.map(|raw| CheckedUrl::new(&raw, UrlKind::Link)),
                code: span.code.unwrap_or(false),
                strike: span.strike.unwrap_or(false),
                sub: span.sub.unwrap_or(false),
                sup: span.sup.unwrap_or(false),
                note: span.note.map(|id| NoteRef {
                    id: note_id(&id),
                    first: false,
                }),
            },
        }
    }
}

impl From<RawSource> for Source {
    fn from(raw: RawSource) -> Self {
        Source {
            name: raw.name,
            url: raw.url.map(|raw| CheckedUrl::new(&raw, UrlKind::Link)),
        }
    }
}

impl TryFrom<RawKeyFigure> for KeyFigure {
    type Error = Rule;
    fn try_from(raw: RawKeyFigure) -> Result<Self, Rule> {
        let series = raw.series.unwrap_or_default();
        if series.len() > MAX_SERIES_POINTS {
            return Err(Rule::new(
                "series",
                format!("at most {MAX_SERIES_POINTS} points"),
                format!("{} points", series.len()),
            ));
        }
        Ok(KeyFigure {
            value: raw.value,
            label: raw.label,
            detail: raw.detail,
            as_of: raw.as_of,
            section: raw.section,
            anchor: raw.anchor,
            unit: raw.unit,
            source: raw.source.map(Source::from),
            series: series
                .into_iter()
                .map(|p| SeriesPoint {
                    label: p.label,
                    value: p.value,
                })
                .collect(),
            invalid: None,
        })
    }
}
