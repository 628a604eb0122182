//! The one loading pattern of the three pages (article, home, library): a task that downloads
//! now, sets signals when it is done, and can be started again by "Try again". A signal set by a
//! task rather than a `LocalResource` under `Suspense`: a long article is shown in two steps
//! (its start while the rest downloads, then the rest added in place), which a resource,
//! resolving once, cannot say.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::load::LoadError;

/// A download that runs at once and again on [`again`](Self::again). The task may outlive the
/// view (the reader navigates away): it then sets nothing, as its signals are gone
/// (`try_set`). Retrying is offered only after a failure, so at most one runs at a time.
#[derive(Clone, Copy)]
pub struct Attempt(StoredValue<Box<dyn Fn()>, LocalStorage>);

impl Attempt {
    /// Runs `task()` now, and a fresh `task()` each time [`again`](Self::again) is called.
    pub fn start<F: Future<Output = ()> + 'static>(task: impl Fn() -> F + 'static) -> Attempt {
        let attempt = Attempt(StoredValue::new_local(Box::new(
            move || spawn_local(task()),
        )));
        attempt.again();
        attempt
    }

    /// Runs the task again.
    pub fn again(self) {
        self.0.with_value(|run| run());
    }

    /// [`again`](Self::again) as the callback a "Try again" button takes.
    pub fn retry(self) -> Rc<dyn Fn()> {
        Rc::new(move || self.again())
    }
}

/// Downloads with `fetch` now (and again on retry) into a signal: `None` while it runs, then
/// its result.
pub fn load_into<T, F>(
    fetch: impl Fn() -> F + 'static,
) -> (ReadSignal<Option<Result<T, LoadError>>>, Attempt)
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T, LoadError>> + 'static,
{
    let outcome = RwSignal::new(None);
    let attempt = Attempt::start(move || {
        outcome.set(None);
        let fetched = fetch();
        async move {
            _ = outcome.try_set(Some(fetched.await));
        }
    });
    (outcome.read_only(), attempt)
}
