// Pages pre-rendered by `article pages` for the end-to-end tests: a copy of the release build
// with the fixtures, a long article and the renderable cases of the hostile corpus in its
// articles/ folder, each rendered by the real command (built by cargo from this checkout).
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { longArticle } from './long-article.mjs';

export const BASE_URL = 'https://news.example/viewer/articles/';
export const CORPUS = JSON.parse(await readFile('tests/hostile/corpus.json', 'utf8'));

/** The hostile cases the format accepts (the others are refused, and get no page). */
export const RENDERED_CASES = CORPUS.filter((c) => !c.expect.error && !c.oversize);

/** Runs `article pages` on `dir`; its output, and throws when it fails. */
function pages(root, dir, baseUrl) {
  const args = ['run', '--quiet', '--locked', '--bin', 'article', '--', 'pages', dir, '--viewer', root];
  if (baseUrl) args.push('--base-url', baseUrl);
  const run = spawnSync('cargo', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`article pages ${dir}: ${run.stderr}`);
  return `${run.stdout}${run.stderr}`;
}

/**
 * Builds `root` (a folder under target/, one per test file) from dist/: returns what `article
 * pages` said for the articles and the corpus.
 */
export async function preparePages(root) {
  await rm(root, { recursive: true, force: true });
  await cp('dist', root, { recursive: true });
  const articles = join(root, 'articles');
  for (const name of await readdir('tests/fixtures/valid')) {
    await cp(join('tests/fixtures/valid', name), join(articles, name));
  }
  await writeFile(join(articles, 'long.json'), longArticle());
  const hostile = join(articles, 'hostile');
  await mkdir(hostile);
  for (const c of CORPUS.filter((k) => !k.oversize)) {
    await writeFile(join(hostile, `${c.name}.json`), c.raw ?? JSON.stringify(c.document));
  }
  return { articles: pages(root, articles, BASE_URL), hostile: pages(root, hostile) };
}
