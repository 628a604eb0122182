//! A small JSON reader and writer, just enough for the article format, the configuration file
//! and the JSON-LD the viewer writes.
//!
//! Why not serde_json: in the browser build it measured about 14 KB of gzip wasm (the parser,
//! its `BTreeMap`, float parsing and printing tables and its error formatting), over a tenth of
//! the size budget. This reader is one recursive-descent pass over bytes, reports errors with a
//! line, a column in characters and a plain message, and refuses nesting beyond a limit before
//! it can exhaust the stack.

use std::borrow::Cow;
use std::fmt::Write;

/// One JSON value. Objects keep their fields in document order. Strings without escapes borrow
/// from the parsed text instead of being copied: the tree of a 5 MB article is then mostly
/// structure, and each string is copied once, into the article.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// Any number, as the nearest `f64`.
    Number(f64),
    /// A string, with escapes resolved.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object.
    Object(Fields<'a>),
}

/// The fields of an object, in document order. With duplicate names the last one counts, as in
/// JavaScript's `JSON.parse`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fields<'a>(pub Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Fields<'a> {
    /// The value of field `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Json<'a>> {
        self.0
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v)
    }

    /// Adds a field (for writing).
    pub fn insert(&mut self, name: &'a str, value: Json<'a>) {
        self.0.push((Cow::Borrowed(name), value));
    }
}

impl<'a> Json<'a> {
    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// A field of an object value.
    pub fn get(&self, name: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(fields) => fields.get(name),
            _ => None,
        }
    }

    /// A string value.
    pub fn string(text: &'a str) -> Json<'a> {
        Json::String(Cow::Borrowed(text))
    }

    /// Compact JSON text. Numbers are written with up to six decimals (the viewer writes none).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(&crate::model::decimal(*n, 6)),
            Json::String(s) => write_string(out, s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(Fields(fields)) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Writes `text` as a JSON string. `<` is escaped too, so the result can sit inside an HTML
/// `<script>` element without ending it.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What was expected or found, for a person.
    pub message: &'static str,
    /// The nesting limit was passed (not a typo in the document, so reported differently).
    pub too_deep: bool,
}

/// Parses `text` as one JSON value, refusing arrays and objects nested deeper than `max_depth`.
pub fn parse(text: &str, max_depth: usize) -> Result<Json<'_>, SyntaxError> {
    Reader::new(text, max_depth, None).document()
}

/// What [`parse_streaming`] hands over from the array it streams.
pub enum Streamed<'a> {
    /// The array starts (again, if the field is repeated: the last one counts).
    Start,
    /// Its next element.
    Item(Json<'a>),
}

/// Parses like [`parse`], but hands each element of the array in the top-level field `field`
/// to `each` as soon as it is read, instead of keeping it in the tree, where the field is then
/// an empty array. A long article's sections can so be decoded one by one, and the tree of
/// each dropped before the next is read: the whole document never exists as a tree.
pub fn parse_streaming<'t>(
    text: &'t str,
    max_depth: usize,
    field: &str,
    each: &mut dyn FnMut(Streamed<'t>),
) -> Result<Json<'t>, SyntaxError> {
    Reader::new(text, max_depth, Some((field, each))).document()
}

struct Reader<'t, 's> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    max_depth: usize,
    /// The top-level field whose array is streamed, and where its elements go.
    stream: Option<(&'s str, &'s mut dyn FnMut(Streamed<'t>))>,
}

type Read<T> = Result<T, SyntaxError>;

impl<'t, 's> Reader<'t, 's> {
    fn new(
        text: &'t str,
        max_depth: usize,
        stream: Option<(&'s str, &'s mut dyn FnMut(Streamed<'t>))>,
    ) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
            max_depth,
            stream,
        }
    }

    /// The whole text as one value, with nothing but white space after it.
    fn document(mut self) -> Read<Json<'t>> {
        let value = self.value(0)?;
        self.skip_space();
        if self.at < self.bytes.len() {
            return Err(self.error("unexpected text after the end of the document"));
        }
        Ok(value)
    }

    fn error(&self, message: &'static str) -> SyntaxError {
        // Counted on bytes, so that no position can fall inside a character.
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        SyntaxError {
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            // Characters start at every byte that is not a UTF-8 continuation byte.
            column: before[line_start..]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count()
                + 1,
            message,
            too_deep: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Json<'t>) -> Read<Json<'t>> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self
                .error("expected a value (a string, number, object, array, true, false or null)"))
        }
    }

    fn value(&mut self, depth: usize) -> Read<Json<'t>> {
        self.skip_space();
        match self.peek() {
            None => Err(self.error("the text ends where a value should be")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1, false),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect_word("true", Json::Bool(true)),
            Some(b'f') => self.expect_word("false", Json::Bool(false)),
            Some(b'n') => self.expect_word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Json::Number),
            Some(_) => Err(self
                .error("expected a value (a string, number, object, array, true, false or null)")),
        }
    }

    /// Whether the value about to be read is the streamed array: its field is `key`.
    fn streams(&mut self, key: &str) -> bool {
        self.skip_space();
        self.peek() == Some(b'[') && self.stream.as_ref().is_some_and(|(field, _)| *field == key)
    }

    fn hand_over(&mut self, streamed: Streamed<'t>) {
        if let Some((_, each)) = self.stream.as_mut() {
            each(streamed);
        }
    }

    fn enter(&self, depth: usize) -> Read<()> {
        if depth > self.max_depth {
            let mut error = self.error("nested too deeply");
            error.too_deep = true;
            return Err(error);
        }
        Ok(())
    }

    /// An array; with `streamed`, its elements go to the stream instead of into the tree.
    fn array(&mut self, depth: usize, streamed: bool) -> Read<Json<'t>> {
        self.enter(depth)?;
        self.at += 1;
        let mut items = Vec::new();
        if streamed {
            self.hand_over(Streamed::Start);
        }
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            let item = self.value(depth)?;
            if streamed {
                self.hand_over(Streamed::Item(item));
            } else {
                items.push(item);
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("the text ends inside an array")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Read<Json<'t>> {
        self.enter(depth)?;
        self.at += 1;
        let mut fields = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(Fields(fields)));
        }
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("the text ends inside an object")),
                Some(_) => return Err(self.error("expected a field name in double quotes")),
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after the field name"));
            }
            self.at += 1;
            let value = if depth == 1 && self.streams(&key) {
                self.array(depth + 1, true)?
            } else {
                self.value(depth)?
            };
            fields.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(Fields(fields)));
                }
                None => return Err(self.error("the text ends inside an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// A string starting at the opening quote: borrowed when it has no escapes, else built with
    /// runs between escapes copied in one piece.
    fn string(&mut self) -> Read<Cow<'t, str>> {
        self.at += 1;
        let mut out: Option<String> = None;
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Stops only at ASCII bytes, so the slice ends on a character boundary (`get`, not
            // indexing, keeps the standard library's slicing panic out of the wasm).
            let run = self.text.get(start..self.at).unwrap_or_default();
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(match out {
                        None => Cow::Borrowed(run),
                        Some(mut out) => {
                            out.push_str(run);
                            Cow::Owned(out)
                        }
                    });
                }
                Some(b'\\') => {
                    let out = out.get_or_insert_with(String::new);
                    out.push_str(run);
                    self.at += 1;
                    self.escape(out)?;
                }
                Some(_) => {
                    return Err(self.error("a string contains a line break or control character"));
                }
                None => return Err(self.error("the text ends inside a string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Read<()> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let first = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&first)
                    && self.bytes[self.at..].starts_with(b"\\u")
                {
                    let resume = self.at;
                    self.at += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    } else {
                        self.at = resume;
                        None
                    }
                } else {
                    char::from_u32(first)
                };
                // A lone surrogate cannot be text; show a replacement character, as browsers do
                // when such a string reaches the page.
                out.push(c.unwrap_or('\u{FFFD}'));
                return Ok(());
            }
            _ => return Err(self.error("invalid escape in a string")),
        };
        self.at += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Read<u32> {
        let digits = self.bytes.get(self.at..self.at + 4);
        let value = digits.and_then(|d| {
            d.iter().try_fold(0_u32, |acc, &b| {
                Some(acc * 16 + char::from(b).to_digit(16)?)
            })
        });
        match value {
            Some(value) => {
                self.at += 4;
                Ok(value)
            }
            None => Err(self.error("expected four hex digits after \\u")),
        }
    }

    /// A number, read as decimal digits and an exponent. Up to 15 significant digits with
    /// small exponents (every number an article is likely to hold) the result is exact; beyond
    /// that it may differ from the nearest `f64` in the last bits.
    fn number(&mut self) -> Read<f64> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut mantissa: u64 = 0;
        let mut exponent: i32 = 0;
        let mut take = |reader: &mut Self, fraction: bool| {
            let start = reader.at;
            while let Some(b @ b'0'..=b'9') = reader.peek() {
                reader.at += 1;
                if mantissa < 100_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if fraction {
                        exponent -= 1;
                    }
                } else if !fraction {
                    exponent += 1;
                }
            }
            reader.at > start
        };
        let start = self.at;
        if !take(self, false) {
            return Err(self.error("expected digits in a number"));
        }
        if self.bytes[start] == b'0' && self.at - start > 1 {
            self.at = start;
            return Err(self.error("numbers cannot start with 0"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !take(self, true) {
                return Err(self.error("expected digits after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            let sign = match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    -1
                }
                Some(b'+') => {
                    self.at += 1;
                    1
                }
                _ => 1,
            };
            let start = self.at;
            let mut written: i32 = 0;
            while let Some(b @ b'0'..=b'9') = self.peek() {
                self.at += 1;
                written = written
                    .saturating_mul(10)
                    .saturating_add(i32::from(b - b'0'));
            }
            if self.at == start {
                return Err(self.error("expected digits in the exponent"));
            }
            exponent = exponent.saturating_add(sign * written);
        }
        let value = scale(mantissa, exponent);
        Ok(if negative { -value } else { value })
    }
}

/// `mantissa × 10^exponent` as an `f64`.
fn scale(mantissa: u64, exponent: i32) -> f64 {
    const EXACT: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    if mantissa == 0 {
        return 0.0;
    }
    let m = mantissa as f64;
    // Both factors exact: one correctly rounded operation.
    if mantissa < (1 << 53) && exponent.unsigned_abs() < 23 {
        let power = EXACT[exponent.unsigned_abs() as usize];
        return if exponent < 0 { m / power } else { m * power };
    }
    let exponent = exponent.clamp(-400, 400);
    if exponent < 0 {
        // Two steps, so 1e-320 style values do not underflow to zero early.
        m / 10_f64.powi(-exponent / 2) / 10_f64.powi(-exponent - -exponent / 2)
    } else {
        m * 10_f64.powi(exponent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Json<'_> {
        parse(text, 128).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    fn err(text: &str) -> SyntaxError {
        parse(text, 128).expect_err(text)
    }

    #[test]
    fn streaming_hands_over_the_top_level_array_only() {
        let text = r#"{"a": [1, 2], "s": [{"s": [3]}, 4], "b": {"s": [5]}, "s": [], "s": 6}"#;
        let mut seen = Vec::new();
        let tree = parse_streaming(text, 128, "s", &mut |streamed| {
            seen.push(match streamed {
                Streamed::Start => "start".to_owned(),
                Streamed::Item(value) => value.to_text(),
            })
        })
        .unwrap();
        // Nested fields of the same name and non-array values stay in the tree.
        assert_eq!(seen, ["start", r#"{"s":[3]}"#, "4", "start"]);
        assert_eq!(
            tree.to_text(),
            r#"{"a":[1,2],"s":[],"b":{"s":[5]},"s":[],"s":6}"#
        );
        // Errors are the same as without streaming.
        let broken = r#"{"s": [1, 2,]}"#;
        let streamed = parse_streaming(broken, 128, "s", &mut |_| {}).unwrap_err();
        assert_eq!(streamed, parse(broken, 128).unwrap_err());
    }

    #[test]
    fn reads_every_kind_of_value() {
        let value = ok(r#" {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d"}, "a2": ""} "#);
        let Json::Object(fields) = &value else {
            panic!()
        };
        assert_eq!(
            fields.get("a"),
            Some(&Json::Array(vec![
                Json::Number(1.0),
                Json::Number(-2.5),
                Json::Number(300.0),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null
            ]))
        );
        assert_eq!(
            value.get("b").and_then(|b| b.get("c")),
            Some(&Json::string("d"))
        );
        assert_eq!(value.get("a2"), Some(&Json::string("")));
    }

    #[test]
    fn numbers_agree_with_the_standard_library() {
        for text in [
            "0",
            "-0",
            "1",
            "1.0",
            "1e0",
            "0.1",
            "0.3",
            "85.5",
            "-0.126",
            "123456789012345",
            "1.7976931348623157e307",
            "5e-324",
            "2.2250738585072014e-308",
            "1e22",
            "1e23",
            "0.000001",
            "12345.6789e-3",
            "9007199254740993",
            "1E+2",
            "-1e-7",
        ] {
            let expected: f64 = text.parse().unwrap();
            let Json::Number(n) = ok(text) else { panic!() };
            let error = ((n - expected) / expected).abs();
            assert!(n == expected || error < 1e-15, "{text}: {n} vs {expected}");
        }
        let Json::Number(n) = ok("1e400") else {
            panic!()
        };
        assert!(n.is_infinite());
    }

    #[test]
    fn strings_resolve_escapes_and_keep_unicode() {
        assert_eq!(
            ok(r#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00 Ünï""#),
            Json::string("a\"b\\c/d\n\té😀 Ünï")
        );
        assert_eq!(ok(r#""\ud800x""#), Json::string("\u{FFFD}x"));
        // Strings without escapes are not copied.
        assert!(matches!(
            ok(r#""plain""#),
            Json::String(Cow::Borrowed("plain"))
        ));
        assert_eq!(
            ok(r#""\udc00\ud800\u0041""#),
            Json::string("\u{FFFD}\u{FFFD}A")
        );
    }

    #[test]
    fn the_last_duplicate_field_counts() {
        assert_eq!(ok(r#"{"a": 1, "a": 2}"#).get("a"), Some(&Json::Number(2.0)));
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = err("{\n  \"version\": 1,\n  oops\n}");
        assert_eq!((e.line, e.column), (3, 3));
        assert_eq!(e.message, "expected a field name in double quotes");
        let e = err("{\"é\": \"ü\" x}");
        assert_eq!((e.line, e.column), (1, 11));
        assert_eq!(e.message, "expected `,` or `}`");
        for (text, message) in [
            ("", "the text ends where a value should be"),
            ("[1,", "the text ends where a value should be"),
            ("[1 2]", "expected `,` or `]`"),
            ("{\"a\" 1}", "expected `:` after the field name"),
            ("\"abc", "the text ends inside a string"),
            (
                "\"a\nb\"",
                "a string contains a line break or control character",
            ),
            ("\"\\x\"", "invalid escape in a string"),
            ("\"\\u12\"", "expected four hex digits after \\u"),
            ("01", "numbers cannot start with 0"),
            ("-", "expected digits in a number"),
            ("1.", "expected digits after the decimal point"),
            ("1e", "expected digits in the exponent"),
            (
                "tru",
                "expected a value (a string, number, object, array, true, false or null)",
            ),
            ("{} {}", "unexpected text after the end of the document"),
            (
                "[1,]",
                "expected a value (a string, number, object, array, true, false or null)",
            ),
            ("{\"a\":1,}", "expected a field name in double quotes"),
        ] {
            assert_eq!(err(text).message, message, "{text:?}");
        }
    }

    #[test]
    fn nesting_is_limited() {
        assert!(parse(&format!("{}{}", "[".repeat(3), "]".repeat(3)), 3).is_ok());
        let e = parse(&format!("{}{}", "[".repeat(4), "]".repeat(4)), 3).unwrap_err();
        assert!(e.too_deep);
        assert_eq!((e.line, e.column), (1, 4));
        // Far beyond the limit, the reader stops at the limit instead of recursing on.
        assert!(parse(&"[".repeat(1_000_000), 128).unwrap_err().too_deep);
    }

    #[test]
    fn writing_escapes_what_json_and_html_need() {
        let mut fields = Fields::default();
        fields.insert("a", Json::string("x\"\\\n</script>\u{1}\u{2028}é"));
        fields.insert(
            "b",
            Json::Array(vec![Json::Null, Json::Bool(true), Json::Number(2.5)]),
        );
        let text = Json::Object(fields.clone()).to_text();
        assert_eq!(
            text,
            r#"{"a":"x\"\\\n\u003c/script>\u0001\u2028é","b":[null,true,2.5]}"#
        );
        assert_eq!(ok(&text), Json::Object(fields));
    }
}
