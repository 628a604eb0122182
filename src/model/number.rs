//! Numbers as text, without Rust's float formatting: `{}` and `{:.N}` on `f64` pull about 8 KB
//! of gzip code and tables into the wasm, a large share of the size budget, for a handful of
//! chart coordinates and series values.

/// `value` rounded to at most `places` decimals, without trailing zeros: "80", "85.5", "-0.13".
/// Values of 9e15 and more are rounded to a whole number; from 1.8e19 (beyond `u64`) it is
/// written with 15 significant digits, the last within one of the correctly rounded digit, and
/// zeros. NaN and infinities (which the decoder never lets through) give "0". Staying within
/// `u64` keeps 128-bit arithmetic out of the wasm: 1.2 KB of gzip.
pub fn decimal(value: f64, places: u32) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let mut places = places.min(6);
    let mut magnitude = value.abs();
    let mut zeros = 0;
    if magnitude * 10_f64.powi(places as i32) >= 9.0e15 {
        places = 0;
    }
    // Beyond `u64`: the 15 significant digits an f64 always holds, then zeros. Divided by
    // powers of ten that an f64 holds exactly (up to 10^22): below 1e37 the quotient is
    // rounded once, then its digits.
    if magnitude >= 1.8e19 {
        let mut probe = magnitude;
        while probe >= 1e15 {
            probe /= 10.0;
            zeros += 1;
        }
        let mut left = zeros;
        while left > 0 {
            let step = left.min(22);
            magnitude /= 10_f64.powi(step);
            left -= step;
        }
    }
    let unit = 10_u64.pow(places);
    let scaled = (magnitude * unit as f64).round() as u64;
    let mut text = String::new();
    if value < 0.0 && scaled != 0 {
        text.push('-');
    }
    text.push_str(&(scaled / unit).to_string());
    text.extend(std::iter::repeat_n('0', zeros as usize));
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
            (-1e300, 2, &format!("-1{}", "0".repeat(300))),
            (123456789012345678.0, 0, "123456789012345680"),
            (1.2345678901234567e25, 1, "12345678901234600000000000"),
            (9.5e15, 3, "9500000000000000"),
            (f64::NAN, 2, "0"),
        ];
        for (value, places, expected) in cases {
            let expected: &str = expected;
            assert_eq!(decimal(value, places), expected, "{value} to {places}");
        }
    }

    #[test]
    fn huge_values_keep_fifteen_digits_the_last_within_one() {
        // Deterministic values spread over 1.8e19..3e36, against the standard library's
        // correctly rounded 15 significant digits: the same length, and the 15 digits at most
        // one apart (the quotient of the division is rounded before its digits are, which put
        // the last one off by one for about 3 % of these values).
        let mut bits: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            let value = 1.8e19 * 10_f64.powf((bits % 1_000_000) as f64 / 1_000_000.0 * 17.2);
            let std = format!("{value:.14e}");
            let (mantissa, exponent) = std.split_once('e').unwrap();
            let digits: u64 = mantissa.replace('.', "").parse().unwrap();
            let ours = decimal(value, 2);
            assert_eq!(
                ours.len(),
                exponent.parse::<usize>().unwrap() + 1,
                "{value:e}"
            );
            let first: u64 = ours[..15].parse().unwrap();
            assert!(first.abs_diff(digits) <= 1, "{value:e}: {ours}");
            assert!(ours[15..].bytes().all(|b| b == b'0'), "{value:e}: {ours}");
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
