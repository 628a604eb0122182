//! A library's index and its parts (older pages, search chunks), downloaded under the same
//! rules as an article.

use super::address::page_base;
use super::download::{Document, Download};
use super::{LoadError, load_config};
use crate::config::ViewerConfig;
use crate::model::{ArticleError, Library, decode_library};

/// Downloads and decodes the library at `raw` (relative to the page, or absolute), under the
/// same rules as an article: an allowed origin, its time limit, its size limit. Returns its
/// resolved address, which its articles' addresses are relative to, and the configuration,
/// which the library's older pages and search chunks are downloaded under.
pub async fn fetch_library(raw: String) -> Result<(String, Library, ViewerConfig), LoadError> {
    let download = Download::of(&raw, &page_base(), Document::Library)?;
    let config = load_config().await?;
    let bytes = download.under(&config)?.answer().await?.usable()?;
    let url = bytes.url().to_owned();
    let bytes = bytes.bytes().await?;
    match decode_library(&bytes) {
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
    let answer = Download::of(address, base, Document::Library)?
        .under(config)?
        .answer()
        .await?
        .usable()?;
    let bytes = answer.bytes().await?;
    decode(&bytes).map_err(|source| LoadError::Library {
        url: answer.url().to_owned(),
        source,
    })
}
