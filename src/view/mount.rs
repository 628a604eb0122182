//! Where built parts meet Leptos: run a builder under a reactive owner, either straight into a
//! page element (the viewer itself) or as a Leptos view (the components, for embedding and the
//! browser tests).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::Element;

use crate::view::dom::Dom;

/// Runs `build` into `host` under a new root owner that lives as long as the page: how the
/// viewer starts without Leptos's view layer, whose code the page would otherwise download.
pub fn run_in(host: &Element, build: impl FnOnce(&Dom, &Element)) {
    // Effects are scheduled on the browser's microtask queue; an error means it already is.
    _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(|| build(&Dom::default(), host));
    // The viewer is never unmounted: its signals and effects stay for the page's lifetime.
    std::mem::forget(owner);
}

/// A builder waiting for its element; taken on first use, so a rebuild cannot run it twice.
type Builder = Rc<RefCell<Option<Box<dyn FnOnce(&Dom, &Element)>>>>;

/// Plain DOM as a Leptos view: a `<div class="{class}">` that `build` fills when Leptos creates
/// it, under the view's owner (so its effects end when the view is unmounted).
pub fn built_view(
    class: &'static str,
    build: impl FnOnce(&Dom, &Element) + 'static,
) -> impl IntoView {
    let builder: Builder = Rc::new(RefCell::new(Some(Box::new(build))));
    view! { <div class=class use:build_once=builder></div> }
}

/// The `use:build_once` directive behind [`built_view`].
fn build_once(element: Element, builder: Builder) {
    if let Some(build) = builder.borrow_mut().take() {
        untrack(|| build(&Dom::default(), &element));
    }
}

/// Builds `view` under the current reactive owner and puts it into `parent` before `marker`
/// (at the end without one): how the parts written as components join the page built around
/// them. The view's state lives until the owner is cleaned up, which stops its reactive parts.
pub fn insert_view<V>(parent: &Element, marker: Option<&web_sys::Node>, view: V)
where
    V: IntoView,
    V::State: 'static,
{
    use leptos::tachys::view::Mountable;
    let mut state = view.build();
    state.mount(parent, marker);
    let state = send_wrapper::SendWrapper::new(state);
    on_cleanup(move || drop(state));
}

/// [`insert_view`] at the end of `parent`, returning the element it added: for a component
/// whose root element other parts insert before or into.
pub fn append_view<V>(parent: &Element, view: V) -> Option<Element>
where
    V: IntoView,
    V::State: 'static,
{
    insert_view(parent, None, view);
    parent.last_element_child()
}
