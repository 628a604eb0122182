//! A section: a lead without heading, or a collapsible section following the WAI-ARIA accordion
//! pattern. The toggle is the only element inside the `<h2>` and a real `<button>`, so Enter and
//! Space work natively. Closed panels use `hidden="until-found"`: find-in-page can still reach
//! their text, and `beforematch` opens the section; browsers without it treat the value as
//! ordinary `hidden`.
//!
//! Long articles have thousands of sections, so each is rendered once and has no reactive state
//! of its own: a change of its open state is written to it by [`show_open`]; clicks on toggles
//! and `beforematch` are handled once for the whole article
//! ([`SectionStates::handle_click`], [`SectionStates::handle_before_match`]).
//!
//! [`SectionStates::handle_click`]: crate::view::accordion::SectionStates::handle_click
//! [`SectionStates::handle_before_match`]: crate::view::accordion::SectionStates::handle_before_match

#[cfg(not(target_arch = "wasm32"))]
use leptos::either::Either;
use leptos::prelude::*;
use web_sys::Element;

use crate::i18n::{Msg, say, tr, tr_fill};
use crate::model::{PlacedMark, Section};
use crate::view::announce::CopyLinkButton;
use crate::view::blocks::Blocks;
use crate::view::dom::{set_attr, set_flag};
use crate::view::mount::insert_static_view;
use crate::view::names::{self, SECTION_PANEL, SECTION_TOGGLE, TOGGLE_HINT};
use crate::view::ui_text::lang_attrs;

/// The attribute of a part of a pre-rendered page not yet taken over (a section, the rail):
/// the stylesheet hides the copy-link buttons inside it, which cannot work yet. Per part, not
/// one class on the whole page, so that the take-over makes the parts live one at a time
/// without the browser restyling every copy-link button of a long article at once.
pub const PRERENDERED_PART: &str = "data-prerendered";

/// One section with page id `id`, open or closed as it is when built. Static markup: a later
/// change of its open state is written to its elements by [`show_open`], so thousands of
/// sections need no effect or listener each.
#[component]
pub fn SectionView(
    /// The section (its blocks move into the page).
    section: Section,
    /// Its unique page id.
    id: String,
    /// Whether it is open now.
    open: bool,
    /// Key-figure phrases in it.
    marks: Vec<PlacedMark>,
    /// Whether its panel is a landmark region: only in an article of a few sections, since a
    /// page of many regions makes the landmark list useless (WAI-ARIA APG accordion).
    region: bool,
    /// Whether its controls work now. A page pre-rendered by `article pages` is read before
    /// the app starts, or without it: its sections are all open, and the toggle is the
    /// heading's text in a `<span>`, made a button when the app takes the page over
    /// (`view::takeover`). Until then it carries [`PRERENDERED_PART`], under which the
    /// stylesheet hides its copy-link buttons. Published closed sections say so in
    /// `data-collapsed`.
    #[prop(default = true)]
    live: bool,
) -> impl IntoView {
    let Section {
        heading,
        blocks,
        collapsed,
        ..
    } = section;
    let section_id = id.clone();
    let body = view! { <Blocks section_id blocks marks /> };
    let Some(heading) = heading else {
        // Not a <section>: it has no heading to name it.
        return view! {
            <div class="section section-lead" id=id data-prerendered=(!live).then_some("")>
                {body}
            </div>
        }
        .into_any();
    };
    let toggle_id = names::toggle_id(&id);
    let panel_id = names::panel_id(&id);
    let copy_label = tr_fill(Msg::CopyLinkToSection, &[&heading]);
    let (hint_lang, hint_dir) = lang_attrs(say(Msg::Hide));
    let open = open || !live;
    let hint = view! {
        // Not a search result snippet: it is the control's state, not the text.
        <span
            class=TOGGLE_HINT.name
            aria-hidden="true"
            data-nosnippet=""
            lang=hint_lang
            dir=hint_dir
        >
            {tr(if open { Msg::Hide } else { Msg::Show })}
        </span>
    };
    let text = view! { <span class="section-heading-text">{heading.clone()}</span> };
    // The pre-rendered form exists only natively (`article pages`): the page never builds it.
    #[cfg(target_arch = "wasm32")]
    let toggle = toggle_button(&id, open, text, hint);
    #[cfg(not(target_arch = "wasm32"))]
    let toggle = if live {
        Either::Left(toggle_button(&id, open, text, hint))
    } else {
        Either::Right(view! {
            <span class=SECTION_TOGGLE.name id=toggle_id.clone()>
                {text}
                {hint}
            </span>
        })
    };
    // Props of a nested component are evaluated before the outer element's attributes.
    let target = id.clone();
    view! {
        <section
            class=if open { "section is-open" } else { "section" }
            id=id
            data-collapsed=(!live && collapsed).then_some("")
            data-prerendered=(!live).then_some("")
        >
            <div class="section-header">
                <h2 class="section-heading">{toggle}</h2>
                <CopyLinkButton target label=copy_label />
            </div>
            // Reader modes (Readability) drop <button>, and with it the heading text above. This
            // copy is display:none by stylesheet: invisible to people, assistive technology,
            // find-in-page and print, but kept by reader modes.
            <h2 class="reader-only">{heading}</h2>
            <div
                class=SECTION_PANEL.name
                role=region.then_some("region")
                id=panel_id
                aria-labelledby=region.then_some(toggle_id)
                hidden=(!open).then_some("until-found")
            >
                {body}
            </div>
        </section>
    }
    .into_any()
}

/// The toggle of the headed section whose page id is `section_id`, in state `open`, holding
/// its `text` and `hint`: a `<button>` that controls the section's panel. One builder
/// for the page's sections and for the take-over of a written page's ([`make_live`]).
pub fn toggle_button<T: IntoView, H: IntoView>(
    section_id: &str,
    open: bool,
    text: T,
    hint: H,
) -> impl IntoView + use<T, H> {
    view! {
        <button
            class=SECTION_TOGGLE.name
            type="button"
            id=names::toggle_id(section_id)
            aria-controls=names::panel_id(section_id)
            aria-expanded=if open { "true" } else { "false" }
        >
            {text}
            {hint}
        </button>
    }
}

/// Makes the toggle of a headed section pre-rendered by [`SectionView`] (`live: false`) the
/// `<button>` the live section has ([`toggle_button`]), in state `open`: the heading's text and
/// hint already on the page move into it (they are not built again, and keep their size, so
/// nothing moves).
pub fn make_live(section: &Element, open: bool) {
    let toggle = section
        .query_selector(&format!(
            ":scope > .section-header > h2 > span{}",
            SECTION_TOGGLE.selector
        ))
        .ok()
        .flatten();
    let Some((toggle, heading)) = toggle.and_then(|t| t.parent_element().map(|h| (t, h))) else {
        return;
    };
    // Its id goes to the button.
    _ = toggle.remove_attribute("id");
    insert_static_view(
        &heading,
        Some(&toggle),
        toggle_button(&section.id(), open, (), ()),
    );
    let Some(button) = toggle.previous_element_sibling() else {
        return;
    };
    // Leptos's placeholder for the children it was not given (nothing keeps it).
    button.set_text_content(None);
    while let Some(child) = toggle.first_child() {
        _ = button.append_child(&child);
    }
    toggle.remove();
    show_open(section, open);
}

/// Shows a headed section built by `SectionView` open or closed. Its parts are found by the
/// class names `SectionView` gives them (live collections, kept by the browser: no selector
/// is parsed per section when "show all" changes thousands); a section missing one is left as
/// it is.
pub fn show_open(section: &Element, open: bool) {
    let part = |class: &str| section.get_elements_by_class_name(class).item(0);
    // The toggle and its hint come before the panel, whose blocks never use these classes.
    if let (Some(toggle), Some(hint), Some(panel)) = (
        part(SECTION_TOGGLE.name),
        part(TOGGLE_HINT.name),
        part(SECTION_PANEL.name),
    ) {
        _ = section.class_list().toggle_with_force("is-open", open);
        set_flag(&toggle, "aria-expanded", open);
        hint.set_text_content(Some(tr(if open { Msg::Hide } else { Msg::Show })));
        if open {
            _ = panel.remove_attribute("hidden");
        } else {
            set_attr(&panel, "hidden", "until-found");
        }
    }
}
