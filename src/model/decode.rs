//! Text → [`Article`], with errors that name the exact field.
//!
//! We parse to [`Json`] trees (syntax errors carry line and column), one per section as the
//! reader reaches it and one for the rest of the article, and walk them by hand, so every shape
//! error carries its path (`sections[1].blocks[0].items`), unknown block types survive as
//! placeholders, and unknown fields are ignored as the format promises.

use std::fmt;

use crate::model::error::ArticleError;
use crate::model::json::{self, Fields, Json as Value, Streamed};
use crate::model::lang::Direction;
use crate::model::number::decimal;
use crate::model::types::*;
use crate::model::url::{CheckedUrl, UrlKind};

/// Documents larger than this are refused before parsing (8 MiB: ~5,000 sections of prose).
pub const MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;

/// Deepest nesting of arrays and objects the parser accepts; the format itself never needs more
/// than eight.
pub const MAX_NESTING: usize = 128;

/// Parses an article from raw bytes: refuses oversized input before looking at it, and
/// non-UTF-8 input with the offset of the first bad byte.
pub fn parse_article_bytes(bytes: &[u8]) -> Result<Article, ArticleError> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            size: bytes.len(),
            limit: MAX_ARTICLE_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| ArticleError::NotText {
        offset: e.valid_up_to(),
    })?;
    parse_article(text)
}

/// Parses and decodes an article document.
pub fn parse_article(text: &str) -> Result<Article, ArticleError> {
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            size: text.len(),
            limit: MAX_ARTICLE_BYTES,
        });
    }
    // Sections are decoded as the reader reaches them, so no tree of the whole document is
    // ever built: at most one section's. The first failure is kept and reported where the
    // article's fields are checked, in the same order as for any other field.
    let mut sections: Decoded<Vec<Section>> = Ok(Vec::new());
    let mut index = 0;
    let value = json::parse_streaming(
        text,
        MAX_NESTING,
        "sections",
        &mut |streamed| match streamed {
            Streamed::Start => {
                sections = Ok(Vec::new());
                index = 0;
            }
            Streamed::Item(value) => {
                if let Ok(decoded) = &mut sections {
                    match decode_section(&value, sections_path().index(index)) {
                        Ok(section) => decoded.push(section),
                        Err(error) => sections = Err(error),
                    }
                }
                index += 1;
            }
        },
    )
    .map_err(|e| syntax_error(text, e))?;
    decode_article(&value, sections)
}

fn syntax_error(text: &str, error: json::SyntaxError) -> ArticleError {
    let json::SyntaxError {
        line,
        column,
        message,
        too_deep,
    } = error;
    if too_deep {
        return ArticleError::TooDeep {
            line,
            column,
            limit: MAX_NESTING,
        };
    }
    ArticleError::Syntax {
        line,
        column,
        message: message.to_owned(),
        excerpt: excerpt_at(text, line, column),
    }
}

/// Up to 20 characters either side of the fault, on its line, with whitespace made visible.
fn excerpt_at(text: &str, line: usize, column: usize) -> String {
    let Some(line_text) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let chars: Vec<char> = line_text.chars().collect();
    let char_index = column.saturating_sub(1).min(chars.len());
    let start = char_index.saturating_sub(20);
    let end = (char_index + 20).min(chars.len());
    chars[start..end]
        .iter()
        .map(|c| if c.is_control() { ' ' } else { *c })
        .collect()
}

/// Where in the document a value sits; built on the stack and only formatted on error.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn field<'b>(&'b self, name: &'b str) -> Path<'b> {
        Path::Field(self, name)
    }
    pub(crate) fn index(&self, i: usize) -> Path<'_> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => f.write_str("the top level"),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

fn describe(value: Option<&Value>) -> String {
    match value {
        None => "nothing (the field is missing)".to_owned(),
        Some(Value::Null) => "null".to_owned(),
        Some(Value::Bool(b)) => format!("{b}"),
        Some(Value::Number(n)) => format!("the number {}", decimal(*n, 6)),
        Some(Value::String(_)) => "a string".to_owned(),
        Some(Value::Array(_)) => "an array".to_owned(),
        Some(Value::Object(_)) => "an object".to_owned(),
    }
}

fn shape(path: Path<'_>, expected: &str, found: Option<&Value>) -> ArticleError {
    ArticleError::Shape {
        path: path.to_string(),
        expected: expected.to_owned(),
        found: describe(found),
    }
}

type Decoded<T> = Result<T, ArticleError>;

fn object<'v>(value: Option<&'v Value<'v>>, path: Path<'_>) -> Decoded<&'v Fields<'v>> {
    match value {
        Some(Value::Object(map)) => Ok(map),
        other => Err(shape(path, "an object", other)),
    }
}

/// A present, non-null field; `null` counts as absent for optional fields.
fn present<'v>(fields: &'v Fields<'v>, name: &str) -> Option<&'v Value<'v>> {
    fields.get(name).filter(|v| !v.is_null())
}

fn string(fields: &Fields, name: &str, path: Path<'_>) -> Decoded<String> {
    match fields.get(name) {
        Some(Value::String(s)) => Ok(s.to_string()),
        other => Err(shape(path.field(name), "a string", other)),
    }
}

fn opt_string(fields: &Fields, name: &str, path: Path<'_>) -> Decoded<Option<String>> {
    match present(fields, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.to_string())),
        other => Err(shape(path.field(name), "a string", other)),
    }
}

fn opt_bool(fields: &Fields, name: &str, path: Path<'_>) -> Decoded<bool> {
    match present(fields, name) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        other => Err(shape(path.field(name), "true or false", other)),
    }
}

/// Decodes every item of an array into a vector of exactly that length: collecting into a
/// `Result` cannot know the length, so vectors grew by doubling, and at 2,000 sections the unused
/// room in the sections' block and span lists was a measurable part of wasm memory.
fn decode_each<T>(
    items: &[Value<'_>],
    decode: impl Fn(usize, &Value<'_>) -> Decoded<T>,
) -> Decoded<Vec<T>> {
    let mut decoded = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        decoded.push(decode(i, item)?);
    }
    Ok(decoded)
}

fn array<'v>(fields: &'v Fields<'v>, name: &str, path: Path<'_>) -> Decoded<&'v [Value<'v>]> {
    match fields.get(name) {
        Some(Value::Array(items)) => Ok(items),
        other => Err(shape(path.field(name), "an array", other)),
    }
}

fn opt_array<'v>(fields: &'v Fields<'v>, name: &str, path: Path<'_>) -> Decoded<&'v [Value<'v>]> {
    match present(fields, name) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        other => Err(shape(path.field(name), "an array", other)),
    }
}

/// Compares by value, as JSON Schema does: `1`, `1.0` and `1e0` are all the number one.
fn number_is(n: &f64, expected: u64) -> bool {
    *n == expected as f64
}

/// Where the sections are in the document: the path their errors start with.
pub(crate) fn sections_path() -> Path<'static> {
    Path::Field(&Path::Root, "sections")
}

/// Decodes the article's fields; `sections` were decoded while reading (the tree holds an empty
/// array in their place when they were an array at all).
pub(crate) fn decode_article(value: &Value, sections: Decoded<Vec<Section>>) -> Decoded<Article> {
    let root = Path::Root;
    let fields = object(Some(value), root)?;
    // The version comes first: a newer document may differ in any other field.
    let version = match fields.get("version") {
        Some(Value::Number(n)) if number_is(n, FORMAT_VERSION) => FORMAT_VERSION,
        Some(Value::Number(n)) if n.is_finite() && n.fract() == 0.0 => {
            return Err(ArticleError::UnsupportedVersion {
                found: decimal(*n, 0),
            });
        }
        other => return Err(shape(root.field("version"), "the integer 1", other)),
    };
    let title = string(fields, "title", root)?;
    if title.trim().is_empty() {
        return Err(ArticleError::BlankTitle);
    }
    let dir = match present(fields, "dir") {
        None => None,
        Some(Value::String(s)) if Direction::from_attr(s).is_some() => Direction::from_attr(s),
        other => {
            return Err(shape(
                root.field("dir"),
                "\"ltr\", \"rtl\" or \"auto\"",
                other,
            ));
        }
    };
    let authors_path = root.field("authors");
    let authors = opt_array(fields, "authors", root)?
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::String(s) => Ok(s.to_string()),
            other => Err(shape(authors_path.index(i), "a string", Some(other))),
        })
        .collect::<Decoded<Vec<_>>>()?;
    array(fields, "sections", root)?;
    let sections = sections?;
    if sections.is_empty() {
        return Err(ArticleError::NoSections);
    }
    let figures_path = root.field("key_figures");
    let key_figures = opt_array(fields, "key_figures", root)?
        .iter()
        .enumerate()
        .map(|(i, v)| decode_figure(v, figures_path.index(i)))
        .collect::<Decoded<Vec<_>>>()?;
    Ok(Article {
        version,
        lang: opt_string(fields, "lang", root)?,
        dir,
        label: opt_string(fields, "label", root)?,
        title,
        standfirst: opt_string(fields, "standfirst", root)?,
        authors,
        published: opt_string(fields, "published", root)?,
        updated: opt_string(fields, "updated", root)?,
        source: decode_opt_source(fields, "source", root)?,
        sponsor: decode_sponsor(fields, root)?,
        copyright: opt_string(fields, "copyright", root)?,
        sections,
        key_figures,
    })
}

fn decode_opt_source(fields: &Fields, name: &str, path: Path<'_>) -> Decoded<Option<Source>> {
    let Some(value) = present(fields, name) else {
        return Ok(None);
    };
    let path = path.field(name);
    let source = object(Some(value), path)?;
    Ok(Some(Source {
        name: string(source, "name", path)?,
        url: opt_string(source, "url", path)?.map(|raw| CheckedUrl::new(&raw, UrlKind::Link)),
    }))
}

fn decode_sponsor(fields: &Fields, path: Path<'_>) -> Decoded<Option<Sponsor>> {
    let Some(value) = present(fields, "sponsor") else {
        return Ok(None);
    };
    let path = path.field("sponsor");
    let sponsor = object(Some(value), path)?;
    Ok(Some(Sponsor {
        name: string(sponsor, "name", path)?,
        disclosure: opt_string(sponsor, "disclosure", path)?,
    }))
}

pub(crate) fn decode_section(value: &Value, path: Path<'_>) -> Decoded<Section> {
    let fields = object(Some(value), path)?;
    let blocks_path = path.field("blocks");
    let blocks = decode_each(array(fields, "blocks", path)?, |i, v| {
        decode_block(v, blocks_path.index(i))
    })?;
    Ok(Section {
        id: opt_string(fields, "id", path)?,
        heading: opt_string(fields, "heading", path)?.filter(|h| !h.trim().is_empty()),
        collapsed: opt_bool(fields, "collapsed", path)?,
        blocks,
    })
}

fn decode_block(value: &Value, path: Path<'_>) -> Decoded<Block> {
    let fields = object(Some(value), path)?;
    let kind = string(fields, "type", path)?;
    Ok(match kind.as_str() {
        "paragraph" => Block::Paragraph(decode_inline(fields.get("text"), path.field("text"))?),
        "heading" => Block::Heading {
            text: string(fields, "text", path)?,
            level: match fields.get("level") {
                Some(Value::Number(n)) if number_is(n, 3) => 3,
                Some(Value::Number(n)) if number_is(n, 4) => 4,
                other => return Err(shape(path.field("level"), "3 or 4", other)),
            },
        },
        "list" => {
            let items_path = path.field("items");
            Block::List {
                ordered: opt_bool(fields, "ordered", path)?,
                items: decode_each(array(fields, "items", path)?, |i, v| {
                    decode_inline(Some(v), items_path.index(i))
                })?,
            }
        }
        "pull_quote" => Block::PullQuote {
            text: string(fields, "text", path)?,
            attribution: opt_string(fields, "attribution", path)?,
            repeats_text: match present(fields, "repeats_text") {
                None => None,
                Some(Value::Bool(b)) => Some(*b),
                other => return Err(shape(path.field("repeats_text"), "true or false", other)),
            },
        },
        "quote" => Block::Quote {
            text: decode_inline(fields.get("text"), path.field("text"))?,
            cite: opt_string(fields, "cite", path)?,
        },
        "image" => Block::Image {
            src: CheckedUrl::new(&string(fields, "src", path)?, UrlKind::Image),
            alt: opt_string(fields, "alt", path)?,
            caption: opt_string(fields, "caption", path)?,
            credit: opt_string(fields, "credit", path)?,
        },
        "divider" => Block::Divider,
        _ => Block::Unknown { kind },
    })
}

const INLINE_EXPECTED: &str = "text: a string, or an array of strings and {\"text\": …} spans";

fn decode_inline(value: Option<&Value>, path: Path<'_>) -> Decoded<Inline> {
    match value {
        Some(Value::String(s)) => Ok(vec![Span {
            text: s.to_string(),
            ..Span::default()
        }]),
        Some(Value::Array(parts)) => decode_each(parts, |i, part| decode_span(part, path.index(i))),
        other => Err(shape(path, INLINE_EXPECTED, other)),
    }
}

fn decode_span(value: &Value, path: Path<'_>) -> Decoded<Span> {
    match value {
        Value::String(s) => Ok(Span {
            text: s.to_string(),
            ..Span::default()
        }),
        Value::Object(fields) => Ok(Span {
            text: string(fields, "text", path)?,
            strong: opt_bool(fields, "strong", path)?,
            em: opt_bool(fields, "em", path)?,
            href: opt_string(fields, "href", path)?.map(|raw| CheckedUrl::new(&raw, UrlKind::Link)),
        }),
        other => Err(shape(path, "a string or a {\"text\": …} span", Some(other))),
    }
}

fn decode_figure(value: &Value, path: Path<'_>) -> Decoded<KeyFigure> {
    let fields = object(Some(value), path)?;
    Ok(KeyFigure {
        value: string(fields, "value", path)?,
        label: string(fields, "label", path)?,
        detail: opt_string(fields, "detail", path)?,
        as_of: opt_string(fields, "as_of", path)?,
        section: opt_string(fields, "section", path)?,
        anchor: opt_string(fields, "anchor", path)?,
        unit: opt_string(fields, "unit", path)?,
        source: decode_opt_source(fields, "source", path)?,
        series: decode_series(fields, path)?,
    })
}

/// At most this many points: a figure's chart is a glance, not a data table.
pub const MAX_SERIES_POINTS: usize = 24;

fn decode_series(fields: &Fields, path: Path<'_>) -> Decoded<Vec<SeriesPoint>> {
    let series_path = path.field("series");
    let points = opt_array(fields, "series", path)?;
    if points.len() > MAX_SERIES_POINTS {
        return Err(ArticleError::Shape {
            path: series_path.to_string(),
            expected: format!("at most {MAX_SERIES_POINTS} points"),
            found: format!("{} points", points.len()),
        });
    }
    points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let point_path = series_path.index(i);
            let fields = object(Some(point), point_path)?;
            let value = match fields.get("value") {
                Some(Value::Number(n)) => Some(*n).filter(|v| v.is_finite()),
                _ => None,
            };
            let Some(value) = value else {
                return Err(shape(
                    point_path.field("value"),
                    "a number",
                    fields.get("value"),
                ));
            };
            Ok(SeriesPoint {
                label: string(fields, "label", point_path)?,
                value,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(sections: &str) -> String {
        format!(r#"{{"version": 1, "title": "T", "sections": {sections}}}"#)
    }

    fn shape_path(text: &str) -> String {
        match parse_article(text) {
            Err(ArticleError::Shape { path, .. }) => path,
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn minimal_article_parses() {
        let article = parse_article(&minimal(r#"[{"blocks": []}]"#)).unwrap();
        assert_eq!(article.title, "T");
        assert_eq!(article.sections.len(), 1);
    }

    #[test]
    fn shape_errors_name_the_field_path() {
        let text = minimal(
            r#"[{"blocks": []}, {"heading": "H", "blocks": [{"type": "list", "items": "x"}]}]"#,
        );
        assert_eq!(shape_path(&text), "sections[1].blocks[0].items");
        let text = minimal(r#"[{"blocks": [{"type": "paragraph", "text": ["a", 3]}]}]"#);
        assert_eq!(shape_path(&text), "sections[0].blocks[0].text[1]");
        let text = minimal(r#"[{"blocks": [{"type": "heading", "text": "a", "level": 2}]}]"#);
        assert_eq!(shape_path(&text), "sections[0].blocks[0].level");
        assert_eq!(shape_path(r#"{"version": 1, "title": "T"}"#), "sections");
        assert_eq!(shape_path(r#"{"version": "1"}"#), "version");
        assert_eq!(shape_path("[]"), "the top level");
        let text = r#"{"version": 1, "title": "T", "sections": [{"blocks": []}],
            "key_figures": [{"value": "1", "label": "x", "source": {"url": "https://a"}}]}"#;
        assert_eq!(shape_path(text), "key_figures[0].source.name");
    }

    #[test]
    fn syntax_errors_carry_line_column_and_excerpt() {
        let text = "{\n  \"version\": 1,\n  \"title\": \"T\" oops\n}";
        match parse_article(text) {
            Err(ArticleError::Syntax {
                line,
                column,
                excerpt,
                ..
            }) => {
                assert_eq!(line, 3);
                assert!(column > 10, "{column}");
                assert!(excerpt.contains("oops"), "{excerpt}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn version_title_and_sections_are_checked() {
        let v2 = r#"{"version": 2, "title": "T", "sections": "anything"}"#;
        assert_eq!(
            parse_article(v2),
            Err(ArticleError::UnsupportedVersion { found: "2".into() })
        );
        let blank = r#"{"version": 1, "title": "  ", "sections": [{"blocks": []}]}"#;
        assert_eq!(parse_article(blank), Err(ArticleError::BlankTitle));
        assert_eq!(parse_article(&minimal("[]")), Err(ArticleError::NoSections));
    }

    #[test]
    fn sections_decoded_while_reading_keep_the_order_of_checks() {
        // A newer version is reported even when a section before it in the text is wrong.
        let text = r#"{"sections": [{"blocks": 3}], "version": 2, "title": "T"}"#;
        assert_eq!(
            parse_article(text),
            Err(ArticleError::UnsupportedVersion { found: "2".into() })
        );
        // A syntax error anywhere wins over a wrong section.
        let text = r#"{"version": 1, "title": "T", "sections": [{"blocks": 3}], oops}"#;
        assert!(matches!(
            parse_article(text),
            Err(ArticleError::Syntax { .. })
        ));
        // The first wrong section is the one named.
        let text = minimal(r#"[{"blocks": []}, {"blocks": 1}, {"blocks": 2}]"#);
        assert_eq!(shape_path(&text), "sections[1].blocks");
        // A repeated field: the last one counts, as with any field.
        let text = r#"{"version": 1, "title": "T", "sections": [{"blocks": 1}],
            "sections": [{"heading": "A", "blocks": []}, {"heading": "B", "blocks": []}]}"#;
        let headings: Vec<_> = parse_article(text)
            .unwrap()
            .sections
            .into_iter()
            .map(|s| s.heading)
            .collect();
        assert_eq!(headings, [Some("A".into()), Some("B".into())]);
        let text = r#"{"version": 1, "title": "T", "sections": [{"blocks": []}],
            "sections": "none"}"#;
        assert_eq!(shape_path(text), "sections");
    }

    #[test]
    fn unknown_fields_are_ignored_and_unknown_blocks_kept() {
        let text = r#"{"version": 1, "title": "T", "extra": {"a": 1},
            "sections": [{"blocks": [{"type": "video", "src": "x"}], "future": true}]}"#;
        let article = parse_article(text).unwrap();
        assert_eq!(
            article.sections[0].blocks,
            vec![Block::Unknown {
                kind: "video".into()
            }]
        );
    }

    #[test]
    fn oversized_documents_are_refused_before_parsing() {
        let huge = " ".repeat(MAX_ARTICLE_BYTES + 1);
        assert!(matches!(
            parse_article(&huge),
            Err(ArticleError::TooLarge { .. })
        ));
    }

    #[test]
    fn deep_nesting_is_its_own_error() {
        let deep = format!(
            "{}{}",
            "[".repeat(MAX_NESTING + 10),
            "]".repeat(MAX_NESTING + 10)
        );
        assert!(matches!(
            parse_article(&deep),
            Err(ArticleError::TooDeep {
                line: 1,
                limit: MAX_NESTING,
                ..
            })
        ));
        let fine = format!("{}{}", "[".repeat(50), "]".repeat(50));
        assert!(matches!(
            parse_article(&fine),
            Err(ArticleError::Shape { .. })
        ));
    }

    #[test]
    fn bytes_must_be_utf8_and_may_start_with_a_bom() {
        let ok =
            b"\xEF\xBB\xBF{\"version\": 1, \"title\": \"T\", \"sections\": [{\"blocks\": []}]}";
        assert!(parse_article_bytes(ok).is_ok());
        let bad = b"{\"version\": 1, \"title\": \"\xFF\"}";
        assert_eq!(
            parse_article_bytes(bad),
            Err(ArticleError::NotText { offset: 25 })
        );
        let huge = vec![b' '; MAX_ARTICLE_BYTES + 1];
        assert!(matches!(
            parse_article_bytes(&huge),
            Err(ArticleError::TooLarge { .. })
        ));
    }

    #[test]
    fn excerpt_survives_multibyte_text() {
        let text = "{\"title\": \"Ünïcødé ✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓\" x}";
        assert!(matches!(
            parse_article(text),
            Err(ArticleError::Syntax { .. })
        ));
    }
}
