//! The `article` tool on real files: each subcommand's help, exit status and messages.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::article;

#[test]
fn every_subcommand_has_help() {
    let (code, out, _) = article(&["--help"]);
    assert_eq!(code, 0);
    for command in ["check", "from-markdown", "to-markdown"] {
        assert!(out.contains(command), "{out}");
        let (code, out, _) = article(&[command, "--help"]);
        assert_eq!(code, 0, "{command}");
        assert!(out.contains("Usage: article"), "{command}: {out}");
    }
    let (code, _, err) = article(&["check"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn check_reads_json_and_markdown_as_the_viewer_does() {
    let (code, out, _) = article(&[
        "check",
        "--strict",
        "public/articles/sample.json",
        "tests/fixtures/markdown/harbour.md",
    ]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches(": ok").count(), 2, "{out}");
    let (code, out, _) = article(&["check", "tests/fixtures/invalid/list-items-not-array.json"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error: sections[1].blocks[0].items: expected a list, found text"),
        "{out}"
    );
    let (code, out, _) = article(&["check", "tests/fixtures/valid/degraded.json"]);
    assert_eq!(code, 0, "problems fail only with --strict: {out}");
}

#[test]
fn from_markdown_writes_json_or_names_the_fault_with_file_line_and_column() {
    let (code, out, err) = article(&["from-markdown", "tests/fixtures/markdown/harbour.md"]);
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["title"], "A year at the harbour");
    let dir = std::env::temp_dir().join(format!("article-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.md");
    std::fs::write(&bad, "---\ntitle: a: b\n---\n\nSome text.\n").unwrap();
    let (code, _, err) = article(&["from-markdown", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!("{}:2:", bad.display())) && err.contains("front matter (YAML)"),
        "{err}"
    );
    let out_file = dir.join("out.json");
    let (code, _, _) = article(&[
        "from-markdown",
        "tests/fixtures/markdown/harbour.md",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .contains("\"A year at the harbour\"")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn to_markdown_writes_markdown_or_says_what_it_cannot_hold() {
    let (code, out, err) = article(&["to-markdown", "public/articles/sample.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("---\ntitle: Azerbaijan"), "{out}");
    assert!(out.contains("\n## "), "{out}");
    let (code, _, err) = article(&["to-markdown", "tests/fixtures/valid/every-block.json"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "Markdown cannot hold this article: sections[1].blocks[1]: a link or note reference in a heading"
        ),
        "{err}"
    );
}

/// A check of a document against `index-v2.schema.json` (or one of its `$defs`, by pointer).
fn schema_check(root: &std::path::Path) -> impl Fn(&serde_json::Value, &str) {
    let schema = read_json(&root.join("public/schema/index-v2.schema.json"));
    move |value, pointer| {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler
            .add_resource("index-v2.schema.json", schema.clone())
            .unwrap();
        let id = compiler
            .compile(&format!("index-v2.schema.json{pointer}"), &mut schemas)
            .unwrap();
        if let Err(error) = schemas.validate(value, id) {
            panic!("{pointer}: {error}");
        }
    }
}

/// The file of index part `stem` (`search-0`, `order`) in `dir`'s `index-parts/`, whatever
/// content hash its name carries (`search-0.1a2b3c4d.json`); the name without a hash when there
/// is none. Fails when two are there: a part replaced must not stay beside its successor.
fn part(dir: &std::path::Path, stem: &str) -> std::path::PathBuf {
    let folder = dir.join("index-parts");
    let named: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.strip_prefix(stem)
                .and_then(|rest| rest.strip_prefix('.'))
                .and_then(|rest| rest.strip_suffix(".json"))
                .is_some_and(|hash| hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    assert!(named.len() <= 1, "{stem}: {named:?}");
    named.first().map_or_else(
        || folder.join(format!("{stem}.json")),
        |name| folder.join(name),
    )
}

fn read_json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn index_writes_the_library_newest_first_and_a_feed_given_its_address() {
    let dir = std::env::temp_dir().join(format!("article-index-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in [
        "public/articles/sample.json",
        "tests/fixtures/valid/right-to-left.json",
        "tests/fixtures/markdown/harbour.md",
    ] {
        let path = root.join(file);
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join("newer.json"), r#"{"version": 2, "title": "x"}"#).unwrap();
    std::fs::write(
        dir.join("unfinished.md"),
        "---\ntitle: Not yet\ndraft: true\n---\n\nText.\n",
    )
    .unwrap();
    let dir_arg = dir.to_str().unwrap();
    // Without an address: the library, and no feed, with a note saying so.
    let (code, out, err) = article(&["index", dir_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("harbour.md: converted to"), "{out}");
    assert!(out.contains("no feed written"), "{out}");
    assert!(
        err.contains("newer.json: This article was written for a newer version"),
        "{err}"
    );
    assert!(
        err.contains("unfinished.md: draft: true (left out)"),
        "{err}"
    );
    assert!(!dir.join("unfinished.json").exists());
    assert!(!dir.join("feed.xml").exists());
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let addresses: Vec<&str> = index["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["address"].as_str().unwrap())
        .collect();
    // The harbour article has a time on the same day as the others, so it is newest.
    // The harbour article has a time on the day the others were published, so it is newest;
    // the two of the same date follow by title.
    assert_eq!(
        addresses,
        ["harbour.json", "sample.json", "right-to-left.json"]
    );
    let sample = &index["articles"][1];
    assert_eq!(
        sample["sponsor"],
        "the Embassy of the Republic of Azerbaijan"
    );
    assert_eq!(sample["reading_minutes"], 3);
    // The index, its pages and its search chunks are valid against their schema.
    assert_eq!(index["version"], 2);
    assert_eq!(index["archive"]["total"], 3);
    let validate = schema_check(root);
    validate(&index, "");
    let chunk = read_json(&part(&dir, "search-0"));
    validate(&chunk, "#/$defs/searchChunk");
    assert!(chunk["terms"]["harbour"].is_array(), "{chunk}");
    // With its address: an Atom feed with absolute links.
    let (code, out, err) = article(&[
        "index",
        dir_arg,
        "--base-url",
        "https://news.example.org/viewer/articles/",
        "--viewer",
        "https://news.example.org/viewer/",
        "--title",
        "Example News",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Atom feed of the 3 newest entries"), "{out}");
    let feed = std::fs::read_to_string(dir.join("feed.xml")).unwrap();
    let parsed: atom_syndication::Feed = feed.parse().unwrap();
    assert_eq!(parsed.title().as_str(), "Example News");
    assert_eq!(parsed.entries().len(), 3);
    let first = &parsed.entries()[0];
    assert_eq!(first.title().as_str(), "A year at the harbour");
    assert_eq!(
        first.links()[0].href(),
        "https://news.example.org/viewer/?article=https://news.example.org/viewer/articles/harbour.json"
    );
    assert_eq!(
        first.published().unwrap().to_rfc3339(),
        "2025-12-05T10:30:00+01:00"
    );
    let (code, _, err) = article(&["index", dir_arg, "--base-url", "articles/"]);
    assert_eq!(code, 1);
    assert!(err.contains("must be an absolute http(s) address"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn index_writes_an_archive_in_pages_and_patches_it_when_an_article_changes() {
    let dir = std::env::temp_dir().join(format!("article-archive-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Seven articles a day apart, in different time zones, and one undated.
    let written = |i: usize, standfirst: &str| {
        let zone = ["Z", "+09:00", "-05:00"][i % 3];
        serde_json::json!({
            "version": 1,
            "title": format!("Harbour report {i}"),
            "standfirst": standfirst,
            "label": if i.is_multiple_of(2) { "News" } else { "Analysis" },
            "tags": ["Sea"],
            "published": format!("2025-03-{:02}T12:00:00{zone}", 10 + i),
            "sections": [{"blocks": [{"type": "paragraph", "text": "Text."}]}],
        })
    };
    for i in 0..7 {
        std::fs::write(
            dir.join(format!("a{i}.json")),
            written(i, "Cranes").to_string(),
        )
        .unwrap();
    }
    let undated =
        serde_json::json!({"version": 1, "title": "Ünterwegs", "sections": [{"blocks": []}]});
    std::fs::write(dir.join("undated.json"), undated.to_string()).unwrap();
    let dir_arg = dir.to_str().unwrap();
    // The index again, as the last run left it, with pages of three: what it said.
    let reindex = || {
        let (code, out, err) = article(&["index", dir_arg, "--page-size", "3"]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let (code, out, err) = article(&[
        "index",
        dir_arg,
        "--page-size",
        "3",
        "--feed-size",
        "2",
        "--base-url",
        "https://example.org/a/",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("8 articles, newest first, in 3 pages of 3"),
        "{out}"
    );
    assert!(out.contains("8 files read, 0 known"), "{out}");
    assert!(out.contains("Atom feed of the 2 newest entries"), "{out}");
    let index = read_json(&dir.join("index.json"));
    let validate = schema_check(root);
    validate(&index, "");
    let titles = |page: &serde_json::Value| -> Vec<String> {
        page["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        titles(&index),
        ["Harbour report 6", "Harbour report 5", "Harbour report 4"]
    );
    assert_eq!(
        index["archive"]["labels"],
        serde_json::json!(["News", "Analysis"])
    );
    let page3 = read_json(&part(&dir, "page-3"));
    validate(&page3, "#/$defs/page");
    assert_eq!(titles(&page3), ["Harbour report 0", "Ünterwegs"]);
    assert!(dir.join("index.cache").is_file());
    // Unchanged: nothing parsed, nothing written.
    let out = reindex();
    assert!(
        out.contains(
            "0 files read, 8 known from index.cache, patched in place; 0 files of the index written"
        ),
        "{out}"
    );
    // One standfirst changed: one file parsed; its page, the chunk of its terms, the two
    // vocabularies (it brings a new word), its passages and its card rewritten, the four parts
    // under new names (their content's), which index.json, written again, gives; the four
    // names they replace removed.
    std::fs::write(
        dir.join("a1.json"),
        written(1, "Cranes and zebras").to_string(),
    )
    .unwrap();
    let out = reindex();
    assert!(
        out.contains(
            "1 files read, 7 known from index.cache, patched in place; 7 files of the index written, 1 unchanged, 4 removed"
        ),
        "{out}"
    );
    let card = read_json(&dir.join("index-parts/cards/2.json"));
    validate(&card, "#/$defs/card");
    assert_eq!(card["entry"]["standfirst"], "Cranes and zebras");
    let page2 = read_json(&part(&dir, "page-2"));
    assert_eq!(page2["articles"][2]["standfirst"], "Cranes and zebras");
    let chunk = read_json(&part(&dir, "search-0"));
    // Article a1 is sixth of eight, newest first: numbered 2 from the oldest.
    assert_eq!(chunk["terms"]["zebras"], serde_json::json!([2]));
    assert_eq!(chunk["impacts"]["zebras"].as_array().map(Vec::len), Some(1));
    let words = read_json(&part(&dir, "words-0"));
    assert!(
        words["words"]
            .as_array()
            .unwrap()
            .contains(&"zebras".into())
    );
    let ends = read_json(&part(&dir, "ends-0"));
    assert!(ends["words"].as_array().unwrap().contains(&"sarbez".into()));
    let text = read_json(&dir.join("index-parts/text/a1.json"));
    assert_eq!(text["passages"][1]["t"], "Cranes and zebras");
    validate(&chunk, "#/$defs/searchChunk");
    validate(&words, "#/$defs/vocabularyChunk");
    validate(&ends, "#/$defs/vocabularyChunk");
    validate(&text, "#/$defs/articleText");
    // A title corrected keeps the article where it was: patched in place too.
    let mut retitled = written(1, "Cranes and zebras");
    retitled["title"] = "Harbour report 1, corrected".into();
    std::fs::write(dir.join("a1.json"), retitled.to_string()).unwrap();
    let out = reindex();
    assert!(
        out.contains("1 files read, 7 known from index.cache, patched in place"),
        "{out}"
    );
    let page2 = read_json(&part(&dir, "page-2"));
    assert_eq!(page2["articles"][2]["title"], "Harbour report 1, corrected");
    assert!(read_json(&part(&dir, "search-0"))["terms"]["corrected"].is_array());
    // A date changed moves the article from sixth to first: patched in place too. It keeps its
    // number (1), so no posting changes; the pages it passes shift, and order.json says where
    // it went.
    let mut moved = written(0, "Cranes");
    moved["published"] = "2025-04-01".into();
    std::fs::write(dir.join("a0.json"), moved.to_string()).unwrap();
    let out = reindex();
    assert!(
        out.contains("1 files read, 7 known from index.cache, patched in place"),
        "{out}"
    );
    let index = read_json(&dir.join("index.json"));
    validate(&index, "");
    assert_eq!(
        titles(&index),
        ["Harbour report 0", "Harbour report 6", "Harbour report 5"]
    );
    assert_eq!(
        titles(&read_json(&part(&dir, "page-3"))),
        ["Harbour report 1, corrected", "Ünterwegs"]
    );
    assert_eq!(index["archive"]["order"], true);
    let order = read_json(&part(&dir, "order"));
    validate(&order, "#/$defs/order");
    assert_eq!(order["moved"], serde_json::json!([0, -6, 1, 1, 1, 1, 1, 1]));
    assert_eq!(
        read_json(&dir.join("index-parts/cards/1.json"))["entry"]["published"],
        "2025-04-01"
    );
    // The search finds it at its new place, as the page does.
    let (code, out, err) = article(&["search", dir_arg, "report 0"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Harbour report 0") && !out.contains("Harbour report 1"),
        "{out}"
    );
    // A phrase is looked for in each result's passages: the words in a row, not apart.
    let (code, out, err) = article(&["search", dir_arg, "\"report 0\""]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("1 article found"), "{out}");
    let (code, out, err) = article(&["search", dir_arg, "\"0 report\""]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("0 articles found"), "{out}");
    // Moved again, by the next run, where it was: the order is as numbered, and the file goes.
    std::fs::write(dir.join("a0.json"), written(0, "Cranes").to_string()).unwrap();
    let out = reindex();
    assert!(out.contains("patched in place"), "{out}");
    assert!(!part(&dir, "order").exists());
    assert_eq!(
        read_json(&dir.join("index.json"))["archive"]["order"],
        serde_json::Value::Null
    );
    std::fs::write(dir.join("a0.json"), moved.to_string()).unwrap();
    reindex();
    assert!(part(&dir, "order").exists());
    // A file removed: rebuilt, and the page beyond the last is removed.
    for name in ["a2.json", "a3.json", "a4.json"] {
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    let out = reindex();
    assert!(
        out.contains("5 articles, newest first, in 2 pages"),
        "{out}"
    );
    assert!(!part(&dir, "page-3").exists());
    // Rebuilt, the index numbers the articles in date order again: no order.json.
    assert!(!part(&dir, "order").exists());
    // The articles' text is searchable ("Text." is every body here); --code changes what text
    // is, so every article is read again, with it and then without it.
    assert!(read_json(&part(&dir, "search-0"))["terms"]["text"].is_array());
    let (code, out, err) = article(&["index", dir_arg, "--page-size", "3", "--code"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("5 files read, 0 known"), "{out}");
    let out = reindex();
    assert!(out.contains("5 files read, 0 known"), "{out}");
    assert!(read_json(&part(&dir, "search-0"))["terms"]["text"].is_array());
    // The same content under a new name is known by its hash, not parsed again.
    std::fs::rename(dir.join("a5.json"), dir.join("renamed.json")).unwrap();
    let out = reindex();
    assert!(out.contains("0 files read, 5 known"), "{out}");
    let all = format!(
        "{}{}",
        std::fs::read_to_string(dir.join("index.json")).unwrap(),
        std::fs::read_to_string(part(&dir, "page-2")).unwrap()
    );
    assert!(
        all.contains("renamed.json") && !all.contains("a5.json"),
        "{all}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_word_many_articles_hold_keeps_its_best_in_its_chunk_and_the_rest_apart_through_patches() {
    let dir = std::env::temp_dir().join(format!("article-rests-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let validate = schema_check(root);
    // Forty articles mention the harbour; "cranes" is in 32 of them, as many as a chunk holds.
    let written = |i: usize, text: &str| {
        serde_json::json!({
            "version": 1,
            "title": format!("Report {i}"),
            "published": format!("2025-03-01T{:02}:{:02}:00Z", i / 60, i % 60),
            "sections": [{"blocks": [{"type": "paragraph", "text": text}]}],
        })
        .to_string()
    };
    let body = |i: usize| {
        let cranes = if i < 32 { " Cranes." } else { "" };
        format!("The harbour opened.{cranes}")
    };
    for i in 0..40 {
        std::fs::write(dir.join(format!("a{i:02}.json")), written(i, &body(i))).unwrap();
    }
    let dir_arg = dir.to_str().unwrap();
    let (code, out, err) = article(&["index", dir_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("40 articles"), "{out}");
    let index = read_json(&dir.join("index.json"));
    validate(&index, "");
    assert_eq!(index["archive"]["rests"], 1);
    let chunk_with = |term: &str| {
        (0..index["archive"]["search"].as_array().unwrap().len())
            .map(|i| read_json(&part(&dir, &format!("search-{i}"))))
            .find(|chunk| chunk["terms"][term].is_array())
            .unwrap()
    };
    let chunk = chunk_with("harbour");
    validate(&chunk, "#/$defs/searchChunk");
    assert_eq!(chunk["terms"]["harbour"].as_array().unwrap().len(), 32);
    assert_eq!(chunk["more"]["harbour"], serde_json::json!([40, 0]));
    assert!(
        chunk["more"]["cranes"].is_null(),
        "32 postings fit the chunk"
    );
    let rest = read_json(&part(&dir, "rest-0"));
    validate(&rest, "#/$defs/rest");
    assert_eq!(rest["terms"]["harbour"].as_array().unwrap().len(), 40);
    let found = |query: &str| {
        let (code, out, err) = article(&["search", dir_arg, query]);
        assert_eq!(code, 0, "{err}");
        out.lines().next().unwrap_or("").to_owned()
    };
    assert!(found("harbour").starts_with("40 articles found"));
    // One article says "harbour" three times, and loses the word "opened": patched in place, it
    // is now among the harbour's best, and the rest holds all forty still.
    std::fs::write(
        dir.join("a35.json"),
        written(35, "Harbour, harbour, harbour."),
    )
    .unwrap();
    let (code, out, err) = article(&["index", dir_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("patched in place"), "{out}");
    let chunk = chunk_with("harbour");
    // Report 35 is fifth of forty, newest first: numbered 35 from the oldest.
    let best: Vec<u64> = chunk["terms"]["harbour"]
        .as_array()
        .unwrap()
        .iter()
        .scan(0, |n, d| {
            *n += d.as_u64().unwrap();
            Some(*n)
        })
        .collect();
    assert!(best.contains(&35), "{best:?}");
    assert!(found("harbour").starts_with("40 articles found"));
    assert!(found("opened").starts_with("39 articles found"));
    // "cranes" in a 33rd article: it outgrows its chunk, and its rest goes in a new part.
    std::fs::write(
        dir.join("a39.json"),
        written(39, "The harbour opened. Cranes."),
    )
    .unwrap();
    let (code, out, err) = article(&["index", dir_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("patched in place"), "{out}");
    let index = read_json(&dir.join("index.json"));
    validate(&index, "");
    assert_eq!(index["archive"]["rests"], 2);
    let rest = read_json(&part(&dir, "rest-1"));
    validate(&rest, "#/$defs/rest");
    assert_eq!(rest["terms"]["cranes"].as_array().unwrap().len(), 33);
    assert!(found("cranes").starts_with("33 articles found"));
    // Rebuilt whole, the parts are cut again, and the patched index found what it finds.
    std::fs::remove_file(dir.join("index.cache")).unwrap();
    let (code, _, err) = article(&["index", dir_arg]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read_json(&dir.join("index.json"))["archive"]["rests"], 1);
    assert!(!part(&dir, "rest-1").exists());
    assert!(found("cranes").starts_with("33 articles found"));
    assert!(found("opened").starts_with("39 articles found"));
    std::fs::remove_dir_all(&dir).unwrap();
}
