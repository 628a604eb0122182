//! The `article` tool on real files: each subcommand's help, exit status and messages.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

/// Runs `article args…` in the crate root: exit status, stdout, stderr.
fn article(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_article"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

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
        err.contains("Markdown cannot hold this article: sections[1].blocks[6]: an image credit"),
        "{err}"
    );
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
    // The index is valid against its schema.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("public/schema/index-v1.schema.json")).unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("index-v1.schema.json", schema)
        .unwrap();
    let id = compiler
        .compile("index-v1.schema.json", &mut schemas)
        .unwrap();
    assert!(schemas.validate(&index, id).is_ok());
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
    assert!(out.contains("Atom feed of 3 entries"), "{out}");
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
