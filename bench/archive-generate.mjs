// A generated archive for the archive benchmark and tests (issue 23): N small articles written
// as JSON into a folder, deterministic. Titles and standfirsts draw on a vocabulary of made-up
// words with a long tail (a few words are everywhere, most are rare), as real headlines do;
// dates spread over ten years in five time zones; labels, topics and authors from short lists;
// every tenth article in another language and script (Greek, Arabic, Japanese, Russian,
// Vietnamese), so folding and unspaced scripts are exercised at scale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Article `i` of the archive. */
export function archiveArticle(i) {
  const next = random(i * 7919 + 17);
  // Zipf-like: the index of a word is skewed towards small numbers.
  const pick = () => word(Math.floor(Math.pow(next(), 2.2) * 20000));
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
    sections: [
      { blocks: [{ type: 'paragraph', text: sentence(40) }] },
      { heading: sentence(4).slice(0, -1), blocks: [{ type: 'paragraph', text: sentence(60) }, { type: 'paragraph', text: sentence(50) }] },
    ],
  };
}

/** Writes articles `from`..`to` (exclusive) of the archive into `dir` as a-NNNNNN.json. */
export function writeArchive(dir, to, from = 0) {
  mkdirSync(dir, { recursive: true });
  for (let i = from; i < to; i += 1) {
    writeFileSync(join(dir, `a-${String(i).padStart(6, '0')}.json`), JSON.stringify(archiveArticle(i)));
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
