//! A result's excerpt: the passage of the article that holds most of what the query found,
//! cut to the sentence or two around the first match, with the matched words marked. Marks are
//! places in the article's own text, which the page shows as text inside `<mark>`; nothing of
//! the article becomes markup.

use crate::ids::is_word_char;
use crate::search::terms::{is_unspaced, one_sigma, terms};
use crate::search::text::{ArticleText, Field, Passage};

/// The longest excerpt, in characters, before it is cut with an ellipsis.
pub const MOST_CHARS: usize = 240;

/// An excerpt of an article for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    /// The page id of the section it comes from, for the result's link.
    pub section: Option<String>,
    /// The text in pieces, each with whether it is a matched word.
    pub pieces: Vec<(String, bool)>,
    /// The found terms the article's text holds anywhere, sorted: what its page marks.
    pub held: Vec<String>,
}

/// The excerpt of `text` for the terms a query found (`found`, sorted, folded as the index
/// is; `fold` folds as the index does). `None` when no passage of the text holds any of them.
pub fn excerpt(
    text: &ArticleText,
    found: &[String],
    fold: impl Fn(&str) -> String,
) -> Option<Excerpt> {
    let holds = |term: &str| found.binary_search_by(|f| f.as_str().cmp(term)).is_ok();
    // Every passage folded once: the words it holds say which passage is best, and all of
    // them together what the article's page is to mark.
    let mut held: Vec<String> = Vec::new();
    let mut best: Option<(usize, &Passage)> = None;
    for passage in &text.passages {
        let mut here = terms(&fold(&passage.text));
        here.retain(|t| holds(t));
        let shown = matches!(passage.field, Field::Body | Field::Heading);
        // The first of the passages holding the most.
        if shown && !here.is_empty() && best.is_none_or(|(most, _)| here.len() > most) {
            best = Some((here.len(), passage));
        }
        held.extend(here);
    }
    let best = best?.1;
    held.sort_unstable();
    held.dedup();
    let marks = marked(&best.text, &holds, &fold);
    let first = marks.first().map_or(0, |m| m.0);
    let (start, end) = window(&best.text, first);
    let mut pieces = Vec::new();
    if start > 0 {
        pieces.push(("…".to_owned(), false));
    }
    let mut at = start;
    for &(from, to) in marks.iter().filter(|m| m.0 >= start && m.1 <= end) {
        if from > at {
            pieces.push((best.text[at..from].to_owned(), false));
        }
        pieces.push((best.text[from..to].to_owned(), true));
        at = to;
    }
    if end > at {
        pieces.push((best.text[at..end].to_owned(), false));
    }
    if end < best.text.len() {
        pieces.push(("…".to_owned(), false));
    }
    Some(Excerpt {
        section: best.section.clone(),
        pieces,
        held,
    })
}

/// The byte ranges of `text` holding a found term: words whose fold is found, and in unspaced
/// scripts the characters of a found pair or character.
pub fn marked(
    text: &str,
    holds: &dyn Fn(&str) -> bool,
    fold: &dyn Fn(&str) -> String,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i + 1).map_or(text.len(), |c| c.0);
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !is_word_char(c) {
            i += 1;
            continue;
        }
        if is_unspaced(c) {
            let mut j = i;
            while j < chars.len() && is_unspaced(chars[j].1) {
                j += 1;
            }
            let mut k = i;
            while k < j {
                let pair_end = (k + 1 < j).then(|| end_of(k + 1));
                if let Some(pair_end) = pair_end
                    && holds(&fold(&text[chars[k].0..pair_end]))
                {
                    push_range(&mut out, chars[k].0, pair_end);
                } else if holds(&fold(&text[chars[k].0..end_of(k)])) {
                    push_range(&mut out, chars[k].0, end_of(k));
                }
                k += 1;
            }
            i = j;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_word_char(chars[j].1) && !is_unspaced(chars[j].1) {
            j += 1;
        }
        let to = chars.get(j).map_or(text.len(), |c| c.0);
        if holds(&one_sigma(&fold(&text[at..to]))) {
            out.push((at, to));
        }
        i = j;
    }
    out
}

/// Adds `from..to` to ranges, joined with the last when they touch.
fn push_range(out: &mut Vec<(usize, usize)>, from: usize, to: usize) {
    if let Some(last) = out.last_mut()
        && from <= last.1
    {
        last.1 = last.1.max(to);
        return;
    }
    out.push((from, to));
}

/// The part of `text` shown around byte `at`: from the start of its sentence (or a little
/// before `at`) to the end of the next sentence, at most [`MOST_CHARS`] characters, cut at
/// character boundaries.
fn window(text: &str, at: usize) -> (usize, usize) {
    if text.chars().count() <= MOST_CHARS {
        return (0, text.len());
    }
    let ends_sentence = |c: char| matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '۔');
    // Back to the sentence's start, at most a third of the window before the match.
    let mut start = at;
    for (back, (i, c)) in text[..at].char_indices().rev().enumerate() {
        if ends_sentence(c) || back >= MOST_CHARS / 3 {
            start = i + c.len_utf8();
            break;
        }
        start = i;
    }
    let start = start + text[start..].len() - text[start..].trim_start().len();
    let mut end = text.len();
    let mut count = 0;
    let mut sentences = 0;
    for (i, c) in text[start..].char_indices() {
        count += 1;
        if count > MOST_CHARS {
            end = start + i;
            break;
        }
        if ends_sentence(c) && start + i >= at {
            sentences += 1;
            if sentences == 2 {
                end = start + i + c.len_utf8();
                break;
            }
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::Passage;

    fn text(passages: &[(&str, Field, &str)]) -> ArticleText {
        ArticleText {
            passages: passages
                .iter()
                .map(|(s, field, t)| Passage {
                    section: Some((*s).to_owned()),
                    field: *field,
                    text: (*t).to_owned(),
                })
                .collect(),
        }
    }

    fn shown(e: &Excerpt) -> String {
        e.pieces
            .iter()
            .map(|(t, m)| if *m { format!("[{t}]") } else { t.clone() })
            .collect()
    }

    #[test]
    fn the_passage_holding_most_is_shown_with_its_words_marked() {
        let t = text(&[
            ("a", Field::Body, "Cranes at work."),
            (
                "b",
                Field::Body,
                "The Harbour cranes, and more <b>cranes</b>.",
            ),
            ("c", Field::Title, "Harbour cranes harbour"),
        ]);
        let found = ["cranes".to_owned(), "harbour".to_owned()];
        let e = excerpt(&t, &found, str::to_lowercase).unwrap();
        assert_eq!(e.section.as_deref(), Some("b"));
        assert_eq!(
            shown(&e),
            "The [Harbour] [cranes], and more <b>[cranes]</b>."
        );
        assert_eq!(excerpt(&t, &["ships".to_owned()], str::to_lowercase), None);
    }

    #[test]
    fn a_long_passage_is_cut_to_the_sentences_around_the_match_and_cjk_is_marked() {
        let long = format!(
            "{} The harbour is deep. It is old. {}",
            "Words here. ".repeat(40),
            "More. ".repeat(60)
        );
        let t = text(&[("a", Field::Body, &long)]);
        let e = excerpt(&t, &["harbour".to_owned()], str::to_lowercase).unwrap();
        assert_eq!(shown(&e), "…The [harbour] is deep. It is old.…");
        let cjk = text(&[("a", Field::Body, "東京駅の新しい図書館が開館")]);
        let found = ["図書".to_owned(), "書館".to_owned()];
        let e = excerpt(&cjk, &found, |s: &str| s.to_owned()).unwrap();
        assert_eq!(shown(&e), "東京駅の新しい[図書館]が開館");
    }
}
