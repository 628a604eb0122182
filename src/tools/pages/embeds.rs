//! What `article pages` writes so that an article can be shown inside another site's page
//! (docs/publishing.md, "Embedding an article"):
//! - `embed/NAME.html`: the article in the viewer's components without a page's own controls
//!   ([`crate::view::Embedded`]), which tells its host its height (`embed-frame.js`);
//! - `NAME.oembed.json`: its oEmbed answer (oembed.com, type `rich`), which a CMS reads from
//!   the link the written page's head gives, when the folder's public address is known.

use std::path::Path;

use serde::Serialize;

use super::picture::Picture;
use super::shell::{
    ViewerShell, encode_path, escape_attr, relative_prefix, shared_title, write_document,
};
use crate::model::{Article, PreparedArticle, is_document_relative};

/// The folder of the embed pages, inside the articles' folder.
pub const EMBED_DIR: &str = "embed";

/// How an embed's frame starts out, before its page has told the host its height (and where
/// the host runs no script): what the oEmbed answer states.
pub const FRAME_WIDTH: u32 = 640;
/// See [`FRAME_WIDTH`].
pub const FRAME_HEIGHT: u32 = 640;

/// The suffix of an article's oEmbed answer beside it (never read as an article).
pub const OEMBED_SUFFIX: &str = ".oembed.json";

/// The embed pages' head: the build's, made relative to `embed/`.
pub struct EmbedShell {
    shell: ViewerShell,
    /// The build's folder relative to `embed/`.
    build: String,
}

impl EmbedShell {
    /// Creates `dir/embed` and reads the build's head for pages in it.
    pub fn read(dist: &Path, dir: &Path) -> Result<Self, String> {
        let folder = dir.join(EMBED_DIR);
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("{}: cannot create: {e}", folder.display()))?;
        let build = relative_prefix(&folder, dist)?;
        let mut shell = ViewerShell::read(dist, &folder)?;
        // Before the first paint (the host's theme), downloaded beside the stylesheet.
        shell.insert_after_boot(&format!("<script src=\"{build}embed-frame.js\"></script>"));
        Ok(EmbedShell { shell, build })
    }
}

/// The embed page of `prepared`, whose article JSON is `json_name` beside `embed/`; `page_url`
/// is the written page's public address, its canonical one.
pub fn render_embed(
    mut prepared: PreparedArticle,
    shell: &EmbedShell,
    json_name: &str,
    page_url: Option<&str>,
) -> String {
    // Addresses relative to the article file are one folder up from the embed page.
    prepared.resolve_urls(&|url| {
        if is_document_relative(url) {
            format!("../{url}")
        } else {
            url.to_owned()
        }
    });
    let title = escape_attr(&shared_title(&prepared.article));
    let canonical = page_url
        .map(|url| format!("<link rel=\"canonical\" href=\"{}\">", escape_attr(url)))
        .unwrap_or_default();
    let head = format!(
        "<link rel=\"stylesheet\" href=\"{build}embed.css\"><title>{title}</title>{canonical}\
         <link rel=\"alternate\" type=\"application/json\" href=\"../{}\">",
        escape_attr(json_name),
        build = shell.build,
    );
    write_document(
        prepared,
        &shell.shell,
        &head,
        &format!("../{json_name}"),
        crate::view::EMBED_PAGE,
        true,
    )
}

/// An oEmbed answer of type `rich` (oembed.com, section 2.3.4): the frame to put in a page, and
/// what a CMS shows about it.
#[derive(Serialize, Debug, PartialEq)]
pub struct OEmbed {
    /// Always `rich`: the answer is markup, a frame.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Always `1.0`.
    pub version: &'static str,
    /// The article's title, a paid-for one's with its label.
    pub title: String,
    /// The authors, joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    /// The first author's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_url: Option<String>,
    /// Who published it: the article's `source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<String>,
    /// The publisher's site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_url: Option<String>,
    /// The frame, with the script that sizes it to the article.
    pub html: String,
    /// The frame's width in pixels.
    pub width: u32,
    /// The frame's height in pixels, until its page says how tall the article is.
    pub height: u32,
    /// The article's preview picture, when its size is known (the spec wants all three).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    /// See [`OEmbed::thumbnail_url`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_width: Option<u32>,
    /// See [`OEmbed::thumbnail_url`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_height: Option<u32>,
}

/// The oEmbed answer for `article`, whose embed page is at `embed_url`, the build's `embed.js`
/// at `script_url`, and whose preview `picture` has a known size.
pub fn oembed(
    article: &Article,
    embed_url: &str,
    script_url: &str,
    picture: Option<&Picture>,
) -> OEmbed {
    let title = shared_title(article);
    let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
    let safe = |url: &Option<crate::model::CheckedUrl>| url.as_ref().and_then(|u| u.safe.clone());
    let absolute = |url: String| url.starts_with("http").then_some(url);
    let html = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{FRAME_WIDTH}\" height=\"{FRAME_HEIGHT}\" \
         loading=\"lazy\" style=\"border:0;width:100%;max-width:{FRAME_WIDTH}px\" \
         data-article-embed></iframe><script async src=\"{}\"></script>",
        escape_attr(embed_url),
        escape_attr(&title),
        escape_attr(script_url)
    );
    OEmbed {
        kind: "rich",
        version: "1.0",
        title,
        author_name: (!names.is_empty()).then(|| names.join(", ")),
        author_url: article
            .authors
            .first()
            .and_then(|a| safe(&a.url))
            .and_then(absolute),
        provider_name: article.source.as_ref().map(|s| s.name.clone()),
        provider_url: article
            .source
            .as_ref()
            .and_then(|s| safe(&s.url))
            .and_then(absolute),
        html,
        width: FRAME_WIDTH,
        height: FRAME_HEIGHT,
        thumbnail_url: picture.map(|p| p.url.clone()),
        thumbnail_width: picture.map(|p| p.width),
        thumbnail_height: picture.map(|p| p.height),
    }
}

/// The public addresses of one article's embed: its page, its oEmbed answer and the build's
/// `embed.js`, from the folder's public address `base` and the build's place relative to it.
pub struct EmbedAddresses {
    /// `BASE/embed/NAME.html`.
    pub page: String,
    /// `BASE/NAME.oembed.json`.
    pub oembed: String,
    /// The build's `embed.js`.
    pub script: String,
}

impl EmbedAddresses {
    /// The addresses for the page `page_name` (`NAME.html`) in the folder at `base`, whose
    /// build is at `build` relative to it (`../`, say).
    pub fn new(base: &str, build: &str, page_name: &str) -> Self {
        let stem = page_name.strip_suffix(".html").unwrap_or(page_name);
        EmbedAddresses {
            page: format!("{base}/{EMBED_DIR}/{}", encode_path(page_name)),
            oembed: format!("{base}/{}{OEMBED_SUFFIX}", encode_path(stem)),
            script: join(base, &format!("{build}embed.js")),
        }
    }
}

/// `relative` (with `../` steps) against the folder address `base` (no trailing slash).
fn join(base: &str, relative: &str) -> String {
    let origin_end = base.find("://").map_or(0, |s| {
        base[s + 3..].find('/').map_or(base.len(), |p| p + s + 3)
    });
    let (origin, path) = base.split_at(origin_end);
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let mut rest = relative;
    while let Some(next) = rest.strip_prefix("../") {
        parts.pop();
        rest = next;
    }
    parts.push(rest);
    format!("{origin}/{}", parts.join("/"))
}

/// What one article's embed is written from: the names and addresses `article pages` has
/// worked out for its written page.
pub struct EmbedOf<'a> {
    /// The written page's file name, `NAME.html`.
    pub page_name: &'a str,
    /// The article JSON's name as a path segment.
    pub json_name: &'a str,
    /// The written page's public address, when known.
    pub page_url: Option<&'a str>,
    /// The embed's public addresses, when known.
    pub addresses: Option<&'a EmbedAddresses>,
    /// The preview picture, with its size.
    pub picture: Option<&'a Picture>,
}

/// Writes, in the articles' `folder`, `embed/NAME.html` for the article `of` names, and, with
/// its public addresses, `NAME.oembed.json` beside the article.
pub fn write_embed(
    folder: &Path,
    of: EmbedOf<'_>,
    prepared: PreparedArticle,
    shell: &EmbedShell,
) -> Result<(), String> {
    let EmbedOf {
        page_name,
        json_name,
        page_url,
        addresses,
        picture,
    } = of;
    if let Some(addresses) = addresses {
        let answer = oembed(
            &prepared.article,
            &addresses.page,
            &addresses.script,
            picture,
        );
        let json = serde_json::to_string_pretty(&answer).unwrap_or_default();
        let stem = page_name.strip_suffix(".html").unwrap_or(page_name);
        let file = folder.join(format!("{stem}{OEMBED_SUFFIX}"));
        std::fs::write(&file, json)
            .map_err(|e| format!("{}: cannot write: {e}", file.display()))?;
    }
    let html = render_embed(prepared, shell, json_name, page_url);
    let file = folder.join(EMBED_DIR).join(page_name);
    std::fs::write(&file, html).map_err(|e| format!("{}: cannot write: {e}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_is_found_from_the_folder_address() {
        let at = EmbedAddresses::new("https://example.org/news/articles", "../", "a b.html");
        assert_eq!(
            at.page,
            "https://example.org/news/articles/embed/a%20b.html"
        );
        assert_eq!(
            at.oembed,
            "https://example.org/news/articles/a%20b.oembed.json"
        );
        assert_eq!(at.script, "https://example.org/news/embed.js");
        let inside = EmbedAddresses::new("https://example.org", "", "x.html");
        assert_eq!(inside.script, "https://example.org/embed.js");
    }
}
