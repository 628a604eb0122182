//! The end of the article: sponsor disclosure, copyright, the key figures for reader modes, and
//! a note listing data problems.

use leptos::prelude::*;

use crate::i18n::{Msg, tr, tr_fill};
use crate::model::{KeyFigure, Note, Problem, Sponsor};
use crate::view::inline::{InlineText, note_id, note_ref_id};
use crate::view::ui_text::{number, ui, ui_around, ui_fill};

/// The sponsor disclosure and copyright line. A plain `<div>`, not `<footer>`: reader modes drop
/// footers, and the disclosure must survive them.
#[component]
pub fn ArticleEnd(
    /// Who paid for the article, if anyone.
    sponsor: Option<Sponsor>,
    /// The copyright line.
    copyright: Option<String>,
    /// The notes the text refers to.
    #[prop(optional)]
    notes: Vec<Note>,
    /// The article's topics.
    #[prop(optional)]
    tags: Vec<String>,
    /// Refers to the `<div>`, for content inserted before it.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let disclosure = sponsor.map(|Sponsor { name, disclosure }| {
        let text = match disclosure {
            Some(text) => text.into_any(),
            None => ui_around(Msg::PaidForDisclosure, name),
        };
        view! {
            <p class="disclosure">
                <strong class="disclosure-label">{ui(Msg::SponsoredContent)}</strong>
                " "
                {text}
            </p>
        }
    });
    view! {
        <div class="article-end" node_ref=node_ref>
            <Notes notes />
            {(!tags.is_empty()).then(|| view! {
                <div class="tags">
                    <h2 id="article-tags">{ui(Msg::Topics)}</h2>
                    <ul aria-labelledby="article-tags">
                        {tags.into_iter().map(|tag| view! { <li>{tag}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            {disclosure}
            {copyright.map(|text| view! { <p class="copyright">{text}</p> })}
        </div>
    }
}

/// The notes at the end, numbered as the references show them, each linking back to its
/// first reference (as Wikipedia's and GOV.UK's footnotes do). Nothing without notes. Kept in
/// print, where the links go but the numbers stay.
#[component]
fn Notes(
    /// The article's notes, in number order.
    notes: Vec<Note>,
) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        let items = notes
            .into_iter()
            .enumerate()
            .map(|(i, Note { id, text })| {
                let number = number(i + 1);
                let back = tr_fill(Msg::NoteBack, &[&number]);
                view! {
                    <li id=note_id(&id)>
                        <InlineText spans=text />
                        " "
                        <a
                            class="note-back"
                            href=format!("#{}", note_ref_id(&id))
                            aria-label=back
                            role="doc-backlink"
                        >
                            "↩"
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="notes" role="doc-endnotes" aria-labelledby="article-notes">
                <h2 id="article-notes">{ui(Msg::Notes)}</h2>
                <ol>{items}</ol>
            </div>
        }
    })
}

/// A collapsed note for the publisher listing what was wrong but did not stop the article;
/// nothing when nothing was. The problems themselves are technical English for the publisher
/// (field paths and the format's words), marked as English in an article in another language.
#[component]
pub fn ProblemsNote(
    /// The non-fatal problems found while preparing the article.
    problems: Vec<Problem>,
) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        let count = number(problems.len());
        let items = problems
            .into_iter()
            .map(|Problem { path, message, .. }| {
                view! {
                    <li>
                        <code>{path}</code>
                        ": "
                        {message}
                    </li>
                }
            })
            .collect_view();
        let english = crate::i18n::is_foreign("en");
        view! {
            <details class="problems">
                <summary>{ui_fill(Msg::Problems, &[&count])}</summary>
                <ul lang=english.then_some("en") dir=english.then_some("ltr")>{items}</ul>
            </details>
        }
    })
}

/// The key figures once more as plain text for reader modes, which drop `<aside>`; hidden from
/// everyone else by the stylesheet (see `.reader-only`). Nothing without figures.
#[component]
pub fn ReaderSummary(
    /// The article's key figures.
    figures: Vec<KeyFigure>,
    /// Refers to the `<div>`, for content inserted before it.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    (!figures.is_empty()).then(|| {
        let items = figures
            .iter()
            .filter(|figure| figure.invalid.is_none())
            .map(|figure| view! { <li>{summary_line(figure)}</li> })
            .collect_view();
        view! {
            <div class="reader-only" node_ref=node_ref>
                <h2>{ui(Msg::KeyFigures)}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// "value unit: label (as of …). Source: …", in the interface language (for reader modes,
/// which keep text but not the rail's markup).
fn summary_line(figure: &KeyFigure) -> String {
    let mut line = figure.value.clone();
    if let Some(unit) = &figure.unit {
        line.push(' ');
        line.push_str(unit);
    }
    line.push_str(": ");
    line.push_str(&figure.label);
    if let Some(as_of) = &figure.as_of {
        line.push_str(&format!(" ({})", tr_fill(Msg::FigureAsOf, &[as_of])));
    }
    if let Some(source) = &figure.source {
        line.push_str(&format!(". {} {}", tr(Msg::FigureSource), source.name));
    }
    line
}
