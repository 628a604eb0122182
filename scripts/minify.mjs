// Trunk post-build hook (release builds only): minifies the wasm-bindgen JavaScript and
// boot.js with esbuild, and updates the subresource-integrity hash Trunk wrote for the
// JavaScript. Trunk itself minifies index.html and the CSS (`minify` in Trunk.toml) but not
// these two: together this takes about 2 KB off the gzip transfer (see docs/performance.md).
// Run by post-build.mjs before csp.mjs, which hashes the final inline script.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('minify.mjs: no build folder (TRUNK_STAGING_DIR or an argument)');
  process.exit(2);
}
const release = Boolean(process.argv[2]) || process.env.TRUNK_PROFILE === 'release';
if (release) await minify();

async function minify() {
  const htmlPath = join(dir, process.env.PAGE_HTML ?? 'index.html');
  let html = await readFile(htmlPath, 'utf8');
  // sw.js stays as written: post-build.mjs fills in its build id afterwards, by its text.
  const scripts = (await readdir(dir)).filter((name) => name.endsWith('.js') && name !== 'sw.js');
  for (const name of scripts) {
    const path = join(dir, name);
    const source = await readFile(path, 'utf8');
    const module = name !== 'boot.js';
    const { code } = await transform(source, {
      minify: true,
      format: module ? 'esm' : undefined,
      target: 'es2020',
      legalComments: 'none',
    });
    await writeFile(path, code);
    // Every <link> to this file that carries an integrity hash gets the new one.
    const integrity = `sha384-${createHash('sha384').update(code, 'utf8').digest('base64')}`;
    html = html.replace(/<link\b[^>]*>/g, (tag) =>
      tag.includes(`./${name}`) ? tag.replace(/sha384-[A-Za-z0-9+/=]+/, integrity) : tag,
    );
    console.log(`minify.mjs: ${name} ${source.length} -> ${code.length} bytes`);
  }
  await writeFile(htmlPath, html);
}
