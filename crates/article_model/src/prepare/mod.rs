//! Derived data the view needs, computed once: page ids, direction, figure targets, reading time,
//! and the non-fatal problems a publisher should fix. One file per job; this one joins them.

mod addresses;
mod anchors;
mod problems;
mod pull_quotes;
mod reading_time;
mod sections;
#[cfg(test)]
mod tests;

pub use addresses::{resolve_figure_urls, resolve_section_urls};
pub use anchors::{AnchorSpot, Mark, PlacedMark};
pub use problems::Problem;
pub use sections::{LateTarget, SectionPreparer};

use crate::lang::{Direction, direction_for_lang};
use crate::types::*;
use anchors::figure_anchors;
use problems::{check_dates, check_sources};

/// An article ready to render: the publisher's data plus everything derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedArticle {
    /// The article as decoded.
    pub article: Article,
    /// The page id of each section, unique, in section order.
    pub section_ids: Vec<String>,
    /// For each key figure, the index of the section it points at, if it exists.
    pub figure_targets: Vec<Option<usize>>,
    /// For each key figure, where its anchor phrase sits in the text, if it was found.
    pub figure_anchors: Vec<Option<AnchorSpot>>,
    /// Direction for `<html dir>`.
    pub dir: Direction,
    /// Estimated minutes to read the body, at least 1.
    pub reading_minutes: usize,
    /// Things that were wrong but did not stop the article from showing.
    pub problems: Vec<Problem>,
}

impl PreparedArticle {
    /// Whether this article, prepared from the first sections of a document still arriving,
    /// already has what the top of its page shows in final form: every key figure's section
    /// among them (so the cards and marked passages will not change) and a contents list (two
    /// headed sections or more, so the page's columns will not change).
    pub fn can_show_early(&self) -> bool {
        let figures_placed = self
            .article
            .key_figures
            .iter()
            .zip(&self.figure_targets)
            .all(|(figure, target)| figure.section.is_none() || target.is_some());
        let headed = self.article.sections.iter().filter(|s| s.heading.is_some());
        figures_placed && headed.count() > 1
    }
}

/// Derives ids, direction, figure targets and reading time, and lists the problems found.
pub fn prepare(article: Article) -> PreparedArticle {
    let (mut prepared, preparer) = prepare_start(article);
    prepared.reading_minutes = preparer.reading_minutes();
    prepared.problems = preparer.into_problems();
    prepared
}

/// [`prepare`] but for the reading time and problems, which the returned [`SectionPreparer`]
/// gives once it has also prepared every section that follows `article`'s: a long article is
/// shown from its first sections while the rest arrives, and each later section, prepared by
/// [`SectionPreparer::add`], is added to the page and dropped, so the whole article is never
/// in memory. Ids, problems and reading time come out as if prepared whole (`tests/fuzz.rs`).
pub fn prepare_start(mut article: Article) -> (PreparedArticle, SectionPreparer) {
    let note_ids = article.notes.iter().map(|n| n.id.clone()).collect();
    let mut preparer = SectionPreparer::new(article.lang.as_deref(), note_ids);
    let section_ids: Vec<String> = article
        .sections
        .iter_mut()
        .map(|section| preparer.add(section))
        .collect();
    let figure_targets: Vec<Option<usize>> = article
        .key_figures
        .iter()
        .enumerate()
        .map(|(i, figure)| preparer.figure_target(i, figure))
        .collect();
    let problems = &mut preparer.other_problems;
    let figure_anchors = figure_anchors(&article, &figure_targets, problems);
    check_dates(&article, problems);
    check_sources(&article, problems);
    let dir = article.dir.unwrap_or_else(|| match &article.lang {
        Some(lang) => direction_for_lang(lang),
        None => Direction::Ltr,
    });
    let prepared = PreparedArticle {
        reading_minutes: 0,
        problems: Vec::new(),
        section_ids,
        figure_targets,
        figure_anchors,
        dir,
        article,
    };
    (prepared, preparer)
}
