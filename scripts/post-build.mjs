// Trunk post-build hook. Trunk starts the hooks of one stage at the same time, so the steps
// that rewrite the page run from here, one after the other: minify (release builds), the
// preloads moved in front of boot.js, then the Content-Security-Policy, which hashes the final
// inline script.
//
// The build of index.html (the client-only article viewer) then builds the build's other
// pages, each with its own module, and adds them to the build: Trunk builds one page and one
// Rust module at a time, and no page must carry another's code.
// - library.html, the library page (library_viewer);
// - written.html, the head `article pages` gives the pages it writes (written_viewer: only the
//   take-over of a written article).
import { spawnSync } from 'node:child_process';
import { copyFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fillWorker } from './worker-build.mjs';

// Trunk writes the page it builds as index.html, whichever page it is.
process.env.PAGE_HTML = 'index.html';
await import('./minify.mjs');
await import('./preload-early.mjs');
await import('./csp.mjs');

/** The other pages: their HTML source, and the prefix of their module's files. */
const PAGES = [
  { html: 'library.html', module: 'library_viewer' },
  { html: 'written.html', module: 'written_viewer' },
];

const staging = process.env.TRUNK_STAGING_DIR;
if (!process.env.OTHER_PAGE && staging) {
  for (const { html, module } of PAGES) {
    const out = join(process.env.TRUNK_SOURCE_DIR ?? '.', 'target', `${module}-dist`);
    await rm(out, { recursive: true, force: true });
    const args = ['build', html, '--offline', '--dist', out];
    if (process.env.TRUNK_PROFILE === 'release') args.push('--release');
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('TRUNK_')) delete env[name];
    env.OTHER_PAGE = '1';
    const built = spawnSync('trunk', args, { stdio: 'inherit', env, cwd: process.env.TRUNK_SOURCE_DIR });
    if (built.status !== 0) throw new Error(`post-build.mjs: trunk ${args.join(' ')} failed`);
    const names = (await readdir(out)).filter((name) => name.startsWith(module));
    for (const name of names) await copyFile(join(out, name), join(staging, name));
    await copyFile(join(out, 'index.html'), join(staging, html));
    names.push(html);
    console.log(`post-build.mjs: ${html} added (${names.join(', ')})`);
  }
}

// The offline worker (sw.js) learns the build it belongs to (scripts/worker-build.mjs).
if (!process.env.OTHER_PAGE && staging) {
  const { build, files } = await fillWorker(staging);
  console.log(`post-build.mjs: sw.js is build ${build} (${files.length} hashed files)`);
}
