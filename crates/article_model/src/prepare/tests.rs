//! Preparing whole articles and section by section.

use super::*;
use crate::parse_article;

fn prepared(json: &str) -> PreparedArticle {
    prepare(parse_article(json).unwrap())
}

#[test]
fn key_figures_after_the_sections_lead_to_theirs_and_say_their_anchor_is_not_marked() {
    let article = parse_article(
        r#"{"version": 1, "title": "T", "sections": [
            {"blocks": []},
            {"id": "Two", "heading": "Second", "blocks": []}]}"#,
    )
    .unwrap();
    let (_, mut preparer) = prepare_start(article);
    let figure = |section: &str, anchor: Option<&str>| KeyFigure {
        value: "1".to_owned(),
        label: "one".to_owned(),
        section: Some(section.to_owned()),
        anchor: anchor.map(str::to_owned),
        ..KeyFigure::default()
    };
    let figures = [
        figure("Two", None),
        figure("two", Some("phrase")),
        figure("lead", None),
        figure("nowhere", None),
        KeyFigure::default(),
    ];
    let targets = preparer.place_late_figures(&figures);
    assert_eq!(
        targets,
        [
            Some((1, Some("Second".to_owned()))),
            Some((1, Some("Second".to_owned()))),
            Some((0, None)),
            None,
            None
        ]
    );
    let problems: Vec<String> = preparer
        .into_problems()
        .iter()
        .map(|p| p.path.clone())
        .collect();
    assert!(
        problems.contains(&"key_figures[1].anchor".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"key_figures[3].section".to_owned()),
        "{problems:?}"
    );
}

#[test]
fn ids_are_derived_unique_and_sanitised() {
    let p = prepared(
        r#"{"version": 1, "title": "T", "sections": [
            {"blocks": []},
            {"heading": "Peace process", "blocks": []},
            {"heading": "Peace process", "blocks": []},
            {"id": "Bad Id<script>", "heading": "x", "blocks": []},
            {"heading": "!!!", "blocks": []}]}"#,
    );
    assert_eq!(
        p.section_ids,
        [
            "lead",
            "peace-process",
            "peace-process-2",
            "bad-id-script",
            "section-5"
        ]
    );
    assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
    assert_eq!(p.problems[0].path, "sections[3].id");
}

#[test]
fn figures_resolve_by_given_or_derived_id_and_report_misses() {
    let p = prepared(
        r#"{"version": 1, "title": "T",
            "sections": [{"heading": "Trade", "blocks": []}, {"id": "nato", "heading": "N", "blocks": []}],
            "key_figures": [
                {"value": "1", "label": "a", "section": "trade"},
                {"value": "2", "label": "b", "section": "nato"},
                {"value": "3", "label": "c", "section": "missing"},
                {"value": "4", "label": "d"}]}"#,
    );
    assert_eq!(p.figure_targets, [Some(0), Some(1), None, None]);
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].path, "key_figures[2].section");
}

#[test]
fn direction_follows_dir_then_lang() {
    let base = r#""version": 1, "title": "T", "sections": [{"blocks": []}]"#;
    assert_eq!(prepared(&format!("{{{base}}}")).dir, Direction::Ltr);
    assert_eq!(
        prepared(&format!(r#"{{{base}, "lang": "ar"}}"#)).dir,
        Direction::Rtl
    );
    assert_eq!(
        prepared(&format!(r#"{{{base}, "lang": "ar", "dir": "ltr"}}"#)).dir,
        Direction::Ltr
    );
}

#[test]
fn unsafe_urls_unknown_blocks_and_bad_dates_are_problems_not_errors() {
    let p = prepared(
        r#"{"version": 1, "title": "T", "published": "yesterday", "sections": [{"blocks": [
            {"type": "paragraph", "text": [{"text": "x", "href": "javascript:alert(1)"}]},
            {"type": "image", "src": "data:image/png;base64,xx", "alt": "a"},
            {"type": "carousel"}]}]}"#,
    );
    let paths: Vec<_> = p.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "published",
            "sections[0].blocks[0].text[0].href",
            "sections[0].blocks[1].src",
            "sections[0].blocks[2].type"
        ]
    );
}

#[test]
fn anchors_are_found_in_their_section_text_or_reported() {
    let p = prepared(
        r#"{"version": 1, "title": "T", "sections": [
            {"heading": "Trade", "blocks": [
                {"type": "paragraph", "text": "Nothing here."},
                {"type": "paragraph", "text": ["Trade stayed ", {"text": "under $90 million", "strong": true}, " in 2024."]},
                {"type": "list", "items": ["first", "some 20 companies"]}]},
            {"heading": "Other", "blocks": [{"type": "paragraph", "text": "33 years"}]}],
          "key_figures": [
            {"value": "< $90m", "label": "trade", "section": "trade", "anchor": "stayed under $90 million"},
            {"value": "~20", "label": "firms", "section": "trade", "anchor": "20 companies"},
            {"value": "33", "label": "years", "section": "trade", "anchor": "33 years"},
            {"value": "x", "label": "overlap", "section": "trade", "anchor": "under $90"},
            {"value": "y", "label": "no section", "anchor": "Nothing"}]}"#,
    );
    assert_eq!(
        p.figure_anchors[0],
        Some(AnchorSpot {
            section: 0,
            block: 1,
            item: None,
            start: 6,
            end: 30
        })
    );
    assert_eq!(
        p.figure_anchors[1],
        Some(AnchorSpot {
            section: 0,
            block: 2,
            item: Some(1),
            start: 5,
            end: 17
        })
    );
    assert_eq!(p.figure_anchors[2], None, "33 years is in another section");
    assert_eq!(
        p.figure_anchors[3], None,
        "overlapping anchors are not marked"
    );
    assert_eq!(p.figure_anchors[4], None);
    let paths: Vec<_> = p.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "key_figures[2].anchor",
            "key_figures[3].anchor",
            "key_figures[4].anchor"
        ]
    );
    let marks = p.marks();
    assert_eq!(marks.len(), 2);
    assert_eq!(
        marks[0],
        PlacedMark {
            section: 0,
            block: 1,
            item: None,
            mark: Mark {
                start: 6,
                end: 30,
                figure: 0
            }
        }
    );
    assert_eq!((marks[1].block, marks[1].item), (2, Some(1)));
}

#[test]
fn pull_quotes_that_repeat_the_body_are_detected_unless_the_publisher_says() {
    let p = prepared(
        r#"{"version": 1, "title": "T", "sections": [{"blocks": [
            {"type": "paragraph", "text": "He said it opened the door, now we build."},
            {"type": "pull_quote", "text": "“It opened the door”"},
            {"type": "pull_quote", "text": "Words found nowhere else"},
            {"type": "pull_quote", "text": "It opened the door", "repeats_text": false}]}]}"#,
    );
    let repeats: Vec<_> = p.article.sections[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::PullQuote { repeats_text, .. } => *repeats_text,
            _ => None,
        })
        .collect();
    assert_eq!(repeats, [true, false, false]);
}

#[test]
fn resolve_urls_rewrites_every_allowed_address_and_only_those() {
    let mut p = prepared(
        r##"{"version": 1, "title": "T", "source": {"name": "P", "url": "about.html"},
            "sections": [{"blocks": [
                {"type": "image", "src": "pic.png", "alt": ""},
                {"type": "image", "src": "javascript:x", "alt": ""},
                {"type": "paragraph", "text": [{"text": "a", "href": "a.html"}, {"text": "b", "href": "#lead"}]},
                {"type": "list", "items": [[{"text": "b", "href": "https://x.example/"}]]}]}],
            "key_figures": [{"value": "1", "label": "l", "source": {"name": "S", "url": "s.html"}}]}"##,
    );
    p.resolve_urls(&|u| format!("BASE/{u}"));
    let a = &p.article;
    assert_eq!(
        a.source
            .as_ref()
            .unwrap()
            .url
            .as_ref()
            .unwrap()
            .safe
            .as_deref(),
        Some("BASE/about.html")
    );
    let blocks = &a.sections[0].blocks;
    assert!(
        matches!(&blocks[0], Block::Image { src, .. } if src.safe.as_deref() == Some("BASE/pic.png"))
    );
    assert!(matches!(&blocks[1], Block::Image { src, .. } if src.safe.is_none()));
    assert!(
        matches!(&blocks[2], Block::Paragraph(t) if t[0].href.as_ref().unwrap().safe.as_deref() == Some("BASE/a.html"))
    );
    assert!(
        matches!(&blocks[2], Block::Paragraph(t) if t[1].href.as_ref().unwrap().safe.as_deref() == Some("#lead"))
    );
    assert!(
        matches!(&blocks[3], Block::List { items, .. } if items[0].text[0].href.as_ref().unwrap().safe.as_deref() == Some("BASE/https://x.example/"))
    );
    let figure_url = a.key_figures[0]
        .source
        .as_ref()
        .unwrap()
        .url
        .as_ref()
        .unwrap();
    assert_eq!(figure_url.safe.as_deref(), Some("BASE/s.html"));
}

#[test]
fn reading_time_counts_body_words() {
    let words = vec!["word"; 480].join(" ");
    let p = prepared(&format!(
        r#"{{"version": 1, "title": "T", "sections": [{{"blocks": [{{"type": "paragraph", "text": "{words}"}}]}}]}}"#
    ));
    assert_eq!(p.reading_minutes, 3);
}

#[test]
fn reading_time_follows_the_language() {
    let article = |lang: &str, text: &str| {
        prepared(&format!(
            r#"{{"version": 1, "title": "T", "lang": "{lang}", "sections": [{{"blocks": [{{"type": "paragraph", "text": "{text}"}}]}}]}}"#
        ))
    };
    let words = vec!["word"; 400].join(" ");
    assert_eq!(article("en", &words).reading_minutes, 2);
    assert_eq!(article("ar", &words).reading_minutes, 3);
    // Chinese counts characters: 600 characters at 255 a minute.
    assert_eq!(article("zh-Hans", &"字".repeat(600)).reading_minutes, 3);
}

#[test]
fn reading_time_without_lang_follows_the_script() {
    let article = |text: &str| {
        prepared(&format!(
            r#"{{"version": 1, "title": "T", "sections": [{{"blocks": [{{"type": "paragraph", "text": "{text}"}}]}}]}}"#
        ))
        .reading_minutes
    };
    // Han alone reads as Chinese (255 a minute), with Kana as Japanese (357 a minute).
    assert_eq!(article(&"字".repeat(600)), 3);
    // Their punctuation is not read: 500 characters and 500 full stops are 2 minutes.
    assert_eq!(article(&"字。".repeat(500)), 2);
    assert_eq!(article(&"字，".repeat(500)), 2);
    assert_eq!(article(&"字か".repeat(357)), 2);
    // Thai is written without spaces: 2,500 code points at 1,000 a minute.
    assert_eq!(article(&"ภาษาไทย".repeat(357)), 3);
    // Mixed text adds both: 238 words and 255 characters are a minute each.
    let mixed = format!("{} {}", vec!["word"; 238].join(" "), "字".repeat(255));
    assert_eq!(article(&mixed), 2);
    // Korean is spaced into words.
    assert_eq!(article(&vec!["한국어"; 476].join(" ")), 2);
}

#[test]
fn tables_code_and_nested_lists_count_towards_reading_time() {
    let words = vec!["word"; 240].join(" ");
    let article = |block: &str| {
        prepared(&format!(
            r#"{{"version": 1, "title": "T", "sections": [{{"blocks": [{block}]}}]}}"#
        ))
        .reading_minutes
    };
    assert_eq!(
        article(&format!(r#"{{"type": "code", "text": "{words}"}}"#)),
        2
    );
    assert_eq!(
        article(&format!(
            r#"{{"type": "table", "rows": [["{words}", "{words}"]]}}"#
        )),
        3
    );
    let nested =
        format!(r#"{{"type": "list", "items": [{{"text": "{words}", "items": ["{words}"]}}]}}"#);
    assert_eq!(article(&nested), 3);
}

#[test]
fn lists_deeper_than_four_levels_move_up_with_a_problem() {
    let mut item = r#"{"text": "6"}"#.to_owned();
    for level in (1..=5).rev() {
        item = format!(r#"{{"text": "{level}", "items": [{item}, "{level}b"]}}"#);
    }
    let p = prepared(&format!(
        r#"{{"version": 1, "title": "T", "sections": [{{"blocks": [{{"type": "list", "items": [{item}]}}]}}]}}"#
    ));
    let Block::List { items, .. } = &p.article.sections[0].blocks[0] else {
        panic!("a list")
    };
    let level4 = &items[0].items[0].items[0].items;
    let texts: Vec<String> = level4.iter().map(|i| inline_text(&i.text)).collect();
    assert_eq!(texts, ["4", "5", "6", "5b", "4b", "3b"]);
    assert!(level4.iter().all(|i| i.items.is_empty()));
    let paths: Vec<&str> = p.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["sections[0].blocks[0].items[0].items[0].items[0].items"]
    );
    assert!(!p.problems[0].breaks_format);
}

#[test]
fn a_callouts_body_counts_for_problems_and_notes_but_holds_no_figure_phrase() {
    let p = prepared(
        r#"{"version": 1, "title": "T", "notes": [{"id": "n", "text": "A note."}], "sections": [
            {"heading": "Trade", "blocks": [
                {"type": "paragraph", "text": "Trade grew."},
                {"type": "callout", "kind": "warning", "title": "Careful", "blocks": [
                    {"type": "paragraph", "text": ["Only 20 companies ", {"text": "1", "note": "n"}, {"text": " here", "href": "javascript:x"}]},
                    {"type": "image", "src": "x.png"}]}]}],
          "key_figures": [{"value": "20", "label": "firms", "section": "trade", "anchor": "20 companies"}]}"#,
    );
    assert_eq!(p.figure_anchors[0], None);
    let problems: Vec<(&str, &str)> = p
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert!(
        problems
            .iter()
            .any(|(path, message)| *path == "key_figures[0].anchor"
                && message.contains("is in a callout")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(path, _)| *path == "sections[0].blocks[1].blocks[0].text[2].href"),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(path, _)| *path == "sections[0].blocks[1].blocks[1].alt"),
        "{problems:?}"
    );
    // The note reference inside the callout is the note's first: no "never referred to".
    assert!(
        !problems.iter().any(|(_, m)| m.contains("never")),
        "{problems:?}"
    );
    let Block::Callout { blocks, .. } = &p.article.sections[0].blocks[1] else {
        panic!("a callout")
    };
    let Block::Paragraph(text) = &blocks[0] else {
        panic!("a paragraph")
    };
    assert!(text[1].note.as_ref().unwrap().first);
}

#[test]
fn an_authors_page_is_resolved_like_any_address_and_a_refused_one_is_a_problem() {
    let mut p = prepared(
        r#"{"version": 1, "title": "T",
            "authors": ["Ada", {"name": "Bo", "url": "bo.html"}, {"name": "Cy", "url": "javascript:x"}],
            "sections": [{"blocks": []}]}"#,
    );
    let paths: Vec<_> = p.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["authors[2].url"]);
    p.resolve_urls(&|u| format!("BASE/{u}"));
    let pages: Vec<_> = (p.article.authors.iter())
        .map(|a| a.url.as_ref().and_then(|u| u.safe.as_deref()))
        .collect();
    assert_eq!(pages, [None, Some("BASE/bo.html"), None]);
    assert_eq!(p.article.authors[2].name, "Cy");
}
