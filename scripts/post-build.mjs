// Trunk post-build hook. Trunk starts the hooks of one stage at the same time, so the steps
// that rewrite the page run from here, one after the other: minify (release builds), the
// preloads moved in front of boot.js, then the Content-Security-Policy, which hashes the final
// inline script.
//
// The build of index.html (the article page) then builds library.html, the library page, with
// its own module, and adds it to the build: Trunk builds one page and one Rust module at a
// time, and the article page must not carry the library's code.
import { spawnSync } from 'node:child_process';
import { copyFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

// Trunk writes the page it builds as index.html, whichever page it is.
process.env.PAGE_HTML = 'index.html';
await import('./minify.mjs');
await import('./preload-early.mjs');
await import('./csp.mjs');

const staging = process.env.TRUNK_STAGING_DIR;
if (!process.env.LIBRARY_PAGE && staging) {
  const out = join(process.env.TRUNK_SOURCE_DIR ?? '.', 'target', 'library-dist');
  await rm(out, { recursive: true, force: true });
  const args = ['build', 'library.html', '--offline', '--dist', out];
  if (process.env.TRUNK_PROFILE === 'release') args.push('--release');
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('TRUNK_')) delete env[name];
  env.LIBRARY_PAGE = '1';
  const built = spawnSync('trunk', args, { stdio: 'inherit', env, cwd: process.env.TRUNK_SOURCE_DIR });
  if (built.status !== 0) throw new Error(`post-build.mjs: trunk ${args.join(' ')} failed`);
  const names = (await readdir(out)).filter((name) => name.startsWith('library_viewer'));
  for (const name of names) await copyFile(join(out, name), join(staging, name));
  await copyFile(join(out, 'index.html'), join(staging, 'library.html'));
  names.push('library.html');
  console.log(`post-build.mjs: the library page added (${names.join(', ')})`);
}
