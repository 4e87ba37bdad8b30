// The distribution of a seed set over the taxonomy, the cells it leaves thin, and how diverse it
// is: distinct concepts and their repeats, the most reused openings and phrases, incoherent
// genre/element pairs, near-duplicates (issue 16's figures).
import { normalizeText, tally } from '../core/index.js';
import type { Difficulty, Lang, Seed } from '../schemas/index.js';
import { coherenceProblems, unfitMechanics } from './coherence.js';
import { ConceptCounts, conceptSignature } from './concepts.js';
import { NEAR_DUP_NGRAM, countNearDuplicates } from './nearDup.js';
import { DIFFICULTIES, GENRE_IDS, MECHANIC_IDS } from './taxonomy.js';

const LANGS: readonly Lang[] = ['zh', 'en'];

export interface SeedCell {
  genre: string;
  difficulty: Difficulty;
  lang: Lang;
  count: number;
}

export interface SeedStats {
  total: number;
  by_lang: Record<string, number>;
  by_source: Record<string, number>;
  by_genre: Record<string, number>;
  by_difficulty: Record<string, number>;
  /** How many seeds ask for each mechanic (a seed counts once per mechanic). */
  mechanics: Record<string, number>;
  /** Every genre × difficulty × language cell of the taxonomy (plus genres seen outside it). */
  cells: SeedCell[];
  /** A cell is thin below this many seeds: half the mean per cell, at least 1. */
  thin_threshold: number;
  thin_cells: SeedCell[];
  /** Taxonomy mechanics no seed asks for. */
  unused_mechanics: string[];
  diversity: SeedDiversity;
}

export interface Shared {
  text: string;
  count: number;
  /** Of the language's seeds. */
  share: number;
}

export interface SeedDiversity {
  /** Concept signatures (genre | mechanics | subject): how many, and how often one is asked again. */
  concepts: { distinct: number; max_repeats: number; median_repeats: number; most_repeated: { concept: string; count: number; example: string }[] };
  /**
   * Openings: the first four words (en) or six characters (zh), lower case, punctuation dropped.
   * `common_share`: the share of the language's seeds whose opening is shared by more than 1% of
   * them (and by two at least) — issue 16's target: at most 10%.
   */
  openings: Record<string, { seeds: number; distinct: number; common_share: number; top: Shared[] }>;
  /** Clauses (text between punctuation) found in more than one seed, most reused first. */
  phrases: Record<string, Shared[]>;
  /** Seeds whose prompt asks for something their genre has no place for (enemies in a match-3…). */
  incoherent: { seeds: number; pairs: { genre: string; element: string; count: number; example: string }[] };
  /** Tags outside the genre's own and fitting mechanics (the taxonomy's `fits`): for information. */
  unfit_mechanics: { seeds: number; pairs: { genre: string; mechanic: string; count: number }[] };
  /** Seeds with an earlier seed of their language at or above the threshold (char 4-gram Jaccard). */
  near_duplicates: { threshold: number; ngram: number; count: number; share: number; examples: { prompt: string; duplicate_of: string; similarity: number }[] };
}

export interface SeedStatsOptions {
  /** Near-duplicate threshold (char 4-gram Jaccard, same language); default 0.6. */
  nearDupThreshold?: number;
}

/** Count seeds per genre × difficulty × language and per mechanic; call out thin cells; measure diversity. */
export function seedStats(seeds: readonly Seed[], options: SeedStatsOptions = {}): SeedStats {
  const genres = [...GENRE_IDS, ...[...new Set(seeds.map((s) => s.genre))].filter((g) => !GENRE_IDS.includes(g)).sort()];
  const counts = new Map<string, number>();
  const key = (genre: string, difficulty: string, lang: string) => `${genre}\u0000${difficulty}\u0000${lang}`;
  for (const s of seeds) counts.set(key(s.genre, s.difficulty, s.lang), (counts.get(key(s.genre, s.difficulty, s.lang)) ?? 0) + 1);
  const cells: SeedCell[] = genres.flatMap((genre) =>
    DIFFICULTIES.flatMap((difficulty) => LANGS.map((lang) => ({ genre, difficulty, lang, count: counts.get(key(genre, difficulty, lang)) ?? 0 }))),
  );
  const threshold = Math.max(1, Math.floor(seeds.length / cells.length / 2));
  const mechanics = tally(seeds.flatMap((s) => [...new Set(s.mechanics)]));
  return {
    total: seeds.length,
    by_lang: tally(seeds.map((s) => s.lang)),
    by_source: tally(seeds.map((s) => s.source)),
    by_genre: tally(seeds.map((s) => s.genre)),
    by_difficulty: tally(seeds.map((s) => s.difficulty)),
    mechanics,
    cells,
    thin_threshold: threshold,
    thin_cells: cells.filter((c) => c.count < threshold),
    unused_mechanics: MECHANIC_IDS.filter((m) => !(m in mechanics)),
    diversity: seedDiversity(seeds, options.nearDupThreshold ?? 0.6),
  };
}

/** The first four words (en) or six characters (zh) of a prompt, normalised. */
export function opening(prompt: string, lang: string): string {
  const text = normalizeText(prompt).replace(/[\p{P}\p{S}]+/gu, ' ');
  if (lang === 'zh') return text.replace(/\s+/g, '').slice(0, 6);
  return text.split(/\s+/).filter(Boolean).slice(0, 4).join(' ');
}

/** A prompt's clauses, normalised: the text between punctuation marks, list markers dropped. */
export function clauses(prompt: string, lang: string): string[] {
  return normalizeText(prompt.replace(/\n/g, '。'))
    .split(/[，。,.;；:：!！?？、()（）"“”—]+|\s-\s/)
    .map((c) => c.replace(/^\s*(?:-|\d+\s*[.、)）]?)\s*/, '').trim())
    .filter((c) => (lang === 'zh' ? c.replace(/\s/g, '').length >= 4 : c.split(/\s+/).length >= 3));
}

function shares(counts: Map<string, number>, total: number, top: number): Shared[] {
  return [...counts.entries()]
    .filter(([, n]) => n > 1)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([text, count]) => ({ text, count, share: round(count / total) }));
}

const round = (x: number) => Math.round(x * 10000) / 10000;

function seedDiversity(seeds: readonly Seed[], threshold: number): SeedDiversity {
  const concepts = new ConceptCounts();
  const example = new Map<string, string>();
  for (const s of seeds) {
    const c = conceptSignature(s);
    concepts.add(c);
    if (!example.has(c)) example.set(c, s.prompt);
  }
  const repeats = concepts.values().sort((a, b) => a - b);
  const openings: SeedDiversity['openings'] = {};
  const phrases: SeedDiversity['phrases'] = {};
  for (const lang of [...new Set(seeds.map((s) => s.lang))].sort()) {
    const ofLang = seeds.filter((s) => s.lang === lang);
    const open = new Map<string, number>();
    const phrase = new Map<string, number>();
    for (const s of ofLang) {
      const o = opening(s.prompt, lang);
      open.set(o, (open.get(o) ?? 0) + 1);
      for (const c of new Set(clauses(s.prompt, lang))) phrase.set(c, (phrase.get(c) ?? 0) + 1);
    }
    const common = [...open.values()].filter((n) => n > 1 && n > ofLang.length * 0.01).reduce((sum, n) => sum + n, 0);
    openings[lang] = { seeds: ofLang.length, distinct: open.size, common_share: round(common / ofLang.length), top: shares(open, ofLang.length, 8) };
    phrases[lang] = shares(phrase, ofLang.length, 8);
  }
  const incoherent = new Map<string, { genre: string; element: string; count: number; example: string }>();
  let incoherentSeeds = 0;
  const unfit = new Map<string, { genre: string; mechanic: string; count: number }>();
  let unfitSeeds = 0;
  for (const s of seeds) {
    const problems = coherenceProblems(s);
    if (problems.length) incoherentSeeds++;
    for (const p of problems) {
      const key = `${p.genre}/${p.element}`;
      const entry = incoherent.get(key) ?? { genre: p.genre, element: p.element, count: 0, example: s.prompt };
      entry.count++;
      incoherent.set(key, entry);
    }
    const extra = unfitMechanics(s);
    if (extra.length) unfitSeeds++;
    for (const m of extra) {
      const key = `${s.genre}/${m}`;
      const entry = unfit.get(key) ?? { genre: s.genre, mechanic: m, count: 0 };
      entry.count++;
      unfit.set(key, entry);
    }
  }
  const near = countNearDuplicates(seeds, threshold);
  return {
    concepts: {
      distinct: concepts.distinct,
      max_repeats: repeats.length ? repeats[repeats.length - 1] : 0,
      median_repeats: repeats.length ? repeats[Math.floor((repeats.length - 1) / 2)] : 0,
      most_repeated: concepts
        .entries()
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([concept, count]) => ({ concept, count, example: example.get(concept)! })),
    },
    openings,
    phrases,
    incoherent: { seeds: incoherentSeeds, pairs: [...incoherent.values()].sort((a, b) => b.count - a.count) },
    unfit_mechanics: { seeds: unfitSeeds, pairs: [...unfit.values()].sort((a, b) => b.count - a.count) },
    near_duplicates: { threshold, ngram: NEAR_DUP_NGRAM, count: near.count, share: seeds.length ? round(near.count / seeds.length) : 0, examples: near.examples },
  };
}

/** The stats as a text table for the terminal; thin cells are marked with `!`. */
export function formatSeedStats(stats: SeedStats): string {
  const genres = [...new Set(stats.cells.map((c) => c.genre))];
  const cell = (genre: string, difficulty: string, lang: string) => stats.cells.find((c) => c.genre === genre && c.difficulty === difficulty && c.lang === lang)!;
  const width = Math.max(5, ...genres.map((g) => g.length));
  const short: Record<Difficulty, string> = { easy: 'easy', medium: 'med', hard: 'hard' };
  const columns = DIFFICULTIES.flatMap((d) => LANGS.map((l) => `${short[d]} ${l}`));
  const lines = [
    `${stats.total} seeds — ${fmtCounts(stats.by_lang)}; ${fmtCounts(stats.by_source)}`,
    '',
    `${'genre'.padEnd(width)} ${columns.map((c) => c.padStart(8)).join('')}  total`,
  ];
  for (const genre of genres) {
    const row = DIFFICULTIES.flatMap((d) => LANGS.map((l) => {
      const c = cell(genre, d, l);
      return `${c.count}${c.count < stats.thin_threshold ? '!' : ' '}`.padStart(8);
    }));
    lines.push(`${genre.padEnd(width)} ${row.join('')}  ${stats.by_genre[genre] ?? 0}`);
  }
  lines.push(`${'total'.padEnd(width)} ${DIFFICULTIES.flatMap((d) => LANGS.map((l) => `${stats.cells.filter((c) => c.difficulty === d && c.lang === l).reduce((s, c) => s + c.count, 0)} `.padStart(8))).join('')}  ${stats.total}`);
  lines.push('', 'mechanics (seeds asking for each):');
  const mechanicWidth = Math.max(...Object.keys(stats.mechanics).map((m) => m.length), 10);
  for (const [mechanic, count] of Object.entries(stats.mechanics)) lines.push(`  ${mechanic.padEnd(mechanicWidth)} ${String(count).padStart(6)}  ${pct(count, stats.total)}`);
  if (stats.unused_mechanics.length) lines.push(`  never asked for: ${stats.unused_mechanics.join(', ')}`);
  lines.push('');
  if (stats.thin_cells.length) {
    lines.push(`thin cells (fewer than ${stats.thin_threshold} seed${stats.thin_threshold === 1 ? '' : 's'}, marked !): ${stats.thin_cells.length} of ${stats.cells.length}`);
    for (const c of stats.thin_cells.slice(0, 20)) lines.push(`  ${c.genre} / ${c.difficulty} / ${c.lang}: ${c.count}`);
    if (stats.thin_cells.length > 20) lines.push(`  … and ${stats.thin_cells.length - 20} more (--json lists all)`);
    lines.push('  (more generated seeds fill them evenly: seeds build --count N)');
  } else lines.push(`no thin cells (every cell has at least ${stats.thin_threshold} seed${stats.thin_threshold === 1 ? '' : 's'})`);
  lines.push('', ...formatDiversity(stats.diversity, stats.total));
  return lines.join('\n');
}

function formatDiversity(d: SeedDiversity, total: number): string[] {
  const c = d.concepts;
  const lines = [
    'diversity:',
    `  concepts (genre | mechanics | subject): ${c.distinct} distinct for ${total} seeds; repeats per concept: max ${c.max_repeats}, median ${c.median_repeats}`,
  ];
  for (const m of c.most_repeated.slice(0, 3)) lines.push(`    ${m.count}× ${m.concept}  e.g. ${JSON.stringify(m.example.slice(0, 70))}`);
  const n = d.near_duplicates;
  lines.push(`  near-duplicates (char ${n.ngram}-gram Jaccard ≥ ${n.threshold}, same language): ${n.count} (${pct(n.count, total)})`);
  for (const [lang, o] of Object.entries(d.openings)) {
    lines.push(`  openings ${lang}: ${o.distinct} distinct in ${o.seeds} seeds; openings shared by > 1% cover ${(o.common_share * 100).toFixed(1)}%`);
    for (const t of o.top.slice(0, 5)) lines.push(`    ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.count}×  ${JSON.stringify(t.text)}`);
  }
  for (const [lang, list] of Object.entries(d.phrases)) {
    lines.push(`  most reused phrases ${lang}:`);
    for (const t of list.slice(0, 5)) lines.push(`    ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.count}×  ${JSON.stringify(t.text)}`);
  }
  lines.push(`  incoherent genre/element pairs: ${d.incoherent.seeds} seed${d.incoherent.seeds === 1 ? '' : 's'}`);
  for (const p of d.incoherent.pairs.slice(0, 10)) lines.push(`    ${p.genre} + ${p.element}: ${p.count}  e.g. ${JSON.stringify(p.example.slice(0, 70))}`);
  return lines;
}

function fmtCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
}

function pct(part: number, total: number): string {
  return total ? `${((part / total) * 100).toFixed(1)}%` : '';
}
