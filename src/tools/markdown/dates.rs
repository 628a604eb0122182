//! The dates static-site generators write, as the ISO 8601 text the format holds: `2024-09-16`
//! (or `2024/09/16`), Jekyll's `2024-09-16 21:34:22 +0530`, RFC 3339 and TOML date-times, the
//! other layouts Hugo reads (spf13/cast's: RFC 1123 and 2822, Go's `Time.String()`, Ruby's and
//! C's `date`, `02 Jan 2006`; Hugo reads no `YYYYMMDD`, so neither does this), and the date a
//! Jekyll file name or a blog's `path` holds.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// `text` as `YYYY-MM-DD` or an RFC 3339 date-time, or `None` when it is not a date.
pub fn normalise(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date.format("%Y-%m-%d").to_string());
    }
    // `2024/12/05`, with or without a time, as some front matter writes it: the date part
    // (up to a space or a `T`) read as if written with dashes.
    if text.get(4..5) == Some("/") && text[..4].bytes().all(|b| b.is_ascii_digit()) {
        let end = text.find([' ', 'T']).unwrap_or(text.len());
        let (date, rest) = text.split_at(end);
        return normalise(&format!("{}{rest}", date.replace('/', "-")));
    }
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Some(instant.to_rfc3339());
    }
    // With a zone: Jekyll's `+0530`, or `+05:30`, after a space or a `T`.
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
    ] {
        if let Ok(instant) = DateTime::parse_from_str(text, format) {
            return Some(instant.to_rfc3339());
        }
    }
    // Without a zone: the local time as written (the format allows it).
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            return Some(local.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    // A zone name after the time (`2020-01-01 10:00:00 UTC`) is read as UTC only when it says so.
    for suffix in [" UTC", " GMT", " Z"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            return normalise(&format!("{} +0000", rest.trim()));
        }
    }
    go_layouts(text)
}

/// The other layouts Hugo reads a front matter date in (spf13/cast's list) that say a day.
fn go_layouts(text: &str) -> Option<String> {
    // RFC 1123 and 2822: `Mon, 16 Sep 2024 21:34:22 +0000`, with `GMT` or `EST` too.
    if let Ok(instant) = DateTime::parse_from_rfc2822(text) {
        return Some(instant.to_rfc3339());
    }
    // Go's `Time.String()`: `2024-09-16 21:34:22.5 +0530 IST`, the zone's name after its offset.
    if let Some((rest, name)) = text.rsplit_once(' ')
        && name.len() <= 5
        && name.chars().all(|c| c.is_ascii_uppercase())
        && rest
            .rsplit_once(' ')
            .is_some_and(|(_, o)| o.starts_with(['+', '-']))
        && let Some(date) = normalise(rest)
    {
        return Some(date);
    }
    // Ruby's `date`: `Mon Sep 16 21:34:22 +0530 2024`.
    if let Ok(instant) = DateTime::parse_from_str(text, "%a %b %d %H:%M:%S %z %Y") {
        return Some(instant.to_rfc3339());
    }
    // C's `asctime`: `Mon Sep 16 21:34:22 2024`, local time.
    if let Ok(local) = NaiveDateTime::parse_from_str(text, "%a %b %e %H:%M:%S %Y") {
        return Some(local.format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    // `16 Sep 2024`.
    NaiveDate::parse_from_str(text, "%d %b %Y")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The date at the start of a file name (`2024-09-16-slug.md`) or of a path
/// (`2024/09/16/slug`), as `YYYY-MM-DD`.
pub fn from_name(name: &str) -> Option<String> {
    let name = name.trim_start_matches('/');
    let digits = |s: &str| s.len() >= 10 && s.is_char_boundary(10);
    if !digits(name) {
        return None;
    }
    let head = &name[..10];
    let separator = head.as_bytes()[4];
    if !(separator == b'-' || separator == b'/') || head.as_bytes()[7] != separator {
        return None;
    }
    let date = head.replace('/', "-");
    NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The date in a post's address (`path`, `url`, `permalink`): a `2022/12/12/` or
/// `2022-12-12` starting any of its segments, as in `inside-rust/2022/12/12/slug` or
/// `https://blog.example/2024/09/16/slug.html`.
pub fn from_address(address: &str) -> Option<String> {
    std::iter::once(0)
        .chain(address.match_indices('/').map(|(i, _)| i + 1))
        .find_map(|start| from_name(&address[start..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_layouts_hugo_reads() {
        let cases = [
            (
                "Mon, 16 Sep 2024 21:34:22 +0000",
                "2024-09-16T21:34:22+00:00",
            ),
            ("Mon, 16 Sep 2024 21:34:22 GMT", "2024-09-16T21:34:22+00:00"),
            (
                "2024-09-16 21:34:22.5 +0530 IST",
                "2024-09-16T21:34:22.500+05:30",
            ),
            (
                "Mon Sep 16 21:34:22 +0530 2024",
                "2024-09-16T21:34:22+05:30",
            ),
            ("Mon Sep 16 21:34:22 2024", "2024-09-16T21:34:22"),
            ("16 Sep 2024", "2024-09-16"),
        ];
        for (text, iso) in cases {
            assert_eq!(normalise(text).as_deref(), Some(iso), "{text}");
        }
        // Hugo reads no YYYYMMDD (a number is a Unix time to it): neither does this.
        assert_eq!(normalise("20240916"), None);
        assert_eq!(normalise("Sep 2024"), None);
    }

    #[test]
    fn reads_the_date_in_any_segment_of_an_address() {
        assert_eq!(
            from_address("inside-rust/2022/12/12/1.66.0-prerelease").as_deref(),
            Some("2022-12-12")
        );
        assert_eq!(
            from_address("https://blog.example/2024/09/16/slug.html").as_deref(),
            Some("2024-09-16")
        );
        assert_eq!(from_address("2019/05/01/x").as_deref(), Some("2019-05-01"));
        assert_eq!(from_address("posts/v2024/13/40/x"), None);
        assert_eq!(from_address("release/v1.2.3"), None);
    }

    #[test]
    fn reads_the_dates_generators_write() {
        assert_eq!(normalise("2024-09-16").as_deref(), Some("2024-09-16"));
        assert_eq!(
            normalise("2024-09-16 21:34:22 +0530").as_deref(),
            Some("2024-09-16T21:34:22+05:30")
        );
        assert_eq!(
            normalise("2024-09-16T21:34:22Z").as_deref(),
            Some("2024-09-16T21:34:22+00:00")
        );
        assert_eq!(
            normalise("2019-11-07T09:00:00-08:00").as_deref(),
            Some("2019-11-07T09:00:00-08:00")
        );
        assert_eq!(
            normalise("2016-03-02 10:00").as_deref(),
            Some("2016-03-02T10:00:00")
        );
        assert_eq!(
            normalise("2020-01-01 10:00:00 UTC").as_deref(),
            Some("2020-01-01T10:00:00+00:00")
        );
        assert_eq!(normalise("2024/12/05").as_deref(), Some("2024-12-05"));
        assert_eq!(
            normalise("2024/12/05 10:20").as_deref(),
            Some("2024-12-05T10:20:00")
        );
        assert_eq!(normalise("2024/12/5").as_deref(), Some("2024-12-05"));
        assert_eq!(normalise("2024/13/05"), None);
        assert_eq!(normalise("yesterday"), None);
        assert_eq!(normalise("2024-02-30"), None);
    }

    #[test]
    fn reads_the_date_a_name_starts_with() {
        assert_eq!(
            from_name("2018-01-25-jekyll-3-7-2-released.md").as_deref(),
            Some("2018-01-25")
        );
        assert_eq!(
            from_name("2026/03/26/1.94.1-release").as_deref(),
            Some("2026-03-26")
        );
        assert_eq!(from_name("inside-rust/2026/03/26/x").as_deref(), None);
        assert_eq!(from_name("release-notes.md"), None);
    }
}
