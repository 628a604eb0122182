//! A list of any length of which only the rows near the viewport are built: the rows above and
//! below are stood in for by the list's padding, sized from the rows' measured heights (an
//! estimate until a row has been seen). Scrolling, resizing and new content move the window.
//! Each row says its place (`aria-posinset` of `aria-setsize`), so a screen reader announces
//! "12 of 3,400" although the list holds twenty rows; keyboard focus moving down the links
//! scrolls, which builds the rows that follow.

use std::sync::Arc;

use leptos::html::Ul;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::view::page::viewport_height;

/// The height a row is taken to have before any is measured, in CSS pixels: an entry with a
/// standfirst of two lines on a wide screen. Once rows are measured, their mean stands in for
/// the rows not yet seen, so the list's length is right early and the scroll bar does not jump.
const ESTIMATED_ROW: f64 = 150.0;

/// Rows built at first, before anything is measured: what a tall screen shows (rows with a
/// standfirst are about 150 px high); each needs its entry downloaded, so no more.
const FIRST_ROWS: usize = 12;

/// The list.
#[component]
pub fn VirtualList<F, V>(
    /// What the list holds, in order (here, newest-first positions in the library).
    items: Memo<Arc<[u32]>>,
    /// The row for the item at an index: an `<li>` carrying `data-index`.
    row: F,
    /// Tracked to measure again when rows may have changed height (content arrived).
    content: Signal<usize>,
    /// The range of indexes built, for the caller to fetch what those rows need.
    window: RwSignal<(usize, usize)>,
    /// The range of indexes on the screen (within the built ones), for what only a row the
    /// reader sees needs.
    seen: RwSignal<(usize, usize)>,
    /// The list's class.
    #[prop(into)]
    class: String,
) -> impl IntoView
where
    F: Fn(usize, u32) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let list = NodeRef::<Ul>::new();
    // Each row's measured height, or NaN while it has not been seen.
    let heights = StoredValue::new(Vec::<f64>::new());
    let padding = RwSignal::new((0.0_f64, 0.0_f64));
    // A new list starts at its top, with what is known of nothing measured; a list that only
    // grew at its end (more results) keeps its rows and their heights.
    let before = StoredValue::new(Arc::<[u32]>::from([]));
    Effect::new(move |_| {
        let now = items.get();
        let len = now.len();
        let grew = before.with_value(|old| !old.is_empty() && now.starts_with(old));
        before.set_value(now);
        if grew {
            heights.update_value(|heights| heights.resize(len, f64::NAN));
            return;
        }
        heights.set_value(vec![f64::NAN; len]);
        window.set((0, len.min(FIRST_ROWS)));
        padding.set((0.0, ESTIMATED_ROW * len.saturating_sub(FIRST_ROWS) as f64));
    });
    let relayout = move || {
        let Some(element) = list.get_untracked() else {
            return;
        };
        measure(&element, heights);
        let top = element.get_bounding_client_rect().top();
        let screen = viewport_height().unwrap_or(800.0);
        // From a screen above the viewport to a screen below it, in the list's coordinates.
        let (from, to) = (-top - screen, -top + 2.0 * screen);
        let (view_from, view_to) = (-top, -top + screen);
        let (start, end, before, after, on_screen) = heights.with_value(|measured| {
            let seen: Vec<f64> = measured.iter().copied().filter(|h| !h.is_nan()).collect();
            let guess = if seen.is_empty() {
                ESTIMATED_ROW
            } else {
                seen.iter().sum::<f64>() / seen.len() as f64
            };
            let heights: Vec<f64> = measured
                .iter()
                .map(|h| if h.is_nan() { guess } else { *h })
                .collect();
            let (mut start, mut end, mut offset) = (heights.len(), heights.len(), 0.0);
            let mut before = 0.0;
            let (mut first_seen, mut last_seen) = (None, 0);
            for (i, height) in heights.iter().enumerate() {
                if start == heights.len() && offset + height > from {
                    start = i;
                    before = offset;
                }
                if offset < view_to && offset + height > view_from {
                    first_seen.get_or_insert(i);
                    last_seen = i + 1;
                }
                if offset >= to {
                    end = i;
                    break;
                }
                offset += height;
            }
            let start = start.min(end);
            let total: f64 = heights.iter().sum();
            let built: f64 = heights[start..end].iter().sum();
            let first_seen = first_seen.unwrap_or(0).max(start);
            let on_screen = (first_seen, last_seen.clamp(first_seen, end.max(first_seen)));
            (start, end, before, total - before - built, on_screen)
        });
        if window.get_untracked() != (start, end) {
            window.set((start, end));
        }
        if seen.get_untracked() != on_screen {
            seen.set(on_screen);
        }
        if padding.get_untracked() != (before, after) {
            padding.set((before, after));
        }
    };
    // Once a change of rows is on the screen, measure them and place the window again.
    let pending = StoredValue::new(false);
    let schedule = move || {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            pending.set_value(false);
            relayout();
        });
    };
    Effect::new(move |_| {
        window.track();
        content.track();
        items.track();
        schedule();
    });
    let scroll = window_event_listener(leptos::ev::scroll, move |_| schedule());
    let resize = window_event_listener(leptos::ev::resize, move |_| schedule());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    view! {
        <ul
            class=class
            node_ref=list
            style:padding-top=move || format!("{}px", padding.get().0)
            style:padding-bottom=move || format!("{}px", padding.get().1)
        >
            <For
                each=move || {
                    let (start, end) = window.get();
                    items.with(|items| {
                        let end = end.min(items.len());
                        (start.min(end)..end).map(|i| (i, items[i])).collect::<Vec<_>>()
                    })
                }
                key=|pair| *pair
                children=move |(i, item)| row(i, item)
            />
        </ul>
    }
}

/// Records the height of every row built, by its `data-index`.
fn measure(list: &web_sys::HtmlUListElement, heights: StoredValue<Vec<f64>>) {
    let rows = list.children();
    heights.update_value(|heights| {
        for i in 0..rows.length() {
            let Some(row) = rows.item(i) else { continue };
            let index = row
                .get_attribute("data-index")
                .and_then(|index| index.parse::<usize>().ok());
            if let (Some(index), Ok(row)) = (index, row.dyn_into::<web_sys::HtmlElement>())
                && let Some(height) = heights.get_mut(index)
            {
                *height = f64::from(row.offset_height());
            }
        }
    });
}
