//! Reader comfort: light or dark theme and three text sizes, remembered in local storage.
//!
//! `boot.js` applies the saved choices to `<html>` before the first paint (no flash); these
//! controls change them. Without a saved theme the page follows `prefers-color-scheme`, also
//! when it changes while the page is open.

use leptos::prelude::*;
use web_sys::{Element, Node};

use crate::view::dom::{Dom, event_within, on, set, set_flag};
use crate::view::page::{Store, media_matches, save};

const THEME_KEY: &str = "article-viewer:theme";
const TEXT_SIZE_KEY: &str = "article-viewer:text-size";
const TEXT_SIZES: [(&str, &str); 3] =
    [("small", "Small"), ("medium", "Medium"), ("large", "Large")];
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";
/// On each text-size button: the size it chooses.
const SIZE_ATTR: &str = "data-size";

fn root_attribute(name: &str) -> Option<String> {
    document().document_element()?.get_attribute(name)
}

fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        _ = root.set_attribute(name, value);
    }
}

/// The text-size buttons and the theme toggle. Each button shows its state in `aria-pressed`,
/// which is also the only state they keep.
pub fn build_display_controls(dom: &Dom, parent: &Node) {
    let controls = dom.element(parent, "div", "display-controls");
    let group = dom.element(&controls, "div", "control-group");
    set(&group, "role", "group");
    set(&group, "aria-labelledby", "text-size-label");
    let label = dom.element(&group, "span", "control-label");
    label.set_id("text-size-label");
    dom.text(&label, "Text size");
    let size = root_attribute("data-text-size").unwrap_or_else(|| "medium".into());
    for (value, label) in TEXT_SIZES {
        let button = chip(dom, &group, label);
        set(&button, SIZE_ATTR, value);
        set_flag(&button, "aria-pressed", size == value);
    }
    on(&group.clone(), "click", move |event| {
        let Some(value) = event_within(&event, "button[data-size]")
            .and_then(|button| button.get_attribute(SIZE_ATTR))
        else {
            return;
        };
        set_root_attribute("data-text-size", &value);
        save(Store::Local, TEXT_SIZE_KEY, &value);
        let buttons = group.get_elements_by_tag_name("button");
        for button in (0..buttons.length()).filter_map(|i| buttons.item(i)) {
            let pressed = button.get_attribute(SIZE_ATTR).as_deref() == Some(value.as_str());
            set_flag(&button, "aria-pressed", pressed);
        }
    });

    let dark = match root_attribute("data-theme").as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => media_matches(DARK_QUERY),
    };
    let theme = chip(dom, &controls, "Dark theme");
    set_flag(&theme, "aria-pressed", dark);
    // Until the reader chooses, the page follows the system (the stylesheet does that by
    // itself), and so does the button, also when the system changes while the page is open.
    if let Ok(Some(system)) = window().match_media(DARK_QUERY) {
        let theme = theme.clone();
        let list = system.clone();
        on(&system, "change", move |_| {
            if root_attribute("data-theme").is_none() {
                set_flag(&theme, "aria-pressed", list.matches());
            }
        });
    }
    on(&theme.clone(), "click", move |_| {
        let now_dark = theme.get_attribute("aria-pressed").as_deref() != Some("true");
        set_flag(&theme, "aria-pressed", now_dark);
        let value = if now_dark { "dark" } else { "light" };
        set_root_attribute("data-theme", value);
        save(Store::Local, THEME_KEY, value);
    });
}

/// A `<button class="chip">` with `label`.
fn chip(dom: &Dom, parent: &Element, label: &str) -> Element {
    let button = dom.element(parent, "button", "chip");
    set(&button, "type", "button");
    dom.text(&button, label);
    button
}
