//! The article format, version 1, as Rust types. See README "Article format" for the contract.

use crate::model::lang::Direction;
use crate::model::url::CheckedUrl;

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
    pub authors: Vec<String>,
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
}

/// A named organisation with an optional home page (publisher, figure source).
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
        /// The words of the heading.
        text: String,
        /// 3 or 4.
        level: u8,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered (`<ol>`) when true.
        ordered: bool,
        /// One inline text per item.
        items: Vec<Inline>,
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
    /// A block type this viewer does not know; shown as a small placeholder.
    Unknown {
        /// The `type` the publisher wrote.
        kind: String,
    },
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
