//! The root: decides which article to load and switches between loading, failure and article.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::config::ViewerConfig;
use crate::load::{
    LoadError, Progress, fetch_article, load_config, requested_article, resolve_article_url,
};
use crate::model::PreparedArticle;
use crate::view::article::ArticleView;
use crate::view::status::{LoadFailure, Loading};

/// The whole viewer: the article named by `?article=`, or the bundled sample.
#[component]
pub fn App() -> impl IntoView {
    view! { <ArticleLoader url=requested_article() /> }
}

/// Where a load stands. A plain signal set by one task, rather than `LocalResource` and
/// `Suspense`: the async machinery those bring measured 17 KB of gzip wasm, a seventh of the
/// size budget, for a page that loads exactly one document.
enum LoadState {
    /// Downloading (progress has its own signal, so the view is not rebuilt per chunk).
    Loading,
    /// Ready to render; taken out, leaving `Shown`, when the article view is built.
    Loaded(Box<PreparedArticle>),
    /// The article view owns the article now.
    Shown,
    /// Why there is no article.
    Failed(LoadError),
}

impl LoadState {
    /// What to render: the article moves out (it can be large), everything else is copied.
    fn take(&mut self) -> LoadState {
        match self {
            LoadState::Loaded(_) => std::mem::replace(self, LoadState::Shown),
            LoadState::Failed(error) => LoadState::Failed(error.clone()),
            LoadState::Loading => LoadState::Loading,
            LoadState::Shown => LoadState::Shown,
        }
    }
}

/// Loads the article at `url` and renders it, or an alert saying why it could not.
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
    let storage_key = format!(
        "article-viewer:open:{}",
        resolve_article_url(&url).unwrap_or_else(|_| url.clone())
    );
    let state = RwSignal::new(LoadState::Loading);
    let progress = RwSignal::new(None::<Progress>);
    // Retrying is offered only after a failure, so at most one download runs at a time. The
    // task may outlive the view (the reader navigates away): it then sets nothing.
    let start = move || {
        let url = url.clone();
        let config = config.clone();
        progress.set(None);
        state.set(LoadState::Loading);
        spawn_local(async move {
            let config = async move {
                match config {
                    Some(config) => Ok(config),
                    None => load_config().await,
                }
            };
            let result = fetch_article(url, config, move |p| _ = progress.try_set(Some(p))).await;
            _ = state.try_set(match result {
                Ok(prepared) => LoadState::Loaded(Box::new(prepared)),
                Err(error) => LoadState::Failed(error),
            });
        });
    };
    let retry = {
        let start = start.clone();
        Callback::new(move |()| start())
    };
    start();

    move || {
        state.track();
        match state.try_update_untracked(LoadState::take) {
            Some(LoadState::Loading) => view! { <Loading progress /> }.into_any(),
            Some(LoadState::Loaded(prepared)) => {
                let prepared = *prepared;
                let storage_key = storage_key.clone();
                view! { <ArticleView prepared storage_key /> }.into_any()
            }
            Some(LoadState::Failed(error)) => {
                view! { <LoadFailure error on_retry=retry /> }.into_any()
            }
            Some(LoadState::Shown) | None => ().into_any(),
        }
    }
}
