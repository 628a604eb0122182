//! Named moments in the browser's performance timeline (User Timing marks): where a load spends
//! its time shows up in the DevTools performance panel, and `scripts/bench` reads them for its
//! breakdown. All names start with `viewer:`.

/// Records the mark `name` now; does nothing where the Performance API is missing.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        _ = performance.mark(name);
    }
}
