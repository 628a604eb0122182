//! The end of the article: sponsor disclosure, copyright, and a note listing data problems.

use leptos::prelude::*;

use crate::model::{Problem, Sponsor};

/// Sponsor disclosure and copyright line. A plain `<div>`, not `<footer>`: reader modes drop
/// footers, and the disclosure must survive them.
#[component]
pub fn ArticleFooter(
    /// Present when the article is paid for.
    sponsor: Option<Sponsor>,
    /// The publisher's copyright line.
    copyright: Option<String>,
) -> impl IntoView {
    let disclosure = sponsor.map(|Sponsor { name, disclosure }| {
        let text = disclosure.unwrap_or_else(|| format!("This article was paid for by {name}."));
        view! {
            <p class="disclosure">
                <strong class="disclosure-label">"Sponsored content. "</strong>
                {text}
            </p>
        }
    });
    view! {
        <div class="article-end">
            {disclosure}
            {copyright.map(|c| view! { <p class="copyright">{c}</p> })}
        </div>
    }
}

/// A collapsed note for the publisher listing what was wrong but did not stop the article.
#[component]
pub fn ProblemsNote(
    /// Problems found while preparing the article.
    problems: Vec<Problem>,
) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        let count = problems.len();
        let items = problems
            .into_iter()
            .map(|p| view! { <li><code>{p.path}</code> ": " {p.message}</li> })
            .collect_view();
        view! {
            <details class="problems">
                <summary>{format!("Problems with this article ({count})")}</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}
