//! schema.org JSON-LD for the article, so search engines and reader modes know what it is and,
//! for sponsored content, who paid for it.

use serde::Serialize;

use crate::date::IsoDate;
use crate::types::{Article, Block, inline_text};

/// Longest headline schema.org consumers commonly accept.
const MAX_HEADLINE_CHARS: usize = 110;

/// A schema.org article, as JSON-LD; absent fields are left out.
#[derive(Debug, Serialize)]
pub struct StructuredData<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    /// `NewsArticle`, or `AdvertiserContentArticle` for paid-for content.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// The title, cut to what consumers accept.
    pub headline: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    /// Only a valid ISO 8601 date.
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    pub date_published: Option<&'a str>,
    /// Only a valid ISO 8601 date.
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<&'a str>,
    /// The bylines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Thing<'a>>,
    /// The publisher, with its address when that is safe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Thing<'a>>,
    /// Who paid, for sponsored content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<Thing<'a>>,
    #[serde(rename = "copyrightNotice", skip_serializing_if = "Option::is_none")]
    copyright_notice: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "mainEntityOfPage", skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
}

/// A person or organisation.
#[derive(Debug, Serialize)]
pub struct Thing<'a> {
    /// `Person` or `Organization`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Its name.
    pub name: &'a str,
    /// Its home page, if safe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

/// `NewsArticle`, or `AdvertiserContentArticle` with `sponsor` when the article is paid for.
pub fn structured_data<'a>(article: &'a Article, page_url: Option<&'a str>) -> StructuredData<'a> {
    let valid_date =
        |date: &'a Option<String>| date.as_deref().filter(|d| IsoDate::parse(d).is_some());
    let organization = |name: &'a str, url: Option<&'a str>| Thing {
        kind: "Organization",
        name,
        url,
    };
    StructuredData {
        context: "https://schema.org",
        kind: if article.sponsor.is_some() {
            "AdvertiserContentArticle"
        } else {
            "NewsArticle"
        },
        headline: article.title.chars().take(MAX_HEADLINE_CHARS).collect(),
        description: article.standfirst.as_deref(),
        in_language: article.lang.as_deref(),
        date_published: valid_date(&article.published),
        date_modified: valid_date(&article.updated),
        author: article
            .authors
            .iter()
            .map(|author| Thing {
                kind: "Person",
                name: &author.name,
                url: author.url.as_ref().and_then(|u| u.safe.as_deref()),
            })
            .collect(),
        publisher: article.source.as_ref().map(|source| {
            let url = source.url.as_ref().and_then(|u| u.safe.as_deref());
            organization(&source.name, url)
        }),
        sponsor: article
            .sponsor
            .as_ref()
            .map(|sponsor| organization(&sponsor.name, None)),
        copyright_notice: article.copyright.as_deref(),
        url: page_url,
        main_entity_of_page: page_url,
    }
}

/// Longest page description search results show whole (longer ones are cut by them anyway).
const MAX_DESCRIPTION_CHARS: usize = 160;

/// The page's `<meta name="description">`: the standfirst, or else the start of the first
/// paragraph, so that a search result shows what the article says rather than text the search
/// engine picked. Cut at a word boundary with an ellipsis when long; `None` for an article with
/// neither.
pub fn page_description(article: &Article) -> Option<String> {
    let text = match &article.standfirst {
        Some(standfirst) => standfirst.clone(),
        None => article
            .sections
            .iter()
            .flat_map(|section| &section.blocks)
            .find_map(|block| match block {
                Block::Paragraph(text) => Some(inline_text(text)),
                _ => None,
            })?,
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    if text.chars().count() <= MAX_DESCRIPTION_CHARS {
        return Some(text);
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION_CHARS - 1).collect();
    // Back to the last space when there is one in the second half; scripts without spaces
    // (Chinese, Japanese) are cut at a character.
    let end = cut
        .rfind(' ')
        .filter(|&at| at > cut.len() / 2)
        .unwrap_or(cut.len());
    Some(format!("{}…", cut[..end].trim_end()))
}

/// The JSON-LD as the text of a `<script type="application/ld+json">`: `<` is escaped as
/// `\u003c`, so no text from the article can close the script element.
pub fn structured_data_text(article: &Article, page_url: Option<&str>) -> String {
    serde_json::to_string(&structured_data(article, page_url))
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_article;

    fn article(fields: &str) -> Article {
        parse_article(&format!(r#"{{"version": 1, "title": "T", {fields}}}"#)).unwrap()
    }

    #[test]
    fn the_description_is_the_standfirst_else_the_first_paragraph() {
        let with = article(
            r#""standfirst": "  Short\n summary. ", "sections": [{"blocks": [{"type": "paragraph", "text": "Body."}]}]"#,
        );
        assert_eq!(page_description(&with).as_deref(), Some("Short summary."));
        let without = article(
            r#""sections": [{"blocks": [{"type": "divider"}, {"type": "paragraph", "text": [{"text": "First "}, {"text": "words", "em": true}]}]}]"#,
        );
        assert_eq!(page_description(&without).as_deref(), Some("First words"));
        let empty = article(r#""sections": [{"blocks": [{"type": "divider"}]}]"#);
        assert_eq!(page_description(&empty), None);
    }

    #[test]
    fn a_long_description_is_cut_at_a_word_with_an_ellipsis() {
        let long = "word ".repeat(100);
        let text = page_description(&article(&format!(
            r#""standfirst": "{long}", "sections": [{{"blocks": []}}]"#
        )))
        .unwrap();
        assert!(text.chars().count() <= MAX_DESCRIPTION_CHARS, "{text}");
        assert!(text.ends_with("word…"), "{text}");
        let han = "漢".repeat(400);
        let text = page_description(&article(&format!(
            r#""standfirst": "{han}", "sections": [{{"blocks": []}}]"#
        )))
        .unwrap();
        assert_eq!(text.chars().count(), MAX_DESCRIPTION_CHARS);
    }

    #[test]
    fn sponsored_articles_are_advertiser_content_with_their_sponsor() {
        let article = parse_article(
            r#"{"version": 1, "title": "T", "published": "2025-12-05", "updated": "soon",
                "authors": ["A"], "source": {"name": "Pub", "url": "https://pub.example"},
                "sponsor": {"name": "Embassy"}, "sections": [{"blocks": []}]}"#,
        )
        .unwrap();
        let text = structured_data_text(&article, Some("https://x.example/#"));
        let data: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(data["@type"], "AdvertiserContentArticle");
        assert_eq!(data["author"][0]["@type"], "Person");
        assert_eq!(data["sponsor"]["name"], "Embassy");
        assert_eq!(data["publisher"]["url"], "https://pub.example");
        assert_eq!(data["author"][0]["name"], "A");
        assert_eq!(data["datePublished"], "2025-12-05");
        assert!(
            data.get("dateModified").is_none(),
            "invalid dates are left out"
        );
    }

    #[test]
    fn plain_articles_are_news_articles() {
        let article =
            parse_article(r#"{"version": 1, "title": "T", "sections": [{"blocks": []}]}"#).unwrap();
        let data = structured_data(&article, None);
        assert_eq!(data.kind, "NewsArticle");
        assert!(data.sponsor.is_none());
    }

    #[test]
    fn article_text_cannot_close_the_script() {
        let article = parse_article(
            r#"{"version": 1, "title": "</script><script>x()</script>", "sections": [{"blocks": []}]}"#,
        )
        .unwrap();
        let text = structured_data_text(&article, None);
        assert!(!text.contains('<'), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>x()</script>");
    }
}
