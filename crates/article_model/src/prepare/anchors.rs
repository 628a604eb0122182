//! Where each key figure's anchor phrase sits in its section's text, and the marks the view
//! draws around those phrases.

use super::{PreparedArticle, Problem};
use crate::runs::{blocks_within, items_depth_first};
use crate::types::*;

/// Where a figure's anchor phrase is: a text run (paragraph, list item or quote) of a section,
/// and the byte range of the phrase in that run's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnchorSpot {
    /// Section index.
    pub section: usize,
    /// Block index within the section.
    pub block: usize,
    /// List item index, for list blocks.
    pub item: Option<usize>,
    /// Start byte of the phrase in the run's concatenated text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

/// A phrase to mark inside one text run: the range and the figure (0-based) it states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Start byte in the run's concatenated text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Index of the key figure.
    pub figure: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedMark {
    /// Section index.
    pub section: usize,
    /// Block index within the section.
    pub block: usize,
    /// List item index, for list blocks.
    pub item: Option<usize>,
    /// The phrase and its figure.
    pub mark: Mark,
}

impl PreparedArticle {
    /// Every marked phrase, in text order within each run.
    pub fn marks(&self) -> Vec<PlacedMark> {
        let mut marks: Vec<PlacedMark> = self
            .figure_anchors
            .iter()
            .enumerate()
            .filter_map(|(figure, spot)| {
                let spot = spot.as_ref()?;
                Some(PlacedMark {
                    section: spot.section,
                    block: spot.block,
                    item: spot.item,
                    mark: Mark {
                        start: spot.start,
                        end: spot.end,
                        figure,
                    },
                })
            })
            .collect();
        // An insertion sort: there is one mark per key figure, a handful, and the standard
        // library's sort would cost more wasm than they are worth (docs/performance.md,
        // "Measured reasons").
        let key = |m: &PlacedMark| (m.section, m.block, m.item, m.mark.start);
        for i in 1..marks.len() {
            let mut j = i;
            while j > 0 && key(&marks[j - 1]) > key(&marks[j]) {
                marks.swap(j - 1, j);
                j -= 1;
            }
        }
        marks
    }
}

/// Every text run of a section that can hold a marked phrase: (block, list item, spans).
pub(super) fn text_runs(
    section: &Section,
) -> impl Iterator<Item = (usize, Option<usize>, &Inline)> {
    section.blocks.iter().enumerate().flat_map(
        |(b, block)| -> Box<dyn Iterator<Item = (usize, Option<usize>, &Inline)>> {
            match block {
                Block::Paragraph(text) | Block::Quote { text, .. } => {
                    Box::new(std::iter::once((b, None, text)))
                }
                Block::List { items, .. } => Box::new(
                    items_depth_first(items)
                        .into_iter()
                        .enumerate()
                        .map(move |(i, item)| (b, Some(i), &item.text)),
                ),
                _ => Box::new(std::iter::empty()),
            }
        },
    )
}

/// Whether `phrase` is in the text of one of the section's callouts, where figure phrases are
/// not looked for.
fn in_a_callout(section: &Section, phrase: &str) -> bool {
    blocks_within(&section.blocks)
        .into_iter()
        .filter(|(at, _)| at.inner.is_some())
        .any(|(_, block)| {
            block
                .runs()
                .into_iter()
                .any(|(_, run, _)| inline_text(run).contains(phrase))
        })
}

/// The spot of each key figure's anchor phrase in its section, listing anchors not found or
/// overlapping another as problems.
pub(super) fn figure_anchors(
    article: &Article,
    targets: &[Option<usize>],
    problems: &mut Vec<Problem>,
) -> Vec<Option<AnchorSpot>> {
    let mut found: Vec<Option<AnchorSpot>> = Vec::with_capacity(targets.len());
    for (f, (figure, target)) in article.key_figures.iter().zip(targets).enumerate() {
        let Some(anchor) = figure.anchor.as_deref().filter(|a| !a.trim().is_empty()) else {
            found.push(None);
            continue;
        };
        let path = format!("key_figures[{f}].anchor");
        let Some(section_index) = *target else {
            if figure.section.is_none() {
                problems.push(Problem {
                    path,
                    message: "the figure has an anchor but no section to find it in".to_owned(),
                    ..Problem::default()
                });
            }
            found.push(None);
            continue;
        };
        let section = &article.sections[section_index];
        let spot = text_runs(section).find_map(|(block, item, spans)| {
            let start = inline_text(spans).find(anchor)?;
            Some(AnchorSpot {
                section: section_index,
                block,
                item,
                start,
                end: start + anchor.len(),
            })
        });
        let overlaps = |spot: &AnchorSpot| {
            found.iter().flatten().any(|other| {
                (other.section, other.block, other.item) == (spot.section, spot.block, spot.item)
                    && other.start < spot.end
                    && spot.start < other.end
            })
        };
        match spot {
            None => problems.push(Problem {
                path,
                message: if in_a_callout(section, anchor) {
                    format!(
                        "\"{anchor}\" is in a callout; a figure's phrase is marked in the section's own text, so it is not marked"
                    )
                } else {
                    format!(
                        "\"{anchor}\" does not occur in the text of section \"{}\"",
                        figure.section.as_deref().unwrap_or_default()
                    )
                },
                ..Problem::default()
            }),
            Some(spot) if overlaps(&spot) => {
                problems.push(Problem {
                    path,
                    message: format!(
                        "\"{anchor}\" overlaps another figure's anchor; it is not marked"
                    ),
                    ..Problem::default()
                });
                found.push(None);
                continue;
            }
            Some(_) => {}
        }
        found.push(spot);
    }
    found
}
