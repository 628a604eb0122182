//! The rest of an article whose start is on the page while it downloads: its later sections,
//! added in place as the loader's [`ArticleFeed`] gets them, then its end (the reading time,
//! the problems note, key figures and a copyright line given after the sections). The view
//! reads the feed; the loader knows nothing of the view.

use leptos::prelude::*;
use web_sys::Element;

use crate::load::{Arrived, ArticleEnding, ArticleFeed, MoreSections};
use crate::model::Problem;
use crate::view::accordion::{SectionStates, section_flags};
use crate::view::contents::{ContentsList, headed_sections};
use crate::view::figures::{FigureTarget, KeyFigures};
use crate::view::footer::ReaderSummary;
use crate::view::mount::{insert_static_view, insert_view};
use crate::view::page::log_problems;
use crate::view::progressive::{insert_sections, pending_sections};

/// An article shown before all of it arrived, and where the rest goes.
pub struct ArticleRest {
    /// How many sections are shown.
    pub shown: usize,
    /// The sections' open states.
    pub states: SectionStates,
    /// The reading time in the header, known once all of the article has arrived.
    pub reading_minutes: RwSignal<Option<usize>>,
    /// The problems note, complete once all of the article has arrived.
    pub problems: RwSignal<Vec<Problem>>,
    /// Whether all of it has arrived (the loading note goes, `aria-busy` too).
    pub all_arrived: RwSignal<bool>,
    /// Whether every section is in the page (fragments are followed then).
    pub all_in_page: RwSignal<bool>,
    /// The rail, where key figures given after the sections go.
    pub rail: Option<Element>,
    /// The article's end, where a copyright line given after the sections goes.
    pub article_end: Element,
    /// The contents list, which gets an entry per headed section arriving.
    pub contents: Option<ContentsList>,
    /// The column of sections.
    pub sections: Element,
    /// "Loading the rest of the article…", at the end of what is shown: sections arriving go
    /// in before it; removed once all of it has arrived.
    pub more: Element,
}

/// Adds the rest of the article to `rest` as `feed` gets it: each batch of sections, then the
/// end. Call it under the owner the article's sections belong to (the article's, once it is
/// mounted): what is built here is that owner's, not the effect's, whose owner is cleaned up
/// each time it runs again.
pub fn add_as_it_arrives(rest: ArticleRest, feed: ArticleFeed) {
    let owner = Owner::current();
    let mut rest = Some(rest);
    // The first run takes what came before the start was built.
    Effect::new(move |_| {
        let Arrived { sections, end } = feed.take_arrived();
        let add = || {
            if let Some(shown) = rest.as_mut().filter(|_| !sections.ids.is_empty()) {
                shown.add(sections);
            }
            // Once: the rest is complete then.
            if let Some(ending) = end
                && let Some(shown) = rest.take()
            {
                shown.finish(ending);
            }
        };
        match &owner {
            Some(owner) => owner.with(add),
            None => add(),
        }
    });
}

impl ArticleRest {
    /// Adds sections that arrived, after those shown, with their contents entries. A section
    /// the reader opened stays open, and nothing shown is built again.
    fn add(&mut self, more: MoreSections) {
        let MoreSections { ids, sections } = more;
        let first = self.shown;
        self.shown += sections.len();
        self.states.extend(section_flags(&sections, &ids));
        if let Some(list) = &self.contents {
            list.add(&self.states, headed_sections(&sections, first).collect());
        }
        let sections = pending_sections(sections, first, &[]);
        insert_sections(
            &self.sections,
            Some(&self.more),
            &self.states,
            sections,
            false,
        );
    }

    /// Completes the article once all of it has arrived: the reading time and the problems
    /// note, key figures and a copyright line given after the sections, and the end of the
    /// article in place of the loading note.
    fn finish(self, ending: ArticleEnding) {
        let ArticleEnding {
            reading_minutes,
            problems,
            late,
            late_targets,
        } = ending;
        log_problems(&problems);
        self.reading_minutes.set(Some(reading_minutes));
        self.problems.set(problems);
        if let Some(rail) = self.rail.as_ref().filter(|_| !late.key_figures.is_empty()) {
            let targets = late_targets
                .into_iter()
                .map(|target| {
                    target.map(|(section, heading)| FigureTarget {
                        section,
                        heading,
                        anchored: false,
                    })
                })
                .collect();
            let figures = late.key_figures;
            let summary = figures.clone();
            let states = self.states.clone();
            insert_view(rail, None, view! { <KeyFigures figures targets states /> });
            let end = Some(self.article_end.as_ref());
            insert_static_view(
                &self.sections,
                end,
                view! { <ReaderSummary figures=summary /> },
            );
        }
        if let Some(text) = late.copyright {
            let line = view! { <p class="copyright">{text}</p> };
            insert_static_view(&self.article_end, None, line);
        }
        self.more.remove();
        self.all_arrived.set(true);
        self.all_in_page.set(true);
    }
}
