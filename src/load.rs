//! Fetching an article in the browser, with one error type for everything that can go wrong
//! between "the reader opened a link" and "we have a prepared article": a bad address, a refused
//! origin, the network, the server, the time limit, the size limit and the document itself.

use std::time::Duration;

use futures::future::LocalBoxFuture;
use gloo_net::http::{Request, Response};
use js_sys::Uint8Array;
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::config::{CONFIG_FILE, ViewerConfig};
use crate::i18n::Msg;
use crate::model::{
    ArticleError, IncrementalArticle, LateFields, LateTarget, MAX_ARTICLE_BYTES, PreparedArticle,
    Problem, Section, SectionPreparer, decimal, parse_article_bytes, prepare, prepare_start,
    resolve_figure_urls, resolve_section_urls,
};
use crate::schedule::{TaskClock, next_frame, screenful};

/// Most bytes of a downloaded chunk handed to the decoder at once: about eight sections of
/// prose, a few milliseconds to decode and build, so that a task can end near
/// [`TASK_MS`](crate::schedule::TASK_MS).
const FEED_BYTES: u32 = 8 * 1024;

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
            LoadError::Article { source, .. } => source.summary_msg(),
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

/// Bytes of the article received so far, and the total when the server said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes received.
    pub received: usize,
    /// `Content-Length`, when sent and believable.
    pub total: Option<usize>,
}

fn page_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// Resolves the article address against the page, as a link on the page would be.
pub fn resolve_article_url(raw: &str) -> Result<String, LoadError> {
    web_sys::Url::new_with_base(raw.trim(), &page_base())
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

/// The article `?article=` names, if the page was opened with one.
pub fn article_parameter() -> Option<String> {
    query_parameter("article")
}

/// The library `?index=` names, if the page was opened with one, else the one a library page
/// `article pages` wrote shows.
pub fn requested_library() -> Option<String> {
    query_parameter("index").or_else(|| prerendered_library().map(|(index, _, _)| index))
}

/// On a library page `article pages` wrote: its index, page and the way to the viewer, as its
/// `#viewer` element says (`data-index`, `data-page`, `data-viewer`).
pub fn prerendered_library() -> Option<(String, Option<u32>, String)> {
    let host = leptos::prelude::document().get_element_by_id("viewer")?;
    let index = host.get_attribute("data-index")?;
    let page = host.get_attribute("data-page").and_then(|p| p.parse().ok());
    let viewer = host
        .get_attribute("data-viewer")
        .unwrap_or_else(|| "./".into());
    Some((index, page, viewer))
}

/// Where the viewer's page is, relative to this page: `./` but on a library page `article
/// pages` wrote beside the articles.
pub fn viewer_root() -> String {
    prerendered_library().map_or_else(|| "./".to_owned(), |(_, _, viewer)| viewer)
}

/// The page of the library `?page=` names, if any.
pub fn requested_library_page() -> Option<u32> {
    query_parameter("page")
        .and_then(|page| page.trim().parse().ok())
        .or_else(|| prerendered_library().and_then(|(_, page, _)| page))
}

/// The library an article was opened from (`?from=`), for the way back to it.
pub fn library_opened_from() -> Option<String> {
    query_parameter("from")
}

fn query_parameter(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get(name))
        .filter(|value| !value.trim().is_empty())
}

/// An error status, or a web page where JSON should be: what makes an answer unusable before
/// its body is read, for an article and a library alike.
fn refuse_unusable(url: &str, response: &Response) -> Result<(), LoadError> {
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.to_ascii_lowercase().contains("html") {
        return Err(LoadError::NotJson {
            url: url.to_owned(),
            content_type,
        });
    }
    Ok(())
}

/// The origin of `url` and the page's, which the configuration's allowed origins are for.
fn origins(url: &str) -> (String, String) {
    let origin_of = |url: &str| {
        web_sys::Url::new(url)
            .map(|u| u.origin())
            .unwrap_or_default()
    };
    (origin_of(url), origin_of(&page_base()))
}

/// Downloads and decodes the library at `raw` (relative to the page, or absolute), under the
/// same rules as an article: an allowed origin, its time limit, its size limit. Returns its
/// resolved address, which its articles' addresses are relative to, and the configuration,
/// which the library's older pages and search chunks are downloaded under.
pub async fn fetch_library(
    raw: String,
) -> Result<(String, crate::model::Library, ViewerConfig), LoadError> {
    let url = resolve_article_url(&raw)?;
    let config = load_config().await?;
    let bytes = download(&url, &config).await?;
    match crate::model::decode_library(&bytes) {
        Ok(library) => Ok((url, library, config)),
        Err(source) => Err(LoadError::Library { url, source }),
    }
}

/// Downloads a part of an archive (an older page, a search chunk) at `address`, relative to
/// the index at `base`, and decodes it with `decode`.
pub async fn fetch_library_part<T>(
    base: &str,
    address: &str,
    config: &ViewerConfig,
    decode: fn(&[u8]) -> Result<T, ArticleError>,
) -> Result<T, LoadError> {
    let url = web_sys::Url::new_with_base(address, base)
        .map(|url| url.href())
        .map_err(|_| LoadError::BadAddress {
            raw: address.to_owned(),
        })?;
    let bytes = download(&url, config).await?;
    decode(&bytes).map_err(|source| LoadError::Library { url, source })
}

/// The JSON document at `url` (absolute), under the rules of `config`: an allowed origin, its
/// time limit through the abort signal, the status and type of the answer, the size limit
/// while the body streams in.
async fn download(url: &str, config: &ViewerConfig) -> Result<Vec<u8>, LoadError> {
    let url = url.to_owned();
    let (origin, page_origin) = origins(&url);
    if !config.allows(&origin, &page_origin) {
        return Err(LoadError::RefusedOrigin { url, origin });
    }
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    if let Some(controller) = controller.clone() {
        leptos::prelude::set_timeout(
            move || controller.abort(),
            Duration::from_millis(config.timeout_ms.into()),
        );
    }
    let response = start_get(&url, signal.as_ref()).await.map_err(|message| {
        if signal.as_ref().is_some_and(|s| s.aborted()) {
            LoadError::Timeout {
                url: url.clone(),
                seconds: f64::from(config.timeout_ms) / 1000.0,
            }
        } else {
            LoadError::Network {
                url: url.clone(),
                message,
            }
        }
    })?;
    refuse_unusable(&url, &response)?;
    // Read as a stream like the article, so an oversized document is cut off at the limit.
    let mut bytes = Vec::new();
    let read = read_body(&response, None, &|_| {}, &mut |chunk| {
        append(&mut bytes, chunk);
        false
    })
    .await;
    match read {
        Ok(_) => Ok(bytes),
        Err(BodyError::TooLarge(size)) => Err(LoadError::Library {
            url,
            source: ArticleError::too_large(size),
        }),
        Err(BodyError::Broken { received, message }) => Err(LoadError::Interrupted {
            url,
            received,
            message,
        }),
    }
}

/// Reads `viewer-config.json` beside the page; no file means the defaults.
pub async fn load_config() -> Result<ViewerConfig, LoadError> {
    // Beside the viewer's page, which a library page `article pages` wrote is not.
    let url = resolve_article_url(&format!("{}{CONFIG_FILE}", viewer_root()))?;
    let request = take_prefetched("config")
        .and_then(|request| request.dyn_into::<js_sys::Promise>().ok())
        .map(answer_of)
        .unwrap_or_else(|| start_get(&url, None));
    let Ok(response) = request.await else {
        return Ok(ViewerConfig::default());
    };
    if response.status() == 404 {
        return Ok(ViewerConfig::default());
    }
    if !response.ok() {
        return Err(LoadError::Config(format!(
            "{CONFIG_FILE}: the server answered HTTP {}",
            response.status()
        )));
    }
    // Read as a stream like the article: `Response.text()` on a body that had already arrived
    // measured 15 ms here, the stream 2 ms.
    let mut bytes = Vec::new();
    read_body(&response, None, &|_| {}, &mut |chunk| {
        append(&mut bytes, chunk);
        false
    })
    .await
    .map_err(|_| LoadError::Config(format!("{CONFIG_FILE}: the download broke off")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| LoadError::Config(format!("{CONFIG_FILE}: the file is not UTF-8 text")))?;
    ViewerConfig::parse(&text).map_err(|e| LoadError::Config(e.to_string()))
}

/// Downloads, parses and prepares the article at `raw` (relative to the page or absolute),
/// within the origins and time limit of `config`, reporting download progress. A long article
/// whose start can already be shown (see [`PreparedArticle::can_show_early`]) is handed to
/// `on_early`, prepared from its first sections, while the rest downloads; the page gets a
/// chance to paint it before reading goes on. Every later section then goes to `on_more` as
/// soon as it is decoded and prepared, and is not kept here, so the decoded article is never in
/// memory whole (the downloaded bytes stay on the JavaScript side until the end, for a
/// document whose errors need the whole text).
///
/// An article on the page's own origin is always allowed, so its download starts at once,
/// while the configuration is still being read (about 20 ms earlier, measured on loopback);
/// any other article waits for the configuration to allow its origin. The time limit runs
/// from the moment the configuration is known.
pub async fn fetch_article(
    raw: String,
    config: impl Future<Output = Result<ViewerConfig, LoadError>>,
    on_progress: impl Fn(Progress),
    on_early: impl Fn(PreparedArticle),
    on_more: impl Fn(MoreSections),
) -> Result<Fetched, LoadError> {
    crate::timing::mark("viewer:fetch");
    let url = resolve_article_url(&raw)?;
    let (origin, page_origin) = origins(&url);

    let (controller, early) = match Prefetched::take_for(&url) {
        Some(Prefetched {
            controller,
            response,
        }) => (controller, Some(answer_of(response))),
        None => {
            let controller = web_sys::AbortController::new().ok();
            let signal = controller.as_ref().map(|c| c.signal());
            let early = (origin == page_origin && origin != "null")
                .then(|| start_get(&url, signal.as_ref()));
            (controller, early)
        }
    };
    let signal = controller.as_ref().map(|c| c.signal());
    let config = match config.await {
        Ok(config) => config,
        Err(error) => {
            if let Some(controller) = &controller {
                controller.abort();
            }
            return Err(error);
        }
    };
    if !config.allows(&origin, &page_origin) {
        return Err(LoadError::RefusedOrigin { url, origin });
    }
    if let Some(controller) = controller.clone() {
        leptos::prelude::set_timeout(
            move || controller.abort(),
            Duration::from_millis(config.timeout_ms.into()),
        );
    }
    let timed_out = || signal.as_ref().is_some_and(|s| s.aborted());
    let timeout = |url: String| LoadError::Timeout {
        url,
        seconds: f64::from(config.timeout_ms) / 1000.0,
    };

    let request = early.unwrap_or_else(|| start_get(&url, signal.as_ref()));
    let response = match request.await {
        Ok(response) => response,
        Err(_) if timed_out() => return Err(timeout(url)),
        Err(message) => return Err(LoadError::Network { url, message }),
    };
    refuse_unusable(&url, &response)?;
    let headers = response.headers();
    let header = |name: &str| headers.get(name);
    let content_type = header("content-type").unwrap_or_default();
    let too_large = |url: String, size: usize| LoadError::Article {
        url,
        source: ArticleError::too_large(size),
    };
    let declared = header("content-length").and_then(|l| l.parse::<usize>().ok());
    if let Some(size) = declared.filter(|&l| l > MAX_ARTICLE_BYTES) {
        return Err(too_large(url, size));
    }
    // A compressed body's length counts compressed bytes; the stream gives them decompressed,
    // so that length is no total to measure them against.
    let encoded = header("content-encoding").is_some_and(|e| e != "identity");
    let total = declared.filter(|_| !encoded);

    // Sections are decoded as they arrive (see `IncrementalArticle`); the chunks themselves
    // stay on the JavaScript side, only for a document whose errors need the whole text.
    let mut article = IncrementalArticle::new();
    let chunks = js_sys::Array::new();
    let resolve = |address: &str| resolve_address(address, &url);
    let mut early_tried = false;
    // Once a start was shown: how later sections are prepared.
    let mut streaming: Option<SectionPreparer> = None;
    // Sections decoded before the article can be shown while the rest downloads: the lead and
    // a screenful, which the page builds before its first paint (`view::progressive`).
    let early_sections = 1 + screenful();
    // When the current task started; the browser gets its turn once it has run its time.
    let mut clock: Option<TaskClock> = None;
    // Whether to pause (end the task, let the browser paint) after a piece of the body.
    let mut take = |piece: &Uint8Array| {
        let task = clock.get_or_insert_with(TaskClock::start);
        article.push_with(piece.length() as usize, |slot| piece.copy_to(slot));
        chunks.push(piece);
        if let Some(preparer) = &mut streaming {
            hand_on(&mut article, preparer, &resolve, &on_more);
        }
        let spent = task.spent();
        if spent {
            clock = None;
        }
        if streaming.is_some() || early_tried || article.sections_read() < early_sections {
            return spent;
        }
        early_tried = true;
        let Some(start_of_article) = article.early(early_sections) else {
            return spent;
        };
        let (mut early, preparer) = prepare_start(start_of_article);
        if !early.can_show_early() {
            article.put_back(std::mem::take(&mut early.article.sections));
            return spent;
        }
        early.resolve_urls(&resolve);
        crate::timing::mark("viewer:early");
        on_early(early);
        // Sections decoded beyond the start follow in the next task (`read_body` hands an
        // empty piece over after the pause), not in this one, which is the first screen's.
        streaming = Some(preparer);
        // The start is in the page: the browser paints it before reading goes on.
        clock = None;
        true
    };

    let received = match read_body(&response, total, &on_progress, &mut take).await {
        Ok(received) => received,
        Err(BodyError::TooLarge(size)) => return Err(too_large(url, size)),
        Err(BodyError::Broken { .. }) if timed_out() => return Err(timeout(url)),
        Err(BodyError::Broken { received, message }) => {
            return Err(LoadError::Interrupted {
                url,
                received,
                message,
            });
        }
    };
    if article.looks_like_markup() {
        let content_type = if content_type.is_empty() {
            "no content type".to_owned()
        } else {
            content_type
        };
        return Err(LoadError::NotJson { url, content_type });
    }
    crate::timing::mark("viewer:downloaded");
    let finished = match streaming {
        Some(mut preparer) => {
            hand_on(&mut article, &mut preparer, &resolve, &on_more);
            // The start shown stands: sections were added to it, and maybe key figures and a
            // copyright line after them, which the page fills in.
            if let Some(mut late) = article.late_fields() {
                resolve_figure_urls(&mut late.key_figures, &resolve);
                let late_targets = preparer.place_late_figures(&late.key_figures);
                return Ok(Fetched::Rest(ArticleEnding {
                    reading_minutes: preparer.reading_minutes(),
                    problems: preparer.into_problems(),
                    late,
                    late_targets,
                }));
            }
            // The sections handed on are gone from here: the whole text decides.
            None
        }
        None => article.finish().map(Ok),
    };
    let article = finished.unwrap_or_else(|| {
        // Something is wrong with it: the whole text says what, where and why.
        let mut bytes = Vec::with_capacity(received);
        for chunk in chunks.iter() {
            append(&mut bytes, chunk.unchecked_ref());
        }
        parse_article_bytes(&bytes)
    });
    drop(chunks);
    crate::timing::mark("viewer:parsed");
    let mut prepared = article.map(prepare).map_err(|source| LoadError::Article {
        url: url.clone(),
        source,
    })?;
    prepared.resolve_urls(&resolve);
    crate::timing::mark("viewer:prepared");
    Ok(Fetched::Whole(Box::new(prepared)))
}

/// Prepares the sections decoded since the last call and hands them to `on_more`.
fn hand_on(
    article: &mut IncrementalArticle,
    preparer: &mut SectionPreparer,
    resolve: &dyn Fn(&str) -> String,
    on_more: &impl Fn(MoreSections),
) {
    let mut more = MoreSections {
        ids: Vec::new(),
        sections: article.take_sections(),
    };
    for section in &mut more.sections {
        resolve_section_urls(section, resolve);
        more.ids.push(preparer.add(section));
    }
    if !more.ids.is_empty() {
        on_more(more);
    }
}

/// Later sections of an article shown early, prepared, with their page ids.
#[derive(Default)]
pub struct MoreSections {
    /// The page id of each section.
    pub ids: Vec<String>,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

/// A downloaded article.
pub enum Fetched {
    /// The whole article, prepared: nothing went to `on_early`, or the finished document
    /// changed the start that did (a field after the sections other than key figures and a
    /// copyright line).
    Whole(Box<PreparedArticle>),
    /// The end of an article whose start went to `on_early` and whose other sections went to
    /// `on_more`: what needed all of it.
    Rest(ArticleEnding),
}

/// What completes an article shown while it arrived, once all of it has.
#[derive(Clone, PartialEq)]
pub struct ArticleEnding {
    /// Estimated minutes to read the whole article.
    pub reading_minutes: usize,
    /// Every problem of the whole article.
    pub problems: Vec<Problem>,
    /// Key figures and a copyright line given after the sections.
    pub late: LateFields,
    /// Where each of those key figures leads.
    pub late_targets: Vec<LateTarget>,
}

/// Relative images and links in an article are relative to the article file at `url`, as in
/// any document; resolved before the page (which may sit elsewhere) uses them.
fn resolve_address(address: &str, url: &str) -> String {
    web_sys::Url::new_with_base(address, url)
        .map(|absolute| absolute.href())
        .unwrap_or_else(|_| address.to_owned())
}

/// An HTTP answer, or what the browser said when there was none.
type Answer = LocalBoxFuture<'static, Result<Response, String>>;

/// Starts a GET with gloo-net now, and gives its answer later: gloo-net's `send` does nothing
/// until polled, while the article must download while the configuration is still read. The
/// request runs as its own task, which starts at once.
fn start_get(url: &str, signal: Option<&web_sys::AbortSignal>) -> Answer {
    let request = Request::get(url).abort_signal(signal).build();
    let (sender, receiver) = futures::channel::oneshot::channel();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = match request {
            Ok(request) => request.send().await,
            Err(error) => Err(error),
        };
        _ = sender.send(answer.map_err(|error| match error {
            gloo_net::Error::JsError(error) => error.message,
            other => other.to_string(),
        }));
    });
    Box::pin(async move {
        receiver
            .await
            .unwrap_or_else(|_| Err("the request was dropped".to_owned()))
    })
}

/// A response `boot.js` started (a `fetch` promise), wrapped as a gloo-net answer.
fn answer_of(promise: js_sys::Promise) -> Answer {
    Box::pin(async move {
        JsFuture::from(promise)
            .await
            .map(|response| Response::from(response.unchecked_into::<web_sys::Response>()))
            .map_err(|error| js_message(&error).unwrap_or_else(|| "the request failed".to_owned()))
    })
}

/// Something `boot.js` started before the viewer ran (`window.articleViewerPrefetch`), taken
/// over once: a retry makes its own request.
fn take_prefetched(name: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let prefetch = js_sys::Reflect::get(&window, &"articleViewerPrefetch".into())
        .ok()
        .filter(JsValue::is_object)?;
    let key = JsValue::from_str(name);
    let value = js_sys::Reflect::get(&prefetch, &key)
        .ok()
        .filter(|v| !v.is_undefined())?;
    _ = js_sys::Reflect::delete_property(prefetch.unchecked_ref::<js_sys::Object>(), &key);
    Some(value)
}

/// The article request `boot.js` started, with the controller that can abort it.
struct Prefetched {
    controller: Option<web_sys::AbortController>,
    response: js_sys::Promise,
}

impl Prefetched {
    /// The prefetched request, if it was for `url`; one for another address is aborted.
    fn take_for(url: &str) -> Option<Prefetched> {
        let article = take_prefetched("article")?;
        let field = |name: &str| js_sys::Reflect::get(&article, &name.into()).ok();
        let controller: Option<web_sys::AbortController> =
            field("controller").and_then(|c| c.dyn_into().ok());
        if field("url").and_then(|u| u.as_string()).as_deref() != Some(url) {
            if let Some(controller) = controller {
                controller.abort();
            }
            return None;
        }
        let response = field("response")?.dyn_into().ok()?;
        Some(Prefetched {
            controller,
            response,
        })
    }
}

/// The message of a JavaScript error, or the thrown value if it is a string.
fn js_message(error: &JsValue) -> Option<String> {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
}

enum BodyError {
    /// More than [`MAX_ARTICLE_BYTES`] arrived; reading stopped there.
    TooLarge(usize),
    /// The stream failed (connection lost, aborted).
    Broken { received: usize, message: String },
}

/// Reads the body chunk by chunk into `take`, so progress can be shown, an article decoded as it
/// arrives and an oversized body cut off without holding more than the limit; the number of
/// bytes read. A chunk can be the whole body (on a fast connection): `take` gets pieces of at
/// most [`FEED_BYTES`], so only one piece is ever copied into wasm memory at a time, and when
/// it returns true the page may paint (something was shown) before reading goes on.
async fn read_body(
    response: &Response,
    total: Option<usize>,
    on_progress: &impl Fn(Progress),
    take: &mut dyn FnMut(&Uint8Array) -> bool,
) -> Result<usize, BodyError> {
    let broken = |received: usize, error: JsValue| BodyError::Broken {
        received,
        message: js_message(&error).unwrap_or_else(|| "the connection closed early".to_owned()),
    };
    let Some(stream) = response.body() else {
        return Ok(0);
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut received = 0;
    let mut total = total;
    on_progress(Progress { received, total });
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| broken(received, e))?;
        let chunk: web_sys::ReadableStreamReadResult = chunk.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            break;
        }
        let data: Uint8Array = chunk.get_value().unchecked_into();
        let size = data.length() as usize;
        if received + size > MAX_ARTICLE_BYTES {
            _ = reader.cancel();
            return Err(BodyError::TooLarge(received + size));
        }
        let mut start = 0;
        while start < data.length() {
            let end = data.length().min(start + FEED_BYTES);
            if take(&data.subarray(start, end)) {
                next_frame().await;
                // An empty piece: what was decoded but not yet handed on goes now, rather
                // than with the next piece, which the network may not send for a while.
                take(&data.subarray(end, end));
            }
            start = end;
        }
        received += size;
        // More than declared: the body was compressed after all (another origin need not let
        // the page see that it is), and the size is unknown.
        total = total.filter(|&t| received <= t);
        on_progress(Progress { received, total });
    }
    if let Some(expected) = total.filter(|&t| received < t) {
        return Err(BodyError::Broken {
            received,
            message: format!("expected {expected} bytes"),
        });
    }
    Ok(received)
}

/// Appends a chunk of bytes from JavaScript.
fn append(bytes: &mut Vec<u8>, chunk: &Uint8Array) {
    let start = bytes.len();
    bytes.resize(start + chunk.length() as usize, 0);
    chunk.copy_to(&mut bytes[start..]);
}
