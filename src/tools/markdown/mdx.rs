//! MDX (`.mdx`: Docusaurus, Next.js, Astro blogs) read as MDX, by markdown-rs's MDX parser, and
//! rewritten into the Markdown the body reader knows, line for line:
//!
//! - `import`/`export` blocks and `{/* comments */}` are left out quietly; any other
//!   `{expression}` is left out with a warning (it is code, computed when the site is built);
//! - components the format has a place for map to it: Docusaurus's `<Tabs>` and `<TabItem
//!   label="…">` become a sub-heading per tab (the same as MkDocs's `===` tabs), and an
//!   admonition component (`<Admonition type="tip">`, `<Callout type="warning">`,
//!   `<AlertBox level="info">` (the Node.js site), `<Note>`,
//!   `<Tip>`, `<Warning>`, `<Info>`, `<Caution>`, `<Danger>`, `<Important>`) becomes the
//!   `:::kind[Title]` that [`super::admonitions`] turns into a callout;
//! - a fragment (`<>…</>`) keeps its content quietly; another component keeps the Markdown
//!   between its tags, and is named in a warning; one
//!   with nothing inside (`<YouTube id="…" />`) is left out with a warning;
//! - lower-case elements are HTML, kept for the HTML reader.
//!
//! The content of a component is written without the indentation the component gave it: MDX
//! has no indented code, so four spaces inside `<TabItem>` are not code.

use std::ops::Range;

use markdown::mdast::{AttributeContent, AttributeValue, Node};
use markdown::{Constructs, MdxSignal, ParseOptions};

/// Something left out or changed, at a byte offset of the body.
pub struct Note {
    /// Byte offset in the body given to [`rewrite`].
    pub offset: usize,
    /// What happened there.
    pub message: String,
}

/// An MDX body rewritten.
pub struct Rewritten {
    /// Markdown, with as many lines as the MDX.
    pub text: String,
    /// What was left out or changed.
    pub notes: Vec<Note>,
    /// The lines (0-based) that are a tab's label: sub-headings, never sections.
    pub tabs: Vec<usize>,
}

/// The admonition components and the kind each names (its `type` wins when it has one).
const ADMONITIONS: [(&str, &str); 11] = [
    ("Admonition", "note"),
    ("AlertBox", "note"),
    ("Callout", "note"),
    ("Aside", "note"),
    ("Note", "note"),
    ("Info", "info"),
    ("Tip", "tip"),
    ("Important", "important"),
    ("Warning", "warning"),
    ("Caution", "caution"),
    ("Danger", "danger"),
];

/// Reads `body` as MDX and rewrites it; when it is not valid MDX (a stray `<` or `{`, which
/// MDX refuses and Markdown shows), the `import`/`export` lines and comments are taken out line
/// by line and the rest is read as Markdown, with a warning naming MDX's reason.
pub fn rewrite(body: &str) -> Rewritten {
    let options = ParseOptions {
        constructs: Constructs {
            gfm_autolink_literal: true,
            gfm_footnote_definition: true,
            gfm_label_start_footnote: true,
            gfm_strikethrough: true,
            gfm_table: true,
            gfm_task_list_item: true,
            ..Constructs::mdx()
        },
        mdx_esm_parse: Some(Box::new(esm_block)),
        ..ParseOptions::mdx()
    };
    match markdown::to_mdast(body, &options) {
        Ok(tree) => {
            let mut writer = Writer {
                body,
                out: String::with_capacity(body.len()),
                notes: Vec::new(),
                tabs: Vec::new(),
            };
            let children = tree.children().map(Vec::as_slice).unwrap_or_default();
            writer.copy(0..body.len(), children, false);
            Rewritten {
                text: writer.out,
                notes: writer.notes,
                tabs: writer.tabs,
            }
        }
        Err(message) => by_lines(body, &message.reason),
    }
}

/// Whether an `import`/`export` block is whole: its brackets closed outside strings (the
/// statements themselves are the site's JavaScript, not checked here; a block left open reads
/// on to the next lines).
fn esm_block(code: &str) -> MdxSignal {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in code.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => depth -= 1,
                _ => {}
            },
        }
    }
    if depth > 0 || quote.is_some() {
        MdxSignal::Eof(
            "the import or export does not end".into(),
            Box::new("esm".into()),
            Box::new("article".into()),
        )
    } else {
        MdxSignal::Ok
    }
}

/// The fallback for a body MDX refuses: ESM lines and comment lines out, the rest as it is.
fn by_lines(body: &str, reason: &str) -> Rewritten {
    let mut notes = vec![Note {
        offset: 0,
        message: format!(
            "the post is not valid MDX ({reason}); it is read as Markdown, its import and export lines left out"
        ),
    }];
    let mut out = String::with_capacity(body.len());
    let mut in_fence = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let esm = !in_fence
            && !line.starts_with(char::is_whitespace)
            && (trimmed.starts_with("import ") || trimmed.starts_with("export "));
        let comment =
            !in_fence && trimmed.starts_with("{/*") && trimmed.trim_end().ends_with("*/}");
        if esm || comment {
            if esm {
                notes.push(Note {
                    offset,
                    message: "an MDX import or export line is left out (it is code)".to_owned(),
                });
            }
            out.extend(line.chars().filter(|&c| c == '\n'));
        } else {
            out.push_str(line);
        }
        offset += line.len();
    }
    Rewritten {
        text: out,
        notes,
        tabs: Vec::new(),
    }
}

struct Writer<'a> {
    body: &'a str,
    out: String,
    notes: Vec<Note>,
    tabs: Vec<usize>,
}

/// Where a node is in the body.
fn span(node: &Node) -> Option<Range<usize>> {
    node.position().map(|p| p.start.offset..p.end.offset)
}

/// Whether a node is MDX's own (ESM, an expression, a JSX element).
fn is_mdx(node: &Node) -> bool {
    matches!(
        node,
        Node::MdxjsEsm(_)
            | Node::MdxFlowExpression(_)
            | Node::MdxTextExpression(_)
            | Node::MdxJsxFlowElement(_)
            | Node::MdxJsxTextElement(_)
    )
}

/// The MDX nodes under `nodes` that no other MDX node holds, in order.
fn outermost<'n>(nodes: &'n [Node], found: &mut Vec<&'n Node>) {
    for node in nodes {
        if is_mdx(node) {
            found.push(node);
        } else if let Some(children) = node.children() {
            outermost(children, found);
        }
    }
}

/// A JSX element's parts.
struct Element<'n> {
    name: Option<&'n str>,
    attributes: &'n [AttributeContent],
    children: &'n [Node],
    flow: bool,
}

fn element(node: &Node) -> Option<Element<'_>> {
    match node {
        Node::MdxJsxFlowElement(e) => Some(Element {
            name: e.name.as_deref(),
            attributes: &e.attributes,
            children: &e.children,
            flow: true,
        }),
        Node::MdxJsxTextElement(e) => Some(Element {
            name: e.name.as_deref(),
            attributes: &e.attributes,
            children: &e.children,
            flow: false,
        }),
        _ => None,
    }
}

/// A literal attribute's value (`label="Linux"`); `None` for an expression or no value.
fn attribute<'n>(attributes: &'n [AttributeContent], name: &str) -> Option<&'n str> {
    attributes.iter().find_map(|a| match a {
        AttributeContent::Property(p) if p.name == name => match &p.value {
            Some(AttributeValue::Literal(text)) => Some(text.as_str()),
            _ => None,
        },
        _ => None,
    })
}

/// `replacement` followed by as many line breaks as `original` held, so lines keep their
/// numbers.
fn keeping_lines(replacement: &str, original: &str) -> String {
    let breaks = original.matches('\n').count();
    let mut text = replacement.to_owned();
    let have = text.matches('\n').count();
    text.extend(std::iter::repeat_n('\n', breaks.saturating_sub(have)));
    text
}

impl Writer<'_> {
    fn note(&mut self, offset: usize, message: String) {
        self.notes.push(Note { offset, message });
    }

    /// The body's `range`, with the MDX nodes among `children` rewritten; `dedent`: take the
    /// indentation its lines share away (a component's content; the nodes inside take their
    /// own away).
    fn copy(&mut self, range: Range<usize>, children: &[Node], dedent: bool) {
        let mut nodes = Vec::new();
        outermost(children, &mut nodes);
        let indent = if dedent {
            common_indent(self.body, range.clone())
        } else {
            0
        };
        let mut at = range.start;
        for node in nodes {
            let Some(span) = span(node) else { continue };
            if span.start < at || span.end > range.end {
                continue;
            }
            self.gap(at..span.start, indent);
            self.node(node, span.clone());
            at = span.end;
        }
        self.gap(at..range.end, indent);
    }

    /// Source text between nodes, each line's first `indent` columns of spaces left out.
    fn gap(&mut self, range: Range<usize>, indent: usize) {
        let text = &self.body[range.clone()];
        if indent == 0 {
            self.out.push_str(text);
            return;
        }
        let mut line_start = range.start == 0 || self.body.as_bytes()[range.start - 1] == b'\n';
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push('\n');
                line_start = true;
            }
            if line_start {
                let spaces = line.len() - line.trim_start_matches([' ', '\t']).len();
                self.out.push_str(&line[spaces.min(indent)..]);
            } else {
                self.out.push_str(line);
            }
        }
    }

    /// The line the output is at, counted in the whole body: the lines before `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.body[..offset].matches('\n').count()
    }

    fn node(&mut self, node: &Node, span: Range<usize>) {
        let source = &self.body[span.clone()];
        match node {
            Node::MdxjsEsm(_) => self.out.push_str(&keeping_lines("", source)),
            Node::MdxFlowExpression(e) => self.expression(&e.value, span, source),
            Node::MdxTextExpression(e) => self.expression(&e.value, span, source),
            _ => {
                if let Some(element) = element(node) {
                    self.element(element, span);
                }
            }
        }
    }

    fn expression(&mut self, value: &str, span: Range<usize>, source: &str) {
        let value = value.trim();
        if !(value.starts_with("/*") && value.ends_with("*/")) {
            let shown: String = value.chars().take(40).collect();
            self.note(
                span.start,
                format!(
                    "the MDX expression `{{{shown}}}` is left out (it is computed by the site)"
                ),
            );
        }
        self.out.push_str(&keeping_lines("", source));
    }

    fn element(&mut self, element: Element, span: Range<usize>) {
        let source = &self.body[span.clone()];
        let name = element.name.unwrap_or_default();
        // Lower-case names are HTML elements: the HTML reader takes them as they are, with
        // the components inside them rewritten.
        if name.starts_with(|c: char| c.is_ascii_lowercase()) {
            self.wrapped(&element, span, None, None);
            return;
        }
        let inner = content_range(&element);
        if inner.is_none() {
            if !name.is_empty() {
                self.note(
                    span.start,
                    format!(
                        "the component <{name} /> is left out (the format has no place for it)"
                    ),
                );
            }
            self.out.push_str(&keeping_lines("", source));
            return;
        }
        let admonition = ADMONITIONS.iter().find(|(n, _)| *n == name);
        match (name, admonition) {
            // A fragment (`<>…</>`) only groups: its content, quietly.
            ("" | "Tabs", _) => {
                self.wrapped(&element, span, Some(String::new()), Some(String::new()))
            }
            ("TabItem", _) => {
                let label = attribute(element.attributes, "label")
                    .or_else(|| attribute(element.attributes, "value"))
                    .unwrap_or("Tab")
                    .to_owned();
                let line = self.line_of(span.start);
                self.tabs.push(line);
                self.wrapped(
                    &element,
                    span,
                    Some(format!("#### {label}\n")),
                    Some(String::new()),
                );
            }
            (_, Some((_, kind))) if element.flow => {
                let kind = ["type", "variant", "level"]
                    .iter()
                    .find_map(|key| attribute(element.attributes, key))
                    .unwrap_or(kind);
                // A title of signs alone ("!") is an icon, not words.
                let title = attribute(element.attributes, "title")
                    .filter(|t| t.chars().any(char::is_alphanumeric))
                    .map(|t| format!("[{t}]"))
                    .unwrap_or_default();
                self.wrapped(
                    &element,
                    span,
                    Some(format!(":::{kind}{title}\n")),
                    Some("\n:::".to_owned()),
                );
            }
            _ => {
                self.note(
                    span.start,
                    format!("the component <{name}> is left out; its text is kept"),
                );
                self.wrapped(&element, span, Some(String::new()), Some(String::new()));
            }
        }
    }

    /// An element whose opening and closing tags become `open` and `close` (`None`: kept as
    /// written), around its content.
    fn wrapped(
        &mut self,
        element: &Element,
        span: Range<usize>,
        open: Option<String>,
        close: Option<String>,
    ) {
        let Some(inner) = content_range(element) else {
            self.out.push_str(&self.body[span]);
            return;
        };
        let opening = &self.body[span.start..inner.start];
        let closing = &self.body[inner.end..span.end];
        // A flow element's tags sit on lines of their own: the replacement is a line, and
        // the Markdown needs a blank line before a heading or `:::` that follows text.
        let tag = |replacement: Option<String>, original: &str| match replacement {
            None => original.to_owned(),
            Some(text) => keeping_lines(&text, original),
        };
        let open_text = tag(open, opening);
        let close_text = tag(close, closing);
        self.out.push_str(&open_text);
        let children = element.children;
        self.copy(inner, children, element.flow && open_text != opening);
        self.out.push_str(&close_text);
    }
}

/// The body range between an element's tags (from its first child to its last); `None` for
/// one with no content.
fn content_range(element: &Element) -> Option<Range<usize>> {
    let first = element.children.first().and_then(span)?;
    let last = element.children.last().and_then(span)?;
    Some(first.start..last.end)
}

/// The indentation the non-blank lines of `body[range]` share, a line counted only from its
/// start (the first one only when the range starts a line).
fn common_indent(body: &str, range: Range<usize>) -> usize {
    let starts_line = range.start == 0 || body.as_bytes()[range.start - 1] == b'\n';
    body[range]
        .split('\n')
        .enumerate()
        .filter(|(i, line)| (*i > 0 || starts_line) && !line.trim().is_empty())
        .map(|(_, line)| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(mdx: &str) -> Rewritten {
        let out = rewrite(mdx);
        assert_eq!(
            out.text.matches('\n').count(),
            mdx.matches('\n').count(),
            "lines keep their numbers:\n{}",
            out.text
        );
        out
    }

    #[test]
    fn code_and_comments_go_and_the_markdown_stays() {
        let out = rewritten(
            "import Tabs from '@theme/Tabs';\nexport const x = 1;\n\n{/* a comment */}\n\nSome *text* with {1 + 1} in it.\n\n```js\nimport notGone from 'x';\n```\n",
        );
        assert_eq!(
            out.text,
            "\n\n\n\n\nSome *text* with  in it.\n\n```js\nimport notGone from 'x';\n```\n"
        );
        let messages: Vec<&str> = out.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the MDX expression `{1 + 1}` is left out (it is computed by the site)"]
        );
    }

    #[test]
    fn tabs_are_headings_and_their_content_loses_the_components_indentation() {
        let mdx = "Install:\n\n<Tabs>\n  <TabItem value=\"yarn\" label=\"Yarn\" default>\n\n    ```sh\n    yarn add x\n    ```\n\n  </TabItem>\n  <TabItem value=\"npm\">\n    Use npm.\n  </TabItem>\n</Tabs>\n";
        let out = rewritten(mdx);
        assert_eq!(
            out.text,
            "Install:\n\n\n#### Yarn\n\n```sh\nyarn add x\n```\n\n\n#### npm\nUse npm.\n\n\n"
        );
        assert_eq!(out.tabs, [3, 10]);
        let fragment = rewritten("<>\n  Grouped *words*.\n</>\n");
        assert_eq!(fragment.text, "\nGrouped *words*.\n\n");
        assert!(fragment.notes.is_empty());
    }

    #[test]
    fn admonition_components_become_colon_fences_and_others_keep_their_text() {
        let mdx = "<Admonition type=\"warning\" title=\"Careful\">\n  Mind the **gap**.\n</Admonition>\n\n<Note>\nNoted.\n</Note>\n\n<Highlight color=\"red\">Kept words</Highlight> and <YouTube id=\"x\" />.\n\n<div className=\"box\">\n  <Note>In HTML.</Note>\n</div>\n";
        let out = rewritten(mdx);
        assert!(
            out.text.starts_with(
                ":::warning[Careful]\nMind the **gap**.\n:::\n\n:::note\nNoted.\n:::\n"
            ),
            "{}",
            out.text
        );
        assert!(out.text.contains("\nKept words and .\n"), "{}", out.text);
        assert!(out.text.contains("<div className=\"box\">"), "{}", out.text);
        let messages: Vec<&str> = out.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the component <Highlight> is left out; its text is kept",
                "the component <YouTube /> is left out (the format has no place for it)",
                // Within a line of text, an admonition cannot be a block: its words stay.
                "the component <Note> is left out; its text is kept",
            ]
        );
    }

    #[test]
    fn a_body_that_is_not_mdx_is_read_as_markdown_without_its_imports() {
        let out = rewritten("import X from 'x';\n\nA < b and {unclosed.\n");
        assert_eq!(out.text, "\n\nA < b and {unclosed.\n");
        assert!(
            out.notes[0]
                .message
                .starts_with("the post is not valid MDX (")
        );
    }
}
