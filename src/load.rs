//! Fetching an article in the browser, with one error type for everything that can go wrong
//! between "the reader opened a link" and "we have a prepared article".

use gloo_net::http::Request;
use thiserror::Error;

use crate::model::{ArticleError, MAX_ARTICLE_BYTES, PreparedArticle, parse_article, prepare};

/// The bundled sample, relative to the page so the build works under any sub-path.
pub const SAMPLE_ARTICLE: &str = "articles/sample.json";

/// Why an article could not be loaded; each variant knows its reader-facing sentence.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LoadError {
    /// `?article=` holds something that is not a URL.
    #[error("The article address \"{raw}\" is not a valid URL")]
    BadAddress {
        /// What the query parameter held.
        raw: String,
    },
    /// The request never got an HTTP answer (offline, DNS, refused, blocked by CORS).
    #[error("Could not reach {url}: {message}")]
    Network {
        /// The resolved article URL.
        url: String,
        /// What the browser reported.
        message: String,
    },
    /// The server answered with an error status.
    #[error("The server answered HTTP {status} {status_text} for {url}")]
    Http {
        /// The resolved article URL.
        url: String,
        /// e.g. 404.
        status: u16,
        /// e.g. "Not Found".
        status_text: String,
    },
    /// The server sent a web page, typically a host's "not found" page with status 200.
    #[error("{url} returned a web page ({content_type}), not article JSON")]
    NotJson {
        /// The resolved article URL.
        url: String,
        /// The `Content-Type` the server sent.
        content_type: String,
    },
    /// The document arrived but is not a usable article.
    #[error("{url}: {source}")]
    Article {
        /// The resolved article URL.
        url: String,
        /// What is wrong with the document.
        source: ArticleError,
    },
}

impl LoadError {
    /// The sentence a reader sees first.
    pub fn summary(&self) -> &'static str {
        match self {
            LoadError::BadAddress { .. } => "The link to this article is broken.",
            LoadError::Network { .. } => {
                "The article could not be downloaded. Check your connection and try again."
            }
            LoadError::Http { status: 404, .. } | LoadError::Http { status: 410, .. } => {
                "This article could not be found."
            }
            LoadError::Http { status, .. } if *status >= 500 => {
                "The server that hosts this article has a problem. Try again in a moment."
            }
            LoadError::Http { .. } => "The server refused to send this article.",
            LoadError::NotJson { .. } => "A web page was found where the article file should be.",
            LoadError::Article { source, .. } => source.summary(),
        }
    }

    /// Status, URL, position or field path: what a publisher needs to fix it.
    pub fn detail(&self) -> String {
        match self {
            LoadError::Article { url, source } => format!("{} (URL: {url})", source.detail()),
            other => format!("{other}."),
        }
    }

    /// Whether trying again might help (network and server trouble, not a broken document).
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            LoadError::Network { .. }
                | LoadError::Http {
                    status: 408 | 429 | 500..,
                    ..
                }
        )
    }
}

/// Resolves the article address against the page, as a link on the page would be.
pub fn resolve_article_url(raw: &str) -> Result<String, LoadError> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base(raw.trim(), &base)
        .map(|url| url.href())
        .map_err(|_| LoadError::BadAddress {
            raw: raw.to_owned(),
        })
}

/// The `?article=` parameter of the page, or the bundled sample.
pub fn requested_article() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("article"))
        .filter(|value| !value.trim().is_empty())
        .unwrap_or_else(|| SAMPLE_ARTICLE.to_owned())
}

/// Downloads, parses and prepares the article at `raw` (relative to the page or absolute).
pub async fn fetch_article(raw: String) -> Result<PreparedArticle, LoadError> {
    let url = resolve_article_url(&raw)?;
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| LoadError::Network {
            url: url.clone(),
            message: e.to_string(),
        })?;
    if !response.ok() {
        return Err(LoadError::Http {
            url,
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.to_ascii_lowercase().contains("html") {
        return Err(LoadError::NotJson { url, content_type });
    }
    if let Some(length) = response
        .headers()
        .get("content-length")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|&l| l > MAX_ARTICLE_BYTES)
    {
        return Err(LoadError::Article {
            url,
            source: ArticleError::TooLarge {
                size: length,
                limit: MAX_ARTICLE_BYTES,
            },
        });
    }
    let text = response.text().await.map_err(|e| LoadError::Network {
        url: url.clone(),
        message: e.to_string(),
    })?;
    if text.trim_start().starts_with('<') {
        return Err(LoadError::NotJson {
            url,
            content_type: if content_type.is_empty() {
                "no content type".to_owned()
            } else {
                content_type
            },
        });
    }
    let mut prepared = parse_article(&text)
        .map(prepare)
        .map_err(|source| LoadError::Article {
            url: url.clone(),
            source,
        })?;
    // Relative images and links in an article are relative to the article file, as in any
    // document; resolve them before the page (which may sit elsewhere) uses them.
    prepared.resolve_urls(|address| {
        web_sys::Url::new_with_base(address, &url)
            .map(|absolute| absolute.href())
            .unwrap_or_else(|_| address.to_owned())
    });
    Ok(prepared)
}
