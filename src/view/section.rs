//! A section: a lead without heading, or a collapsible section following the WAI-ARIA accordion
//! pattern. The toggle is the only element inside the `<h2>` and a real `<button>`, so Enter and
//! Space work natively. Closed panels use `hidden="until-found"`: find-in-page can still reach
//! their text, and `beforematch` opens the section; browsers without it treat the value as
//! ordinary `hidden`.

use std::rc::Rc;

use leptos::prelude::*;

use crate::model::{PlacedMark, Section};
use crate::view::accordion::SectionState;
use crate::view::announce::CopyLinkButton;
use crate::view::blocks::SectionBlocks;
use crate::view::dom::{Content, fill};
use crate::view::page::replace_fragment;

/// Renders one section with its open/closed state.
#[component]
pub fn SectionView(
    /// The section's content.
    section: Section,
    /// Its page id and open state.
    state: SectionState,
    /// Key-figure phrases marked in this section's text.
    #[prop(optional)]
    marks: Vec<PlacedMark>,
) -> impl IntoView {
    let SectionState { id, expanded, .. } = state;
    let blocks: Rc<dyn Content> = Rc::new(SectionBlocks {
        section_id: id.clone(),
        blocks: section.blocks,
        marks,
    });
    let Some(heading) = section.heading else {
        return view! { <section class="section section-lead" id=id use:fill=blocks></section> }
            .into_any();
    };
    let toggle_id = format!("{id}--toggle");
    let panel_id = format!("{id}--panel");
    let toggle = {
        let id = id.clone();
        move |_| {
            let open = !expanded.get_untracked();
            expanded.set(open);
            if open {
                replace_fragment(&id);
            }
        }
    };
    let copy_label = format!("section: {heading}");
    let heading_copy = heading.clone();
    let copy_id = id.clone();
    view! {
        <section class="section" id=id class:is-open=move || expanded.get()>
            <div class="section-header">
                <h2 class="section-heading">
                    <button
                        type="button"
                        class="section-toggle"
                        id=toggle_id.clone()
                        aria-expanded=move || expanded.get().to_string()
                        aria-controls=panel_id.clone()
                        on:click=toggle
                    >
                        <span class="section-heading-text">{heading}</span>
                        <span class="section-toggle-hint" aria-hidden="true">
                            {move || if expanded.get() { "Hide" } else { "Show" }}
                        </span>
                    </button>
                </h2>
                <CopyLinkButton id=copy_id label=copy_label />
            </div>
            // Reader modes (Readability) drop <button>, and with it the heading text above.
            // This copy is display:none by stylesheet: invisible to people, assistive
            // technology, find-in-page and print, but kept by reader modes.
            <h2 class="reader-only">{heading_copy}</h2>
            <div
                class="section-panel"
                id=panel_id
                role="region"
                aria-labelledby=toggle_id
                hidden=move || (!expanded.get()).then_some("until-found")
                on:beforematch=move |_: web_sys::Event| expanded.set(true)
                use:fill=blocks
            ></div>
        </section>
    }
    .into_any()
}
