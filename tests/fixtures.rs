//! Every fixture through the model, and the JSON Schema agreeing with the model on each one.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use article_viewer::model::wire::RawArticle;
use article_viewer::model::{IsoDate, parse_article, prepare};

fn json_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn valid_fixtures_and_the_sample_parse() {
    let mut files = json_files("tests/fixtures/valid");
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/articles/sample.json"));
    for path in files {
        let article =
            parse_article(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let prepared = prepare(article);
        let expect_problems = name(&path) == "degraded";
        assert_eq!(
            !prepared.problems.is_empty(),
            expect_problems,
            "{}: {:?}",
            path.display(),
            prepared.problems
        );
    }
}

#[test]
fn every_sample_figure_is_anchored_in_its_section_with_a_source() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/articles/sample.json");
    let prepared = prepare(parse_article(&read(&path)).unwrap());
    assert_eq!(prepared.article.key_figures.len(), 7);
    for (i, figure) in prepared.article.key_figures.iter().enumerate() {
        assert!(
            prepared.figure_targets[i].is_some(),
            "figure {i} has a section"
        );
        assert!(
            prepared.figure_anchors[i].is_some(),
            "figure {i} is anchored"
        );
        assert!(figure.source.is_some(), "figure {i} has a source");
    }
}

#[test]
fn degraded_fixture_lists_each_problem() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/degraded.json");
    let prepared = prepare(parse_article(&read(&path)).unwrap());
    let paths: Vec<_> = prepared.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "sections[1].id",
            "key_figures[0].section",
            "key_figures[1].anchor",
            "published",
            "sections[0].blocks[0].text[0].href",
            "sections[0].blocks[0].text[2].href",
            "sections[0].blocks[1].src",
            "sections[0].blocks[2].src",
            "sections[0].blocks[2].alt",
            "sections[0].blocks[3].type",
        ]
    );
    assert_eq!(prepared.section_ids, ["dup", "dup-2"]);
}

/// How the viewer meets an invalid fixture: it refuses the whole document, or it shows the
/// article with the broken block or key figure as a placeholder.
enum Outcome {
    /// Refused with this error kind and, where there is one, this path.
    Refused(&'static str, Option<&'static str>),
    /// Shown, with a problem that breaks the format at this path.
    Placeholder(&'static str),
}

/// What each invalid fixture must be met with.
fn expected_outcome(fixture: &str) -> Outcome {
    use Outcome::*;
    match fixture {
        "list-items-not-array" => Placeholder("sections[1].blocks[0].items"),
        "heading-level-2" => Placeholder("sections[0].blocks[0].level"),
        "span-without-text" => Placeholder("sections[0].blocks[0].text[1].text"),
        "figure-without-value" => Placeholder("key_figures[0].value"),
        "block-without-type" => Placeholder("sections[0].blocks[0].type"),
        "series-value-not-number" => Placeholder("key_figures[0].series[1].value"),
        "table-align-unknown" => Placeholder("sections[0].blocks[0].align[1]"),
        "code-text-not-string" => Placeholder("sections[0].blocks[0].text"),
        "nested-item-without-text" => Placeholder("sections[0].blocks[0].items[1].items[0].text"),
        "callout-inside-callout" => Placeholder("sections[0].blocks[0].blocks[1]"),
        "callout-kind-unknown" => Placeholder("sections[0].blocks[0].kind"),
        other => {
            let (kind, path) = expected_error(other);
            Refused(kind, path)
        }
    }
}

/// What each invalid fixture that stops the article must be refused with.
fn expected_error(fixture: &str) -> (&'static str, Option<&'static str>) {
    match fixture {
        "syntax-error" => ("syntax", None),
        "not-an-object" => ("shape", Some("the top level")),
        "version-2" => ("version", Some("version")),
        "version-missing" | "version-string" => ("shape", Some("version")),
        "blank-title" => ("blank-title", Some("title")),
        "no-sections" => ("no-sections", Some("sections")),
        "dir-unknown" => ("shape", Some("dir")),
        "authors-not-array" => ("shape", Some("authors")),
        "author-without-name" => ("shape", Some("authors[1].name")),
        "section-without-blocks" => ("shape", Some("sections[0].blocks")),
        // JSON.parse would keep the second title; the viewer refuses to guess.
        "duplicate-key" => ("duplicate", Some("title")),
        other => panic!("invalid fixture {other} has no expectation here"),
    }
}

/// The paths of the problems that break the format, in an article the viewer shows.
fn format_breaks(text: &str) -> Option<Vec<String>> {
    let article = parse_article(text).ok()?;
    Some(
        prepare(article)
            .problems
            .into_iter()
            .filter(|p| p.breaks_format)
            .map(|p| p.path)
            .collect(),
    )
}

#[test]
fn invalid_fixtures_fail_with_their_kind_and_path() {
    for path in json_files("tests/fixtures/invalid") {
        let fixture = name(&path);
        let text = read(&path);
        match expected_outcome(&fixture) {
            Outcome::Refused(want_kind, want_path) => {
                let error = parse_article(&text).expect_err(&fixture);
                assert_eq!(error.kind(), want_kind, "{fixture}: {error}");
                assert_eq!(error.path(), want_path, "{fixture}: {error}");
                assert!(error.detail().len() > 10, "{fixture}: detail too thin");
            }
            Outcome::Placeholder(want_path) => {
                let breaks = format_breaks(&text).unwrap_or_else(|| panic!("{fixture}: refused"));
                assert_eq!(breaks, [want_path], "{fixture}");
            }
        }
    }
}

/// The wire types write what they read: decoding a fixture, writing it with serde and decoding
/// that again gives the same article, so tools can produce articles with the same types.
#[test]
fn wire_types_round_trip_every_valid_fixture() {
    let mut files = json_files("tests/fixtures/valid");
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/articles/sample.json"));
    for path in files {
        let text = read(&path);
        let raw: RawArticle = serde_json::from_str(&text).unwrap();
        let written = serde_json::to_string_pretty(&raw).unwrap();
        assert_eq!(
            serde_json::from_str::<RawArticle>(&written).unwrap(),
            raw,
            "{}",
            path.display()
        );
        assert_eq!(
            parse_article(&written).unwrap(),
            parse_article(&text).unwrap(),
            "{}",
            path.display()
        );
    }
}

fn compiled_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/schema/article-v1.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("article-v1.schema.json", schema)
        .unwrap();
    let index = compiler
        .compile("article-v1.schema.json", &mut schemas)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"));
    (schemas, index)
}

#[test]
fn schema_and_model_agree_on_every_fixture() {
    let (schemas, index) = compiled_schema();
    let mut files = json_files("tests/fixtures/valid");
    files.extend(json_files("tests/fixtures/invalid"));
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/articles/sample.json"));
    for path in files {
        // JSON Schema validates the JSON data model, in which an object holds each key once: a
        // key given twice never reaches a schema (readers drop one copy before validating), so
        // that rule is the model's alone (invalid_fixtures_fail_with_their_kind_and_path).
        if name(&path).starts_with("duplicate-") {
            continue;
        }
        let text = read(&path);
        // The viewer shows a broken block as a placeholder, but the article breaks the format.
        let model_accepts = format_breaks(&text).is_some_and(|breaks| breaks.is_empty());
        let schema_accepts = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(value) => schemas.validate(&value, index).is_ok(),
            Err(_) => false,
        };
        assert_eq!(
            schema_accepts,
            model_accepts,
            "{}: schema {} but the model {}",
            path.display(),
            if schema_accepts { "accepts" } else { "refuses" },
            if model_accepts { "accepts" } else { "refuses" },
        );
    }
}

/// The schema's date examples are the forms the viewer and `validate-article` read, the basic
/// `±HHMM` zone included: the two agree on what a date is.
#[test]
fn the_schema_date_examples_are_dates_the_viewer_reads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/schema/article-v1.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
    for field in ["published", "updated"] {
        let examples = schema["properties"][field]["examples"].as_array().unwrap();
        assert!(
            examples
                .iter()
                .any(|e| e.as_str().unwrap().ends_with("+0100"))
        );
        for example in examples {
            let text = example.as_str().unwrap();
            assert!(IsoDate::parse(text).is_some(), "{field}: {text}");
        }
    }
}
