//! Page ids derived from article text: safe to put in an `id` attribute and a URL fragment.

use std::collections::HashSet;

/// Lower-cases and keeps letters and digits of any script, joining words with single hyphens.
///
/// Because runs of other characters collapse to one hyphen, a slug never contains `--`; the view
/// relies on that to suffix ids (`{id}--panel`) without colliding with another section's id.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
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
