//! serde_json reading shared by every document the viewer decodes (article, library, search
//! chunk): well-formedness within the nesting limit, decoding with a field path, and syntax
//! faults put in a publisher's words.

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::{ArticleError, Position};
use crate::limits::MAX_NESTING;

/// Whether `bytes` are one well-formed JSON value within serde_json's nesting limit, with
/// nothing after it. Builds nothing: every value is visited and dropped.
pub(crate) fn check_syntax(bytes: &[u8]) -> Result<(), serde_json::Error> {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    AnyValue::deserialize(&mut reader)?;
    reader.end()
}

/// A JSON value that is read completely (numbers parsed, so `1e999` is refused as JSON.parse
/// would not) and kept nowhere. [`IgnoredAny`] skips numbers without reading them.
struct AnyValue;

impl<'de> Deserialize<'de> for AnyValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnyValue)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = AnyValue;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }
    fn visit_i64<E>(self, _: i64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }
    fn visit_u64<E>(self, _: u64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }
    fn visit_f64<E>(self, _: f64) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }
    fn visit_str<E>(self, _: &str) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }
    fn visit_unit<E>(self) -> Result<AnyValue, E> {
        Ok(AnyValue)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AnyValue, A::Error> {
        while seq.next_element::<AnyValue>()?.is_some() {}
        Ok(AnyValue)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyValue, A::Error> {
        while map.next_entry::<IgnoredAny, AnyValue>()?.is_some() {}
        Ok(AnyValue)
    }
}

/// Decodes `bytes` as `T`, naming a wrong field by its path (e.g. `sections[1].blocks[0]`,
/// from `serde_path_to_error`) and its line and column.
pub(crate) fn decode_raw<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, ArticleError> {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut reader).map_err(|error| {
        // `.` is the value itself.
        let path = match error.path().to_string() {
            path if path == "." => String::new(),
            path => path,
        };
        let inner = error.into_inner();
        let position = Position {
            line: inner.line(),
            column: inner.column(),
        };
        ArticleError::from_data_error(path, &message_of(&inner), position)
    })
}

/// serde_json's message without the " at line L column C" it appends: the position is reported
/// in the reader's own words.
pub fn message_of(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

pub(crate) fn syntax_error(text: &str, error: &serde_json::Error) -> ArticleError {
    let message = message_of(error);
    let (line, column) = (error.line(), error.column());
    if message == "recursion limit exceeded" {
        return ArticleError::TooDeep {
            line,
            column,
            limit: MAX_NESTING,
        };
    }
    ArticleError::Syntax {
        line,
        column: column.max(1),
        message: plain_syntax(&message),
        excerpt: excerpt_at(text, line, column),
    }
}

/// serde_json's name for a syntax fault, in a publisher's words (unknown ones as they are).
fn plain_syntax(message: &str) -> String {
    let plain = match message {
        "EOF while parsing a list" => "the file ends inside a list (a `]` is missing)",
        "EOF while parsing an object" => "the file ends inside an object (a `}` is missing)",
        "EOF while parsing a string" => "the file ends inside a text (a `\"` is missing)",
        "EOF while parsing a value" => "the file ends where a value should follow",
        "expected `:`" => "a `:` should follow the field name",
        "expected `,` or `]`" => "a `,` or `]` should follow the list item",
        "expected `,` or `}`" => "a `,` or `}` should follow the field",
        "expected ident" | "expected value" => {
            "a value should be here (text in double quotes, a number, true, false, null, a list \
             or an object)"
        }
        "key must be a string" => "a field name must be text in double quotes",
        "trailing comma" => "a `,` before a closing bracket (JSON allows none there)",
        "trailing characters" => "more text after the end of the document",
        "number out of range" => "a number too large to read",
        "invalid number" => "a number written in a way JSON does not allow",
        "invalid escape" | "unexpected end of hex escape" => "a `\\` escape JSON does not allow",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a line break or control character inside a text (write it as \\n, \\t or \\u…)"
        }
        other => other,
    };
    plain.to_owned()
}

/// Up to 20 characters either side of the fault, on its line, with whitespace made visible.
/// serde_json counts columns in bytes; the excerpt is cut on characters.
fn excerpt_at(text: &str, line: usize, column: usize) -> String {
    let Some(line_text) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let at = line_text
        .char_indices()
        .take_while(|(i, _)| *i < column.saturating_sub(1))
        .count();
    let start = at.saturating_sub(20);
    line_text
        .chars()
        .skip(start)
        .take(at - start + 20)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Decodes a whole document as `T`: a syntax fault with its excerpt first, then a wrong field by
/// its path.
pub(crate) fn decode_document<'de, T: Deserialize<'de>>(
    bytes: &'de [u8],
) -> Result<T, ArticleError> {
    check_syntax(bytes).map_err(|e| syntax_error(&String::from_utf8_lossy(bytes), &e))?;
    decode_raw(bytes)
}
