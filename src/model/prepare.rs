//! Derived data the view needs, computed once: page ids, direction, figure targets, reading time,
//! and the non-fatal problems a publisher should fix.

use std::fmt;

use crate::model::date::IsoDate;
use crate::model::ids::{IdAllocator, is_word_char, slugify, to_lower};
use crate::model::lang::{Direction, direction_for_lang};
use crate::model::runs::items_depth_first;
use crate::model::types::*;
use crate::model::url::CheckedUrl;

/// Silent reading speed of adults, by language (IReST, Trauzettel-Klosinski et al. 2012), in
/// words per minute. Other languages use the English rate for non-fiction (Brysbaert 2019).
fn words_per_minute(primary: &str) -> usize {
    match primary {
        "ar" => 138,
        "he" => 187,
        "de" => 179,
        "fr" => 195,
        "es" => 218,
        "it" => 188,
        "nl" => 202,
        "pt" => 181,
        "pl" | "tr" => 166,
        "ru" => 184,
        "sv" => 199,
        "fi" => 161,
        _ => 238,
    }
}

/// Chinese read in characters a minute (IReST), for Han text with no Kana.
const CHINESE_CHARS_PER_MINUTE: usize = 255;
/// Japanese read in characters a minute (IReST), for Han and Kana text.
const JAPANESE_CHARS_PER_MINUTE: usize = 357;
/// Thai, Lao, Khmer and Myanmar, in code points a minute (vowel and tone marks included): an
/// estimate of about 200 words of five code points, as no study above covers them.
const SOUTHEAST_ASIAN_CHARS_PER_MINUTE: usize = 1000;

/// The primary language subtag, lower-cased ("zh" of "zh-Hans").
fn primary_subtag(lang: Option<&str>) -> String {
    lang.and_then(|tag| tag.split(['-', '_']).next())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

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

    /// Rewrites every allowed address with `resolve` (the loader makes relative addresses
    /// relative to the article file rather than to the viewer page). Addresses that start with
    /// `#` or `?` are left alone: they point within the viewer page itself.
    pub fn resolve_urls(&mut self, resolve: &dyn Fn(&str) -> String) {
        let article = &mut self.article;
        if let Some(url) = article.source.as_mut().and_then(|s| s.url.as_mut()) {
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
    for block in &mut section.blocks {
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

/// A [`Mark`] with the text run it belongs to.
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
        // library's sort would add about 2 KB of gzip wasm for them.
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

/// A fault in the article that does not stop it being shown, with the field it concerns.
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
    let primary = primary_subtag(article.lang.as_deref());
    let mut preparer = SectionPreparer {
        ids: IdAllocator::default(),
        count: 0,
        words_per_minute: words_per_minute(&primary),
        japanese: primary == "ja",
        amount: TextAmount::default(),
        id_problems: Vec::new(),
        other_problems: Vec::new(),
        block_problems: Vec::new(),
        seen: Vec::new(),
        note_ids: article.notes.iter().map(|n| n.id.clone()).collect(),
        notes_referenced: std::collections::HashSet::new(),
    };
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
    other_problems: Vec<Problem>,
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
        for (b, block) in section.blocks.iter_mut().enumerate() {
            for run in block.runs_mut() {
                for note in run.iter_mut().filter_map(|s| s.note.as_mut()) {
                    note.first = self.notes_referenced.insert(note.id.clone());
                    if note.first && !self.note_ids.contains(&note.id) {
                        self.block_problems.push(Problem {
                            path: format!("sections[{i}].blocks[{b}]"),
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
    /// the section each leads to, as [`prepare`] finds it. Their anchor phrases cannot be
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
    fn figure_target(&mut self, i: usize, figure: &KeyFigure) -> Option<usize> {
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

    /// Every problem found, in the order [`prepare`] lists them.
    pub fn into_problems(self) -> Vec<Problem> {
        let mut problems = self.id_problems;
        problems.extend(self.other_problems);
        problems.extend(self.block_problems);
        problems
    }
}

/// Every text run of a section that can hold a marked phrase: (block, list item, spans).
fn text_runs(section: &Section) -> impl Iterator<Item = (usize, Option<usize>, &Inline)> {
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

fn figure_anchors(
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
                message: format!(
                    "\"{anchor}\" does not occur in the text of section \"{}\"",
                    figure.section.as_deref().unwrap_or_default()
                ),
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
fn resolve_pull_quote_repeats(section: &mut Section) {
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

fn check_dates(article: &Article, problems: &mut Vec<Problem>) {
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

fn check_sources(article: &Article, problems: &mut Vec<Problem>) {
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
fn check_blocks(s: usize, section: &Section, problems: &mut Vec<Problem>) {
    for (b, block) in section.blocks.iter().enumerate() {
        let path = format!("sections[{s}].blocks[{b}]");
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
fn broken(path: String, fault: &Fault, what: &str) -> Problem {
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

/// Text counted for the reading time: words where words are spaced, characters where a script
/// writes none (Han, Kana, Thai and its neighbours), so that an article without `lang` in
/// Chinese or Japanese is timed by its script.
#[derive(Debug, Clone, Copy, Default)]
struct TextAmount {
    words: usize,
    /// Han and Kana characters.
    han_kana: usize,
    /// Whether any Kana was seen: the text is Japanese, read at Japanese speed.
    kana: bool,
    /// Characters of Thai, Lao, Khmer and Myanmar, written without spaces between words.
    southeast_asian: usize,
}

/// What a character counts as.
enum CharKind {
    Space,
    Han,
    Kana,
    SoutheastAsian,
    Other,
}

fn char_kind(c: char) -> CharKind {
    match c {
        // Spaces, and the punctuation of Han and Kana text, which is neither a word nor read.
        ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{3000}'..='\u{303f}' => CharKind::Space,
        '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff5b}'..='\u{ff65}' => {
            CharKind::Space
        }
        '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9d}' => {
            CharKind::Kana
        }
        '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}' => CharKind::Han,
        '\u{0e00}'..='\u{0eff}' | '\u{1000}'..='\u{109f}' | '\u{1780}'..='\u{17ff}' => {
            CharKind::SoutheastAsian
        }
        _ => CharKind::Other,
    }
}

impl TextAmount {
    fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            // ASCII text, the bulk of most articles, is decided without the table.
            let kind = if c.is_ascii() {
                if c.is_ascii_whitespace() {
                    CharKind::Space
                } else {
                    CharKind::Other
                }
            } else {
                char_kind(c)
            };
            in_word = match kind {
                CharKind::Space => false,
                CharKind::Other => {
                    self.words += usize::from(!in_word);
                    true
                }
                CharKind::Han => {
                    self.han_kana += 1;
                    false
                }
                CharKind::Kana => {
                    self.han_kana += 1;
                    self.kana = true;
                    false
                }
                CharKind::SoutheastAsian => {
                    self.southeast_asian += 1;
                    false
                }
            };
        }
    }

    fn add_section(&mut self, section: &Section) {
        for block in &section.blocks {
            match block {
                Block::Heading { text, .. } | Block::Code { text, .. } => self.add(text),
                // A pull-quote repeats the body; images and dividers have no running text.
                // Each run on its own: two cells are two words, a word split by formatting one.
                _ => {
                    for (_, run, _) in block.runs() {
                        self.add(&inline_text(run));
                    }
                }
            }
        }
    }

    /// Minutes at `words_per_minute` for spaced text, at least 1.
    fn minutes(&self, words_per_minute: usize, japanese: bool) -> usize {
        let han_kana_rate = if japanese || self.kana {
            JAPANESE_CHARS_PER_MINUTE
        } else {
            CHINESE_CHARS_PER_MINUTE
        };
        let minutes = self.words as f64 / words_per_minute as f64
            + self.han_kana as f64 / han_kana_rate as f64
            + self.southeast_asian as f64 / SOUTHEAST_ASIAN_CHARS_PER_MINUTE as f64;
        (minutes.ceil() as usize).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_article;

    fn prepared(json: &str) -> PreparedArticle {
        prepare(parse_article(json).unwrap())
    }

    #[test]
    fn key_figures_after_the_sections_lead_to_theirs_and_say_their_anchor_is_not_marked() {
        let article = parse_article(
            r#"{"version": 1, "title": "T", "sections": [
                {"blocks": []},
                {"id": "Two", "heading": "Second", "blocks": []}]}"#,
        )
        .unwrap();
        let (_, mut preparer) = prepare_start(article);
        let figure = |section: &str, anchor: Option<&str>| KeyFigure {
            value: "1".to_owned(),
            label: "one".to_owned(),
            section: Some(section.to_owned()),
            anchor: anchor.map(str::to_owned),
            ..KeyFigure::default()
        };
        let figures = [
            figure("Two", None),
            figure("two", Some("phrase")),
            figure("lead", None),
            figure("nowhere", None),
            KeyFigure::default(),
        ];
        let targets = preparer.place_late_figures(&figures);
        assert_eq!(
            targets,
            [
                Some((1, Some("Second".to_owned()))),
                Some((1, Some("Second".to_owned()))),
                Some((0, None)),
                None,
                None
            ]
        );
        let problems: Vec<String> = preparer
            .into_problems()
            .iter()
            .map(|p| p.path.clone())
            .collect();
        assert!(
            problems.contains(&"key_figures[1].anchor".to_owned()),
            "{problems:?}"
        );
        assert!(
            problems.contains(&"key_figures[3].section".to_owned()),
            "{problems:?}"
        );
    }

    #[test]
    fn ids_are_derived_unique_and_sanitised() {
        let p = prepared(
            r#"{"version": 1, "title": "T", "sections": [
                {"blocks": []},
                {"heading": "Peace process", "blocks": []},
                {"heading": "Peace process", "blocks": []},
                {"id": "Bad Id<script>", "heading": "x", "blocks": []},
                {"heading": "!!!", "blocks": []}]}"#,
        );
        assert_eq!(
            p.section_ids,
            [
                "lead",
                "peace-process",
                "peace-process-2",
                "bad-id-script",
                "section-5"
            ]
        );
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert_eq!(p.problems[0].path, "sections[3].id");
    }

    #[test]
    fn figures_resolve_by_given_or_derived_id_and_report_misses() {
        let p = prepared(
            r#"{"version": 1, "title": "T",
                "sections": [{"heading": "Trade", "blocks": []}, {"id": "nato", "heading": "N", "blocks": []}],
                "key_figures": [
                    {"value": "1", "label": "a", "section": "trade"},
                    {"value": "2", "label": "b", "section": "nato"},
                    {"value": "3", "label": "c", "section": "missing"},
                    {"value": "4", "label": "d"}]}"#,
        );
        assert_eq!(p.figure_targets, [Some(0), Some(1), None, None]);
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].path, "key_figures[2].section");
    }

    #[test]
    fn direction_follows_dir_then_lang() {
        let base = r#""version": 1, "title": "T", "sections": [{"blocks": []}]"#;
        assert_eq!(prepared(&format!("{{{base}}}")).dir, Direction::Ltr);
        assert_eq!(
            prepared(&format!(r#"{{{base}, "lang": "ar"}}"#)).dir,
            Direction::Rtl
        );
        assert_eq!(
            prepared(&format!(r#"{{{base}, "lang": "ar", "dir": "ltr"}}"#)).dir,
            Direction::Ltr
        );
    }

    #[test]
    fn unsafe_urls_unknown_blocks_and_bad_dates_are_problems_not_errors() {
        let p = prepared(
            r#"{"version": 1, "title": "T", "published": "yesterday", "sections": [{"blocks": [
                {"type": "paragraph", "text": [{"text": "x", "href": "javascript:alert(1)"}]},
                {"type": "image", "src": "data:image/png;base64,xx", "alt": "a"},
                {"type": "carousel"}]}]}"#,
        );
        let paths: Vec<_> = p.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "published",
                "sections[0].blocks[0].text[0].href",
                "sections[0].blocks[1].src",
                "sections[0].blocks[2].type"
            ]
        );
    }

    #[test]
    fn anchors_are_found_in_their_section_text_or_reported() {
        let p = prepared(
            r#"{"version": 1, "title": "T", "sections": [
                {"heading": "Trade", "blocks": [
                    {"type": "paragraph", "text": "Nothing here."},
                    {"type": "paragraph", "text": ["Trade stayed ", {"text": "under $90 million", "strong": true}, " in 2024."]},
                    {"type": "list", "items": ["first", "some 20 companies"]}]},
                {"heading": "Other", "blocks": [{"type": "paragraph", "text": "33 years"}]}],
              "key_figures": [
                {"value": "< $90m", "label": "trade", "section": "trade", "anchor": "stayed under $90 million"},
                {"value": "~20", "label": "firms", "section": "trade", "anchor": "20 companies"},
                {"value": "33", "label": "years", "section": "trade", "anchor": "33 years"},
                {"value": "x", "label": "overlap", "section": "trade", "anchor": "under $90"},
                {"value": "y", "label": "no section", "anchor": "Nothing"}]}"#,
        );
        assert_eq!(
            p.figure_anchors[0],
            Some(AnchorSpot {
                section: 0,
                block: 1,
                item: None,
                start: 6,
                end: 30
            })
        );
        assert_eq!(
            p.figure_anchors[1],
            Some(AnchorSpot {
                section: 0,
                block: 2,
                item: Some(1),
                start: 5,
                end: 17
            })
        );
        assert_eq!(p.figure_anchors[2], None, "33 years is in another section");
        assert_eq!(
            p.figure_anchors[3], None,
            "overlapping anchors are not marked"
        );
        assert_eq!(p.figure_anchors[4], None);
        let paths: Vec<_> = p.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "key_figures[2].anchor",
                "key_figures[3].anchor",
                "key_figures[4].anchor"
            ]
        );
        let marks = p.marks();
        assert_eq!(marks.len(), 2);
        assert_eq!(
            marks[0],
            PlacedMark {
                section: 0,
                block: 1,
                item: None,
                mark: Mark {
                    start: 6,
                    end: 30,
                    figure: 0
                }
            }
        );
        assert_eq!((marks[1].block, marks[1].item), (2, Some(1)));
    }

    #[test]
    fn pull_quotes_that_repeat_the_body_are_detected_unless_the_publisher_says() {
        let p = prepared(
            r#"{"version": 1, "title": "T", "sections": [{"blocks": [
                {"type": "paragraph", "text": "He said it opened the door, now we build."},
                {"type": "pull_quote", "text": "“It opened the door”"},
                {"type": "pull_quote", "text": "Words found nowhere else"},
                {"type": "pull_quote", "text": "It opened the door", "repeats_text": false}]}]}"#,
        );
        let repeats: Vec<_> = p.article.sections[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::PullQuote { repeats_text, .. } => *repeats_text,
                _ => None,
            })
            .collect();
        assert_eq!(repeats, [true, false, false]);
    }

    #[test]
    fn resolve_urls_rewrites_every_allowed_address_and_only_those() {
        let mut p = prepared(
            r##"{"version": 1, "title": "T", "source": {"name": "P", "url": "about.html"},
                "sections": [{"blocks": [
                    {"type": "image", "src": "pic.png", "alt": ""},
                    {"type": "image", "src": "javascript:x", "alt": ""},
                    {"type": "paragraph", "text": [{"text": "a", "href": "a.html"}, {"text": "b", "href": "#lead"}]},
                    {"type": "list", "items": [[{"text": "b", "href": "https://x.example/"}]]}]}],
                "key_figures": [{"value": "1", "label": "l", "source": {"name": "S", "url": "s.html"}}]}"##,
        );
        p.resolve_urls(&|u| format!("BASE/{u}"));
        let a = &p.article;
        assert_eq!(
            a.source
                .as_ref()
                .unwrap()
                .url
                .as_ref()
                .unwrap()
                .safe
                .as_deref(),
            Some("BASE/about.html")
        );
        let blocks = &a.sections[0].blocks;
        assert!(
            matches!(&blocks[0], Block::Image { src, .. } if src.safe.as_deref() == Some("BASE/pic.png"))
        );
        assert!(matches!(&blocks[1], Block::Image { src, .. } if src.safe.is_none()));
        assert!(
            matches!(&blocks[2], Block::Paragraph(t) if t[0].href.as_ref().unwrap().safe.as_deref() == Some("BASE/a.html"))
        );
        assert!(
            matches!(&blocks[2], Block::Paragraph(t) if t[1].href.as_ref().unwrap().safe.as_deref() == Some("#lead"))
        );
        assert!(
            matches!(&blocks[3], Block::List { items, .. } if items[0].text[0].href.as_ref().unwrap().safe.as_deref() == Some("BASE/https://x.example/"))
        );
        let figure_url = a.key_figures[0]
            .source
            .as_ref()
            .unwrap()
            .url
            .as_ref()
            .unwrap();
        assert_eq!(figure_url.safe.as_deref(), Some("BASE/s.html"));
    }

    #[test]
    fn reading_time_counts_body_words() {
        let words = vec!["word"; 480].join(" ");
        let p = prepared(&format!(
            r#"{{"version": 1, "title": "T", "sections": [{{"blocks": [{{"type": "paragraph", "text": "{words}"}}]}}]}}"#
        ));
        assert_eq!(p.reading_minutes, 3);
    }

    #[test]
    fn reading_time_follows_the_language() {
        let article = |lang: &str, text: &str| {
            prepared(&format!(
                r#"{{"version": 1, "title": "T", "lang": "{lang}", "sections": [{{"blocks": [{{"type": "paragraph", "text": "{text}"}}]}}]}}"#
            ))
        };
        let words = vec!["word"; 400].join(" ");
        assert_eq!(article("en", &words).reading_minutes, 2);
        assert_eq!(article("ar", &words).reading_minutes, 3);
        // Chinese counts characters: 600 characters at 255 a minute.
        assert_eq!(article("zh-Hans", &"字".repeat(600)).reading_minutes, 3);
    }

    #[test]
    fn reading_time_without_lang_follows_the_script() {
        let article = |text: &str| {
            prepared(&format!(
                r#"{{"version": 1, "title": "T", "sections": [{{"blocks": [{{"type": "paragraph", "text": "{text}"}}]}}]}}"#
            ))
            .reading_minutes
        };
        // Han alone reads as Chinese (255 a minute), with Kana as Japanese (357 a minute).
        assert_eq!(article(&"字".repeat(600)), 3);
        // Their punctuation is not read: 500 characters and 500 full stops are 2 minutes.
        assert_eq!(article(&"字。".repeat(500)), 2);
        assert_eq!(article(&"字，".repeat(500)), 2);
        assert_eq!(article(&"字か".repeat(357)), 2);
        // Thai is written without spaces: 2,500 code points at 1,000 a minute.
        assert_eq!(article(&"ภาษาไทย".repeat(357)), 3);
        // Mixed text adds both: 238 words and 255 characters are a minute each.
        let mixed = format!("{} {}", vec!["word"; 238].join(" "), "字".repeat(255));
        assert_eq!(article(&mixed), 2);
        // Korean is spaced into words.
        assert_eq!(article(&vec!["한국어"; 476].join(" ")), 2);
    }

    #[test]
    fn tables_code_and_nested_lists_count_towards_reading_time() {
        let words = vec!["word"; 240].join(" ");
        let article = |block: &str| {
            prepared(&format!(
                r#"{{"version": 1, "title": "T", "sections": [{{"blocks": [{block}]}}]}}"#
            ))
            .reading_minutes
        };
        assert_eq!(
            article(&format!(r#"{{"type": "code", "text": "{words}"}}"#)),
            2
        );
        assert_eq!(
            article(&format!(
                r#"{{"type": "table", "rows": [["{words}", "{words}"]]}}"#
            )),
            3
        );
        let nested = format!(
            r#"{{"type": "list", "items": [{{"text": "{words}", "items": ["{words}"]}}]}}"#
        );
        assert_eq!(article(&nested), 3);
    }

    #[test]
    fn lists_deeper_than_four_levels_move_up_with_a_problem() {
        let mut item = r#"{"text": "6"}"#.to_owned();
        for level in (1..=5).rev() {
            item = format!(r#"{{"text": "{level}", "items": [{item}, "{level}b"]}}"#);
        }
        let p = prepared(&format!(
            r#"{{"version": 1, "title": "T", "sections": [{{"blocks": [{{"type": "list", "items": [{item}]}}]}}]}}"#
        ));
        let Block::List { items, .. } = &p.article.sections[0].blocks[0] else {
            panic!("a list")
        };
        let level4 = &items[0].items[0].items[0].items;
        let texts: Vec<String> = level4.iter().map(|i| inline_text(&i.text)).collect();
        assert_eq!(texts, ["4", "5", "6", "5b", "4b", "3b"]);
        assert!(level4.iter().all(|i| i.items.is_empty()));
        let paths: Vec<&str> = p.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["sections[0].blocks[0].items[0].items[0].items[0].items"]
        );
        assert!(!p.problems[0].breaks_format);
    }
}
