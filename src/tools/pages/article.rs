//! One article's page: its markup rendered natively by the viewer's own components
//! ([`crate::view::ArticleView`], with Leptos's `ssr`), its head made for crawlers and link
//! previews, and the viewer's release build linked relatively, so that the app takes the page
//! over (see `view::takeover`).

use leptos::prelude::*;

use super::picture::{Picture, absolute, preview_src};
use super::shell::{ViewerShell, paid_for, shared_title, strip_markers, write_document};
use crate::model::{Article, PreparedArticle, page_description, structured_data_text};

/// What to say in the head of one article's page.
#[derive(Clone)]
pub struct PageHead {
    /// The page's own address, when the folder's public address is known.
    pub url: Option<String>,
    /// The article JSON beside the page, as the page links it.
    pub json_name: String,
    /// The article's oEmbed answer, which a CMS finds from the page's address.
    pub oembed: Option<String>,
    /// The preview picture with its size, when it is a file in the articles' folder (else the
    /// page names its picture without a size).
    pub picture: Option<Picture>,
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
        picture,
    } = head;
    let description = page_description(&article);
    let paid = paid_for(&article);
    let shared_title = shared_title(&article);
    let shared_description = match (&paid, &description) {
        (Some((label, by)), Some(text)) => Some(format!("{label}. {by}. {text}")),
        (Some((label, by)), None) => Some(format!("{label}. {by}.")),
        (None, text) => text.clone(),
    };
    let image = match &picture {
        Some(picture) => Some(picture.url.clone()),
        None => preview_src(&article).and_then(|src| absolute(&src, url.as_deref())),
    };
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
        {picture
            .map(|picture| {
                (
                    og("og:image:width", picture.width.to_string()),
                    og("og:image:height", picture.height.to_string()),
                )
            })}
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
