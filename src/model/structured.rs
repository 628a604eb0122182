//! schema.org JSON-LD for the article, so search engines and reader modes know what it is and,
//! for sponsored content, who paid for it.

use serde_json::{Map, Value, json};

use crate::model::date::IsoDate;
use crate::model::types::Article;

/// Longest headline schema.org consumers commonly accept.
const MAX_HEADLINE_CHARS: usize = 110;

/// `NewsArticle`, or `AdvertiserContentArticle` with `sponsor` when the article is paid for.
pub fn structured_data(article: &Article, page_url: Option<&str>) -> Value {
    let mut data = Map::new();
    data.insert("@context".into(), json!("https://schema.org"));
    let kind = if article.sponsor.is_some() {
        "AdvertiserContentArticle"
    } else {
        "NewsArticle"
    };
    data.insert("@type".into(), json!(kind));
    let headline: String = article.title.chars().take(MAX_HEADLINE_CHARS).collect();
    data.insert("headline".into(), json!(headline));
    let mut optional = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            data.insert(key.into(), value);
        }
    };
    let valid_date = |d: &Option<String>| {
        d.as_ref()
            .filter(|d| IsoDate::parse(d).is_some())
            .map(|d| json!(d))
    };
    optional("description", article.standfirst.as_ref().map(|s| json!(s)));
    optional("inLanguage", article.lang.as_ref().map(|l| json!(l)));
    optional("datePublished", valid_date(&article.published));
    optional("dateModified", valid_date(&article.updated));
    optional(
        "author",
        (!article.authors.is_empty()).then(|| {
            Value::Array(
                article
                    .authors
                    .iter()
                    .map(|name| json!({"@type": "Person", "name": name}))
                    .collect(),
            )
        }),
    );
    optional(
        "publisher",
        article.source.as_ref().map(|source| {
            let mut publisher = json!({"@type": "Organization", "name": source.name});
            if let Some(url) = source.url.as_ref().and_then(|u| u.safe.as_ref()) {
                publisher["url"] = json!(url);
            }
            publisher
        }),
    );
    optional(
        "sponsor",
        article
            .sponsor
            .as_ref()
            .map(|sponsor| json!({"@type": "Organization", "name": sponsor.name})),
    );
    optional(
        "copyrightNotice",
        article.copyright.as_ref().map(|c| json!(c)),
    );
    optional("url", page_url.map(|u| json!(u)));
    optional("mainEntityOfPage", page_url.map(|u| json!(u)));
    Value::Object(data)
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
}
