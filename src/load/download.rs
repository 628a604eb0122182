//! The one way the viewer downloads a document (an article, a library or one of its parts, the
//! configuration): the address resolved, the origin checked, the time limit run through the
//! abort signal, the status and type of the answer mapped to errors, and the body streamed
//! within the size limit.

use std::time::Duration;

use gloo_net::http::Response;

use super::LoadError;
use super::address::{origins, resolve_against};
use super::request::{PendingAnswer, start_get};
use crate::config::{CONFIG_FILE, ViewerConfig};
use crate::model::{ArticleError, MAX_ARTICLE_BYTES};

/// What is downloaded: decides which error a document over the size limit is reported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Document {
    /// An article (`?article=`).
    Article,
    /// A library's index, or one of its pages or search chunks.
    Library,
    /// `viewer-config.json`.
    Config,
}

impl Document {
    /// The error for a document of this kind at `url` that is `size` bytes, over the limit.
    fn too_large(self, url: String, size: usize) -> LoadError {
        let source = ArticleError::too_large(size);
        match self {
            Document::Article => LoadError::Article { url, source },
            Document::Library => LoadError::Library { url, source },
            Document::Config => LoadError::Config(format!(
                "{CONFIG_FILE}: larger than {MAX_ARTICLE_BYTES} bytes"
            )),
        }
    }
}

/// A download not answered yet: requested at once, or only when its answer is awaited.
pub(super) struct Download {
    pub(super) url: String,
    document: Document,
    controller: Option<web_sys::AbortController>,
    request: Option<PendingAnswer>,
    /// The time limit, once [`under`](Self::under) started it.
    seconds: Option<f64>,
}

impl Download {
    /// A download of `raw`, resolved against `base` (an address of the page, or of the index a
    /// library's parts are beside); nothing is requested yet.
    pub fn of(raw: &str, base: &str, document: Document) -> Result<Download, LoadError> {
        Ok(Download {
            url: resolve_against(raw, base)?,
            document,
            controller: web_sys::AbortController::new().ok(),
            request: None,
            seconds: None,
        })
    }

    /// The resolved address.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Takes over a request `boot.js` started before the viewer ran.
    pub fn take_over(
        &mut self,
        request: PendingAnswer,
        controller: Option<web_sys::AbortController>,
    ) {
        self.controller = controller;
        self.request = Some(request);
    }

    /// Requests now, before the configuration is known: its answer waits until awaited.
    pub fn start(&mut self) {
        if self.request.is_none() {
            let signal = self.signal();
            self.request = Some(start_get(&self.url, signal.as_ref()));
        }
    }

    /// Whether the address is on the page's own origin, which every configuration allows.
    pub fn same_origin(&self) -> bool {
        let (origin, page_origin) = origins(&self.url);
        origin == page_origin && origin != "null"
    }

    /// Stops a request already started.
    pub fn abort(&self) {
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }

    /// Applies the publisher's rules: an origin `config` does not allow is refused, and its
    /// time limit starts now, through the abort signal (so it covers the body too).
    pub fn under(mut self, config: &ViewerConfig) -> Result<Download, LoadError> {
        let (origin, page_origin) = origins(&self.url);
        if !config.allows(&origin, &page_origin) {
            self.abort();
            return Err(LoadError::RefusedOrigin {
                url: self.url,
                origin,
            });
        }
        if let Some(controller) = self.controller.clone() {
            leptos::prelude::set_timeout(
                move || controller.abort(),
                Duration::from_millis(config.timeout_ms.into()),
            );
        }
        self.seconds = Some(f64::from(config.timeout_ms) / 1000.0);
        Ok(self)
    }

    /// The answer (requested now if it was not yet); no answer is a network error, or the
    /// time limit's.
    pub async fn answer(mut self) -> Result<Answered, LoadError> {
        let signal = self.signal();
        let request = self
            .request
            .take()
            .unwrap_or_else(|| start_get(&self.url, signal.as_ref()));
        match request.await {
            Ok(response) => Ok(Answered {
                download: self,
                response,
            }),
            Err(message) => Err(self.timed_out().unwrap_or(LoadError::Network {
                url: self.url.clone(),
                message,
            })),
        }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    /// The time limit's error, if it ran out (which aborted the request and its body).
    pub(super) fn timed_out(&self) -> Option<LoadError> {
        let seconds = self.seconds?;
        self.signal()
            .is_some_and(|s| s.aborted())
            .then(|| LoadError::Timeout {
                url: self.url.clone(),
                seconds,
            })
    }
}

/// A download the server answered.
pub(super) struct Answered {
    pub(super) download: Download,
    pub(super) response: Response,
}

impl Answered {
    /// The resolved address.
    pub fn url(&self) -> &str {
        &self.download.url
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.response.status()
    }

    /// A header of the answer.
    pub fn header(&self, name: &str) -> Option<String> {
        self.response.headers().get(name)
    }

    /// Refuses an error status, or a web page where JSON should be: what makes an answer
    /// unusable before its body is read.
    pub fn usable(self) -> Result<Answered, LoadError> {
        let url = || self.download.url.clone();
        if !self.response.ok() {
            return Err(LoadError::Http {
                url: url(),
                status: self.response.status(),
                status_text: self.response.status_text(),
            });
        }
        let content_type = self.header("content-type").unwrap_or_default();
        if content_type.to_ascii_lowercase().contains("html") {
            return Err(LoadError::NotJson {
                url: url(),
                content_type,
            });
        }
        Ok(self)
    }

    /// The length the body is measured against for progress: `Content-Length`, unless the
    /// body is compressed (the length then counts compressed bytes, the stream gives them
    /// decompressed). A declared length over the size limit is refused before reading.
    pub fn expected_length(&self) -> Result<Option<usize>, LoadError> {
        let declared = self
            .header("content-length")
            .and_then(|l| l.parse::<usize>().ok());
        if let Some(size) = declared.filter(|&l| l > MAX_ARTICLE_BYTES) {
            return Err(self.too_large(size));
        }
        let encoded = self
            .header("content-encoding")
            .is_some_and(|e| e != "identity");
        Ok(declared.filter(|_| !encoded))
    }

    /// The error for a body of `size` bytes, over the limit.
    pub(super) fn too_large(&self, size: usize) -> LoadError {
        let url = self.download.url.clone();
        self.download.document.too_large(url, size)
    }
}
