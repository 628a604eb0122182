//! Compiles the interface translations (`locales/*.json`, one flat file per language that a
//! translator edits) into a table in the viewer: a `Msg` per English key and, per language, its
//! text or "" where the translator has not given one (the viewer then shows English, marked as
//! such). A translation with a key English lacks, or a file that is not an object of strings,
//! stops the build with the file and key named. Keys starting `worker_` are the offline
//! worker's, filled into `sw.js` by `scripts/worker-build.mjs`, and are left out here.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// The interface languages, English first: it is the fallback and defines the keys.
const LANGUAGES: [&str; 7] = ["en", "fr", "nl", "de", "es", "ar", "he"];

/// Texts only the library page shows (`src/view/library/`; a test keeps this list true). Their
/// translations are in a table only the library's module links (`ALL_TRANSLATIONS`): the
/// article page's module, capped in size, carries them blank.
const LIBRARY_ONLY: [&str; 17] = [
    "all_labels",
    "all_topics",
    "label_filter",
    "library_pages",
    "loading_entry",
    "more_phrase_results",
    "newer_articles",
    "newest_first",
    "no_match",
    "no_saved",
    "older_articles",
    "page_range",
    "phrase_looked_in",
    "saved_size",
    "search_label",
    "shown_at_least",
    "shown_count",
];

/// The keys of the offline worker's texts, which the modules leave out.
const WORKER_PREFIX: &str = "worker_";

fn read(lang: &str) -> BTreeMap<String, String> {
    let path = Path::new("locales").join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: must be one JSON object of texts: {e}", path.display()))
}

/// `copy_link_to_section` → `CopyLinkToSection`.
fn variant(key: &str) -> String {
    key.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn main() {
    println!("cargo::rerun-if-changed=locales");
    let english = read("en");
    // The names (`msg.rs`, read by the model too) apart from the texts (`messages.rs`, the
    // interface's): the model returns messages as values and never translates them.
    let mut names = String::new();
    let mut out = String::new();
    // `worker_…` texts are the offline worker's (`public/sw.js`, filled in by
    // `scripts/worker-build.mjs`): no module shows them.
    let keys: Vec<&String> = english
        .keys()
        .filter(|k| !k.starts_with(WORKER_PREFIX))
        .collect();
    names.push_str("/// One text of the interface, named after its key in `locales/en.json`.\n");
    names.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum Msg {\n");
    for key in &keys {
        writeln!(names, "    /// `{key}`\n    {},", variant(key)).unwrap();
    }
    names.push_str("}\n\n/// Every key, in `Msg` order.\npub const KEYS: [&str; ");
    writeln!(names, "{}] = {:?};\n", keys.len(), keys).unwrap();
    writeln!(
        names,
        "/// The interface languages, English (the fallback) first.\npub const LANGUAGES: [&str; {}] = {:?};\n",
        LANGUAGES.len(),
        LANGUAGES
    )
    .unwrap();
    // English apart from the others: a written page's module carries English (the fallback)
    // and takes its own language's texts from the page (`i18n::use_page_texts`).
    let mut rows = Vec::new();
    for lang in LANGUAGES {
        let texts = read(lang);
        if let Some(extra) = texts.keys().find(|k| !english.contains_key(*k)) {
            panic!("locales/{lang}.json: \"{extra}\" is not a key of locales/en.json");
        }
        let row: Vec<String> = keys
            .iter()
            .map(|k| texts.get(*k).cloned().unwrap_or_default())
            .collect();
        rows.push(row);
    }
    writeln!(
        out,
        "/// English texts in `Msg` order.\nstatic ENGLISH: [&str; {}] = {:?};\n",
        keys.len(),
        rows[0]
    )
    .unwrap();
    for key in LIBRARY_ONLY {
        assert!(
            english.contains_key(key),
            "build.rs: LIBRARY_ONLY names \"{key}\", not a key"
        );
    }
    writeln!(
        out,
        "/// Every text of the other languages in `Msg` order; \"\" where one has none.\nstatic ALL_TRANSLATIONS: [[&str; {}]; {}] = [",
        keys.len(),
        LANGUAGES.len() - 1
    )
    .unwrap();
    for row in &rows[1..] {
        writeln!(out, "    {row:?},").unwrap();
    }
    out.push_str("];\n\n");
    writeln!(
        out,
        "/// The other languages' texts the article page shows: the library's left blank.\nstatic TRANSLATIONS: [[&str; {}]; {}] = [",
        keys.len(),
        LANGUAGES.len() - 1
    )
    .unwrap();
    for row in &rows[1..] {
        let row: Vec<&str> = keys
            .iter()
            .zip(row)
            .map(|(k, text)| {
                if LIBRARY_ONLY.contains(&k.as_str()) {
                    ""
                } else {
                    text.as_str()
                }
            })
            .collect();
        writeln!(out, "    {row:?},").unwrap();
    }
    out.push_str("];\n");
    writeln!(
        names,
        "\n/// The texts only the library page shows.\npub const LIBRARY_ONLY: [Msg; {}] = [{}];",
        LIBRARY_ONLY.len(),
        LIBRARY_ONLY
            .iter()
            .map(|key| format!("Msg::{}", variant(key)))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    let dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&dir).join("msg.rs"), names).unwrap();
    std::fs::write(Path::new(&dir).join("messages.rs"), out).unwrap();
}
