//! Talking to the offline worker (`public/sw.js`): saving an article with its pictures,
//! removing it, and listing what is saved. The worker does the work, so that none of it is in
//! the module; a message and its answer are plain objects through a `MessageChannel`, built and
//! read field by field with `js_sys` (serde_json's writer and float code cost the written
//! page's module about 20 KB gzip: docs/performance.md).

use js_sys::{Array, Object, Promise, Reflect};
use thiserror::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::MessageChannel;

/// What the page asks the worker.
#[derive(Debug)]
pub enum Ask<'a> {
    /// Keep the article, its page and its pictures, whole or not at all.
    Save(&'a SavedArticle),
    /// Give back the space of a saved article.
    Remove {
        /// The article's JSON address, as saved.
        article: &'a str,
    },
    /// Every saved article.
    List,
}

/// A saved article, as the worker lists it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedArticle {
    /// The article's JSON, absolute.
    pub article: String,
    /// The page that shows it (a written page, or the viewer with `?article=`), absolute.
    pub page: String,
    /// Its title, for the list.
    pub title: String,
    /// Its publication date as written, if any.
    pub published: Option<String>,
    /// Its pictures, absolute.
    pub pictures: Vec<String>,
    /// The space it takes, in bytes (set by the worker).
    pub bytes: f64,
}

/// The worker's answer to a job it did.
#[derive(Debug, Default)]
pub struct Answer {
    /// Bytes kept by a save.
    pub bytes: f64,
    /// The saved articles, for `list`.
    pub saved: Vec<SavedArticle>,
}

/// Why the worker could not do what was asked.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum OfflineError {
    /// No worker controls this page (turned off by the publisher, or a browser without one).
    #[error("Saving for offline reading is not available on this page")]
    NoWorker,
    /// The browser's storage for this site is full; nothing was kept.
    #[error("There is not enough space in this browser to keep the article ({0})")]
    Full(String),
    /// Anything else (a file that could not be downloaded, say); nothing was kept.
    #[error("The article could not be kept: {0}")]
    Failed(String),
}

impl Ask<'_> {
    /// The message as the worker reads it: `{type: "save", article, page, …}`.
    fn message(&self) -> Object {
        let message = Object::new();
        let set = |key: &str, value: JsValue| _ = Reflect::set(&message, &key.into(), &value);
        match self {
            Ask::Save(article) => {
                set("type", "save".into());
                set("article", article.article.as_str().into());
                set("page", article.page.as_str().into());
                set("title", article.title.as_str().into());
                set("published", article.published.as_deref().into());
                let pictures: Array = article
                    .pictures
                    .iter()
                    .map(|p| JsValue::from_str(p))
                    .collect();
                set("pictures", pictures.into());
            }
            Ask::Remove { article } => {
                set("type", "remove".into());
                set("article", (*article).into());
            }
            Ask::List => set("type", "list".into()),
        }
        message
    }
}

/// A field of an object the worker sent, as text ("" when absent).
fn text(object: &JsValue, key: &str) -> String {
    Reflect::get(object, &key.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A field of an object the worker sent, as a number (0 when absent).
fn number(object: &JsValue, key: &str) -> f64 {
    Reflect::get(object, &key.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or_default()
}

/// The items of a list field of an object the worker sent (none when it is not a list).
fn list(object: &JsValue, key: &str) -> Vec<JsValue> {
    let value = Reflect::get(object, &key.into()).unwrap_or_default();
    match value.is_array() {
        true => Array::from(&value).to_vec(),
        false => Vec::new(),
    }
}

/// One entry of the worker's list.
fn saved_article(entry: &JsValue) -> SavedArticle {
    let pictures = (list(entry, "pictures").iter())
        .filter_map(|p| p.as_string())
        .collect();
    SavedArticle {
        article: text(entry, "article"),
        page: text(entry, "page"),
        title: text(entry, "title"),
        published: Some(text(entry, "published")).filter(|p| !p.is_empty()),
        pictures,
        bytes: number(entry, "bytes"),
    }
}

/// Asks the worker controlling this page, and waits for its answer.
pub async fn ask(question: &Ask<'_>) -> Result<Answer, OfflineError> {
    let worker = web_sys::window()
        .and_then(|w| w.navigator().service_worker().controller())
        .ok_or(OfflineError::NoWorker)?;
    let failed = |_| OfflineError::Failed("the worker could not be asked".into());
    let channel = MessageChannel::new().map_err(failed)?;
    let port = channel.port1();
    // The answer's event resolves the promise: the port calls `resolve` with it.
    let answer = Promise::new(&mut |resolve, _| port.set_onmessage(Some(&resolve)));
    worker
        .post_message_with_transferable(&question.message(), &Array::of1(&channel.port2()))
        .map_err(failed)?;
    let event = JsFuture::from(answer).await.map_err(failed)?;
    port.close();
    let data = Reflect::get(&event, &"data".into()).unwrap_or_default();
    let ok = Reflect::get(&data, &"ok".into()).is_ok_and(|v| v.is_truthy());
    match text(&data, "error").as_str() {
        _ if ok => {
            let saved = list(&data, "saved").iter().map(saved_article).collect();
            Ok(Answer {
                bytes: number(&data, "bytes"),
                saved,
            })
        }
        "QuotaExceededError" => Err(OfflineError::Full(text(&data, "message"))),
        _ => Err(OfflineError::Failed(text(&data, "message"))),
    }
}

/// Whether a worker controls this page now (the button waits for one on a first visit).
pub fn has_worker() -> bool {
    web_sys::window().is_some_and(|w| w.navigator().service_worker().controller().is_some())
}

/// Whether the browser says it is offline while a worker controls the page (whose saved
/// articles the reader can still open).
pub fn cut_off() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line()) && has_worker()
}

/// Asks the browser to keep this site's storage under pressure (`navigator.storage.persist()`);
/// whether it agreed. A refusal still saves, in storage the browser may clear when short.
pub async fn ask_to_persist() -> bool {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return false;
    };
    match storage.persist() {
        Ok(promise) => JsFuture::from(promise).await.is_ok_and(|v| v.is_truthy()),
        Err(_) => false,
    }
}
