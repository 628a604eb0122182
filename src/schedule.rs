//! Long work in short tasks. A long article takes hundreds of milliseconds to decode and build;
//! done in one go it freezes the page (no scrolling, no clicks) and counts as blocking time. It
//! is done instead in tasks of about [`TASK_MS`], one per frame, and the browser gets the rest
//! of each frame: to paint, and to handle what the reader does.
//!
//! Why a frame and not `scheduler.yield()`: in Chromium, continuations of `scheduler.yield()`
//! run ahead of rendering, so frames went unpainted and then took long tasks of their own to
//! style and lay out everything added meanwhile. Why so short a task: the browser's own work
//! for what a task added (styling, layout and paint of new sections) is a few times the
//! task's, and each frame must stay under the 50 ms long-task line even on a phone four times
//! slower than this machine (Lighthouse's mobile profile). The figures are in
//! docs/performance.md, "Measured reasons".

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Milliseconds of work per task.
pub const TASK_MS: f64 = 4.0;

/// Height in CSS pixels of the smallest thing a long article stacks: a closed section's header
/// (at least the 44 px touch target).
const SMALLEST_ROW_PX: f64 = 44.0;

/// How many closed sections fill the viewport: what must be built before the first paint so
/// the first screen is whole, on a phone (19 at 823 px) as on a tall monitor (50 at 2,160 px).
pub fn screenful() -> usize {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0);
    sections_for_height(height)
}

/// How many closed sections fill `height` CSS pixels.
fn sections_for_height(height: f64) -> usize {
    ((height / SMALLEST_ROW_PX).ceil() as usize).clamp(8, 100)
}

/// [`screenful`] on a tall monitor (2,160 px): what a page written before any screen is known
/// puts in its first group of sections.
pub const TALL_SCREENFUL: usize = 50;

/// Sections handled at a time once the first screen is in: built between looks at the task's
/// clock (a millisecond or two of work), or grouped on a written page as the browser builds
/// them.
pub const SECTIONS_AT_A_TIME: usize = 8;

/// When the current task started: [`spent`](Self::spent) tells when to give the browser its turn.
#[derive(Clone, Copy)]
pub struct TaskClock(f64);

impl TaskClock {
    /// Starts timing a task now.
    pub fn start() -> Self {
        TaskClock(now())
    }

    /// Whether the task has used its [`TASK_MS`].
    pub fn spent(&self) -> bool {
        now() - self.0 >= TASK_MS
    }
}

/// Milliseconds since the page started loading (every browser the viewer runs in has
/// `performance`; without it, tasks would never end early, nothing worse).
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Runs `step` in a task after the next frame is painted, and again after each later frame
/// while it returns `true` (there is more to do). In a hidden page, which paints no frames, it
/// runs every step at once: nobody waits on it there.
pub fn in_frames(mut step: impl FnMut() -> bool + 'static) {
    after_frame(move || {
        while step() {
            if visible() {
                in_frames(step);
                return;
            }
        }
    });
}

/// Resumes in a task after the next frame is painted (see [`in_frames`]); at once in a hidden
/// page.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        after_frame(move || _ = resolve.call0(&JsValue::NULL));
    });
    _ = JsFuture::from(promise).await;
}

/// Resumes in a new task without waiting for a frame (a zero timer): between steps of a start
/// that each cost the browser little to show, so the reader's input is handled between them
/// and no frame is asked for. At once in a hidden page, whose timers the browser slows down.
pub async fn next_task() {
    if !visible() {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(move || _ = resolve.call0(&JsValue::NULL), Duration::ZERO);
    });
    _ = JsFuture::from(promise).await;
}

/// Calls `then` in a new task right after the next frame is painted, so it has the frame's
/// time until the next one: a timer set from an animation frame callback (not nested in other
/// timers, so not clamped). In a hidden page at once. A page hidden before that frame runs no
/// frame until it is shown again, so a second timer calls `then` anyway a little later: a
/// download must not wait for the reader to come back (its time limit would run out).
fn after_frame(then: impl FnOnce() + 'static) {
    if !visible() {
        then();
        return;
    }
    let then = Rc::new(Cell::new(Some(then)));
    let in_frame = once(then.clone());
    request_animation_frame(move || set_timeout(in_frame, Duration::ZERO));
    set_timeout(once(then), HIDDEN_WAIT);
}

/// Calls the shared `then` if nobody has yet.
fn once<F: FnOnce()>(then: Rc<Cell<Option<F>>>) -> impl FnOnce() {
    move || {
        if let Some(then) = then.take() {
            then();
        }
    }
}

/// How long a step waits for a frame before it runs anyway (see [`after_frame`]).
const HIDDEN_WAIT: Duration = Duration::from_millis(500);

/// Whether the page is shown (a hidden one runs no animation frames).
fn visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| !d.hidden())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tall_screen_holds_the_written_pages_first_group() {
        assert_eq!(sections_for_height(2160.0), TALL_SCREENFUL);
        assert_eq!(sections_for_height(823.0), 19);
    }
}
