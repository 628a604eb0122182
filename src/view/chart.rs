//! A figure's series as a small bar chart drawn in SVG: no chart library for a few bars.

use web_sys::Element;

use crate::model::{SeriesPoint, decimal, describe_series};
use crate::view::dom::{Dom, set};

const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 64.0;
const GAP: f64 = 4.0;
const VIEW_BOX: &str = "0 0 240 64";

/// Appends bars for each point to `parent`, with a text alternative that gives every number.
pub fn build_series_chart(
    dom: &Dom,
    parent: &Element,
    series: &[SeriesPoint],
    unit: Option<&str>,
    label: &str,
) {
    let max = series.iter().map(|p| p.value.abs()).fold(0.0_f64, f64::max);
    let count = series.len().max(1) as f64;
    let bar_width = ((WIDTH - GAP * (count - 1.0)) / count).max(1.0);
    let figure = dom.element(parent, "figure", "series");
    let svg = dom.svg_element(&figure, "svg");
    set(&svg, "class", "series-chart");
    set(&svg, "viewBox", VIEW_BOX);
    set(&svg, "role", "img");
    set(&svg, "aria-label", &describe_series(series, unit, label));
    set(&svg, "preserveAspectRatio", "none");
    for (i, point) in series.iter().enumerate() {
        let height = if max > 0.0 {
            (point.value.abs() / max * (HEIGHT - 2.0)).max(1.0)
        } else {
            1.0
        };
        let rect = dom.svg_element(&svg, "rect");
        set(&rect, "x", &decimal(i as f64 * (bar_width + GAP), 1));
        set(&rect, "y", &decimal(HEIGHT - height, 1));
        set(&rect, "width", &decimal(bar_width, 1));
        set(&rect, "height", &decimal(height, 1));
        set(&rect, "rx", "1.5");
    }
    let axis = dom.element(&figure, "figcaption", "series-axis");
    set(&axis, "aria-hidden", "true");
    for point in [series.first(), series.last()] {
        let span = dom.element(&axis, "span", "");
        dom.text(&span, point.map(|p| p.label.as_str()).unwrap_or_default());
    }
}
