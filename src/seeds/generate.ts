// The taxonomy seed generator: an endless, deterministic stream of varied requests in both
// languages, each aimed at the emptiest genre × difficulty × language cell, so generated seeds
// even out the taxonomy.
import { LANGS } from '../core/index.js';
import type { Difficulty, Lang, Seed } from '../schemas/index.js';
import { seedId } from './infer.js';
import { Random } from './random.js';
import { DIFFICULTIES, GENRES, MECHANIC_IDS, type GenreInfo } from './taxonomy.js';
import { MECHANIC_PHRASES, OPENERS, SIZE_REMARKS, SUBJECTS, THEMES, type Subject } from './templates.js';

/** English first: the order the generator has always walked the cells in (it fixes the generated stream). */
const ENGLISH_FIRST = [...LANGS].reverse();

/** How many mechanics beyond the subject's own a request of each size asks for: [min, max]. */
const EXTRA_MECHANICS: Record<Difficulty, [number, number]> = { easy: [0, 1], medium: [2, 3], hard: [3, 4] };

interface Parts {
  subject: Subject;
  theme?: { en: string; zh: string };
  features: string[];
  remark: string;
  random: Random;
}

/** Key of a genre × difficulty × language cell. */
export function cellKey(genre: string, difficulty: string, lang: string): string {
  return `${genre}/${difficulty}/${lang}`;
}

/**
 * Endless stream of generated seeds; the same `randomSeed` (and `existing` counts) always yield
 * the same sequence. Each seed goes to the emptiest genre × difficulty × language cell, counting
 * the `existing` seeds (e.g. the curated set), so generated seeds fill the thin cells first.
 */
export function* generatedSeeds(randomSeed: number, existing: ReadonlyMap<string, number> = new Map()): Generator<Seed> {
  const random = new Random(randomSeed);
  // Ties are broken by a shuffled order, so equal cells are not always visited alphabetically.
  const cells = random
    .shuffle(GENRES.flatMap((genre) => DIFFICULTIES.flatMap((difficulty) => ENGLISH_FIRST.map((lang) => ({ genre, difficulty, lang })))))
    .map((cell) => ({ ...cell, count: existing.get(cellKey(cell.genre.id, cell.difficulty, cell.lang)) ?? 0 }));
  for (;;) {
    let emptiest = cells[0];
    for (const cell of cells) if (cell.count < emptiest.count) emptiest = cell;
    emptiest.count++;
    yield composeSeed(emptiest.genre, emptiest.difficulty, emptiest.lang, random);
  }
}

function composeSeed(genre: GenreInfo, difficulty: Difficulty, lang: Lang, random: Random): Seed {
  const subject = random.pick(SUBJECTS[genre.id]);
  const fitting = new Set([...genre.core, ...genre.fits]);
  // A size remark may ask for more (a boss, levels); only where the genre has room for it.
  const remark = random.pick(SIZE_REMARKS[difficulty].filter((r) => (r.tags ?? []).every((m) => fitting.has(m))));
  const tagged = new Set([...genre.core, ...(subject.tags ?? []), ...(remark.tags ?? [])]);
  const [min, max] = EXTRA_MECHANICS[difficulty];
  const extras = random.sample(genre.fits.filter((m) => !tagged.has(m)), min + random.int(max - min + 1));
  // Now and then also spell out a core mechanic, as precise users do.
  const spelled = random.next() < 0.3 ? [random.pick(genre.core), ...extras] : extras;
  for (const m of extras) tagged.add(m);
  const parts: Parts = {
    subject,
    theme: random.next() < 0.5 ? random.pick(THEMES) : undefined,
    features: spelled.map((m) => random.pick(MECHANIC_PHRASES[m][lang])),
    remark: remark[lang],
    random,
  };
  const prompt = lang === 'en' ? phraseEn(parts) : phraseZh(parts);
  return {
    id: seedId(prompt),
    prompt,
    lang,
    genre: genre.id,
    mechanics: MECHANIC_IDS.filter((m) => tagged.has(m)),
    difficulty,
    source: 'generated',
  };
}

function withArticle(phrase: string): string {
  return (/^(?!one\b)[aeiou]/i.test(phrase) ? 'an ' : 'a ') + phrase;
}

function listEn(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function joinSentences(...parts: string[]): string {
  return parts.filter(Boolean).join(' ');
}

function phraseEn({ subject, theme, features, remark, random }: Parts): string {
  const opener = random.pick(OPENERS.en);
  const question = /^(can|could)\b/i.test(opener);
  const end = question ? '?' : '.';
  const game = withArticle(theme ? `${theme.en} ${subject.en}` : subject.en);
  if (!features.length) return joinSentences(`${opener} ${game}${end}`, remark);
  switch (random.int(5)) {
    case 0:
      return joinSentences(`${opener} ${game} with ${listEn(features)}${end}`, remark);
    case 1:
      return `${opener} ${game}${end}\nRequirements:\n${features.map((f) => `- ${f}`).join('\n')}${remark ? `\n${remark}` : ''}`;
    case 2:
      return joinSentences(`i want ${game}, needs ${listEn(features)}.`, remark.toLowerCase(), random.pick(['thx', 'pls', '']));
    case 3:
      return joinSentences(`Phaser 3 game idea: ${game}. It should have ${listEn(features)}.`, remark);
    default:
      return joinSentences(`${opener} ${game}${end} I'd like ${listEn(features)}.`, remark);
  }
}

function phraseZh({ subject, theme, features, remark, random }: Parts): string {
  const opener = random.pick(OPENERS.zh);
  const game = `${theme?.zh ?? ''}${subject.zh}`;
  if (!features.length) return `${opener}${game}。${remark}`;
  switch (random.int(4)) {
    case 0:
      return `${opener}${game}，${features.join('，')}。${remark}`;
    case 1:
      return `${opener}${game}。要求：\n${features.map((f, i) => `${i + 1}. ${f}`).join('\n')}\n${remark}`.trim();
    case 2:
      return `想要${game}，${features.join('，')}${remark ? `，${remark}` : '。'}${random.pick(['谢谢！', '', '感谢'])}`;
    default:
      return `用Phaser 3写${game}：${features.join('；')}。${remark}`;
  }
}
