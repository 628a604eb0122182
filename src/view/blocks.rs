//! One content block of a section, by type.

use leptos::prelude::*;

use crate::model::{Block, Mark};
use crate::view::announce::CopyLinkButton;
use crate::view::inline::InlineText;

/// Renders a block; unknown types become a small visible note instead of breaking the article.
#[component]
pub fn BlockView(
    /// The block to render.
    block: Block,
    /// Page id for blocks that can be linked to (pull-quotes).
    block_id: String,
    /// Figure phrases to mark in this block, with the list item they are in (if any).
    #[prop(optional)]
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
            view! { <p><InlineText spans marks=marks_for(None) /></p> }.into_any()
        }
        Block::Heading { text, level: 3 } => {
            view! { <h3 class="block-heading">{text}</h3> }.into_any()
        }
        Block::Heading { text, .. } => view! { <h4 class="block-heading">{text}</h4> }.into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, spans)| view! { <li><InlineText spans marks=marks_for(Some(i)) /></li> })
                .collect_view();
            if ordered {
                view! { <ol class="block-list">{items}</ol> }.into_any()
            } else {
                view! { <ul class="block-list">{items}</ul> }.into_any()
            }
        }
        Block::PullQuote {
            text,
            attribution,
            repeats_text,
        } => {
            // A pull-quote that repeats the body is hidden from assistive technology, so it is
            // not read twice; its copy-link button stays outside the hidden part.
            let repeats = repeats_text.unwrap_or(false);
            let copy_id = block_id.clone();
            view! {
                <div class="pull-quote" id=block_id tabindex="-1">
                    <figure aria-hidden=repeats.then_some("true")>
                        <blockquote>
                            <p>{text}</p>
                        </blockquote>
                        {attribution.map(|who| view! { <figcaption>{who}</figcaption> })}
                    </figure>
                    <CopyLinkButton id=copy_id label="pull-quote" />
                </div>
            }
            .into_any()
        }
        Block::Quote { text, cite } => view! {
            <blockquote class="quote">
                <p><InlineText spans=text marks=marks_for(None) /></p>
                {cite.map(|who| view! { <p class="quote-cite"><cite>{who}</cite></p> })}
            </blockquote>
        }
        .into_any(),
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
                        {credit.map(|c| view! { <span class="image-credit">{c}</span> })}
                    </figcaption>
                }
            });
            match src.safe {
                Some(url) => view! {
                    <figure class="image">
                        <img src=url alt=alt.unwrap_or_default() loading="lazy" decoding="async" />
                        {caption}
                    </figure>
                }
                .into_any(),
                None => view! {
                    <figure class="image image-refused">
                        <p class="placeholder">
                            "Image not shown: its address is not allowed."
                            {alt.filter(|a| !a.is_empty()).map(|a| format!(" ({a})"))}
                        </p>
                        {caption}
                    </figure>
                }
                .into_any(),
            }
        }
        Block::Divider => view! { <hr class="divider" /> }.into_any(),
        Block::Unknown { kind } => view! {
            <p class="placeholder" data-block-type=kind.clone()>
                {format!("This part of the article (a \"{kind}\" block) cannot be shown here.")}
            </p>
        }
        .into_any(),
    }
}
