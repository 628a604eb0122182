// Runs in an embed page (embed/NAME.html, which `article pages` writes), before its first
// paint: docs/publishing.md, "Embedding an article".
// - `?theme=light` or `?theme=dark` in the frame's address follows the host page's theme.
// - Inside a frame, the page tells its host how tall it is, at once and whenever that changes
//   (a section opened or closed, the text size, a font arriving), as a message:
//   { type: 'article-viewer:height', height: <CSS pixels, whole> }. The host's embed.js
//   sizes the frame to it, so the article never scrolls inside the frame.
(function () {
  'use strict';
  var root = document.documentElement;
  var theme = new URLSearchParams(location.search).get('theme');
  if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  if (window.parent === window || typeof ResizeObserver !== 'function') return;
  var told = -1;
  function tell() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === told) return;
    told = height;
    // Any host may show the article; its height tells nothing private.
    window.parent.postMessage({ type: 'article-viewer:height', height: height }, '*');
  }
  new ResizeObserver(tell).observe(root);
  if (document.fonts) document.fonts.ready.then(tell);
})();
