//! A response's body read as a stream: progress shown, an article decoded as it arrives, the
//! browser given its turn to paint, and an oversized body cut off at the limit.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::LoadError;
use super::download::Answered;
use super::request::js_message;
use crate::model::MAX_ARTICLE_BYTES;
use crate::schedule::next_frame;

/// Most bytes of a downloaded chunk handed to the decoder at once: about eight sections of
/// prose, a few milliseconds to decode and build, so that a task can end near
/// [`TASK_MS`](crate::schedule::TASK_MS).
const FEED_BYTES: u32 = 8 * 1024;

/// Bytes of the article received so far, and the total when the server said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes received.
    pub received: usize,
    /// `Content-Length`, when sent and believable.
    pub total: Option<usize>,
}

impl Answered {
    /// Reads the body chunk by chunk into `take`, so progress can be shown, an article decoded as it
    /// arrives and an oversized body cut off without holding more than the limit; the number of
    /// bytes read. A chunk can be the whole body (on a fast connection): `take` gets pieces of at
    /// most [`FEED_BYTES`], so only one piece is ever copied into wasm memory at a time, and when
    /// it returns true the page may paint (something was shown) before reading goes on.
    ///
    /// A body cut short is the time limit's error if it ran out, else [`LoadError::Interrupted`];
    /// one over the limit is the document's.
    pub async fn read(
        &self,
        total: Option<usize>,
        on_progress: &dyn Fn(Progress),
        take: &mut dyn FnMut(&Uint8Array) -> bool,
    ) -> Result<usize, LoadError> {
        let broken = |received: usize, message: String| {
            self.download
                .timed_out()
                .unwrap_or_else(|| LoadError::Interrupted {
                    url: self.download.url.clone(),
                    received,
                    message,
                })
        };
        let Some(stream) = self.response.body() else {
            return Ok(0);
        };
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut received = 0;
        let mut total = total;
        on_progress(Progress { received, total });
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(|error| {
                let message =
                    js_message(&error).unwrap_or_else(|| "the connection closed early".to_owned());
                broken(received, message)
            })?;
            let chunk: web_sys::ReadableStreamReadResult = chunk.unchecked_into();
            if chunk.get_done().unwrap_or(true) {
                break;
            }
            let data: Uint8Array = chunk.get_value().unchecked_into();
            let size = data.length() as usize;
            if received + size > MAX_ARTICLE_BYTES {
                _ = reader.cancel();
                return Err(self.too_large(received + size));
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
            return Err(broken(received, format!("expected {expected} bytes")));
        }
        Ok(received)
    }

    /// The whole body, read as a stream like an article's, so that an oversized document is
    /// cut off at the limit.
    pub async fn bytes(&self) -> Result<Vec<u8>, LoadError> {
        let mut bytes = Vec::new();
        self.read(None, &|_| {}, &mut |chunk| {
            append(&mut bytes, chunk);
            false
        })
        .await?;
        Ok(bytes)
    }
}

/// Appends a chunk of bytes from JavaScript.
pub(super) fn append(bytes: &mut Vec<u8>, chunk: &Uint8Array) {
    let start = bytes.len();
    bytes.resize(start + chunk.length() as usize, 0);
    chunk.copy_to(&mut bytes[start..]);
}
