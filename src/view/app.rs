//! The root: decides which article to load and switches between loading, failure and article.

use leptos::prelude::*;

use crate::config::ViewerConfig;
use crate::load::{Progress, fetch_article, load_config, requested_article, resolve_article_url};
use crate::view::article::ArticleView;
use crate::view::status::{LoadFailure, Loading};

/// The whole viewer: the article named by `?article=`, or the bundled sample.
#[component]
pub fn App() -> impl IntoView {
    view! { <ArticleLoader url=requested_article() /> }
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
    let progress = RwSignal::new(None::<Progress>);
    let article = LocalResource::new(move || {
        let url = url.clone();
        let config = config.clone();
        async move {
            let config = match config {
                Some(config) => config,
                None => load_config().await?,
            };
            fetch_article(url, config, move |p| progress.set(Some(p))).await
        }
    });
    let retry = Callback::new(move |()| {
        progress.set(None);
        article.refetch();
    });
    view! {
        <Suspense fallback=move || view! { <Loading progress /> }>
            {move || {
                let storage_key = storage_key.clone();
                Suspend::new(async move {
                    match article.await {
                        Ok(prepared) => view! { <ArticleView prepared storage_key /> }.into_any(),
                        Err(error) => view! { <LoadFailure error on_retry=retry /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
