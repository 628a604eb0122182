//! One content block of a section, by type.

use leptos::prelude::*;

use crate::model::Block;
use crate::view::inline::InlineText;

/// Renders a block; unknown types become a small visible note instead of breaking the article.
#[component]
pub fn BlockView(
    /// The block to render.
    block: Block,
) -> impl IntoView {
    match block {
        Block::Paragraph(spans) => view! { <p><InlineText spans /></p> }.into_any(),
        Block::Heading { text, level: 3 } => {
            view! { <h3 class="block-heading">{text}</h3> }.into_any()
        }
        Block::Heading { text, .. } => view! { <h4 class="block-heading">{text}</h4> }.into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|spans| view! { <li><InlineText spans /></li> })
                .collect_view();
            if ordered {
                view! { <ol class="block-list">{items}</ol> }.into_any()
            } else {
                view! { <ul class="block-list">{items}</ul> }.into_any()
            }
        }
        Block::PullQuote { text, attribution } => view! {
            <figure class="pull-quote">
                <blockquote>
                    <p>{text}</p>
                </blockquote>
                {attribution.map(|who| view! { <figcaption>{who}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Quote { text, cite } => view! {
            <blockquote class="quote">
                <p><InlineText spans=text /></p>
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
