//! What both build scripts read of the interface translations (`locales/*.json`): the model's
//! (`build.rs` here, which names the sentences: `msg.rs`) and the viewer's (the root
//! `build.rs`, which writes their texts). One list of languages, one order of keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The interface languages, English first: it is the fallback and defines the keys.
pub const LANGUAGES: [&str; 7] = ["en", "fr", "nl", "de", "es", "ar", "he"];

/// Texts only the library page shows (`src/view/library/`; a test keeps this list true). Their
/// translations are in a table only the library's module links (`ALL_TRANSLATIONS`): the
/// article page's module, capped in size, carries them blank.
pub const LIBRARY_ONLY: [&str; 17] = [
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

/// The keys of the offline worker's texts (`public/sw.js`, filled in by
/// `scripts/worker-build.mjs`), which no module shows.
const WORKER_PREFIX: &str = "worker_";

/// The `locales` folder at the workspace's root, from the manifest folder of the package
/// whose build script runs.
pub fn folder() -> PathBuf {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    manifest
        .ancestors()
        .map(|dir| dir.join("locales"))
        .find(|dir| dir.join("en.json").is_file())
        .expect("locales/en.json above the package")
}

/// One language's texts by key; a file that is not an object of strings stops the build.
pub fn read(folder: &Path, lang: &str) -> BTreeMap<String, String> {
    let path = folder.join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: must be one JSON object of texts: {e}", path.display()))
}

/// The keys the modules show, in `Msg` order: English's, without the worker's.
pub fn keys(english: &BTreeMap<String, String>) -> Vec<&String> {
    english
        .keys()
        .filter(|k| !k.starts_with(WORKER_PREFIX))
        .collect()
}

/// `copy_link_to_section` → `CopyLinkToSection`.
pub fn variant(key: &str) -> String {
    key.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}
