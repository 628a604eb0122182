// The offline worker (docs/reading.md, "Offline reading"). Plain JavaScript beside boot.js,
// which registers it; it is not part of any WebAssembly module. What it keeps:
// - the build's content-hashed files (modules, glue, stylesheet): cache first, since a hashed
//   address never changes what it holds;
// - pages (the viewer, the library, written articles): network first, the last copy when the
//   network fails;
// - articles, the library's index and parts and the configuration: the kept copy at once, and
//   a fresh one fetched for next time (stale-while-revalidate);
// - articles a reader saved, with their pictures, until the reader removes them.
// Caches of the build's files and pages are named by the build, so a new release never mixes
// with an old one; saved articles and data outlive releases. Only complete answers are kept:
// status 200, from this origin or shared by CORS (never an opaque one), not marked no-store.
'use strict';

/** Replaced by scripts/post-build.mjs (worker-build.mjs): the build's id and its files that
 * never change within it (the content-hashed ones and boot.js). */
const BUILD = '{{BUILD}}';
const BUILD_FILES = ['{{BUILD_FILES}}'];

const PREFIX = 'article-viewer:';
const FILES = `${PREFIX}${BUILD}:files`;
const PAGES = `${PREFIX}${BUILD}:pages`;
const DATA = `${PREFIX}data`;
const SAVED = `${PREFIX}saved`;
/** Where the list of saved articles is kept, inside the saved cache (never a real address). */
const SAVED_LIST = new URL('.offline/saved.json', self.registration.scope).href;

/** The publisher's settings, beside the build. */
const SETTINGS = new URL('viewer-config.json', self.registration.scope).href;

const hashed = new Set(BUILD_FILES.map((name) => new URL(name, self.registration.scope).href));

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const mine = `${PREFIX}${BUILD}:`;
      for (const name of await caches.keys()) {
        const ours = name.startsWith(PREFIX) && name !== DATA && name !== SAVED;
        if (ours && !name.startsWith(mine)) await caches.delete(name);
      }
      // A page's request starts while the worker wakes, instead of after (network first).
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

/** Whether a response may be kept: whole, readable and not refused storage by its server. */
function keepable(response) {
  return (
    response !== undefined &&
    response.status === 200 &&
    (response.type === 'basic' || response.type === 'cors') &&
    !/no-store/i.test(response.headers.get('cache-control') ?? '')
  );
}

/** Set when the publisher turned the worker off: it keeps nothing more. */
let stopped = false;
/** Copies being written to a cache now, which turning off waits for before deleting. */
const pending = new Set();

/** Whether this worker is still the registration's: a worker a new release has replaced
 * keeps nothing more (it would make again the caches the new one has just removed). */
function current() {
  return self.serviceWorker === undefined || self.serviceWorker === self.registration.active;
}

/** Puts a copy of `response` in cache `name` when it may be kept. The copy is taken at once,
 * so the page can read the response as it arrives (a long article streams) while the cache
 * reads the copy. */
function keep(name, request, response) {
  if (!keepable(response) || !current() || stopped) return Promise.resolve();
  const copy = response.clone();
  const putting = caches.open(name).then((cache) => cache.put(request, copy));
  pending.add(putting);
  putting.then(() => pending.delete(putting), () => pending.delete(putting));
  return putting;
}

/** `response` for the page now, and a copy kept meanwhile. */
function answerAndKeep(event, name, response) {
  event.waitUntil(keep(name, event.request, response).catch(() => {}));
  return response;
}

/** A saved copy of `request`, if the reader saved it (reading makes no cache: a publisher who
 * turned the worker off has had them all deleted). */
function savedCopy(request) {
  return caches.match(request, { cacheName: SAVED });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const here = url.origin === self.location.origin;
  if (request.mode === 'navigate') {
    if (here) event.respondWith(networkFirst(event, true));
    return;
  }
  if (hashed.has(url.origin + url.pathname)) {
    event.respondWith(cacheFirst(event));
    return;
  }
  // The page asked for a fresh answer (boot.js does for the configuration on a written page).
  if (request.cache === 'no-store' || request.cache === 'reload') return;
  if (url.href === SETTINGS) {
    // The publisher's settings, "offline": false among them, apply at once.
    event.respondWith(networkFirst(event, false));
  } else if (request.destination === '') {
    event.respondWith(staleWhileRevalidate(event));
  } else if (here) {
    // boot.js, the icon, pictures beside the articles: as pages are.
    event.respondWith(networkFirst(event, false));
  } else if (request.destination === 'image' && !self.navigator.onLine) {
    // Another site's picture: kept only when a reader saved it (and the site shared it). Online
    // the browser fetches it as if there were no worker, its errors its own.
    event.respondWith(savedCopy(request).then((copy) => copy ?? Response.error()));
  }
});

async function cacheFirst(event) {
  const copy = await caches.match(event.request, { cacheName: FILES });
  return copy ?? answerAndKeep(event, FILES, await fetch(event.request));
}

async function networkFirst(event, page) {
  const request = event.request;
  try {
    const preloaded = page ? await event.preloadResponse : undefined;
    return answerAndKeep(event, PAGES, preloaded ?? (await fetch(request)));
  } catch (error) {
    const copy =
      (await savedCopy(request)) ??
      (await caches.match(request, { cacheName: PAGES })) ??
      // The client-only viewer is one page whatever its query (`?article=…`): its shell.
      (page ? await caches.match(request, { cacheName: PAGES, ignoreSearch: true }) : undefined) ??
      // The settings, kept with the data on a first visit.
      (await caches.match(request, { cacheName: DATA }));
    if (copy) return copy;
    if (page) return notKept();
    throw error;
  }
}

async function staleWhileRevalidate(event) {
  const request = event.request;
  const copy = (await caches.match(request, { cacheName: DATA })) ?? (await savedCopy(request));
  const fresh = fetch(request).then((response) => answerAndKeep(event, DATA, response));
  if (copy === undefined) return fresh;
  event.waitUntil(fresh.catch(() => {}));
  return copy;
}

/** The worker's words in the interface languages (locales/*.json, `worker_…`). */
const WORDS = { '{{WORDS}}': '' };

/** The page shown for an address that was neither kept nor saved while the network is down,
 * in the reader's language where the interface has it. */
function notKept() {
  const lang = [...self.navigator.languages, 'en']
    .map((tag) => tag.split('-')[0].toLowerCase())
    .find((tag) => WORDS[tag]?.offline_title);
  const say = (key) => escape(WORDS[lang][key] ?? WORDS.en[key]);
  const dir = lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr';
  const saved = new URL('library.html#saved', self.registration.scope).href;
  const html = `<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${say('offline_title')}</title></head>
<body style="font: 1.125rem/1.5 system-ui, sans-serif; max-width: 38rem; margin: 3rem auto; padding: 0 1rem">
<h1>${say('offline_title')}</h1>
<p>${say('offline_text')}</p>
<p><a href="${escape(saved)}">${say('offline_link')}</a></p>
</body></html>`;
  return new Response(html, {
    status: 503,
    statusText: 'Offline',
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** Text for HTML: the translations and the address are text, never markup. */
function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---- Saving for offline: messages from the viewer and the library page ----

self.addEventListener('message', (event) => {
  const port = event.ports[0];
  const job = MESSAGES[event.data?.type];
  if (!job || !port) return;
  event.waitUntil(
    job(event.data).then(
      (answer) => port.postMessage({ ok: true, ...answer }),
      (error) => port.postMessage({ ok: false, error: String(error?.name ?? 'Error'), message: String(error?.message ?? error) }),
    ),
  );
});

const MESSAGES = {
  /** The publisher turned the worker off (boot.js then unregisters it): keep nothing more,
   * and delete every cache once the copies being written are in. */
  async off() {
    stopped = true;
    await Promise.allSettled([...pending]);
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX)) await caches.delete(name);
    }
    return {};
  },

  /** A page's own files and page, kept as the page had them (the first visit is not served by
   * the worker: it starts during the visit). */
  async visited({ page, files, data }) {
    const copy = async (name, address, cacheMode) => {
      try {
        await keep(name, address, await fetch(address, { cache: cacheMode }));
      } catch {
        // Gone or unreachable since the page had it: nothing to keep.
      }
    };
    for (const address of files) {
      const url = new URL(address);
      if (hashed.has(url.origin + url.pathname)) await copy(FILES, address, 'force-cache');
      else if (url.origin === self.location.origin) await copy(PAGES, address, 'force-cache');
    }
    for (const address of data) {
      const url = new URL(address);
      // The module's .wasm is fetched by its glue, but is one of the build's files.
      await copy(hashed.has(url.origin + url.pathname) ? FILES : DATA, address, 'force-cache');
    }
    if (new URL(page).origin === self.location.origin) await copy(PAGES, page, 'no-cache');
    return {};
  },

  /** The saved articles: address, page, title, date, bytes and when each was saved. */
  async list() {
    return { saved: await savedList() };
  },

  /** Saves an article whole or not at all: its page, its JSON and its pictures; then the
   * library page and the build's files, so the saved list and the article open offline. */
  async save({ article, page, title, published, pictures }) {
    const cache = await caches.open(SAVED);
    const addresses = [...new Set([page, article, ...pictures].filter(Boolean))];
    const kept = [];
    let bytes = 0;
    try {
      for (const address of addresses) {
        const picture = pictures.includes(address) && address !== article && address !== page;
        const mode = new URL(address).origin === self.location.origin ? 'same-origin' : 'cors';
        const response = await fetch(address, { mode }).catch((error) => {
          if (picture) return undefined;
          throw error;
        });
        if (!keepable(response)) {
          // A picture another site will not share is left out; the article's own files must be kept.
          if (picture) continue;
          throw new Error(`${address}: HTTP ${response.status}`);
        }
        const body = await response.clone().arrayBuffer();
        await cache.put(address, response);
        kept.push(address);
        bytes += body.byteLength;
      }
      const list = (await savedList()).filter((entry) => entry.article !== article);
      const saved = new Date().toISOString();
      list.push({ article, page, title, published, pictures: kept.filter((a) => a !== article && a !== page), bytes, saved });
      await writeList(cache, list);
    } catch (error) {
      // Nothing half-saved: whatever this attempt kept goes again.
      for (const address of kept) await cache.delete(address);
      throw error;
    }
    await keepShell();
    return { bytes, files: kept.length };
  },

  /** Removes a saved article and every file only it kept. */
  async remove({ article }) {
    const cache = await caches.open(SAVED);
    const list = await savedList();
    const gone = list.find((entry) => entry.article === article);
    const rest = list.filter((entry) => entry !== gone);
    if (gone) {
      const still = new Set(rest.flatMap((entry) => [entry.article, entry.page, ...entry.pictures]));
      for (const address of [gone.article, gone.page, ...gone.pictures]) {
        if (address && !still.has(address)) await cache.delete(address);
      }
      await writeList(cache, rest);
    }
    return { removed: Boolean(gone) };
  },
};

/** The pages and files a saved article needs to open offline, and the library page's saved
 * list: kept in this build's caches (a later release keeps its own when it is first used). */
async function keepShell() {
  const scope = self.registration.scope;
  for (const name of ['', 'library.html', 'boot.js']) {
    const address = new URL(name, scope).href;
    try {
      await keep(PAGES, address, await fetch(address, { cache: 'no-cache' }));
    } catch {
      // Offline at this moment: kept the next time.
    }
  }
  const files = await caches.open(FILES);
  for (const address of hashed) {
    try {
      if (!(await files.match(address))) await keep(FILES, address, await fetch(address));
    } catch {
      // As above.
    }
  }
}

async function savedList() {
  const response = await caches.match(SAVED_LIST, { cacheName: SAVED });
  return response ? response.json() : [];
}

async function writeList(cache, list) {
  const body = JSON.stringify(list);
  await cache.put(SAVED_LIST, new Response(body, { headers: { 'content-type': 'application/json' } }));
}
