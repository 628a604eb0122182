//! The viewer's own words (reading time, controls, errors…) in the article's language. The
//! texts live in `locales/*.json`, one file per language that a translator can edit, compiled
//! into a table by `build.rs`; English is the fallback for a language or a key without a
//! translation. Dates, numbers, durations and lists of names are worded by the browser's
//! `Intl` (see `view::ui_text`), which knows far more languages than this table.
//!
//! English is always in the module. The other languages' texts come from one of two places
//! ([`speak_every_language`], [`use_page_texts`]): the client-only viewer and the library page,
//! which may show an article in any language, carry them all; a page `article pages` wrote
//! knows its language when it is written and carries that language's texts itself, so its
//! module carries none.
//!
//! The interface language belongs to the page, like `<html lang>`: it is set when an article
//! is shown (or, before one is, from the reader's browser languages) and read by every
//! component, including sections built long after the first render, outside any reactive
//! owner's context. So it is a thread-local of the page rather than a Leptos context.

use std::cell::{Cell, RefCell};

pub use crate::msg::{KEYS, LANGUAGES, LIBRARY_ONLY, Msg};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// What is known of the language of the article on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArticleLanguage {
    /// The article does not say (or no article is shown yet).
    Unknown,
    /// One of [`LANGUAGES`], by index.
    Supported(usize),
    /// A language the interface has no texts for.
    Other,
}

thread_local! {
    /// The interface language (an index into [`LANGUAGES`]) and the article's.
    static CURRENT: Cell<(usize, ArticleLanguage)> = const { Cell::new((0, ArticleLanguage::Unknown)) };
    /// The tag `Intl` words numbers, dates and lists in: the article's own when the interface
    /// speaks its language ("en-GB" writes "A, B and C", "en" "A, B, and C").
    static LOCALE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Where the text of a language after English (an index into [`LANGUAGES`], from 1) comes from;
/// "" where it has none.
type Translated = fn(usize, usize) -> &'static str;

/// What a written page says in its language (see [`use_page_texts`]): the language's index and
/// its texts in `Msg` order, "" where the page gives none.
struct PageTexts {
    lang: usize,
    texts: Vec<&'static str>,
}

thread_local! {
    /// Where the texts after English come from now.
    static TRANSLATED: Cell<Translated> = const { Cell::new(DEFAULT_TRANSLATED) };
    /// The texts a written page gave, if any.
    static PAGE_TEXTS: RefCell<Option<PageTexts>> = const { RefCell::new(None) };
}

/// Native code (the command-line tools, which write pages in every language) speaks them all;
/// a module says where its texts come from when it starts.
#[cfg(not(target_arch = "wasm32"))]
const DEFAULT_TRANSLATED: Translated = compiled_with_library;
#[cfg(target_arch = "wasm32")]
const DEFAULT_TRANSLATED: Translated = untranslated;

fn compiled(lang: usize, key: usize) -> &'static str {
    TRANSLATIONS[lang - 1][key]
}

fn compiled_with_library(lang: usize, key: usize) -> &'static str {
    ALL_TRANSLATIONS[lang - 1][key]
}

#[cfg(target_arch = "wasm32")]
fn untranslated(_: usize, _: usize) -> &'static str {
    ""
}

fn from_page(lang: usize, key: usize) -> &'static str {
    PAGE_TEXTS.with_borrow(|page| match page {
        Some(page) if page.lang == lang => page.texts.get(key).copied().unwrap_or_default(),
        _ => "",
    })
}

/// Speaks every interface language, from the texts compiled into the module: for the page
/// that may show an article in any language (the client-only viewer). The library page's own
/// texts are English there ([`LIBRARY_ONLY`]); it never shows them.
pub fn speak_every_language() {
    TRANSLATED.set(compiled);
}

/// [`speak_every_language`], the library page's own texts included: for the library's module,
/// the only one that links them.
pub fn speak_every_language_and_library() {
    TRANSLATED.set(compiled_with_library);
}

/// Speaks the language of a written page from the texts the page holds
/// ([`page_texts_json`] wrote them): `{"lang": "fr", "texts": {"hide": "Masquer", …}}`. Keys
/// are matched by name, so a page written by another version of the tool still reads right;
/// an unknown key is left out, and a missing one is said in English. Returns false for
/// something else, which leaves the page in English.
pub fn use_page_texts(json: &str) -> bool {
    let Some(given) = crate::msg::GivenTexts::decode(json) else {
        return false;
    };
    let Some(lang) = supported(&given.lang).filter(|&lang| lang > 0) else {
        return false;
    };
    let mut texts = vec![""; KEYS.len()];
    for (key, text) in given.texts {
        if let Some(at) = KEYS.iter().position(|k| *k == key) {
            texts[at] = text.leak();
        }
    }
    PAGE_TEXTS.set(Some(PageTexts { lang, texts }));
    TRANSLATED.set(from_page);
    true
}

/// The texts of `lang`'s interface language as a written page holds them (read back by
/// [`use_page_texts`]), or None for English, which every module has. The JSON goes into a
/// `<script type="application/json">`, so no `<` is left in it.
pub fn page_texts_json(lang: Option<&str>) -> Option<String> {
    let at = supported(lang?).filter(|&at| at > 0)?;
    let texts: std::collections::BTreeMap<&str, &str> = KEYS
        .iter()
        .zip(ALL_TRANSLATIONS[at - 1])
        .filter(|(_, text)| !text.is_empty())
        .map(|(key, text)| (*key, text))
        .collect();
    let json = serde_json::json!({ "lang": LANGUAGES[at], "texts": texts });
    Some(json.to_string().replace('<', "\\u003c"))
}

/// The index in [`LANGUAGES`] of a BCP 47 tag's primary language ("fr-CA" → French).
fn supported(tag: &str) -> Option<usize> {
    let primary = tag.split(['-', '_']).next()?;
    LANGUAGES
        .iter()
        .position(|lang| lang.eq_ignore_ascii_case(primary))
}

/// Speaks the language of the article on the page (`lang` as the article gives it): its own
/// when the interface has it, English otherwise.
pub fn follow_article(lang: Option<&str>) {
    let article = match lang.filter(|l| !l.trim().is_empty()) {
        None => ArticleLanguage::Unknown,
        Some(tag) => supported(tag).map_or(ArticleLanguage::Other, ArticleLanguage::Supported),
    };
    let ui = match article {
        ArticleLanguage::Supported(i) => i,
        _ => 0,
    };
    CURRENT.set((ui, article));
    let locale = match (article, lang) {
        (ArticleLanguage::Supported(_), Some(tag)) => tag.trim(),
        _ => LANGUAGES[ui],
    };
    LOCALE.set(locale.to_owned());
}

/// Speaks the first of the reader's languages (`navigator.languages`) the interface has, for
/// what is shown before an article says its own: loading, and failures.
pub fn follow_reader<'a>(preferred: impl IntoIterator<Item = &'a str>) {
    let found = preferred
        .into_iter()
        .find_map(|tag| supported(tag).map(|i| (i, tag)));
    let (ui, locale) = found.unwrap_or((0, LANGUAGES[0]));
    CURRENT.set((ui, ArticleLanguage::Unknown));
    LOCALE.set(locale.to_owned());
}

/// Speaks the first of the browser's languages (`navigator.languages`) the interface has: what
/// a page says before an article (or with none, the library page) names its own.
pub fn follow_browser() {
    let preferred: Vec<String> = leptos::prelude::window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|lang| lang.as_string())
        .collect();
    follow_reader(preferred.iter().map(String::as_str));
}

/// The BCP 47 tag for `Intl`: the interface language, with the article's (or reader's) region
/// and script when they speak it.
pub fn intl_locale() -> String {
    LOCALE.with_borrow(|locale| match locale.as_str() {
        "" => LANGUAGES[CURRENT.get().0].to_owned(),
        tag => tag.to_owned(),
    })
}

/// The interface language's tag, e.g. "fr".
pub fn ui_language() -> &'static str {
    LANGUAGES[CURRENT.get().0]
}

/// A text of the interface and the language it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    /// The words, with `{}` where a value goes.
    pub text: &'static str,
    /// Its language's tag.
    pub lang: &'static str,
    /// Whether that is not the article's language, so the text must carry its own `lang` and
    /// be isolated from the article's direction.
    pub foreign: bool,
}

/// `msg` in the interface language, or in English where that has no translation.
pub fn say(msg: Msg) -> Said {
    let ui = CURRENT.get().0;
    let key = msg as usize;
    let translated = match ui {
        0 => "",
        _ => TRANSLATED.get()(ui, key),
    };
    let (text, lang) = match translated {
        "" => (ENGLISH[key], 0),
        text => (text, ui),
    };
    Said {
        text,
        lang: LANGUAGES[lang],
        foreign: is_foreign(LANGUAGES[lang]),
    }
}

/// Whether text in `lang` (one of [`LANGUAGES`]) is not in the article's language, and so
/// must say its own: the problems listed for a publisher, always English, use it too.
pub fn is_foreign(lang: &str) -> bool {
    match CURRENT.get().1 {
        ArticleLanguage::Unknown => false,
        ArticleLanguage::Supported(i) => LANGUAGES[i] != lang,
        ArticleLanguage::Other => true,
    }
}

/// `msg`'s words alone, for attributes, which cannot carry a language of their own.
pub fn tr(msg: Msg) -> &'static str {
    say(msg).text
}

/// `template` with each `{}` replaced by the next of `values`.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.len()).sum::<usize>());
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// `msg` in the interface language with its `{}` filled, for attributes and plain text.
pub fn tr_fill(msg: Msg, values: &[&str]) -> String {
    fill(tr(msg), values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> usize {
        text.matches("{}").count()
    }

    /// `LIBRARY_ONLY` (`crates/article_model/locales.rs`) is true: each such text is named
    /// only in the library's components, so the article page, which links the table without them, never shows one.
    #[test]
    fn the_texts_left_out_of_the_article_page_are_the_librarys_alone() {
        fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    out.push((path.display().to_string(), text));
                }
            }
        }
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        for msg in LIBRARY_ONLY {
            let key = KEYS[msg as usize];
            let name = format!("Msg::{msg:?}");
            let users: Vec<&str> = files
                .iter()
                .filter(|(_, text)| {
                    text.match_indices(&name).any(|(i, _)| {
                        !text[i + name.len()..].starts_with(|c: char| c.is_alphanumeric())
                    })
                })
                .map(|(path, _)| path.as_str())
                .collect();
            assert!(!users.is_empty(), "{key} is used nowhere");
            assert!(
                users.iter().all(|p| p.contains("/view/library/")),
                "{key} is used outside the library: {users:?}"
            );
        }
        speak_every_language();
        follow_article(Some("fr"));
        let at = LIBRARY_ONLY[0] as usize;
        assert_eq!(TRANSLATED.get()(1, at), "");
        speak_every_language_and_library();
        assert!(!TRANSLATED.get()(1, at).is_empty());
    }

    #[test]
    fn every_language_translates_every_text_with_the_same_placeholders() {
        for (l, lang) in LANGUAGES.iter().enumerate() {
            for (k, key) in KEYS.iter().enumerate() {
                let text = if l == 0 {
                    ENGLISH[k]
                } else {
                    compiled_with_library(l, k)
                };
                assert!(!text.trim().is_empty(), "locales/{lang}.json lacks {key}");
                assert_eq!(
                    placeholders(text),
                    placeholders(ENGLISH[k]),
                    "locales/{lang}.json, {key}: {text}"
                );
            }
            let style = match l {
                0 => ENGLISH[Msg::MinutesStyle as usize],
                l => compiled(l, Msg::MinutesStyle as usize),
            };
            assert!(
                matches!(style, "short" | "long"),
                "{lang}: minutes_style {style}"
            );
        }
    }

    #[test]
    fn the_article_language_chooses_the_interface_and_marks_foreign_texts() {
        follow_article(Some("fr-CA"));
        assert_eq!(
            say(Msg::Hide),
            Said {
                text: "Masquer",
                lang: "fr",
                foreign: false
            }
        );
        follow_article(Some("ja"));
        assert_eq!(
            say(Msg::Hide),
            Said {
                text: "Hide",
                lang: "en",
                foreign: true
            }
        );
        follow_article(Some("EN-gb"));
        assert!(!say(Msg::Hide).foreign);
        follow_article(None);
        assert_eq!(ui_language(), "en");
        assert!(!say(Msg::Hide).foreign);
        follow_reader(["pt-BR", "he-IL", "fr"]);
        assert_eq!(ui_language(), "he");
        assert_eq!(intl_locale(), "he-IL");
        assert!(!say(Msg::Hide).foreign);
        follow_reader(["pt-BR"]);
        assert_eq!(intl_locale(), "en");
        follow_article(Some("en-GB"));
        assert_eq!(intl_locale(), "en-GB");
        follow_article(Some("ja-JP"));
        assert_eq!(intl_locale(), "en");
    }

    #[test]
    fn a_written_page_speaks_the_texts_it_holds_and_english_for_the_rest() {
        let json = page_texts_json(Some("fr-CA")).expect("French is translated");
        assert!(!json.contains('<'));
        assert_eq!(page_texts_json(Some("en-GB")), None);
        assert_eq!(page_texts_json(Some("ja")), None);
        assert!(use_page_texts(&json));
        follow_article(Some("fr"));
        assert_eq!(tr(Msg::Hide), "Masquer");
        // A page of another version: an unknown key is left out, a missing one is English.
        assert!(use_page_texts(
            r#"{"lang":"fr","texts":{"hide":"Cacher","gone":"x"}}"#
        ));
        assert_eq!(tr(Msg::Hide), "Cacher");
        assert_eq!(say(Msg::Show).lang, "en");
        // Texts for a language the page is not in are not used.
        follow_article(Some("de"));
        assert_eq!(say(Msg::Hide).lang, "en");
        assert!(!use_page_texts("not json"));
        speak_every_language();
        assert_eq!(tr(Msg::Hide), "Ausblenden");
    }

    #[test]
    fn fill_puts_values_in_order() {
        assert_eq!(fill("{} of {}", &["3 KB", "9 KB"]), "3 KB of 9 KB");
        assert_eq!(fill("By {}", &[]), "By ");
        assert_eq!(fill("no place", &["x"]), "no place");
    }
}
