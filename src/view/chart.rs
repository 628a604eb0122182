//! A figure's series as a small bar chart drawn in SVG: no chart library for a few bars.

use leptos::prelude::*;

use crate::model::{SeriesPoint, decimal, describe_series};

const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 64.0;
const GAP: f64 = 4.0;

/// Bars for each point, with a text alternative that gives every number, and the first and
/// last labels under them.
#[component]
pub fn SeriesChart(
    /// The labelled values, in order.
    series: Vec<SeriesPoint>,
    /// Unit of the values, for the text alternative.
    unit: Option<String>,
    /// What the figure measures, for the text alternative.
    label: String,
) -> impl IntoView {
    let max = series.iter().map(|p| p.value.abs()).fold(0.0_f64, f64::max);
    let count = series.len().max(1) as f64;
    let bar_width = ((WIDTH - GAP * (count - 1.0)) / count).max(1.0);
    let description = describe_series(&series, unit.as_deref(), &label);
    let bars = series
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let height = if max > 0.0 {
                (point.value.abs() / max * (HEIGHT - 2.0)).max(1.0)
            } else {
                1.0
            };
            view! {
                <rect
                    x=decimal(i as f64 * (bar_width + GAP), 1)
                    y=decimal(HEIGHT - height, 1)
                    width=decimal(bar_width, 1)
                    height=decimal(height, 1)
                    rx="1.5"
                ></rect>
            }
        })
        .collect_view();
    let first = series.first().map(|p| p.label.clone()).unwrap_or_default();
    let last = series.last().map(|p| p.label.clone()).unwrap_or_default();
    view! {
        <figure class="series">
            <svg
                class="series-chart"
                viewBox="0 0 240 64"
                role="img"
                aria-label=description
                preserveAspectRatio="none"
            >
                {bars}
            </svg>
            <figcaption class="series-axis" aria-hidden="true">
                <span>{first}</span>
                <span>{last}</span>
            </figcaption>
        </figure>
    }
}
