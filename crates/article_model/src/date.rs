//! ISO 8601 dates as the format accepts them (`2025-12-05` or `2025-12-05T10:30:00Z`), with the
//! time zone as `Z`, `±HH:MM` or `±HHMM` (the basic form many sites send).

/// The calendar date of a publication or update time, enough to display and to validate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31, valid for the month.
    pub day: u8,
    /// Whether a time of day followed the date.
    pub has_time: bool,
}

impl IsoDate {
    /// Parses a date or date-time; `None` when it is not one the format accepts.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() < 10 || !bytes[..10].is_ascii() || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        // `get`, not indexing: the first ten bytes are ASCII, but a checked slice keeps the
        // standard library's slicing panic, and its formatting, out of the wasm.
        let year: u16 = digits(text.get(0..4)?)?;
        let month: u8 = digits(text.get(5..7)?)?;
        let day: u8 = digits(text.get(8..10)?)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let rest = text.get(10..)?;
        let has_time = !rest.is_empty();
        if has_time && !valid_time(rest) {
            return None;
        }
        Some(IsoDate {
            year,
            month,
            day,
            has_time,
        })
    }
}

fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `THH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]`
fn valid_time(rest: &str) -> bool {
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return false;
    };
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => time.split_at_checked(at).unwrap_or((time, "")),
        None => (time, ""),
    };
    let mut parts = clock.split(':');
    let hour: Option<u8> = parts.next().and_then(two_digits);
    let minute: Option<u8> = parts.next().and_then(two_digits);
    let seconds_ok = match parts.next() {
        None => true,
        Some(sec) => {
            let (whole, fraction) = sec.split_once('.').unwrap_or((sec, "0"));
            two_digits(whole).is_some_and(|s| s <= 60)
                && !fraction.is_empty()
                && fraction.bytes().all(|b| b.is_ascii_digit())
        }
    };
    let zone_ok = match zone {
        "" | "Z" | "z" => true,
        _ => {
            let offset = zone.get(1..).unwrap_or_default();
            let (h, m) = offset
                .split_once(':')
                .or_else(|| offset.split_at_checked(2).filter(|(_, m)| m.len() == 2))
                .unwrap_or(("x", "x"));
            two_digits(h).is_some_and(|h| h <= 23) && two_digits(m).is_some_and(|m| m <= 59)
        }
    };
    parts.next().is_none()
        && hour.is_some_and(|h| h <= 23)
        && minute.is_some_and(|m| m <= 59)
        && seconds_ok
        && zone_ok
}

/// `text` with a `±HHMM` zone written `±HH:MM`, the only offset form every browser's `Date`
/// reads; other text is returned as it is.
pub fn with_extended_offset(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let basic = n > 16
        && matches!(bytes[n - 5], b'+' | b'-')
        && bytes[n - 4..].iter().all(u8::is_ascii_digit);
    match (basic, text.split_at_checked(n - 2)) {
        (true, Some((head, minutes))) => format!("{head}:{minutes}").into(),
        _ => text.into(),
    }
}

fn two_digits(s: &str) -> Option<u8> {
    if s.len() == 2 { digits(s) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dates_and_date_times() {
        for text in [
            "2025-12-05",
            "2024-02-29",
            "2025-12-05T10:30",
            "2025-12-05T10:30:00Z",
            "2025-12-05T10:30:00.250+01:00",
            "2025-12-05T23:59:59-05:30",
            "2021-11-01T10:52:50+0100",
            "2021-11-01T10:52-0530",
        ] {
            assert!(IsoDate::parse(text).is_some(), "{text}");
        }
        assert_eq!(
            IsoDate::parse("2025-12-05"),
            Some(IsoDate {
                year: 2025,
                month: 12,
                day: 5,
                has_time: false
            })
        );
    }

    #[test]
    fn basic_offsets_get_their_colon_for_the_browser() {
        assert_eq!(
            with_extended_offset("2021-11-01T10:52:50+0100"),
            "2021-11-01T10:52:50+01:00"
        );
        assert_eq!(
            with_extended_offset("2021-11-01T10:52-0530"),
            "2021-11-01T10:52-05:30"
        );
        for same in [
            "2021-11-01",
            "2021-11-01T10:52:50Z",
            "2021-11-01T10:52:50+01:00",
        ] {
            assert_eq!(with_extended_offset(same), same);
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "",
            "5 December 2025",
            "2025-13-01",
            "2025-02-29",
            "2025-04-31",
            "2025-12-05T25:00",
            "2025-12-05T10",
            "2025-12-05T10:30+010",
            "2025-12-05T10:30+01000",
            "2025-12-05T10:30+2460",
            "2025-12-05T10:30+01:0",
            "2025-12-05garbage",
            "20x5-12-05",
            "2025-12-0\u{e9}",
        ] {
            assert_eq!(IsoDate::parse(text), None, "{text}");
        }
    }
}
