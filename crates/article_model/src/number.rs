//! Numbers as people write them in charts and messages.

/// `value` rounded to at most `places` decimals, without trailing zeros: "80", "85.5", "-0.13".
/// NaN and infinities (which the decoder never lets through) give "0".
pub fn decimal(value: f64, places: u32) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let text = format!("{value:.0$}", places as usize);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    match text {
        "-0" => "0".to_owned(),
        text => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn rounds_and_trims_like_a_person_writes_numbers() {
        let cases = [
            (80.0, 2, "80"),
            (85.5, 2, "85.5"),
            (-0.126, 2, "-0.13"),
            (0.05, 1, "0.1"),
            (1.005, 1, "1"),
            (0.001, 2, "0"),
            (-0.001, 2, "0"),
            (2.5, 3, "2.5"),
            (0.07, 2, "0.07"),
            (1234567.25, 1, "1234567.2"), // an exact tie goes to the even digit
            (1e20, 2, "100000000000000000000"),
            (123456789012345678.0, 0, "123456789012345680"),
            (9.5e15, 3, "9500000000000000"),
            (f64::NAN, 2, "0"),
            (f64::INFINITY, 2, "0"),
        ];
        for (value, places, expected) in cases {
            assert_eq!(decimal(value, places), expected, "{value} to {places}");
        }
    }
}
