//! Raw HTML in a post, read by a real HTML parser (html5ever, through scraper) and mapped into
//! the format, which holds no HTML: `em`/`i`, `strong`/`b`, `code`/`kbd`/`samp`, `del`/`s`,
//! `sub`, `sup`, `a` and `br` become spans; `p`, lists, `table`, `pre`, `blockquote`, `img`,
//! `figure`/`figcaption`, `hr` and headings become blocks; `details`/`summary` a collapsed
//! callout (the body reader gathers what it holds). Anything else is left out with a warning: its text is kept where it is prose,
//! and dropped with its element where it is not (scripts, styles, frames, embeds, forms'
//! controls). Nothing from a post can run: what comes out is text and addresses, which the
//! viewer checks as it checks every article.

mod structures;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::model::wire::{RawBlock, RawInline, RawListItem, RawNestedItem};
use crate::tools::markdown::spans::Spans;

/// What a piece of HTML becomes, in order.
#[derive(Debug)]
pub enum Piece {
    /// A block of the format.
    Block(Box<RawBlock>),
    /// A heading, with its HTML level (1–6): the body decides section or sub-heading.
    Heading(u8, String),
    /// `<details>` opens: a collapsed callout titled by the summary, which the body reader fills
    /// until the `</details>`.
    OpenDetails(String),
    /// `</details>` closes it.
    CloseDetails,
}

/// A block as a piece.
fn piece(block: RawBlock) -> Piece {
    Piece::Block(Box::new(block))
}

/// Elements left out with everything inside them: none of it is prose.
const DROPPED_WHOLE: [&str; 15] = [
    "script", "style", "template", "noscript", "iframe", "object", "embed", "canvas", "svg",
    "input", "select", "textarea", "link", "meta", "source",
];

/// Elements that only wrap text: their text is kept where it is, with no note (a `span` or an
/// `abbr` says nothing the format must carry).
const TRANSPARENT: [&str; 14] = [
    "span", "abbr", "small", "mark", "u", "ins", "cite", "q", "time", "dfn", "var", "bdi", "data",
    "wbr",
];

/// The mapper's output and its warnings; each warning names the element and where its tag is
/// in the source (a byte offset into the HTML given).
pub struct Mapper<'s> {
    source: &'s str,
    /// Where the next search for a tag in `source` starts.
    cursor: usize,
    pub pieces: Vec<Piece>,
    pub warnings: Vec<(usize, String)>,
    /// Images met inside text: shown after the paragraph.
    moved: Vec<RawBlock>,
}

impl<'s> Mapper<'s> {
    /// A mapper over `source`, the HTML as written (for the warnings' positions).
    pub fn new(source: &'s str) -> Self {
        Mapper {
            source,
            cursor: 0,
            pieces: Vec::new(),
            warnings: Vec::new(),
            moved: Vec::new(),
        }
    }

    /// Where `<name` next appears in the source, for a warning.
    fn offset_of(&mut self, name: &str) -> usize {
        let needle = format!("<{name}");
        let lower = self.source.to_ascii_lowercase();
        match lower[self.cursor.min(lower.len())..].find(&needle) {
            Some(i) => {
                self.cursor += i + 1;
                self.cursor - 1
            }
            None => self.cursor.min(self.source.len()),
        }
    }

    fn warn(&mut self, name: &str, message: String) {
        let at = self.offset_of(name);
        self.warnings.push((at, message));
    }

    /// Maps the HTML block the mapper was made over: its blocks, and the opening or closing of a `<details>` that the
    /// Markdown around it fills.
    pub fn blocks(mut self) -> Self {
        let document = Html::parse_fragment(self.source);
        let lower = self.source.to_ascii_lowercase();
        let opens = lower.matches("<details").count();
        let closes = lower.matches("</details").count();
        let root = *document.root_element();
        let mut paragraph = Spans::default();
        for child in root.children() {
            self.block(child, &mut paragraph, opens > closes);
        }
        self.flush(&mut paragraph);
        for _ in opens..closes {
            self.pieces.push(Piece::CloseDetails);
        }
        self
    }

    /// Maps inline HTML (a paragraph or a cell with tags in it) into `spans`.
    pub fn inline(mut self, html: &str, spans: &mut Spans, line_break: &str) -> Self {
        let document = Html::parse_fragment(html);
        let root = *document.root_element();
        for child in root.children() {
            self.span(child, spans, line_break);
        }
        self
    }

    /// Images found inside text, to be placed after it.
    pub fn take_moved(&mut self) -> Vec<RawBlock> {
        std::mem::take(&mut self.moved)
    }

    /// Ends the paragraph of loose inline content at block level.
    fn flush(&mut self, paragraph: &mut Spans) {
        let mut spans = std::mem::take(paragraph);
        spans.trim();
        if !spans.is_blank() {
            self.pieces.push(piece(RawBlock {
                kind: "paragraph".to_owned(),
                text: Some(spans.into_inline()),
                ..RawBlock::default()
            }));
        }
        let moved = self.take_moved();
        self.pieces.extend(moved.into_iter().map(piece));
    }

    /// One node at block level; loose inline content gathers in `paragraph`. `open_details`:
    /// the `<details>` here is closed by a later block, so only its start is here.
    fn block(&mut self, node: NodeRef<Node>, paragraph: &mut Spans, open_details: bool) {
        let Some((element, name)) = element_or_text(node, paragraph) else {
            return;
        };
        let block = |kind: &str| RawBlock {
            kind: kind.to_owned(),
            ..RawBlock::default()
        };
        match name.as_str() {
            "p" => {
                self.flush(paragraph);
                let mut spans = Spans::default();
                for child in node.children() {
                    self.span(child, &mut spans, " ");
                }
                *paragraph = spans;
                self.flush(paragraph);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush(paragraph);
                let level = name.as_bytes()[1] - b'0';
                let text = collapse(&text_of(node));
                if !text.is_empty() {
                    self.pieces.push(Piece::Heading(level, text));
                }
            }
            "ul" | "ol" => {
                self.flush(paragraph);
                let items = self.list_items(node);
                if !items.is_empty() {
                    self.pieces.push(piece(RawBlock {
                        ordered: Some(name == "ol"),
                        items: Some(items),
                        ..block("list")
                    }));
                }
            }
            "math" if element.attr("display") == Some("block") => {
                // A formula set apart: its rows as code, one a line (the format holds no math).
                self.flush(paragraph);
                self.warn(
                    "math",
                    "a formula (MathML) is kept as its symbols, in code (the format holds no math)"
                        .to_owned(),
                );
                self.pieces.push(piece(RawBlock {
                    text: Some(RawInline::Text(math_text(node, "\n"))),
                    language: Some("math".to_owned()),
                    ..block("code")
                }));
            }
            "pre" => {
                self.flush(paragraph);
                let code = node
                    .children()
                    .find(|c| matches!(c.value(), Node::Element(e) if e.name() == "code"));
                let language =
                    [Some(node), code]
                        .into_iter()
                        .flatten()
                        .find_map(|n| match n.value() {
                            Node::Element(e) => e
                                .attr("class")
                                .and_then(|c| {
                                    c.split_whitespace().find_map(|c| {
                                        c.strip_prefix("language-").or(c.strip_prefix("lang-"))
                                    })
                                })
                                .map(str::to_owned),
                            _ => None,
                        });
                let mut text = text_of(node);
                if text.ends_with('\n') {
                    text.pop();
                }
                if text.starts_with('\n') {
                    text.remove(0);
                }
                self.pieces.push(piece(RawBlock {
                    text: Some(RawInline::Text(text)),
                    language,
                    ..block("code")
                }));
            }
            "blockquote" => {
                self.flush(paragraph);
                let mut spans = Spans::default();
                self.spans_of_blocks(node, &mut spans);
                spans.trim();
                if !spans.is_blank() {
                    self.pieces.push(piece(RawBlock {
                        text: Some(spans.into_inline()),
                        ..block("quote")
                    }));
                }
                let moved = self.take_moved();
                self.pieces.extend(moved.into_iter().map(piece));
            }
            "img" => {
                self.flush(paragraph);
                if let Some(image) = image(element) {
                    self.pieces.push(piece(image));
                }
            }
            "figure" => {
                self.flush(paragraph);
                self.figure(node);
            }
            "table" => {
                self.flush(paragraph);
                if let Some(table) = self.table(node) {
                    self.pieces.push(piece(table));
                }
            }
            "hr" => {
                self.flush(paragraph);
                self.pieces.push(piece(block("divider")));
            }
            "details" => {
                self.flush(paragraph);
                let summary = node
                    .children()
                    .find(|c| matches!(c.value(), Node::Element(e) if e.name() == "summary"))
                    .map(|s| collapse(&text_of(s)))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "Details".to_owned());
                self.pieces.push(Piece::OpenDetails(summary));
                let mut inner = Spans::default();
                for child in node.children() {
                    if !matches!(child.value(), Node::Element(e) if e.name() == "summary") {
                        self.block(child, &mut inner, false);
                    }
                }
                self.flush(&mut inner);
                if !open_details {
                    self.pieces.push(Piece::CloseDetails);
                }
            }
            "br" => {}
            "div" | "section" | "article" | "header" | "footer" | "main" | "aside" | "nav"
            | "center" | "dl" | "dt" | "dd" | "address" | "hgroup" | "search" | "form"
            | "fieldset" | "video" | "audio" | "picture" | "summary" => {
                // A container: its content is mapped as if it stood here.
                if !matches!(
                    name.as_str(),
                    "div" | "section" | "article" | "main" | "summary"
                ) {
                    self.warn(
                        &name,
                        format!("the <{name}> element is left out; its text is kept"),
                    );
                }
                let separate = matches!(name.as_str(), "dt" | "dd");
                if separate {
                    self.flush(paragraph);
                }
                for child in node.children() {
                    self.block(child, paragraph, false);
                }
                if separate {
                    self.flush(paragraph);
                }
            }
            _ if DROPPED_WHOLE.contains(&name.as_str()) => {
                self.flush(paragraph);
                self.warn(
                    &name,
                    format!("the <{name}> element is left out (the format holds no {name})"),
                );
            }
            _ => self.span(node, paragraph, " "),
        }
    }

    /// One node inside text.
    fn span(&mut self, node: NodeRef<Node>, spans: &mut Spans, line_break: &str) {
        let Some((element, name)) = element_or_text(node, spans) else {
            return;
        };
        let children = |this: &mut Self, spans: &mut Spans| {
            for child in node.children() {
                this.span(child, spans, line_break);
            }
        };
        match name.as_str() {
            "em" | "i" => {
                spans.em += 1;
                children(self, spans);
                spans.em -= 1;
            }
            "strong" | "b" => {
                spans.strong += 1;
                children(self, spans);
                spans.strong -= 1;
            }
            "math" => {
                self.warn(
                    "math",
                    "a formula (MathML) is kept as its symbols, in code (the format holds no math)"
                        .to_owned(),
                );
                spans.code += 1;
                spans.push(&math_text(node, "; "));
                spans.code -= 1;
            }
            "code" | "kbd" | "samp" | "tt" => {
                // Code keeps its spaces as written.
                spans.code += 1;
                let text = text_of(node);
                spans.push(&text.replace('\n', " "));
                spans.code -= 1;
            }
            "del" | "s" | "strike" => {
                spans.strike += 1;
                children(self, spans);
                spans.strike -= 1;
            }
            "sub" => {
                spans.sub += 1;
                children(self, spans);
                spans.sub -= 1;
            }
            "sup" => match element.attr("data-note") {
                Some(id) => spans.push_note(&collapse(&text_of(node)), id),
                None => {
                    spans.sup += 1;
                    children(self, spans);
                    spans.sup -= 1;
                }
            },
            "a" => {
                let outer = spans.href.clone();
                if let Some(href) = element
                    .attr("href")
                    .filter(|h| outer.is_none() && !h.is_empty())
                {
                    spans.href = Some(href.to_owned());
                }
                children(self, spans);
                spans.href = outer;
            }
            "br" => spans.push(line_break),
            "img" => {
                if let Some(image) = image(element) {
                    self.warn(
                        "img",
                        "an image inside text is moved after its paragraph".to_owned(),
                    );
                    self.moved.push(image);
                }
            }
            "input" if element.attr("type") == Some("checkbox") => {
                // A task list's box: its state as text.
                spans.push(if element.attr("checked").is_some() {
                    "☑ "
                } else {
                    "☐ "
                });
            }
            "p" | "div" | "li" | "blockquote" | "pre" | "td" | "th" | "dd" | "dt" => {
                if !spans.is_blank() {
                    spans.push(" ");
                }
                children(self, spans);
            }
            _ if DROPPED_WHOLE.contains(&name.as_str()) => self.warn(
                &name,
                format!("the <{name}> element is left out (the format holds no {name})"),
            ),
            _ => {
                if !TRANSPARENT.contains(&name.as_str()) {
                    self.warn(
                        &name,
                        format!("the <{name}> element is left out; its text is kept"),
                    );
                }
                children(self, spans);
            }
        }
    }

    /// The text of block content (a quote's paragraphs), joined by spaces.
    fn spans_of_blocks(&mut self, node: NodeRef<Node>, spans: &mut Spans) {
        for child in node.children() {
            self.span(child, spans, " ");
        }
    }
}

/// A node's element and its lower-case name; text goes into `spans` instead, and anything
/// else (a comment) is nothing.
fn element_or_text<'a>(
    node: NodeRef<'a, Node>,
    spans: &mut Spans,
) -> Option<(&'a scraper::node::Element, String)> {
    match node.value() {
        Node::Text(text) => {
            collapse_into(text, spans);
            None
        }
        Node::Element(element) => Some((element, element.name().to_ascii_lowercase())),
        _ => None,
    }
}

/// An image block from an `<img>`, when it has an address.
fn image(element: &scraper::node::Element) -> Option<RawBlock> {
    let src = element.attr("src").filter(|s| !s.trim().is_empty())?;
    Some(RawBlock {
        kind: "image".to_owned(),
        src: Some(src.trim().to_owned()),
        alt: element.attr("alt").map(collapse),
        caption: element
            .attr("title")
            .filter(|t| !t.trim().is_empty())
            .map(|t| RawInline::Text(collapse(t))),
        ..RawBlock::default()
    })
}

/// All the text under a node, as written (script and style contents are not text).
/// A MathML formula as text: its TeX source when it carries one (`<annotation
/// encoding="application/x-tex">`), else its symbols (numbers, names, operators, text) apart
/// by spaces, a table's rows by `rows`.
fn math_text(node: NodeRef<Node>, rows: &str) -> String {
    let tex = node.descendants().find(|d| {
        matches!(d.value(), Node::Element(e) if e.name() == "annotation"
            && e.attr("encoding") == Some("application/x-tex"))
    });
    if let Some(tex) = tex {
        return collapse(&text_of(tex));
    }
    fn walk(node: NodeRef<Node>, rows: &str, out: &mut Vec<String>) {
        for child in node.children() {
            match child.value() {
                Node::Element(e) if matches!(e.name(), "mi" | "mn" | "mo" | "mtext" | "ms") => {
                    let text = collapse(&text_of(child));
                    if !text.is_empty() {
                        out.push(text);
                    }
                }
                Node::Element(e) if e.name() == "annotation" || e.name() == "annotation-xml" => {}
                Node::Element(e) if e.name() == "mtr" && out.last().is_some() => {
                    out.push(rows.to_owned());
                    walk(child, rows, out);
                }
                Node::Element(_) => walk(child, rows, out),
                _ => {}
            }
        }
    }
    let mut parts = Vec::new();
    walk(node, rows, &mut parts);
    let mut text = String::new();
    for part in parts {
        if part == rows {
            text = text.trim_end().to_owned();
            text.push_str(rows);
        } else {
            if !text.is_empty() && !text.ends_with(rows) {
                text.push(' ');
            }
            text.push_str(&part);
        }
    }
    text
}

fn text_of(node: NodeRef<Node>) -> String {
    let mut text = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            let inside_dropped = d.ancestors().any(
                |a| matches!(a.value(), Node::Element(e) if DROPPED_WHOLE.contains(&e.name())),
            );
            if !inside_dropped {
                text.push_str(t);
            }
        }
    }
    text
}

/// White space collapsed to single spaces, as a browser shows HTML text, and trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text pushed with its white space collapsed (a run of it becomes one space, kept at the
/// ends so that words on either side of a tag stay apart).
fn collapse_into(text: &str, spans: &mut Spans) {
    if text.is_empty() {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !(out.is_empty() && ends_with_space(spans)) {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    if out.is_empty() && space && !ends_with_space(spans) && !spans.is_blank() {
        out.push(' ');
    }
    if !out.is_empty() {
        spans.push(&out);
    }
}

/// Whether the text collected so far ends with a space.
fn ends_with_space(spans: &Spans) -> bool {
    spans.spans.last().is_some_and(|s| s.text.ends_with(' '))
}
