//! The root: decides what the page shows (a library, an article, the configured home page, or a
//! file the reader opened) and switches between loading, failure and the result.

use leptos::either::Either;
use leptos::prelude::*;

use crate::config::{Home, ViewerConfig};
use crate::load::{
    ArticleFeed, Reading, article_parameter, fetch_article, library_opened_from, load_config,
    requested_article, requested_library, resolve_article_url,
};
use crate::view::article::ArticleView;
use crate::view::attempt::{Attempt, load_into};
use crate::view::display::ExtraControl;
use crate::view::library::library_page;
use crate::view::local_file::{DropHint, LocalFile, OpenFile};
use crate::view::offline::OfflineSource;
use crate::view::status::{Failure, Loading};

/// The whole viewer: the library named by `?index=`, else the article named by `?article=`
/// (with a way back to the library it was opened from, `?from=`), else the `home` page of
/// `viewer-config.json`, or the bundled sample.
#[component]
pub fn App() -> impl IntoView {
    // Any article, in any of the interface's languages.
    crate::i18n::speak_every_language();
    // Until an article says its language, loading and failures speak the reader's.
    crate::i18n::follow_browser();
    // A file the reader opens or drops replaces what the address asked for.
    let local = LocalFile(RwSignal::new(None));
    provide_context(local);
    provide_context(ExtraControl(|| view! { <OpenFile /> }.into_any()));
    let dragging = RwSignal::new(false);
    local.accept_drops(dragging);
    let page = move || match local.0.get() {
        Some(url) => view! { <ArticleLoader url /> }.into_any(),
        None => requested_page(),
    };
    view! {
        {page}
        <DropHint dragging />
    }
}

/// What the address asks for: a library, or an article (with a way back to the library it
/// was opened from).
fn requested_page() -> AnyView {
    if let Some(index) = requested_library() {
        return go_to_library(&index);
    }
    let back = library_opened_from().map(|index| {
        let href = library_page(&index);
        let lang = crate::i18n::ui_language();
        view! {
            <p class="back-link" lang=lang dir=crate::view::ui_text::dir_of(lang)>
                <a href=href>{crate::i18n::tr(crate::i18n::Msg::BackToLibrary)}</a>
            </p>
        }
    });
    match article_parameter() {
        Some(url) => view! {
            {back}
            <ArticleLoader url />
        }
        .into_any(),
        None => view! { <HomePage /> }.into_any(),
    }
}

/// Opens the library page in place of this one (the address `?index=` once had here keeps
/// working): it is a module of its own, which an article page never downloads.
fn go_to_library(index: &str) -> AnyView {
    // The whole query goes along: `&page=` too.
    let target = match window().location().search() {
        Ok(search) if !search.is_empty() => format!("library.html{search}"),
        _ => library_page(index),
    };
    _ = window().location().replace(&target);
    view! { <Loading progress=RwSignal::new(None) /> }.into_any()
}

/// The page without `?article=` or `?index=`: what `viewer-config.json` names as `home`, or
/// the bundled sample. The configuration is read first (`boot.js` has already asked for it and
/// for the sample), and handed on so that it is not read twice.
#[component]
fn HomePage() -> impl IntoView {
    let (state, _) = load_into(load_config);
    move || match state.get() {
        None => view! { <Loading progress=RwSignal::new(None) /> }.into_any(),
        Some(Err(error)) => view! { <Failure error /> }.into_any(),
        Some(Ok(config)) => {
            let url = match config.home.clone() {
                Home::Library(index) => return go_to_library(&index),
                Home::Article(url) => url,
                Home::Sample => requested_article(),
            };
            view! { <ArticleLoader url config /> }.into_any()
        }
    }
}

/// Loads the article at `url` and renders it, or an alert saying why it could not. A long
/// article's start is rendered while the rest downloads, and the view adds the rest in place
/// as it reads it from the loader's [`ArticleFeed`].
#[component]
pub fn ArticleLoader(
    /// Address of the article JSON, relative to the page or absolute.
    #[prop(into)]
    url: String,
    /// Allowed origins and time limit; read from `viewer-config.json` when not given.
    #[prop(optional)]
    config: Option<ViewerConfig>,
) -> impl IntoView {
    // Remembered section state is per article, keyed by its resolved address.
    let resolved = resolve_article_url(&url).unwrap_or_else(|_| url.clone());
    let storage_key = crate::view::names::open_sections_key(&resolved);
    provide_context(OfflineSource(resolved));
    let feed = ArticleFeed::default();
    let attempt = Attempt::start(move || {
        let url = url.clone();
        let config = config.clone();
        feed.restart();
        async move {
            let config = async move {
                match config {
                    Some(config) => Ok(config),
                    None => load_config().await,
                }
            };
            fetch_article(url, config, feed).await;
        }
    });
    // A failure names itself in the tab too.
    Effect::new(move |_| {
        if feed.reading.with(|r| matches!(r, Reading::Failed(_))) {
            document().set_title(crate::i18n::tr(crate::i18n::Msg::Unavailable));
        }
    });

    move || {
        feed.reading.track();
        let next = feed.reading.try_update_untracked(Reading::take)?;
        let key = storage_key.clone();
        Some(match next {
            Reading::Taken => return None,
            Reading::Loading => view! { <Loading progress=feed.progress /> }.into_any(),
            // Left and Right: an article that replaces the start is a new view, not the start's
            // elements updated in place (its sections are in the page already).
            Reading::Start(prepared) => Either::<AnyView, AnyView>::Left(
                view! { <ArticleView prepared=*prepared storage_key=key arriving=Some(feed) /> }
                    .into_any(),
            )
            .into_any(),
            Reading::Whole(prepared) => Either::<AnyView, AnyView>::Right(
                view! { <ArticleView prepared=*prepared storage_key=key /> }.into_any(),
            )
            .into_any(),
            Reading::Failed(error) => view! { <Failure error retry=attempt.retry() /> }.into_any(),
        })
    }
}
