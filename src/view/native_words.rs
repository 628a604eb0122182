//! Numbers, durations, dates and lists of names worded without a browser, for the pages
//! `article pages` renders natively. In the browser these come from `Intl` (see
//! [`crate::view::ui_text`]), which knows every language; here only the interface's seven are
//! known, in the forms `Intl` gives for them, and any other language gets English forms. A
//! pre-rendered page keeps these words when the app takes it over (nothing is re-worded, so
//! nothing shifts).

use crate::i18n::intl_locale;

/// The interface language's primary subtag, lower case ("fr" for "fr-CA").
fn language() -> String {
    let locale = intl_locale();
    locale
        .split(['-', '_'])
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase()
}

/// `n` with the language's digits and grouping, as `Intl.NumberFormat` writes it.
pub fn number(n: f64) -> String {
    let lang = language();
    let whole = n.trunc() as u64;
    let fraction = n - n.trunc();
    let (group, decimal) = match lang.as_str() {
        "fr" => ("\u{202f}", ","),
        "de" | "nl" | "es" => (".", ","),
        _ => (",", "."),
    };
    let digits = whole.to_string();
    // Spanish groups only from five digits on, as `Intl` does.
    let grouped = if lang == "es" && digits.len() <= 4 {
        digits
    } else {
        let mut out = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(group);
            }
            out.push(digit);
        }
        out
    };
    let mut text = grouped;
    if fraction > 0.0 {
        let rounded = format!("{:.3}", fraction);
        let decimals = rounded.trim_start_matches('0').trim_start_matches('.');
        let decimals = decimals.trim_end_matches('0');
        if !decimals.is_empty() {
            text.push_str(decimal);
            text.push_str(decimals);
        }
    }
    text
}

/// `n` of `unit` ("minute", "kilobyte", "megabyte"), as `Intl.NumberFormat`'s unit style
/// writes it in the interface language.
pub fn amount(n: f64, unit: &str) -> String {
    let lang = language();
    let count = number(n);
    // Arabic's long form says one and two minutes without a number, as `Intl` does.
    if unit == "minute" && lang == "ar" {
        return match n {
            1.0 => "دقيقة".to_owned(),
            2.0 => "دقيقتان".to_owned(),
            n if (3.0..=10.0).contains(&n) => format!("{count} دقائق"),
            _ => format!("{count} دقيقة"),
        };
    }
    let word = match (unit, lang.as_str()) {
        ("minute", "de") => "Min.",
        ("minute", "he") => "דק׳",
        ("minute", _) => "min",
        ("kilobyte", _) => "kB",
        ("megabyte", _) => "MB",
        (other, _) => other,
    };
    format!("{count}\u{a0}{word}")
}

/// Whether the locale writes English the American way, as `Intl` does for "en" and "en-US"
/// ("December 5, 2025", "A, B, and C"); other English locales write "5 December 2025", "A, B
/// and C".
fn american() -> bool {
    let locale = intl_locale().to_ascii_lowercase();
    locale == "en" || locale.starts_with("en-us")
}

/// Names joined as `Intl.ListFormat` joins them in the interface language.
pub fn names(names: &[String]) -> String {
    let lang = language();
    let and = match lang.as_str() {
        "fr" => " et ",
        "de" => " und ",
        "nl" => " en ",
        "es" => " y ",
        "ar" => " و",
        "he" => " ו",
        "en" if !american() => " and ",
        _ => ", and ",
    };
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] if lang == "en" => format!("{first} and {second}"),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

/// Month names, January first, in the interface languages.
fn months(lang: &str) -> [&'static str; 12] {
    match lang {
        "fr" => [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        "de" => [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        "nl" => [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        "es" => [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        "ar" => [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ],
        "he" => [
            "בינואר",
            "בפברואר",
            "במרץ",
            "באפריל",
            "במאי",
            "ביוני",
            "ביולי",
            "באוגוסט",
            "בספטמבר",
            "באוקטובר",
            "בנובמבר",
            "בדצמבר",
        ],
        _ => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    }
}

/// The calendar day of an ISO 8601 date or date-time, worded in the interface language
/// ("5 December 2025", "December 5, 2025" in English as `Intl` writes it for `en`). A time is
/// left out: without a browser the reader's time zone is unknown, so the day as written stands.
pub fn date(iso: &str) -> Option<String> {
    let day_part = iso.get(..10)?;
    let mut parts = day_part.split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let lang = language();
    let name = months(&lang).get(month.checked_sub(1)?)?.to_owned();
    let (d, y) = (number(f64::from(day)), number_plain(year));
    Some(match lang.as_str() {
        "en" if american() => format!("{name} {d}, {y}"),
        "de" => format!("{d}. {name} {y}"),
        "es" => format!("{d} de {name} de {y}"),
        _ => format!("{d} {name} {y}"),
    })
}

/// A year, never grouped.
fn number_plain(n: u32) -> String {
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::follow_article;

    #[test]
    fn words_follow_the_interface_language() {
        follow_article(Some("en"));
        assert_eq!(number(1204.0), "1,204");
        assert_eq!(names(&["A".into(), "B".into(), "C".into()]), "A, B, and C");
        assert_eq!(date("2025-12-05").as_deref(), Some("December 5, 2025"));
        follow_article(Some("en-GB"));
        assert_eq!(names(&["A".into(), "B".into(), "C".into()]), "A, B and C");
        assert_eq!(date("2025-12-05").as_deref(), Some("5 December 2025"));
        follow_article(Some("fr"));
        assert_eq!(number(1204.0), "1\u{202f}204");
        assert_eq!(names(&["A".into(), "B".into(), "C".into()]), "A, B et C");
        assert_eq!(
            date("2025-12-05T10:00:00Z").as_deref(),
            Some("5 décembre 2025")
        );
        follow_article(Some("ar"));
        assert_eq!(number(12.0), "12");
        assert_eq!(amount(1.0, "minute"), "دقيقة");
        assert_eq!(date("2025-12-05").as_deref(), Some("5 ديسمبر 2025"));
        follow_article(Some("es"));
        assert_eq!(number(1204.0), "1204");
        assert_eq!(amount(5.0, "minute"), "5\u{a0}min");
    }
}
