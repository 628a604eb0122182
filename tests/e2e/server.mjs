// A small static file server for the end-to-end tests: serves a folder under a sub-path on
// loopback, with the content types and cache headers docs/publishing.md recommends for real hosts.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts serving `root` at `http://127.0.0.1:<port><base>`; `extra` maps paths under the base to
 * folders, so test fixtures can sit beside the build without being copied into it; `routes`
 * maps paths under the base to handlers `(req, res, server) => …` for made-up responses
 * (errors, slow or broken answers), tried first; a route ending in `/` matches a prefix. With
 * `gzip`, files are sent gzip-compressed to a client that accepts it, as a real host would
 * (each file compressed once). Resolves to { url, origin, close }.
 */
export async function serveStatic({ root, base = '/', extra = {}, routes = {}, gzip = false }) {
  const compressed = new Map();
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not under the base path');
      return;
    }
    let rest = path.slice(base.length);
    const route = routes[rest] ?? Object.entries(routes).find(([p]) => p.endsWith('/') && rest.startsWith(p))?.[1];
    if (route) {
      await route(req, res, rest);
      return;
    }
    let dir = root;
    for (const [prefix, folder] of Object.entries(extra)) {
      if (rest.startsWith(prefix)) {
        dir = folder;
        rest = rest.slice(prefix.length);
      }
    }
    if (rest === '' || rest.endsWith('/')) rest += 'index.html';
    const folder = resolve(dir);
    const file = resolve(join(folder, rest));
    if (!file.startsWith(folder + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const hashed = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(file);
      const headers = {
        'content-type': type,
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !/^image\/(png|jpeg)/.test(type)) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(body, { level: 9 }));
        headers['content-encoding'] = 'gzip';
        headers.vary = 'Accept-Encoding';
        res.writeHead(200, headers).end(compressed.get(file));
        return;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      // Slow test routes may hold connections open; end them so the server can stop.
      for (const socket of sockets) socket.destroy();
      server.close(resolve);
    }),
  };
}

// `node tests/e2e/server.mjs DIR BASE` serves by hand, for looking at the page.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', base = '/some/deep/path/'] = process.argv.slice(2);
  const { url } = await serveStatic({ root, base, extra: { 'fixtures/': 'tests/fixtures/' } });
  console.log(`serving ${root} at ${url}`);
}
