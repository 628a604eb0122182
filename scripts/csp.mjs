// Trunk post-build hook: finishes the Content-Security-Policy in the built index.html.
// - script-src gets the SHA-256 hash of every inline script Trunk wrote (its module loader),
//   so no 'unsafe-inline' is needed;
// - connect-src gets the origins that viewer-config.json allows articles to come from (after
//   'self' and blob:, the local files a reader opens to preview them).
// Usage: run by Trunk with TRUNK_STAGING_DIR set, or `node scripts/csp.mjs DIR` by hand.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs: no build folder (TRUNK_STAGING_DIR or an argument)');
  process.exit(2);
}
const htmlPath = join(dir, process.env.PAGE_HTML ?? 'index.html');
let html = await readFile(htmlPath, 'utf8');

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .filter((m) => !/type="application\/ld\+json"/.test(m[0]))
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);

let origins = [];
try {
  const config = JSON.parse(await readFile(join(dir, 'viewer-config.json'), 'utf8'));
  origins = (config.allowed_origins ?? []).map((o) => (o === '*' ? 'https: http:' : o.replace(/\/+$/, '')));
} catch (error) {
  if (error.code !== 'ENOENT') throw new Error(`viewer-config.json: ${error.message}`);
}
for (const origin of origins) {
  if (!/^(https?:\/\/[^\s;'",/]+|https: http:)$/.test(origin)) {
    throw new Error(`viewer-config.json: "${origin}" is not an origin such as https://cdn.example.org`);
  }
}

if (!html.includes('{{SCRIPT_HASHES}}') || !html.includes('{{CONNECT_ORIGINS}}')) {
  throw new Error('index.html: the CSP placeholders {{SCRIPT_HASHES}} and {{CONNECT_ORIGINS}} are missing');
}
html = html.replace('{{SCRIPT_HASHES}}', hashes.join(' ')).replace('{{CONNECT_ORIGINS}}', origins.join(' '));
await writeFile(htmlPath, html);
console.log(`csp.mjs: ${hashes.length} inline script hash(es), connect-src 'self' blob: ${origins.join(' ')}`.trimEnd());
