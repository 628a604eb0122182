//! Loading and failure states: the page is never blank.

use std::rc::Rc;

use leptos::prelude::*;

use crate::load::{LoadError, Progress};
use crate::model::decimal;

/// Shown while the article downloads: a real progress bar when the size is known.
///
/// The live region says "loading" once; the byte counts change too often to be spoken, so they
/// are visible text and a `<progress>` element that assistive technology can query.
#[component]
pub fn Loading(
    /// Bytes received so far, and the total when the server said it.
    progress: RwSignal<Option<Progress>>,
) -> impl IntoView {
    view! {
        <div class="status status-loading">
            <span class="spinner" aria-hidden="true"></span>
            <p class="visually-hidden" role="status">"Loading the article"</p>
            <div class="status-progress">
                <p id="loading-label" aria-hidden="true">{move || progress_text(progress.get())}</p>
                <ProgressBar progress=progress labelled_by="loading-label" />
            </div>
        </div>
    }
}

/// A `<progress>` named by the element `labelled_by`, showing the bytes received of the total
/// while the server has said the total, and absent otherwise (a bar without a maximum would
/// claim progress nobody can measure).
#[component]
pub fn ProgressBar(
    /// Bytes received so far, and the total when the server said it.
    progress: RwSignal<Option<Progress>>,
    /// Id of the element whose text names the bar.
    labelled_by: &'static str,
) -> impl IntoView {
    let known = move || {
        progress
            .get()
            .and_then(|p| p.total.map(|total| (p.received.min(total), total)))
    };
    view! {
        <Show when=move || known().is_some()>
            <progress
                aria-labelledby=labelled_by
                max=move || known().map(|(_, total)| total.to_string())
                value=move || known().map(|(received, _)| received.to_string())
            ></progress>
        </Show>
    }
}

/// "Loading the article…", then what has arrived.
fn progress_text(progress: Option<Progress>) -> String {
    match progress {
        None => "Loading the article…".to_owned(),
        Some(Progress {
            received,
            total: Some(total),
        }) => format!(
            "Downloading the article: {} of {}",
            human_size(received.min(total)),
            human_size(total)
        ),
        Some(Progress {
            received,
            total: None,
        }) => format!("Downloading the article: {} received", human_size(received)),
    }
}

/// "812 KB", "3.1 MB".
fn human_size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{} MB", decimal(bytes as f64 / (1024.0 * 1024.0), 1))
    }
}

/// A failure the reader can understand, with the detail a publisher needs; "Try again" calls
/// `retry`, and appears only when retrying can help.
#[component]
pub fn Failure(
    /// Why there is no article.
    error: LoadError,
    /// Starts the download again.
    #[prop(optional)]
    retry: Option<Rc<dyn Fn()>>,
) -> impl IntoView {
    let retry = retry.filter(|_| error.retryable()).map(|retry| {
        view! {
            <button class="button" type="button" on:click=move |_| retry()>
                "Try again"
            </button>
        }
    });
    view! {
        <div class="status status-error" role="alert">
            <h1 class="status-title">{error.summary()}</h1>
            <p class="status-detail">
                <span class="status-detail-label">"Details: "</span>
                <code>{error.detail()}</code>
            </p>
            {retry}
        </div>
    }
}
