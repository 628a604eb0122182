//! Text direction from the article's language tag.

/// Writing direction of the article, mirrored in `<html dir>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
    /// Let the browser decide from the text.
    Auto,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn as_attr(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
            Direction::Auto => "auto",
        }
    }

    /// Parses the format's `dir` value.
    pub fn from_attr(value: &str) -> Option<Self> {
        match value {
            "ltr" => Some(Direction::Ltr),
            "rtl" => Some(Direction::Rtl),
            "auto" => Some(Direction::Auto),
            _ => None,
        }
    }
}

/// Languages written right to left when no script subtag says otherwise.
const RTL_LANGUAGES: [&str; 9] = ["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv"];
/// Right-to-left scripts, for tags such as `pa-Arab` or `az-Arab`.
const RTL_SCRIPTS: [&str; 7] = ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"];

/// The primary language subtag, lower-cased ("zh" of "zh-Hans"; "" without a tag): what reading
/// speeds and stemmers are chosen by.
pub fn primary_subtag(lang: Option<&str>) -> String {
    lang.and_then(|tag| tag.split(['-', '_']).next())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// The direction a BCP 47 tag implies: a script subtag wins over the language.
pub fn direction_for_lang(tag: &str) -> Direction {
    let mut subtags = tag.split(['-', '_']).map(str::to_ascii_lowercase);
    let language = subtags.next().unwrap_or_default();
    let script = subtags.find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
    let rtl = match script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&language.as_str()),
    };
    if rtl { Direction::Rtl } else { Direction::Ltr }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_languages() {
        for tag in [
            "ar", "he-IL", "FA", "ur_PK", "ps", "sd", "ug", "yi", "dv", "pa-Arab",
        ] {
            assert_eq!(direction_for_lang(tag), Direction::Rtl, "{tag}");
        }
    }

    #[test]
    fn left_to_right_languages() {
        for tag in ["en", "en-GB", "fr", "az", "ku-Latn", "sd-Deva", "", "x"] {
            assert_eq!(direction_for_lang(tag), Direction::Ltr, "{tag}");
        }
    }
}
