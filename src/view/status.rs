//! Loading and failure states: the page is never blank.

use std::rc::Rc;

use leptos::prelude::*;
use web_sys::{Element, Node};

use crate::load::{LoadError, Progress};
use crate::model::decimal;
use crate::view::dom::{Dom, on, set};

/// Shown while the article downloads: a real progress bar when the size is known.
///
/// The live region says "loading" once; the byte counts change too often to be spoken, so they
/// are visible text and a `<progress>` element that assistive technology can query.
pub fn build_loading(dom: &Dom, parent: &Node, progress: RwSignal<Option<Progress>>) {
    let status = dom.element(parent, "div", "status status-loading");
    let spinner = dom.element(&status, "span", "spinner");
    set(&spinner, "aria-hidden", "true");
    let live = dom.element(&status, "p", "visually-hidden");
    set(&live, "role", "status");
    dom.text(&live, "Loading the article");
    let bars = dom.element(&status, "div", "status-progress");
    let label = dom.element(&bars, "p", "");
    label.set_id("loading-label");
    set(&label, "aria-hidden", "true");
    build_progress(dom, &bars, &label, progress, true);
}

/// A `<progress>` at the end of `parent`, named by `label` (which has an id), showing the bytes
/// received of the total while the server has said the total, and absent otherwise. With
/// `counts`, `label` says the byte counts too.
pub fn build_progress(
    dom: &Dom,
    parent: &Element,
    label: &Element,
    progress: RwSignal<Option<Progress>>,
    counts: bool,
) {
    let bar = dom.detached("progress", "");
    set(&bar, "aria-labelledby", &label.id());
    let (parent, label) = (parent.clone(), label.clone());
    let show = move |progress: Option<Progress>| {
        if counts {
            label.set_text_content(Some(&progress_text(progress)));
        }
        match progress.and_then(|p| p.total.map(|total| (p.received.min(total), total))) {
            Some((received, total)) => {
                set(&bar, "max", &total.to_string());
                set(&bar, "value", &received.to_string());
                _ = parent.append_child(&bar);
            }
            None => bar.remove(),
        }
    };
    show(progress.get_untracked());
    Effect::new(move |_| show(progress.get()));
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
pub fn build_failure(dom: &Dom, parent: &Node, error: &LoadError, retry: Option<Rc<dyn Fn()>>) {
    document().set_title("Article unavailable");
    let status = dom.element(parent, "div", "status status-error");
    set(&status, "role", "alert");
    let title = dom.element(&status, "h1", "status-title");
    dom.text(&title, error.summary());
    let detail = dom.element(&status, "p", "status-detail");
    let label = dom.element(&detail, "span", "status-detail-label");
    dom.text(&label, "Details: ");
    let code: Element = dom.element(&detail, "code", "");
    dom.text(&code, &error.detail());
    if let Some(retry) = retry.filter(|_| error.retryable()) {
        let button = dom.element(&status, "button", "button");
        set(&button, "type", "button");
        dom.text(&button, "Try again");
        on(&button, "click", move |_| retry());
    }
}
