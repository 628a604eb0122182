//! The library page (`?index=…`): the articles of an `index.json` written by `article index`,
//! each a link to the article, with its label, a paid-content marker naming the sponsor, its
//! date, reading time and standfirst; a search box that filters by title and standfirst as the
//! reader types, and a label filter. Entries are rendered once and hidden or shown by the
//! filters, so typing never rebuilds the list.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Msg, intl_locale, tr, ui_language};
use crate::load::{LoadError, fetch_library};
use crate::model::{IsoDate, Library, LibraryEntry};
use crate::view::display::DisplayControls;
use crate::view::page::{format_date, set_document_metadata};
use crate::view::status::{Failure, Loading};
use crate::view::ui_text::{dir_of, reading_time, ui, ui_around, ui_fill};

/// The library page (`library.html`, a module of its own, which the article page never
/// downloads): the index `?index=` names, else the `home` library of `viewer-config.json`, else
/// the build's own `articles/index.json`.
#[component]
pub fn LibraryApp() -> impl IntoView {
    crate::i18n::follow_browser();
    if let Some(url) = crate::load::requested_library() {
        return view! { <LibraryLoader url /> }.into_any();
    }
    let state = RwSignal::new(None::<String>);
    spawn_local(async move {
        let index = match crate::load::load_config().await {
            Ok(crate::config::ViewerConfig {
                home: crate::config::Home::Library(index),
                ..
            }) => index,
            _ => DEFAULT_INDEX.to_owned(),
        };
        _ = state.try_set(Some(index));
    });
    (move || match state.get() {
        None => view! { <Loading progress=RwSignal::new(None) /> }.into_any(),
        Some(url) => view! { <LibraryLoader url /> }.into_any(),
    })
    .into_any()
}

/// The library a build ships (`article index` writes it).
const DEFAULT_INDEX: &str = "articles/index.json";

/// The library page's address for the index at `index` (relative to the viewer's folder).
pub fn library_page(index: &str) -> String {
    format!(
        "library.html?index={}",
        String::from(js_sys::encode_uri_component(index))
    )
}

/// Loads the library at `url` (as `?index=` gave it) and shows it, or an alert saying why not.
#[component]
pub fn LibraryLoader(
    /// The address of `index.json`, relative to the page or absolute.
    url: String,
) -> impl IntoView {
    let state = RwSignal::new(None::<Result<(String, Library), LoadError>>);
    let index = url.clone();
    let start = StoredValue::new_local(move || {
        let url = url.clone();
        state.set(None);
        spawn_local(async move {
            let result = fetch_library(url).await;
            _ = state.try_set(Some(result));
        });
    });
    start.with_value(|start| start());
    move || match state.get() {
        None => view! { <Loading progress=RwSignal::new(None) /> }.into_any(),
        Some(Ok((base, library))) => {
            view! { <LibraryView library base index=index.clone() /> }.into_any()
        }
        Some(Err(error)) => {
            document().set_title(tr(Msg::Unavailable));
            let retry = std::rc::Rc::new(move || start.with_value(|start| start()));
            view! { <Failure error retry what=Msg::ErrLibrary /> }.into_any()
        }
    }
}

/// The library: controls, search, label filter and the list.
#[component]
pub fn LibraryView(
    /// The articles, newest first.
    library: Library,
    /// The resolved address of the index, which the articles' addresses are relative to.
    base: String,
    /// The index as `?index=` gave it, for each article's way back.
    index: String,
) -> impl IntoView {
    let lang = ui_language();
    set_document_metadata(tr(Msg::LibraryTitle), None, Some(lang), dir_of(lang));
    let query = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let labels = library.labels();
    let tags = library.tags();
    let entries = library.articles;
    // Which entries the filters show, worked out once per keystroke for the list and the count.
    let visible = {
        let entries = entries.clone();
        Memo::new(move |_| {
            let (query, label, tag) = (query.read(), label.read(), tag.read());
            entries
                .iter()
                .map(|e| e.matches(&query, &label, &tag))
                .collect::<Vec<bool>>()
        })
    };
    let shown = Memo::new(move |_| visible.read().iter().filter(|&&v| v).count());
    let label_filter = (!labels.is_empty()).then(|| {
        view! {
            <Filter id="library-label" name=Msg::LabelFilter any=Msg::AllLabels choices=labels chosen=label />
        }
    });
    let tag_filter = (!tags.is_empty()).then(|| {
        view! { <Filter id="library-topic" name=Msg::Topics any=Msg::AllTopics choices=tags chosen=tag /> }
    });
    let items = entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let hidden = move || !visible.read().get(i).copied().unwrap_or(false);
            let link = article_link(&base, &entry.address, &index);
            let image = entry.image.as_deref().and_then(|src| picture(&base, src));
            view! { <LibraryItem entry link image hidden=Signal::derive(hidden) /> }
        })
        .collect_view();
    view! {
        <div class="library">
            <DisplayControls />
            <h1 class="title">{ui(Msg::LibraryTitle)}</h1>
            <div class="library-controls" role="search">
                <div class="library-control">
                    <label for="library-search">{ui(Msg::SearchLabel)}</label>
                    <input
                        id="library-search"
                        type="search"
                        autocomplete="off"
                        on:input=move |event| query.set(event_target_value(&event))
                        prop:value=query
                    />
                </div>
                {label_filter}
                {tag_filter}
            </div>
            <p class="library-count" role="status">
                {move || ui_fill(Msg::ShownCount, &[&crate::view::ui_text::number(shown.get())])}
            </p>
            <ul class="library-list">{items}</ul>
            <p class="library-none" hidden=move || shown.get() != 0>{ui(Msg::NoMatch)}</p>
        </div>
    }
}

/// A choice of one value that entries must have (a label, a topic), or any.
#[component]
fn Filter(
    /// The `<select>`'s id.
    id: &'static str,
    /// What its label says.
    name: Msg,
    /// The first option, which filters nothing.
    any: Msg,
    /// The values to choose from.
    choices: Vec<String>,
    /// The value chosen; empty for any.
    chosen: RwSignal<String>,
) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(|name| {
            let value = name.clone();
            view! { <option value=value>{name}</option> }
        })
        .collect_view();
    view! {
        <div class="library-control">
            <label for=id>{ui(name)}</label>
            <select id=id on:change=move |event| chosen.set(event_target_value(&event))>
                <option value="">{tr(any)}</option>
                {options}
            </select>
        </div>
    }
}

/// One article of the library, hidden while the filters leave it out.
#[component]
fn LibraryItem(
    /// The article.
    entry: LibraryEntry,
    /// Where its title leads.
    link: String,
    /// The article's picture, resolved and allowed, if it has one.
    image: Option<String>,
    /// Whether the filters leave it out now.
    hidden: Signal<bool>,
) -> impl IntoView {
    let LibraryEntry {
        title,
        standfirst,
        label,
        lang,
        sponsor,
        published,
        updated,
        reading_minutes,
        ..
    } = entry;
    let dir = lang.as_deref().map(dir_of);
    let has_image = image.is_some();
    // The lines the interface writes (the paid marker, date and reading time) are in its
    // language, marked as such inside an entry in another.
    let ui_lang = ui_language();
    let foreign = lang.as_deref().is_some_and(|tag| {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        !primary.eq_ignore_ascii_case(ui_lang)
    });
    let (ui_tag, ui_dir) = (foreign.then_some(ui_lang), foreign.then(|| dir_of(ui_lang)));
    let paid = sponsor.map(|name| {
        view! {
            <p class="paid-line" lang=ui_tag dir=ui_dir>
                <span class="paid-tag">{ui(Msg::Sponsored)}</span>
                " "
                {ui_around(Msg::PaidForBy, name)}
            </p>
        }
    });
    let date = published.or(updated).and_then(|iso| {
        let parsed = IsoDate::parse(&iso)?;
        let shown = format_date(&iso, parsed.has_time, Some(&intl_locale()));
        Some(view! { <time datetime=iso>{shown}</time> })
    });
    view! {
        <li class="library-entry" class:has-image=has_image lang=lang.clone() dir=dir hidden=hidden>
            // Decorative: the title beside it says what the article is.
            {image.map(|src| view! {
                <img class="library-entry-image" src=src alt="" loading="lazy" decoding="async" width="160" height="90" />
            })}
            {label.map(|label| view! { <p class="kicker" class:is-paid=paid.is_some()>{label}</p> })}
            <h2 class="library-entry-title">
                <a href=link>{title}</a>
            </h2>
            {paid}
            <p class="meta" lang=ui_tag dir=ui_dir>
                {date.map(|date| view! { <span class="meta-item">{date}</span> })}
                <span class="meta-item">{reading_time(reading_minutes)}</span>
            </p>
            {standfirst.map(|text| view! { <p class="standfirst">{text}</p> })}
        </li>
    }
}

/// An entry's picture as an address the page may load (`http`/`https`, relative ones resolved
/// against the index at `base`, as the articles' own addresses are), or `None`.
fn picture(base: &str, src: &str) -> Option<String> {
    use crate::model::{CheckedUrl, UrlKind};
    let allowed = CheckedUrl::new(src, UrlKind::Image).safe?;
    web_sys::Url::new_with_base(&allowed, base)
        .ok()
        .map(|url| url.href())
}

/// The viewer page showing the article at `address` (relative to the index at `base`), with
/// the way back to the library at `index`.
fn article_link(base: &str, address: &str, index: &str) -> String {
    let article = web_sys::Url::new_with_base(address, base)
        .map(|url| url.href())
        .unwrap_or_else(|_| address.to_owned());
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    format!("./?article={}&from={}", encode(&article), encode(index))
}
