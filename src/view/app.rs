//! The root: decides which article to load and switches between loading, failure and article.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Element;

use crate::config::ViewerConfig;
use crate::load::{
    Fetched, LoadError, MoreSections, Progress, fetch_article, load_config, requested_article,
    resolve_article_url,
};
use crate::model::{PreparedArticle, Problem};
use crate::view::article::{ArticleRest, build_article, build_early_article};
use crate::view::dom::Dom;
use crate::view::mount::{built_view, insert_view};
use crate::view::status::{Failure, Loading};

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
    built_view("article-loader", move |_, host| {
        build_loader(host, url, config)
    })
}

/// Where a load stands. A plain signal set by one task, rather than `LocalResource` and
/// `Suspense`: the async machinery those bring measured 17 KB of gzip wasm, a seventh of the
/// size budget, for a page that loads exactly one document.
enum LoadState {
    /// Downloading (progress has its own signal, so the view is not rebuilt per chunk).
    Loading,
    /// The start of a long article, shown while the rest downloads; taken out like `Loaded`.
    Early(Box<PreparedArticle>),
    /// Ready to render; taken out, leaving `Shown`, when the article is built.
    Loaded(Box<PreparedArticle>),
    /// All of an `Early` article has arrived: its reading time and problems.
    Ended(usize, Vec<Problem>),
    /// The article's view owns the article now.
    Shown,
    /// Why there is no article.
    Failed(LoadError),
}

impl LoadState {
    /// What to render: the article moves out (it can be large), everything else is copied.
    fn take(&mut self) -> LoadState {
        match self {
            LoadState::Loaded(_) | LoadState::Early(_) | LoadState::Ended(..) => {
                std::mem::replace(self, LoadState::Shown)
            }
            LoadState::Failed(error) => LoadState::Failed(error.clone()),
            LoadState::Loading => LoadState::Loading,
            LoadState::Shown => LoadState::Shown,
        }
    }
}

/// Loads the article at `url` into `host`, replacing whatever `host` shows: first the loading
/// state, then the article or the failure. Runs under the caller's reactive owner.
pub fn build_loader(host: &Element, url: String, config: Option<ViewerConfig>) {
    // Remembered section state is per article, keyed by its resolved address.
    let storage_key = format!(
        "article-viewer:open:{}",
        resolve_article_url(&url).unwrap_or_else(|_| url.clone())
    );
    let state = RwSignal::new(LoadState::Loading);
    let progress = RwSignal::new(None::<Progress>);
    let arriving = Rc::new(RefCell::new(Arriving::default()));
    let to_page = arriving.clone();
    // Retrying is offered only after a failure, so at most one download runs at a time. The
    // task may outlive the view (the reader navigates away): it then sets nothing.
    let start: Rc<dyn Fn()> = Rc::new(move || {
        let url = url.clone();
        let config = config.clone();
        let arriving = to_page.clone();
        // Nothing of an earlier attempt may join this one.
        arriving.borrow_mut().waiting = MoreSections::default();
        progress.set(None);
        state.set(LoadState::Loading);
        spawn_local(async move {
            let config = async move {
                match config {
                    Some(config) => Ok(config),
                    None => load_config().await,
                }
            };
            let on_progress = move |p| _ = progress.try_set(Some(p));
            let on_early = move |p| _ = state.try_set(LoadState::Early(Box::new(p)));
            let on_more = move |more| arriving.borrow_mut().add(more);
            let result = fetch_article(url, config, on_progress, on_early, on_more).await;
            _ = state.try_set(match result {
                Ok(Fetched::Whole(prepared)) => LoadState::Loaded(prepared),
                Ok(Fetched::Rest {
                    reading_minutes,
                    problems,
                }) => LoadState::Ended(reading_minutes, problems),
                Err(error) => LoadState::Failed(error),
            });
        });
    });
    start();

    // Each state is built under its own owner, cleaned up (effects stopped, signals disposed)
    // when the next state replaces it.
    let parent = Owner::current().expect("the loader runs under a reactive owner");
    let host = host.clone();
    let mut shown: Option<Owner> = None;
    Effect::new(move |_| {
        state.track();
        let next = match state.try_update_untracked(LoadState::take) {
            Some(LoadState::Shown) | None => return,
            Some(next) => next,
        };
        // Whatever else comes next replaces the start of an article still arriving.
        let early = arriving.borrow_mut().rest.take();
        let next = match (next, early) {
            (LoadState::Ended(minutes, problems), Some((early, owner))) => {
                untrack(|| owner.with(|| early.finish(minutes, problems)));
                return;
            }
            (LoadState::Ended(..), None) => return,
            (next, _) => next,
        };
        if let Some(previous) = shown.take() {
            previous.cleanup();
        }
        host.replace_children_with_node_0();
        let owner = parent.child();
        let dom = Dom::default();
        let key = Some(storage_key.clone());
        untrack(|| {
            owner.with(|| match next {
                LoadState::Loading => insert_view(&host, None, view! { <Loading progress /> }),
                LoadState::Early(prepared) => {
                    let mut arriving = arriving.borrow_mut();
                    let mut early = build_early_article(&dom, &host, *prepared, key, progress);
                    early.add(std::mem::take(&mut arriving.waiting));
                    arriving.rest = Some((early, owner.clone()));
                }
                LoadState::Loaded(prepared) => build_article(&dom, &host, *prepared, key),
                LoadState::Failed(error) => {
                    document().set_title("Article unavailable");
                    let retry = start.clone();
                    insert_view(&host, None, view! { <Failure error retry /> });
                }
                LoadState::Ended(..) | LoadState::Shown => {}
            })
        });
        shown = Some(owner);
    });
}

/// The start of an article on screen while the rest downloads, with its reactive owner, and
/// sections that arrived before that start was built.
#[derive(Default)]
struct Arriving {
    rest: Option<(ArticleRest, Owner)>,
    waiting: MoreSections,
}

impl Arriving {
    /// Adds `more` sections to the start on screen, or keeps them until it is built.
    fn add(&mut self, more: MoreSections) {
        match &mut self.rest {
            Some((rest, owner)) => owner.with(|| rest.add(more)),
            None => {
                self.waiting.ids.extend(more.ids);
                self.waiting.sections.extend(more.sections);
            }
        }
    }
}
