//! Short confirmations ("Link copied") shown as a toast and spoken by screen readers.

use std::time::Duration;

use leptos::prelude::*;

use crate::view::page::{copy_to_clipboard, link_to_fragment};

/// The message currently announced; empty when there is none.
#[derive(Clone, Copy)]
pub struct Announcer(RwSignal<String>);

impl Announcer {
    /// Creates the announcer and makes it available to descendants.
    pub fn provide() -> Self {
        let announcer = Announcer(RwSignal::new(String::new()));
        provide_context(announcer);
        announcer
    }

    /// Shows `message` for a few seconds.
    pub fn say(self, message: String) {
        self.0.set(message.clone());
        set_timeout(
            move || {
                if self.0.get_untracked() == message {
                    self.0.set(String::new());
                }
            },
            Duration::from_millis(3000),
        );
    }

    /// Copies the page URL with `#id` and says whether it worked (with the URL if it did not).
    pub fn copy_link(self, id: &str) {
        let url = link_to_fragment(id);
        leptos::task::spawn_local(async move {
            let message = if copy_to_clipboard(&url).await {
                "Link copied".to_owned()
            } else {
                format!("Copy this link: {url}")
            };
            self.say(message);
        });
    }
}

/// The live region that shows and speaks announcements.
#[component]
pub fn Announcements(
    /// The announcer to display.
    announcer: Announcer,
) -> impl IntoView {
    view! {
        <div class="toast" role="status" class:is-visible=move || !announcer.0.get().is_empty()>
            {move || announcer.0.get()}
        </div>
    }
}

/// A small button that copies a link to the element with `id`.
#[component]
pub fn CopyLinkButton(
    /// The fragment the link points at.
    id: String,
    /// What the link leads to, for the accessible name ("Copy link to section: …").
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let announcer = expect_context::<Announcer>();
    view! {
        <button
            type="button"
            class="copy-link"
            aria-label=format!("Copy link to {label}")
            title="Copy link"
            on:click=move |_| announcer.copy_link(&id)
        >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path
                    d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                    stroke-linecap="round"
                ></path>
            </svg>
        </button>
    }
}
