//! schema.org JSON-LD for the article, so search engines and reader modes know what it is and,
//! for sponsored content, who paid for it.

use serde_json::{Map, Value, json};

use crate::model::date::IsoDate;
use crate::model::types::Article;

/// Longest headline schema.org consumers commonly accept.
const MAX_HEADLINE_CHARS: usize = 110;

/// `NewsArticle`, or `AdvertiserContentArticle` with `sponsor` when the article is paid for.
pub fn structured_data(article: &Article, page_url: Option<&str>) -> Value {
    let kind = if article.sponsor.is_some() {
        "AdvertiserContentArticle"
    } else {
        "NewsArticle"
    };
    let headline: String = article.title.chars().take(MAX_HEADLINE_CHARS).collect();
    let mut data = Map::new();
    data.insert("@context".into(), json!("https://schema.org"));
    data.insert("@type".into(), json!(kind));
    data.insert("headline".into(), json!(headline));
    let valid_date = |date: &Option<String>| {
        date.as_deref()
            .filter(|d| IsoDate::parse(d).is_some())
            .map(|d| json!(d))
    };
    let authors = article
        .authors
        .iter()
        .map(|name| json!({"@type": "Person", "name": name}))
        .collect::<Vec<_>>();
    let publisher = article.source.as_ref().map(|source| {
        let mut publisher = json!({"@type": "Organization", "name": source.name});
        if let Some(url) = source.url.as_ref().and_then(|u| u.safe.as_ref()) {
            publisher["url"] = json!(url);
        }
        publisher
    });
    let optional = [
        ("description", article.standfirst.as_ref().map(|s| json!(s))),
        ("inLanguage", article.lang.as_ref().map(|s| json!(s))),
        ("datePublished", valid_date(&article.published)),
        ("dateModified", valid_date(&article.updated)),
        ("author", (!authors.is_empty()).then(|| json!(authors))),
        ("publisher", publisher),
        (
            "sponsor",
            article
                .sponsor
                .as_ref()
                .map(|s| json!({"@type": "Organization", "name": s.name})),
        ),
        (
            "copyrightNotice",
            article.copyright.as_ref().map(|s| json!(s)),
        ),
        ("url", page_url.map(|u| json!(u))),
        ("mainEntityOfPage", page_url.map(|u| json!(u))),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            data.insert(key.into(), value);
        }
    }
    Value::Object(data)
}

/// The JSON-LD as the text of a `<script type="application/ld+json">`: `<` is escaped as
/// `\u003c`, so no text from the article can close the script element.
pub fn structured_data_text(article: &Article, page_url: Option<&str>) -> String {
    structured_data(article, page_url)
        .to_string()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_article;

    #[test]
    fn sponsored_articles_are_advertiser_content_with_their_sponsor() {
        let article = parse_article(
            r#"{"version": 1, "title": "T", "published": "2025-12-05", "updated": "soon",
                "authors": ["A"], "source": {"name": "Pub", "url": "https://pub.example"},
                "sponsor": {"name": "Embassy"}, "sections": [{"blocks": []}]}"#,
        )
        .unwrap();
        let data = structured_data(&article, Some("https://x.example/#"));
        assert_eq!(data["@type"], "AdvertiserContentArticle");
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
        assert_eq!(data["@type"], "NewsArticle");
        assert!(data.get("sponsor").is_none());
    }

    #[test]
    fn article_text_cannot_close_the_script() {
        let article = parse_article(
            r#"{"version": 1, "title": "</script><script>x()</script>", "sections": [{"blocks": []}]}"#,
        )
        .unwrap();
        let text = structured_data_text(&article, None);
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>x()</script>");
    }
}
