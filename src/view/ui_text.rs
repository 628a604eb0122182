//! The interface's words on the page ([`crate::i18n`]): a text in the article's language is
//! plain text; one in another language (English where the article's has no translation)
//! carries its own `lang` and `dir`, so a screen reader reads it with the right voice and its
//! direction does not reorder the article's words around it. Numbers, durations, sizes and
//! lists of names are worded by the browser's `Intl` in the interface language.

use crate::i18n::{Msg, Said, fill, say};
use crate::model::{Direction, direction_for_lang};
use leptos::prelude::*;

/// The `lang` and `dir` an element holding only `said` needs: none when it is in the
/// article's language.
pub fn lang_attrs(said: Said) -> (Option<&'static str>, Option<&'static str>) {
    if !said.foreign {
        return (None, None);
    }
    (Some(said.lang), Some(dir_of(said.lang)))
}

/// "rtl" or "ltr": the direction of an interface language.
pub fn dir_of(lang: &str) -> &'static str {
    match direction_for_lang(lang) {
        Direction::Rtl => "rtl",
        _ => "ltr",
    }
}

/// `text`, in the language of `said`, marked when that is not the article's.
fn marked(said: Said, text: String) -> AnyView {
    match lang_attrs(said) {
        (None, _) => text.into_any(),
        (lang, dir) => view! { <span lang=lang dir=dir>{text}</span> }.into_any(),
    }
}

/// `msg` as it is shown.
pub fn ui(msg: Msg) -> AnyView {
    let said = say(msg);
    marked(said, said.text.to_owned())
}

/// `msg` with its `{}` filled by `values`, which are words of the interface too (numbers
/// worded by [`number`], sizes…).
pub fn ui_fill(msg: Msg, values: &[&str]) -> AnyView {
    let said = say(msg);
    marked(said, fill(said.text, values))
}

/// `msg` around `value`, a piece of the article (a heading, a name): only the interface's
/// words are marked, the article's keep the article's language.
pub fn ui_around(msg: Msg, value: impl IntoView + 'static) -> AnyView {
    let said = say(msg);
    let (before, after) = said.text.split_once("{}").unwrap_or((said.text, ""));
    let part = move |text: &str| (!text.is_empty()).then(|| marked(said, text.to_owned()));
    view! { {part(before)} {value} {part(after)} }.into_any()
}

/// `n` in the interface language's digits and separators, e.g. "1,204" or "١٢".
pub fn number(n: usize) -> String {
    words::number(n as f64)
}

/// `n` of a unit, e.g. "5 min", "٥ دقائق", "812 kB"; `style` is "short" or "long".
pub fn amount(n: f64, unit: &str, style: &str) -> String {
    words::amount(n, unit, style)
}

/// "812 kB", "3.1 MB", in the interface language.
pub fn human_size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        amount(bytes.div_ceil(1024) as f64, "kilobyte", "short")
    } else {
        let megabytes = (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0;
        amount(megabytes, "megabyte", "short")
    }
}

/// The reading time, e.g. "5 min read", "5 min de lecture".
pub fn reading_time(minutes: usize) -> AnyView {
    let style = say(Msg::MinutesStyle).text;
    let duration = amount(minutes as f64, "minute", style);
    ui_fill(Msg::ReadingTime, &[&duration])
}

/// Names joined as the interface language joins them: "A, B and C", "A, B et C".
pub fn names(names: &[String]) -> String {
    words::names(names)
}

/// A date as it is first rendered: worded natively on a pre-rendered page (`article pages`),
/// which keeps it when the app takes over; in the browser the ISO text, until an effect words
/// it through `Intl` before the first paint.
pub fn first_date_text(iso: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    return crate::view::native_words::date(iso).unwrap_or_else(|| iso.to_owned());
    #[cfg(target_arch = "wasm32")]
    iso.to_owned()
}

/// In the browser: the words of `Intl`, in the interface language.
#[cfg(target_arch = "wasm32")]
mod words {
    use std::cell::RefCell;

    use wasm_bindgen::{JsCast, JsValue};

    use crate::i18n::intl_locale;

    thread_local! {
        /// Each `Intl.NumberFormat` made so far, by locale and options: making one costs the
        /// browser far more than using it (about 1.5 ms each on a slow phone, a page words
        /// dozens of numbers, and the interface language changes at most once or twice).
        static FORMATS: RefCell<Vec<(String, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
    }

    /// `n` worded by `Intl.NumberFormat` in the interface language with `options`; `None` if
    /// the browser refuses an option.
    fn format_number(n: f64, options: &[(&str, &str)]) -> Option<String> {
        let locale = intl_locale();
        let key = options.iter().fold(locale.clone(), |key, (name, option)| {
            key + "|" + name + "=" + option
        });
        let known = FORMATS.with_borrow(|formats| {
            formats
                .iter()
                .find(|(made_for, _)| *made_for == key)
                .map(|(_, format)| format.clone())
        });
        let format = known.unwrap_or_else(|| {
            let settings = js_sys::Object::new();
            for (name, option) in options {
                _ = js_sys::Reflect::set(&settings, &(*name).into(), &(*option).into());
            }
            let locales = js_sys::Array::of1(&locale.into());
            let format = js_sys::Intl::NumberFormat::new(&locales, &settings).format();
            FORMATS.with_borrow_mut(|formats| formats.push((key, format.clone())));
            format
        });
        format.call1(&JsValue::NULL, &n.into()).ok()?.as_string()
    }

    /// `n` as JavaScript writes it: the fallback where `Intl` refuses, without Rust's own
    /// float formatting, which would cost a module about 12 KB gzip.
    fn plain(n: f64) -> String {
        js_sys::Number::from(n)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default()
    }

    pub fn number(n: f64) -> String {
        format_number(n, &[]).unwrap_or_else(|| plain(n))
    }

    pub fn amount(n: f64, unit: &str, style: &str) -> String {
        let options = [("style", "unit"), ("unit", unit), ("unitDisplay", style)];
        format_number(n, &options).unwrap_or_else(|| plain(n) + " " + unit)
    }

    pub fn names(names: &[String]) -> String {
        let joined = || -> Option<String> {
            let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
            let class = js_sys::Reflect::get(&intl, &"ListFormat".into()).ok()?;
            let class = class.dyn_into::<js_sys::Function>().ok()?;
            let options = js_sys::Object::new();
            _ = js_sys::Reflect::set(&options, &"type".into(), &"conjunction".into());
            let args = js_sys::Array::of2(&intl_locale().into(), &options);
            let format = js_sys::Reflect::construct(&class, &args).ok()?;
            let list: js_sys::Array = names.iter().map(|n| JsValue::from_str(n)).collect();
            js_sys::Reflect::get(&format, &"format".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?
                .call1(&format, &list)
                .ok()?
                .as_string()
        };
        joined().unwrap_or_else(|| names.join(", "))
    }
}

/// Natively (`article pages`): the same words without a browser.
#[cfg(not(target_arch = "wasm32"))]
mod words {
    pub use crate::view::native_words::{names, number};

    pub fn amount(n: f64, unit: &str, _style: &str) -> String {
        crate::view::native_words::amount(n, unit)
    }
}
