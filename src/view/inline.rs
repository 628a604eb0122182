//! Rich text: spans become text nodes inside `<strong>`, `<em>` and `<a>`; never HTML.
//! Phrases that state a key figure are wrapped in `<mark>` with an id, followed by a small link
//! back to the figure.

use leptos::prelude::*;

use crate::model::{Mark, Source, Span};
use crate::view::embed::{link_target, with_target};

/// An organisation's name, linked to its site when the address is allowed.
#[component]
pub fn SourceName(
    /// The publisher or a figure's source.
    source: Source,
) -> impl IntoView {
    let Source { name, url } = source;
    match url.and_then(|u| u.safe) {
        Some(url) => {
            let target = link_target(&url);
            with_target(
                view! { <a href=url rel="noopener noreferrer">{name}</a> },
                target,
            )
            .into_any()
        }
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

/// A run of spans as text inside `<strong>`, `<em>` and `<a>`, with the given phrases marked.
///
/// `marks` are byte ranges of the run's text, in order and not overlapping.
#[component]
pub fn InlineText(
    /// The run.
    spans: Vec<Span>,
    /// Key-figure phrases in it.
    #[prop(optional)]
    marks: Vec<Mark>,
) -> impl IntoView {
    if marks.is_empty() {
        // A run of one span (most are one plain string) needs no list around it.
        if spans.len() == 1 {
            return spans.into_iter().next().map(plain_span).into_any();
        }
        return spans.into_iter().map(plain_span).collect_view().into_any();
    }
    let mut pieces = Vec::new();
    let mut offset = 0;
    for span in &spans {
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
            // Marks lie on character boundaries (found as UTF-8 in UTF-8).
            let text = span
                .text
                .get(piece_start - offset..cut - offset)
                .unwrap_or_default();
            let mark = marks
                .iter()
                .find(|m| m.start <= piece_start && piece_start < m.end);
            let piece_mark = mark.map(|m| (m.figure, m.start == piece_start));
            pieces.push(piece(text.to_owned(), span, piece_mark));
            if let Some(mark) = mark.filter(|m| m.end == cut) {
                pieces.push(view! { <BackLink figure=mark.figure /> }.into_any());
            }
            piece_start = cut;
        }
        offset = span_end;
    }
    pieces.into_view().into_any()
}

/// A span without marks (most of an article).
fn plain_span(mut span: Span) -> AnyView {
    let text = std::mem::take(&mut span.text);
    match span.note.take() {
        Some(note) => view! { <NoteLink note marker=text /> }.into_any(),
        None => piece(text, &span, None),
    }
}

/// Page id of note `id`.
pub fn note_id(id: &str) -> String {
    format!("note--{id}")
}

/// Page id of the first reference to note `id`, which the note links back to.
pub fn note_ref_id(id: &str) -> String {
    format!("note--{id}--ref")
}

/// A reference to a note: its marker, raised, linking to the note at the end.
#[component]
fn NoteLink(
    /// Which note, and whether this is its first reference.
    note: crate::model::NoteRef,
    /// What the reference shows (its number).
    marker: String,
) -> impl IntoView {
    let label = crate::i18n::tr_fill(crate::i18n::Msg::NoteRef, &[&marker]);
    let id = note.first.then(|| note_ref_id(&note.id));
    view! {
        <sup class="note-ref">
            <a id=id href=format!("#{}", note_id(&note.id)) aria-label=label role="doc-noteref">
                {marker}
            </a>
        </sup>
    }
}

/// One piece of text, wrapped from the inside out in its mark, emphasis, strength and link.
fn piece(text: String, span: &Span, mark: Option<(usize, bool)>) -> AnyView {
    let mut node = text.into_any();
    if let Some((figure, first)) = mark {
        let (id, tabindex) = if first {
            (Some(anchor_id(figure)), Some("-1"))
        } else {
            (None, None)
        };
        node =
            view! { <mark class="figure-anchor" id=id tabindex=tabindex>{node}</mark> }.into_any();
    }
    if span.code {
        node = view! { <code>{node}</code> }.into_any();
    }
    if span.sub {
        node = view! { <sub>{node}</sub> }.into_any();
    }
    if span.sup {
        node = view! { <sup>{node}</sup> }.into_any();
    }
    if span.strike {
        node = view! { <del>{node}</del> }.into_any();
    }
    if span.em {
        node = view! { <em>{node}</em> }.into_any();
    }
    if span.strong {
        node = view! { <strong>{node}</strong> }.into_any();
    }
    if let Some(url) = span.href.as_ref().and_then(|h| h.safe.clone()) {
        let rel = is_external(&url).then_some("noopener noreferrer");
        let target = link_target(&url);
        node = with_target(view! { <a href=url rel=rel>{node}</a> }, target).into_any();
    }
    node
}

/// A footnote-style number after a marked phrase, linking to its figure card.
#[component]
fn BackLink(
    /// 0-based index of the figure.
    figure: usize,
) -> impl IntoView {
    let number = crate::view::ui_text::number(figure + 1);
    let label = crate::i18n::tr_fill(crate::i18n::Msg::FigureRef, &[&number]);
    view! {
        <sup class="figure-ref">
            <a href=format!("#{}", figure_id(figure)) aria-label=label>
                {number.clone()}
            </a>
        </sup>
    }
}

/// Absolute addresses leave the viewer; they get `rel="noopener noreferrer"`.
fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}
