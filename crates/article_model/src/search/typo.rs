//! Typo tolerance: a word of [`TYPO_FROM`] letters or more that the index does not hold finds
//! the words one edit away (a letter inserted, deleted, replaced, or two neighbours swapped:
//! the Damerau–Levenshtein distance 1). A word one edit away keeps either the first half of
//! the query's word or its last half, whichever the edit was not in; so the page looks them up
//! in two sorted vocabularies, one of the words and one of the words written backwards, and
//! downloads only the chunks those halves fall in.

/// The shortest word (in letters) a typo is forgiven in: shorter words have too many
/// neighbours one edit away to guess which was meant.
pub const TYPO_FROM: usize = 5;

/// The two halves a word one edit from `word` keeps one of: the beginning (to look up in the
/// words) and the end written backwards (to look up in the backward words).
pub fn halves(word: &str) -> (String, String) {
    let chars: Vec<char> = word.chars().collect();
    let half = chars.len() / 2;
    let start: String = chars[..half].iter().collect();
    // An edit at `half - 1` may swap the letter at `half`: the end kept starts after it.
    let end: String = chars[(half + 1).min(chars.len())..].iter().rev().collect();
    (start, end)
}

/// `word` written backwards, as the backward vocabulary stores it.
pub fn backwards(word: &str) -> String {
    word.chars().rev().collect()
}

/// Whether `a` and `b` are exactly one edit apart: one letter inserted, deleted or replaced, or
/// two neighbours swapped.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let first = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        // Replaced at `first`, or `first` and the next swapped.
        let replaced = short[first + 1..] == long[first + 1..];
        let swapped = first + 1 < short.len()
            && short[first] == long[first + 1]
            && short[first + 1] == long[first]
            && short[first + 2..] == long[first + 2..];
        replaced || swapped
    } else {
        // One inserted into the shorter at `first`.
        short[first..] == long[first + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_of_any_kind_anywhere_and_no_more() {
        for typo in [
            "harbor", "harbours", "hrbour", "ahrbour", "harbuor", "xarbour", "harbouy",
        ] {
            assert!(one_edit_apart("harbour", typo), "{typo}");
        }
        for far in ["harbour", "hrbor", "habrour_", "ships", "harbourss"] {
            assert!(!one_edit_apart("harbour", far), "{far}");
        }
        assert!(one_edit_apart("αθηνα", "αθηνσ"));
    }

    #[test]
    fn a_word_one_edit_away_keeps_one_of_the_halves() {
        let word = "harbour";
        let (start, end) = halves(word);
        assert_eq!((start.as_str(), end.as_str()), ("har", "ruo"));
        for typo in [
            "xarbour", "hrbour", "ahrbour", "harbor", "harbuor", "harboru", "harbours", "habrour",
        ] {
            let keeps_start = typo.starts_with(&start);
            let keeps_end = backwards(typo).starts_with(&end);
            assert!(keeps_start || keeps_end, "{typo}");
        }
    }
}
