//! The hostile corpus (tests/hostile/corpus.json) against the model: every case fails with its
//! expected kind and field path, or renders with exactly its expected problems. The same corpus
//! runs against the real page, with the real CSP, in tests/e2e/hostile.test.mjs.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use article_viewer::model::{
    ArticleError, Block, CheckedUrl, MAX_ARTICLE_BYTES, PreparedArticle, UrlKind,
    parse_article_bytes, prepare, safe_url,
};
use serde_json::Value;

fn corpus() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/corpus.json");
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The bytes a case serves: its raw text, its document as JSON, or an oversized document.
fn case_bytes(case: &Value) -> Vec<u8> {
    if case["oversize"] == true {
        let mut bytes = br#"{"version": 1, "title": ""#.to_vec();
        bytes.resize(MAX_ARTICLE_BYTES + 1024, b'x');
        bytes.extend_from_slice(br#""}"#);
        return bytes;
    }
    match case.get("raw") {
        Some(Value::String(raw)) => raw.clone().into_bytes(),
        _ => serde_json::to_vec(&case["document"]).unwrap(),
    }
}

/// Every address that survived would pass the filter again, for its use.
fn assert_addresses_are_safe(name: &str, prepared: &PreparedArticle) {
    let check = |url: &CheckedUrl, kind: UrlKind| {
        if let Some(safe) = &url.safe {
            assert_eq!(safe_url(safe, kind).as_ref(), Some(safe), "{name}: {safe}");
            let lower = safe.to_ascii_lowercase();
            assert!(
                lower.starts_with("http") || !lower.contains(':') || lower.starts_with("mailto:"),
                "{name}: {safe}"
            );
        }
    };
    for block in prepared.article.sections.iter().flat_map(|s| &s.blocks) {
        if let Block::Image { src, .. } = block {
            check(src, UrlKind::Image);
        }
        for (_, run, _) in block.runs() {
            run.iter()
                .filter_map(|s| s.href.as_ref())
                .for_each(|u| check(u, UrlKind::Link));
        }
    }
}

#[test]
fn the_corpus_is_large_and_named_uniquely() {
    let cases = corpus();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut names: Vec<_> = cases.iter().map(|c| c["name"].as_str().unwrap()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), cases.len());
}

#[test]
fn every_case_has_its_expected_outcome_in_the_model() {
    for case in corpus() {
        let name = case["name"].as_str().unwrap();
        let expect = &case["expect"];
        let bytes = case_bytes(&case);
        let result = parse_article_bytes(&bytes).map(prepare);
        match (expect.get("error").and_then(Value::as_str), result) {
            // The page refuses these before the model sees them (HTML where JSON should be).
            (Some("not-json"), Err(ArticleError::Syntax { .. })) => {}
            (Some(want), Err(error)) => {
                assert_eq!(error.kind(), want, "{name}: {error}");
                if let Some(path) = expect.get("path").and_then(Value::as_str) {
                    assert_eq!(error.path(), Some(path), "{name}");
                }
                let message = format!(
                    "{} {}",
                    article_viewer::i18n::tr(error.summary()),
                    error.detail()
                );
                let alert = expect["alert"].as_str().unwrap();
                assert!(
                    message.contains(alert),
                    "{name}: {message:?} lacks {alert:?}"
                );
            }
            (Some(want), Ok(_)) => panic!("{name}: rendered, expected a {want} error"),
            (None, Err(error)) => panic!("{name}: expected to render, got {error}"),
            (None, Ok(prepared)) => {
                let got: Vec<&str> = prepared.problems.iter().map(|p| p.path.as_str()).collect();
                let want: Vec<&str> = expect
                    .get("problems")
                    .and_then(Value::as_array)
                    .map(|paths| paths.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                assert_eq!(got, want, "{name}: problems");
                assert_addresses_are_safe(name, &prepared);
            }
        }
    }
}
