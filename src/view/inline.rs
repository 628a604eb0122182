//! Rich text: spans become text nodes inside `<strong>`, `<em>` and `<a>`; never HTML.

use leptos::prelude::*;

use crate::model::{Inline, Span};

/// Renders a run of spans.
#[component]
pub fn InlineText(
    /// The spans, in order.
    spans: Inline,
) -> impl IntoView {
    spans.into_iter().map(render_span).collect_view()
}

fn render_span(span: Span) -> AnyView {
    let Span {
        text,
        strong,
        em,
        href,
    } = span;
    let mut view = text.into_any();
    if em {
        view = view! { <em>{view}</em> }.into_any();
    }
    if strong {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    match href.and_then(|h| h.safe) {
        Some(url) => {
            let rel = is_external(&url).then_some("noopener noreferrer");
            view! { <a href=url rel=rel>{view}</a> }.into_any()
        }
        None => view,
    }
}

/// Absolute addresses leave the viewer; they get `rel="noopener noreferrer"`.
fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}
