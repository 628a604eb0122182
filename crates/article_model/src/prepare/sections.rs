//! Sections prepared one after another, so a long article is shown from its first sections
//! while the rest arrives and each later section is dropped once it is in the page.

use super::problems::{Problem, broken, check_blocks};
use super::pull_quotes::resolve_pull_quote_repeats;
use super::reading_time::{TextAmount, words_per_minute};
use crate::ids::{IdAllocator, slugify};
use crate::lang::primary_subtag;
use crate::runs::content_blocks_mut;
use crate::types::*;

/// Prepares an article's sections one after another, keeping what each depends on from those
/// before it: the ids taken, the text counted and the problems found.
pub struct SectionPreparer {
    ids: IdAllocator,
    /// Sections prepared so far.
    count: usize,
    /// Reading rate of the article's language for spaced text.
    words_per_minute: usize,
    /// Whether the article says it is Japanese (Han text is then read at Japanese speed).
    japanese: bool,
    /// Text counted so far.
    amount: TextAmount,
    /// Problems are listed by kind, as a publisher fixes them: ids, then the rest of the
    /// article's fields, then the sections' blocks.
    id_problems: Vec<Problem>,
    pub(super) other_problems: Vec<Problem>,
    block_problems: Vec<Problem>,
    /// Each section's publisher id, page id and heading: what key figures are placed against,
    /// those given before the sections and those after them
    /// ([`place_late_figures`](Self::place_late_figures)).
    seen: Vec<(Option<String>, String, Option<String>)>,
    /// The article's notes, by page id: what references may name.
    note_ids: Vec<String>,
    /// Notes referred to so far: a later reference is not the one the note links back to.
    notes_referenced: std::collections::HashSet<String>,
}

/// Where a key figure given after the sections leads: a section and its heading.
pub type LateTarget = Option<(usize, Option<String>)>;

impl SectionPreparer {
    /// A preparer for an article in `lang` whose notes have the page ids `note_ids`.
    pub(super) fn new(lang: Option<&str>, note_ids: Vec<String>) -> Self {
        let primary = primary_subtag(lang);
        SectionPreparer {
            ids: IdAllocator::default(),
            count: 0,
            words_per_minute: words_per_minute(&primary),
            japanese: primary == "ja",
            amount: TextAmount::default(),
            id_problems: Vec::new(),
            other_problems: Vec::new(),
            block_problems: Vec::new(),
            seen: Vec::new(),
            note_ids,
            notes_referenced: std::collections::HashSet::new(),
        }
    }

    /// Prepares the next section (it decides whether each pull-quote repeats the text) and
    /// returns its page id.
    pub fn add(&mut self, section: &mut Section) -> String {
        let i = self.count;
        self.count += 1;
        let wanted = match (&section.id, &section.heading) {
            (Some(id), _) => slugify(id),
            (None, Some(heading)) => slugify(heading),
            (None, None) if i == 0 => "lead".to_owned(),
            (None, None) => String::new(),
        };
        let id = self.ids.allocate(&wanted, &format!("section-{}", i + 1));
        if let Some(given) = &section.id
            && *given != id
        {
            self.id_problems.push(Problem {
                path: format!("sections[{i}].id"),
                message: format!(
                    "the id \"{given}\" is used as \"{id}\" (ids are lower-case letters, digits and hyphens, unique in the article)"
                ),
                ..Problem::default()
            });
        }
        self.seen
            .push((section.id.clone(), id.clone(), section.heading.clone()));
        resolve_pull_quote_repeats(section);
        self.mark_first_note_references(i, section);
        check_blocks(i, section, &mut self.block_problems);
        self.amount.add_section(section);
        id
    }

    /// Marks each note's first reference (the one its back link leads to, which carries the
    /// page id) and lists references to notes the article does not have.
    fn mark_first_note_references(&mut self, i: usize, section: &mut Section) {
        for (at, block) in content_blocks_mut(&mut section.blocks) {
            for run in block.runs_mut() {
                for note in run.iter_mut().filter_map(|s| s.note.as_mut()) {
                    note.first = self.notes_referenced.insert(note.id.clone());
                    if note.first && !self.note_ids.contains(&note.id) {
                        self.block_problems.push(Problem {
                            path: format!("sections[{i}].{}", at.path()),
                            message: format!(
                                "a reference to the note \"{}\", which the article's notes do not have",
                                note.id
                            ),
                            ..Problem::default()
                        });
                    }
                }
            }
        }
    }

    /// Places key figures that came after the sections of an article shown while it arrived:
    /// the section each leads to, as [`prepare`](super::prepare) finds it. Their anchor phrases cannot be
    /// marked any more (the sections are in the page, their text no longer here), which is
    /// listed as a problem telling the publisher how to have them marked.
    pub fn place_late_figures(&mut self, figures: &[KeyFigure]) -> Vec<LateTarget> {
        figures
            .iter()
            .enumerate()
            .map(|(i, figure)| {
                let found = self.figure_target(i, figure)?;
                if figure.anchor.as_deref().is_some_and(|a| !a.trim().is_empty()) {
                    self.other_problems.push(Problem {
                        path: format!("key_figures[{i}].anchor"),
                        message: "not marked in the text: the key figures come after the sections in the file (put key_figures before sections to have it marked)".to_owned(),
                        ..Problem::default()
                    });
                }
                Some((found, self.seen[found].2.clone()))
            })
            .collect()
    }

    /// The index of the section key figure `i` names (by the publisher's id or the page id)
    /// among the sections prepared so far; a named section that is not among them is a
    /// problem.
    pub(super) fn figure_target(&mut self, i: usize, figure: &KeyFigure) -> Option<usize> {
        if let Some(fault) = &figure.invalid {
            let problem = broken(format!("key_figures[{i}]"), fault, "key figure");
            self.other_problems.push(problem);
            return None;
        }
        let wanted = figure.section.as_deref()?;
        let found = self
            .seen
            .iter()
            .position(|(given, id, _)| given.as_deref() == Some(wanted) || id == wanted);
        if found.is_none() {
            self.other_problems.push(Problem {
                path: format!("key_figures[{i}].section"),
                message: format!("no section has the id \"{wanted}\""),
                ..Problem::default()
            });
        }
        found
    }

    /// Estimated minutes to read the sections so far, at least 1.
    pub fn reading_minutes(&self) -> usize {
        self.amount.minutes(self.words_per_minute, self.japanese)
    }

    /// Every problem found, in the order [`prepare`](super::prepare) lists them.
    pub fn into_problems(self) -> Vec<Problem> {
        let mut problems = self.id_problems;
        problems.extend(self.other_problems);
        problems.extend(self.block_problems);
        problems
    }
}
