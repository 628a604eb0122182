//! What every page `article pages` writes shares (an article's page, its embed, the library's
//! pages): the head of the viewer's built page made relative to where the page goes, with its
//! Content-Security-Policy kept true; the document around the article the viewer's components
//! render; the title a paid-for article carries wherever it is shown; and the escaping of what
//! goes into all of it.

use std::path::Path;

use base64::Engine;
use leptos::prelude::*;
use sha2::{Digest, Sha256};

use crate::i18n::{Msg, tr, tr_fill};
use crate::model::{Article, PreparedArticle};
use crate::view::{ArticleView, PAGE_TEXTS_ID};

/// What a page is built from: the head of the viewer's built `written.html` (the written pages'
/// own module, which only takes a written article over), made relative to the folder of the
/// pages.
pub struct ViewerShell {
    /// The built head's tags (CSP, preloads, boot script, stylesheet, icon, module loader),
    /// their addresses relative to the pages' folder; without `<title>`.
    head: String,
}

impl ViewerShell {
    /// Reads `dist/written.html` and makes its addresses relative to `pages_dir`. The module
    /// loader Trunk writes inline gets the new addresses too, and the CSP its new hash.
    pub fn read(dist: &Path, pages_dir: &Path) -> Result<Self, String> {
        Self::read_page(dist, pages_dir, "written.html")
    }

    /// As [`ViewerShell::read`], from the build's page `page` (`library.html` for the library).
    pub fn read_page(dist: &Path, pages_dir: &Path, page: &str) -> Result<Self, String> {
        let index = dist.join(page);
        let html = std::fs::read_to_string(&index).map_err(|e| {
            format!(
                "{}: cannot read the viewer's build: {e} (run `trunk build --release` first)",
                index.display()
            )
        })?;
        let prefix = relative_prefix(pages_dir, dist)?;
        let head = head_of(&html).ok_or_else(|| format!("{}: no <head>", index.display()))?;
        let head = without_preloads(&remove_title(head));
        Ok(ViewerShell {
            head: relink(&head, &prefix),
        })
    }
}

impl ViewerShell {
    /// The head's tags.
    pub(crate) fn head(&self) -> &str {
        &self.head
    }

    /// Puts `tag` right after boot.js's script, before the stylesheet: a script there is
    /// downloaded beside it and runs without waiting for it.
    pub(crate) fn insert_after_boot(&mut self, tag: &str) {
        let at = self
            .head
            .find("boot.js")
            .and_then(|boot| {
                self.head[boot..]
                    .find("</script>")
                    .map(|end| boot + end + 9)
            })
            .unwrap_or(0);
        self.head.insert_str(at, tag);
    }
}

/// `a/b` relative to `from` as a path prefix for addresses in a page in `from`: "../" for a
/// folder inside the build, "" for the build itself.
pub(crate) fn relative_prefix(from: &Path, to: &Path) -> Result<String, String> {
    let canon = |p: &Path| {
        p.canonicalize()
            .map_err(|e| format!("{}: {e}", p.display()))
    };
    let (from, to) = (canon(from)?, canon(to)?);
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.components().count() - common;
    let mut prefix = "../".repeat(ups);
    for part in to.components().skip(common) {
        prefix.push_str(&part.as_os_str().to_string_lossy());
        prefix.push('/');
    }
    Ok(prefix)
}

/// What the head of `html` holds: from `<head>` (or, minified without it, the end of the
/// `<html>` tag) to `</head>` (or `<body`).
fn head_of(html: &str) -> Option<&str> {
    let start = match html.find("<head>") {
        Some(at) => at + "<head>".len(),
        None => {
            let html_tag = html.find("<html")?;
            html_tag + html[html_tag..].find('>')? + 1
        }
    };
    let end = html.find("</head>").or_else(|| html.find("<body"))?;
    (end >= start).then(|| &html[start..end])
}

/// `head` without the preloads of the module: on the viewer's own page the module is what the
/// reader waits for, but a pre-rendered page is read before it runs, and a 250 KB preload
/// would compete with the stylesheet its first paint waits for (Lighthouse's mobile run had
/// its LCP at 2.3 s with them, against 0.8 s for the same page without scripts). The module
/// loader still fetches both once the page is parsed.
fn without_preloads(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(start) = rest.find("<link") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        let preload = tag.contains("rel=modulepreload")
            || tag.contains("rel=\"modulepreload\"")
            || tag.contains("rel=preload")
            || tag.contains("rel=\"preload\"");
        if !preload {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn remove_title(head: &str) -> String {
    match (head.find("<title>"), head.find("</title>")) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &head[..start], &head[end + "</title>".len()..])
        }
        _ => head.to_owned(),
    }
}

/// Makes the build's `./name` addresses (attributes and the inline loader's imports) start
/// with `prefix`, and gives the CSP the hashes of the inline scripts as they now are.
fn relink(head: &str, prefix: &str) -> String {
    let mut out = head.to_owned();
    for quote in ['"', '\'', '='] {
        out = out.replace(&format!("{quote}./"), &format!("{quote}{prefix}"));
    }
    out = out.replacen(
        MODULE_START,
        &format!("{AFTER_FIRST_PAINT}{MODULE_START}"),
        1,
    );
    // The hashes of the inline scripts changed with their addresses.
    let old: Vec<String> = inline_scripts(head).iter().map(|s| csp_hash(s)).collect();
    let new: Vec<String> = inline_scripts(&out).iter().map(|s| csp_hash(s)).collect();
    for (old, new) in old.iter().zip(&new) {
        out = out.replace(old.as_str(), new);
    }
    out
}

/// Where Trunk's module loader starts the WebAssembly module (its download and compilation).
const MODULE_START: &str = "const wasm = await init(";

/// Put before [`MODULE_START`] on a pre-rendered page: the module starts once the browser has
/// recorded the page's largest paint (its first paint where that is not known; after a second
/// at most), so that its download and compilation never come before it: the page itself holds
/// the article. Lighthouse's mobile run counted a module that arrived before the largest paint
/// into it (LCP 2.4 s in 2 of 3 runs, against 0.9 s for the page without scripts).
const AFTER_FIRST_PAINT: &str = "await new Promise((go) => { const paint = PerformanceObserver.supportedEntryTypes.includes('largest-contentful-paint') ? 'largest-contentful-paint' : 'paint'; new PerformanceObserver(() => setTimeout(go)).observe({ type: paint, buffered: true }); setTimeout(go, 1000); });\n";

/// The contents of the inline scripts that run (not JSON-LD), in order.
fn inline_scripts(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(body_len) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains("src=") && !tag.contains("ld+json") {
            found.push(after[body_start..body_start + body_len].to_owned());
        }
        rest = &after[body_start + body_len..];
    }
    found
}

/// A CSP source for an inline script: `'sha256-…'`.
fn csp_hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// A whole document: the shell's head, `extra_head` (markup), the page's interface words when
/// it is not in English, then the article as the viewer's components render it
/// (as an embed, `embedded`). `page` is the `data-page` the take-over reads.
pub(crate) fn write_document(
    prepared: PreparedArticle,
    shell: &ViewerShell,
    extra_head: &str,
    json_name: &str,
    page: &str,
    embedded: bool,
) -> String {
    let lang = prepared.article.lang.clone();
    let dir = prepared.dir.as_attr();
    let body = Owner::new().with(|| {
        if embedded {
            provide_context(crate::view::Embedded);
        }
        view! { <ArticleView prepared prerendered=true /> }.to_html()
    });
    let json_name = escape_attr(json_name);
    // Without a language of its own, the page says the interface's (English then), so that
    // it has one at all (WCAG 3.1.1).
    let lang = lang.unwrap_or_else(|| crate::i18n::ui_language().to_owned());
    let lang_attr = format!(" lang=\"{}\"", escape_attr(&lang));
    // The interface's words in the page's language, for the controls the module builds: the
    // written pages' module carries English only (see `i18n::use_page_texts`).
    let texts = crate::i18n::page_texts_json(Some(&lang))
        .map(|json| {
            format!("<script type=\"application/json\" id=\"{PAGE_TEXTS_ID}\">{json}</script>")
        })
        .unwrap_or_default();
    format!(
        "<!doctype html>\n<html{lang_attr} dir=\"{dir}\" data-page=\"{page}\"><head>{}{extra_head}{texts}</head>\
         <body><div id=\"viewer\" class=\"viewer is-prerendered\" data-article=\"{}\">{}</div>\
         </body></html>\n",
        shell.head,
        json_name,
        strip_markers(&body)
    )
}

/// The `<!>` and `<!--…-->` markers server rendering writes for hydration: this page is taken
/// over without it, so they would only be nodes to skip. Only markup can hold `<!`: Leptos
/// escapes `<` in every text and attribute value (html-escape), and the JSON-LD escapes its own.
pub(crate) fn strip_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        if let Some(body) = after.strip_prefix("<!--") {
            match body.find("-->") {
                Some(end) => rest = &body[end + 3..],
                None => {
                    rest = "";
                }
            }
        } else if let Some(body) = after.strip_prefix("<!>") {
            rest = body;
        } else {
            out.push_str("<!");
            rest = &after[2..];
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paid-for article's label and "Paid for by …", which every copy of it shown elsewhere
/// carries (a preview, an embed).
pub(crate) fn paid_for(article: &Article) -> Option<(String, String)> {
    article.sponsor.as_ref().map(|sponsor| {
        let label = article
            .label
            .clone()
            .unwrap_or_else(|| tr(Msg::Sponsored).to_owned());
        (label, tr_fill(Msg::PaidForBy, &[&sponsor.name]))
    })
}

/// The article's title as shown elsewhere: a paid-for article's starts with its label.
pub(crate) fn shared_title(article: &Article) -> String {
    match paid_for(article) {
        Some((label, _)) => format!("{label}: {}", article.title),
        None => article.title.clone(),
    }
}

/// A file name as an address path segment.
pub(crate) fn encode_path(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, SEGMENT).to_string()
}

/// Characters escaped in a path segment.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
