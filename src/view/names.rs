//! The names that tie the markup (the components, and the pages `article pages` writes with
//! them), the stylesheet (`style/main.css`) and the take-over together: the class names by which
//! the delegated listeners, "show all" and the take-over find a section's parts, the ids
//! derived from a section's, and the key under which a reader's open sections are remembered.
//! In one place, so that the code cannot drift apart; the stylesheet spells the same names.

/// A class name and the selector that finds it, written once.
#[derive(Clone, Copy)]
pub struct ClassName {
    /// For `class=` and `getElementsByClassName`.
    pub name: &'static str,
    /// For `querySelector` and `closest`: `.name`.
    pub selector: &'static str,
}

macro_rules! class_name {
    ($name:literal) => {
        ClassName {
            name: $name,
            selector: concat!(".", $name),
        }
    };
}

/// A group of sections, which the browser lays out on its own.
pub const SECTION_GROUP: ClassName = class_name!("section-group");
/// The classes of a group after the first screen, whose off-screen panels the stylesheet lets
/// the browser skip.
pub const LATER_GROUP: &str = "section-group later";
/// A section's toggle: a `<button>` (a `<span>` in a written page until it is taken over).
pub const SECTION_TOGGLE: ClassName = class_name!("section-toggle");
/// The "Hide" / "Show" word in a toggle.
pub const TOGGLE_HINT: ClassName = class_name!("section-toggle-hint");
/// A section's panel, hidden (`until-found`) when the section is closed.
pub const SECTION_PANEL: ClassName = class_name!("section-panel");
/// The contents list, which the page completes after its first paint.
pub const CONTENTS_LIST: ClassName = class_name!("contents-list");

/// The id of the toggle of the section whose page id is `section_id`.
pub fn toggle_id(section_id: &str) -> String {
    format!("{section_id}--toggle")
}

/// The id of the panel of the section whose page id is `section_id`.
pub fn panel_id(section_id: &str) -> String {
    format!("{section_id}--panel")
}

/// The session-storage key under which the sections a reader opened in the article at
/// `article_url` are remembered: the same for the client-only page and a written one, so a
/// reader who moves between them finds the same sections open.
pub fn open_sections_key(article_url: &str) -> String {
    format!("article-viewer:open:{article_url}")
}
