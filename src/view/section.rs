//! A section: a lead without heading, or a collapsible section following the WAI-ARIA accordion
//! pattern (the toggle is a real `<button>` inside the `<h2>`, so Enter and Space work natively).

use leptos::prelude::*;

use crate::model::Section;
use crate::view::article::SectionState;
use crate::view::blocks::BlockView;

/// Renders one section with its open/closed state.
#[component]
pub fn SectionView(
    /// The section's content.
    section: Section,
    /// Its page id and open state.
    state: SectionState,
) -> impl IntoView {
    let SectionState { id, expanded } = state;
    let blocks = section
        .blocks
        .into_iter()
        .map(|block| view! { <BlockView block /> })
        .collect_view();
    let Some(heading) = section.heading else {
        return view! { <section class="section section-lead" id=id>{blocks}</section> }.into_any();
    };
    let toggle_id = format!("{id}--toggle");
    let panel_id = format!("{id}--panel");
    view! {
        <section class="section" id=id class:is-open=move || expanded.get()>
            <h2 class="section-heading">
                <button
                    type="button"
                    class="section-toggle"
                    id=toggle_id.clone()
                    aria-expanded=move || expanded.get().to_string()
                    aria-controls=panel_id.clone()
                    on:click=move |_| expanded.update(|open| *open = !*open)
                >
                    <span class="section-heading-text">{heading}</span>
                    <span class="section-toggle-hint" aria-hidden="true">
                        {move || if expanded.get() { "Hide" } else { "Show" }}
                    </span>
                </button>
            </h2>
            <div
                class="section-panel"
                id=panel_id
                role="region"
                aria-labelledby=toggle_id
                hidden=move || !expanded.get()
            >
                {blocks}
            </div>
        </section>
    }
    .into_any()
}
