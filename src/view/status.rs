//! Loading and failure states: the page is never blank.

use std::rc::Rc;

use leptos::prelude::*;

use crate::i18n::{Msg, say, tr, ui_language};
use crate::load::{LoadError, Progress};
use crate::view::ui_text::{dir_of, human_size, ui, ui_fill};

/// `lang` and `dir` for a status shown before any article: it speaks the reader's language,
/// whatever `<html lang>` still says.
fn status_language() -> (&'static str, &'static str) {
    let lang = ui_language();
    (lang, dir_of(lang))
}

/// Shown while the article downloads: a real progress bar when the size is known.
///
/// The live region says "loading" once; the byte counts change too often to be spoken, so they
/// are visible text and a `<progress>` element that assistive technology can query.
#[component]
pub fn Loading(
    /// Bytes received so far, and the total when the server said it.
    progress: RwSignal<Option<Progress>>,
) -> impl IntoView {
    let (lang, dir) = status_language();
    view! {
        <div class="status status-loading" lang=lang dir=dir>
            <span class="spinner" aria-hidden="true"></span>
            <p class="visually-hidden" role="status">{tr(Msg::Loading)}</p>
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
fn progress_text(progress: Option<Progress>) -> AnyView {
    match progress {
        None => ui(Msg::Loading),
        Some(Progress {
            received,
            total: Some(total),
        }) => ui_fill(
            Msg::DownloadingOf,
            &[&human_size(received.min(total)), &human_size(total)],
        ),
        Some(Progress {
            received,
            total: None,
        }) => ui_fill(Msg::Downloading, &[&human_size(received)]),
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
    /// What failed, when it was not an article: the heading then says so, and the error's own
    /// sentence joins the detail.
    #[prop(optional)]
    what: Option<Msg>,
) -> impl IntoView {
    let retry = retry.filter(|_| error.retryable()).map(|retry| {
        view! {
            <button class="button" type="button" on:click=move |_| retry()>
                {tr(Msg::TryAgain)}
            </button>
        }
    });
    // Offline, where the worker keeps things: the way to what the reader saved.
    let saved = (matches!(error, LoadError::Network { .. }) && crate::load::offline::cut_off())
        .then(|| view! { <p><a href="library.html#saved">{tr(Msg::SavedArticles)}</a></p> });
    let (lang, dir) = status_language();
    // The detail is technical English for the publisher.
    let english = say(Msg::Details).lang != "en";
    view! {
        <div class="status status-error" role="alert" lang=lang dir=dir>
            <h1 class="status-title">{what.map_or(error.summary(), tr)}</h1>
            <p class="status-detail">
                <span class="status-detail-label">{tr(Msg::Details)}</span>
                " "
                <code lang=english.then_some("en") dir=english.then_some("ltr")>
                    {match what {
                        Some(what) if what != error.summary_msg() => {
                            format!("{} {}", error.summary(), error.detail())
                        }
                        _ => error.detail(),
                    }}
                </code>
            </p>
            {saved}
            {retry}
        </div>
    }
}
