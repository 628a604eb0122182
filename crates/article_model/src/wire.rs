//! The article format as it is written: flat serde types that mirror the JSON field for field.
//!
//! Every optional field is an `Option` (so `null` counts as absent), unknown fields are ignored,
//! and nothing here is checked beyond its JSON type: the rules (heading levels, safe addresses,
//! blank titles, the block kinds) live in `model::convert`, which turns these into the
//! [`Article`](crate::Article) the viewer shows. Blocks are one flat struct with every
//! block field rather than an enum tagged by `type`: serde's tagged enums buffer their content
//! and lose the field path of an error, and a block of a type this viewer does not know must
//! still decode (it becomes a placeholder). Each block and key figure is read as a
//! [`Decoded`]: one with a field of the wrong shape is kept as its JSON text and its error, so
//! one mistake costs the reader that block, not the article. Tools write articles with the
//! same types.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::INLINE_EXPECTED;
use crate::types::Fault;

/// A whole article document (format version 1).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawArticle {
    /// Checked before anything else (see [`crate::parse_article`]); kept for writers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<serde_json::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authors: Option<Vec<RawAuthor>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<RawSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<RawSponsor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// Topics, as a blog's tags or categories: shown at the end and filtered by in the library.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// The picture that stands for the article in link previews and library cards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Notes at the end, which spans with `note` refer to (a blog's footnotes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<RawNote>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_figures: Option<Vec<Decoded<RawKeyFigure>>>,
    /// Last, as docs/format.md asks publishers to write it: a long article then shows early.
    pub sections: Vec<RawSection>,
}

/// One note at the end of the article.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawNote {
    /// What references name it by (`{"text": "1", "note": "ID"}`).
    pub id: String,
    pub text: RawInline,
}

/// A publisher or a figure's source.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawSource {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An author: a name, or a name that links to the author's page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RawAuthor {
    /// `"Name"`.
    Name(String),
    /// `{"name": "…", "url": "…"}`.
    Linked(RawSource),
}

impl RawAuthor {
    /// The name a reader sees.
    pub fn name(&self) -> &str {
        match self {
            RawAuthor::Name(name) => name,
            RawAuthor::Linked(source) => &source.name,
        }
    }

    /// The name with its address, if any (an author is a [`RawSource`] on the model's side).
    pub fn into_source(self) -> RawSource {
        match self {
            RawAuthor::Name(name) => RawSource { name, url: None },
            RawAuthor::Linked(source) => source,
        }
    }

    /// A plain name where there is no address, so simple articles stay simple to read.
    pub fn from_source(source: RawSource) -> RawAuthor {
        match source.url {
            None => RawAuthor::Name(source.name),
            Some(_) => RawAuthor::Linked(source),
        }
    }
}

/// Who paid for a sponsored article.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawSponsor {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<String>,
}

/// One section of the body.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawSection {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collapsed: Option<bool>,
    pub blocks: Vec<Decoded<RawBlock>>,
}

/// A block or key figure as read: its fields, or, when one of them has the wrong JSON type, its
/// text and what is wrong, so that the rest of the article is still shown.
#[derive(Debug, Clone)]
pub enum Decoded<T> {
    /// Every field has its type.
    Value(T),
    /// The value as written, and the first fault found in it (its path is relative to the
    /// value, and it has no position: the text was read apart from the document).
    Broken(Box<RawValue>, Fault),
}

impl<T: PartialEq> PartialEq for Decoded<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Decoded::Value(a), Decoded::Value(b)) => a == b,
            (Decoded::Broken(a, _), Decoded::Broken(b, _)) => a.get() == b.get(),
            _ => false,
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Decoded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The value's text, then its fields from that text: a fault inside stays inside.
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Ok(match crate::json::decode_raw::<T>(raw.get().as_bytes()) {
            Ok(value) => Decoded::Value(value),
            Err(error) => Decoded::Broken(raw, error.fault()),
        })
    }
}

impl<T: Serialize> Serialize for Decoded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Decoded::Value(value) => value.serialize(serializer),
            Decoded::Broken(raw, _) => raw.serialize(serializer),
        }
    }
}

/// One block with every field any block type has; `kind` says which apply.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawBlock {
    #[serde(rename = "type")]
    pub kind: String,
    /// Inline text (paragraph, quote) or plain text (heading, pull-quote).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<RawInline>,
    /// A number, so that `3.0` is 3, as JSON Schema compares numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
    /// A list's items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<RawListItem>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats_text: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// Plain text under an image; inline text above a table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<RawInline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// A table's header rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<Vec<Vec<RawInline>>>,
    /// A table's body rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Vec<RawInline>>>,
    /// A table's column alignments: "left", "right", "center", or null for the viewer's choice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub align: Option<Vec<Option<String>>>,
    /// Whether each table row's first cell heads the row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_headers: Option<bool>,
    /// A code block's programming language, e.g. "rust".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// A callout's kind: "note", "tip", "important", "warning" or "caution".
    #[serde(rename = "kind", skip_serializing_if = "Option::is_none")]
    pub callout: Option<String>,
    /// A callout's own heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether a callout starts closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collapsed: Option<bool>,
    /// A callout's body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Vec<Decoded<RawBlock>>>,
}

/// One list item: inline text, or text with a list inside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RawListItem {
    /// `"text"` or a span list.
    Text(RawInline),
    /// `{"text": …, "items": […], "ordered": true}`.
    Nested(RawNestedItem),
}

/// A list item that holds a list.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawNestedItem {
    pub text: RawInline,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<RawListItem>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
}

/// Inline text: a plain string, or a list of strings and formatted spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RawInline {
    /// `"text"`.
    Text(String),
    /// `["text", {"text": "…", "strong": true}]`.
    Spans(Vec<RawSpan>),
}

/// One piece of a span list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RawSpan {
    /// A plain string in the list.
    Text(String),
    /// `{"text": "…", "strong": true, "em": true, "href": "…"}`.
    Styled(RawStyledSpan),
}

/// A span with formatting or a link.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(expecting = "a string or a {\"text\": …} span")]
pub struct RawStyledSpan {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strong: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub em: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// Code, a key or a command, set in a monospace face.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<bool>,
    /// Struck through: words kept but no longer meant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strike: Option<bool>,
    /// Set below the line, as in H₂O.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub: Option<bool>,
    /// Set above the line, as in 1st or x².
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sup: Option<bool>,
    /// Makes the span a reference to the note with this id; its text is the marker shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl RawStyledSpan {
    /// Whether the span says nothing but its text (it is then written as a plain string).
    pub fn is_plain(&self) -> bool {
        self.strong.is_none()
            && self.em.is_none()
            && self.href.is_none()
            && self.code.is_none()
            && self.strike.is_none()
            && self.sub.is_none()
            && self.sup.is_none()
            && self.note.is_none()
    }
}

/// A number for the sidebar.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawKeyFigure {
    pub value: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<RawSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<Vec<RawSeriesPoint>>,
}

/// One labelled value of a figure's series.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(expecting = "an object")]
pub struct RawSeriesPoint {
    pub label: String,
    pub value: f64,
}

// "String or list" by a visitor rather than `#[serde(untagged)]`: untagged enums buffer the
// value and replace every inner error (and its field path) with one vague message.
impl<'de> Deserialize<'de> for RawInline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InlineVisitor;
        impl<'de> Visitor<'de> for InlineVisitor {
            type Value = RawInline;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(INLINE_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawInline, E> {
                Ok(RawInline::Text(text.to_owned()))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<RawInline, E> {
                Ok(RawInline::Text(text))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawInline, A::Error> {
                let mut spans = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(span) = seq.next_element()? {
                    spans.push(span);
                }
                Ok(RawInline::Spans(spans))
            }
        }
        deserializer.deserialize_any(InlineVisitor)
    }
}

/// What the reader is told a list item must be.
const ITEM_EXPECTED: &str = "a list item: text, or {\"text\": …, \"items\": […]}";

impl<'de> Deserialize<'de> for RawListItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = RawListItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(ITEM_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawListItem, E> {
                Ok(RawListItem::Text(RawInline::Text(text.to_owned())))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<RawListItem, E> {
                Ok(RawListItem::Text(RawInline::Text(text)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawListItem, A::Error> {
                RawInline::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(RawListItem::Text)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawListItem, A::Error> {
                RawNestedItem::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawListItem::Nested)
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

impl<'de> Deserialize<'de> for RawAuthor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AuthorVisitor;
        impl<'de> Visitor<'de> for AuthorVisitor {
            type Value = RawAuthor;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or {\"name\": …, \"url\": …}")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawAuthor, E> {
                Ok(RawAuthor::Name(text.to_owned()))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<RawAuthor, E> {
                Ok(RawAuthor::Name(text))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawAuthor, A::Error> {
                RawSource::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawAuthor::Linked)
            }
        }
        deserializer.deserialize_any(AuthorVisitor)
    }
}

impl<'de> Deserialize<'de> for RawSpan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpanVisitor;
        impl<'de> Visitor<'de> for SpanVisitor {
            type Value = RawSpan;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a {\"text\": …} span")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawSpan, E> {
                Ok(RawSpan::Text(text.to_owned()))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<RawSpan, E> {
                Ok(RawSpan::Text(text))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawSpan, A::Error> {
                RawStyledSpan::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawSpan::Styled)
            }
        }
        deserializer.deserialize_any(SpanVisitor)
    }
}
