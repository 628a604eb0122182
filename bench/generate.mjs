// Synthetic articles for the benchmark: N headed sections of ordinary prose (about 1 KB each),
// every third one collapsed, with key figures anchored in the first sections. Deterministic.
const WORDS = ('trade corridor peace border energy partnership agreement route cargo summit ' +
  'minister economy region transport logistics port investment policy talks future year ' +
  'relations growth security cooperation infrastructure customs network market').split(' ');

function sentence(seed, length) {
  const words = [];
  for (let i = 0; i < length; i++) words.push(WORDS[(seed * 31 + i * 17 + (seed >> 3)) % WORDS.length]);
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

/** An article with `sections` headed sections after a lead. */
export function syntheticArticle(sections) {
  const body = [{ blocks: [{ type: 'paragraph', text: `Synthetic lead for ${sections} sections. ${sentence(1, 30)}` }] }];
  for (let s = 0; s < sections; s++) {
    body.push({
      id: `s-${s}`,
      heading: `Section ${s + 1}: ${sentence(s, 5).slice(0, -1)}`,
      collapsed: s % 3 === 2,
      blocks: [
        { type: 'paragraph', text: `Figure ${s} appears here. ${sentence(s + 7, 40)}` },
        { type: 'paragraph', text: [sentence(s + 11, 25) + ' ', { text: sentence(s + 13, 6), strong: true }, ' ' + sentence(s + 17, 20)] },
      ],
    });
  }
  return {
    version: 1,
    lang: 'en',
    title: `A synthetic article of ${sections} sections`,
    standfirst: 'Generated for the benchmark.',
    // Sections last, as docs/format.md recommends for long articles: the viewer shows the start
    // while the rest downloads and only adds to it (with the key figures after the sections it
    // would build the page again once all of it is in).
    key_figures: Array.from({ length: Math.min(7, sections) }, (_, i) => ({
      value: String(i * 11), label: `figure ${i}`, section: `s-${i}`, anchor: `Figure ${i} appears`,
    })),
    sections: body,
  };
}
