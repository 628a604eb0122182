// Fills in the offline worker of a build (public/sw.js → DIR/sw.js): an id made of the names of
// the build's content-hashed files (every page's module, glue and stylesheet) and of boot.js's
// content, and those files, which the worker keeps cache-first. A new release is a new id, so its caches never mix with
// the last one's. Run by post-build.mjs; the offline tests make a second release with it.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Trunk's content-hashed file names: its hash is written in hex without leading zeros, so it
 * can be shorter than 16 digits. */
export const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|svg)$/;

/** The worker's own texts (`worker_…` in locales/*.json, which the modules leave out), by
 * language: { en: { offline_title, … }, fr: … }. */
async function workerWords() {
  const folder = new URL('../locales/', import.meta.url);
  const words = {};
  for (const name of (await readdir(folder)).filter((n) => n.endsWith('.json')).sort()) {
    const texts = JSON.parse(await readFile(new URL(name, folder), 'utf8'));
    const mine = Object.entries(texts).filter(([key, text]) => key.startsWith('worker_') && text);
    words[name.replace(/\.json$/, '')] = Object.fromEntries(mine.map(([key, text]) => [key.slice(7), text]));
  }
  return words;
}

/** Writes DIR/sw.js from `template`; resolves to { build, files }. */
export async function fillWorker(dir, template = join(dir, 'sw.js')) {
  // boot.js has no hash in its name (pages name it as it is), so its content goes into the
  // build's id: within one id it never changes, and the worker keeps it cache first too.
  const boot = await readFile(join(dir, 'boot.js'));
  const files = [...(await readdir(dir)).filter((name) => HASHED.test(name)).sort(), 'boot.js'];
  const build = createHash('sha256').update(files.join('\n')).update(boot).digest('hex').slice(0, 16);
  const text = await readFile(template, 'utf8');
  const filled = text
    .replace("'{{BUILD}}'", JSON.stringify(build))
    .replace("['{{BUILD_FILES}}']", JSON.stringify(files))
    .replace("{ '{{WORDS}}': '' }", JSON.stringify(await workerWords()));
  if (filled === text || filled.includes("'{{") || files.length < 4) {
    throw new Error(`worker-build.mjs: ${template} not filled in (${files.length} hashed files in ${dir})`);
  }
  await writeFile(join(dir, 'sw.js'), filled);
  return { build, files };
}
