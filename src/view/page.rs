//! Small bridges to the browser page that components share: document metadata, dates in the
//! reader's language, scrolling, the URL fragment, storage and the clipboard.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Makes the tab title, `<html lang dir>` and the search engines' description follow the
/// article. An article that names no language leaves the page the interface's, as a written
/// page does, so that it has one at all (WCAG 3.1.1).
pub fn set_document_metadata(
    title: &str,
    description: Option<&str>,
    lang: Option<&str>,
    dir: &str,
) {
    let document = document();
    document.set_title(title);
    set_description(description);
    if let Some(root) = document.document_element() {
        match lang {
            Some(lang) => _ = root.set_attribute("lang", lang),
            None => _ = root.set_attribute("lang", crate::i18n::ui_language()),
        }
        _ = root.set_attribute("dir", dir);
    }
}

/// Formats an ISO 8601 date for display in the article's language, e.g. "5 December 2025".
///
/// Falls back to the ISO text if the browser rejects the language tag.
pub fn format_date(iso: &str, has_time: bool, lang: Option<&str>) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(&crate::model::with_extended_offset(iso)));
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

/// Whether a media query matches now, e.g. the reader's motion or colour-scheme preference.
pub fn media_matches(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|list| list.matches())
}

/// How long a passage stays highlighted after a jump to it.
const FLASH: std::time::Duration = std::time::Duration::from_millis(2500);

/// The window's height in CSS pixels (the layout viewport), if the browser gives one: what
/// "on screen" is measured against.
pub fn viewport_height() -> Option<f64> {
    window().inner_height().ok().and_then(|h| h.as_f64())
}

/// Scrolls the element with `id` into view, moves keyboard focus to `focus_id` if given and,
/// with `flash`, highlights the element briefly; all after pending DOM updates (opening a
/// section) have been applied.
pub fn reveal(id: String, focus_id: Option<String>, flash: bool) {
    request_animation_frame(move || {
        let document = document();
        if let Some(target) = document.get_element_by_id(&id) {
            if flash {
                _ = target.class_list().add_1("is-flashed");
                let target = target.clone();
                set_timeout(
                    move || _ = target.class_list().remove_1("is-flashed"),
                    FLASH,
                );
            }
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(if flash {
                web_sys::ScrollLogicalPosition::Center
            } else {
                web_sys::ScrollLogicalPosition::Start
            });
            // Smooth only for short hops: over long distances the sections passed on the way are
            // laid out for the first time (content-visibility: auto) and grow, so a smooth
            // scroll would stop short of a target it measured before they did.
            let viewport = viewport_height().unwrap_or(0.0);
            let distance = target.get_bounding_client_rect().top().abs();
            let smooth =
                distance < 2.0 * viewport && !media_matches("(prefers-reduced-motion: reduce)");
            options.set_behavior(if smooth {
                web_sys::ScrollBehavior::Smooth
            } else {
                web_sys::ScrollBehavior::Instant
            });
            target.scroll_into_view_with_scroll_into_view_options(&options);
            if !smooth {
                settle(target, options, SETTLE_FRAMES, 0);
            }
        }
        if let Some(focus) = focus_id
            .and_then(|focus_id| document.get_element_by_id(&focus_id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            _ = focus.focus_with_options(&options);
        }
    });
}

/// Publishes the article's schema.org JSON-LD in `<head>`, replacing any earlier one.
/// Set as text, so the JSON can never be parsed as HTML.
pub fn set_structured_data(json: &str) {
    let document = document();
    let id = "article-structured-data";
    let script = document.get_element_by_id(id).or_else(|| {
        let script = document.create_element("script").ok()?;
        script.set_id(id);
        _ = script.set_attribute("type", "application/ld+json");
        document.head()?.append_child(&script).ok()?;
        Some(script)
    });
    if let Some(script) = script {
        script.set_text_content(Some(json));
    }
}

/// Writes `<meta name="description">`, creating it the first time; removes it for `None`.
fn set_description(description: Option<&str>) {
    let document = document();
    let existing = document
        .query_selector("meta[name=description]")
        .ok()
        .flatten();
    let Some(text) = description else {
        if let Some(meta) = existing {
            meta.remove();
        }
        return;
    };
    let meta = existing.or_else(|| {
        let meta = document.create_element("meta").ok()?;
        _ = meta.set_attribute("name", "description");
        document.head()?.append_child(&meta).ok()?;
        Some(meta)
    });
    if let Some(meta) = meta {
        _ = meta.set_attribute("content", text);
    }
}

/// Most frames during which a far jump is corrected (about a third of a second).
const SETTLE_FRAMES: u32 = 20;

/// Scrolls `target` into view again while it moves: the panels passed on a far jump are laid
/// out for the first time where they come into view (content-visibility: auto), a frame or two
/// later, and can push it away from where the jump left it. Stops once it has stayed put for
/// two frames.
fn settle(
    target: web_sys::Element,
    options: web_sys::ScrollIntoViewOptions,
    frames: u32,
    still: u32,
) {
    let before = target.get_bounding_client_rect().top();
    request_animation_frame(move || {
        let moved = (target.get_bounding_client_rect().top() - before).abs() >= 1.0;
        if moved {
            target.scroll_into_view_with_scroll_into_view_options(&options);
        }
        let still = if moved { 0 } else { still + 1 };
        if frames > 1 && still < 2 {
            settle(target, options, frames - 1, still);
        }
    });
}

/// Puts `#id` in the address bar without adding a history entry, so the URL can be shared.
pub fn replace_fragment(id: &str) {
    if let Ok(history) = window().history() {
        let fragment = format!("#{}", js_sys::encode_uri_component(id));
        _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&fragment));
    }
}

/// Sets (or, for `None`, removes) parameters of the page's query in the address bar, without
/// adding a history entry or reloading: the address stays the one to share.
pub fn replace_query(changes: &[(&str, Option<&str>)]) {
    let location = window().location();
    let (Ok(search), Ok(hash)) = (location.search(), location.hash()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    for (name, value) in changes {
        match value {
            Some(value) => params.set(name, value),
            None => params.delete(name),
        }
    }
    let query = String::from(params.to_string());
    let query = if query.is_empty() {
        query
    } else {
        format!("?{query}")
    };
    if query == search {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window().history() {
        let address = format!("{path}{query}{hash}");
        _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address));
    }
}

/// The current URL fragment without `#`, percent-decoded (ids may be in any script).
pub fn current_fragment() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let raw = hash.strip_prefix('#').filter(|h| !h.is_empty())?;
    Some(
        js_sys::decode_uri_component(raw)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| raw.to_owned()),
    )
}

/// The element the URL fragment names, with the fragment.
pub fn fragment_target() -> Option<(String, web_sys::Element)> {
    let id = current_fragment()?;
    let target = document().get_element_by_id(&id)?;
    Some((id, target))
}

/// The page's URL with `#id` instead of its current fragment: what "copy link" copies.
pub fn link_to_fragment(id: &str) -> String {
    let href = window().location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{}", js_sys::encode_uri_component(id))
}

/// Copies `text`; resolves to whether the browser allowed it.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let promise = window().navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Which browser storage a value lives in.
#[derive(Clone, Copy)]
pub enum Store {
    /// For this tab only: which sections a reader opened.
    Session,
    /// Across visits: theme and text size.
    Local,
}

fn storage(store: Store) -> Option<web_sys::Storage> {
    match store {
        Store::Session => window().session_storage().ok().flatten(),
        Store::Local => window().local_storage().ok().flatten(),
    }
}

/// Reads a stored value; `None` when absent or storage is blocked (private modes, policies).
pub fn read_stored(store: Store, key: &str) -> Option<String> {
    storage(store)?.get_item(key).ok().flatten()
}

/// Stores a value, silently doing nothing where storage is blocked or full.
pub fn write_stored(store: Store, key: &str, value: &str) {
    if let Some(storage) = storage(store) {
        _ = storage.set_item(key, value);
    }
}

/// `text` folded as `article index` folds the index's (NFKD, lower case, no combining marks),
/// with the browser's own Unicode tables, which cost the page nothing.
pub fn fold_query(text: &str) -> String {
    let lower = js_sys::JsString::from(text)
        .normalize("NFKD")
        .to_lower_case();
    let marks = js_sys::RegExp::new(r"\p{M}", "gu");
    String::from(lower.replace_by_pattern(&marks, ""))
}

/// An article's problems go to the console too, for the publisher's developer tools.
pub fn log_problems(problems: &[crate::model::Problem]) {
    for problem in problems {
        leptos::logging::warn!("article problem: {problem}");
    }
}
