//! schema.org JSON-LD for the article, so search engines and reader modes know what it is and,
//! for sponsored content, who paid for it.

use crate::model::date::IsoDate;
use crate::model::json::{Fields, Json};
use crate::model::types::Article;

/// Longest headline schema.org consumers commonly accept.
const MAX_HEADLINE_CHARS: usize = 110;

fn text(text: &Option<String>) -> Option<Json<'_>> {
    text.as_deref().map(Json::string)
}

fn valid_date(date: &Option<String>) -> Option<Json<'_>> {
    date.as_deref()
        .filter(|d| IsoDate::parse(d).is_some())
        .map(Json::string)
}

fn thing<'a>(kind: &'a str, name: &'a str) -> Fields<'a> {
    let mut fields = Fields::default();
    fields.insert("@type", Json::string(kind));
    fields.insert("name", Json::string(name));
    fields
}

/// `NewsArticle`, or `AdvertiserContentArticle` with `sponsor` when the article is paid for.
pub fn structured_data<'a>(article: &'a Article, page_url: Option<&'a str>) -> Json<'a> {
    let mut data = Fields::default();
    data.insert("@context", Json::string("https://schema.org"));
    let kind = if article.sponsor.is_some() {
        "AdvertiserContentArticle"
    } else {
        "NewsArticle"
    };
    data.insert("@type", Json::string(kind));
    let headline: String = article.title.chars().take(MAX_HEADLINE_CHARS).collect();
    data.insert("headline", Json::String(headline.into()));
    let mut optional = |key: &'static str, value: Option<Json<'a>>| {
        if let Some(value) = value {
            data.insert(key, value);
        }
    };
    optional("description", text(&article.standfirst));
    optional("inLanguage", text(&article.lang));
    optional("datePublished", valid_date(&article.published));
    optional("dateModified", valid_date(&article.updated));
    optional(
        "author",
        (!article.authors.is_empty()).then(|| {
            Json::Array(
                article
                    .authors
                    .iter()
                    .map(|name| Json::Object(thing("Person", name)))
                    .collect(),
            )
        }),
    );
    optional(
        "publisher",
        article.source.as_ref().map(|source| {
            let mut publisher = thing("Organization", &source.name);
            if let Some(url) = source.url.as_ref().and_then(|u| u.safe.as_ref()) {
                publisher.insert("url", Json::string(url));
            }
            Json::Object(publisher)
        }),
    );
    optional(
        "sponsor",
        article
            .sponsor
            .as_ref()
            .map(|sponsor| Json::Object(thing("Organization", &sponsor.name))),
    );
    optional("copyrightNotice", text(&article.copyright));
    optional("url", page_url.map(Json::string));
    optional("mainEntityOfPage", page_url.map(Json::string));
    Json::Object(data)
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
        let text = |value: Option<&Json>| value.and_then(Json::as_str).map(str::to_owned);
        assert_eq!(text(data.get("@type")).unwrap(), "AdvertiserContentArticle");
        let field = |outer: &str, inner: &str| text(data.get(outer).and_then(|o| o.get(inner)));
        assert_eq!(field("sponsor", "name").unwrap(), "Embassy");
        assert_eq!(field("publisher", "url").unwrap(), "https://pub.example");
        let Some(Json::Array(authors)) = data.get("author") else {
            panic!("no authors")
        };
        assert_eq!(text(authors[0].get("name")).unwrap(), "A");
        assert_eq!(text(data.get("datePublished")).unwrap(), "2025-12-05");
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
        assert_eq!(
            data.get("@type").and_then(Json::as_str),
            Some("NewsArticle")
        );
        assert!(data.get("sponsor").is_none());
    }
}
