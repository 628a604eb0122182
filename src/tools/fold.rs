//! Folding text for search, at index time: compatibility forms, case and diacritics, in every
//! script, with Unicode's own tables (here, natively, they cost the page nothing). The page
//! folds a query the same way with the browser's tables (`normalize("NFKD")`, `toLowerCase()`,
//! marks removed), so it needs none of its own.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// `text` decomposed (NFKD), in lower case, without combining marks: "Ünïcode ＡＢＣ" →
/// "unicode abc".
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Character by character: NFKD only reorders combining marks across characters, and the
    // marks are dropped anyway.
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_compatible(c, |part| {
            for lower in part.to_lowercase() {
                if !is_combining_mark(lower) {
                    out.push(lower);
                }
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn case_diacritics_and_compatibility_forms_fold_in_any_script() {
        assert_eq!(fold("Über Straßen"), "uber straßen");
        assert_eq!(fold("ΑΘΉΝΑ"), "αθηνα");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("ＡＢＣ ﬁne"), "abc fine");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("שָׁלוֹם"), "שלום");
        assert_eq!(fold("東京"), "東京");
    }
}
