//! The sections after the lead, rendered in slices: a long article paints its first screen
//! before the rest is built, and the page stays responsive while the rest arrives.

use std::time::Duration;

use leptos::prelude::*;

use crate::model::{PlacedMark, Section};
use crate::view::accordion::SectionState;
use crate::view::section::SectionView;

/// Sections rendered before the first paint: more than a screen on any device.
const FIRST_SLICE: usize = 40;
/// Sections added per task afterwards.
const SLICE: usize = 250;

/// One section with what it needs to render.
pub type PendingSection = (Section, SectionState, Vec<PlacedMark>);

/// Renders `sections` in slices and sets `complete` once all of them are in the page.
#[component]
pub fn ProgressiveSections(
    /// The sections after the lead, in order.
    sections: Vec<PendingSection>,
    /// Becomes true when the last section is in the page (immediately for short articles).
    complete: RwSignal<bool>,
) -> impl IntoView {
    let total = sections.len();
    let slots = StoredValue::new(sections.into_iter().map(Some).collect::<Vec<_>>());
    let shown = RwSignal::new(FIRST_SLICE.min(total));
    if total <= FIRST_SLICE {
        complete.set(true);
    } else {
        add_slices(shown, total, complete);
    }
    view! {
        <For
            each=move || 0..shown.get()
            key=|index| *index
            children=move |index| {
                slots
                    .try_update_value(|slots| slots[index].take())
                    .flatten()
                    .map(|(section, state, marks)| view! { <SectionView section state marks /> })
            }
        />
    }
}

/// Adds a slice in a new task, so the browser can paint and handle input in between.
fn add_slices(shown: RwSignal<usize>, total: usize, complete: RwSignal<bool>) {
    set_timeout(
        move || {
            if shown.is_disposed() {
                return;
            }
            let next = (shown.get_untracked() + SLICE).min(total);
            shown.set(next);
            if next == total {
                complete.set(true);
            } else {
                add_slices(shown, total, complete);
            }
        },
        Duration::ZERO,
    );
}
