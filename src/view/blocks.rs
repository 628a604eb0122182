//! The content blocks of a section, built once as plain DOM (see [`crate::view::dom`] for why).

use crate::model::{Block, Mark, PlacedMark};
use crate::view::announce::build_copy_link_button;
use crate::view::dom::{Dom, set};
use crate::view::inline::build_inline;

/// A section's blocks with the key-figure phrases marked in them.
pub struct SectionBlocks {
    /// The section's page id; pull-quotes get `{id}--block-{index}`.
    pub section_id: String,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// Figure phrases in this section.
    pub marks: Vec<PlacedMark>,
}

impl SectionBlocks {
    /// Appends the blocks to `parent`.
    pub fn build(&self, dom: &Dom, parent: &web_sys::Element) {
        for (index, block) in self.blocks.iter().enumerate() {
            let marks: Vec<(Option<usize>, Mark)> = self
                .marks
                .iter()
                .filter(|m| m.block == index)
                .map(|m| (m.item, m.mark))
                .collect();
            let id = format!("{}--block-{index}", self.section_id);
            build_block(dom, parent, block, &id, &marks);
        }
    }
}

/// Builds one block; unknown types become a small visible note instead of breaking the article.
fn build_block(
    dom: &Dom,
    parent: &web_sys::Element,
    block: &Block,
    block_id: &str,
    marks: &[(Option<usize>, Mark)],
) {
    let marks_for = |item: Option<usize>| -> Vec<Mark> {
        marks
            .iter()
            .filter(|(i, _)| *i == item)
            .map(|(_, m)| *m)
            .collect()
    };
    match block {
        Block::Paragraph(spans) => {
            let p = dom.element(parent, "p", "");
            build_inline(dom, &p, spans, &marks_for(None));
        }
        Block::Heading { text, level } => {
            let tag = if *level == 3 { "h3" } else { "h4" };
            let heading = dom.element(parent, tag, "block-heading");
            dom.text(&heading, text);
        }
        Block::List { ordered, items } => {
            let list = dom.element(parent, if *ordered { "ol" } else { "ul" }, "block-list");
            for (i, spans) in items.iter().enumerate() {
                let item = dom.element(&list, "li", "");
                build_inline(dom, &item, spans, &marks_for(Some(i)));
            }
        }
        Block::PullQuote {
            text,
            attribution,
            repeats_text,
        } => {
            // A pull-quote that repeats the body is hidden from assistive technology, so it is
            // not read twice; its copy-link button stays outside the hidden part.
            let quote = dom.element(parent, "div", "pull-quote");
            quote.set_id(block_id);
            set(&quote, "tabindex", "-1");
            let figure = dom.element(&quote, "figure", "");
            if repeats_text.unwrap_or(false) {
                set(&figure, "aria-hidden", "true");
            }
            let blockquote = dom.element(&figure, "blockquote", "");
            let p = dom.element(&blockquote, "p", "");
            dom.text(&p, text);
            if let Some(who) = attribution {
                let caption = dom.element(&figure, "figcaption", "");
                dom.text(&caption, who);
            }
            build_copy_link_button(dom, &quote, block_id, "pull-quote");
        }
        Block::Quote { text, cite } => {
            let quote = dom.element(parent, "blockquote", "quote");
            let p = dom.element(&quote, "p", "");
            build_inline(dom, &p, text, &marks_for(None));
            if let Some(who) = cite {
                let p = dom.element(&quote, "p", "quote-cite");
                let cite = dom.element(&p, "cite", "");
                dom.text(&cite, who);
            }
        }
        Block::Image {
            src,
            alt,
            caption,
            credit,
        } => {
            let alt = alt.as_deref().unwrap_or_default();
            let figure = match &src.safe {
                Some(url) => {
                    let figure = dom.element(parent, "figure", "image");
                    let img = dom.element(&figure, "img", "");
                    set(&img, "src", url);
                    set(&img, "alt", alt);
                    set(&img, "loading", "lazy");
                    set(&img, "decoding", "async");
                    figure
                }
                None => {
                    let figure = dom.element(parent, "figure", "image image-refused");
                    let p = dom.element(&figure, "p", "placeholder");
                    dom.text(&p, "Image not shown: its address is not allowed.");
                    if !alt.is_empty() {
                        dom.text(&p, &format!(" ({alt})"));
                    }
                    figure
                }
            };
            if caption.is_some() || credit.is_some() {
                let figcaption = dom.element(&figure, "figcaption", "");
                if let Some(caption) = caption {
                    dom.text(&figcaption, caption);
                }
                if let Some(credit) = credit {
                    let span = dom.element(&figcaption, "span", "image-credit");
                    dom.text(&span, credit);
                }
            }
        }
        Block::Divider => {
            dom.element(parent, "hr", "divider");
        }
        Block::Unknown { kind } => {
            let p = dom.element(parent, "p", "placeholder");
            set(&p, "data-block-type", kind);
            dom.text(
                &p,
                &format!("This part of the article (a \"{kind}\" block) cannot be shown here."),
            );
        }
    }
}
