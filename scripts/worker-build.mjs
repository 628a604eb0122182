// Fills in the offline worker of a build (public/sw.js → DIR/sw.js): an id made of the names of
// the build's content-hashed files (every page's module, glue and stylesheet) and of boot.js's
// content, and those files, which the worker keeps cache-first. A new release is a new id, so its caches never mix with
// the last one's. Run by post-build.mjs; the offline tests make a second release with it.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Trunk's content-hashed file names. */
export const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$/;

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
    .replace("['{{BUILD_FILES}}']", JSON.stringify(files));
  if (filled === text || files.length < 4) {
    throw new Error(`worker-build.mjs: ${template} not filled in (${files.length} hashed files in ${dir})`);
  }
  await writeFile(join(dir, 'sw.js'), filled);
  return { build, files };
}
