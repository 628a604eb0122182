//! `article pages DIR --viewer DIST`: every article of a folder as a page of its own, its
//! markup rendered natively by the viewer's own components ([`crate::view::ArticleView`], with
//! Leptos's `ssr`), its head made for crawlers and link previews, and the viewer's release
//! build linked relatively, so that the app takes the page over (see `view::takeover`).

use std::path::{Path, PathBuf};

use leptos::prelude::*;

use crate::model::{
    Article, Block, PreparedArticle, page_description, prepare, structured_data_text,
};
use crate::tools::embeds::{EmbedAddresses, EmbedShell, write_embed};
use crate::tools::folder::{ArticleFiles, article_files, read_article};
use crate::tools::shell::{
    ViewerShell, encode_path, paid_for, relative_prefix, shared_title, strip_markers,
    write_document,
};

/// What to say in the head of one article's page.
#[derive(Clone)]
pub struct PageHead {
    /// The page's own address, when the folder's public address is known.
    pub url: Option<String>,
    /// The article JSON beside the page, as the page links it.
    pub json_name: String,
    /// The article's oEmbed answer, which a CMS finds from the page's address.
    pub oembed: Option<String>,
}

/// The page of `prepared`: its head for crawlers and previews, then the article as the viewer's
/// components render it.
pub fn render_page(prepared: PreparedArticle, shell: &ViewerShell, head: &PageHead) -> String {
    let article = prepared.article.clone();
    let json_name = head.json_name.clone();
    let head = head.clone();
    let meta = Owner::new().with(move || view! { <HeadTags article head /> }.to_html());
    write_document(
        prepared,
        shell,
        &strip_markers(&meta),
        &json_name,
        "article",
        false,
    )
}

/// The head a crawler and a link preview read: title, description, canonical address, Open
/// Graph and Twitter card, the JSON-LD, and the article JSON as an alternate. A paid-for
/// article says so in the title and description a preview shows.
#[component]
fn HeadTags(
    /// The article (its sections are read for a description and an image).
    article: Article,
    /// The page's addresses.
    head: PageHead,
) -> impl IntoView {
    let PageHead {
        url,
        json_name,
        oembed,
    } = head;
    let description = page_description(&article);
    let paid = paid_for(&article);
    let shared_title = shared_title(&article);
    let shared_description = match (&paid, &description) {
        (Some((label, by)), Some(text)) => Some(format!("{label}. {by}. {text}")),
        (Some((label, by)), None) => Some(format!("{label}. {by}.")),
        (None, text) => text.clone(),
    };
    let image = first_image(&article).and_then(|src| absolute(&src, url.as_deref()));
    let locale = article.lang.as_deref().map(|lang| lang.replace('-', "_"));
    let dated = |date: &Option<String>| {
        date.clone()
            .filter(|d| crate::model::IsoDate::parse(d).is_some())
    };
    let (published, modified) = (dated(&article.published), dated(&article.updated));
    let json_ld = structured_data_text(&article, url.as_deref());
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let authors = article
        .authors
        .iter()
        .map(|author| og("article:author", author.name.clone()))
        .collect_view();
    view! {
        <title>{shared_title.clone()}</title>
        {description.map(|text| view! { <meta name="description" content=text /> })}
        {url.clone().map(|href| view! { <link rel="canonical" href=href /> })}
        <link rel="alternate" type="application/json" href=json_name />
        {oembed
            .map(|href| {
                view! {
                    <link
                        rel="alternate"
                        type="application/json+oembed"
                        href=href
                        title=shared_title.clone()
                    />
                }
            })}
        {og("og:type", "article")}
        {og("og:title", shared_title.clone())}
        {shared_description
            .clone()
            .map(|text| og("og:description", text))}
        {url.map(|href| og("og:url", href))}
        {image.clone().map(|src| og("og:image", src))}
        {locale.map(|locale| og("og:locale", locale))}
        {published.map(|date| og("article:published_time", date))}
        {modified.map(|date| og("article:modified_time", date))}
        {authors}
        <meta name="twitter:card" content=card />
        <meta name="twitter:title" content=shared_title />
        {shared_description.map(|text| view! { <meta name="twitter:description" content=text /> })}
        {image.map(|src| view! { <meta name="twitter:image" content=src /> })}
        // Raw text: entities are not decoded in a script; the JSON escapes every `<` itself.
        <script type="application/ld+json" id="article-structured-data" inner_html=json_ld></script>
    }
}

/// `<meta property content>`, as Open Graph names its fields (`property` is no HTML attribute
/// Leptos knows by name).
fn og(property: &'static str, content: impl Into<String>) -> impl IntoView {
    use leptos::tachys::html::attribute::custom::CustomAttribute;
    view! { <meta content=content.into() /> }.attr("property", property)
}

/// The address of the article's picture, if it is allowed.
fn first_image(article: &Article) -> Option<String> {
    // The picture the publisher chose for previews, else the first in the text.
    if let Some(src) = article.image.as_ref().and_then(|i| i.safe.clone()) {
        return Some(src);
    }
    article
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .find_map(|block| match block {
            Block::Image { src, .. } => src.safe.clone(),
            _ => None,
        })
}

/// `address` made absolute against the page's own address; `None` when it is relative and
/// the page's address is unknown (a preview cannot fetch a relative image).
fn absolute(address: &str, page: Option<&str>) -> Option<String> {
    if address.starts_with("https://") || address.starts_with("http://") {
        return Some(address.to_owned());
    }
    let page = page?;
    if let Some(rest) = address.strip_prefix("//") {
        let scheme = page.split("//").next().unwrap_or("https:");
        return Some(format!("{scheme}//{rest}"));
    }
    let origin_end = page
        .find("://")
        .and_then(|s| page[s + 3..].find('/').map(|p| p + s + 3))
        .unwrap_or(page.len());
    if address.starts_with('/') {
        return Some(format!("{}{address}", &page[..origin_end]));
    }
    let folder = &page[..page.rfind('/').map_or(page.len(), |i| i + 1)];
    Some(format!("{folder}{}", address.trim_start_matches("./")))
}

/// What `article pages` did.
pub struct Rendered {
    /// Pages written, as (article, page).
    pub pages: Vec<(PathBuf, PathBuf)>,
    /// Library pages written (`library.html`, `library-N.html`), when the folder has an index.
    pub library_pages: Option<u32>,
    /// Lines for the publisher: files left out and why, warnings.
    pub notes: Vec<String>,
}

/// Writes `NAME.html` beside every article of `dir` (Markdown converted first, as `article
/// index` does), on every core; `count` is told how many articles there are, and `progress`
/// of each page written.
pub fn render_dir(
    dir: &Path,
    dist: &Path,
    base_url: Option<&str>,
    count: &dyn Fn(usize),
    progress: &(dyn Fn() + Sync),
) -> Result<Rendered, String> {
    use rayon::prelude::*;
    let shell = ViewerShell::read(dist, dir)?;
    let embeds = EmbedShell::read(dist, dir)?;
    let build = relative_prefix(dir, dist)?;
    let ArticleFiles {
        jsons, mut notes, ..
    } = article_files(dir)?;
    count(jsons.len());
    let base = base_url.map(|b| b.trim_end_matches('/').to_owned());
    let results: Vec<Result<(PathBuf, PathBuf), String>> = jsons
        .par_iter()
        .map(|path| {
            let written = render_file(path, &shell, &embeds, &build, base.as_deref());
            progress();
            written
        })
        .collect();
    let mut pages = Vec::new();
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(note) => notes.push(note),
        }
    }
    let library_pages = crate::tools::library_pages::render_library(dir, dist)?;
    Ok(Rendered {
        pages,
        library_pages,
        notes,
    })
}

/// Renders the article in `path` to `NAME.html` beside it; a note when it is not an article.
fn render_file(
    path: &Path,
    shell: &ViewerShell,
    embeds: &EmbedShell,
    build: &str,
    base: Option<&str>,
) -> Result<(PathBuf, PathBuf), String> {
    let article = read_article(path)??;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let page = path.with_extension("html");
    let page_name = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let head = PageHead {
        url: base.map(|base| format!("{base}/{}", encode_path(&page_name))),
        json_name: encode_path(&name),
        oembed: base.map(|base| EmbedAddresses::new(base, build, &page_name).oembed),
    };
    let prepared = prepare(article);
    write_embed(path, prepared.clone(), embeds, build, base)?;
    let html = render_page(prepared, shell, &head);
    std::fs::write(&page, html).map_err(|e| format!("{}: cannot write: {e}", page.display()))?;
    Ok((path.to_owned(), page))
}
