// Trunk post-build hook: moves the preloads of the wasm-bindgen JavaScript and the .wasm file
// in front of boot.js. Trunk writes them at the end of <head>, after boot.js, which blocks the
// parser (it must: it applies the saved theme before the first paint), so the .wasm, the
// slowest part of starting, was requested only once boot.js had run: about 15 ms later on
// loopback (docs/performance.md).
// Usage: run by post-build.mjs with TRUNK_STAGING_DIR set, or `node scripts/preload-early.mjs DIR`.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('preload-early.mjs: no build folder (TRUNK_STAGING_DIR or an argument)');
  process.exit(2);
}
const htmlPath = join(dir, process.env.PAGE_HTML ?? 'index.html');
let html = await readFile(htmlPath, 'utf8');
const boot = html.match(/<script\b[^>]*\bsrc="?\.\/boot\.js"?[^>]*><\/script>/);
const preloads = html.match(/<link\b[^>]*\brel="?(?:modulepreload|preload)"?[^>]*>/g) ?? [];
if (!boot || preloads.length === 0) {
  throw new Error('index.html: boot.js or the preloads Trunk writes are missing');
}
for (const link of preloads) html = html.replace(link, '');
html = html.replace(boot[0], preloads.join('') + boot[0]);
await writeFile(htmlPath, html);
console.log(`preload-early.mjs: ${preloads.length} preload(s) moved before boot.js`);
