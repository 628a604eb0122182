//! Rich text: spans become text nodes inside `<strong>`, `<em>` and `<a>`; never HTML.
//! Phrases that state a key figure are wrapped in `<mark>` with an id, followed by a small link
//! back to the figure.

use leptos::prelude::*;

use crate::model::{Inline, Mark, Source, Span};

/// Page id of the marked passage that states figure `index` (0-based).
pub fn anchor_id(index: usize) -> String {
    format!("figure--{}--text", index + 1)
}

/// Page id of the card of figure `index` (0-based).
pub fn figure_id(index: usize) -> String {
    format!("figure--{}", index + 1)
}

/// Renders a run of spans, marking the given phrases.
#[component]
pub fn InlineText(
    /// The spans, in order.
    spans: Inline,
    /// Phrases to mark, as byte ranges of the run's text, in order and not overlapping.
    #[prop(optional)]
    marks: Vec<Mark>,
) -> impl IntoView {
    let mut views = Vec::with_capacity(spans.len() + marks.len() * 2);
    let mut offset = 0;
    for span in spans {
        let span_end = offset + span.text.len();
        // Cut the span where marks start and end, so each piece is inside or outside one mark.
        let mut cuts: Vec<usize> = marks
            .iter()
            .flat_map(|m| [m.start, m.end])
            .filter(|&at| at > offset && at < span_end)
            .collect();
        cuts.push(span_end);
        let mut piece_start = offset;
        for cut in cuts {
            let text = span.text[piece_start - offset..cut - offset].to_owned();
            let mark = marks
                .iter()
                .find(|m| m.start <= piece_start && piece_start < m.end);
            views.push(render_piece(
                &span,
                text,
                mark.map(|m| (m.figure, m.start == piece_start)),
            ));
            if let Some(mark) = mark.filter(|m| m.end == cut) {
                views.push(back_link(mark.figure));
            }
            piece_start = cut;
        }
        offset = span_end;
    }
    views
}

fn render_piece(span: &Span, text: String, mark: Option<(usize, bool)>) -> AnyView {
    let mut view = text.into_any();
    if let Some((figure, first)) = mark {
        let id = first.then(|| anchor_id(figure));
        let focusable = first.then_some("-1");
        view =
            view! { <mark class="figure-anchor" id=id tabindex=focusable>{view}</mark> }.into_any();
    }
    if span.em {
        view = view! { <em>{view}</em> }.into_any();
    }
    if span.strong {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    match span.href.as_ref().and_then(|h| h.safe.clone()) {
        Some(url) => {
            let rel = is_external(&url).then_some("noopener noreferrer");
            view! { <a href=url rel=rel>{view}</a> }.into_any()
        }
        None => view,
    }
}

/// An organisation's name, linked to its site when the address is allowed.
pub fn source_name(source: Source) -> AnyView {
    let Source { name, url } = source;
    match url.and_then(|u| u.safe) {
        Some(url) => view! { <a href=url rel="noopener noreferrer">{name}</a> }.into_any(),
        None => name.into_any(),
    }
}

/// A footnote-style number after a marked phrase, linking to its figure card.
fn back_link(figure: usize) -> AnyView {
    let number = figure + 1;
    view! {
        <sup class="figure-ref">
            <a href=format!("#{}", figure_id(figure)) aria-label=format!("Key figure {number}")>
                {number}
            </a>
        </sup>
    }
    .into_any()
}

/// Absolute addresses leave the viewer; they get `rel="noopener noreferrer"`.
fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}
