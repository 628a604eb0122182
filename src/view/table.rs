//! A table block: a real `<table>` with its caption and header cells, inside a container that
//! scrolls sideways when the table is wider than the screen. The container can take focus, so a
//! keyboard can scroll it, and is named by the caption, so a screen reader says what it holds.

use leptos::prelude::*;

use crate::model::{Align, Inline, Table, padded};
use crate::view::inline::InlineText;

/// One table, with page id `id` for its block (the caption is `{id}--caption`).
#[component]
pub fn TableView(
    /// The table.
    table: Table,
    /// The block's page id.
    id: String,
) -> impl IntoView {
    let columns = table.columns();
    let numeric = table.numeric_columns();
    let Table {
        caption,
        head,
        rows,
        align,
        row_headers,
    } = table;
    // A class per cell, not per column: `<col>` cannot align text. Numbers are in tabular
    // figures, and at the end of the cell unless the publisher aligned the column.
    let class = move |c: usize| -> Option<&'static str> {
        match (align.get(c).copied().unwrap_or_default(), numeric[c]) {
            (Align::Auto, false) => None,
            (Align::Auto, true) => Some("num align-end"),
            (Align::Left, false) => Some("align-left"),
            (Align::Left, true) => Some("num align-left"),
            (Align::Right, false) => Some("align-right"),
            (Align::Right, true) => Some("num align-right"),
            (Align::Center, false) => Some("align-center"),
            (Align::Center, true) => Some("num align-center"),
        }
    };
    let cell = move |c: usize, text: Option<&Inline>, header: Option<&'static str>| {
        let spans = text.cloned().unwrap_or_default();
        match header {
            Some(scope) => {
                view! { <th scope=scope class=class(c)><InlineText spans /></th> }.into_any()
            }
            None => view! { <td class=class(c)><InlineText spans /></td> }.into_any(),
        }
    };
    let caption_id = format!("{id}--caption");
    let named_by = caption.is_some().then(|| caption_id.clone());
    let unnamed = caption
        .is_none()
        .then(|| crate::i18n::tr(crate::i18n::Msg::Table));
    let head = (!head.is_empty()).then(|| {
        let rows = head
            .iter()
            .map(|row| {
                let cells = padded(row, columns)
                    .enumerate()
                    .map(|(c, text)| cell(c, text, Some("col")))
                    .collect_view();
                view! { <tr>{cells}</tr> }
            })
            .collect_view();
        view! { <thead>{rows}</thead> }
    });
    let body = rows
        .iter()
        .map(|row| {
            let cells = padded(row, columns)
                .enumerate()
                .map(|(c, text)| cell(c, text, (row_headers && c == 0).then_some("row")))
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div
            class="table-scroll"
            tabindex="0"
            role="group"
            aria-labelledby=named_by
            aria-label=unnamed
        >
            <table class="block-table">
                {caption
                    .map(|spans| view! { <caption id=caption_id><InlineText spans /></caption> })}
                {head}
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
