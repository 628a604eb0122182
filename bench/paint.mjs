// What the first-paint benchmarks share (bench/offline.mjs, bench/embed.mjs).

/**
 * An init script (`page.addInitScript(TITLE_WATCH, { framesOnly })`): sets `window.__title` to
 * the start of the frame after `article h1` is first in the document, which is when the title
 * is painted (performance.now() time). With `framesOnly`, it watches inside frames only.
 */
export const TITLE_WATCH = ({ framesOnly = false } = {}) => {
  if (framesOnly && window === top) return;
  const tick = () => {
    if (document.querySelector('article h1')) {
      requestAnimationFrame((next) => { window.__title = next; });
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/** The median of `values`. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
