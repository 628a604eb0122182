// A long article for the tests of showing one while it downloads (streaming.test.mjs in
// Chromium, firefox.test.mjs), and a route that holds part of it back.

/** Sections after the lead. */
export const SECTIONS = 120;

/**
 * A long article as text, `sections` last unless fields are given for after them (with
 * `figuresAfter`, its key figures come after the sections too).
 */
export function longArticle({ after = {}, brokenEnd = false, figuresAfter = false } = {}) {
  const sections = [{ blocks: [{ type: 'paragraph', text: 'The lead of a long article.' }] }];
  for (let i = 1; i <= SECTIONS; i++) {
    sections.push({
      id: `part-${i}`,
      heading: `Part ${i}`,
      collapsed: i % 2 === 0,
      blocks: [{ type: 'paragraph', text: `Figure ${i} is stated in part ${i}. ${'Words of the text. '.repeat(20)}` }],
    });
  }
  const head = {
    version: 1,
    title: 'A long article',
    key_figures: [{ value: '42', label: 'the answer', section: 'part-2', anchor: 'Figure 2 is stated' }],
  };
  const { key_figures: figures, ...rest } = head;
  const fields = figuresAfter ? { ...rest, sections, key_figures: figures, ...after } : { ...head, sections, ...after };
  let text = JSON.stringify(fields);
  if (brokenEnd) text = text.slice(0, -1) + ',}';
  return Buffer.from(text);
}

/** Where to hold the body: after the first sections (well past the screenful shown early). */
export const holdAt = (body) => body.indexOf('"part-60"');

/**
 * A route sending `body` up to `holdAt`, with its whole length declared; `hold` gets the
 * function that sends the rest.
 */
export const heldRoute = (body, hold) => (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
  res.write(body.subarray(0, holdAt(body)));
  hold(() => res.end(body.subarray(holdAt(body))));
};
