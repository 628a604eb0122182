//! Short confirmations ("Link copied") shown as a toast and spoken by screen readers.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{Msg, say, tr, tr_fill};
use crate::view::dom::event_within;
use crate::view::page::{copy_to_clipboard, link_to_fragment};
use crate::view::ui_text::lang_attrs;

/// The message currently announced; empty when there is none.
#[derive(Clone, Copy)]
pub struct Announcer(RwSignal<String>);

impl Announcer {
    /// Creates the announcer; [`Toast`] shows what it says.
    pub fn create() -> Self {
        Announcer(RwSignal::new(String::new()))
    }

    /// Shows `message` for a few seconds.
    pub fn say(self, message: String) {
        self.0.set(message.clone());
        set_timeout(
            move || {
                // The article may have been replaced since (its signal is gone then).
                if self.0.try_get_untracked().as_ref() == Some(&message) {
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
                tr(Msg::LinkCopied).to_owned()
            } else {
                tr_fill(Msg::CopyThisLink, &[&url])
            };
            self.say(message);
        });
    }
}

/// The live region that shows and speaks announcements, as a toast, in the interface language.
#[component]
pub fn Toast(
    /// What to show and say.
    announcer: Announcer,
) -> impl IntoView {
    let message = announcer.0;
    let (lang, dir) = lang_attrs(say(Msg::LinkCopied));
    view! {
        <div
            class="toast"
            class:is-visible=move || !message.read().is_empty()
            role="status"
            lang=lang
            dir=dir
        >
            {move || message.get()}
        </div>
    }
}

/// A small button that copies a link to the element with `target` (its clicks are handled by
/// the article, see [`COPY_LINK_ATTR`]); `label` says what it does for assistive technology.
#[component]
pub fn CopyLinkButton(
    /// Id of the element the link points to.
    target: String,
    /// What the button does, naming the element, e.g. "Copy link to key figure: 12 %".
    label: String,
) -> impl IntoView {
    view! {
        <button
            class="copy-link"
            type="button"
            title=tr(Msg::CopyLink)
            aria-label=label
            data-copy-link=target
        >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path
                    d=LINK_ICON_PATH
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                    stroke-linecap="round"
                ></path>
            </svg>
        </button>
    }
}

/// Attribute holding the fragment a copy-link button copies. One click listener on the article
/// serves every button ([`Announcer::copy_link_from_click`]): a long article has thousands.
pub const COPY_LINK_ATTR: &str = "data-copy-link";

pub(crate) const LINK_ICON_PATH: &str = "M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1";

impl Announcer {
    /// Copies the link of the copy-link button the click came from, if it came from one.
    pub fn copy_link_from_click(self, event: &web_sys::MouseEvent) {
        let id = event_within(event, "[data-copy-link]")
            .and_then(|button| button.get_attribute(COPY_LINK_ATTR));
        if let Some(id) = id {
            self.copy_link(&id);
        }
    }
}
