//! The picture a link preview or an oEmbed consumer shows for an article: which one, its public
//! address, and its size when the file is in the folder `article pages` writes into (so a
//! preview can lay it out before it downloads, and oEmbed's thumbnail is complete).

use std::path::{Path, PathBuf};

use crate::model::{Article, Block, is_document_relative};

/// A preview picture with its size, as oEmbed's `thumbnail_*` fields and Open Graph's
/// `og:image:*` give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// Its absolute address.
    pub url: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// The picture the publisher chose for previews (`image`), else the first in the text, as
/// written.
pub fn preview_src(article: &Article) -> Option<String> {
    if let Some(src) = article.image.as_ref().and_then(|i| i.safe.clone()) {
        return Some(src);
    }
    article
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .find_map(|block| match block {
            Block::Image { src, .. } => src.safe.clone(),
            _ => None,
        })
}

/// The preview picture of the article in `folder`, whose written page is at `page_url`, with
/// its size: `None` when there is none, when its address cannot be made absolute, or when it is
/// not a picture file in `folder` (the size of another site's picture is never downloaded).
pub fn preview_picture(
    article: &Article,
    folder: &Path,
    page_url: Option<&str>,
) -> Option<Picture> {
    let src = preview_src(article)?;
    let url = absolute(&src, page_url)?;
    let file = local_file(folder, &src, page_url)?;
    let size = imagesize::size(file).ok()?;
    Some(Picture {
        url,
        width: u32::try_from(size.width).ok()?,
        height: u32::try_from(size.height).ok()?,
    })
}

/// The file in `folder` that `src` names: a document-relative address, or an absolute one
/// inside the folder of `page_url`.
fn local_file(folder: &Path, src: &str, page_url: Option<&str>) -> Option<PathBuf> {
    let relative = if is_document_relative(src) {
        src
    } else {
        let page = page_url?;
        let page_folder = &page[..page.rfind('/')? + 1];
        src.strip_prefix(page_folder)?
    };
    let path = relative.split(['?', '#']).next()?;
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    Some(folder.join(decoded.trim_start_matches("./")))
}

/// `address` made absolute against the page's own address; `None` when it is relative and
/// the page's address is unknown (a preview cannot fetch a relative image).
pub fn absolute(address: &str, page: Option<&str>) -> Option<String> {
    if address.starts_with("https://") || address.starts_with("http://") {
        return Some(address.to_owned());
    }
    let page = page?;
    if let Some(rest) = address.strip_prefix("//") {
        let scheme = page.split("//").next().unwrap_or("https:");
        return Some(format!("{scheme}//{rest}"));
    }
    let origin_end = page
        .find("://")
        .and_then(|s| page[s + 3..].find('/').map(|p| p + s + 3))
        .unwrap_or(page.len());
    if address.starts_with('/') {
        return Some(format!("{}{address}", &page[..origin_end]));
    }
    let folder = &page[..page.rfind('/').map_or(page.len(), |i| i + 1)];
    Some(format!("{folder}{}", address.trim_start_matches("./")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://news.example/viewer/articles/a.html";

    #[test]
    fn a_picture_beside_the_article_or_under_its_public_folder_is_a_local_file() {
        let folder = Path::new("/srv/articles");
        assert_eq!(
            local_file(folder, "img/a%20b.png?v=2", None),
            Some(folder.join("img/a b.png"))
        );
        assert_eq!(
            local_file(
                folder,
                "https://news.example/viewer/articles/img/c.jpg",
                Some(PAGE)
            ),
            Some(folder.join("img/c.jpg"))
        );
        assert_eq!(
            local_file(folder, "https://cdn.example/c.jpg", Some(PAGE)),
            None,
            "another site's picture is never read"
        );
        assert_eq!(local_file(folder, "/img/c.jpg", Some(PAGE)), None);
    }

    #[test]
    fn addresses_are_made_absolute_against_the_page() {
        assert_eq!(
            absolute("./img/c.jpg", Some(PAGE)).as_deref(),
            Some("https://news.example/viewer/articles/img/c.jpg")
        );
        assert_eq!(
            absolute("/c.jpg", Some(PAGE)).as_deref(),
            Some("https://news.example/c.jpg")
        );
        assert_eq!(absolute("c.jpg", None), None);
    }
}
