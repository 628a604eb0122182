//! Loading and failure states: the page is never blank.

use leptos::prelude::*;

use crate::load::LoadError;

/// Shown while the article downloads.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="status status-loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <p>"Loading the article…"</p>
        </div>
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
