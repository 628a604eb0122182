//! Reader comfort: light or dark theme and three text sizes, remembered in local storage.
//!
//! `boot.js` applies the saved choices to `<html>` before the first paint (no flash); these
//! controls change them. Without a saved theme the page follows `prefers-color-scheme`.

use leptos::prelude::*;

use crate::view::page::{Store, media_matches, save};

const THEME_KEY: &str = "article-viewer:theme";
const TEXT_SIZE_KEY: &str = "article-viewer:text-size";
const TEXT_SIZES: [(&str, &str); 3] =
    [("small", "Small"), ("medium", "Medium"), ("large", "Large")];

fn root_attribute(name: &str) -> Option<String> {
    document().document_element()?.get_attribute(name)
}

fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        _ = root.set_attribute(name, value);
    }
}

/// The theme toggle and text-size buttons.
#[component]
pub fn DisplayControls() -> impl IntoView {
    let dark = RwSignal::new(match root_attribute("data-theme").as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => media_matches("(prefers-color-scheme: dark)"),
    });
    let toggle_theme = move |_| {
        let now_dark = !dark.get_untracked();
        dark.set(now_dark);
        let theme = if now_dark { "dark" } else { "light" };
        set_root_attribute("data-theme", theme);
        save(Store::Local, THEME_KEY, theme);
    };
    let size = RwSignal::new(root_attribute("data-text-size").unwrap_or_else(|| "medium".into()));
    let sizes = TEXT_SIZES
        .into_iter()
        .map(|(value, label)| {
            let choose = move |_| {
                size.set(value.to_owned());
                set_root_attribute("data-text-size", value);
                save(Store::Local, TEXT_SIZE_KEY, value);
            };
            view! {
                <button
                    type="button"
                    class="chip"
                    data-size=value
                    aria-pressed=move || (size.get() == value).to_string()
                    on:click=choose
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="display-controls">
            <div class="control-group" role="group" aria-labelledby="text-size-label">
                <span class="control-label" id="text-size-label">"Text size"</span>
                {sizes}
            </div>
            <button
                type="button"
                class="chip"
                aria-pressed=move || dark.get().to_string()
                on:click=toggle_theme
            >
                "Dark theme"
            </button>
        </div>
    }
}
