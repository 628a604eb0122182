//! Inline text being collected, from Markdown events or from HTML elements alike: the text,
//! and the formatting open at each point (a count per mark, since `**a *b* c**` nests).

use crate::model::wire::{RawInline, RawSpan, RawStyledSpan};

/// Text and the formatting open where the next text goes.
#[derive(Default)]
pub struct Spans {
    pub spans: Vec<RawStyledSpan>,
    pub strong: usize,
    pub em: usize,
    pub code: usize,
    pub strike: usize,
    pub sub: usize,
    pub sup: usize,
    pub href: Option<String>,
}

impl Spans {
    /// The style the next text gets.
    fn style(&self, text: String) -> RawStyledSpan {
        let on = |count: usize| (count > 0).then_some(true);
        RawStyledSpan {
            text,
            strong: on(self.strong),
            em: on(self.em),
            href: self.href.clone(),
            code: on(self.code),
            strike: on(self.strike),
            sub: on(self.sub),
            sup: on(self.sup),
            note: None,
        }
    }

    /// Adds text in the current style (joined to the last span when it has the same).
    pub fn push(&mut self, text: &str) {
        let span = self.style(String::new());
        if let Some(last) = self.spans.last_mut()
            && last.note.is_none()
            && same_style(last, &span)
        {
            last.text.push_str(text);
            return;
        }
        self.spans.push(RawStyledSpan {
            text: text.to_owned(),
            ..span
        });
    }

    /// Adds a reference to note `id`, shown as `marker`.
    pub fn push_note(&mut self, marker: &str, id: &str) {
        self.spans.push(RawStyledSpan {
            text: marker.to_owned(),
            note: Some(id.to_owned()),
            ..RawStyledSpan::default()
        });
    }

    /// Whether nothing but white space was collected.
    pub fn is_blank(&self) -> bool {
        self.spans.iter().all(|s| s.text.trim().is_empty())
    }

    /// The text without formatting.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Whether any span has formatting or a link.
    pub fn is_formatted(&self) -> bool {
        self.spans.iter().any(|s| !s.is_plain())
    }

    /// White space at both ends taken off (a paragraph in HTML starts and ends with some).
    pub fn trim(&mut self) {
        while self
            .spans
            .first()
            .is_some_and(|s| s.text.trim().is_empty() && s.note.is_none())
        {
            self.spans.remove(0);
        }
        while self
            .spans
            .last()
            .is_some_and(|s| s.text.trim().is_empty() && s.note.is_none())
        {
            self.spans.pop();
        }
        if let Some(first) = self.spans.first_mut() {
            first.text = first.text.trim_start().to_owned();
        }
        if let Some(last) = self.spans.last_mut() {
            last.text = last.text.trim_end().to_owned();
        }
    }

    /// The spans cut at each `\n` in their text, one `Spans` per line.
    pub fn lines(self) -> Vec<Spans> {
        let mut lines = vec![Spans::default()];
        for span in self.spans {
            let mut parts = span.text.split('\n').peekable();
            while let Some(part) = parts.next() {
                if !part.is_empty() {
                    let line = lines.last_mut().expect("one line");
                    line.spans.push(RawStyledSpan {
                        text: part.to_owned(),
                        ..span.clone()
                    });
                }
                if parts.peek().is_some() {
                    lines.push(Spans::default());
                }
            }
        }
        lines
    }

    /// Appends another run's spans as they are.
    pub fn extend(&mut self, other: Spans) {
        self.spans.extend(other.spans);
    }

    /// As the format writes it: a plain string when nothing is formatted.
    pub fn into_inline(self) -> RawInline {
        if !self.is_formatted() {
            return RawInline::Text(self.plain_text());
        }
        RawInline::Spans(
            self.spans
                .into_iter()
                .map(|span| {
                    if span.is_plain() {
                        RawSpan::Text(span.text)
                    } else {
                        RawSpan::Styled(span)
                    }
                })
                .collect(),
        )
    }
}

/// Runs of inline text joined into one, a space between each: a quote's lines, a quotation
/// callout's paragraphs.
pub fn joined(runs: impl IntoIterator<Item = RawInline>) -> Spans {
    let mut text = Spans::default();
    for run in runs {
        if !text.spans.is_empty() {
            text.push(" ");
        }
        for span in from_inline(run) {
            if span.is_plain() {
                text.push(&span.text);
            } else {
                text.spans.push(span);
            }
        }
    }
    text
}

/// Inline text back into spans (a quote's lines are read as inline text, then joined).
fn from_inline(inline: RawInline) -> Vec<RawStyledSpan> {
    match inline {
        RawInline::Text(text) => vec![RawStyledSpan {
            text,
            ..RawStyledSpan::default()
        }],
        RawInline::Spans(spans) => spans
            .into_iter()
            .map(|span| match span {
                RawSpan::Text(text) => RawStyledSpan {
                    text,
                    ..RawStyledSpan::default()
                },
                RawSpan::Styled(span) => span,
            })
            .collect(),
    }
}

/// Whether two spans are formatted alike (their text aside).
fn same_style(a: &RawStyledSpan, b: &RawStyledSpan) -> bool {
    (
        &a.strong, &a.em, &a.href, &a.code, &a.strike, &a.sub, &a.sup, &a.note,
    ) == (
        &b.strong, &b.em, &b.href, &b.code, &b.strike, &b.sub, &b.sup, &b.note,
    )
}
