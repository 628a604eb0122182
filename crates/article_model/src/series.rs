//! Text for a figure's series: the alternative to its chart, which must give every number.

use crate::number::decimal;
use crate::types::SeriesPoint;

/// "Bilateral trade, million USD: 2022: 80; 2023: 85.5; 2024: 90."
pub fn describe_series(series: &[SeriesPoint], unit: Option<&str>, label: &str) -> String {
    let values: Vec<String> = series
        .iter()
        .map(|p| format!("{}: {}", p.label, decimal(p.value, 2)))
        .collect();
    match unit {
        Some(unit) => format!("{label}, {unit}: {}.", values.join("; ")),
        None => format!("{label}: {}.", values.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(label: &str, value: f64) -> SeriesPoint {
        SeriesPoint {
            label: label.into(),
            value,
        }
    }

    #[test]
    fn the_description_gives_every_value_with_its_unit() {
        let series = [
            point("2022", 80.0),
            point("2023", 85.5),
            point("2024", -0.126),
        ];
        assert_eq!(
            describe_series(&series, Some("million USD"), "Trade"),
            "Trade, million USD: 2022: 80; 2023: 85.5; 2024: -0.13."
        );
        assert_eq!(
            describe_series(&series[..1], None, "Trade"),
            "Trade: 2022: 80."
        );
    }
}
