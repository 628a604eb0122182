//! The front matter of a post, as static-site generators write it: YAML between `---` lines,
//! TOML between `+++` lines, or a JSON object at the top. Each is read with its own crate into
//! one JSON value, and the field names Jekyll, Hugo, Zola, Eleventy and Astro use are mapped to
//! the article format's (`date` → `published`, `description` → `standfirst`, …). Fields with no
//! place in the format are named in one note (an error with `--strict`): a blog's `layout` or
//! `aliases` mean nothing to an article.

use serde_json::{Map, Value};

use crate::model::wire::{RawAuthor, RawKeyFigure, RawSource, RawSponsor};
use crate::tools::{Diagnostic, Position};

/// The article's fields read from the front matter.
#[derive(Debug, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub label: Option<String>,
    pub standfirst: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub authors: Option<Vec<RawAuthor>>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub source: Option<RawSource>,
    pub sponsor: Option<RawSponsor>,
    pub copyright: Option<String>,
    pub key_figures: Option<Vec<RawKeyFigure>>,
    pub tags: Option<Vec<String>>,
    pub image: Option<String>,
    /// `draft: true`: the post is not published (the index leaves it out).
    pub draft: bool,
}

/// Where the front matter ends, and what it holds.
pub struct Split<'a> {
    /// The fields, as one JSON object (empty without front matter).
    pub fields: Map<String, Value>,
    /// The body: the text after the front matter.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// The line the front matter's first field is on (for messages).
    pub first_line: usize,
}

/// Each field of the format and the other names generators give it, first name first.
const ALIASES: [(&str, &[&str]); 14] = [
    ("title", &["title"]),
    ("label", &["label"]),
    (
        "standfirst",
        &[
            "standfirst",
            "description",
            "summary",
            "excerpt",
            "subtitle",
        ],
    ),
    ("lang", &["lang", "language", "locale"]),
    ("dir", &["dir"]),
    ("authors", &["authors", "author"]),
    (
        "published",
        &["published", "date", "pubDate", "publishDate"],
    ),
    (
        "updated",
        &[
            "updated",
            "lastmod",
            "last_modified_at",
            "modified",
            "updatedDate",
        ],
    ),
    ("source", &["source"]),
    ("sponsor", &["sponsor"]),
    ("copyright", &["copyright"]),
    ("key_figures", &["key_figures"]),
    (
        "image",
        &["image", "cover", "featured_image", "og_image", "images"],
    ),
    ("draft", &["draft"]),
];

/// Names whose values are all tags (taxonomies' values too).
const TAG_NAMES: [&str; 5] = ["tags", "categories", "category", "keywords", "taxonomies"];

/// Cuts the front matter off the top of `text` and reads it.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let top = &text[bom..];
    let first_line_end = top.find('\n').map_or(top.len(), |i| i + 1);
    let first = top[..first_line_end].trim_end();
    let fence = match first {
        "---" | "---yaml" | "---yml" => Some(("---", Kind::Yaml)),
        "+++" => Some(("+++", Kind::Toml)),
        "---json" => Some(("---", Kind::Json)),
        "---toml" => Some(("---", Kind::Toml)),
        _ => None,
    };
    if let Some((close, kind)) = fence {
        // The closing fence: the first line that is only the fence (YAML may also end `...`).
        let mut at = first_line_end;
        while at < top.len() {
            let end = top[at..].find('\n').map_or(top.len(), |i| at + i + 1);
            let line = top[at..end].trim_end();
            if line == close || (close == "---" && kind == Kind::Yaml && line == "...") {
                let fields = read(kind, &top[first_line_end..at], 2)?;
                return Ok(Split {
                    fields,
                    body: &top[end..],
                    body_offset: bom + end,
                    first_line: 2,
                });
            }
            at = end;
        }
        return Err(Diagnostic {
            position: Position { line: 1, column: 1 },
            message: format!("front matter: the `{first}` at the top is never closed by `{close}`"),
        });
    }
    // Pelican's header: `Key: value` lines at the very top, up to the first blank line, with a
    // `Title` among them (Pelican requires one; a post that opens with "Note: …" has none).
    if let Some((fields, end)) = pelican_header(top) {
        return Ok(Split {
            fields,
            body: &top[end..],
            body_offset: bom + end,
            first_line: 1,
        });
    }
    // A template tag at the top (`{% include … %}`, `{{ … }}`) is not JSON front matter.
    if top.starts_with('{') && !top.starts_with("{%") && !top.starts_with("{{") {
        // Hugo's JSON front matter: one object at the top, the body after it.
        let mut stream = serde_json::Deserializer::from_str(top).into_iter::<Value>();
        return match stream.next() {
            Some(Ok(Value::Object(fields))) => {
                let end = stream.byte_offset();
                Ok(Split {
                    fields,
                    body: &top[end..],
                    body_offset: bom + end,
                    first_line: 1,
                })
            }
            Some(Err(e)) => Err(Diagnostic {
                position: Position {
                    line: e.line(),
                    column: e.column(),
                },
                message: format!("front matter (JSON): {e}"),
            }),
            _ => Ok(no_front_matter(text, bom)),
        };
    }
    Ok(no_front_matter(text, bom))
}

/// Pelican's metadata block (the Markdown reader's): `Key: value` lines from the first line to
/// the first blank one, a line indented by spaces continuing the value before it. Keys are
/// read in lower case, as Pelican does. Only a block that is all such lines and names a
/// `title` counts, so prose that opens with "Note: …" stays prose. Returns the fields and
/// where the body starts.
fn pelican_header(top: &str) -> Option<(Map<String, Value>, usize)> {
    let mut fields = Map::new();
    let mut last: Option<String> = None;
    let mut at = 0;
    loop {
        let end = top[at..].find('\n').map_or(top.len(), |i| at + i + 1);
        let line = top[at..end].trim_end();
        if line.is_empty() {
            break;
        }
        let continued = line.starts_with("    ") || line.starts_with('\t');
        if let (true, Some(key)) = (continued, &last) {
            if let Some(Value::String(value)) = fields.get_mut(key) {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else {
            // Up to three spaces, a key of letters, digits, `_` and `-`, a colon. Any other
            // line ends the block and starts the body, as in Python-Markdown's `meta`.
            let Some((key, value)) = line.split_once(':') else {
                break;
            };
            let key = key
                .strip_prefix("   ")
                .or(key.strip_prefix("  "))
                .or(key.strip_prefix(' '))
                .unwrap_or(key);
            let well_formed = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !well_formed {
                break;
            }
            let key = key.to_ascii_lowercase();
            fields.insert(key.clone(), Value::String(value.trim().to_owned()));
            last = Some(key);
        }
        at = end;
        if at >= top.len() {
            break;
        }
    }
    if !fields.contains_key("title") {
        return None;
    }
    // Pelican's `Status: draft` is not published (`hidden` and others stay a field of their
    // own, named as having no place in the format).
    let status = fields.get("status").and_then(Value::as_str).map(str::trim);
    if let Some(status @ ("draft" | "published")) = status {
        let draft = status == "draft";
        fields.remove("status");
        fields.insert("draft".into(), Value::Bool(draft));
    }
    Some((fields, at))
}

fn no_front_matter(text: &str, bom: usize) -> Split<'_> {
    Split {
        fields: Map::new(),
        body: &text[bom..],
        body_offset: bom,
        first_line: 1,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Yaml,
    Toml,
    Json,
}

/// The fields of front matter `text` in `kind`, which starts on line `first` of the file.
fn read(kind: Kind, text: &str, first: usize) -> Result<Map<String, Value>, Diagnostic> {
    let at = |line: usize, column: usize, message: String| Diagnostic {
        position: Position {
            line: first + line.saturating_sub(1),
            column,
        },
        message,
    };
    let value = match kind {
        Kind::Yaml if text.trim().is_empty() => Value::Null,
        Kind::Yaml => serde_saphyr::from_str::<Value>(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            let message = e.to_string();
            let message = message.lines().next().unwrap_or_default();
            // saphyr starts with the position, which the diagnostic already gives.
            let message = match message.strip_prefix("error: line ") {
                Some(rest) => rest.split_once(": ").map_or(rest, |(_, m)| m),
                None => message,
            };
            at(line, column, format!("front matter (YAML): {message}"))
        })?,
        Kind::Toml => {
            let table = toml::from_str::<toml::Table>(text).map_err(|e| {
                let (line, column) = e.span().map_or((1, 1), |span| {
                    let p = Position::at(text, span.start);
                    (p.line, p.column)
                });
                at(
                    line,
                    column,
                    format!("front matter (TOML): {}", e.message()),
                )
            })?;
            from_toml(toml::Value::Table(table))
        }
        Kind::Json => serde_json::from_str::<Value>(text)
            .map_err(|e| at(e.line(), e.column(), format!("front matter (JSON): {e}")))?,
    };
    match value {
        Value::Object(fields) => Ok(fields),
        Value::Null => Ok(Map::new()),
        other => Err(at(
            1,
            1,
            format!(
                "front matter: expected named fields, found {}",
                describe(&other)
            ),
        )),
    }
}

/// A TOML value as JSON; a TOML date-time becomes its RFC 3339 text.
fn from_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(from_toml).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, from_toml(v))).collect())
        }
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "named fields",
    }
}

/// What reading the fields found besides the article's fields.
pub struct Mapped {
    pub front: FrontMatter,
    /// Notes about fields (left out, or not understood), each already a sentence.
    pub notes: Vec<String>,
    /// Fields with no place in the format, as written.
    pub unknown: Map<String, Value>,
}

/// Maps the fields to the format's names. A field of the format with a value of the wrong shape
/// is an error (the publisher meant it); a generator's field that cannot be read is a note.
pub fn map(mut fields: Map<String, Value>) -> Result<Mapped, String> {
    let mut front = FrontMatter::default();
    let mut notes = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for name in TAG_NAMES {
        if let Some(value) = fields.remove(name) {
            collect_strings(&value, &mut tags);
        }
    }
    // MkDocs Material's blog writes `date: {created: …, updated: …}`.
    if let Some(Value::Object(dates)) = fields.get("date").cloned() {
        fields.remove("date");
        if let Some(created) = dates.get("created") {
            fields.insert("date".into(), created.clone());
        }
        if let Some(updated) = dates.get("updated")
            && !fields.contains_key("updated")
        {
            fields.insert("updated".into(), updated.clone());
        }
    }
    for (field, names) in ALIASES {
        // The first name written wins; the others are named as left out.
        let mut found: Option<(&str, Value)> = None;
        for name in names {
            if let Some(value) = fields.remove(*name) {
                if value.is_null() {
                    continue;
                }
                match &found {
                    None => found = Some((name, value)),
                    Some((first, _)) => notes.push(format!(
                        "front matter: `{name}` is left out: `{first}` already gives the {field}"
                    )),
                }
            }
        }
        let Some((name, value)) = found else { continue };
        let wrong = |expected: &str| {
            format!(
                "front matter: `{name}` should be {expected}, not {}",
                describe(&value)
            )
        };
        match field {
            "title" | "label" | "standfirst" | "lang" | "dir" | "copyright" => {
                let text = scalar_text(&value).ok_or_else(|| wrong("text"))?;
                let slot = match field {
                    "title" => &mut front.title,
                    "label" => &mut front.label,
                    "standfirst" => &mut front.standfirst,
                    "lang" => &mut front.lang,
                    "dir" => &mut front.dir,
                    _ => &mut front.copyright,
                };
                *slot = Some(text);
            }
            "authors" => {
                let mut found = Vec::new();
                collect_authors(&value, &mut found);
                if found.is_empty() {
                    return Err(wrong("a name, a list of names, or objects with `name`"));
                }
                let authors = found.into_iter().map(|author| {
                    let Some((text, links)) = linked_name(&author.name) else {
                        return RawAuthor::from_source(author);
                    };
                    let url = match (author.url, links.as_slice()) {
                        (Some(url), _) => Some(url),
                        (None, [only]) => Some(only.clone()),
                        (None, _) => {
                            notes.push(format!(
                                "front matter: the author \"{text}\" was written with {} links; their addresses ({}) are left out (an author links to one page)",
                                links.len(),
                                links.join(", ")
                            ));
                            None
                        }
                    };
                    RawAuthor::from_source(RawSource { name: text, url })
                });
                front.authors = Some(authors.collect());
            }
            "published" | "updated" => {
                let text = scalar_text(&value).ok_or_else(|| wrong("a date"))?;
                match crate::tools::markdown::dates::normalise(&text) {
                    Some(date) if field == "published" => front.published = Some(date),
                    Some(date) => front.updated = Some(date),
                    None => notes.push(format!(
                        "front matter: `{name}` \"{text}\" is not a date this tool reads (e.g. 2024-09-16, 2024-09-16 21:34:22 +0530, 2024-09-16T21:34:22Z); it is left out"
                    )),
                }
            }
            "source" => front.source = Some(from_value(value, name)?),
            "sponsor" => front.sponsor = Some(from_value(value, name)?),
            "key_figures" => front.key_figures = Some(from_value(value, name)?),
            "image" => match image(&value) {
                Some(src) => front.image = Some(src),
                None => notes.push(format!(
                    "front matter: `{name}` names no picture this tool can read; it is left out"
                )),
            },
            _ => {
                front.draft = match value {
                    Value::Bool(b) => b,
                    Value::String(s) => s.trim().eq_ignore_ascii_case("true"),
                    _ => return Err(wrong("true or false")),
                }
            }
        }
    }
    if !tags.is_empty() {
        front.tags = Some(tags);
    }
    Ok(Mapped {
        front,
        notes,
        unknown: fields,
    })
}

/// An author written as Markdown with a link (`[Name](https://…) (Company)`): the text a
/// reader would see (`Name (Company)`) and the links' addresses; `None` for a plain name.
fn linked_name(name: &str) -> Option<(String, Vec<String>)> {
    use pulldown_cmark::{Event, Parser, Tag};
    if !name.contains("](") {
        return None;
    }
    let mut text = String::new();
    let mut links = Vec::new();
    for event in Parser::new(name) {
        match event {
            Event::Text(part) | Event::Code(part) => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.into_string()),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!links.is_empty() && !text.is_empty()).then_some((text, links))
}

/// A string, number or boolean as text.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Every text in a value: a string, the strings of a list, the `name` of objects, and the
/// values of a map of lists (Zola's `taxonomies`), in order, without repeats.
fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            // `tags: a, b` is two tags (a tag rarely holds a comma; it often holds a space).
            for part in s.split(',') {
                let part = part.trim();
                if !part.is_empty() && !out.iter().any(|o| o == part) {
                    out.push(part.to_owned());
                }
            }
        }
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, out)),
        Value::Object(map) => match map.get("name") {
            Some(name) => collect_strings(name, out),
            None => map.values().for_each(|v| collect_strings(v, out)),
        },
        _ => {}
    }
}

/// Every author in a value, as [`collect_strings`] finds names, each with the `url` its object
/// gives (Docusaurus's inline `authors: [{name, url, image_url}]`, Jekyll's `author: {name, url}`).
fn collect_authors(value: &Value, out: &mut Vec<RawSource>) {
    let url = value
        .get("url")
        .and_then(scalar_text)
        .filter(|u| !u.is_empty());
    let mut names = Vec::new();
    match (value, value.get("name")) {
        (Value::Array(items), _) => {
            return items.iter().for_each(|item| collect_authors(item, out));
        }
        (Value::Object(_), Some(name)) => collect_strings(name, &mut names),
        (Value::Object(map), None) => {
            return map.values().for_each(|v| collect_authors(v, out));
        }
        _ => collect_strings(value, &mut names),
    }
    // An address belongs to a name only when the object names one person.
    let url = url.filter(|_| names.len() == 1);
    for name in names {
        if !out.iter().any(|o| o.name == name) {
            out.push(RawSource {
                name,
                url: url.clone(),
            });
        }
    }
}

/// A picture's address: a string, the first of a list, or an object's `image`, `src`, `url`
/// or `path` (Hugo themes' `cover: {image: …}`).
fn image(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Array(items) => items.iter().find_map(image),
        Value::Object(map) => ["image", "src", "url", "path"]
            .iter()
            .find_map(|k| map.get(*k).and_then(image)),
        _ => None,
    }
}

/// A field of the format's own shape, read with its serde type.
fn from_value<T: serde::de::DeserializeOwned>(value: Value, name: &str) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            String::new()
        } else {
            format!(".{path}")
        };
        format!("front matter: `{name}{at}`: {}", e.inner())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_tag_at_the_top_is_not_json_front_matter() {
        let split = split("{% include note.html %}\n\nText.\n").unwrap();
        assert!(split.fields.is_empty());
        assert_eq!(split.body_offset, 0);
        let split = split_json();
        assert_eq!(split.fields["title"], "J");
    }

    #[test]
    fn a_pelican_header_is_front_matter() {
        let text = "Title: This Week in Rust 665\nNumber: 665\nDate: 2026-08-19\nCategory: This Week in Rust\nTags: rust,\n    newsletter\nStatus: draft\n\nHello *world*.\n";
        let split = split(text).unwrap();
        assert_eq!(split.fields["title"], "This Week in Rust 665");
        assert_eq!(split.fields["tags"], "rust, newsletter");
        assert_eq!(split.fields["draft"], true);
        assert_eq!(split.body.trim(), "Hello *world*.");
        let mapped = map(split.fields).unwrap();
        assert_eq!(mapped.front.published.as_deref(), Some("2026-08-19"));
        assert_eq!(
            mapped.front.tags,
            Some(vec![
                "rust".to_owned(),
                "newsletter".to_owned(),
                "This Week in Rust".to_owned()
            ])
        );
        assert!(mapped.front.draft);
        assert_eq!(mapped.unknown.keys().collect::<Vec<_>>(), ["number"]);
    }

    #[test]
    fn prose_that_opens_like_a_header_stays_prose() {
        for text in [
            "Note: this post has no front matter.\n\nText.\n",
            "http://example.com\n\nText.\n",
            "Title: a line of prose\nthat goes on.\n",
        ] {
            let split = split(text).unwrap();
            if split.fields.is_empty() {
                assert_eq!(split.body, text);
            } else {
                // A header that names a title, cut where Python-Markdown's `meta` cuts it.
                assert_eq!(split.body, "that goes on.\n");
            }
        }
    }

    #[test]
    fn mkdocs_materials_created_and_updated_dates_map() {
        let split = split("---\ndate:\n  created: 2024-01-31\n  updated: 2024/02/03\n---\nText.\n")
            .unwrap();
        let mapped = map(split.fields).unwrap();
        assert_eq!(mapped.front.published.as_deref(), Some("2024-01-31"));
        assert_eq!(mapped.front.updated.as_deref(), Some("2024-02-03"));
        assert!(mapped.notes.is_empty(), "{:?}", mapped.notes);
    }

    #[test]
    fn an_author_written_as_a_link_is_the_name_with_its_page() {
        let authors = |front: &str| {
            let split = split(front).unwrap();
            let mapped = map(split.fields).unwrap();
            (mapped.front.authors.unwrap(), mapped.notes)
        };
        let linked = |name: &str, url: &str| {
            RawAuthor::Linked(RawSource {
                name: name.to_owned(),
                url: Some(url.to_owned()),
            })
        };
        let (found, notes) = authors(
            "---\nauthor: \"[Ada Lovelace](https://example.org/ada) (Analytical)\"\n---\nText.\n",
        );
        assert_eq!(
            found,
            [linked(
                "Ada Lovelace (Analytical)",
                "https://example.org/ada"
            )]
        );
        assert!(notes.is_empty(), "{notes:?}");
        // Docusaurus's inline authors and Jekyll's `author: {name, url}`.
        let (found, _) = authors(
            "---\nauthors:\n  - name: Ada\n    url: https://a.example\n    image_url: a.png\n  - Bo\n---\nT.\n",
        );
        assert_eq!(
            found,
            [
                linked("Ada", "https://a.example"),
                RawAuthor::Name("Bo".into())
            ]
        );
        // Two links in one name: the name stays, the addresses are named in a note.
        let (found, notes) = authors(
            "---\nauthor: \"[Ada](https://a.example) & [Bo](https://b.example)\"\n---\nT.\n",
        );
        assert_eq!(found, [RawAuthor::Name("Ada & Bo".into())]);
        assert!(notes[0].contains("https://b.example"), "{notes:?}");
        // A name with brackets but no link stays as written.
        assert_eq!(linked_name("Grace [Hopper]"), None);
    }

    fn split_json() -> Split<'static> {
        split("{\"title\": \"J\"}\nText.\n").unwrap()
    }
}
