//! The sections after the lead of an article shown once complete, built in slices: a long one
//! paints its first screen before the rest is built, and the page stays responsive meanwhile.
//! (An article shown while it arrives gets its sections as they come: `ArticleRest::add`.)

use std::time::Duration;

use leptos::prelude::*;
use web_sys::Element;

use crate::model::{PlacedMark, Section};
use crate::view::accordion::SectionStates;
use crate::view::mount::insert_static_view;
use crate::view::section::SectionView;

/// Sections built before the first paint: more than a screen on any device.
const FIRST_SLICE: usize = 40;
/// Sections added per task afterwards: about 50 ms of work each on the 2-core test machine;
/// slices of 250 made a 2,000-section article complete about 10 % later.
const SLICE: usize = 500;

/// One section with its index and marks.
pub type PendingSection = (usize, Section, Vec<PlacedMark>);

/// Inserts `sections` into `parent` before `before`, a slice per task, and sets `complete` once
/// all of them are in the page.
pub fn build_progressive(
    parent: &Element,
    before: &Element,
    states: &SectionStates,
    mut sections: impl Iterator<Item = PendingSection>,
    complete: RwSignal<bool>,
) {
    let first = sections.by_ref().take(FIRST_SLICE);
    insert_slice(parent, Some(before), states, first);
    let slices: Vec<Vec<PendingSection>> = std::iter::from_fn(|| {
        let slice: Vec<PendingSection> = sections.by_ref().take(SLICE).collect();
        (!slice.is_empty()).then_some(slice)
    })
    .collect();
    let owner = Owner::current().expect("sections are built under a reactive owner");
    let target = (parent.clone(), before.clone(), states.clone());
    insert_in_turn(owner, target, slices, complete);
}

/// Inserts `sections` into `parent` at once, before `before` or at the end (the lead; the few
/// of an article shown before all of it arrived).
pub fn insert_now(
    parent: &Element,
    before: Option<&Element>,
    states: &SectionStates,
    sections: impl Iterator<Item = PendingSection>,
) {
    insert_slice(parent, before, states, sections);
}

/// Renders sections in the state they have now (the reader may have opened or closed some with
/// "show all" before they were built) as one view, inserted before `before` (at the end without
/// it), and tells the
/// states which element is which section.
fn insert_slice(
    parent: &Element,
    before: Option<&Element>,
    states: &SectionStates,
    sections: impl Iterator<Item = PendingSection>,
) {
    let mut built = Vec::new();
    let region = states.panels_are_regions();
    let slice = sections
        .filter_map(|(index, section, marks)| {
            let (id, open) = states.id_and_state(index)?;
            built.push(index);
            Some(view! { <SectionView section id open marks region /> })
        })
        .collect_view();
    // Built in a detached element, then moved into the page at once: one insertion into the
    // live document per slice instead of one per section (building 2,000 sections took about
    // 400 ms in a CPU profile inserting each into the page, 334 ms this way).
    let document = document();
    let Ok(holder) = document.create_element("div") else {
        return;
    };
    insert_static_view(&holder, None, slice);
    let mut element = holder.first_element_child();
    for index in built {
        let Some(section) = element else { break };
        element = section.next_element_sibling();
        states.built(index, section);
    }
    let moved = document.create_range().and_then(|range| {
        range.select_node_contents(&holder)?;
        range.extract_contents()
    });
    if let Ok(fragment) = moved {
        _ = parent.insert_before(&fragment, before.map(|before| before.as_ref()));
    }
}

/// Inserts the slices one task after another, so the browser can paint and handle input in
/// between; then marks the list complete. Stops when the article's owner has been cleaned up
/// (another article was loaded): its signals are gone then.
fn insert_in_turn(
    owner: Owner,
    target: (Element, Element, SectionStates),
    mut slices: Vec<Vec<PendingSection>>,
    complete: RwSignal<bool>,
) {
    if slices.is_empty() {
        _ = complete.try_set(true);
        return;
    }
    let slice = slices.remove(0);
    set_timeout(
        move || {
            if complete.try_get_untracked().is_none() {
                return;
            }
            let (parent, before, states) = &target;
            owner.with(|| insert_slice(parent, Some(before), states, slice.into_iter()));
            insert_in_turn(owner, target, slices, complete);
        },
        Duration::ZERO,
    );
}
