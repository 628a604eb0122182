//! A written page's sections made live where the reader is. The page shows every section open,
//! as it reads without scripts; making one live (its toggle a button, its state as published
//! or as the reader left it) is a small change, but on a long article every frame in which
//! the page changed cost the browser a layout of all of it, so making thousands live up front
//! kept a phone busy for seconds before the reader did anything (docs/performance.md, "Written
//! pages"). So the sections in the window are made live at once, and every other one waits,
//! exactly as the page without scripts shows it, until:
//! - its group of sections comes within a window's height of the window (an
//!   `IntersectionObserver`), so a section published closed has closed before it is seen;
//! - the keyboard focus moves into its group, or Tab or Shift+Tab is pressed next to it, so
//!   moving through the page by keyboard reaches every toggle;
//! - anything acts on it: its heading pressed, a link to it from the contents, a key figure or
//!   a `#fragment`, "show all" ([`SectionStates`] wakes a section before changing it).

use std::ops::Range;
use std::rc::Rc;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use crate::schedule::{TaskClock, in_frames};
use crate::view::accordion::SectionStates;
use crate::view::dom::listen;
use crate::view::names::SECTION_GROUP;
use crate::view::page::viewport_height;
use crate::view::reading::count_leading;

/// How far beyond the window a group of sections is made live: a window's height above and
/// below, so one scrolled to is live before it is on screen.
const AHEAD: &str = "100% 0px";

/// The pre-rendered sections, and the groups they stand in (`article pages` writes them in
/// groups, so the browser can skip laying out the panels of far ones).
struct Groups {
    sections: Vec<Element>,
    groups: Vec<(Element, Range<usize>)>,
}

/// Which of `sections` (in page order) the window shows. Read before anything on the page
/// changes: it has been laid out for its first paint, so this costs nothing now.
pub fn in_window(sections: &[Element]) -> Range<usize> {
    let height = viewport_height().unwrap_or(0.0);
    let first = count_leading(sections.len(), |i| {
        sections[i].get_bounding_client_rect().bottom() <= 0.0
    });
    let end = count_leading(sections.len(), |i| {
        sections[i].get_bounding_client_rect().top() < height
    });
    first..end.max(first)
}

/// Makes the sections in `window` live now, and every other section of `article` when the
/// reader comes to it (see the module's doc). `sections` are the article's sections in page
/// order, as `states` has them.
pub fn wake_where_the_reader_is(
    states: &SectionStates,
    article: &Element,
    sections: Vec<Element>,
    window: Range<usize>,
) {
    for (index, section) in sections.iter().enumerate() {
        states.sleep(index, section.clone());
    }
    for index in window {
        states.wake(index, false);
    }
    let groups = Rc::new(Groups {
        groups: groups_of(article),
        sections,
    });
    match watch(states.clone(), groups.clone()) {
        Some(observer) => {
            for (group, range) in &groups.groups {
                if range.clone().any(|index| states.is_asleep(index)) {
                    observer.observe(group);
                }
            }
        }
        None => wake_all_in_frames(states.clone(), groups.sections.len()),
    }
    let by_keyboard = states.clone();
    let near = groups.clone();
    listen(article, "keydown", move |event| {
        if let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>()
            && event.key() == "Tab"
        {
            wake_at_focus(&by_keyboard, &near, Some(event.shift_key()));
        }
    });
    let focused = states.clone();
    listen(article, "focusin", move |_| {
        wake_at_focus(&focused, &groups, None);
    });
}

/// Each section group of `article` with the indices of its sections.
fn groups_of(article: &Element) -> Vec<(Element, Range<usize>)> {
    let collection = article.get_elements_by_class_name(SECTION_GROUP.name);
    let mut start = 0;
    (0..collection.length())
        .filter_map(|i| collection.item(i))
        .map(|group| {
            let end = start + group.child_element_count() as usize;
            let range = start..end;
            start = end;
            (group, range)
        })
        .collect()
}

/// An observer waking each group of sections that comes near the window, and forgetting it.
fn watch(states: SectionStates, groups: Rc<Groups>) -> Option<IntersectionObserver> {
    let callback = Closure::<dyn Fn(js_sys::Array, IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: IntersectionObserver| {
            let height = viewport_height().unwrap_or(0.0);
            // Every place read first, while the page is laid out; then the changes.
            let mut plans = Vec::new();
            for entry in entries.iter() {
                let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                    continue;
                };
                if !entry.is_intersecting() {
                    continue;
                }
                let target = entry.target();
                observer.unobserve(&target);
                let Some((_, range)) = groups.groups.iter().find(|(group, _)| *group == target)
                else {
                    continue;
                };
                let below = entry.bounding_client_rect().top() >= height;
                plans.push(closing(&groups.sections, range.clone(), below, height));
            }
            for plan in plans {
                wake(&states, plan);
            }
        },
    );
    let options = IntersectionObserverInit::new();
    options.set_root_margin(AHEAD);
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok();
    // The observer lives as long as the page.
    callback.forget();
    observer
}

/// Wakes the group holding the focused element and, with `towards`, the group after it
/// (`Some(false)`, Tab) or before it (`Some(true)`, Shift+Tab) in page order: on a Tab key
/// that is before the browser moves the focus, so no toggle is passed over.
fn wake_at_focus(states: &SectionStates, groups: &Groups, towards: Option<bool>) {
    let Some(focused) = document().active_element() else {
        return;
    };
    let mut chosen = Vec::new();
    let position = |group: &Element| focused.compare_document_position(group);
    let holding = groups
        .groups
        .iter()
        .position(|(group, _)| group.contains(Some(&focused)));
    if let Some(at) = holding {
        chosen.push(at);
    }
    let following = web_sys::Node::DOCUMENT_POSITION_FOLLOWING;
    let preceding = web_sys::Node::DOCUMENT_POSITION_PRECEDING;
    match (towards, holding) {
        (Some(false), Some(at)) => chosen.push(at + 1),
        (Some(true), Some(at)) if at > 0 => chosen.push(at - 1),
        (Some(false), None) => chosen.extend(
            groups
                .groups
                .iter()
                .position(|(group, _)| position(group) & following != 0),
        ),
        (Some(true), None) => chosen.extend(
            groups
                .groups
                .iter()
                .rposition(|(group, _)| position(group) & preceding != 0),
        ),
        _ => {}
    }
    let height = viewport_height().unwrap_or(0.0);
    let plans: Vec<_> = chosen
        .into_iter()
        .filter_map(|at| groups.groups.get(at))
        .filter(|(_, range)| range.clone().any(|index| states.is_asleep(index)))
        .map(|(_, range)| closing(&groups.sections, range.clone(), false, height))
        .collect();
    for plan in plans {
        wake(states, plan);
    }
}

/// For each section of `range`, whether it may close when woken: only below the window
/// (`all_below` when the whole group is known to be), and never with the focus inside.
fn closing(sections: &[Element], range: Range<usize>, all_below: bool, height: f64) -> Plan {
    let focused = document().active_element();
    let may_close = range
        .clone()
        .map(|index| {
            let section = &sections[index];
            let below = all_below || section.get_bounding_client_rect().top() >= height;
            below && !section.contains(focused.as_ref().map(AsRef::as_ref))
        })
        .collect();
    Plan { range, may_close }
}

/// What waking a group will do, decided before any change is made.
struct Plan {
    range: Range<usize>,
    may_close: Vec<bool>,
}

fn wake(states: &SectionStates, plan: Plan) {
    for (index, may_close) in plan.range.zip(plan.may_close) {
        states.wake(index, may_close);
    }
}

/// Without `IntersectionObserver`: every section made live after the first paint, in short
/// tasks, open as it is shown.
fn wake_all_in_frames(states: SectionStates, count: usize) {
    let mut next = 0;
    in_frames(move || {
        let clock = TaskClock::start();
        while next < count && !clock.spent() {
            states.wake(next, false);
            next += 1;
        }
        next < count
    });
}
