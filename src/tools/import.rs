//! `article import SRC OUT`: a whole static-site blog in one command. The posts are found where
//! the generators keep them (Jekyll's `_posts`; Hugo's and Zola's `content/`, page bundles'
//! `NAME/index.md` included and section lists `_index.md` left out; otherwise, as for
//! Eleventy, every Markdown file outside the build and dependency folders), converted on every
//! core, and written to OUT as `NAME.json`. The summary groups the posts by outcome and cause,
//! so that a publisher sees at once what needs a hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::wire::{Decoded, RawArticle};
use crate::tools::authors::AuthorNames;
use crate::tools::{MarkdownOptions, read_markdown};

/// Folders no generator keeps posts in: builds, dependencies, templates and drafts.
const SKIPPED_DIRS: [&str; 13] = [
    ".git",
    "node_modules",
    "_site",
    "public",
    "dist",
    "vendor",
    "_includes",
    "_layouts",
    "_data",
    "_drafts",
    "layouts",
    "themes",
    "target",
];

/// Files in a project's root that are about the project, not posts.
const PROJECT_FILES: [&str; 6] = [
    "readme",
    "changelog",
    "license",
    "contributing",
    "code_of_conduct",
    "security",
];

/// Which kind of site SRC is, by its folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteKind {
    /// Posts in `_posts` folders.
    Jekyll,
    /// Posts under `content/`.
    HugoOrZola,
    /// Any other folder of Markdown (Eleventy keeps posts where its configuration says).
    Folder,
}

impl SiteKind {
    /// How the summary names it.
    pub fn describe(self) -> &'static str {
        match self {
            SiteKind::Jekyll => "Jekyll (posts in _posts)",
            SiteKind::HugoOrZola => "Hugo or Zola (posts under content/)",
            SiteKind::Folder => "a folder of Markdown (as Eleventy keeps it)",
        }
    }
}

/// What happened to one post.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Written with nothing left out.
    Converted,
    /// Written; the warnings say what was left out or moved (`line:column: message`).
    WithNotes(Vec<String>),
    /// `draft: true`: not written.
    Draft,
    /// Not an article; why.
    Refused(String),
}

/// One post and what became of it.
#[derive(Debug, Clone)]
pub struct ImportedPost {
    /// The Markdown file.
    pub source: PathBuf,
    /// The article written, if one was.
    pub output: Option<PathBuf>,
    pub outcome: Outcome,
}

/// What `import_site` did.
#[derive(Debug)]
pub struct ImportReport {
    pub kind: SiteKind,
    pub posts: Vec<ImportedPost>,
}

impl ImportReport {
    /// How many posts ended each way: converted, with notes, drafts, refused.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for post in &self.posts {
            counts[match post.outcome {
                Outcome::Converted => 0,
                Outcome::WithNotes(_) => 1,
                Outcome::Draft => 2,
                Outcome::Refused(_) => 3,
            }] += 1;
        }
        counts
    }

    /// The summary a publisher reads: counts by outcome, and under each the causes with how
    /// many posts each touched, most first.
    pub fn summary(&self) -> String {
        let [converted, noted, drafts, refused] = self.counts();
        let mut out = String::new();
        let total = self.posts.len();
        let written = converted + noted;
        out.push_str(&format!(
            "{total} posts found ({}); {written} converted ({}):\n",
            self.kind.describe(),
            percent(written, total)
        ));
        out.push_str(&format!("  {converted:>6}  converted as written\n"));
        out.push_str(&format!("  {noted:>6}  converted with notes\n"));
        let mut causes: BTreeMap<String, usize> = BTreeMap::new();
        for post in &self.posts {
            if let Outcome::WithNotes(notes) = &post.outcome {
                let mut kinds: Vec<String> = notes.iter().map(|n| cause(n)).collect();
                kinds.sort();
                kinds.dedup();
                for kind in kinds {
                    *causes.entry(kind).or_default() += 1;
                }
            }
        }
        push_causes(&mut out, causes);
        if drafts > 0 {
            out.push_str(&format!("  {drafts:>6}  drafts, left out\n"));
        }
        out.push_str(&format!("  {refused:>6}  refused\n"));
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for post in &self.posts {
            if let Outcome::Refused(why) = &post.outcome {
                *reasons.entry(cause(why)).or_default() += 1;
            }
        }
        push_causes(&mut out, reasons);
        out
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".to_owned();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

fn push_causes(out: &mut String, causes: BTreeMap<String, usize>) {
    let mut causes: Vec<(String, usize)> = causes.into_iter().collect();
    causes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (cause, count) in causes {
        out.push_str(&format!("            {count:>5}  {cause}\n"));
    }
}

/// A message without its position and particulars, so that alike messages group: the
/// quoted parts (`{% link %}`, "2024") become "…"; an element's name is kept.
fn cause(message: &str) -> String {
    // `12:3: message` → `message`.
    let mut rest = message;
    for _ in 0..2 {
        if let Some((head, tail)) = rest.split_once(':')
            && !head.is_empty()
            && head.chars().all(|c| c.is_ascii_digit())
        {
            rest = tail.trim_start();
        }
    }
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in rest.chars() {
        match closing {
            Some(close) if c == close => {
                closing = None;
                out.push('…');
            }
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '"' => closing = Some('"'),
                _ => out.push(c),
            },
        }
    }
    // A list of field names after the colon varies per post.
    match out.split_once(" no place in an article: ") {
        Some(_) => "front matter: fields with no place in an article, left out".to_owned(),
        None => out,
    }
}

/// Finds the posts in `src` and what kind of site it is.
pub fn find_posts(src: &Path) -> Result<(SiteKind, Vec<PathBuf>), String> {
    find_site(src).map(|site| (site.kind, site.posts))
}

/// What one walk of a site finds: its kind, its posts, and the files naming its authors.
struct Site {
    kind: SiteKind,
    posts: Vec<PathBuf>,
    authors: Vec<PathBuf>,
}

fn find_site(src: &Path) -> Result<Site, String> {
    if !src.is_dir() {
        return Err(format!("{}: not a folder", src.display()));
    }
    let mut all = Vec::new();
    walk(src, src, &mut all).map_err(|e| format!("{}: {e}", src.display()))?;
    all.sort();
    let (authors, all): (Vec<PathBuf>, Vec<PathBuf>) = all
        .into_iter()
        .partition(|p| AuthorNames::is_authors_file(p));
    let in_dir = |path: &Path, name: &str| {
        path.strip_prefix(src)
            .map(|p| p.components().any(|c| c.as_os_str() == name))
            .unwrap_or(false)
    };
    let kind = if all.iter().any(|p| in_dir(p, "_posts")) {
        SiteKind::Jekyll
    } else if src.join("content").is_dir() {
        SiteKind::HugoOrZola
    } else {
        SiteKind::Folder
    };
    let posts = all
        .into_iter()
        .filter(|p| match kind {
            SiteKind::Jekyll => in_dir(p, "_posts"),
            SiteKind::HugoOrZola => {
                p.starts_with(src.join("content"))
                    && !p
                        .file_stem()
                        .is_some_and(|s| s.to_string_lossy().starts_with("_index"))
            }
            SiteKind::Folder => !p.file_stem().is_some_and(|s| {
                PROJECT_FILES.contains(&s.to_string_lossy().to_lowercase().as_str())
            }),
        })
        .collect();
    Ok(Site {
        kind,
        posts,
        authors,
    })
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if path.is_dir() {
            let hidden = name.starts_with('.') && dir != root;
            if !(SKIPPED_DIRS.contains(&name.as_str()) || hidden) {
                walk(root, &path, out)?;
            }
        } else if crate::tools::markdown::is_post_file(&path) || AuthorNames::is_authors_file(&path)
        {
            out.push(path);
        }
    }
    Ok(())
}

/// The article's file name for a post: its path below the posts' folder with `/` as `-`, a
/// page bundle named by its folder, only letters, digits, `.`, `-` and `_`.
pub fn output_name(src: &Path, post: &Path, kind: SiteKind) -> String {
    let base = match kind {
        SiteKind::HugoOrZola => src.join("content"),
        _ => src.to_path_buf(),
    };
    let relative = post.strip_prefix(&base).unwrap_or(post);
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "_posts")
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = Path::new(&last)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem != "index" || parts.is_empty() {
        parts.push(stem);
    }
    let name: String = parts
        .join("-")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{name}.json")
}

/// Converts every post in `src` into `out` (created if missing), on every core; `progress`
/// is called once per post. The index is the caller's to write (as `article index` does).
pub fn import_site(
    src: &Path,
    out: &Path,
    strict: bool,
    count: &(dyn Fn(usize) + Sync),
    progress: &(dyn Fn() + Sync),
) -> Result<ImportReport, String> {
    let Site {
        kind,
        posts,
        authors,
    } = find_site(src)?;
    let authors = AuthorNames::read(&authors)?;
    count(posts.len());
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut names: Vec<String> = posts.iter().map(|p| output_name(src, p, kind)).collect();
    // Two posts with one name (a.md and a/index.md) keep apart by number.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for name in &mut names {
        let n = seen.entry(name.clone()).or_default();
        *n += 1;
        if *n > 1 {
            *name = format!("{}-{n}.json", name.trim_end_matches(".json"));
        }
    }
    let posts: Vec<ImportedPost> = posts
        .par_iter()
        .zip(names.par_iter())
        .map(|(post, name)| {
            let imported = import_post(post, &out.join(name), strict, &authors);
            progress();
            imported
        })
        .collect();
    Ok(ImportReport { kind, posts })
}

/// Converts one post and writes it, its authors given by key named as the blog names them.
fn import_post(post: &Path, output: &Path, strict: bool, authors: &AuthorNames) -> ImportedPost {
    let refused = |why: String| ImportedPost {
        source: post.to_path_buf(),
        output: None,
        outcome: Outcome::Refused(why),
    };
    let text = match std::fs::read(post).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => return refused("not UTF-8 text".to_owned()),
        Err(e) => return refused(format!("cannot read: {e}")),
    };
    let name = post.file_name().map(|n| n.to_string_lossy().into_owned());
    let bundle = post
        .parent()
        .zip(post.file_name())
        .filter(|(_, n)| n.to_string_lossy().starts_with("index."))
        .map(|(p, n)| p.join(n).to_string_lossy().into_owned());
    let options = MarkdownOptions {
        file_name: bundle.as_deref().or(name.as_deref()),
        strict,
    };
    let converted = match read_markdown(&text, options) {
        Ok(converted) => converted,
        Err(error) => return refused(error.to_string()),
    };
    if converted.draft {
        return ImportedPost {
            source: post.to_path_buf(),
            output: None,
            outcome: Outcome::Draft,
        };
    }
    let mut article = converted.article;
    if let Some(names) = article.authors.as_mut() {
        authors.resolve(names);
    }
    let mut warnings: Vec<String> = converted.warnings.iter().map(|w| w.to_string()).collect();
    if let Err(why) = copy_pictures(&mut article, post, output) {
        warnings.push(format!("1:1: {why}"));
    }
    let json = serde_json::to_string_pretty(&article).expect("wire types serialize");
    // What the viewer would refuse is refused here.
    if let Err(e) = crate::model::parse_article(&json) {
        return refused(format!("{} {}", crate::i18n::tr(e.summary()), e.detail()));
    }
    if let Err(e) = std::fs::write(output, format!("{json}\n")) {
        return refused(format!("cannot write {}: {e}", output.display()));
    }
    let outcome = if warnings.is_empty() {
        Outcome::Converted
    } else {
        Outcome::WithNotes(warnings)
    };
    ImportedPost {
        source: post.to_path_buf(),
        output: Some(output.to_path_buf()),
        outcome,
    }
}

/// Copies the pictures a post names by a relative address that are files beside it (a page
/// bundle's, or an Eleventy post's) to a folder named after the article, and points the
/// article at the copies: relative addresses resolve against the article's file, which is no
/// longer beside them.
fn copy_pictures(article: &mut RawArticle, post: &Path, output: &Path) -> Result<(), String> {
    let (Some(from), Some(stem)) = (post.parent(), output.file_stem()) else {
        return Ok(());
    };
    let folder = stem.to_string_lossy().into_owned();
    let to = output.with_file_name(&folder);
    let copy = |src: &mut String| -> Result<(), String> {
        let relative = !src.contains(':') && !src.starts_with(['/', '#', '?']) && !src.is_empty();
        let path = src.split(['?', '#']).next().unwrap_or_default().to_owned();
        let file = from.join(
            percent_encoding::percent_decode_str(&path)
                .decode_utf8_lossy()
                .as_ref(),
        );
        if !relative || path.contains("..") || !file.is_file() {
            return Ok(());
        }
        let target = to.join(&*percent_encoding::percent_decode_str(&path).decode_utf8_lossy());
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot copy {src}: {e}"))?;
        }
        std::fs::copy(&file, &target).map_err(|e| format!("cannot copy {src}: {e}"))?;
        *src = format!("{folder}/{}", src.trim_start_matches("./"));
        Ok(())
    };
    if let Some(image) = article.image.as_mut() {
        copy(image)?;
    }
    for section in &mut article.sections {
        for block in &mut section.blocks {
            if let Decoded::Value(block) = block
                && block.kind == "image"
                && let Some(src) = block.src.as_mut()
            {
                copy(src)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_articles_by_their_place() {
        let src = Path::new("/site");
        assert_eq!(
            output_name(
                src,
                Path::new("/site/_posts/2018-01-25-x.md"),
                SiteKind::Jekyll
            ),
            "2018-01-25-x.json"
        );
        assert_eq!(
            output_name(
                src,
                Path::new("/site/content/GATs push/index.md"),
                SiteKind::HugoOrZola
            ),
            "GATs-push.json"
        );
        assert_eq!(
            output_name(
                src,
                Path::new("/site/content/inside-rust/a.md"),
                SiteKind::HugoOrZola
            ),
            "inside-rust-a.json"
        );
    }

    #[test]
    fn groups_messages_by_cause() {
        assert_eq!(
            cause("12:3: the template tag `{% link x %}` is left out"),
            "the template tag … is left out"
        );
        assert_eq!(
            cause("4:1: the <span> element is left out; its text is kept"),
            "the <span> element is left out; its text is kept"
        );
    }
}
