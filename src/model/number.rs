//! Numbers as text, without Rust's float formatting: `{}` and `{:.N}` on `f64` pull about 8 KB
//! of gzip code and tables into the wasm, a large share of the size budget, for a handful of
//! chart coordinates and series values.

/// `value` rounded to at most `places` decimals, without trailing zeros: "80", "85.5", "-0.13".
/// Values of 9e15 and more are rounded to a whole number; NaN and infinities
/// (which the decoder never lets through) give "0".
pub fn decimal(value: f64, places: u32) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let places = places.min(6);
    let unit = 10_u64.pow(places);
    let mut scaled = (value.abs() * unit as f64).round();
    let mut places = places;
    if scaled >= 9.0e15 {
        scaled = value.abs().round();
        places = 0;
    }
    // Exact for every whole f64 below 2^128; beyond that (no real series reaches it) the
    // conversion saturates: still digits, never a panic.
    let scaled = scaled as u128;
    let unit = 10_u128.pow(places);
    let mut text = String::new();
    if value < 0.0 && scaled != 0 {
        text.push('-');
    }
    text.push_str(&(scaled / unit).to_string());
    let mut fraction = scaled % unit;
    if fraction != 0 {
        let mut digits = places as usize;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            digits -= 1;
        }
        let fraction = fraction.to_string();
        text.push('.');
        text.extend(std::iter::repeat_n('0', digits - fraction.len()));
        text.push_str(&fraction);
    }
    text
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
            (1234567.25, 1, "1234567.3"),
            (1e20, 2, "100000000000000000000"),
            (-1e300, 2, "-340282366920938463463374607431768211455"),
            (f64::NAN, 2, "0"),
        ];
        for (value, places, expected) in cases {
            assert_eq!(decimal(value, places), expected, "{value} to {places}");
        }
    }

    #[test]
    fn agrees_with_the_standard_library_where_both_apply() {
        for i in -2000..2000 {
            let value = f64::from(i) * 0.37;
            let std = format!("{value:.2}");
            let std = std.trim_end_matches('0').trim_end_matches('.');
            let std = if std == "-0" { "0" } else { std };
            assert_eq!(decimal(value, 2), std, "{value}");
        }
    }
}
