//! Addresses made relative to the article file rather than to the viewer page.

use super::PreparedArticle;
use crate::runs::content_blocks_mut;
use crate::types::*;
use crate::url::CheckedUrl;

impl PreparedArticle {
    /// Rewrites every allowed address with `resolve` (the loader makes relative addresses
    /// relative to the article file rather than to the viewer page). Addresses that start with
    /// `#` or `?` are left alone: they point within the viewer page itself.
    pub fn resolve_urls(&mut self, resolve: &dyn Fn(&str) -> String) {
        let article = &mut self.article;
        let pages = article.authors.iter_mut().chain(&mut article.source);
        for url in pages.filter_map(|who| who.url.as_mut()) {
            resolve_url(url, resolve);
        }
        resolve_figure_urls(&mut article.key_figures, resolve);
        let fix = |url: &mut CheckedUrl| resolve_url(url, resolve);
        for note in &mut article.notes {
            note.text
                .iter_mut()
                .filter_map(|s| s.href.as_mut())
                .for_each(fix);
        }
        if let Some(image) = article.image.as_mut() {
            resolve_url(image, resolve);
        }
        for section in &mut article.sections {
            resolve_section_urls(section, resolve);
        }
    }
}

/// [`PreparedArticle::resolve_urls`] for key figures (given after the sections of an article
/// shown while it arrived).
pub fn resolve_figure_urls(figures: &mut [KeyFigure], resolve: &dyn Fn(&str) -> String) {
    for figure in figures {
        if let Some(url) = figure.source.as_mut().and_then(|s| s.url.as_mut()) {
            resolve_url(url, resolve);
        }
    }
}

/// [`PreparedArticle::resolve_urls`] for one section (of an article prepared section by section).
pub fn resolve_section_urls(section: &mut Section, resolve: &dyn Fn(&str) -> String) {
    let fix = |url: &mut CheckedUrl| resolve_url(url, resolve);
    for (_, block) in content_blocks_mut(&mut section.blocks) {
        if let Block::Image { src, .. } = block {
            fix(src);
        }
        for run in block.runs_mut() {
            run.iter_mut().filter_map(|s| s.href.as_mut()).for_each(fix);
        }
    }
}

fn resolve_url(url: &mut CheckedUrl, resolve: &dyn Fn(&str) -> String) {
    if let Some(safe) = url.safe.as_ref().filter(|u| !u.starts_with(['#', '?'])) {
        url.safe = Some(resolve(safe));
    }
}
