//! Compiles the interface translations (`locales/*.json`, one flat file per language that a
//! translator edits) into a table in the viewer: per language, each `Msg`'s text or "" where the
//! translator has not given one (the viewer then shows English, marked as such). A translation
//! with a key English lacks, or a file that is not an object of strings, stops the build with
//! the file and key named. The sentences' names (`Msg`) are the model's
//! (`crates/article_model/build.rs`); both scripts read the files through one
//! `crates/article_model/locales.rs`, so the order of keys is the same.

use std::fmt::Write;
use std::path::Path;

// Shared with the model's script, which alone names the variants.
#[path = "crates/article_model/locales.rs"]
#[allow(dead_code)]
mod locales;

fn main() {
    let folder = locales::folder();
    println!("cargo::rerun-if-changed={}", folder.display());
    println!("cargo::rerun-if-changed=crates/article_model/locales.rs");
    let english = locales::read(&folder, "en");
    let keys = locales::keys(&english);
    let mut out = String::new();
    // English apart from the others: a written page's module carries English (the fallback)
    // and takes its own language's texts from the page (`i18n::use_page_texts`).
    let mut rows = Vec::new();
    for lang in locales::LANGUAGES {
        let texts = locales::read(&folder, lang);
        if let Some(extra) = texts.keys().find(|k| !english.contains_key(*k)) {
            panic!("locales/{lang}.json: \"{extra}\" is not a key of locales/en.json");
        }
        let row: Vec<String> = keys
            .iter()
            .map(|k| texts.get(*k).cloned().unwrap_or_default())
            .collect();
        rows.push(row);
    }
    let others = locales::LANGUAGES.len() - 1;
    writeln!(
        out,
        "/// English texts in `Msg` order.\nstatic ENGLISH: [&str; {}] = {:?};\n",
        keys.len(),
        rows[0]
    )
    .unwrap();
    writeln!(
        out,
        "/// Every text of the other languages in `Msg` order; \"\" where one has none.\nstatic ALL_TRANSLATIONS: [[&str; {}]; {others}] = [",
        keys.len(),
    )
    .unwrap();
    for row in &rows[1..] {
        writeln!(out, "    {row:?},").unwrap();
    }
    out.push_str("];\n\n");
    writeln!(
        out,
        "/// The other languages' texts the article page shows: the library's left blank.\nstatic TRANSLATIONS: [[&str; {}]; {others}] = [",
        keys.len(),
    )
    .unwrap();
    for row in &rows[1..] {
        let row: Vec<&str> = keys
            .iter()
            .zip(row)
            .map(|(k, text)| {
                if locales::LIBRARY_ONLY.contains(&k.as_str()) {
                    ""
                } else {
                    text.as_str()
                }
            })
            .collect();
        writeln!(out, "    {row:?},").unwrap();
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&dir).join("messages.rs"), out).unwrap();
}
