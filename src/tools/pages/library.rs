//! The library's pages, written by `article pages` beside the articles when the folder has an
//! index: `library.html` (the newest page) and `library-N.html`, each the viewer's library
//! module with the page's entries already in it ([`crate::view::library::prerendered`]). They
//! are the archive a crawler or a reader without JavaScript can walk, page by page, to every
//! article's own written page.

use std::path::Path;

use leptos::prelude::*;
use rayon::prelude::*;

use super::shell::{ViewerShell, encode_path, escape_attr, relative_prefix, strip_markers};
use crate::i18n::{Msg, tr};
use crate::model::{CheckedUrl, LibraryEntry, UrlKind};
use crate::tools::archive::{read_library, read_page};
use crate::view::library::prerendered::{WrittenEntry, WrittenLibraryPage};

/// The file of page `page` of the library.
pub fn library_file(page: u32) -> String {
    if page <= 1 {
        "library.html".to_owned()
    } else {
        format!("library-{page}.html")
    }
}

/// Writes the library pages of the index in `dir`, with the viewer's build in `dist`; how
/// many. None when `dir` has no index.
pub fn render_library(dir: &Path, dist: &Path) -> Result<Option<u32>, String> {
    let Some(library) = read_library(dir) else {
        return Ok(None);
    };
    let shell = ViewerShell::read_page(dist, dir, "library.html")?;
    let viewer = relative_prefix(dir, dist)?;
    let total = library.total() as usize;
    let (pages, per_page) = match &library.archive {
        Some(archive) => (archive.pages, archive.per_page as usize),
        None => (1, library.articles.len().max(1)),
    };
    let first = library.articles.clone();
    (1..=pages).into_par_iter().try_for_each(|page| {
        let entries = match (&library.archive, page) {
            (_, 1) => first.clone(),
            (Some(archive), _) => read_page(dir, archive, page)
                .ok_or_else(|| format!("{}: page {page} cannot be read", dir.display()))?,
            (None, _) => Vec::new(),
        };
        let html = render_library_page(&shell, &viewer, entries, page, pages, per_page, total);
        let path = dir.join(library_file(page));
        std::fs::write(&path, html).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    })?;
    Ok(Some(pages))
}

/// One page of the library, whole.
fn render_library_page(
    shell: &ViewerShell,
    viewer: &str,
    entries: Vec<LibraryEntry>,
    page: u32,
    pages: u32,
    per_page: usize,
    total: usize,
) -> String {
    let written: Vec<WrittenEntry> = entries
        .into_iter()
        .map(|entry| {
            // The article's own written page, beside this one.
            let link = encode_path(&entry.address.replace(".json", ".html"));
            let image = entry
                .image
                .as_deref()
                .and_then(|src| CheckedUrl::new(src, UrlKind::Image).safe);
            (entry, link, image)
        })
        .collect();
    let around = (
        (page > 1).then(|| library_file(page - 1)),
        (page < pages).then(|| library_file(page + 1)),
    );
    let first = (page as usize - 1) * per_page;
    let body = Owner::new()
        .with(|| view! { <WrittenLibraryPage entries=written first total around /> }.to_html());
    let lang = crate::i18n::ui_language();
    let title = escape_attr(tr(Msg::LibraryTitle));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{}\" data-page=\"library\"><head>{}\
         <title>{title}</title></head><body><div id=\"viewer\" class=\"viewer is-prerendered\" \
         data-index=\"index.json\" data-page=\"{page}\" data-viewer=\"{}\">{}</div></body>\
         </html>\n",
        crate::model::direction_for_lang(lang).as_attr(),
        shell.head(),
        escape_attr(viewer),
        strip_markers(&body)
    )
}
