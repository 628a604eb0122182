//! The sections after the lead, rendered in slices: a long article paints its first screen
//! before the rest is built, and the page stays responsive while the rest arrives.

use std::time::Duration;

use leptos::prelude::*;

use crate::model::{PlacedMark, Section};
use crate::view::accordion::SectionState;
use crate::view::section::SectionView;

/// Sections rendered before the first paint: more than a screen on any device.
const FIRST_SLICE: usize = 40;
/// Sections added per task afterwards: about 50 ms of work each on the 2-core test machine;
/// slices of 250 made a 2,000-section article complete about 10 % later.
const SLICE: usize = 500;

/// One section with what it needs to render.
pub type PendingSection = (Section, SectionState, Vec<PlacedMark>);

/// Renders `sections` in slices and sets `complete` once all of them are in the page.
///
/// Each later slice is a closure that renders nothing until its switch is turned on, then its
/// sections, once. That is all the bookkeeping a list that only ever grows at its end needs
/// (a keyed `<For>` here measured 3.5 KB more gzip wasm).
#[component]
pub fn ProgressiveSections(
    /// The sections after the lead, in order.
    sections: Vec<PendingSection>,
    /// Becomes true when the last section is in the page (immediately for short articles).
    complete: RwSignal<bool>,
) -> impl IntoView {
    let mut sections = sections.into_iter();
    let first: Vec<AnyView> = sections.by_ref().take(FIRST_SLICE).map(render).collect();
    let mut switches = Vec::new();
    let mut later = Vec::new();
    while sections.len() > 0 {
        let slice: Vec<PendingSection> = sections.by_ref().take(SLICE).collect();
        let shown = RwSignal::new(false);
        let pending = StoredValue::new(Some(slice));
        switches.push(shown);
        later.push(move || {
            shown
                .get()
                .then(|| pending.try_update_value(Option::take).flatten())
                .flatten()
                .map(|slice| slice.into_iter().map(render).collect::<Vec<_>>())
        });
    }
    show_in_turn(switches, complete);
    view! { {first} {later} }
}

fn render((section, state, marks): PendingSection) -> AnyView {
    view! { <SectionView section state marks /> }.into_any()
}

/// Turns the switches on one task after another, so the browser can paint and handle input in
/// between; then marks the list complete.
fn show_in_turn(mut switches: Vec<RwSignal<bool>>, complete: RwSignal<bool>) {
    if switches.is_empty() {
        // The view may be gone by now (another article was loaded): then there is nothing to do.
        _ = complete.try_set(true);
        return;
    }
    let next = switches.remove(0);
    set_timeout(
        move || {
            // `try_set` hands the value back when the view is gone; then stop.
            if next.try_set(true).is_none() {
                show_in_turn(switches, complete);
            }
        },
        Duration::ZERO,
    );
}
