//! How long an article takes to read: words where words are spaced, characters where a script
//! writes none, at the rate measured for the article's language.

use crate::runs::blocks_within;
use crate::types::*;

/// Silent reading speed of adults, by language (IReST, Trauzettel-Klosinski et al. 2012), in
/// words per minute. Other languages use the English rate for non-fiction (Brysbaert 2019).
pub(super) fn words_per_minute(primary: &str) -> usize {
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

/// Text counted for the reading time: words where words are spaced, characters where a script
/// writes none (Han, Kana, Thai and its neighbours), so that an article without `lang` in
/// Chinese or Japanese is timed by its script.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TextAmount {
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

    pub(super) fn add_section(&mut self, section: &Section) {
        for (_, block) in blocks_within(&section.blocks) {
            match block {
                Block::Heading { text, .. } => self.add(&inline_text(text)),
                Block::Callout { title, .. } => self.add(title.as_deref().unwrap_or_default()),
                Block::Code { text, .. } => self.add(text),
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
    pub(super) fn minutes(&self, words_per_minute: usize, japanese: bool) -> usize {
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
