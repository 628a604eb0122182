//! The end of the article: sponsor disclosure, copyright, and a note listing data problems.
//! Static, so built as plain DOM (see [`crate::view::dom`]).

use web_sys::{Element, Node};

use crate::model::{Problem, Sponsor};
use crate::view::dom::Dom;

/// Appends the sponsor disclosure and copyright line, and returns their container. A plain
/// `<div>`, not `<footer>`: reader modes drop footers, and the disclosure must survive them.
pub fn build_footer(
    dom: &Dom,
    parent: &Node,
    sponsor: Option<&Sponsor>,
    copyright: Option<&str>,
) -> Element {
    let end = dom.element(parent, "div", "article-end");
    if let Some(Sponsor { name, disclosure }) = sponsor {
        let p = dom.element(&end, "p", "disclosure");
        let label = dom.element(&p, "strong", "disclosure-label");
        dom.text(&label, "Sponsored content. ");
        match disclosure {
            Some(text) => dom.text(&p, text),
            None => dom.text(&p, &format!("This article was paid for by {name}.")),
        }
    }
    if let Some(copyright) = copyright {
        let p = dom.element(&end, "p", "copyright");
        dom.text(&p, copyright);
    }
    end
}

/// A collapsed note for the publisher listing what was wrong but did not stop the article;
/// nothing when nothing was.
pub fn build_problems(dom: &Dom, parent: &Node, problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    let details = dom.element(parent, "details", "problems");
    let summary = dom.element(&details, "summary", "");
    dom.text(
        &summary,
        &format!("Problems with this article ({})", problems.len()),
    );
    let list = dom.element(&details, "ul", "");
    for problem in problems {
        let item = dom.element(&list, "li", "");
        let code = dom.element(&item, "code", "");
        dom.text(&code, &problem.path);
        dom.text(&item, ": ");
        dom.text(&item, &problem.message);
    }
}
