//! Requests through gloo-net, started now and answered later, and the requests `boot.js` started
//! before the viewer ran, taken over.

use futures::future::LocalBoxFuture;
use gloo_net::http::{Request, Response};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// An HTTP answer, or what the browser said when there was none.
pub(super) type PendingAnswer = LocalBoxFuture<'static, Result<Response, String>>;

/// Starts a GET with gloo-net now, and gives its answer later: gloo-net's `send` does nothing
/// until polled, while the article must download while the configuration is still read. The
/// request runs as its own task, which starts at once.
pub(super) fn start_get(url: &str, signal: Option<&web_sys::AbortSignal>) -> PendingAnswer {
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
pub(super) fn answer_of(promise: js_sys::Promise) -> PendingAnswer {
    Box::pin(async move {
        JsFuture::from(promise)
            .await
            .map(|response| Response::from(response.unchecked_into::<web_sys::Response>()))
            .map_err(|error| js_message(&error).unwrap_or_else(|| "the request failed".to_owned()))
    })
}

/// Something `boot.js` started before the viewer ran (`window.articleViewerPrefetch`), taken
/// over once: a retry makes its own request.
pub(super) fn take_prefetched(name: &str) -> Option<JsValue> {
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
pub(super) struct Prefetched {
    /// What can abort it.
    pub controller: Option<web_sys::AbortController>,
    /// Its answer.
    pub answer: PendingAnswer,
}

impl Prefetched {
    /// The prefetched request, if it was for `url`; one for another address is aborted.
    pub fn take_for(url: &str) -> Option<Prefetched> {
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
            answer: answer_of(response),
        })
    }
}

/// The message of a JavaScript error, or the thrown value if it is a string.
pub(super) fn js_message(error: &JsValue) -> Option<String> {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
}
