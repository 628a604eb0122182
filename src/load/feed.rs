//! An article as the loader reads it, handed to the page as one value: signals the loader
//! sets and the page reads. First what can be shown (the start of a long article, or the
//! whole), then the start's later sections as they are decoded, then its end. Data flows one
//! way, from the download to the view: the loader never sees a view, and a view never hands
//! the loader anything.

use leptos::prelude::*;

use super::LoadError;
use super::body::Progress;
use crate::model::{LateFields, LateTarget, PreparedArticle, Problem, Section};

/// What the page can show of the article being read.
pub enum Reading {
    /// Nothing yet: the download runs (its progress is [`ArticleFeed::progress`]).
    Loading,
    /// The start of a long article, prepared from its first sections, while the rest
    /// downloads: its later sections and its end follow in the feed.
    Start(Box<PreparedArticle>),
    /// The whole article: at once, or after a start whose finished document changed it (a
    /// field after the sections other than key figures and a copyright line).
    Whole(Box<PreparedArticle>),
    /// Taken by the page, which owns the article now (it can be large: it is moved, never
    /// copied).
    Taken,
    /// Why there is no article.
    Failed(LoadError),
}

impl Reading {
    /// What to render: an article moves out, leaving [`Reading::Taken`]; anything else is
    /// copied.
    pub fn take(&mut self) -> Reading {
        match self {
            Reading::Start(_) | Reading::Whole(_) => std::mem::replace(self, Reading::Taken),
            Reading::Failed(error) => Reading::Failed(error.clone()),
            Reading::Loading => Reading::Loading,
            Reading::Taken => Reading::Taken,
        }
    }
}

/// Later sections of a start shown, prepared, with their page ids.
#[derive(Default)]
pub struct MoreSections {
    /// The page id of each section.
    pub ids: Vec<String>,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

impl MoreSections {
    /// `more` after these.
    fn extend(&mut self, more: MoreSections) {
        self.ids.extend(more.ids);
        self.sections.extend(more.sections);
    }
}

/// What completes a start shown, once all of the article has arrived: what needed all of it.
#[derive(Clone, PartialEq)]
pub struct ArticleEnding {
    /// Estimated minutes to read the whole article.
    pub reading_minutes: usize,
    /// Every problem of the whole article.
    pub problems: Vec<Problem>,
    /// Key figures and a copyright line given after the sections.
    pub late: LateFields,
    /// Where each of those key figures leads.
    pub late_targets: Vec<LateTarget>,
}

/// What has arrived of the rest of a start shown, since the page last took it.
#[derive(Default)]
pub struct Arrived {
    /// Later sections.
    pub sections: MoreSections,
    /// The end, once all of the article has arrived.
    pub end: Option<ArticleEnding>,
}

/// One article being read: what the loader has read so far, for the page.
#[derive(Clone, Copy)]
pub struct ArticleFeed {
    /// Bytes received, and the total when known (set per chunk, so the view is not rebuilt
    /// for each).
    pub progress: RwSignal<Option<Progress>>,
    /// What can be shown.
    pub reading: RwSignal<Reading>,
    /// What of the start's rest the page has not taken yet (one signal for both sections and
    /// end: each signal's type costs the module its own generic code).
    rest: RwSignal<Arrived>,
}

impl Default for ArticleFeed {
    fn default() -> Self {
        ArticleFeed {
            progress: RwSignal::new(None),
            reading: RwSignal::new(Reading::Loading),
            rest: RwSignal::new(Arrived::default()),
        }
    }
}

impl ArticleFeed {
    /// Back to nothing read, for a new attempt: nothing of an earlier one may join it.
    pub fn restart(self) {
        self.progress.set(None);
        self.rest.set(Arrived::default());
        self.reading.set(Reading::Loading);
    }

    /// What of the start's rest arrived since the last call: sections, then, once, the end.
    /// Tracked: an effect that calls it runs again when more arrives.
    pub fn take_arrived(self) -> Arrived {
        self.rest.track();
        self.rest
            .try_update_untracked(std::mem::take)
            .unwrap_or_default()
    }

    // The loader's side. Each `try_`: the page may be gone (the reader opened another one),
    // and then nothing is set.

    /// Bytes received so far.
    pub(super) fn tell_progress(self, progress: Progress) {
        _ = self.progress.try_set(Some(progress));
    }

    /// The start of a long article, to show while the rest downloads.
    pub(super) fn show_start(self, start: PreparedArticle) {
        _ = self.reading.try_set(Reading::Start(Box::new(start)));
    }

    /// Sections of the start shown, decoded and prepared.
    pub(super) fn add_sections(self, more: MoreSections) {
        _ = self.rest.try_update(|rest| rest.sections.extend(more));
    }

    /// The start shown is complete.
    pub(super) fn end_start(self, ending: ArticleEnding) {
        _ = self.rest.try_update(|rest| rest.end = Some(ending));
    }

    /// The whole article, or why there is none.
    pub(super) fn settle(self, outcome: Result<PreparedArticle, LoadError>) {
        _ = self.reading.try_set(match outcome {
            Ok(article) => Reading::Whole(Box::new(article)),
            Err(error) => Reading::Failed(error),
        });
    }
}
