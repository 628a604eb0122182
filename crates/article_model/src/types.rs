//! The article format, version 1, as Rust types. See docs/format.md for the contract.

use crate::lang::Direction;
use crate::url::CheckedUrl;

/// The only major version of the format this viewer understands.
pub const FORMAT_VERSION: u64 = 1;

/// A whole article as the publisher wrote it (after decoding, before derived data).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// Format version; always [`FORMAT_VERSION`] once decoded.
    pub version: u64,
    /// BCP 47 language tag, copied to `<html lang>`.
    pub lang: Option<String>,
    /// Explicit text direction; when absent it follows from `lang`.
    pub dir: Option<Direction>,
    /// Kicker above the title, e.g. "Promoted".
    pub label: Option<String>,
    /// The headline; never blank.
    pub title: String,
    /// One-sentence summary under the title.
    pub standfirst: Option<String>,
    /// Bylines in display order.
    pub authors: Vec<Source>,
    /// First publication, as written (ISO 8601 date or date-time).
    pub published: Option<String>,
    /// Last update, as written (ISO 8601 date or date-time).
    pub updated: Option<String>,
    /// The publisher.
    pub source: Option<Source>,
    /// Present exactly when the article is paid-for content.
    pub sponsor: Option<Sponsor>,
    /// Copyright line shown in the footer.
    pub copyright: Option<String>,
    /// The body; at least one section.
    pub sections: Vec<Section>,
    /// Facts for the sidebar.
    pub key_figures: Vec<KeyFigure>,
    /// Topics (a blog's tags), in the publisher's order, blanks and repeats left out.
    pub tags: Vec<String>,
    /// The picture for link previews and library cards; never shown in the article itself.
    pub image: Option<CheckedUrl>,
    /// Notes at the end, in the order they are numbered.
    pub notes: Vec<Note>,
}

/// A note at the end of the article, which references in the text link to and back from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Note {
    /// Its page id (`note--…` in the page), made safe and unique.
    pub id: String,
    /// The note.
    pub text: Inline,
}

/// A span that refers to a note.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NoteRef {
    /// The note's page id, as in [`Note::id`].
    pub id: String,
    /// Whether this is the first reference to the note: the one the note links back to, which
    /// carries the page id.
    pub first: bool,
}

/// A named person or organisation with an optional home page (author, publisher, figure
/// source).
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Display name.
    pub name: String,
    /// Where the name links to, if the address is safe.
    pub url: Option<CheckedUrl>,
}

/// Who paid for a sponsored article, and the words that disclose it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sponsor {
    /// The paying organisation.
    pub name: String,
    /// The full disclosure shown in the footer.
    pub disclosure: Option<String>,
}

/// One part of the body; headed sections collapse, a heading-less lead does not.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// The publisher's id, if given (sanitised later into the page id).
    pub id: Option<String>,
    /// The heading; `None` for a lead section.
    pub heading: Option<String>,
    /// Whether the section starts closed.
    pub collapsed: bool,
    /// The content.
    pub blocks: Vec<Block>,
}

/// One piece of content inside a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Body text.
    Paragraph(Inline),
    /// A sub-heading inside a section (`<h3>` or `<h4>`).
    Heading {
        /// The words of the heading, with their marks (code, emphasis…); a link in it is
        /// kept as its text, since the heading itself is what a reader follows.
        text: Inline,
        /// 3 or 4.
        level: u8,
    },
    /// A bulleted or numbered list, possibly holding lists in its items.
    List {
        /// Numbered (`<ol>`) when true.
        ordered: bool,
        /// The items, in order.
        items: Vec<ListItem>,
        /// The lists, by path in the block (`items[0].items[1].items`), whose deeper items
        /// were moved up to [`MAX_LIST_DEPTH`]: each is a problem for the publisher.
        moved: Vec<String>,
    },
    /// A table of inline cells.
    Table(Table),
    /// Preformatted text, such as source code: every space and line break is kept.
    Code {
        /// The text, as written.
        text: String,
        /// Its programming language, e.g. "rust" (shown to no one; kept for tools and styles).
        language: Option<String>,
    },
    /// A display quotation set apart from the text.
    PullQuote {
        /// The quoted words.
        text: String,
        /// Who said them.
        attribution: Option<String>,
        /// Whether the words also appear in the body (`repeats_text`); when the publisher does
        /// not say, the viewer checks the section's text. A repeat is hidden from assistive
        /// technology so it is not read twice.
        repeats_text: Option<bool>,
    },
    /// A quotation that is part of the running text.
    Quote {
        /// The quoted words.
        text: Inline,
        /// Who or what is quoted.
        cite: Option<String>,
    },
    /// A picture with its text alternative.
    Image {
        /// Where the picture is; unsafe addresses are not loaded.
        src: CheckedUrl,
        /// Text alternative; `None` when the publisher gave none.
        alt: Option<String>,
        /// Caption under the picture.
        caption: Option<String>,
        /// Photographer or agency.
        credit: Option<String>,
    },
    /// A thematic break.
    Divider,
    /// A note, tip or warning set apart from the text (GitHub's alerts, Docusaurus's and
    /// MkDocs's admonitions). One level only: a callout holds no callout, which keeps every
    /// walk over a section's blocks two levels deep at most ([`crate::blocks_within`]).
    Callout {
        /// What kind of note it is; announced in words, not only by colour.
        kind: CalloutKind,
        /// A heading of its own; without one, the kind's name heads it.
        title: Option<String>,
        /// Whether it starts closed, showing its kind and title only.
        collapsed: bool,
        /// Its body.
        blocks: Vec<Block>,
    },
    /// A block type this viewer does not know; shown as a small placeholder.
    Unknown {
        /// The `type` the publisher wrote.
        kind: String,
    },
    /// A block that breaks the format (a field of the wrong type, a missing field): shown as a
    /// placeholder and listed as a problem, so the rest of the article still shows.
    Invalid(Fault),
}

/// The kinds of callout, as GitHub's alerts name them; every generator's admonition maps to
/// one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CalloutKind {
    /// Something worth knowing, even when skimming.
    #[default]
    Note,
    /// Advice that helps the reader do something better.
    Tip,
    /// Something the reader needs to know to succeed.
    Important,
    /// Something that needs the reader's attention at once.
    Warning,
    /// A risk, or what follows from an action.
    Caution,
}

impl CalloutKind {
    /// Every kind, in the order the format lists them.
    pub const ALL: [CalloutKind; 5] = [
        CalloutKind::Note,
        CalloutKind::Tip,
        CalloutKind::Important,
        CalloutKind::Warning,
        CalloutKind::Caution,
    ];

    /// Its name in the format (`"note"`, …), also its CSS class suffix.
    pub fn name(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
        }
    }

    /// The kind named `name` in the format (in lower case, as the schema lists them).
    pub fn from_name(name: &str) -> Option<CalloutKind> {
        CalloutKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
    }
}

/// What is wrong with a block or key figure that breaks the format.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fault {
    /// Where inside it, e.g. `items[2]`; empty for the value itself.
    pub path: String,
    /// What is wrong there, e.g. "expected text, found the number 5".
    pub message: String,
}

/// Lists nest at most this deep; items deeper down are shown one level up, and listed as a
/// problem (four levels already strain a phone's width).
pub const MAX_LIST_DEPTH: usize = 4;

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListItem {
    /// The item's own text.
    pub text: Inline,
    /// Whether the list inside it is numbered.
    pub ordered: bool,
    /// The list inside it; empty for most items.
    pub items: Vec<ListItem>,
}

/// How a table column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// As the text's direction has it (or, for a column of numbers, at the end).
    #[default]
    Auto,
    /// At the left edge.
    Left,
    /// At the right edge.
    Right,
    /// Centred.
    Center,
}

/// A table block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// What the table shows; also names its scrolling container.
    pub caption: Option<Inline>,
    /// Header rows (`<th scope="col">`).
    pub head: Vec<Vec<Inline>>,
    /// Body rows; rows may differ in length.
    pub rows: Vec<Vec<Inline>>,
    /// Alignment by column; missing columns are [`Align::Auto`].
    pub align: Vec<Align>,
    /// Whether each body row's first cell heads its row (`<th scope="row">`).
    pub row_headers: bool,
}

/// Rich text: a run of spans.
pub type Inline = Vec<Span>;

/// A run of text with optional emphasis and link.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    /// The words, always shown as text.
    pub text: String,
    /// Shown as `<strong>`.
    pub strong: bool,
    /// Shown as `<em>`.
    pub em: bool,
    /// The link target, if any.
    pub href: Option<CheckedUrl>,
    /// Shown as `<code>`.
    pub code: bool,
    /// Shown as `<del>`.
    pub strike: bool,
    /// Shown as `<sub>`.
    pub sub: bool,
    /// Shown as `<sup>`.
    pub sup: bool,
    /// Set when the span is a reference to a note (its text is the marker).
    pub note: Option<NoteRef>,
}

/// A number worth seeing at a glance, tied to the section that states it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeyFigure {
    /// The figure as displayed, e.g. "< $90 million".
    pub value: String,
    /// What the figure measures.
    pub label: String,
    /// A sentence of context.
    pub detail: Option<String>,
    /// When the figure was true, e.g. "2024".
    pub as_of: Option<String>,
    /// Id of the section that states the figure.
    pub section: Option<String>,
    /// A short phrase of that section's text that states the figure; marked in the text.
    pub anchor: Option<String>,
    /// Unit of `value` and of the series, e.g. "million USD".
    pub unit: Option<String>,
    /// Where the figure comes from.
    pub source: Option<Source>,
    /// A few labelled values (e.g. by year), drawn as a small chart.
    pub series: Vec<SeriesPoint>,
    /// Set when the figure breaks the format: where and what is wrong, as for
    /// [`Block::Invalid`]. Such a figure is a placeholder with no other field.
    pub invalid: Option<Fault>,
}

/// One labelled value of a figure's series.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeriesPoint {
    /// e.g. "2024".
    pub label: String,
    /// The value, in the figure's unit.
    pub value: f64,
}

/// Concatenates the text of an inline run, for counting words and building ids.
pub fn inline_text(inline: &Inline) -> String {
    inline.iter().map(|span| span.text.as_str()).collect()
}
