//! An article inside another site's page (`embed/NAME.html`, written by `article pages`, shown
//! in the host's `<iframe>`): the same components, without what belongs to a page of its own,
//! and with links that open in the host's window rather than inside the frame. The markup
//! leaves out the contents list; the stylesheet hides the display controls (with "Save for
//! offline") and the reading progress, which the module still builds: the written pages'
//! module stays the same for both (`public/embed.css`).

use leptos::prelude::IntoView;

/// The `data-page` value of an embed page's `<html>`: `boot.js` reads it and registers no
/// offline worker there (the host's page is not the viewer's to keep).
pub const EMBED_PAGE: &str = "embed";

/// Provided while an embed page is rendered.
#[derive(Clone, Copy, Debug)]
pub struct Embedded;

/// Whether the view being rendered is an embed: only natively, where embed pages are written
/// (in the browser, the module takes their markup over and renders none of it again).
pub fn is_embedded() -> bool {
    #[cfg(target_arch = "wasm32")]
    return false;
    #[cfg(not(target_arch = "wasm32"))]
    leptos::prelude::use_context::<Embedded>().is_some()
}

/// A link's `target`, told before the link's address moves into its view.
#[cfg(not(target_arch = "wasm32"))]
pub struct LinkTarget(Option<&'static str>);

/// In the browser, nothing: no view the module renders is an embed's.
#[cfg(target_arch = "wasm32")]
pub struct LinkTarget;

/// The `target` of a link to `url`: the host's whole window in an embed (a page opened inside
/// a frame sized to an article would be cut off), except for a place in the article itself.
#[cfg(not(target_arch = "wasm32"))]
pub fn link_target(url: &str) -> LinkTarget {
    LinkTarget((!url.starts_with('#') && is_embedded()).then_some("_top"))
}

/// See the native [`link_target`].
#[cfg(target_arch = "wasm32")]
pub fn link_target(_url: &str) -> LinkTarget {
    LinkTarget
}

/// `link` with its `target`, natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn with_target<V>(link: V, target: LinkTarget) -> impl IntoView
where
    V: leptos::tachys::html::attribute::custom::CustomAttribute<&'static str, Option<&'static str>>
        + IntoView,
{
    link.attr("target", target.0)
}

/// `link` as it is: in the browser no attribute is added, not even an empty one, whose type
/// alone cost the client-only module 195 B gzip (measured).
#[cfg(target_arch = "wasm32")]
pub fn with_target<V: IntoView>(link: V, _target: LinkTarget) -> V {
    link
}
