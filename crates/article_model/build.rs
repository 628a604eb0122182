//! Names the interface's sentences (`msg.rs`): a `Msg` per key of `locales/en.json`, the keys
//! and languages, and the texts only the library shows. Names, never texts: the model returns
//! messages as values; the viewer's own build script writes what they say.

use std::fmt::Write;
use std::path::Path;

#[path = "locales.rs"]
mod locales;

fn main() {
    let folder = locales::folder();
    println!("cargo::rerun-if-changed={}", folder.display());
    println!("cargo::rerun-if-changed=locales.rs");
    let english = locales::read(&folder, "en");
    let keys = locales::keys(&english);
    let mut names = String::new();
    names.push_str("/// One text of the interface, named after its key in `locales/en.json`.\n");
    names.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum Msg {\n");
    for key in &keys {
        writeln!(names, "    /// `{key}`\n    {},", locales::variant(key)).unwrap();
    }
    names.push_str("}\n\n/// Every key, in `Msg` order.\npub const KEYS: [&str; ");
    writeln!(names, "{}] = {:?};\n", keys.len(), keys).unwrap();
    writeln!(
        names,
        "/// The interface languages, English (the fallback) first.\npub const LANGUAGES: [&str; {}] = {:?};\n",
        locales::LANGUAGES.len(),
        locales::LANGUAGES
    )
    .unwrap();
    for key in locales::LIBRARY_ONLY {
        assert!(
            english.contains_key(key),
            "locales.rs: LIBRARY_ONLY names \"{key}\", not a key"
        );
    }
    writeln!(
        names,
        "/// The texts only the library page shows.\npub const LIBRARY_ONLY: [Msg; {}] = [{}];",
        locales::LIBRARY_ONLY.len(),
        locales::LIBRARY_ONLY
            .iter()
            .map(|key| format!("Msg::{}", locales::variant(key)))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    let dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&dir).join("msg.rs"), names).unwrap();
}
