//! What each file of a release is to a browser and a CDN: its `Content-Type`, whether its name
//! changes with its content (then it may be cached for a year), whether it is an entry point
//! (addresses readers type or follow, uploaded last), and whether it is worth sending
//! compressed. Pure: decided from the file's path alone, unit-tested natively.

/// The `Cache-Control` of a file whose name changes whenever its content does: a reader who
/// has it never needs to ask again.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The default lifetime, in seconds, of every file whose name stays when its content changes
/// (HTML, `index.json`, the feed, `viewer-config.json`, articles): a CDN or browser serves it
/// this long, then asks the store whether it changed. Short, so a release reaches readers
/// within a minute; configurable with `article deploy --max-age`.
pub const DEFAULT_MAX_AGE: u32 = 60;

/// How a file is sent: its type, its caching, and the phase of the release it goes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// The `Content-Type` header.
    pub content_type: &'static str,
    /// Its name changes with its content: cached for a year (see [`IMMUTABLE`]).
    pub content_addressed: bool,
    /// When in the release it is uploaded.
    pub phase: Phase,
    /// Text (or WebAssembly) that gzip shrinks well.
    pub compressible: bool,
}

/// The order of a release: what other files point to goes up before what points to it, so
/// a reader never loads an address whose files have not arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Content-addressed files (the viewer's module, glue, stylesheet, icon; the index's
    /// pages and search parts): new names, which nothing live points to yet.
    Addressed,
    /// Files kept under one name that no entry point lists by hash: articles, pictures, the
    /// search index's per-article cards and passages, boot.js, the schema.
    Content,
    /// What readers and feed readers open first: HTML pages, `index.json`, the feed,
    /// `viewer-config.json`. Uploaded last: once they are live, the release is.
    Entry,
}

impl Kind {
    /// The `Cache-Control` header, with `max_age` seconds for what is not content-addressed.
    pub fn cache_control(&self, max_age: u32) -> String {
        if self.content_addressed {
            IMMUTABLE.to_owned()
        } else {
            format!("public, max-age={max_age}, must-revalidate")
        }
    }
}

/// The kind of the file at `path` (relative to the release's root, `/`-separated).
pub fn kind_of(path: &str) -> Kind {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let (content_type, compressible) = type_of(name, &extension);
    let content_addressed = built_with_hash(path, name) || index_part_with_hash(path, name);
    let entry = matches!(extension.as_str(), "html" | "htm")
        || name == "index.json"
        || name == "viewer-config.json"
        || content_type.starts_with("application/atom+xml");
    let phase = if content_addressed {
        Phase::Addressed
    } else if entry {
        Phase::Entry
    } else {
        Phase::Content
    };
    Kind {
        content_type,
        content_addressed,
        phase,
        compressible,
    }
}

/// The `Content-Type` for a file name and its lower-cased extension, and whether gzip is
/// worth it for it.
fn type_of(name: &str, extension: &str) -> (&'static str, bool) {
    match extension {
        "html" | "htm" => ("text/html; charset=utf-8", true),
        "json" | "map" => ("application/json; charset=utf-8", true),
        "js" | "mjs" => ("text/javascript; charset=utf-8", true),
        "css" => ("text/css; charset=utf-8", true),
        "wasm" => ("application/wasm", true),
        "svg" => ("image/svg+xml", true),
        "xml" if name == "feed.xml" || name.ends_with(".atom.xml") => {
            ("application/atom+xml; charset=utf-8", true)
        }
        "atom" => ("application/atom+xml; charset=utf-8", true),
        "xml" => ("application/xml; charset=utf-8", true),
        "txt" => ("text/plain; charset=utf-8", true),
        "md" => ("text/markdown; charset=utf-8", true),
        "png" => ("image/png", false),
        "jpg" | "jpeg" => ("image/jpeg", false),
        "gif" => ("image/gif", false),
        "webp" => ("image/webp", false),
        "avif" => ("image/avif", false),
        "ico" => ("image/x-icon", true),
        "woff2" => ("font/woff2", false),
        "woff" => ("font/woff", false),
        "pdf" => ("application/pdf", false),
        _ => ("application/octet-stream", false),
    }
}

/// A file Trunk named by its content, at the build's top level: `NAME-<hex>.EXT`, or
/// `NAME-<hex>_bg.wasm`, the hash 64 bits written without leading zeros (usually 16 digits,
/// sometimes fewer).
fn built_with_hash(path: &str, name: &str) -> bool {
    if path.contains('/') {
        return false;
    }
    let Some((stem, _)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hex(hash))
}

/// A part of a library's index named by its content (`index-parts/search-3.<8 hex>.json`).
fn index_part_with_hash(path: &str, name: &str) -> bool {
    let in_parts = path
        .strip_suffix(name)
        .is_some_and(|folder| folder.ends_with(crate::tools::archive::PARTS_FOLDER));
    in_parts && crate::model::parse_part_name(name).is_some_and(|(_, _, hash)| hash.is_some())
}

fn hex(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_parts_named_by_content_are_immutable() {
        for path in [
            "article_viewer-8595c41aa2f2d152_bg.wasm",
            "article_viewer-8595c41aa2f2d152.js",
            "main-3a40fd1872641ca2.css",
            "main-a40fd1872641ca2.css",
            "favicon-a2b7d2d2b30d8f6d.svg",
            "articles/index-parts/search-12.0a1b2c3d.json",
            "index-parts/page-2.ffffffff.json",
        ] {
            let kind = kind_of(path);
            assert!(kind.content_addressed, "{path}");
            assert_eq!(kind.phase, Phase::Addressed, "{path}");
            assert_eq!(kind.cache_control(60), IMMUTABLE);
        }
    }

    #[test]
    fn names_that_stay_are_revalidated_and_entry_points_go_last() {
        for (path, phase) in [
            ("index.html", Phase::Entry),
            ("articles/sample.html", Phase::Entry),
            ("articles/index.json", Phase::Entry),
            ("articles/feed.xml", Phase::Entry),
            ("viewer-config.json", Phase::Entry),
            ("articles/sample.json", Phase::Content),
            ("articles/index-parts/cards/7.json", Phase::Content),
            ("articles/index-parts/search-12.json", Phase::Content),
            ("boot.js", Phase::Content),
            // A hash in an article's own name is the publisher's, not ours.
            ("articles/report-8595c41aa2f2d152.json", Phase::Content),
            (
                "articles/index-parts/search-12.0A1B2C3D.json",
                Phase::Content,
            ),
        ] {
            let kind = kind_of(path);
            assert_eq!(kind.phase, phase, "{path}");
            assert_eq!(
                kind.cache_control(90),
                "public, max-age=90, must-revalidate"
            );
        }
    }

    #[test]
    fn every_kind_the_viewer_serves_has_its_type() {
        for (path, content_type) in [
            ("a_bg.wasm", "application/wasm"),
            ("a.json", "application/json; charset=utf-8"),
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("articles/feed.xml", "application/atom+xml; charset=utf-8"),
            ("p/photo.JPG", "image/jpeg"),
            ("p/chart.svg", "image/svg+xml"),
            ("p/unknown.bin", "application/octet-stream"),
        ] {
            assert_eq!(kind_of(path).content_type, content_type, "{path}");
        }
    }
}
