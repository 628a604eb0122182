//! Browser tests (headless Chromium and Firefox through wasm-bindgen-test): mount the real
//! components on fixtures and check what a reader gets.
#![cfg(target_arch = "wasm32")]

use article_viewer::config::ViewerConfig;
use article_viewer::model::{parse_article, prepare};
use article_viewer::view::{ArticleLoader, ArticleView};
use leptos::{mount::mount_to, prelude::*, task::tick};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const EVERY_BLOCK: &str = include_str!("fixtures/valid/every-block.json");
const COLLAPSED: &str = include_str!("fixtures/valid/collapsed.json");
const DEGRADED: &str = include_str!("fixtures/valid/degraded.json");
const RIGHT_TO_LEFT: &str = include_str!("fixtures/valid/right-to-left.json");

/// A fresh element in the body to mount one test's view into.
fn host() -> HtmlElement {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

async fn mount_article(json: &str) -> HtmlElement {
    let prepared = prepare(parse_article(json).expect("fixture parses"));
    let host = host();
    mount_to(
        host.clone(),
        move || view! { <ArticleView prepared=prepared.clone() /> },
    )
    .forget();
    tick().await;
    host
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

/// Each toggle's aria-expanded agrees with its panel's `hidden`, and aria-controls names the panel.
fn assert_toggles_agree(root: &Element) {
    for toggle in all(root, ".section-toggle") {
        assert_eq!(toggle.get_attribute("type").as_deref(), Some("button"));
        let panel_id = toggle
            .get_attribute("aria-controls")
            .expect("aria-controls");
        // Tests share one document, so look inside this test's own mount.
        let panel = one(root, &format!("[id='{panel_id}']"));
        let expanded = toggle
            .get_attribute("aria-expanded")
            .expect("aria-expanded");
        let hidden = panel.has_attribute("hidden");
        assert_eq!(
            expanded == "true",
            !hidden,
            "{panel_id}: aria-expanded={expanded}, hidden={hidden}"
        );
        let rendered_height = panel.unchecked_ref::<HtmlElement>().offset_height();
        assert_eq!(
            hidden,
            rendered_height == 0,
            "{panel_id}: hidden panels take no space"
        );
    }
}

fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn renders_every_block_type_as_elements_and_text() {
    let root = mount_article(EVERY_BLOCK).await;
    assert_eq!(text(&root, "h1"), "Every block type in one article");
    assert_eq!(document().title(), "Every block type in one article");
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en-GB"));
    assert_eq!(html.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(text(&root, ".kicker"), "Analysis");
    assert!(text(&root, ".byline").contains("Ada Example, Grace Sample and Alan Fixture"));
    // Only the author with a page is a link, and the words between names stay text.
    let linked = all(&root, ".byline a");
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].text_content().as_deref(), Some("Grace Sample"));
    assert_eq!(
        linked[0].get_attribute("href").as_deref(),
        Some("https://example.org/people/grace-sample")
    );
    let times = all(&root, "time");
    assert_eq!(
        times[0].get_attribute("datetime").as_deref(),
        Some("2025-12-05")
    );
    assert!(times[0].text_content().unwrap().contains("2025"));
    assert_eq!(
        times[1].get_attribute("datetime").as_deref(),
        Some("2025-12-06T09:30:00Z")
    );

    // The lead has no heading and no toggle; headed sections are h2 > button.
    let lead = one(&root, ".section-lead");
    assert!(lead.query_selector("h2, button").unwrap().is_none());
    assert_eq!(all(&root, "section h2 > button.section-toggle").len(), 2);

    assert_eq!(text(&root, "strong"), "strong");
    assert_eq!(all(&root, "strong em, em strong").len(), 1);
    let links = all(&root, ".section-lead a");
    let hrefs: Vec<_> = links
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://example.org/page",
            "other.html#part",
            "mailto:desk@example.org"
        ]
    );
    assert_eq!(
        links[0].get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(links[1].get_attribute("rel"), None);

    assert_eq!(text(&root, "h3"), "A third-level heading");
    // A heading keeps its marks; a link in it is its text.
    assert_eq!(
        text(&root, "h4"),
        "A fourth-level heading with code and a link"
    );
    assert_eq!(text(&root, "h4 code"), "code");
    assert!(all(&root, "h4 a").is_empty());
    assert_eq!(
        all(&root, ":not(.callout-body) > ul.block-list > li").len(),
        2
    );
    // Callouts: a note the reader is told the kind of in words, a closed one in <details>.
    let callouts = all(&root, "div.callout[role=note]");
    assert_eq!(callouts.len(), 2);
    assert_eq!(text(&root, ".callout-tip .callout-label"), "Tip");
    assert_eq!(
        text(&root, ".callout-warning summary.callout-label"),
        "Warning Read this first"
    );
    assert!(!all(&root, ".callout-warning details")[0].has_attribute("open"));
    assert_eq!(all(&root, ".callout-warning .callout-body li").len(), 2);
    assert_eq!(
        all(&root, ".callout-tip .callout-body a")[0]
            .get_attribute("href")
            .as_deref(),
        Some("https://example.org/tip")
    );
    assert_eq!(all(&root, "ol.block-list > li").len(), 3);
    assert_eq!(
        text(&root, ".pull-quote > figure > blockquote > p"),
        "Display words, set apart."
    );
    assert_eq!(
        text(&root, ".pull-quote > figure > figcaption"),
        "A. Speaker"
    );
    assert!(text(&root, "blockquote.quote").contains("Quoted body text."));
    assert_eq!(text(&root, "blockquote.quote cite"), "A Report, 2024");
    let img = one(&root, "figure.image img");
    assert_eq!(img.get_attribute("src").as_deref(), Some("pixel.svg"));
    assert_eq!(img.get_attribute("alt").as_deref(), Some("A blue square"));
    assert!(text(&root, "figure.image figcaption").contains("Photo: Example"));
    assert_eq!(all(&root, "hr").len(), 1);

    let aside = one(&root, "aside[aria-label='Key figures']");
    assert_eq!(all(&aside, ".figure").len(), 3);
    assert!(text(&aside, "#figure--1 .figure-value").ends_with("42"));
    assert!(text(&aside, ".figure-meta").contains("As of 2024"));
    assert_eq!(
        all(&aside, "a.figure-link").len(),
        2,
        "only the figures tied to a section link"
    );
    // Anchored figures: the phrase is marked in the text, with a link back to the card.
    assert_eq!(
        one(&aside, "#figure--1 a.figure-link")
            .get_attribute("href")
            .as_deref(),
        Some("#figure--1--text")
    );
    assert_eq!(text(&root, "mark[id='figure--1--text']"), "42 answers");
    assert_eq!(
        text(&root, "mark[id='figure--3--text']"),
        "trade reached 90 million"
    );
    let back = one(&root, "mark[id='figure--3--text'] + sup.figure-ref > a");
    assert_eq!(back.get_attribute("href").as_deref(), Some("#figure--3"));
    let chart = one(&aside, "#figure--3 svg[role='img']");
    assert_eq!(
        chart.get_attribute("aria-label").as_deref(),
        Some("trade by year, million USD: 2022: 80; 2023: 85.5; 2024: 90.")
    );
    assert_eq!(all(&chart, "rect").len(), 3);
    assert_eq!(text(&root, ".copyright"), "© 2025 Example News");
    assert!(root.query_selector(".problems").unwrap().is_none());
    assert_toggles_agree(&root);
}

#[wasm_bindgen_test]
async fn clicking_a_toggle_shows_and_hides_its_panel() {
    let root = mount_article(COLLAPSED).await;
    let toggles = all(&root, ".section-toggle");
    assert_eq!(toggles.len(), 3);
    for toggle in &toggles {
        assert_eq!(
            toggle.get_attribute("aria-expanded").as_deref(),
            Some("false")
        );
    }
    assert_toggles_agree(&root);
    click(&toggles[1]);
    tick().await;
    assert_eq!(
        toggles[1].get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(
        toggles[0].get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_toggles_agree(&root);
    assert!(!one(&root, "#beta--panel").has_attribute("hidden"));
    click(&toggles[1]);
    tick().await;
    assert_eq!(
        toggles[1].get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_toggles_agree(&root);
}

#[wasm_bindgen_test]
async fn closed_panels_stay_findable_and_beforematch_opens_them() {
    let root = mount_article(COLLAPSED).await;
    let panel = one(&root, "[id='beta--panel']");
    assert_eq!(
        panel.get_attribute("hidden").as_deref(),
        Some("until-found")
    );
    // The browser fires beforematch, which bubbles, when find-in-page or a text fragment
    // matches inside.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("beforematch", &init).unwrap();
    panel.dispatch_event(&event).unwrap();
    tick().await;
    assert_eq!(panel.get_attribute("hidden"), None);
    assert_eq!(
        one(&root, "[id='beta--toggle']")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
    assert_toggles_agree(&root);
}

#[wasm_bindgen_test]
async fn show_all_opens_every_section_and_hide_all_closes_them() {
    let root = mount_article(COLLAPSED).await;
    let show_all = one(&root, "button.show-all");
    assert_eq!(
        show_all.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(show_all.text_content().unwrap(), "Show all sections");
    click(&show_all);
    tick().await;
    for toggle in all(&root, ".section-toggle") {
        assert_eq!(
            toggle.get_attribute("aria-expanded").as_deref(),
            Some("true")
        );
    }
    assert_eq!(show_all.text_content().unwrap(), "Hide all sections");
    assert_toggles_agree(&root);
    click(&show_all);
    tick().await;
    for toggle in all(&root, ".section-toggle") {
        assert_eq!(
            toggle.get_attribute("aria-expanded").as_deref(),
            Some("false")
        );
    }
    assert_eq!(
        show_all.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_toggles_agree(&root);
}

#[wasm_bindgen_test]
async fn contents_list_every_headed_section() {
    let root = mount_article(COLLAPSED).await;
    let nav = one(&root, "nav[aria-label='Contents']");
    let hrefs: Vec<_> = all(&nav, "a")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(hrefs, ["#alpha", "#beta", "#gamma"]);
    click(&one(&nav, "a[href='#beta']"));
    tick().await;
    assert_eq!(
        one(&root, "[id='beta--toggle']")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn toggles_are_native_buttons_reachable_by_keyboard() {
    // Enter and Space on a focused <button> are handled by the browser itself; the end-to-end
    // suite presses the real keys. Here: the toggle takes focus and is not removed from Tab order.
    let root = mount_article(COLLAPSED).await;
    let toggle = one(&root, "#alpha--toggle");
    assert_eq!(toggle.tag_name(), "BUTTON");
    assert!(!toggle.has_attribute("tabindex"));
    toggle.unchecked_ref::<HtmlElement>().focus().unwrap();
    assert_eq!(document().active_element().as_ref(), Some(&toggle));
}

#[wasm_bindgen_test]
async fn a_figure_link_opens_its_collapsed_section() {
    let root = mount_article(COLLAPSED).await;
    let link = one(&root, "a.figure-link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#gamma"));
    assert!(one(&root, "#gamma--panel").has_attribute("hidden"));
    click(&link);
    tick().await;
    assert!(!one(&root, "#gamma--panel").has_attribute("hidden"));
    assert_eq!(
        one(&root, "#gamma--toggle")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
    assert_toggles_agree(&root);
}

#[wasm_bindgen_test]
async fn hostile_text_stays_text_and_problems_are_listed() {
    let root = mount_article(DEGRADED).await;
    // The "<img …>" in a paragraph is text, not an element.
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(
        root.text_content()
            .unwrap()
            .contains("<img src=x onerror=alert(5)> stays text")
    );
    // Refused link targets render as plain words.
    assert!(
        root.query_selector("a[href*='script' i]")
            .unwrap()
            .is_none()
    );
    assert!(root.text_content().unwrap().contains("script link"));
    assert_eq!(all(&root, ".image-refused").len(), 2);
    assert!(text(&root, "[data-block-type='carousel']").contains("carousel"));
    assert!(text(&root, ".problems summary").contains("(10)"));
    // Duplicate ids became unique.
    assert_eq!(
        all(&root, "section[id='dup'], section[id='dup-2']").len(),
        2
    );
}

#[wasm_bindgen_test]
async fn right_to_left_articles_set_the_page_direction() {
    let root = mount_article(RIGHT_TO_LEFT).await;
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(html.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(
        one(&root, "article").get_attribute("dir").as_deref(),
        Some("rtl")
    );
    assert_eq!(all(&root, "a.figure-link").len(), 1);
}

/// Numbers are worded by the browser's `Intl` in the interface language, which follows each
/// article: a formatter the viewer keeps for one language is never used for another.
#[wasm_bindgen_test]
async fn numbers_are_worded_in_each_articles_language() {
    async fn meta_of(json: &str) -> String {
        let root = mount_article(json).await;
        text(&root, ".meta")
    }
    let english = meta_of(EVERY_BLOCK).await;
    let german = meta_of(&EVERY_BLOCK.replace("\"lang\": \"en-GB\"", "\"lang\": \"de\"")).await;
    assert!(german.contains("Min."), "German reading time: {german}");
    assert!(!english.contains("Min."), "English reading time: {english}");
    assert_eq!(meta_of(EVERY_BLOCK).await, english);
}

/// Mounts the loader on `url` and waits (bounded) for the alert or article to appear. The
/// test documents are data: URLs, which the default origin policy (rightly) refuses.
async fn load(url: &str) -> HtmlElement {
    let config = ViewerConfig {
        allow_any_origin: true,
        ..ViewerConfig::default()
    };
    load_with(url, config).await
}

async fn load_with(url: &str, config: ViewerConfig) -> HtmlElement {
    let host = host();
    let url = url.to_owned();
    mount_to(host.clone(), move || {
        view! { <ArticleLoader url=url.clone() config=config.clone() /> }
    })
    .forget();
    for _ in 0..500 {
        tick().await;
        if host
            .query_selector("[role=alert], article")
            .unwrap()
            .is_some()
        {
            return host;
        }
        wait_ms(10).await;
    }
    panic!("neither an article nor an alert appeared in 5 s");
}

async fn wait_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn alert_text(host: &HtmlElement) -> String {
    text(host, "[role=alert]")
}

fn data_url(media_type: &str, body: &str) -> String {
    format!("data:{media_type},{}", js_sys::encode_uri_component(body))
}

#[wasm_bindgen_test]
async fn loading_a_good_document_shows_the_article() {
    let host = load(&data_url("application/json", COLLAPSED)).await;
    assert_eq!(text(&host, "h1"), "Three collapsed sections");
}

#[wasm_bindgen_test]
async fn http_errors_show_the_status() {
    let host = load("this-article-does-not-exist.json").await;
    let alert = alert_text(&host);
    assert!(alert.contains("could not be found"), "{alert}");
    assert!(alert.contains("HTTP 404"), "{alert}");
    assert!(
        alert.contains("this-article-does-not-exist.json"),
        "{alert}"
    );
}

#[wasm_bindgen_test]
async fn network_failures_say_so_and_offer_a_retry() {
    let host = load("http://127.0.0.1:9/article.json").await;
    let alert = alert_text(&host);
    assert!(alert.contains("could not be downloaded"), "{alert}");
    assert!(
        one(&host, "[role=alert] button")
            .text_content()
            .unwrap()
            .contains("Try again")
    );
}

#[wasm_bindgen_test]
async fn malformed_json_shows_line_and_column() {
    let host = load(&data_url(
        "application/json",
        "{\n  \"version\": 1,\n  oops\n}",
    ))
    .await;
    let alert = alert_text(&host);
    assert!(alert.contains("damaged"), "{alert}");
    assert!(alert.contains("line 3, column 3"), "{alert}");
    assert!(
        one(&host, "[role=alert]")
            .query_selector("button")
            .unwrap()
            .is_none()
    );
}

#[wasm_bindgen_test]
async fn invalid_articles_show_the_field_path() {
    let body = r#"{"version": 1, "title": "T", "sections": [{"blocks": []},
        {"heading": ["H"], "blocks": []}]}"#;
    let host = load(&data_url("application/json", body)).await;
    let alert = alert_text(&host);
    assert!(alert.contains("not in the format"), "{alert}");
    assert!(alert.contains("sections[1].heading"), "{alert}");
}

#[wasm_bindgen_test]
async fn a_web_page_instead_of_json_is_named() {
    let host = load(&data_url("text/html", "<!doctype html><p>Not found</p>")).await;
    let alert = alert_text(&host);
    assert!(alert.contains("web page"), "{alert}");
}

#[wasm_bindgen_test]
async fn unsupported_versions_are_refused_clearly() {
    let body = r#"{"version": 2, "title": "Future"}"#;
    let host = load(&data_url("application/json", body)).await;
    assert!(alert_text(&host).contains("newer version"));
}

#[wasm_bindgen_test]
async fn other_origins_are_refused_by_default() {
    let host = load_with(
        &data_url("application/json", COLLAPSED),
        ViewerConfig::default(),
    )
    .await;
    let alert = alert_text(&host);
    assert!(
        alert.contains("not allowed to show articles from that website"),
        "{alert}"
    );
    assert!(alert.contains("viewer-config.json"), "{alert}");
}

#[wasm_bindgen_test]
async fn nesting_past_the_limit_is_named() {
    let body = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let host = load(&data_url("application/json", &body)).await;
    let alert = alert_text(&host);
    assert!(alert.contains("too deeply nested"), "{alert}");
    assert!(alert.contains("128 levels"), "{alert}");
}

#[wasm_bindgen_test]
fn the_panic_panel_replaces_the_page_with_a_reload_link() {
    let viewer = document().create_element("div").unwrap();
    viewer.set_id("viewer");
    viewer.set_text_content(Some("whatever was there"));
    document().body().unwrap().append_child(&viewer).unwrap();
    article_viewer::panic_panel::show_panel("panicked at src/x.rs:1:1: <b>not bold</b>");
    let alert = one(&viewer, "[role=alert]");
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("Something went wrong")
    );
    assert_eq!(
        text(&alert, "code"),
        "panicked at src/x.rs:1:1: <b>not bold</b>"
    );
    assert!(
        alert.query_selector("b").unwrap().is_none(),
        "the detail is text"
    );
    let reload = one(&alert, "a.button");
    assert_eq!(
        reload.get_attribute("href"),
        window().location().href().ok()
    );
    assert!(
        !viewer
            .text_content()
            .unwrap()
            .contains("whatever was there")
    );
    viewer.remove();
}
