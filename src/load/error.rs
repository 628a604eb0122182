//! One error type for everything that can go wrong between "the reader opened a link" and "we
//! have a prepared article or library": a bad address, a refused origin, the network, the server,
//! the time limit, the size limit and the document itself.

use thiserror::Error;

use crate::config::CONFIG_FILE;
use crate::i18n::Msg;
use crate::model::{ArticleError, decimal};

/// Why an article could not be loaded; each variant knows its reader-facing sentence.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LoadError {
    /// `?article=` holds something that is not a URL.
    #[error("The article address \"{raw}\" is not a valid URL")]
    BadAddress {
        /// What the query parameter held.
        raw: String,
    },
    /// The article is on an origin the publisher has not allowed.
    #[error(
        "Articles from {origin} are not allowed here (URL: {url}); the publisher can allow that origin in {CONFIG_FILE}"
    )]
    RefusedOrigin {
        /// The resolved article URL.
        url: String,
        /// Its origin (`null` for data: and other opaque URLs).
        origin: String,
    },
    /// The publisher's configuration file is unusable.
    #[error("{0}")]
    Config(String),
    /// The request never got an HTTP answer (offline, DNS, refused, blocked by CORS or CSP).
    #[error("Could not reach {url}: {message}")]
    Network {
        /// The resolved article URL.
        url: String,
        /// What the browser reported.
        message: String,
    },
    /// No complete answer within the time limit.
    #[error("No complete answer from {url} within {} seconds", decimal(*seconds, 3))]
    Timeout {
        /// The resolved article URL.
        url: String,
        /// The limit that passed.
        seconds: f64,
    },
    /// The answer started but the connection broke before the end.
    #[error("The download of {url} broke off after {received} bytes: {message}")]
    Interrupted {
        /// The resolved article URL.
        url: String,
        /// Bytes received before the break.
        received: usize,
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
    /// A library (`?index=`) arrived but is not one.
    #[error("{url}: {source}")]
    Library {
        /// The resolved address of the index.
        url: String,
        /// What is wrong with it (syntax, or a field path).
        source: ArticleError,
    },
}

impl LoadError {
    /// The sentence a reader sees first, in the interface language.
    pub fn summary(&self) -> &'static str {
        crate::i18n::tr(self.summary_msg())
    }

    /// Which sentence [`summary`](Self::summary) is (`locales/*.json`).
    pub fn summary_msg(&self) -> Msg {
        match self {
            LoadError::BadAddress { .. } => Msg::ErrBadAddress,
            LoadError::RefusedOrigin { .. } => Msg::ErrOrigin,
            LoadError::Config(_) => Msg::ErrConfig,
            LoadError::Network { .. } => Msg::ErrNetwork,
            LoadError::Timeout { .. } => Msg::ErrTimeout,
            LoadError::Interrupted { .. } => Msg::ErrInterrupted,
            LoadError::Http {
                status: 404 | 410, ..
            } => Msg::ErrNotFound,
            LoadError::Http { status, .. } if *status >= 500 => Msg::ErrServer,
            LoadError::Http { .. } => Msg::ErrHttp,
            LoadError::NotJson { .. } => Msg::ErrNotJson,
            LoadError::Article { source, .. } => source.summary(),
            LoadError::Library { .. } => Msg::ErrLibrary,
        }
    }

    /// Status, URL, position or field path: what a publisher needs to fix it.
    pub fn detail(&self) -> String {
        match self {
            LoadError::Article { url, source } | LoadError::Library { url, source } => {
                format!("{} (URL: {url})", source.detail())
            }
            other => format!("{other}."),
        }
    }

    /// Whether trying again might help (network, time and server trouble, not a bad document).
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            LoadError::Network { .. }
                | LoadError::Timeout { .. }
                | LoadError::Interrupted { .. }
                | LoadError::Http {
                    status: 408 | 429 | 500..,
                    ..
                }
        )
    }
}
