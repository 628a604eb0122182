//! The table of contents: a list of section links that open and scroll to their section, with
//! the section being read marked as current.

use leptos::prelude::*;

use crate::view::accordion::SectionStates;
use crate::view::page::replace_fragment;
use crate::view::reading::ReadingPosition;

/// `<nav aria-label="Contents">` listing every headed section.
#[component]
pub fn TableOfContents(
    /// `(section index, heading)` for each headed section.
    entries: Vec<(usize, String)>,
    /// The tracked reading position, to mark the current entry.
    position: ReadingPosition,
) -> impl IntoView {
    let states = expect_context::<SectionStates>();
    // Only the entries that gain or lose the mark re-render, not every entry of a long list.
    let current_section = Selector::new(move || position.current.get());
    let items = entries
        .into_iter()
        .map(|(index, heading)| {
            let id = states.all()[index].id.clone();
            let href = format!("#{id}");
            let states = states.clone();
            let current = {
                let current_section = current_section.clone();
                move || current_section.selected(&Some(index))
            };
            let follow = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                replace_fragment(&id);
                states.open_and_reveal(index);
            };
            view! {
                <li>
                    <a
                        href=href
                        class="contents-link"
                        class:is-current=current.clone()
                        aria-current=move || current().then_some("true")
                        on:click=follow
                    >
                        {heading}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        // role="navigation" repeats <nav>'s own role on purpose: reader modes drop elements
        // with that explicit role, and a list of links to collapsed sections is no use there.
        <nav class="contents" role="navigation" aria-label="Contents">
            <h2 class="rail-title">"Contents"</h2>
            <ol class="contents-list">{items}</ol>
        </nav>
    }
}
