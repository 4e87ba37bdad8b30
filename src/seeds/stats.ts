// The distribution of a seed set over the taxonomy, and the cells it leaves thin.
import { LANGS, tally } from '../core/index.js';
import type { Difficulty, Lang, Seed } from '../schemas/index.js';
import { DIFFICULTIES, GENRE_IDS, MECHANIC_IDS } from './taxonomy.js';


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
}

/** Count seeds per genre × difficulty × language and per mechanic; call out thin cells. */
export function seedStats(seeds: readonly Seed[]): SeedStats {
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
  return lines.join('\n');
}

function fmtCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
}

function pct(part: number, total: number): string {
  return total ? `${((part / total) * 100).toFixed(1)}%` : '';
}
