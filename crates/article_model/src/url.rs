//! Which article-supplied addresses may become links or image sources.
//!
//! Browsers forgive a lot when they parse a URL: they strip leading and trailing spaces and
//! control characters, drop tabs and newlines anywhere, and compare schemes case-insensitively.
//! So `" JaVa\tScRipt:alert(1)"` is a script URL to a browser. We normalise the same way before
//! looking at the scheme, then allow only a short list.

/// Where an address will be used; links may also be `mailto:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlKind {
    /// `<a href>`: http, https, mailto and relative addresses.
    Link,
    /// `<img src>`: http, https and relative addresses.
    Image,
}

/// An address from the article together with the verdict of [`safe_url`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedUrl {
    /// What the publisher wrote, kept so a refused address can be shown as text.
    pub raw: String,
    /// The normalised address when it is allowed.
    pub safe: Option<String>,
}

impl CheckedUrl {
    /// Checks `raw` for use as `kind`.
    pub fn new(raw: &str, kind: UrlKind) -> Self {
        Self {
            raw: raw.to_owned(),
            safe: safe_url(raw, kind),
        }
    }
}

/// Returns the normalised address if it may be used as `kind`, else `None`.
pub fn safe_url(raw: &str, kind: UrlKind) -> Option<String> {
    // Same clean-up as the WHATWG URL parser: trim C0 controls and spaces, drop tab/LF/CR.
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() || cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    match scheme_of(&cleaned) {
        Scheme::Relative => Some(cleaned),
        Scheme::Named(name) => {
            let allowed = match kind {
                UrlKind::Link => matches!(name.as_str(), "http" | "https" | "mailto"),
                UrlKind::Image => matches!(name.as_str(), "http" | "https"),
            };
            allowed.then_some(cleaned)
        }
        Scheme::Suspicious => None,
    }
}

enum Scheme {
    /// No scheme: resolved against the page, so it stays on an allowed scheme.
    Relative,
    /// A scheme, lower-cased.
    Named(String),
    /// Looks like an attempt to hide a scheme (entities or escapes before the first colon).
    Suspicious,
}

/// Whether an allowed address moves with the document it is in: no scheme (as [`safe_url`]
/// tells one), and neither `/…`, `//…`, `#…` nor `?…`. A page written into another folder
/// (an embed, `article pages`) must resolve such addresses again.
pub fn is_document_relative(url: &str) -> bool {
    matches!(scheme_of(url), Scheme::Relative) && !url.starts_with(['/', '\\', '#', '?'])
}

fn scheme_of(url: &str) -> Scheme {
    // The scheme ends at the first ':' unless a path, query or fragment starts first.
    let head_end = url.find(['/', '?', '#', '\\']).unwrap_or(url.len());
    // `get`, not indexing (the ends found are ASCII, so always there): indexing would keep the
    // standard library's slicing panic, and its formatting, in the wasm.
    let head = url.get(..head_end).unwrap_or(url);
    let Some(colon) = head.find(':') else {
        // `javascript&colon;…` or `javascript&#58;…` would be a scheme to anything that decodes
        // entities later (a copy into HTML, a careless reader mode). Refuse such lookalikes.
        return if head.contains('&') {
            Scheme::Suspicious
        } else {
            Scheme::Relative
        };
    };
    let candidate = head.get(..colon).unwrap_or(head);
    let mut chars = candidate.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if valid {
        Scheme::Named(candidate.to_ascii_lowercase())
    } else if candidate.contains('&') || candidate.contains('%') {
        Scheme::Suspicious
    } else {
        // e.g. "10:30 notes.html": not a scheme to a browser either; it resolves relatively.
        Scheme::Relative
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(raw: &str) -> Option<String> {
        safe_url(raw, UrlKind::Link)
    }

    #[test]
    fn addresses_that_move_with_their_document_are_told_from_the_others() {
        for url in [
            "pixel.svg",
            "pictures/map.png",
            "10:30 notes.html",
            "./a.png",
        ] {
            assert!(is_document_relative(url), "{url}");
        }
        for url in [
            "https://example.org/a.png",
            "/a.png",
            "//cdn.example/a.png",
            "#x",
            "?q",
        ] {
            assert!(!is_document_relative(url), "{url}");
        }
    }

    #[test]
    fn keeps_web_and_relative_addresses() {
        for url in [
            "https://example.org/a?b#c",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
            "/articles/x.json",
            "articles/x.json",
            "../up.html",
            "#section-2",
            "?article=x",
            "//cdn.example.org/pic.jpg",
        ] {
            assert_eq!(link(url).as_deref(), Some(url), "{url}");
        }
    }

    #[test]
    fn mailto_is_a_link_but_not_an_image() {
        assert!(link("mailto:desk@example.org").is_some());
        assert!(safe_url("mailto:desk@example.org", UrlKind::Image).is_none());
    }

    #[test]
    fn refuses_dangerous_schemes_however_spelled() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\rascript:alert(1)",
            "javascript&colon;alert(1)",
            "javascript&#58;alert(1)",
            "javascript&#x3A;alert(1)",
            "javascript%3Aalert(1):x",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "blob:https://example.org/uuid",
            "",
            "   ",
        ] {
            assert_eq!(link(url), None, "{url:?}");
        }
    }

    #[test]
    fn strips_what_browsers_strip() {
        assert_eq!(
            link("  https://exa\tmple.org/\n ").as_deref(),
            Some("https://example.org/")
        );
    }

    #[test]
    fn checked_url_keeps_the_raw_text() {
        let checked = CheckedUrl::new("javascript:x", UrlKind::Link);
        assert_eq!(checked.raw, "javascript:x");
        assert_eq!(checked.safe, None);
    }
}
