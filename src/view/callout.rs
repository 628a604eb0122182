//! A callout: a note, tip or warning set apart from the text, as GOV.UK's inset and warning
//! text are. Its kind is a word at its head, so it is announced and printed, not only coloured;
//! `role="note"` tells assistive technology the aside is ancillary. A collapsed one is a native
//! `<details>`, which opens with a keyboard, for find-in-page and without a script.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::model::{Block, CalloutKind};
use crate::view::blocks::BlockView;
use crate::view::ui_text::ui;

/// The word that names a callout's kind in the interface language.
fn kind_word(kind: CalloutKind) -> AnyView {
    ui(match kind {
        CalloutKind::Note => Msg::CalloutNote,
        CalloutKind::Tip => Msg::CalloutTip,
        CalloutKind::Important => Msg::CalloutImportant,
        CalloutKind::Warning => Msg::CalloutWarning,
        CalloutKind::Caution => Msg::CalloutCaution,
    })
}

/// A callout block. Its blocks get ids `{id}-{index}` (a pull-quote in it can be linked to)
/// and no figure marks: figure phrases are looked for in the section's own text.
pub fn callout_view(
    id: String,
    kind: CalloutKind,
    title: Option<String>,
    collapsed: bool,
    blocks: Vec<Block>,
) -> AnyView {
    let label = view! {
        <span class="callout-kind">{kind_word(kind)}</span>
        {title.map(|title| view! { " " <span class="callout-title">{title}</span> })}
    };
    let body = blocks
        .into_iter()
        .enumerate()
        .map(|(index, block)| {
            let id = format!("{id}-{index}");
            view! { <BlockView block id marks=Vec::new() /> }
        })
        .collect_view();
    let body = view! { <div class="callout-body">{body}</div> };
    let inside = if collapsed {
        view! {
            <details>
                <summary class="callout-label">{label}</summary>
                {body}
            </details>
        }
        .into_any()
    } else {
        view! { <p class="callout-label">{label}</p> {body} }.into_any()
    };
    let class = format!("callout callout-{}", kind.name());
    view! { <div class=class role="note">{inside}</div> }.into_any()
}
