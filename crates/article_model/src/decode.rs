//! Text → [`Article`] with serde_json, in three passes so that the reader is told the most
//! important fault first: the text must be JSON (line and column), then the format version must
//! be 1 (a newer document may differ anywhere), then every field must have its type (field path
//! from `serde_path_to_error`, line and column from serde_json), and finally the rules of
//! [`crate::convert`] hold.

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::convert::article_from_raw;
use crate::error::ArticleError;
use crate::json::{check_syntax, decode_raw, syntax_error};
use crate::limits::MAX_ARTICLE_BYTES;
use crate::types::*;
use crate::wire::RawArticle;

/// Parses an article from raw bytes: refuses oversized input before looking at it, and
/// non-UTF-8 input with the offset of the first bad byte.
pub fn parse_article_bytes(bytes: &[u8]) -> Result<Article, ArticleError> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(ArticleError::too_large(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| ArticleError::NotText {
        offset: e.valid_up_to(),
    })?;
    parse_article(text)
}

/// Parses and decodes an article document.
pub fn parse_article(text: &str) -> Result<Article, ArticleError> {
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(ArticleError::too_large(text.len()));
    }
    check_syntax(text.as_bytes()).map_err(|e| syntax_error(text, &e))?;
    check_version(text.as_bytes())?;
    let raw: RawArticle = decode_raw(text.as_bytes())?;
    article_from_raw(raw, None)
}

/// The one field looked at before all others.
#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct VersionOnly {
    version: Option<Version>,
}

/// What `version` holds, whatever its type (`null` reads as absent).
enum Version {
    Number(f64),
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(VersionVisitor)
    }
}

struct VersionVisitor;

impl<'de> Visitor<'de> for VersionVisitor {
    type Value = Version;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the integer 1")
    }
    fn visit_u64<E>(self, v: u64) -> Result<Version, E> {
        Ok(Version::Number(v as f64))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Version, E> {
        Ok(Version::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Version, E> {
        Ok(Version::Number(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Version, E> {
        Ok(Version::Other(if v { "true" } else { "false" }))
    }
    fn visit_str<E>(self, _: &str) -> Result<Version, E> {
        Ok(Version::Other("text"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Version, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Version::Other("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Version, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Version::Other("an object"))
    }
}

/// Checks that the document is an object of format version 1 (`1.0` and `1e0` are 1 too, as
/// JSON Schema compares numbers).
pub(crate) fn check_version(bytes: &[u8]) -> Result<(), ArticleError> {
    let head: VersionOnly = decode_raw(bytes)?;
    let found = match head.version {
        Some(Version::Number(n)) if n == FORMAT_VERSION as f64 => return Ok(()),
        Some(Version::Number(n)) if n.is_finite() && n.fract() == 0.0 => {
            return Err(ArticleError::UnsupportedVersion {
                found: format!("{n:.0}"),
            });
        }
        Some(Version::Number(n)) => format!("the number {n}"),
        Some(Version::Other(what)) => what.to_owned(),
        None => "nothing (the field is missing)".to_owned(),
    };
    Err(ArticleError::Shape {
        path: "version".to_owned(),
        expected: "the integer 1".to_owned(),
        found,
        position: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MAX_NESTING;

    fn minimal(sections: &str) -> String {
        format!(r#"{{"version": 1, "title": "T", "sections": {sections}}}"#)
    }

    fn shape_path(text: &str) -> String {
        match parse_article(text) {
            Err(ArticleError::Shape { path, .. }) => path,
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn minimal_article_parses() {
        let article = parse_article(&minimal(r#"[{"blocks": []}]"#)).unwrap();
        assert_eq!(article.title, "T");
        assert_eq!(article.sections.len(), 1);
    }

    /// The faults of the blocks and key figures shown as placeholders, with their paths.
    fn placeholder_faults(text: &str) -> Vec<String> {
        let article = parse_article(text).expect("the article is shown");
        crate::prepare(article)
            .problems
            .into_iter()
            .filter(|p| p.breaks_format)
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect()
    }

    #[test]
    fn shape_errors_name_the_field_path() {
        assert_eq!(shape_path(r#"{"version": 1, "title": "T"}"#), "sections");
        assert_eq!(shape_path(r#"{"version": "1"}"#), "version");
        assert_eq!(shape_path("[]"), "the top level");
        let text = minimal(r#"[{"blocks": [], "collapsed": "yes"}]"#);
        assert_eq!(shape_path(&text), "sections[0].collapsed");
    }

    #[test]
    fn a_broken_block_or_figure_is_a_placeholder_named_by_its_path() {
        let text = minimal(
            r#"[{"blocks": []}, {"heading": "H", "blocks": [{"type": "list", "items": "x"},
                {"type": "paragraph", "text": "kept"}]}]"#,
        );
        assert_eq!(
            placeholder_faults(&text),
            [
                "sections[1].blocks[0].items: expected a list, found text; the block is shown as a placeholder"
            ]
        );
        let article = parse_article(&text).unwrap();
        assert!(matches!(article.sections[1].blocks[1], Block::Paragraph(_)));
        let paths = |text: &str| -> Vec<String> {
            placeholder_faults(text)
                .into_iter()
                .map(|p| p.split(':').next().unwrap().to_owned())
                .collect()
        };
        let text = minimal(r#"[{"blocks": [{"type": "paragraph", "text": ["a", 3]}]}]"#);
        assert_eq!(paths(&text), ["sections[0].blocks[0].text[1]"]);
        let text = minimal(r#"[{"blocks": [{"type": "heading", "text": "a", "level": 2}]}]"#);
        assert_eq!(paths(&text), ["sections[0].blocks[0].level"]);
        let text = minimal(r#"[{"blocks": [{"type": "list", "items": [{"items": []}]}]}]"#);
        assert_eq!(paths(&text), ["sections[0].blocks[0].items[0].text"]);
        let text = minimal(r#"[{"blocks": ["just text"]}]"#);
        assert_eq!(paths(&text), ["sections[0].blocks[0]"]);
        let text = minimal(r#"[{"blocks": [{"type": "paragraph", "text": "a", "text": "b"}]}]"#);
        assert_eq!(
            placeholder_faults(&text),
            [
                "sections[0].blocks[0].text: the field is given twice; keep one; the block is shown as a placeholder"
            ]
        );
        let text = r#"{"version": 1, "title": "T", "sections": [{"blocks": []}],
            "key_figures": [{"value": "1", "label": "x", "source": {"url": "https://a"}},
                            {"value": "2", "label": "y"}]}"#;
        assert_eq!(paths(text), ["key_figures[0].source.name"]);
        let article = parse_article(text).unwrap();
        assert!(article.key_figures[0].invalid.is_some());
        assert_eq!(article.key_figures[1].value, "2");
    }

    #[test]
    fn shape_errors_are_plain_sentences_with_a_position() {
        let text = "{\"version\": 1, \"title\": \"T\",\n \"sections\": [{\"blocks\": [],\n  \"heading\": [\"x\"]}]}";
        let error = parse_article(text).unwrap_err();
        assert_eq!(
            error.detail(),
            "At sections[0].heading: expected text, found a list (line 3, column 13)."
        );
        let text = minimal(r#"[{"blocks": [{"type": "paragraph"}]}]"#);
        assert_eq!(
            placeholder_faults(&text),
            [
                "sections[0].blocks[0].text: expected text: a string, or a list of strings and \
             {\"text\": …} spans, found nothing (the field is missing); the block is shown as a \
             placeholder"
            ]
        );
        let error = parse_article(&minimal(r#"[{"blocks": [], "collapsed": "yes"}]"#));
        let detail = error.unwrap_err().detail();
        assert!(
            detail.starts_with("At sections[0].collapsed: expected true or false, found text"),
            "{detail}"
        );
        let error = parse_article(r#"{"version": 1, "title": 5, "sections": []}"#);
        let detail = error.unwrap_err().detail();
        assert!(
            detail.starts_with("At title: expected text, found the number 5 (line 1"),
            "{detail}"
        );
    }

    #[test]
    fn a_repeated_field_is_a_clear_error() {
        let text = r#"{"version": 1, "title": "T", "sections": [{"blocks": []}],
            "sections": [{"heading": "A", "blocks": []}]}"#;
        let error = parse_article(text).unwrap_err();
        assert_eq!(error.kind(), "duplicate");
        assert_eq!(error.path(), Some("sections"));
        let text = minimal(r#"[{"blocks": [], "id": "a", "id": "b"}]"#);
        assert_eq!(
            parse_article(&text).unwrap_err().path(),
            Some("sections[0].id")
        );
    }

    #[test]
    fn syntax_errors_carry_line_column_and_excerpt() {
        let text = "{\n  \"version\": 1,\n  \"title\": \"T\" oops\n}";
        match parse_article(text) {
            Err(ArticleError::Syntax {
                line,
                column,
                excerpt,
                ..
            }) => {
                assert_eq!(line, 3);
                assert!(column > 10, "{column}");
                assert!(excerpt.contains("oops"), "{excerpt}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_errors_are_named_in_plain_words() {
        let message = |text: &str| match parse_article(text) {
            Err(ArticleError::Syntax { message, .. }) => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            message(r#"{"version": 1, "sections": [1,]}"#),
            "a `,` before a closing bracket (JSON allows none there)"
        );
        assert_eq!(
            message(r#"{"version": 1"#),
            "the file ends inside an object (a `}` is missing)"
        );
        assert_eq!(
            message("{\"title\": \"a\nb\"}"),
            "a line break or control character inside a text (write it as \\n, \\t or \\u…)"
        );
        assert_eq!(
            message("{'version': 1}"),
            "a field name must be text in double quotes"
        );
    }

    #[test]
    fn version_title_and_sections_are_checked() {
        let v2 = r#"{"version": 2, "title": "T", "sections": "anything"}"#;
        assert_eq!(
            parse_article(v2),
            Err(ArticleError::UnsupportedVersion { found: "2".into() })
        );
        let v1 = r#"{"version": 1.0, "title": "T", "sections": [{"blocks": []}]}"#;
        assert!(parse_article(v1).is_ok());
        let blank = r#"{"version": 1, "title": "  ", "sections": [{"blocks": []}]}"#;
        assert_eq!(parse_article(blank), Err(ArticleError::BlankTitle));
        assert_eq!(parse_article(&minimal("[]")), Err(ArticleError::NoSections));
    }

    #[test]
    fn the_most_important_fault_is_named_first() {
        // A newer version is reported even when a section before it in the text is wrong.
        let text = r#"{"sections": [{"blocks": 3}], "version": 2, "title": "T"}"#;
        assert_eq!(
            parse_article(text),
            Err(ArticleError::UnsupportedVersion { found: "2".into() })
        );
        // A syntax error anywhere wins over a wrong section.
        let text = r#"{"version": 1, "title": "T", "sections": [{"blocks": 3}], oops}"#;
        assert!(matches!(
            parse_article(text),
            Err(ArticleError::Syntax { .. })
        ));
        // The first wrong section is the one named.
        let text = minimal(r#"[{"blocks": []}, {"blocks": 1}, {"blocks": 2}]"#);
        assert_eq!(shape_path(&text), "sections[1].blocks");
    }

    #[test]
    fn unknown_fields_are_ignored_and_unknown_blocks_kept() {
        let text = r#"{"version": 1, "title": "T", "extra": {"a": 1},
            "sections": [{"blocks": [{"type": "video", "src": "x"}], "future": true}]}"#;
        let article = parse_article(text).unwrap();
        assert_eq!(
            article.sections[0].blocks,
            vec![Block::Unknown {
                kind: "video".into()
            }]
        );
    }

    #[test]
    fn an_unknown_block_may_change_the_type_of_a_known_field_and_cost_only_itself() {
        let text =
            minimal(r#"[{"blocks": [{"type": "video", "caption": 5}, {"type": "divider"}]}]"#);
        let article = parse_article(&text).unwrap();
        assert!(matches!(article.sections[0].blocks[0], Block::Invalid(_)));
        assert_eq!(article.sections[0].blocks[1], Block::Divider);
    }

    #[test]
    fn oversized_documents_are_refused_before_parsing() {
        let huge = " ".repeat(MAX_ARTICLE_BYTES + 1);
        assert!(matches!(
            parse_article(&huge),
            Err(ArticleError::TooLarge { .. })
        ));
    }

    #[test]
    fn deep_nesting_is_its_own_error() {
        let deep = format!(
            "{}{}",
            "[".repeat(MAX_NESTING + 10),
            "]".repeat(MAX_NESTING + 10)
        );
        assert!(matches!(
            parse_article(&deep),
            Err(ArticleError::TooDeep {
                line: 1,
                limit: MAX_NESTING,
                ..
            })
        ));
        let fine = format!("{}{}", "[".repeat(50), "]".repeat(50));
        assert!(matches!(
            parse_article(&fine),
            Err(ArticleError::Shape { .. })
        ));
        // Refused at the limit itself, fine one below it.
        let at = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(check_syntax(at(MAX_NESTING).as_bytes()).is_err());
        assert!(check_syntax(at(MAX_NESTING - 1).as_bytes()).is_ok());
    }

    #[test]
    fn numbers_json_parse_would_make_infinite_are_refused() {
        let text = minimal(r#"[{"blocks": [], "extra": 1e999}]"#);
        assert!(matches!(
            parse_article(&text),
            Err(ArticleError::Syntax { .. })
        ));
    }

    #[test]
    fn bytes_must_be_utf8_and_may_start_with_a_bom() {
        let ok =
            b"\xEF\xBB\xBF{\"version\": 1, \"title\": \"T\", \"sections\": [{\"blocks\": []}]}";
        assert!(parse_article_bytes(ok).is_ok());
        let bad = b"{\"version\": 1, \"title\": \"\xFF\"}";
        assert_eq!(
            parse_article_bytes(bad),
            Err(ArticleError::NotText { offset: 25 })
        );
        let huge = vec![b' '; MAX_ARTICLE_BYTES + 1];
        assert!(matches!(
            parse_article_bytes(&huge),
            Err(ArticleError::TooLarge { .. })
        ));
    }

    #[test]
    fn excerpt_survives_multibyte_text() {
        let text = "{\"title\": \"Ünïcødé ✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓\" x}";
        assert!(matches!(
            parse_article(text),
            Err(ArticleError::Syntax { .. })
        ));
    }
}
