//! The non-fatal faults a publisher should fix: refused addresses, bad dates, missing text
//! alternatives, unknown or broken blocks.

use std::fmt;

use crate::date::IsoDate;
use crate::runs::blocks_within;
use crate::types::*;
use crate::url::CheckedUrl;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problem {
    /// Field path, e.g. `key_figures[2].section`.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// Whether the document breaks the format there (a block or key figure shown as a
    /// placeholder): the viewer copes, but a checker reports it as an error.
    pub breaks_format: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Dates that are not ISO 8601 are not shown: the publisher should know.
pub(super) fn check_dates(article: &Article, problems: &mut Vec<Problem>) {
    for (name, value) in [
        ("published", &article.published),
        ("updated", &article.updated),
    ] {
        if let Some(text) = value
            && IsoDate::parse(text).is_none()
        {
            problems.push(Problem {
                path: name.to_owned(),
                message: format!(
                    "\"{text}\" is not an ISO 8601 date such as 2025-12-05; it is not shown"
                ),
                ..Problem::default()
            });
        }
    }
}

/// Adds a problem when `url` was refused (then it is shown as text).
fn refused(problems: &mut Vec<Problem>, path: String, url: &CheckedUrl) {
    if url.safe.is_none() {
        problems.push(Problem {
            path,
            message: format!(
                "the address \"{}\" is not allowed and is shown as text",
                url.raw
            ),
            ..Problem::default()
        });
    }
}

/// The refused addresses of the authors', the article's and the key figures' sources.
pub(super) fn check_sources(article: &Article, problems: &mut Vec<Problem>) {
    for (a, author) in article.authors.iter().enumerate() {
        if let Some(url) = &author.url {
            refused(problems, format!("authors[{a}].url"), url);
        }
    }
    if let Some(url) = article.source.as_ref().and_then(|s| s.url.as_ref()) {
        refused(problems, "source.url".to_owned(), url);
    }
    for (f, figure) in article.key_figures.iter().enumerate() {
        if let Some(url) = figure.source.as_ref().and_then(|s| s.url.as_ref()) {
            refused(problems, format!("key_figures[{f}].source.url"), url);
        }
    }
}

/// The problems of section `s`'s blocks.
pub(super) fn check_blocks(s: usize, section: &Section, problems: &mut Vec<Problem>) {
    for (at, block) in blocks_within(&section.blocks) {
        let path = format!("sections[{s}].{}", at.path());
        for (place, run, has_list) in block.runs() {
            for (k, span) in run.iter().enumerate() {
                if let Some(href) = &span.href {
                    let run_path = place.path(has_list);
                    refused(problems, format!("{path}.{run_path}[{k}].href"), href);
                }
            }
        }
        match block {
            Block::Image { src, alt, .. } => {
                refused(problems, format!("{path}.src"), src);
                if alt.is_none() {
                    problems.push(Problem {
                        path: format!("{path}.alt"),
                        message: "the image has no text alternative (use \"\" if it is purely decorative)".to_owned(),
                        ..Problem::default()
                    });
                }
            }
            Block::Unknown { kind } => problems.push(Problem {
                path: format!("{path}.type"),
                message: format!(
                    "\"{kind}\" is not a block type this viewer knows; a placeholder is shown"
                ),
                ..Problem::default()
            }),
            Block::Invalid(fault) => problems.push(broken(path, fault, "block")),
            Block::List { moved, .. } => problems.extend(moved.iter().map(|list| Problem {
                path: format!("{path}.{list}"),
                message: format!(
                    "lists nest at most {MAX_LIST_DEPTH} levels deep; the deeper items are shown at level {MAX_LIST_DEPTH}"
                ),
                ..Problem::default()
            })),
            _ => {}
        }
    }
}

/// The problem of a block or key figure shown as a placeholder.
pub(super) fn broken(path: String, fault: &Fault, what: &str) -> Problem {
    let path = if fault.path.is_empty() {
        path
    } else if fault.path.starts_with('[') {
        format!("{path}{}", fault.path)
    } else {
        format!("{path}.{}", fault.path)
    };
    Problem {
        path,
        message: format!("{}; the {what} is shown as a placeholder", fault.message),
        breaks_format: true,
    }
}
