//! Reader comfort: light or dark theme and three text sizes, remembered in local storage.
//!
//! `boot.js` applies the saved choices to `<html>` before the first paint (no flash); these
//! controls change them. Without a saved theme the page follows `prefers-color-scheme`, also
//! when it changes while the page is open.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::view::dom::listen;
use crate::view::offline::SaveForOffline;
use crate::view::page::{Store, media_matches, write_stored};
use crate::view::ui_text::ui;

const THEME_KEY: &str = "article-viewer:theme";
const TEXT_SIZE_KEY: &str = "article-viewer:text-size";
const TEXT_SIZES: [(&str, Msg); 3] = [
    ("small", Msg::SizeSmall),
    ("medium", Msg::SizeMedium),
    ("large", Msg::SizeLarge),
];
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

fn root_attribute(name: &str) -> Option<String> {
    document().document_element()?.get_attribute(name)
}

fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        _ = root.set_attribute(name, value);
    }
}

/// The reader's display choices as `boot.js` applied them to `<html>` before the first paint
/// (or as the system prefers).
fn current_display() -> (String, bool) {
    let size = root_attribute("data-text-size").unwrap_or_else(|| "medium".into());
    let dark = match root_attribute("data-theme").as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => media_matches(DARK_QUERY),
    };
    (size, dark)
}

/// A control a page puts first among the display controls: "Open a file" on the client-only
/// viewer ([`crate::view::local_file::OpenFile`]). Given as a function in the context, so that
/// a page without it (a written page, with its own module) carries none of its code.
#[derive(Clone, Copy)]
pub struct ExtraControl(pub fn() -> AnyView);

/// The text-size buttons and the theme toggle. Each button shows its state in `aria-pressed`;
/// a choice is applied to `<html>` and kept in local storage. The state in use is read from the
/// page by an effect, which runs before the first paint.
#[component]
pub fn DisplayControls() -> impl IntoView {
    let size = RwSignal::new("medium".to_owned());
    let dark = RwSignal::new(false);
    Effect::new(move |_| {
        let (now_size, now_dark) = current_display();
        size.set(now_size);
        dark.set(now_dark);
    });
    // Until the reader chooses, the page follows the system (the stylesheet does that by
    // itself), and so does the button, also when the system changes while the page is open.
    Effect::new(move |_| {
        if let Ok(Some(system)) = window().match_media(DARK_QUERY) {
            let list = system.clone();
            listen(&system, "change", move |_| {
                if root_attribute("data-theme").is_none() {
                    _ = dark.try_set(list.matches());
                }
            });
        }
    });
    let sizes = TEXT_SIZES
        .into_iter()
        .map(|(value, label)| {
            view! {
                <button
                    class="chip"
                    type="button"
                    data-size=value
                    aria-pressed=move || (*size.read() == value).to_string()
                    on:click=move |_| {
                        set_root_attribute("data-text-size", value);
                        write_stored(Store::Local, TEXT_SIZE_KEY, value);
                        size.set(value.to_owned());
                    }
                >
                    {ui(label)}
                </button>
            }
        })
        .collect_view();
    let toggle_theme = move |_| {
        let now_dark = !dark.get_untracked();
        dark.set(now_dark);
        let value = if now_dark { "dark" } else { "light" };
        set_root_attribute("data-theme", value);
        write_stored(Store::Local, THEME_KEY, value);
    };
    view! {
        <div class="display-controls">
            // First: the row is packed to its end, so the control, which appears once the
            // offline worker takes the page over, moves none of the others.
            <SaveForOffline />
            {use_context::<ExtraControl>().map(|extra| (extra.0)())}
            <div class="control-group" role="group" aria-labelledby="text-size-label">
                <span class="control-label" id="text-size-label">{ui(Msg::TextSize)}</span>
                {sizes}
            </div>
            <button
                class="chip"
                type="button"
                aria-pressed=move || dark.get().to_string()
                on:click=toggle_theme
            >
                {ui(Msg::DarkTheme)}
            </button>
        </div>
    }
}
