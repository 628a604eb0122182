//! Whether a pull-quote repeats words of its section (then screen readers skip it).

use super::anchors::text_runs;
use crate::ids::{is_word_char, to_lower};
use crate::types::*;

/// Lower-cased words only, so "“It opened the door.”" matches "it opened the door".
fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(to_lower));
    }
    out
}

/// Decides, where the publisher did not, whether each pull-quote repeats words of its section.
pub(super) fn resolve_pull_quote_repeats(section: &mut Section) {
    let undecided = |block: &Block| {
        matches!(
            block,
            Block::PullQuote {
                repeats_text: None,
                ..
            }
        )
    };
    // Most sections have no pull-quote: do not build their comparable text at all.
    if !section.blocks.iter().any(undecided) {
        return;
    }
    let body: String = text_runs(section)
        .map(|(_, _, spans)| comparable(&inline_text(spans)))
        .collect::<Vec<_>>()
        .join(" ");
    for block in &mut section.blocks {
        if let Block::PullQuote {
            text, repeats_text, ..
        } = block
            && repeats_text.is_none()
        {
            let quote = comparable(text);
            *repeats_text = Some(!quote.is_empty() && body.contains(&*quote));
        }
    }
}
