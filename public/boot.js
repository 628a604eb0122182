// Runs before the first paint, as a plain external script (no inline code, so a strict
// Content-Security-Policy can forbid inline scripts):
// - applies the reader's saved theme and text size, so the page does not flash;
// - replaces the "loading" message with a plain explanation when the viewer cannot start
//   (no WebAssembly, or its files failed to load).
(function () {
  'use strict';
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem('article-viewer:theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
    var size = localStorage.getItem('article-viewer:text-size');
    if (size === 'small' || size === 'medium' || size === 'large') root.setAttribute('data-text-size', size);
  } catch (e) {
    // Storage can be blocked; the defaults apply.
  }

  // Start downloading the configuration and a same-origin article now, while the WebAssembly
  // compiles. The viewer takes these requests over (once; a retry asks again) instead of
  // starting its own: window.articleViewerPrefetch = { config, article: { url, response,
  // controller } }. A failure is the viewer's to report, so none is left unhandled here.
  function quiet(promise) {
    promise.catch(function () {});
    return promise;
  }
  var prefetch = (window.articleViewerPrefetch = {});
  // A page `article pages` pre-rendered holds its article already: the viewer reads it from
  // the page, and needs neither download.
  var prerendered = root.hasAttribute('data-page');
  if (!prerendered) try {
    prefetch.config = quiet(fetch('viewer-config.json'));
    var requested = (new URLSearchParams(location.search).get('article') || '').trim() || 'articles/sample.json';
    var url = new URL(requested, document.baseURI);
    if (url.origin === location.origin) {
      var controller = new AbortController();
      prefetch.article = {
        url: url.href,
        controller: controller,
        response: quiet(fetch(url.href, { signal: controller.signal })),
      };
    }
  } catch (e) {
    // A malformed address is the viewer's to report.
  }

  // The offline worker (sw.js, beside this file: docs/reading.md), once the page has loaded,
  // unless the publisher's viewer-config.json says "offline": false, which also removes it and
  // everything it kept. Unreachable settings (offline, say) change nothing.
  // Not for an article embedded in another site's page (embed/NAME.html): it is that page's.
  var here = document.currentScript && document.currentScript.src;
  if (here && 'serviceWorker' in navigator && root.getAttribute('data-page') !== 'embed') {
    // The client-only viewer's request for the file, shared (copied as it arrives, before the
    // viewer reads it), so the file is downloaded once; a written page asks for it here.
    var settings = prefetch.config
      ? quiet(prefetch.config.then(function (response) { return response.clone(); }))
      : null;
    window.addEventListener('load', function () {
      var worker = new URL('sw.js', here).href;
      quiet((settings || fetch(new URL('viewer-config.json', here), { cache: 'no-store' }))
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (config) {
          if (config && config.offline === false) return turnOff(worker);
          return navigator.serviceWorker.register(worker).then(function (registration) {
            return whenActive(registration);
          }).then(tellVisited);
        }));
    });
  }

  function whenActive(registration) {
    var next = registration.installing || registration.waiting;
    if (registration.active && !next) return Promise.resolve(registration.active);
    return new Promise(function (resolve) {
      next.addEventListener('statechange', function () {
        if (next.state === 'activated') resolve(next);
      });
    });
  }

  // The worker starts during the first visit, too late to see this page's files go by: it is
  // told which they were, and keeps them, so the page reopens without a network. A download
  // still under way then (a long article) is told when it ends.
  function tellVisited(active) {
    var since = performance.now();
    function tell(entries, always) {
      var files = [], data = [];
      entries.forEach(function (entry) {
        if (!/^https?:/.test(entry.name) || entry.startTime > since) return;
        (entry.initiatorType === 'fetch' || entry.initiatorType === 'xmlhttprequest' ? data : files).push(entry.name);
      });
      if (!always && !files.length && !data.length) return;
      var channel = new MessageChannel();
      active.postMessage({ type: 'visited', page: location.href.split('#')[0], files: files, data: data }, [channel.port2]);
    }
    tell(performance.getEntriesByType('resource'), true);
    if (window.PerformanceObserver) {
      new PerformanceObserver(function (list) { tell(list.getEntries()); }).observe({ type: 'resource' });
    }
  }

  function turnOff(worker) {
    // The worker in control first stops keeping, and deletes its caches once what it was
    // writing is in; then it goes.
    var controller = navigator.serviceWorker.controller;
    var stopped = Promise.resolve();
    if (controller && controller.scriptURL === worker) {
      var channel = new MessageChannel();
      stopped = new Promise(function (resolve) { channel.port1.onmessage = resolve; });
      controller.postMessage({ type: 'off' }, [channel.port2]);
    }
    return stopped.then(function () { return Promise.all([
      navigator.serviceWorker.getRegistrations().then(function (registrations) {
        return Promise.all(registrations.filter(function (registration) {
          var active = registration.active || registration.waiting || registration.installing;
          return active && active.scriptURL === worker;
        }).map(function (registration) { return registration.unregister(); }));
      }),
      window.caches && caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf('article-viewer:') === 0;
        }).map(function (name) { return caches.delete(name); }));
      }),
    ]); });
  }

  var started = false;
  window.addEventListener('TrunkApplicationStarted', function () { started = true; });

  function cannotStart(reason) {
    if (started) return;
    // The pre-rendered article stays; only its controls, which will not work, are hidden.
    if (prerendered) {
      root.classList.add('viewer-failed');
      return;
    }
    var host = document.getElementById('viewer');
    if (!host) return;
    var box = document.createElement('div');
    box.className = 'status status-error';
    box.setAttribute('role', 'alert');
    var title = document.createElement('h1');
    title.className = 'status-title';
    title.textContent = 'This article cannot be shown in this browser.';
    var text = document.createElement('p');
    text.textContent = reason;
    box.appendChild(title);
    box.appendChild(text);
    host.replaceChildren(box);
  }

  function whenReady(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  if (typeof WebAssembly !== 'object') {
    whenReady(function () {
      cannotStart('The viewer needs WebAssembly, which this browser does not support or has turned off. Open the page in a current version of Firefox, Chrome, Edge or Safari.');
    });
    return;
  }
  // A script or the .wasm file that fails to load, or fails to start.
  window.addEventListener('error', function (event) {
    var el = event.target;
    if (el && (el.tagName === 'SCRIPT' || el.tagName === 'LINK')) {
      cannotStart('A file the viewer needs could not be loaded. Check your connection and reload the page.');
    }
  }, true);
  // On a pre-rendered page, any error before the viewer started (its module failed to load or
  // to start) leaves the article as it reads without the viewer.
  if (prerendered) {
    window.addEventListener('error', function (event) {
      if (event.target === window) cannotStart('');
    });
  }
  window.addEventListener('unhandledrejection', function () {
    cannotStart('The viewer could not start. Reload the page; if this keeps happening, try another browser.');
  });
})();
