//! Where things are: the page's own address and query, the library page `article pages` wrote,
//! and addresses resolved the way a link on the page would be.

use super::LoadError;

/// The bundled sample, relative to the page so the build works under any sub-path.
pub const SAMPLE_ARTICLE: &str = "articles/sample.json";

/// The address relative ones on the page resolve against.
pub(super) fn page_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// `raw` resolved against `base`, or the error naming `raw` when it is not an address.
pub(super) fn resolve_against(raw: &str, base: &str) -> Result<String, LoadError> {
    web_sys::Url::new_with_base(raw.trim(), base)
        .map(|url| url.href())
        .map_err(|_| LoadError::BadAddress {
            raw: raw.to_owned(),
        })
}

/// Resolves the article address against the page, as a link on the page would be.
pub fn resolve_article_url(raw: &str) -> Result<String, LoadError> {
    resolve_against(raw, &page_base())
}

/// Relative images and links in an article are relative to the article file at `url`, as in
/// any document; resolved before the page (which may sit elsewhere) uses them.
pub(super) fn resolve_address(address: &str, url: &str) -> String {
    web_sys::Url::new_with_base(address, url)
        .map(|absolute| absolute.href())
        .unwrap_or_else(|_| address.to_owned())
}

/// The origin of `url` and the page's, which the configuration's allowed origins are for.
pub(super) fn origins(url: &str) -> (String, String) {
    let origin_of = |url: &str| {
        web_sys::Url::new(url)
            .map(|u| u.origin())
            .unwrap_or_default()
    };
    (origin_of(url), origin_of(&page_base()))
}

/// The `?article=` parameter of the page, or the bundled sample.
pub fn requested_article() -> String {
    article_parameter().unwrap_or_else(|| SAMPLE_ARTICLE.to_owned())
}

/// The article `?article=` names, if the page was opened with one.
pub fn article_parameter() -> Option<String> {
    query_parameter("article")
}

/// The library `?index=` names, if the page was opened with one, else the one a library page
/// `article pages` wrote shows.
pub fn requested_library() -> Option<String> {
    query_parameter("index").or_else(|| prerendered_library().map(|written| written.index))
}

/// What a library page `article pages` wrote says about itself on its `#viewer` element.
pub struct WrittenLibrary {
    /// Its index (`data-index`).
    pub index: String,
    /// Which page of the index it is (`data-page`).
    pub page: Option<u32>,
    /// The way from it to the viewer's folder (`data-viewer`).
    pub viewer: String,
}

/// On a library page `article pages` wrote: its index, page and the way to the viewer.
pub fn prerendered_library() -> Option<WrittenLibrary> {
    let host = leptos::prelude::document().get_element_by_id("viewer")?;
    Some(WrittenLibrary {
        index: host.get_attribute("data-index")?,
        page: host.get_attribute("data-page").and_then(|p| p.parse().ok()),
        viewer: host
            .get_attribute("data-viewer")
            .unwrap_or_else(|| "./".into()),
    })
}

/// Where the viewer's page is, relative to this page: `./` but on a library page `article
/// pages` wrote beside the articles.
pub fn viewer_root() -> String {
    prerendered_library().map_or_else(|| "./".to_owned(), |written| written.viewer)
}

/// The page of the library `?page=` names, if any.
pub fn requested_library_page() -> Option<u32> {
    query_parameter("page")
        .and_then(|page| page.trim().parse().ok())
        .or_else(|| prerendered_library().and_then(|written| written.page))
}

/// The library an article was opened from (`?from=`), for the way back to it.
pub fn library_opened_from() -> Option<String> {
    query_parameter("from")
}

/// The search the library page's address asks for (`?q=`, `&order=newest`): the query, and
/// whether newest first instead of by relevance.
pub fn requested_search() -> (String, bool) {
    let query = query_parameter("q").unwrap_or_default();
    let newest = query_parameter("order").as_deref() == Some("newest");
    (query, newest)
}

/// The words a search result asks the article page to mark (`?hl=`, folded, separated by
/// spaces).
pub fn requested_marks() -> Option<String> {
    query_parameter("hl")
}

/// A parameter of the page's query, unless it is blank.
fn query_parameter(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get(name))
        .filter(|value| !value.trim().is_empty())
}
