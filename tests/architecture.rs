//! The map checked against the code, as rust-analyzer keeps its own docs true with tidy tests:
//! docs/architecture.md must name every source file and only files that exist, and the code
//! must keep the invariants the map states about imports (the model's, the browser's, and no
//! circles). A change that breaks one fails here with what to fix, in the map or the code.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn map() -> String {
    std::fs::read_to_string(root().join("docs/architecture.md")).unwrap()
}

/// Every file under `dir`, by its path from there with `/` (`view/embed.rs`), leaving out
/// build output and installed packages.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if !["target", "node_modules", ".git", "dist"].contains(&name.as_str()) {
                    walk(&path, base, out);
                }
            } else {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// Where the model's crate keeps its code, which the map (and this test) calls `model/`.
const MODEL_SRC: &str = "crates/article_model/src";

/// Every `.rs` file under `src/`, by its path there, with its code: comments cut off, so a
/// doc link is not an import. The model's crate is read as `model/` (its `lib.rs` as
/// `model/mod.rs`, its `crate::` as the viewer's `crate::model::`), as the viewer sees it.
fn sources() -> BTreeMap<String, String> {
    let src = root().join("src");
    let mut all: BTreeMap<String, String> = files_under(&src)
        .into_iter()
        .filter(|rel| rel.ends_with(".rs"))
        .map(|rel| {
            let text = std::fs::read_to_string(src.join(&rel)).unwrap();
            (rel, code_only(&text))
        })
        .collect();
    let model = root().join(MODEL_SRC);
    for rel in files_under(&model)
        .into_iter()
        .filter(|r| r.ends_with(".rs"))
    {
        let text = std::fs::read_to_string(model.join(&rel)).unwrap();
        let key = match rel.as_str() {
            "lib.rs" => "model/mod.rs".to_owned(),
            _ => format!("model/{rel}"),
        };
        all.insert(key, code_only(&text).replace("crate::", "crate::model::"));
    }
    all
}

/// `text` without its `//` comments (doc comments included) and its unit tests (a test may
/// use anything).
fn code_only(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words the map puts in backticks.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

#[test]
fn every_source_file_is_on_the_map() {
    let map = map();
    let named: BTreeSet<&str> = backticked(&map).into_iter().collect();
    let mut missing = Vec::new();
    // A `tests.rs` is a module's unit tests, named by the module it tests.
    for rel in sources().keys().filter(|k| !k.ends_with("/tests.rs")) {
        let file = rel.rsplit('/').next().unwrap();
        let stem = file.trim_end_matches(".rs");
        let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
        let found = if stem == "mod" {
            let name = folder.rsplit('/').next().unwrap();
            named.iter().any(|n| {
                n.trim_start_matches("src/").trim_end_matches('/') == folder
                    || *n == format!("{name}/")
            })
        } else {
            named.iter().any(|n| {
                let n = n.trim_start_matches("../").trim_start_matches("src/");
                n == file || n == rel || n == stem || n.ends_with(&format!("/{file}"))
            })
        };
        if !found {
            missing.push(rel.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not name these files of src/ (say what each is for): {missing:?}"
    );
}

#[test]
fn every_file_the_map_names_exists() {
    let map = map();
    let all = files_under(&root());
    const FILES: [&str; 7] = [".rs", ".js", ".mjs", ".css", ".html", ".toml", ".md"];
    let mut gone = Vec::new();
    for token in backticked(&map) {
        let placeholder = token.contains(['*', '…', '<', '{', ' ']) || token.contains("NAME");
        let file = FILES.iter().any(|ext| token.ends_with(ext))
            || (token.ends_with(".json") && token.contains('/') && !token.starts_with('.'));
        if placeholder || !file {
            continue;
        }
        // A path from the repository, from `src/` (`model/` is the model's crate), or from a
        // folder the text is about.
        let path = token.trim_start_matches("../");
        let in_model = path
            .strip_prefix("model/")
            .map(|rel| format!("{MODEL_SRC}/{rel}"));
        let path = in_model.as_deref().unwrap_or(path);
        let exists = all
            .iter()
            .any(|f| f == path || f.ends_with(&format!("/{path}")));
        if !exists {
            gone.push(token.to_owned());
        }
    }
    assert!(
        gone.is_empty(),
        "docs/architecture.md names files that do not exist: {gone:?}"
    );
}

#[test]
fn the_model_imports_no_view_load_interface_or_browser() {
    // A compile-time fact: the model is its own crate, and these are not its dependencies
    // (nor is the viewer). Its manifest is what keeps it so.
    const FORBIDDEN: [&str; 9] = [
        "article_viewer",
        "leptos",
        "web-sys",
        "js-sys",
        "wasm-bindgen",
        "wasm-bindgen-futures",
        "gloo-net",
        "any_spawner",
        "futures",
    ];
    let manifest = std::fs::read_to_string(root().join("crates/article_model/Cargo.toml")).unwrap();
    let found: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.split(['=', ' ']).next())
        .filter(|name| FORBIDDEN.contains(name))
        .collect();
    assert!(
        found.is_empty(),
        "the model must stay plain Rust (docs/architecture.md, Invariants): {found:?}"
    );
}

/// The files the map's "Where the browser is called" names (after "in", in its first sentence,
/// the files of `view/` after "`view/`").
fn browser_files_on_the_map() -> BTreeSet<String> {
    let map = map();
    let start = map
        .find("**Where the browser is called.**")
        .expect("the map's invariant \"Where the browser is called\"");
    let end = map[start..].find("\n- **").map_or(map.len(), |e| start + e);
    let paragraph = &map[start..end];
    let listed = paragraph.split(" Never in ").next().unwrap();
    let listed = listed
        .split_once(" only\n  in ")
        .or_else(|| listed.split_once(" only in "))
        .map_or(listed, |(_, l)| l);
    let mut files = BTreeSet::new();
    let mut in_view = false;
    for token in backticked(listed) {
        if !token.ends_with(".rs") && token != "view/" {
            continue;
        }
        if token == "view/" {
            in_view = true;
        } else if in_view {
            files.insert(format!("view/{token}"));
        } else {
            files.insert(token.to_owned());
        }
    }
    files
}

#[test]
fn the_browser_is_called_only_where_the_map_says() {
    let sources = sources();
    let calls = |code: &str| {
        ["web_sys", "js_sys", "window()", "document()"]
            .iter()
            .any(|w| code.contains(w))
    };
    let calling: BTreeSet<String> = sources
        .iter()
        .filter(|(rel, code)| !rel.starts_with("bin/") && calls(code))
        .map(|(rel, _)| rel.clone())
        .collect();
    let listed = browser_files_on_the_map();
    let unlisted: Vec<_> = calling.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&calling).collect();
    assert!(
        unlisted.is_empty() && stale.is_empty(),
        "docs/architecture.md, \"Where the browser is called\": these call the browser and are \
         not named: {unlisted:?}; these are named and no longer do: {stale:?}"
    );
}

/// The module path of a file (`view/embed.rs` → `view::embed`, `load/mod.rs` → `load`).
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The inside of the `{…}` that `text` starts with (nested braces kept).
fn braced(text: &str) -> &str {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[1..i];
                }
            }
            _ => {}
        }
    }
    &text[1..]
}

/// `prefix` (ending `::`) joined to each item of a `use` group: `a::{b, c::{d, self}}` gives
/// `a::b`, `a::c::d`, `a::c`.
fn expand(prefix: &str, group: &str) -> Vec<String> {
    let mut items = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[from..]);
    let mut out = Vec::new();
    for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        let item = item.split(" as ").next().unwrap_or(item).trim();
        if let Some((head, _)) = item.split_once('{') {
            out.extend(expand(
                &format!("{prefix}{head}"),
                braced(&item[head.len()..]),
            ));
        } else if item == "self" {
            out.push(prefix.trim_end_matches("::").to_owned());
        } else {
            out.push(format!("{prefix}{item}"));
        }
    }
    out
}

/// What each folder's `mod.rs` (and `lib.rs`) re-exports from its files: name → the file that
/// defines it (`pub use embed::{EMBED_PAGE, Embedded}`; a glob's names read from the file).
fn reexports(
    sources: &BTreeMap<String, String>,
    modules: &BTreeMap<Vec<String>, String>,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut all = BTreeMap::new();
    for (rel, code) in sources
        .iter()
        .filter(|(k, _)| k.ends_with("mod.rs") || *k == "lib.rs")
    {
        let folder = module_of(rel);
        let mut names = BTreeMap::new();
        for statement in code.split("pub use ").skip(1) {
            let statement = statement.split(';').next().unwrap_or("");
            let statement = statement.trim().trim_start_matches("self::");
            if statement.starts_with("crate::") || statement.starts_with("super::") {
                continue;
            }
            let (path, items) = match statement.split_once("::{") {
                Some((path, items)) => (path, items.trim_end_matches('}')),
                None => statement.rsplit_once("::").unwrap_or(("", statement)),
            };
            let mut module = folder.clone();
            module.extend(
                path.split("::")
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
            );
            let Some(file) = modules.get(&module) else {
                continue;
            };
            for item in items.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                if item == "*" {
                    for word in ["struct", "enum", "fn", "type", "const", "static", "trait"] {
                        for found in sources[file].split(&format!("pub {word} ")).skip(1) {
                            let name: String = found
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                                .collect();
                            names.insert(name, file.clone());
                        }
                    }
                } else {
                    let name = item.rsplit(" as ").next().unwrap_or(item).trim();
                    names.insert(name.to_owned(), file.clone());
                }
            }
        }
        all.insert(rel.clone(), names);
    }
    all
}

/// The files each file imports: every `crate::…`, `super::…` and `self::…` path in its code,
/// resolved to the deepest file that defines a prefix of it, and through a folder's re-export
/// to the file that defines the name. A file's use of its own folder's `mod.rs` (which
/// declares it) and of `lib.rs` is structure, not counted.
fn imports(sources: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeMap<Vec<String>, String> = sources
        .keys()
        .filter(|k| !k.starts_with("bin/"))
        .map(|k| (module_of(k), k.clone()))
        .collect();
    let reexported = reexports(sources, &modules);
    let mut graph = BTreeMap::new();
    for (rel, code) in sources.iter().filter(|(k, _)| !k.starts_with("bin/")) {
        if rel.ends_with("/tests.rs") {
            graph.insert(rel.clone(), BTreeSet::new());
            continue;
        }
        let me = module_of(rel);
        let is_folder = rel.ends_with("mod.rs") || rel == "lib.rs";
        let mut deps = BTreeSet::new();
        let bytes = code.as_bytes();
        let mut at = 0;
        while at < code.len() {
            let rest = &code[at..];
            let Some(start) = ["crate::", "super::", "self::"]
                .iter()
                .filter_map(|p| rest.find(p))
                .min()
            else {
                break;
            };
            let begin = at + start;
            let boundary = begin == 0
                || !(bytes[begin - 1].is_ascii_alphanumeric() || bytes[begin - 1] == b'_');
            let end = code[begin..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| begin + e);
            at = end.max(begin + 1);
            if !boundary {
                continue;
            }
            // `crate::view::{ArticleView, PAGE_TEXTS_ID}` names two things.
            let written = &code[begin..end];
            let paths = if written.ends_with("::") && code[end..].starts_with('{') {
                let group = braced(&code[end..]);
                at = end + group.len() + 2;
                expand(written, group)
            } else {
                vec![written.to_owned()]
            };
            for written in &paths {
                let path: Vec<&str> = written.split("::").filter(|p| !p.is_empty()).collect();
                let parts: Vec<String> = if path[0] == "crate" {
                    path[1..].iter().map(|p| (*p).to_owned()).collect()
                } else {
                    let mut base = if is_folder {
                        me.clone()
                    } else {
                        me[..me.len().saturating_sub(1)].to_vec()
                    };
                    let mut i = usize::from(path[0] == "self");
                    while i < path.len() && path[i] == "super" {
                        base.pop();
                        i += 1;
                    }
                    base.extend(path[i..].iter().map(|p| (*p).to_owned()));
                    base
                };
                let target = (1..=parts.len()).rev().find_map(|n| {
                    let file = modules.get(&parts[..n])?;
                    // Through the folder's re-export, to the file that defines the name.
                    let named = parts
                        .get(n)
                        .and_then(|name| reexported.get(file)?.get(name));
                    Some(named.unwrap_or(file).clone())
                });
                if let Some(target) = target {
                    let own_folder = target.ends_with("mod.rs")
                        && rel.starts_with(target.trim_end_matches("mod.rs"));
                    if target != *rel && target != "lib.rs" && !own_folder {
                        deps.insert(target);
                    }
                }
            }
        }
        graph.insert(rel.clone(), deps);
    }
    graph
}

#[test]
fn no_circle_of_imports() {
    let graph = imports(&sources());
    // Each file's reach, and a circle wherever a file reaches itself.
    let mut circles = BTreeSet::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((file, trail)) = stack.pop() {
            for next in graph.get(&file).into_iter().flatten() {
                if next == start {
                    let mut circle = trail.clone();
                    circle.sort();
                    circles.insert(circle.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "files of src/ that import each other, directly or round a loop: {circles:?}"
    );
    // The checker itself sees imports, through a folder's re-exports too: the take-over
    // imports the accordion, the written pages `ArticleView` (`crate::view::ArticleView`).
    assert!(graph["view/takeover.rs"].contains("view/accordion.rs"));
    assert!(graph["tools/pages/shell.rs"].contains("view/article.rs"));
}

#[test]
fn the_model_table_is_in_dependency_order() {
    let map = map();
    let start = map.find("### `model/`").expect("the model's section");
    let end = start
        + map[start..]
            .find("\n### ")
            .expect("a section after the model's");
    let sources = sources();
    // Each model file's row: a folder's row holds all its files.
    let mut row_of = BTreeMap::new();
    let rows = map[start..end].lines().filter(|l| l.starts_with("| `"));
    for (row, line) in rows.enumerate() {
        let cell = line.split('|').nth(1).unwrap();
        for name in backticked(cell) {
            let files: Vec<&String> = if let Some(folder) = name.strip_suffix('/') {
                sources
                    .keys()
                    .filter(|k| k.starts_with(&format!("model/{folder}/")))
                    .collect()
            } else {
                sources
                    .keys()
                    .filter(|k| **k == format!("model/{name}.rs"))
                    .collect()
            };
            assert!(
                !files.is_empty(),
                "the model table names `{name}`, which is no file"
            );
            for file in files {
                row_of.insert(file.clone(), row);
            }
        }
    }
    let graph = imports(&sources);
    let mut upward = Vec::new();
    for (file, row) in &row_of {
        for dep in graph[file].iter().filter(|d| d.starts_with("model/")) {
            match row_of.get(dep) {
                Some(dep_row) if dep_row <= row => {}
                Some(_) => upward.push(format!("{file} uses {dep}, listed below it")),
                None => upward.push(format!("{file} uses {dep}, not in the table")),
            }
        }
    }
    let unlisted: Vec<_> = sources
        .keys()
        .filter(|k| k.starts_with("model/") && *k != "model/mod.rs" && !row_of.contains_key(*k))
        .collect();
    assert!(
        upward.is_empty() && unlisted.is_empty(),
        "docs/architecture.md's model table is not in dependency order: {upward:?}; not in it: \
         {unlisted:?}"
    );
}
