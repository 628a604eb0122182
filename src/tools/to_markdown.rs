//! The article format → Markdown with YAML front matter, for `article to-markdown`: the reverse
//! of [`super::article_from_markdown`], so that an article read back gives the same JSON. What
//! the Markdown syntax cannot say is named by [`markdown_can_hold`] and refused.

use serde::Serialize;

use crate::model::wire::*;
use crate::tools::markdown::marker_line;

/// The article's own fields, written as YAML front matter.
#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    standfirst: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dir: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a RawSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sponsor: Option<&'a RawSponsor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<&'a Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_figures: Option<Vec<&'a RawKeyFigure>>,
}

/// Why an article cannot be written as Markdown that reads back the same, or `None`.
pub fn markdown_can_hold(article: &RawArticle) -> Option<String> {
    for (s, section) in article.sections.iter().enumerate() {
        if section.heading.is_none() && s > 0 {
            return Some(format!(
                "sections[{s}] has no heading, and only the first section may lack one in Markdown"
            ));
        }
        if section.heading.is_none() && (section.id.is_some() || section.collapsed.is_some()) {
            return Some("the lead section has an id or a collapsed state".to_owned());
        }
        if section.collapsed == Some(false) {
            return Some(format!(
                "sections[{s}].collapsed is false (Markdown writes only true)"
            ));
        }
        for (b, block) in section.blocks.iter().enumerate() {
            let at = format!("sections[{s}].blocks[{b}]");
            let Decoded::Value(block) = block else {
                return Some(format!("{at} breaks the format"));
            };
            if let Some(why) = block_cannot(block) {
                return Some(format!("{at}: {why}"));
            }
        }
    }
    if let Some(why) = notes_cannot(article) {
        return Some(why);
    }
    if let Some(figures) = &article.key_figures
        && figures.iter().any(|f| matches!(f, Decoded::Broken(..)))
    {
        return Some("a key figure breaks the format".to_owned());
    }
    None
}

fn block_cannot(block: &RawBlock) -> Option<&'static str> {
    match block.kind.as_str() {
        "paragraph" | "divider" => None,
        "heading" => match &block.text {
            Some(RawInline::Spans(spans))
                if spans.iter().any(|span| {
                    matches!(span, RawSpan::Styled(s) if s.href.is_some() || s.note.is_some())
                }) =>
            {
                Some("a link or note reference in a heading")
            }
            _ => None,
        },
        "list" if block.ordered.is_none() => Some("a list without `ordered`"),
        "list" => block
            .items
            .iter()
            .flatten()
            .any(item_cannot)
            .then_some("a list item Markdown cannot write"),
        "quote" | "pull_quote" => None,
        "image" if block.credit.is_some() => Some("an image credit"),
        "image" if block.alt.is_none() => Some("an image without alt"),
        "image" => None,
        "table" if block.row_headers.is_some() => Some("row headers"),
        "table" if block.head.as_ref().is_none_or(|h| h.len() != 1) => {
            Some("a table without exactly one header row")
        }
        "table" if block.caption.is_some() => Some("a table caption"),
        "table" => None,
        "code" => None,
        "callout" if block.callout.is_none() => Some("a callout without `kind`"),
        "callout" if block.collapsed == Some(false) => {
            Some("a callout's `collapsed` is false (Markdown writes only true)")
        }
        "callout" if block.title.as_deref().is_some_and(|t| t.contains('\n')) => {
            Some("a callout title on more than one line")
        }
        "callout" => block.blocks.iter().flatten().find_map(|inner| match inner {
            Decoded::Value(inner) if inner.kind == "callout" => Some("a callout inside a callout"),
            Decoded::Value(inner) => block_cannot(inner),
            Decoded::Broken(..) => Some("a block inside a callout breaks the format"),
        }),
        _ => Some("a block type Markdown has no syntax for"),
    }
}

fn item_cannot(item: &RawListItem) -> bool {
    match item {
        RawListItem::Text(_) => false,
        RawListItem::Nested(nested) => {
            nested.items.as_ref().is_none_or(Vec::is_empty)
                || nested.ordered == Some(false)
                || nested.items.iter().flatten().any(item_cannot)
        }
    }
}

/// The article as Markdown; `Err` says what Markdown cannot hold.
pub fn article_to_markdown(article: &RawArticle) -> Result<String, String> {
    if let Some(why) = markdown_can_hold(article) {
        return Err(why);
    }
    let front = FrontMatter {
        title: &article.title,
        label: article.label.as_deref(),
        standfirst: article.standfirst.as_deref(),
        lang: article.lang.as_deref(),
        dir: article.dir.as_deref(),
        authors: (article.authors.as_ref())
            .map(|authors| authors.iter().map(author_text).collect()),
        published: article.published.as_deref(),
        updated: article.updated.as_deref(),
        source: article.source.as_ref(),
        sponsor: article.sponsor.as_ref(),
        copyright: article.copyright.as_deref(),
        tags: article.tags.as_ref(),
        image: article.image.as_deref(),
        key_figures: article.key_figures.as_ref().map(|figures| {
            figures
                .iter()
                .filter_map(|f| match f {
                    Decoded::Value(f) => Some(f),
                    Decoded::Broken(..) => None,
                })
                .collect()
        }),
    };
    let yaml = serde_saphyr::to_string(&front).map_err(|e| e.to_string())?;
    let mut out = format!("---\n{}---\n", ensure_newline(&yaml));
    for section in &article.sections {
        if let Some(heading) = &section.heading {
            out.push_str("\n## ");
            out.push_str(&escape_line(heading));
            let mut attributes = Vec::new();
            if let Some(id) = &section.id {
                attributes.push(format!("#{id}"));
            }
            if section.collapsed == Some(true) {
                attributes.push(".collapsed".to_owned());
            }
            if !attributes.is_empty() {
                out.push_str(&format!(" {{{}}}", attributes.join(" ")));
            }
            out.push('\n');
        }
        for block in &section.blocks {
            if let Decoded::Value(block) = block {
                out.push('\n');
                write_block(block, &mut out);
            }
        }
    }
    // The notes as footnotes, in their order (which is the order they are referred to).
    for note in article.notes.iter().flatten() {
        out.push_str(&format!("\n[^{}]: {}\n", note.id, inline(Some(&note.text))));
    }
    Ok(out)
}

/// The block itself, when it keeps the format.
fn value(block: &Decoded<RawBlock>) -> Option<&RawBlock> {
    match block {
        Decoded::Value(block) => Some(block),
        Decoded::Broken(..) => None,
    }
}

/// Why the notes cannot be footnotes that read back the same, or `None`: Markdown numbers
/// footnotes by first reference, and labels hold no spaces or brackets.
fn notes_cannot(article: &RawArticle) -> Option<String> {
    let notes = article.notes.as_deref().unwrap_or_default();
    let mut order: Vec<String> = Vec::new();
    let mut spans_of = |inline: &RawInline| -> Option<String> {
        if let RawInline::Spans(spans) = inline {
            for span in spans {
                if let RawSpan::Styled(RawStyledSpan {
                    note: Some(id),
                    text,
                    ..
                }) = span
                {
                    if !order.contains(id) {
                        order.push(id.clone());
                    }
                    let number = order.iter().position(|o| o == id).unwrap_or(0) + 1;
                    if *text != number.to_string() {
                        return Some(format!(
                            "a reference to note \"{id}\" shows \"{text}\", not its number {number}"
                        ));
                    }
                }
            }
        }
        None
    };
    for section in &article.sections {
        // A callout's blocks follow it, as they are read.
        let blocks =
            section.blocks.iter().filter_map(value).flat_map(|b| {
                std::iter::once(b).chain(b.blocks.iter().flatten().filter_map(value))
            });
        for block in blocks {
            let mut runs: Vec<&RawInline> = block.text.iter().chain(block.caption.iter()).collect();
            runs.extend(
                block
                    .head
                    .iter()
                    .chain(block.rows.iter())
                    .flatten()
                    .flatten(),
            );
            fn items<'a>(list: &'a [RawListItem], out: &mut Vec<&'a RawInline>) {
                for item in list {
                    match item {
                        RawListItem::Text(t) => out.push(t),
                        RawListItem::Nested(n) => {
                            out.push(&n.text);
                            items(n.items.as_deref().unwrap_or_default(), out);
                        }
                    }
                }
            }
            items(block.items.as_deref().unwrap_or_default(), &mut runs);
            if let Some(why) = runs.into_iter().find_map(&mut spans_of) {
                return Some(why);
            }
        }
    }
    for (i, note) in notes.iter().enumerate() {
        if note.id.is_empty()
            || note
                .id
                .contains(|c: char| c.is_whitespace() || c == ']' || c == '[')
        {
            return Some(format!(
                "notes[{i}].id \"{}\" is not a footnote label",
                note.id
            ));
        }
        if order.get(i).is_some_and(|o| *o != note.id) {
            return Some(format!(
                "notes[{i}] is not in the order the notes are referred to"
            ));
        }
    }
    None
}

fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}

fn write_block(block: &RawBlock, out: &mut String) {
    match block.kind.as_str() {
        "paragraph" => {
            out.push_str(&escape_line(&inline(block.text.as_ref())));
            out.push('\n');
        }
        "heading" => {
            let hashes = if block.level == Some(3.0) {
                "###"
            } else {
                "####"
            };
            out.push_str(&format!(
                "{hashes} {}\n",
                escape_line(&inline(block.text.as_ref()))
            ));
        }
        "list" => write_list(
            block.ordered.unwrap_or(false),
            block.items.as_deref().unwrap_or_default(),
            "",
            out,
        ),
        "quote" => {
            out.push_str(&format!(
                "> {}\n",
                escape_line(&inline(block.text.as_ref()))
            ));
            write_source(block.cite.as_deref(), out);
        }
        "pull_quote" => {
            let marker = match block.repeats_text {
                None => "[pull-quote]",
                Some(true) => "[pull-quote repeats]",
                Some(false) => "[pull-quote unique]",
            };
            out.push_str(&format!(
                "> {marker}\n>\n> {}\n",
                escape_line(&inline(block.text.as_ref()))
            ));
            write_source(block.attribution.as_deref(), out);
        }
        "image" => {
            let alt = escape(block.alt.as_deref().unwrap_or_default());
            let src = destination(block.src.as_deref().unwrap_or_default());
            match block.caption.as_ref() {
                Some(RawInline::Text(caption)) => {
                    out.push_str(&format!(
                        "![{alt}]({src} \"{}\")\n",
                        caption.replace('\\', "\\\\").replace('"', "\\\"")
                    ));
                }
                _ => out.push_str(&format!("![{alt}]({src})\n")),
            }
        }
        "divider" => out.push_str("***\n"),
        "callout" => {
            out.push_str(&marker_line(
                block.callout.as_deref().unwrap_or("note"),
                block.collapsed == Some(true),
                &escape(block.title.as_deref().unwrap_or_default()),
            ));
            out.push('\n');
            let mut body = String::new();
            for (i, inner) in block.blocks.iter().flatten().enumerate() {
                if let Decoded::Value(inner) = inner {
                    if i > 0 {
                        body.push('\n');
                    }
                    write_block(inner, &mut body);
                }
            }
            for line in body.lines() {
                out.push_str(if line.is_empty() { ">" } else { "> " });
                out.push_str(line);
                out.push('\n');
            }
        }
        "table" => {
            let head = &block.head.as_ref().expect("checked")[0];
            let rows = block.rows.as_deref().unwrap_or_default();
            let columns = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
            let cells = |row: &Vec<RawInline>| {
                let mut line = String::from("|");
                for c in 0..columns {
                    let text = row
                        .get(c)
                        .map(|cell| inline(Some(cell)))
                        .unwrap_or_default();
                    line.push_str(&format!(" {} |", escape(&text).replace('|', "\\|")));
                }
                line.push('\n');
                line
            };
            out.push_str(&cells(head));
            let align = block.align.as_deref().unwrap_or_default();
            let mut rule = String::from("|");
            for c in 0..columns {
                rule.push_str(match align.get(c).cloned().flatten().as_deref() {
                    Some("left") => " :-- |",
                    Some("right") => " --: |",
                    Some("center") => " :-: |",
                    _ => " --- |",
                });
            }
            out.push_str(&rule);
            out.push('\n');
            for row in rows {
                out.push_str(&cells(row));
            }
        }
        "code" => {
            let text = match &block.text {
                Some(RawInline::Text(text)) => text.as_str(),
                _ => "",
            };
            // A fence longer than any run of backticks inside.
            let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            let language = block.language.as_deref().unwrap_or_default();
            out.push_str(&format!("{fence}{language}\n{text}\n{fence}\n"));
        }
        _ => {}
    }
}

/// A quote's last line naming its source: "> — Name" (what from-markdown reads back).
fn write_source(who: Option<&str>, out: &mut String) {
    if let Some(who) = who {
        out.push_str(&format!(">\n> — {}\n", escape(who)));
    }
}

fn write_list(ordered: bool, items: &[RawListItem], indent: &str, out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}.", i + 1)
        } else {
            "-".to_owned()
        };
        let inner_indent = format!("{indent}{}", " ".repeat(marker.len() + 1));
        let (text, inner) = match item {
            RawListItem::Text(text) => (text, None),
            RawListItem::Nested(nested) => (&nested.text, Some(nested)),
        };
        out.push_str(&format!(
            "{indent}{marker} {}\n",
            escape_line(&inline(Some(text)))
        ));
        if let Some(nested) = inner {
            write_list(
                nested.ordered.unwrap_or(false),
                nested.items.as_deref().unwrap_or_default(),
                &inner_indent,
                out,
            );
        }
    }
}

/// Inline text as Markdown: `**strong**`, `*em*`, `[links](url)`; text escaped.
fn inline(text: Option<&RawInline>) -> String {
    match text {
        None => String::new(),
        Some(RawInline::Text(text)) => escape(text),
        Some(RawInline::Spans(spans)) => spans
            .iter()
            .map(|span| match span {
                RawSpan::Text(text) => escape(text),
                RawSpan::Styled(span) if span.note.is_some() => {
                    format!("[^{}]", span.note.as_deref().unwrap_or_default())
                }
                RawSpan::Styled(span) => {
                    let mut text = if span.code == Some(true) {
                        code_span(&span.text)
                    } else {
                        escape(&span.text)
                    };
                    if span.sub == Some(true) {
                        text = format!("<sub>{text}</sub>");
                    }
                    if span.sup == Some(true) {
                        text = format!("<sup>{text}</sup>");
                    }
                    if span.strike == Some(true) {
                        text = format!("~~{text}~~");
                    }
                    if span.em == Some(true) {
                        text = format!("*{text}*");
                    }
                    if span.strong == Some(true) {
                        text = format!("**{text}**");
                    }
                    match &span.href {
                        Some(href) => format!("[{text}]({})", destination(href)),
                        None => text,
                    }
                }
            })
            .collect(),
    }
}

/// An author as the front matter holds it: the name, or a Markdown link to the author's page
/// (which `article import` reads back as the name and its `url`).
fn author_text(author: &RawAuthor) -> String {
    match author {
        RawAuthor::Linked(RawSource {
            name,
            url: Some(url),
        }) => format!("[{}]({})", escape(name), destination(url)),
        _ => author.name().to_owned(),
    }
}

/// Code as a Markdown code span: fenced by more backticks than it holds in a row, padded
/// with a space where it starts or ends with a backtick or a space.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
    let space = if pad { " " } else { "" };
    format!("{fence}{space}{text}{space}{fence}")
}

/// A link or image address, in angle brackets when it holds spaces or parentheses.
fn destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) || url.is_empty() {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_owned()
    }
}

/// Text with every character Markdown could read as syntax escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '`'
                | '!'
                | '&'
                | '#'
                | '{'
                | '}'
                | '~'
                | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escaped text that starts a line: a leading list marker, number or rule is escaped too.
fn escape_line(text: &str) -> String {
    let starts_block = text.starts_with(['-', '+', '=']) || {
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && text[digits..].starts_with(['.', ')'])
    };
    if !starts_block {
        return text.to_owned();
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else {
        format!("\\{text}")
    }
}
