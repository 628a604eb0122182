//! The command-line validator on real files: exit status and messages.
#![cfg(not(target_arch = "wasm32"))]

mod common;

fn validate(args: &[&str]) -> (i32, String) {
    let (code, out, _) = common::run(common::VALIDATE, args);
    (code, out)
}

#[test]
fn the_sample_article_is_clean() {
    let (code, out) = validate(&["--strict", "public/articles/sample.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("sample.json: ok"));
}

#[test]
fn problems_fail_only_in_strict_mode() {
    let file = "tests/fixtures/valid/degraded.json";
    let (code, out) = validate(&[file]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("key_figures[0].section: no section has the id \"missing-section\""));
    let (code, _) = validate(&["--strict", file]);
    assert_eq!(code, 1);
}

#[test]
fn errors_name_the_field_path() {
    let (code, out) = validate(&["tests/fixtures/invalid/version-2.json"]);
    assert_eq!(code, 1);
    assert!(out.contains("error:") && out.contains("version"), "{out}");
    let (code, _) = validate(&[]);
    assert_eq!(code, 2);
}

#[test]
fn a_block_the_viewer_shows_as_a_placeholder_is_still_an_error() {
    // The viewer shows the rest of this article; the checker must not let it pass.
    let (code, out) = validate(&["tests/fixtures/invalid/list-items-not-array.json"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: sections[1].blocks[0].items: expected a list, found text"),
        "{out}"
    );
    let (code, out) = validate(&["tests/fixtures/invalid/figure-without-value.json"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error: key_figures[0].value"), "{out}");
}
