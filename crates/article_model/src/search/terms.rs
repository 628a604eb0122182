//! Text into terms, the same way at index time (natively) and for a query (in the page): words,
//! and in scripts written without spaces every character and every pair of neighbours, so that
//! a query matches inside a run without a dictionary.

use std::borrow::Cow;

use crate::ids::is_word_char;

/// Whether `c` is written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
/// Myanmar): such runs are indexed as single characters and pairs of neighbours, so that a
/// query matches inside a run without a dictionary.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}' // Thai, Lao
        | '\u{1000}'..='\u{109f}' // Myanmar
        | '\u{1780}'..='\u{17ff}' // Khmer
        | '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' // Han
        | '\u{20000}'..='\u{3ffff}' // Han, supplementary planes
    )
}

/// The runs of folded text that are terms: words, and runs of unspaced scripts, with a flag
/// telling which.
pub fn runs(folded: &str) -> Vec<(&str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    let mut start = None;
    let mut unspaced = false;
    for (at, c) in folded.char_indices() {
        // Most text is ASCII: a letter or digit there is never of an unspaced script.
        let kind = if c.is_ascii() {
            c.is_ascii_alphanumeric().then_some(false)
        } else {
            is_word_char(c).then(|| is_unspaced(c))
        };
        if let Some(from) = start
            && kind != Some(unspaced)
        {
            out.push((&folded[from..at], unspaced));
            start = None;
        }
        if let Some(kind) = kind
            && start.is_none()
        {
            start = Some(at);
            unspaced = kind;
        }
    }
    if let Some(from) = start {
        out.push((&folded[from..], unspaced));
    }
    out
}

/// The final sigma written as the ordinary one: the browser's lower case tells them apart by
/// position in the word, and Rust's mapping of single characters does not.
pub fn one_sigma(folded: &str) -> std::borrow::Cow<'_, str> {
    if folded.contains('ς') {
        std::borrow::Cow::Owned(folded.replace('ς', "σ"))
    } else {
        std::borrow::Cow::Borrowed(folded)
    }
}

/// The terms of folded text, each once, sorted, as `article index` stores them: its words, and
/// within runs of unspaced scripts every character and every pair of neighbours.
pub fn terms(folded: &str) -> Vec<String> {
    let folded = one_sigma(folded);
    let mut out = Vec::new();
    each_term(&folded, |term| out.push(term.into_owned()));
    out.sort_unstable();
    out.dedup();
    out
}

/// Tells `visit` every term of `folded` (its final sigmas already written as σ), in order:
/// words borrowed from the text, characters and pairs of unspaced scripts made anew.
pub fn each_term<'a>(folded: &'a str, mut visit: impl FnMut(Cow<'a, str>)) {
    for (run, unspaced) in runs(folded) {
        if unspaced {
            let chars: Vec<(usize, char)> = run.char_indices().collect();
            for (i, (at, c)) in chars.iter().enumerate() {
                visit(Cow::Borrowed(&run[*at..*at + c.len_utf8()]));
                if let Some((next, d)) = chars.get(i + 1) {
                    visit(Cow::Borrowed(&run[*at..*next + d.len_utf8()]));
                }
            }
        } else {
            visit(Cow::Borrowed(run));
        }
    }
}
