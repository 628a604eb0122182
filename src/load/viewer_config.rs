//! `viewer-config.json`, the publisher's rules, read beside the viewer's page.

use wasm_bindgen::JsCast;

use super::LoadError;
use super::address::{page_base, viewer_root};
use super::download::{Document, Download};
use super::request::{answer_of, take_prefetched};
use crate::config::{CONFIG_FILE, ViewerConfig};

/// Reads `viewer-config.json` beside the page; no file means the defaults.
pub async fn load_config() -> Result<ViewerConfig, LoadError> {
    // Beside the viewer's page, which a library page `article pages` wrote is not. Neither an
    // origin rule nor a time limit applies: the file is where they come from.
    let mut download = Download::of(
        &format!("{}{CONFIG_FILE}", viewer_root()),
        &page_base(),
        Document::Config,
    )?;
    if let Some(request) =
        take_prefetched("config").and_then(|request| request.dyn_into::<js_sys::Promise>().ok())
    {
        download.take_over(answer_of(request), None);
    }
    let Ok(answer) = download.answer().await else {
        return Ok(ViewerConfig::default());
    };
    match answer.status() {
        404 => return Ok(ViewerConfig::default()),
        200..=299 => {}
        status => {
            return Err(LoadError::Config(format!(
                "{CONFIG_FILE}: the server answered HTTP {status}"
            )));
        }
    }
    // Read as a stream like the article: faster than `Response.text()` even on a body that has
    // already arrived (docs/performance.md, "Measured reasons").
    let bytes = answer
        .bytes()
        .await
        .map_err(|_| LoadError::Config(format!("{CONFIG_FILE}: the download broke off")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| LoadError::Config(format!("{CONFIG_FILE}: the file is not UTF-8 text")))?;
    ViewerConfig::parse(&text).map_err(|e| LoadError::Config(e.to_string()))
}
