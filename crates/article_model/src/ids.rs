//! Page ids derived from article text: safe to put in an `id` attribute and a URL fragment.

use std::collections::HashSet;

/// Whether `c` belongs to a word: ASCII letters and digits, and any other character except
/// spaces, punctuation and symbols of the common blocks. This approximates Unicode's letter and
/// digit classes on purpose: their tables (and the case-mapping tables) are a large share of
/// the size budget (docs/performance.md, "Measured reasons").
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !(c.is_whitespace()
        || matches!(c,
            '\u{80}'..='\u{bf}' // Latin-1 controls, punctuation and signs
            | '\u{d7}' | '\u{f7}' // × ÷
            | '\u{37e}' | '\u{387}' // Greek question mark and ano teleia
            | '\u{55a}'..='\u{55f}' | '\u{589}' | '\u{58a}' // Armenian punctuation
            | '\u{5be}' | '\u{5c0}' | '\u{5c3}' | '\u{5c6}' | '\u{5f3}' | '\u{5f4}' // Hebrew
            | '\u{600}'..='\u{60f}' | '\u{61b}'..='\u{61f}' | '\u{66a}'..='\u{66d}' | '\u{6d4}' // Arabic
            | '\u{964}' | '\u{965}' // Devanagari danda
            | '\u{2000}'..='\u{2bff}' // general punctuation, symbols, arrows, maths, shapes
            | '\u{2e00}'..='\u{2e7f}' // supplemental punctuation
            | '\u{3000}'..='\u{303f}' // CJK punctuation
            | '\u{fe10}'..='\u{fe1f}' | '\u{fe30}'..='\u{fe6f}' // vertical and small forms
            | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}'
            | '\u{ff5b}'..='\u{ff65}' // full-width punctuation
            | '\u{fff0}'..='\u{ffff}' // specials
            | '\u{1f000}'..='\u{1faff}' // emoji and pictographs
        ))
}

/// Lower case for the scripts most articles use (Latin, Greek, Cyrillic, Armenian), by code
/// point arithmetic instead of Unicode's case tables (see [`is_word_char`]); other characters
/// are returned unchanged.
pub fn to_lower(c: char) -> char {
    let code = c as u32;
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            code + 0x20
        }
        0x400..=0x40F => code + 0x50,
        0x531..=0x556 => code + 0x30,
        // Latin Extended-A and the Cyrillic supplement alternate upper, lower.
        0x100..=0x12F
        | 0x132..=0x137
        | 0x14A..=0x177
        | 0x460..=0x481
        | 0x48A..=0x4BF
        | 0x4D0..=0x52F
            if code.is_multiple_of(2) =>
        {
            code + 1
        }
        0x139..=0x148 | 0x179..=0x17E | 0x4C1..=0x4CE if !code.is_multiple_of(2) => code + 1,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Lower-cases and keeps letters and digits of any script, joining words with single hyphens.
///
/// Because runs of other characters collapse to one hyphen, a slug never contains `--`; the view
/// relies on that to suffix ids (`{id}--panel`) without colliding with another section's id.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if is_word_char(c) || c == '_' {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(to_lower(c));
        } else {
            pending_hyphen = true;
        }
        if slug.len() >= 80 {
            break;
        }
    }
    slug
}

/// Hands out ids that are unique within one page.
#[derive(Debug, Default)]
pub struct IdAllocator {
    taken: HashSet<String>,
}

impl IdAllocator {
    /// Returns `wanted` if free, else `wanted-2`, `wanted-3`, …; `fallback` when `wanted` is empty.
    pub fn allocate(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if wanted.is_empty() { fallback } else { wanted };
        let mut candidate = base.to_owned();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_agrees_with_unicode_on_the_scripts_it_covers() {
        let covered = (0x41..0x250).chain(0x370..0x530).chain(0x531..0x557);
        let mut checked = 0;
        for c in covered.filter_map(char::from_u32) {
            let mut unicode = c.to_lowercase();
            let (Some(expected), None) = (unicode.next(), unicode.next()) else {
                continue;
            };
            let ours = to_lower(c);
            // Outside the listed ranges a character is left as it is; never wrongly mapped.
            assert!(
                ours == expected || ours == c,
                "{c} ({:#x}): {ours}",
                c as u32
            );
            checked += usize::from(ours == expected);
        }
        assert!(checked > 850, "{checked}");
        for (upper, lower) in [
            ('É', 'é'),
            ('Ł', 'ł'),
            ('Ź', 'ź'),
            ('Ω', 'ω'),
            ('Ж', 'ж'),
            ('Ё', 'ё'),
        ] {
            assert_eq!(to_lower(upper), lower);
        }
    }

    #[test]
    fn word_characters_cover_letters_of_any_script_but_not_punctuation() {
        for c in "azAZ09éßŁωЖאبअ中あ한".chars() {
            assert!(is_word_char(c), "{c}");
        }
        for c in " -_.,;:!?'\"«»“”‘’—–…•·¿¡،؛؟。、「」！？（）\u{a0}\u{2009}€£©®°×÷→✓😀".chars()
        {
            assert!(!is_word_char(c), "{c}");
        }
        for c in (0..=0x7f_u8).map(char::from) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_single_hyphens() {
        assert_eq!(
            slugify("The peace process: “a horizon”"),
            "the-peace-process-a-horizon"
        );
        assert_eq!(
            slugify("  EU–Azerbaijan relations?! "),
            "eu-azerbaijan-relations"
        );
        assert_eq!(
            slugify("<script>alert(1)</script>"),
            "script-alert-1-script"
        );
        assert_eq!(slugify("عملية السلام"), "عملية-السلام");
        assert_eq!(slugify("!!!"), "");
        assert!(!slugify("a -- b").contains("--"));
    }

    #[test]
    fn allocated_ids_are_unique() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("intro", "section-1"), "intro");
        assert_eq!(ids.allocate("intro", "section-2"), "intro-2");
        assert_eq!(ids.allocate("intro", "section-3"), "intro-3");
        assert_eq!(ids.allocate("", "section-4"), "section-4");
        assert_eq!(ids.allocate("intro-2", "section-5"), "intro-2-2");
    }
}
