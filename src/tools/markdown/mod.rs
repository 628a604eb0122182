//! A Markdown post → an article (`article from-markdown`, `article import`, and the `.md`
//! files `article index` and `article pages` read). The post is read as static-site
//! generators write it: front matter in YAML, TOML or JSON with their field names
//! ([`front_matter`]), template tags taken out ([`templates`]), then the body, CommonMark with
//! GitHub's extensions and raw HTML ([`body`], [`containers`], [`html`]). What has no place in
//! the format is named in a warning at its line; only what leaves no article at all is an
//! error.

mod admonitions;
mod body;
mod callouts;
mod containers;
mod dates;
mod embedded_html;
mod footnotes;
mod front_matter;
mod html;
mod mdx;
mod runs;
mod spans;
mod templates;

pub(crate) use admonitions::marker_line;

use crate::model::wire::*;
use crate::tools::{Diagnostic, Position};

/// How to read a post.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions<'a> {
    /// The file's name: a Jekyll name (`2024-09-16-slug.md`) gives the date when the front
    /// matter has none, and `.mdx` reads the body as MDX.
    pub file_name: Option<&'a str>,
    /// Front matter fields with no place in the format are errors, not notes.
    pub strict: bool,
}

/// A post read into an article.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The article, in the format's wire types.
    pub article: RawArticle,
    /// What was left out or changed, each at its line.
    pub warnings: Vec<Diagnostic>,
    /// The front matter says `draft: true`: not to be published.
    pub draft: bool,
}

/// The marker a footnote reference shows: its number.
pub(crate) fn note_marker(number: usize) -> String {
    number.to_string()
}

/// Reads `text` (a whole Markdown file) into an article, with the warnings about what was
/// left out or moved; the first error stops it.
pub fn article_from_markdown(text: &str) -> Result<(RawArticle, Vec<Diagnostic>), Diagnostic> {
    read_markdown(text, MarkdownOptions::default()).map(|c| (c.article, c.warnings))
}

/// Reads `text` (a whole Markdown file) as `options` say.
pub fn read_markdown(text: &str, options: MarkdownOptions) -> Result<Converted, Diagnostic> {
    let mut split = front_matter::split(text)?;
    let fields = std::mem::take(&mut split.fields);
    let at_front = |message: String| Diagnostic {
        position: Position {
            line: split.first_line,
            column: 1,
        },
        message,
    };
    let front_matter::Mapped {
        front,
        notes,
        unknown,
    } = front_matter::map(fields).map_err(at_front)?;
    let mut warnings: Vec<Diagnostic> = notes.into_iter().map(at_front).collect();
    if !unknown.is_empty() {
        let names: Vec<&str> = unknown.keys().map(String::as_str).collect();
        let message = format!(
            "front matter: {} no place in an article: {}",
            if names.len() == 1 {
                "this field has"
            } else {
                "these fields have"
            },
            names.join(", ")
        );
        if options.strict {
            return Err(at_front(format!("{message} (--strict)")));
        }
        warnings.push(at_front(format!("{message}; left out")));
    }
    // The body with its admonitions as callouts and the template tags taken out, after as
    // many line breaks as the front matter took: lines are the file's.
    let lines = text[..split.body_offset].matches('\n').count();
    let mdx = options.file_name.is_some_and(is_mdx);
    let (body, mut tabs) = if mdx {
        let read = mdx::rewrite(split.body);
        for note in read.notes {
            warnings.push(Diagnostic {
                position: Position::at(text, split.body_offset + note.offset),
                message: note.message,
            });
        }
        (std::borrow::Cow::Owned(read.text), read.tabs)
    } else {
        (std::borrow::Cow::Borrowed(split.body), Vec::new())
    };
    let rewritten = admonitions::rewrite(&body);
    tabs.extend(rewritten.tabs);
    for note in rewritten.notes {
        warnings.push(Diagnostic {
            position: Position {
                line: lines + note.line + 1,
                column: 1,
            },
            message: note.message,
        });
    }
    let (body, removed) = templates::strip(&rewritten.text);
    // A removed tag's offset is in the text before the tags were taken out.
    let before_strip = format!("{}{}", "\n".repeat(lines), rewritten.text);
    for tag in removed {
        warnings.push(Diagnostic {
            position: Position::at(&before_strip, lines + tag.offset),
            message: format!("the template tag `{}` is left out", tag.tag),
        });
    }
    let full = format!("{}{body}", "\n".repeat(lines));
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(full.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let tabs: Vec<usize> = tabs
        .iter()
        .filter_map(|line| line_starts.get(lines + line).copied())
        .collect();
    let body = body::read_body(&full, front.title.is_none(), &tabs)?;
    warnings.extend(body.warnings);
    warnings.sort_by_key(|w| (w.position.line, w.position.column));
    let title = match front
        .title
        .clone()
        .or(body.title)
        .filter(|t| !t.trim().is_empty())
    {
        Some(title) => title,
        None => {
            let (title, whence) = fallback_title(&unknown, options.file_name).ok_or_else(|| {
                Diagnostic {
                    position: Position { line: 1, column: 1 },
                    message: "no title: give the front matter a `title`, or start the body with a `#` heading".to_owned(),
                }
            })?;
            warnings.insert(
                0,
                at_front(format!(
                    "front matter: no `title`; the title \"{title}\" comes from {whence}"
                )),
            );
            title
        }
    };
    // A blog's date is often only in its file name or its address.
    let named_date = || {
        options.file_name.and_then(dates::from_name).or_else(|| {
            ["path", "url", "permalink", "slug"].iter().find_map(|k| {
                unknown
                    .get(*k)
                    .and_then(|v| v.as_str())
                    .and_then(dates::from_address)
            })
        })
    };
    let published = front.published.clone().or_else(named_date);
    let front_matter::FrontMatter {
        label,
        standfirst,
        lang,
        dir,
        authors,
        updated,
        source,
        sponsor,
        copyright,
        key_figures,
        tags,
        image,
        draft,
        ..
    } = front;
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
        tags,
        image,
        notes: (!body.notes.is_empty()).then_some(body.notes),
        key_figures: key_figures.map(|figures| figures.into_iter().map(Decoded::Value).collect()),
        sections: body.sections,
    };
    Ok(Converted {
        article,
        warnings,
        draft,
    })
}

/// A title for a post whose front matter has no `title` and whose body starts with no `#`
/// heading: a field named like one (`newstitle`, `seo_title`), or else the file's name without
/// its date (`2024-09-16-moving-house.md` → "Moving house"). With where it came from.
fn fallback_title(
    fields: &serde_json::Map<String, serde_json::Value>,
    file_name: Option<&str>,
) -> Option<(String, String)> {
    let field = fields.iter().find_map(|(name, value)| {
        let text = value.as_str()?.trim();
        (name.to_lowercase().ends_with("title") && !text.is_empty())
            .then(|| (text.to_owned(), format!("the field `{name}`")))
    });
    field.or_else(|| {
        let name = file_name?;
        let stem = std::path::Path::new(name).file_stem()?.to_str()?;
        // A page bundle's `index.md` is named by its folder.
        let stem = if stem == "index" {
            std::path::Path::new(name).parent()?.file_name()?.to_str()?
        } else {
            stem
        };
        let stem = if dates::from_name(stem).is_some() {
            stem.get(11..).unwrap_or_default()
        } else {
            stem
        };
        let words = stem.replace(['-', '_'], " ");
        let words = words.trim();
        let mut chars = words.chars();
        let first = chars.next()?;
        Some((
            first.to_uppercase().chain(chars).collect(),
            "the file's name".to_owned(),
        ))
    })
}

/// Whether a file is a post the tools read as Markdown (`.md`, `.markdown`) or MDX (`.mdx`),
/// by its name.
pub fn is_post_file(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "md" || e == "markdown" || e == "mdx")
}

/// Whether a file is MDX, by its name.
pub fn is_mdx(file_name: &str) -> bool {
    std::path::Path::new(file_name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mdx"))
}

/// The body a generator renders from `text`, as Markdown: what follows the front matter, MDX's
/// code and components' tags taken out (for `.mdx`, as `options` names it), admonitions as
/// block quotes headed by their title alone (each generator words their kinds its own way),
/// template tags taken out. What a word-for-word comparison reads a post as.
pub fn rendered_body(text: &str, options: MarkdownOptions) -> Result<String, Diagnostic> {
    let split = front_matter::split(text)?;
    let body = if options.file_name.is_some_and(is_mdx) {
        mdx::rewrite(split.body).text
    } else {
        split.body.to_owned()
    };
    let rewritten = admonitions::rewrite(&body).text;
    let lines: Vec<String> = rewritten
        .lines()
        .map(|line| {
            let quoted = line.trim_start_matches([' ', '>']);
            match callouts::marker(quoted) {
                Some(marker) => format!("{}{}", &line[..line.len() - quoted.len()], marker.title),
                None => line.to_owned(),
            }
        })
        .collect();
    Ok(templates::strip(&lines.join("\n")).0)
}
