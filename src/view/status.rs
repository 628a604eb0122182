//! Loading and failure states: the page is never blank.

use leptos::prelude::*;

use crate::load::{LoadError, Progress};
use crate::model::decimal;

/// Shown while the article downloads: a real progress bar when the size is known.
#[component]
pub fn Loading(
    /// Bytes received so far, once the download has started.
    progress: RwSignal<Option<Progress>>,
) -> impl IntoView {
    let known_total = move || {
        progress
            .get()
            .and_then(|p| p.total.map(|t| (p.received.min(t), t)))
    };
    let label = move || match progress.get() {
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
        }) => {
            format!("Downloading the article: {} received", human_size(received))
        }
    };
    // The live region says "loading" once; the byte counts change too often to be spoken, so
    // they are visible text and a <progress> element that assistive technology can query.
    view! {
        <div class="status status-loading">
            <span class="spinner" aria-hidden="true"></span>
            <p class="visually-hidden" role="status">"Loading the article"</p>
            <div class="status-progress">
                <p id="loading-label" aria-hidden="true">{label}</p>
                {move || known_total().map(|(received, total)| view! {
                    <progress
                        aria-labelledby="loading-label"
                        max=total.to_string()
                        value=received.to_string()
                    ></progress>
                })}
            </div>
        </div>
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

/// A failure the reader can understand, with the detail a publisher needs.
#[component]
pub fn LoadFailure(
    /// What went wrong.
    error: LoadError,
    /// Called by the "Try again" button; the button only appears when retrying can help.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let retry = on_retry.filter(|_| error.retryable()).map(|retry| {
        view! {
            <button type="button" class="button" on:click=move |_| retry.run(())>
                "Try again"
            </button>
        }
    });
    set_document_title_on_failure();
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

fn set_document_title_on_failure() {
    document().set_title("Article unavailable");
}
