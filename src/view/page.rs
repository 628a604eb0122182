//! Small bridges to the browser page that components share: document metadata, dates in the
//! reader's language, and bringing an element into view.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Makes the tab title and `<html lang dir>` follow the article.
pub fn set_document_metadata(title: &str, lang: Option<&str>, dir: &str) {
    let document = document();
    document.set_title(title);
    if let Some(root) = document.document_element() {
        match lang {
            Some(lang) => _ = root.set_attribute("lang", lang),
            None => _ = root.remove_attribute("lang"),
        }
        _ = root.set_attribute("dir", dir);
    }
}

/// Formats an ISO 8601 date for display in the article's language, e.g. "5 December 2025".
///
/// Falls back to the ISO text if the browser rejects the language tag.
pub fn format_date(iso: &str, has_time: bool, lang: Option<&str>) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    };
    set("year", "numeric");
    set("month", "long");
    set("day", "numeric");
    if has_time {
        set("hour", "numeric");
        set("minute", "2-digit");
    } else {
        // A bare date means that calendar day, which JS parses as UTC midnight.
        set("timeZone", "UTC");
    }
    let method = if has_time {
        "toLocaleString"
    } else {
        "toLocaleDateString"
    };
    let locale = lang.map_or(JsValue::UNDEFINED, JsValue::from_str);
    // Called through Function::call2 so an invalid tag becomes an Err, not a thrown exception.
    js_sys::Reflect::get(&date, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call2(&date, &locale, &options).ok())
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| iso.to_owned())
}

/// Scrolls the element with `id` into view and moves keyboard focus to `focus_id`, after the
/// pending DOM updates (opening a section) have been applied.
pub fn reveal(id: String, focus_id: String) {
    request_animation_frame(move || {
        let document = document();
        if let Some(target) = document.get_element_by_id(&id) {
            target.scroll_into_view();
        }
        if let Some(focus) = document
            .get_element_by_id(&focus_id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            _ = focus.focus_with_options(&options);
        }
    });
}

/// Puts `#id` in the address bar without adding a history entry, so the URL can be shared.
pub fn replace_fragment(id: &str) {
    if let Ok(history) = window().history() {
        _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{id}")));
    }
}
