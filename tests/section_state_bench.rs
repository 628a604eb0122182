//! A measurement, not a test: how 2,000 sections keep their open state, as today (plain flags,
//! the change written to each section's elements) against a signal per section (each
//! attribute bound to it in `view!`). Both build the same markup as `SectionView`'s toggle,
//! hint and panel. Run by `scripts/bench section-state`, which prints the table; the result is
//! in docs/performance.md.
#![cfg(target_arch = "wasm32")]

use article_viewer::view::show_open;
use leptos::{mount::mount_to, prelude::*, task::tick};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const SECTIONS: usize = 2_000;
const ROUNDS: usize = 9;

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn host() -> HtmlElement {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

/// One section's markup, its state written by the viewer's own `show_open` (today's way).
fn static_section(i: usize) -> impl IntoView {
    view! {
        <section class="section" id=format!("s-{i}")>
            <div class="section-header">
                <h2 class="section-heading">
                    <button class="section-toggle" type="button" aria-expanded="false">
                        <span class="section-heading-text">{format!("Part {i}")}</span>
                        <span class="section-toggle-hint">"Show"</span>
                    </button>
                </h2>
            </div>
            <div class="section-panel" hidden="until-found">
                <p>"Text of the section."</p>
            </div>
        </section>
    }
}

/// One section whose every state attribute follows its own signal.
fn reactive_section(i: usize, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <section class="section" class:is-open=move || open.get() id=format!("s-{i}")>
            <div class="section-header">
                <h2 class="section-heading">
                    <button
                        class="section-toggle"
                        type="button"
                        aria-expanded=move || if open.get() { "true" } else { "false" }
                    >
                        <span class="section-heading-text">{format!("Part {i}")}</span>
                        <span class="section-toggle-hint">
                            {move || if open.get() { "Hide" } else { "Show" }}
                        </span>
                    </button>
                </h2>
            </div>
            <div class="section-panel" hidden=move || (!open.get()).then_some("until-found")>
                <p>"Text of the section."</p>
            </div>
        </section>
    }
}

/// Milliseconds: building the sections, opening all, opening one.
struct Times {
    build: f64,
    all: f64,
    one: f64,
}

async fn flags() -> Times {
    let host = host();
    let start = now();
    let handle = mount_to(host.clone(), || {
        (0..SECTIONS).map(static_section).collect_view()
    });
    tick().await;
    let build = now() - start;
    let sections: Vec<Element> = (0..SECTIONS)
        .map(|i| document().get_element_by_id(&format!("s-{i}")).unwrap())
        .collect();
    let open: Vec<std::cell::Cell<bool>> =
        (0..SECTIONS).map(|_| std::cell::Cell::new(false)).collect();
    let start = now();
    for (section, state) in sections.iter().zip(&open) {
        state.set(true);
        show_open(section, true);
    }
    let all = now() - start;
    let start = now();
    open[SECTIONS / 2].set(false);
    show_open(&sections[SECTIONS / 2], false);
    let one = now() - start;
    drop(handle);
    host.remove();
    Times { build, all, one }
}

async fn signals() -> Times {
    let host = host();
    let states: Vec<RwSignal<bool>> = Vec::new();
    let states = StoredValue::new(states);
    let start = now();
    let handle = mount_to(host.clone(), move || {
        (0..SECTIONS)
            .map(|i| {
                let open = RwSignal::new(false);
                states.update_value(|s| s.push(open));
                reactive_section(i, open)
            })
            .collect_view()
    });
    tick().await;
    let build = now() - start;
    let signals = states.get_value();
    let start = now();
    for open in &signals {
        open.set(true);
    }
    tick().await;
    let all = now() - start;
    let start = now();
    signals[SECTIONS / 2].set(false);
    tick().await;
    let one = now() - start;
    drop(handle);
    host.remove();
    Times { build, all, one }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[wasm_bindgen_test]
async fn section_state_at_two_thousand_sections() {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        a.push(flags().await);
        b.push(signals().await);
    }
    let column =
        |times: &[Times], pick: fn(&Times) -> f64| median(times.iter().map(pick).collect());
    console_log!(
        "| {SECTIONS} sections, median of {ROUNDS} (ms) | flags (today) | a signal each |"
    );
    console_log!("| --- | ---: | ---: |");
    for (name, pick) in [
        (
            "build and mount",
            (|t: &Times| t.build) as fn(&Times) -> f64,
        ),
        ("open all", |t: &Times| t.all),
        ("close one", |t: &Times| t.one),
    ] {
        console_log!(
            "| {name} | {:.1} | {:.1} |",
            column(&a, pick),
            column(&b, pick)
        );
    }
}
