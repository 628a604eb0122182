//! Previewing an article file from the reader's own disk: "Open a file", or a file dropped on
//! the page. The file becomes a `blob:` address that the loader reads exactly like a download,
//! so a local file gets the same streaming, checks and error messages; it never leaves the
//! browser.

use leptos::ev;
use leptos::prelude::*;
use web_sys::HtmlInputElement;

use crate::i18n::Msg;
use crate::view::ui_text::ui;

/// The address of the local article file shown, if any; set by the file picker and by a drop.
#[derive(Clone, Copy)]
pub struct LocalFile(pub RwSignal<Option<String>>);

impl LocalFile {
    /// Shows `file` instead of what the page shows, releasing the previous file's address.
    pub fn open(self, file: &web_sys::File) {
        let Ok(url) = web_sys::Url::create_object_url_with_blob(file) else {
            return;
        };
        if let Some(previous) = self.0.get_untracked() {
            _ = web_sys::Url::revoke_object_url(&previous);
        }
        self.0.set(Some(url));
    }

    /// Listens for an article file dropped anywhere on the page; `dragging` says whether a
    /// file is being dragged over it now, for the hint.
    pub fn accept_drops(self, dragging: RwSignal<bool>) {
        let carries_files = |event: &web_sys::DragEvent| {
            event
                .data_transfer()
                .is_some_and(|data| data.types().includes(&"Files".into(), 0))
        };
        let over = window_event_listener(ev::dragover, move |event| {
            if carries_files(&event) {
                event.prevent_default();
                dragging.set(true);
            }
        });
        let left = window_event_listener(ev::dragleave, move |event| {
            // Leaving the window, not one element for another.
            if event.related_target().is_none() {
                dragging.set(false);
            }
        });
        let dropped = window_event_listener(ev::drop, move |event| {
            dragging.set(false);
            let file = event
                .data_transfer()
                .and_then(|data| data.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                event.prevent_default();
                self.open(&file);
            }
        });
        on_cleanup(move || {
            over.remove();
            left.remove();
            dropped.remove();
        });
    }
}

/// "Open a file": picks an article file to preview. Nothing outside the viewer's own page
/// (where [`LocalFile`] is provided).
#[component]
pub fn OpenFile() -> impl IntoView {
    let local = use_context::<LocalFile>()?;
    let on_change = move |event: web_sys::Event| {
        let input: HtmlInputElement = event_target(&event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            local.open(&file);
        }
        // The same file can be opened again after it is edited.
        input.set_value("");
    };
    Some(view! {
        <label class="chip open-file">
            {ui(Msg::OpenFile)}
            <input
                class="visually-hidden"
                type="file"
                accept=".json,application/json"
                on:change=on_change
            />
        </label>
    })
}

/// The hint shown while a file is dragged over the page.
#[component]
pub fn DropHint(
    /// Whether a file is being dragged over the page.
    dragging: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="drop-hint" hidden=move || !dragging.get()>
            <p>{ui(Msg::DropHint)}</p>
        </div>
    }
}
