//! The content blocks of a section. Static markup: nothing in a block changes once shown, so no
//! block keeps reactive state.
//!
//! A callout (a note, tip or warning set apart from the text, as GOV.UK's inset and warning
//! text are) is a block that holds blocks, so its view is here too. Its kind is a word at its
//! head, so it is announced and printed, not only coloured; `role="note"` tells assistive
//! technology the aside is ancillary. A collapsed one is a native `<details>`, which opens
//! with a keyboard, for find-in-page and without a script.

use leptos::prelude::*;

use crate::i18n::{Msg, tr};
use crate::model::{Block, CalloutKind, ListItem, Mark, PlacedMark};
use crate::view::announce::CopyLinkButton;
use crate::view::inline::InlineText;
use crate::view::table::TableView;
use crate::view::ui_text::{ui, ui_fill};

/// A section's blocks, with the key-figure phrases of that section marked in them.
#[component]
pub fn Blocks(
    /// The section's page id; pull-quotes get `{id}--block-{index}`.
    section_id: String,
    /// The blocks, in order.
    blocks: Vec<Block>,
    /// Figure phrases in this section.
    marks: Vec<PlacedMark>,
) -> impl IntoView {
    blocks
        .into_iter()
        .enumerate()
        .map(|(index, block)| {
            let marks: Vec<(Option<usize>, Mark)> = marks
                .iter()
                .filter(|m| m.block == index)
                .map(|m| (m.item, m.mark))
                .collect();
            let id = format!("{section_id}--block-{index}");
            view! { <BlockView block id marks /> }
        })
        .collect_view()
}

/// One block; an unknown type becomes a small visible note instead of breaking the article.
#[component]
pub fn BlockView(
    /// The block.
    block: Block,
    /// Its page id (used by pull-quotes, which can be linked to).
    id: String,
    /// Figure phrases in it, by list item (`None` outside lists).
    marks: Vec<(Option<usize>, Mark)>,
) -> impl IntoView {
    let marks_for = move |item: Option<usize>| -> Vec<Mark> {
        marks
            .iter()
            .filter(|(i, _)| *i == item)
            .map(|(_, m)| *m)
            .collect()
    };
    match block {
        Block::Paragraph(spans) => {
            let marks = marks_for(None);
            view! { <p><InlineText spans marks /></p> }.into_any()
        }
        Block::Heading {
            text: spans,
            level: 3,
        } => view! { <h3 class="block-heading"><InlineText spans marks=Vec::new() /></h3> }
            .into_any(),
        Block::Heading { text: spans, .. } => {
            view! { <h4 class="block-heading"><InlineText spans marks=Vec::new() /></h4> }
                .into_any()
        }
        Block::List { ordered, items, .. } => list_view(ordered, items, &mut 0, &marks_for),
        Block::Table(table) => view! { <TableView table id /> }.into_any(),
        Block::Code { text, language } => {
            // Focusable so that a keyboard can scroll a line wider than the screen.
            view! {
                <pre class="code" tabindex="0">
                    <code class=language.map(|l| format!("language-{l}"))>{text}</code>
                </pre>
            }
            .into_any()
        }
        Block::Invalid(_) => {
            view! { <p class="placeholder" data-invalid="">{ui(Msg::BlockInvalid)}</p> }.into_any()
        }
        Block::PullQuote {
            text,
            attribution,
            repeats_text,
        } => view! { <PullQuote id text attribution repeats=repeats_text.unwrap_or(false) /> }
            .into_any(),
        Block::Quote { text, cite } => {
            let marks = marks_for(None);
            view! {
                <blockquote class="quote">
                    <p><InlineText spans=text marks /></p>
                    {cite.map(|who| view! { <p class="quote-cite"><cite>{who}</cite></p> })}
                </blockquote>
            }
            .into_any()
        }
        Block::Image {
            src,
            alt,
            caption,
            credit,
        } => {
            let caption = (caption.is_some() || credit.is_some()).then(|| {
                view! {
                    <figcaption>
                        {caption}
                        {credit.map(|credit| view! { <span class="image-credit">{credit}</span> })}
                    </figcaption>
                }
            });
            let alt = alt.unwrap_or_default();
            match src.safe {
                Some(url) => view! {
                    <figure class="image">
                        <img src=url alt=alt loading="lazy" decoding="async" />
                        {caption}
                    </figure>
                }
                .into_any(),
                None => {
                    let note = (!alt.is_empty()).then(|| format!(" ({alt})"));
                    view! {
                        <figure class="image image-refused">
                            <p class="placeholder">{ui(Msg::ImageRefused)} {note}</p>
                            {caption}
                        </figure>
                    }
                    .into_any()
                }
            }
        }
        Block::Divider => view! { <hr class="divider" /> }.into_any(),
        Block::Callout {
            kind,
            title,
            collapsed,
            blocks,
        } => callout_view(id, kind, title, collapsed, blocks),
        Block::Unknown { kind } => {
            let note = ui_fill(Msg::BlockUnknown, &[&kind]);
            view! { <p class="placeholder" data-block-type=kind>{note}</p> }.into_any()
        }
    }
}

/// A list and the lists inside its items; `next` numbers the items depth first, as figure
/// phrases in them are numbered.
fn list_view(
    ordered: bool,
    items: Vec<ListItem>,
    next: &mut usize,
    marks_for: &dyn Fn(Option<usize>) -> Vec<Mark>,
) -> AnyView {
    let items = items
        .into_iter()
        .map(|item| {
            let marks = marks_for(Some(*next));
            *next += 1;
            let inner = (!item.items.is_empty())
                .then(|| list_view(item.ordered, item.items, next, marks_for));
            view! { <li><InlineText spans=item.text marks />{inner}</li> }
        })
        .collect_view();
    if ordered {
        view! { <ol class="block-list">{items}</ol> }.into_any()
    } else {
        view! { <ul class="block-list">{items}</ul> }.into_any()
    }
}

/// A display quotation set apart from the text. One that repeats the body is hidden from
/// assistive technology, so it is not read twice; its copy-link button stays outside the hidden
/// part.
#[component]
pub fn PullQuote(
    /// Page id, for links to the quote.
    id: String,
    /// The quoted words.
    text: String,
    /// Who said them.
    attribution: Option<String>,
    /// Whether the words also appear in the body.
    repeats: bool,
) -> impl IntoView {
    let target = id.clone();
    view! {
        <div class="pull-quote" id=id tabindex="-1">
            <figure aria-hidden=repeats.then_some("true")>
                <blockquote>
                    <p>{text}</p>
                </blockquote>
                {attribution.map(|who| view! { <figcaption>{who}</figcaption> })}
            </figure>
            <CopyLinkButton target label=tr(Msg::CopyLinkToPullQuote).to_owned() />
        </div>
    }
}

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
