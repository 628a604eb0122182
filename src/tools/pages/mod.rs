//! `article pages DIR --viewer DIST`, in the order it runs: the build's head read once and made
//! relative (`shell.rs`); then, for every article of the folder, its page (`article.rs`) and
//! its embed with its oEmbed answer (`embeds.rs`); then the library's pages (`library.rs`),
//! when the folder has an index. Each file imports `shell.rs`, none another's.

mod article;
pub(crate) mod embeds;
mod library;
mod picture;
mod shell;

use std::path::{Path, PathBuf};

pub use article::{PageHead, render_page};
use embeds::{EmbedAddresses, EmbedOf, EmbedShell, write_embed};
pub use picture::Picture;
pub use shell::ViewerShell;
use shell::{encode_path, relative_prefix};

use crate::model::prepare;
use crate::tools::folder::{ArticleFiles, article_files, read_article};

/// What `article pages` did.
pub struct Rendered {
    /// Pages written, as (article, page).
    pub pages: Vec<(PathBuf, PathBuf)>,
    /// Library pages written (`library.html`, `library-N.html`), when the folder has an index.
    pub library_pages: Option<u32>,
    /// Lines for the publisher: files left out and why, warnings.
    pub notes: Vec<String>,
}

/// Writes `NAME.html` beside every article of `dir` (Markdown converted first, as `article
/// index` does), on every core; `count` is told how many articles there are, and `progress`
/// of each page written.
pub fn render_dir(
    dir: &Path,
    dist: &Path,
    base_url: Option<&str>,
    count: &dyn Fn(usize),
    progress: &(dyn Fn() + Sync),
) -> Result<Rendered, String> {
    use rayon::prelude::*;
    let shell = ViewerShell::read(dist, dir)?;
    let embeds = EmbedShell::read(dist, dir)?;
    let build = relative_prefix(dir, dist)?;
    let ArticleFiles {
        jsons, mut notes, ..
    } = article_files(dir)?;
    count(jsons.len());
    let base = base_url.map(|b| b.trim_end_matches('/').to_owned());
    let results: Vec<Result<(PathBuf, PathBuf), String>> = jsons
        .par_iter()
        .map(|path| {
            let written = render_file(path, &shell, &embeds, &build, base.as_deref());
            progress();
            written
        })
        .collect();
    let mut pages = Vec::new();
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(note) => notes.push(note),
        }
    }
    let library_pages = library::render_library(dir, dist)?;
    Ok(Rendered {
        pages,
        library_pages,
        notes,
    })
}

/// Renders the article in `path` to `NAME.html` beside it; a note when it is not an article.
fn render_file(
    path: &Path,
    shell: &ViewerShell,
    embeds: &EmbedShell,
    build: &str,
    base: Option<&str>,
) -> Result<(PathBuf, PathBuf), String> {
    let article = read_article(path)??;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let page = path.with_extension("html");
    let page_name = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let json_name = encode_path(&name);
    let page_url = base.map(|base| format!("{base}/{}", encode_path(&page_name)));
    let embed_at = base.map(|base| EmbedAddresses::new(base, build, &page_name));
    let folder = path.parent().unwrap_or(Path::new("."));
    let picture = picture::preview_picture(&article, folder, page_url.as_deref());
    let prepared = prepare(article);
    write_embed(
        folder,
        EmbedOf {
            page_name: &page_name,
            json_name: &json_name,
            page_url: page_url.as_deref(),
            addresses: embed_at.as_ref(),
            picture: picture.as_ref(),
        },
        prepared.clone(),
        embeds,
    )?;
    let head = PageHead {
        url: page_url,
        json_name,
        oembed: embed_at.map(|at| at.oembed),
        picture,
    };
    let html = render_page(prepared, shell, &head);
    std::fs::write(&page, html).map_err(|e| format!("{}: cannot write: {e}", page.display()))?;
    Ok((path.to_owned(), page))
}
