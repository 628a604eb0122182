//! Where the reader is: which section is on screen (for the contents) and how far through the
//! article they are (for the progress bar). One passive scroll listener, throttled to frames.

use leptos::prelude::*;

use crate::view::accordion::{SectionState, SectionStates};

/// Reading position, updated at most once per animation frame while the page scrolls.
#[derive(Clone, Copy)]
pub struct ReadingPosition {
    /// Index of the section being read: the last one whose top has passed a quarter of the
    /// viewport height.
    pub current: RwSignal<Option<usize>>,
    /// 0.0 at the top of the page, 1.0 at the bottom.
    pub progress: RwSignal<f64>,
}

impl ReadingPosition {
    /// A position that nothing updates: for a page rendered natively, where there is no
    /// window to follow (the app tracks it once it takes the page over).
    pub fn idle() -> Self {
        ReadingPosition {
            current: RwSignal::new(None),
            progress: RwSignal::new(0.0),
        }
    }

    /// Starts tracking the sections in `states`; the listener is removed with the owner.
    pub fn track(states: SectionStates) -> Self {
        let position = ReadingPosition {
            current: RwSignal::new(None),
            progress: RwSignal::new(0.0),
        };
        let pending = StoredValue::new(false);
        let sections = StoredValue::new_local(states.clone());
        // (section navigated to, whether its top has been on screen since)
        let pin = StoredValue::new(None::<(usize, bool)>);
        // The article can be gone by the next frame (replaced by one built anew), and its
        // stored values with it.
        let update = move || {
            if pending.is_disposed() || pending.get_value() {
                return;
            }
            pending.set_value(true);
            request_animation_frame(move || {
                if pending.is_disposed() {
                    return;
                }
                pending.set_value(false);
                sections.with_value(|states| states.with_all(|all| position.measure(all, pin)));
            });
        };
        let scroll = window_event_listener(leptos::ev::scroll, move |_| update());
        let resize = window_event_listener(leptos::ev::resize, move |_| update());
        on_cleanup(move || {
            scroll.remove();
            resize.remove();
        });
        let revealed = states.revealed;
        Effect::new(move |_| {
            if let Some(index) = revealed.get() {
                pin.set_value(Some((index, false)));
                update();
            }
        });
        request_animation_frame(update);
        position
    }

    fn measure(&self, sections: &[SectionState], pin: StoredValue<Option<(usize, bool)>>) {
        let window = window();
        let viewport = crate::view::page::viewport_height().unwrap_or(0.0);
        let scrolled = window.scroll_y().unwrap_or(0.0);
        let total = document()
            .document_element()
            .map(|root| f64::from(root.scroll_height()))
            .unwrap_or(0.0);
        let range = total - viewport;
        let progress = if range > 0.0 {
            (scrolled / range).clamp(0.0, 1.0)
        } else {
            1.0
        };
        if (self.progress.get_untracked() - progress).abs() > 0.001 {
            self.progress.set(progress);
        }
        // Section tops increase down the page, so a binary search finds the one being read
        // without measuring every section of a long article.
        let line = viewport * 0.25;
        let top = |i: usize| {
            document()
                .get_element_by_id(&sections[i].id)
                .map(|el| el.get_bounding_client_rect().top())
                .unwrap_or(f64::INFINITY)
        };
        // After a jump, the target stays current while it is on screen (or still on its way
        // there), even where the page ends too soon to scroll it to the top.
        let pinned = match pin.get_value() {
            Some((index, seen)) => {
                let on_screen = (-1.0..viewport).contains(&top(index));
                if on_screen || !seen {
                    pin.set_value(Some((index, seen || on_screen)));
                    Some(index)
                } else {
                    pin.set_value(None);
                    None
                }
            }
            None => None,
        };
        let current =
            pinned.or_else(|| count_leading(sections.len(), |i| top(i) <= line).checked_sub(1));
        if self.current.get_untracked() != current {
            self.current.set(current);
        }
    }
}

/// Number of leading indices in `0..len` for which `pred` holds (`pred` must be monotonic).
pub(crate) fn count_leading(len: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        if pred(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

/// `fraction` (0 to 1) in ten-thousandths, as the stylesheet scales the bar by it: a whole
/// number, so that a written page's module carries no code for writing decimals.
fn per_myriad(fraction: f64) -> u32 {
    (fraction.clamp(0.0, 1.0) * 10_000.0).round() as u32
}

/// A thin bar at the top of the window showing how far through the article the reader is.
/// Decorative: hidden from assistive technology, which has its own sense of position.
#[component]
pub fn ReadingProgress(
    /// Where the reader is.
    position: ReadingPosition,
) -> impl IntoView {
    let progress = position.progress;
    view! {
        <div class="reading-progress" aria-hidden="true">
            <div
                class="reading-progress-bar"
                style:--progress=move || per_myriad(progress.get()).to_string()
            ></div>
        </div>
    }
}
