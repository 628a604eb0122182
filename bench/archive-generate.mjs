// A generated archive for the archive benchmark and tests (issue 23): N small articles written
// as JSON into a folder, deterministic. Titles and standfirsts draw on a vocabulary of made-up
// words with a long tail (a few words are everywhere, most are rare), as real headlines do;
// dates spread over ten years in five time zones; labels, topics and authors from short lists;
// every tenth article in another language and script (Greek, Arabic, Japanese, Russian,
// Vietnamese), so folding and unspaced scripts are exercised at scale.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The words of the real blog posts in tests/fixtures/blogs/ with their frequencies, for
 * articles of realistic length and vocabulary (`words` below): a cumulative table to draw from.
 */
let realWords;
function realVocabulary() {
  if (realWords) return realWords;
  const counts = new Map();
  const root = new URL('../tests/fixtures/blogs/', import.meta.url).pathname;
  for (const name of readdirSync(root, { recursive: true })) {
    if (!/\.(md|markdown)$/.test(name)) continue;
    const text = readFileSync(join(root, name), 'utf8')
      .replace(/```[\s\S]*?```/g, ' ') // code is not prose
      .replace(/<[^>]*>|\(http[^)]*\)|https?:\S+|&\w+;/g, ' ');
    for (const [w] of text.toLowerCase().matchAll(/\p{L}+/gu)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const words = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  let total = 0;
  realWords = { words: words.map(([w]) => w), upTo: words.map(([, n]) => (total += n)), total };
  return realWords;
}
/** A word drawn with its frequency in the real posts, for `u` in [0, 1). */
function realWord(u) {
  const { words, upTo, total } = realVocabulary();
  const target = u * total;
  let lo = 0;
  let hi = upTo.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (upTo[mid] > target) hi = mid; else lo = mid + 1;
  }
  return words[lo];
}

const SYLLABLES = 'ka lo mi ren sa to vel ar in ost bra de fu gan hel ju ki mar nor pe qui ros tan ul vi wen'.split(' ');
/** Word `n` of the vocabulary: two to four syllables, distinct for each n. */
function word(n) {
  let text = '';
  let rest = n + SYLLABLES.length;
  while (rest > 0) {
    text += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return text;
}
/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const COMMON = 'the of and in to a for on with new from after'.split(' ');
const LABELS = ['News', 'Analysis', 'Opinion', 'Feature', 'Interview', 'Review'];
const TOPICS = ['Climate', 'Economy', 'Health', 'Science', 'Politics', 'Culture', 'Sport', 'Technology', 'Education', 'Transport', 'Energy', 'Housing'];
const AUTHORS = ['Ada Ferreira', 'Björn Åkesson', 'Chidi Okafor', 'Dana Levi', 'Émile Durand', 'Farah Haddad', 'Grace Kim', 'Hiro Tanaka'];
const ZONES = ['Z', '+01:00', '-05:00', '+09:00', '+05:30'];
const FOREIGN = [
  { lang: 'el', title: 'Η Αθήνα ψηφίζει για το νέο λιμάνι', standfirst: 'Οι κάτοικοι αποφασίζουν για τα έργα της πόλης.' },
  { lang: 'ar', title: 'مدينة تبني جسراً جديداً فوق النهر', standfirst: 'يَعبُر الجسر آلاف السيارات كل يوم.' },
  { lang: 'ja', title: '東京駅の新しい図書館が開館', standfirst: '駅の中で本を借りることができます。' },
  { lang: 'ru', title: 'Ёлки и зимний рынок в Казани', standfirst: 'Рынок открыт до января.' },
  { lang: 'vi', title: 'Hà Nội mở tuyến đường sắt mới', standfirst: 'Tuyến mới nối trung tâm với sân bay.' },
];

/**
 * Article `i` of the archive. With `words` (e.g. 1000), its text is about that many words drawn
 * with the real posts' word frequencies, in sections with headings, and so are its title and
 * standfirst; without, it is a short article of made-up words (what the tests use).
 */
export function archiveArticle(i, { words: length = 0 } = {}) {
  const next = random(i * 7919 + 17);
  // Zipf-like: the index of a word is skewed towards small numbers.
  const pick = length ? () => realWord(next()) : () => word(Math.floor(Math.pow(next(), 2.2) * 20000));
  const words = (n) => Array.from({ length: n }, () => (next() < 0.25 ? COMMON[Math.floor(next() * COMMON.length)] : pick()));
  const sentence = (n) => { const text = words(n).join(' '); return `${text[0].toUpperCase()}${text.slice(1)}.`; };
  // Ten years back from 2026-12-01, about 27 articles a day.
  const seconds = Math.floor(next() * 10 * 365 * 86400);
  const at = new Date(Date.UTC(2026, 11, 1) - seconds * 1000).toISOString().slice(0, 19);
  const zone = ZONES[i % ZONES.length];
  const foreign = i % 10 === 9 ? FOREIGN[Math.floor(i / 10) % FOREIGN.length] : null;
  const title = foreign ? `${foreign.title} ${i}` : `${sentence(4 + Math.floor(next() * 5)).slice(0, -1)} ${i}`;
  return {
    version: 1,
    lang: foreign ? foreign.lang : 'en',
    title,
    standfirst: foreign ? foreign.standfirst : sentence(12 + Math.floor(next() * 12)),
    label: LABELS[Math.floor(next() * LABELS.length)],
    authors: [AUTHORS[Math.floor(next() * AUTHORS.length)]],
    published: `${at}${zone === 'Z' ? 'Z' : zone}`,
    tags: [TOPICS[Math.floor(next() * TOPICS.length)], TOPICS[Math.floor(next() * TOPICS.length)]].filter((t, k, all) => all.indexOf(t) === k),
    sections: length ? longSections(length, sentence, next) : [
      { blocks: [{ type: 'paragraph', text: sentence(40) }] },
      { heading: sentence(4).slice(0, -1), blocks: [{ type: 'paragraph', text: sentence(60) }, { type: 'paragraph', text: sentence(50) }] },
    ],
  };
}

/** About `length` words in a lead and headed sections of paragraphs of a few sentences. */
function longSections(length, sentence, next) {
  const paragraph = (n) => Array.from({ length: Math.max(1, Math.round(n / 18)) }, () => sentence(10 + Math.floor(next() * 16))).join(' ');
  const sections = [{ blocks: [{ type: 'paragraph', text: paragraph(80) }] }];
  for (let left = length - 80; left > 0; left -= 200) {
    sections.push({ heading: sentence(3 + Math.floor(next() * 4)).slice(0, -1), blocks: [{ type: 'paragraph', text: paragraph(100) }, { type: 'paragraph', text: paragraph(100) }] });
  }
  return sections;
}

/** Writes articles `from`..`to` (exclusive) of the archive into `dir` as a-NNNNNN.json. */
export function writeArchive(dir, to, from = 0, options = {}) {
  mkdirSync(dir, { recursive: true });
  for (let i = from; i < to; i += 1) {
    writeFileSync(join(dir, `a-${String(i).padStart(6, '0')}.json`), JSON.stringify(archiveArticle(i, options)));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/archive-generate.mjs DIR [COUNT=100000]');
    process.exit(2);
  }
  writeArchive(dir, Number(count ?? 100000));
}
