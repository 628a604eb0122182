//! `article from-markdown` and `to-markdown`: the Markdown syntax reads into the format, what it
//! cannot hold is named with its line and column, and every fixture the syntax can express
//! goes JSON → Markdown → JSON unchanged.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use article_viewer::model::wire::RawArticle;
use article_viewer::model::{parse_article, prepare};
use article_viewer::tools::{article_from_markdown, article_to_markdown, markdown_can_hold};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/valid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.push(root().join("public/articles/sample.json"));
    files.sort();
    files
}

/// Markdown → wire types, panicking with the diagnostic.
fn from_markdown(text: &str) -> RawArticle {
    article_from_markdown(text)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

#[test]
fn every_fixture_markdown_can_express_round_trips_unchanged() {
    let mut expressed = Vec::new();
    for path in fixtures() {
        let article: RawArticle = serde_json::from_str(&read(&path)).unwrap();
        if let Some(why) = markdown_can_hold(&article) {
            println!("# {}: not expressible in Markdown: {why}", path.display());
            continue;
        }
        let markdown = article_to_markdown(&article).unwrap();
        let back = from_markdown(&markdown);
        assert_eq!(back, article, "{}\n{markdown}", path.display());
        expressed.push(path);
    }
    // The sample, and fixtures with lists, quotes, figures, right-to-left text.
    assert!(expressed.len() >= 4, "only {expressed:?}");
    assert!(expressed.iter().any(|p| p.ends_with("sample.json")));
}

#[test]
fn the_markdown_fixture_reads_into_every_block_it_can_hold() {
    let text = read(&root().join("tests/fixtures/markdown/harbour.md"));
    let article = from_markdown(&text);
    let json = serde_json::to_string(&article).unwrap();
    let prepared = prepare(parse_article(&json).unwrap());
    assert!(prepared.problems.is_empty(), "{:?}", prepared.problems);
    let kinds: Vec<(Option<String>, Vec<String>)> = article
        .sections
        .iter()
        .map(|s| {
            let kinds = s
                .blocks
                .iter()
                .map(|b| match b {
                    article_viewer::model::wire::Decoded::Value(b) => b.kind.clone(),
                    _ => "broken".to_owned(),
                })
                .collect();
            (s.id.clone(), kinds)
        })
        .collect();
    let expected = [
        (None, vec!["paragraph"]),
        (
            Some("traffic"),
            vec!["paragraph", "heading", "table", "quote", "pull_quote"],
        ),
        (Some("arrive"), vec!["list", "image", "divider", "code"]),
    ];
    let expected: Vec<(Option<String>, Vec<String>)> = expected
        .iter()
        .map(|(id, kinds)| {
            (
                id.map(str::to_owned),
                kinds.iter().map(|k| k.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(kinds, expected);
    assert_eq!(article.sections[2].collapsed, Some(true));
    assert!(json.contains(r#""cite":"A harbour master""#), "{json}");
    assert!(
        json.contains(r#""attribution":"The port authority""#),
        "{json}"
    );
    assert!(
        json.contains(r#""align":["left","right","center"]"#),
        "{json}"
    );
    assert!(
        json.contains(r#""text":"fn main() {\n    println!(\"1,377 ships\");\n}""#),
        "{json}"
    );
    // And it writes back to Markdown that reads the same.
    let again = from_markdown(&article_to_markdown(&article).unwrap());
    assert_eq!(again, article);
}

/// The first error of `markdown` as `line:column: message`.
fn error_of(markdown: &str) -> String {
    match article_from_markdown(markdown) {
        Ok(_) => panic!("accepted:\n{markdown}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn what_the_format_cannot_hold_is_an_error_with_its_line_and_column() {
    let head = "---\ntitle: T\n---\n\n";
    let cases = [
        ("Text <b>bold</b> text.\n", "5:6: raw HTML"),
        ("<div>block</div>\n", "5:1: raw HTML"),
        ("A note.[^1]\n\n[^1]: The note.\n", "5:8: a footnote"),
        ("# Title again\n", "5:1: a `#` heading"),
        ("Text ![pic](a.png) text.\n", "5:6: an image inside text"),
        ("## Heading {.open}\n", "5:1: unknown heading class `.open`"),
    ];
    for (body, expected) in cases {
        let error = error_of(&format!("{head}{body}"));
        assert!(error.starts_with(expected), "{body:?}: {error}");
    }
    let error = error_of("---\ntitle: T\nsubtitle: x\n---\n\nText.\n");
    assert!(error.starts_with("3:1: front matter: "), "{error}");
    assert!(error.contains("subtitle"), "{error}");
    assert!(error_of("Just text.\n").starts_with("1:1: the front matter has no `title`"));
}

#[test]
fn inline_code_and_strikethrough_are_warnings_and_kept_as_text() {
    let (article, warnings) =
        article_from_markdown("---\ntitle: T\n---\n\nRun `make` ~~now~~.\n").unwrap();
    let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert!(messages[0].starts_with("5:5: inline code"), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("strikethrough")),
        "{messages:?}"
    );
    let json = serde_json::to_string(&article).unwrap();
    assert!(json.contains(r#""text":"Run make now.""#), "{json}");
}

#[test]
fn markdown_syntax_characters_in_text_survive_the_round_trip() {
    let text = r##"{"version": 1, "title": "T", "sections": [{"blocks": [
        {"type": "paragraph", "text": "1. Not a list * not [a link](x) <b> & `code` # 5_000 | a {b}"},
        {"type": "paragraph", "text": "- not a bullet"},
        {"type": "list", "ordered": false, "items": ["# not a heading", "2) no"]}]}]}"##;
    let article: RawArticle = serde_json::from_str(text).unwrap();
    let markdown = article_to_markdown(&article).unwrap();
    assert_eq!(from_markdown(&markdown), article, "{markdown}");
}

/// The build ships a library: every Markdown source in `articles/` converts to exactly the
/// JSON shipped in `public/articles/`, and `public/articles/index.json` is what `article index`
/// makes of that folder.
#[test]
fn the_shipped_library_is_made_from_its_markdown_sources() {
    let sources: Vec<PathBuf> = std::fs::read_dir(root().join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert!(sources.len() >= 2, "{sources:?}");
    for source in &sources {
        let (article, warnings) = article_from_markdown(&read(source)).unwrap();
        assert!(warnings.is_empty(), "{}: {warnings:?}", source.display());
        let name = source.with_extension("json");
        let shipped = root()
            .join("public/articles")
            .join(name.file_name().unwrap());
        let shipped: RawArticle = serde_json::from_str(&read(&shipped))
            .unwrap_or_else(|e| panic!("{}: {e} (run article from-markdown)", shipped.display()));
        assert_eq!(
            article,
            shipped,
            "{} is not its source's conversion",
            source.display()
        );
        let json = serde_json::to_string(&article).unwrap();
        let prepared = prepare(parse_article(&json).unwrap());
        assert!(
            prepared.problems.is_empty(),
            "{}: {:?}",
            source.display(),
            prepared.problems
        );
    }
    let indexed = article_viewer::tools::index_dir(&root().join("public/articles")).unwrap();
    assert!(
        indexed.converted.is_empty() && indexed.notes.is_empty(),
        "{:?}",
        indexed.notes
    );
    let shipped: article_viewer::model::Library =
        serde_json::from_str(&read(&root().join("public/articles/index.json"))).unwrap();
    assert_eq!(
        indexed.library, shipped,
        "run: article index public/articles"
    );
    // The sample, a long article and a right-to-left one.
    assert!(shipped.articles.len() >= 3);
    assert!(shipped.articles.iter().any(|a| a.address == "sample.json"));
    assert!(shipped.articles.iter().any(|a| a.reading_minutes >= 4));
    assert!(
        shipped
            .articles
            .iter()
            .any(|a| a.lang.as_deref() == Some("he"))
    );
}
