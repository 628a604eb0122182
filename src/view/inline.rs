//! Rich text: spans become text nodes inside `<strong>`, `<em>` and `<a>`; never HTML.
//! Phrases that state a key figure are wrapped in `<mark>` with an id, followed by a small link
//! back to the figure.

use leptos::prelude::*;

use crate::model::{Mark, Source, Span};
use crate::view::dom::{Dom, set};

/// An organisation's name, linked to its site when the address is allowed.
#[component]
pub fn SourceName(
    /// The publisher or a figure's source.
    source: Source,
) -> impl IntoView {
    let Source { name, url } = source;
    match url.and_then(|u| u.safe) {
        Some(url) => view! { <a href=url rel="noopener noreferrer">{name}</a> }.into_any(),
        None => name.into_any(),
    }
}

/// Page id of the marked passage that states figure `index` (0-based).
pub fn anchor_id(index: usize) -> String {
    format!("figure--{}--text", index + 1)
}

/// Page id of the card of figure `index` (0-based).
pub fn figure_id(index: usize) -> String {
    format!("figure--{}", index + 1)
}

/// Builds a run of spans into `parent`, marking the given phrases.
///
/// `marks` are byte ranges of the run's text, in order and not overlapping.
pub fn build_inline(dom: &Dom, parent: &web_sys::Element, spans: &[Span], marks: &[Mark]) {
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
            // Marks lie on character boundaries (found as UTF-8 in UTF-8); `get`, not
            // indexing, keeps the standard library's slicing panic out of the wasm.
            let text = span
                .text
                .get(piece_start - offset..cut - offset)
                .unwrap_or_default();
            let mark = marks
                .iter()
                .find(|m| m.start <= piece_start && piece_start < m.end);
            let piece_mark = mark.map(|m| (m.figure, m.start == piece_start));
            build_piece(dom, parent, span, text, piece_mark);
            if let Some(mark) = mark.filter(|m| m.end == cut) {
                build_back_link(dom, parent, mark.figure);
            }
            piece_start = cut;
        }
        offset = span_end;
    }
}

/// Appends one piece of text, wrapped from the inside out in its mark, emphasis, strength and
/// link. Plain text goes straight in: most of an article is plain text, and each node made
/// and appended separately is another call into JavaScript.
fn build_piece(
    dom: &Dom,
    parent: &web_sys::Element,
    span: &Span,
    text: &str,
    mark: Option<(usize, bool)>,
) {
    let link = span.href.as_ref().and_then(|h| h.safe.as_deref());
    if mark.is_none() && !span.em && !span.strong && link.is_none() {
        dom.text(parent, text);
        return;
    }
    let mut node: Option<web_sys::Element> = None;
    let mut wrap = |tag: &str, class: &str| {
        let outer = dom.detached(tag, class);
        match &node {
            Some(inner) => _ = outer.append_child(inner),
            None => dom.text(&outer, text),
        }
        node = Some(outer.clone());
        outer
    };
    if let Some((figure, first)) = mark {
        let mark = wrap("mark", "figure-anchor");
        if first {
            mark.set_id(&anchor_id(figure));
            set(&mark, "tabindex", "-1");
        }
    }
    if span.em {
        wrap("em", "");
    }
    if span.strong {
        wrap("strong", "");
    }
    if let Some(url) = link {
        let link = wrap("a", "");
        set(&link, "href", url);
        if is_external(url) {
            set(&link, "rel", "noopener noreferrer");
        }
    }
    if let Some(node) = node {
        _ = parent.append_child(&node);
    }
}

/// A footnote-style number after a marked phrase, linking to its figure card.
fn build_back_link(dom: &Dom, parent: &web_sys::Element, figure: usize) {
    let number = (figure + 1).to_string();
    let sup = dom.element(parent, "sup", "figure-ref");
    let link = dom.element(&sup, "a", "");
    set(&link, "href", &format!("#{}", figure_id(figure)));
    set(&link, "aria-label", &format!("Key figure {number}"));
    dom.text(&link, &number);
}

/// Absolute addresses leave the viewer; they get `rel="noopener noreferrer"`.
fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}
