//! The root: decides what the page shows (a library, an article, the configured home page, or a
//! file the reader opened) and switches between loading, failure and the result.

use leptos::either::Either;
use leptos::prelude::*;

use crate::config::{Home, ViewerConfig};
use crate::load::{
    ArticleEnding, Fetched, LoadError, MoreSections, Progress, article_parameter, fetch_article,
    library_opened_from, load_config, requested_article, requested_library, resolve_article_url,
};
use crate::model::PreparedArticle;
use crate::view::article::{ArticleRest, ArticleView};
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

/// What the loader shows, set by its [`Attempt`] as the download goes (the view must not be
/// rebuilt when the rest of an article shown early arrives).
enum LoadState {
    /// Downloading (progress has its own signal, so the view is not rebuilt per chunk).
    Loading,
    /// The start of a long article, shown while the rest downloads; taken out like `Loaded`.
    Early(Box<PreparedArticle>),
    /// Ready to render; taken out, leaving `Shown`, when the article is rendered.
    Loaded(Box<PreparedArticle>),
    /// The article's view owns the article now.
    Shown,
    /// Why there is no article.
    Failed(LoadError),
}

impl LoadState {
    /// What to render: the article moves out (it can be large), everything else is copied.
    fn take(&mut self) -> LoadState {
        match self {
            LoadState::Loaded(_) | LoadState::Early(_) => std::mem::replace(self, LoadState::Shown),
            LoadState::Failed(error) => LoadState::Failed(error.clone()),
            LoadState::Loading => LoadState::Loading,
            LoadState::Shown => LoadState::Shown,
        }
    }
}

/// Loads the article at `url` and renders it, or an alert saying why it could not. A long
/// article's start is rendered while the rest downloads, and the rest added to it in place.
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
    let storage_key = crate::view::accordion::open_sections_key(&resolved);
    provide_context(OfflineSource(resolved));
    let state = RwSignal::new(LoadState::Loading);
    let progress = RwSignal::new(None::<Progress>);
    let arrived_ending = RwSignal::new(None::<ArticleEnding>);
    let arriving = StoredValue::new_local(Arriving::default());
    let attempt = Attempt::start(move || {
        let url = url.clone();
        let config = config.clone();
        // Nothing of an earlier attempt may join this one.
        arriving.update_value(|a| a.waiting = MoreSections::default());
        progress.set(None);
        arrived_ending.set(None);
        state.set(LoadState::Loading);
        async move {
            let config = async move {
                match config {
                    Some(config) => Ok(config),
                    None => load_config().await,
                }
            };
            let on_progress = move |p| _ = progress.try_set(Some(p));
            let on_early = move |p| _ = state.try_set(LoadState::Early(Box::new(p)));
            let on_more = move |more| {
                if !arriving.is_disposed() {
                    arriving.update_value(|a| a.add(more));
                }
            };
            let result = fetch_article(url, config, on_progress, on_early, on_more).await;
            match result {
                Ok(Fetched::Whole(prepared)) => _ = state.try_set(LoadState::Loaded(prepared)),
                Ok(Fetched::Rest(ending)) => _ = arrived_ending.try_set(Some(ending)),
                Err(error) => _ = state.try_set(LoadState::Failed(error)),
            }
        }
    });

    // All of an article shown early has arrived: its reading time, problems, and fields
    // given after the sections.
    Effect::new(move |_| {
        if let Some(ending) = arrived_ending.get()
            && let Some((rest, owner)) = arriving.try_update_value(|a| a.rest.take()).flatten()
        {
            owner.with(|| rest.finish(ending));
        }
    });
    // A failure names itself in the tab too.
    Effect::new(move |_| {
        if state.with(|s| matches!(s, LoadState::Failed(_))) {
            document().set_title(crate::i18n::tr(crate::i18n::Msg::Unavailable));
        }
    });

    move || {
        state.track();
        let next = state.try_update_untracked(LoadState::take)?;
        // Whatever comes next replaces the start of an article still arriving.
        arriving.update_value(|a| a.rest = None);
        let key = storage_key.clone();
        let early = matches!(next, LoadState::Early(_));
        Some(match next {
            LoadState::Shown => return None,
            LoadState::Loading => view! { <Loading progress /> }.into_any(),
            LoadState::Early(prepared) | LoadState::Loaded(prepared) => {
                // The start of an article still arriving: the sections that came before it was
                // built join it, and later ones go to it as they arrive.
                let on_rest = early.then(|| -> Box<dyn FnOnce(ArticleRest)> {
                    Box::new(move |mut rest| {
                        let owner = Owner::current().expect("the article runs under an owner");
                        arriving.update_value(|a| {
                            rest.add(std::mem::take(&mut a.waiting));
                            a.rest = Some((rest, owner));
                        });
                    })
                });
                let arriving = early.then_some(progress);
                let article = view! {
                    <ArticleView prepared=*prepared storage_key=key arriving on_rest />
                }
                .into_any();
                // Left and Right: an article that replaces the start is a new view, not the
                // start's elements updated in place (its sections are in the page already).
                if early {
                    Either::<AnyView, AnyView>::Left(article).into_any()
                } else {
                    Either::<AnyView, AnyView>::Right(article).into_any()
                }
            }
            LoadState::Failed(error) => {
                view! { <Failure error retry=attempt.retry() /> }.into_any()
            }
        })
    }
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
