//! The sections after the lead of an article shown once complete, built in slices: a long one
//! paints its first screen before the rest is built, and the page stays responsive meanwhile.
//! (An article shown while it arrives gets its sections as they come: `ArticleRest::add`.)

use leptos::prelude::*;
use web_sys::Element;

use crate::model::{PlacedMark, Section};
use crate::schedule::{SECTIONS_AT_A_TIME, TaskClock, in_frames, screenful};
use crate::view::accordion::SectionStates;
use crate::view::mount::insert_static_view;
use crate::view::names::{LATER_GROUP, SECTION_GROUP};
use crate::view::section::SectionView;

/// The class of a group of sections, on the client as in a written page: `later` for a group
/// after the first screen, whose off-screen panels the stylesheet lets the browser skip.
pub fn group_class(later: bool) -> &'static str {
    if later {
        LATER_GROUP
    } else {
        SECTION_GROUP.name
    }
}

/// One section with its index and marks.
pub type PendingSection = (usize, Section, Vec<PlacedMark>);

/// `sections`, the first of which is section `first` of the article, with their indices and
/// marks, ready to build.
pub fn pending_sections(
    sections: Vec<Section>,
    first: usize,
    marks: &[PlacedMark],
) -> impl Iterator<Item = PendingSection> + '_ {
    sections.into_iter().enumerate().map(move |(i, section)| {
        let index = first + i;
        let marks: Vec<PlacedMark> = marks
            .iter()
            .filter(|m| m.section == index)
            .copied()
            .collect();
        (index, section, marks)
    })
}

/// Inserts `sections` into `parent` before `before`: the first screen at once, the rest in
/// short tasks after it has painted (see [`crate::schedule`]); sets `complete` once all of them
/// are in the page. Stops when the article's owner has been cleaned up (another article was
/// loaded): its signals are gone then.
pub fn build_progressive(
    parent: &Element,
    before: &Element,
    states: &SectionStates,
    sections: impl Iterator<Item = PendingSection>,
    all_in_page: RwSignal<bool>,
) {
    let mut sections = sections.peekable();
    let first = sections.by_ref().take(screenful());
    insert_sections(parent, Some(before), states, first, true);
    if sections.peek().is_none() {
        all_in_page.set(true);
        return;
    }
    let mut rest = sections
        .collect::<Vec<PendingSection>>()
        .into_iter()
        .peekable();
    let owner = Owner::current().expect("sections are built under a reactive owner");
    let (parent, before, states) = (parent.clone(), before.clone(), states.clone());
    in_frames(move || {
        if all_in_page.try_get_untracked().is_none() {
            return false;
        }
        let clock = TaskClock::start();
        while rest.peek().is_some() && !clock.spent() {
            let batch = rest.by_ref().take(SECTIONS_AT_A_TIME);
            owner.with(|| insert_sections(&parent, Some(&before), &states, batch, false));
        }
        let more = rest.peek().is_some();
        if !more {
            all_in_page.set(true);
        }
        more
    });
}

/// Renders sections in the state they have now (the reader may have opened or closed some with
/// "show all" before they were built) as one view, in a new `<div class="section-group">`
/// inserted before `before` (at the end without it), and tells the states which element is
/// which section. `first_screen` for the sections built before the first paint: the stylesheet
/// skips the layout of off-screen panels only in later groups (`.later`).
///
/// The group is built detached, then inserted at once: one insertion into the live document
/// instead of one per section. And the browser lays out and paints each group on its own
/// (`contain: layout style` in the stylesheet), so a page growing by a group per frame costs
/// about the same each frame instead of more as it grows (both measured: docs/performance.md,
/// "Measured reasons"). The group is a generic element: the accessibility tree, reader modes
/// and find-in-page are as without it.
pub fn insert_sections(
    parent: &Element,
    before: Option<&Element>,
    states: &SectionStates,
    sections: impl Iterator<Item = PendingSection>,
    first_screen: bool,
) {
    let mut built = Vec::new();
    let region = states.panels_are_regions();
    let slice = sections
        .filter_map(|(index, section, marks)| {
            let (id, open) = states.id_and_state(index)?;
            built.push((index, id.clone()));
            Some(view! { <SectionView section id open marks region /> })
        })
        .collect_view();
    if built.is_empty() {
        return;
    }
    // Not a `view!` element with the sections as its child: with `erase_components`, Leptos
    // wraps an element's children in a list of its own, whose marker would add a comment to
    // every group and make the page's DOM differ from a written page's.
    let Ok(group) = document().create_element("div") else {
        return;
    };
    group.set_class_name(group_class(!first_screen));
    insert_static_view(&group, None, slice);
    // Each section is found by its page id, among the group's children in order.
    let children = group.children();
    let mut next = 0;
    for (index, id) in built {
        while let Some(child) = children.item(next) {
            next += 1;
            if child.id() == id {
                states.built(index, child);
                break;
            }
        }
    }
    _ = parent.insert_before(&group, before.map(|before| before.as_ref()));
}
