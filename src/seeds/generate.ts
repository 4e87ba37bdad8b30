// The offline seed generator: a deterministic stream of requests composed from one genre's
// grammar (./grammar), each aimed at the emptiest genre × difficulty × language cell. Difficulty
// is scope — an easy request is a genre and perhaps a hero, a hard one has a goal, a twist and
// four to six features of which at least two are whole subsystems (levels, shop, boss, menus,
// state machine) — not a suffix. The caller says which seeds it kept (`report`); a cell whose
// candidates keep being turned down has run out of distinct requests and is left alone, so the
// stream ends instead of padding (`next()` returns undefined).
import type { Difficulty, Lang, Seed } from '../schemas/index.js';
import { phrase, type Draft } from './compose.js';
import { GRAMMARS, fitsHero, type Feature, type GenreGrammar, type Part } from './grammar/index.js';
import { seedId } from './infer.js';
import { Random } from './random.js';
import { DIFFICULTIES, MECHANIC_IDS, genreInfo } from './taxonomy.js';

/** Key of a genre × difficulty × language cell. */
export function cellKey(genre: string, difficulty: string, lang: string): string {
  return `${genre}/${difficulty}/${lang}`;
}

/** How much a request of each size asks for. */
const SCOPE: Record<Difficulty, { hero: number; goal: number; setting: number; twist: number; features: [number, number]; systems: [number, number] }> = {
  easy: { hero: 0.7, goal: 0.45, setting: 0.3, twist: 0.1, features: [0, 1], systems: [0, 0] },
  medium: { hero: 0.85, goal: 0.7, setting: 0.5, twist: 0.35, features: [2, 3], systems: [0, 1] },
  hard: { hero: 0.9, goal: 0.8, setting: 0.6, twist: 0.5, features: [4, 6], systems: [2, 3] },
};

/** Consecutive turned-down candidates after which a cell counts as exhausted. */
export const DEFAULT_PATIENCE = 300;

interface Cell {
  grammar: GenreGrammar;
  difficulty: Difficulty;
  lang: Lang;
  count: number;
  misses: number;
  exhausted: boolean;
}

export interface GeneratorOptions {
  /** Seeds already in each cell (`cellKey`), e.g. the curated set: thin cells are filled first. */
  existing?: ReadonlyMap<string, number>;
  /** Only these genres (default: every genre with a grammar). */
  genres?: readonly string[];
  /** See DEFAULT_PATIENCE. */
  patience?: number;
  /** Another grammar than the bundled one (tests: a tiny one whose limit is reached at once). */
  grammars?: readonly GenreGrammar[];
}

export class SeedGenerator {
  private readonly random: Random;
  private readonly cells: Cell[];
  private readonly patience: number;
  private last?: Cell;

  constructor(randomSeed: number, options: GeneratorOptions = {}) {
    this.random = new Random(randomSeed);
    this.patience = options.patience ?? DEFAULT_PATIENCE;
    const all = options.grammars ?? GRAMMARS;
    const grammars = options.genres ? all.filter((g) => options.genres!.includes(g.genre)) : all;
    const existing = options.existing ?? new Map();
    // Ties are broken by a shuffled order, so equal cells are not always visited alphabetically.
    this.cells = this.random
      .shuffle(grammars.flatMap((grammar) => DIFFICULTIES.flatMap((difficulty) => (['en', 'zh'] as Lang[]).map((lang) => ({ grammar, difficulty, lang })))))
      .map((c) => ({ ...c, count: existing.get(cellKey(c.grammar.genre, c.difficulty, c.lang)) ?? 0, misses: 0, exhausted: false }));
  }

  /** The next candidate, for the emptiest cell not yet exhausted; undefined once all are. */
  next(): Seed | undefined {
    let emptiest: Cell | undefined;
    for (const cell of this.cells) if (!cell.exhausted && (!emptiest || cell.count < emptiest.count)) emptiest = cell;
    this.last = emptiest;
    return emptiest && composeSeed(emptiest.grammar, emptiest.difficulty, emptiest.lang, this.random);
  }

  /** Whether the last candidate was kept. */
  report(kept: boolean): void {
    const cell = this.last;
    if (!cell) return;
    if (kept) {
      cell.count++;
      cell.misses = 0;
    } else if (++cell.misses >= this.patience) cell.exhausted = true;
  }

  /** Cells that ran out of distinct requests, as `cellKey`s. */
  exhaustedCells(): string[] {
    return this.cells.filter((c) => c.exhausted).map((c) => cellKey(c.grammar.genre, c.difficulty, c.lang));
  }
}

/** One request of this genre, size and language. */
export function composeSeed(grammar: GenreGrammar, difficulty: Difficulty, lang: Lang, random: Random): Seed {
  const draft = draftRequest(grammar, difficulty, lang, random);
  const prompt = phrase(draft, random);
  const tags = new Set([...(genreInfo(grammar.genre)?.core ?? []), ...draftTags(draft)]);
  return { id: seedId(prompt), prompt, lang, genre: grammar.genre, mechanics: MECHANIC_IDS.filter((m) => tags.has(m)), difficulty, source: 'generated' };
}

/** The parts a request is made of, before it is worded. */
export function draftRequest(grammar: GenreGrammar, difficulty: Difficulty, lang: Lang, random: Random): Draft & { featureParts: Feature[] } {
  const scope = SCOPE[difficulty];
  const maybe = <T extends Part>(p: number, items: readonly T[]): T | undefined => (items.length && random.next() < p ? random.pick(items) : undefined);
  // A kind of game (sokoban, pong) is always named: its features belong to it.
  const hero = maybe(grammar.role === 'kind' ? 1 : scope.hero, grammar.heroes);
  const fits = <T extends Part>(items: readonly T[]) => items.filter((p) => fitsHero(p, hero));
  const goal = maybe(scope.goal, fits(grammar.goals));
  const setting = maybe(scope.setting, fits(grammar.settings));
  const twist = maybe(scope.twist, fits(grammar.twists));
  const pool = fits(grammar.features);
  const systems = pool.filter((f) => f.scope === 'system');
  const details = pool.filter((f) => f.scope === 'detail');
  const total = between(random, scope.features);
  const systemCount = Math.min(systems.length, total, between(random, scope.systems));
  const chosen = [...random.sample(systems, systemCount), ...random.sample(details, total - systemCount)];
  const featureParts = random.shuffle(chosen);
  return { grammar, lang, difficulty, hero, setting, goal, twist, features: featureParts.map((f) => renderFeature(f, lang, random)), featureParts };
}

function draftTags(draft: Draft & { featureParts: Feature[] }): string[] {
  return [draft.hero, draft.setting, draft.goal, draft.twist, ...draft.featureParts].flatMap((p) => p?.tags ?? []);
}

function between(random: Random, [min, max]: readonly [number, number]): number {
  return min + random.int(max - min + 1);
}

const HANZI = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** A feature's text with its number filled in; small numbers now and then written out, as people do. */
export function renderFeature(feature: Feature, lang: Lang, random: Random): string {
  const text = feature[lang];
  if (!feature.n || !text.includes('#')) return text;
  const [lo, hi] = feature.n;
  // Round numbers from 20 up (45–90 seconds → 45, 50, 55…), as people write them.
  const step = hi >= 20 ? 5 : 1;
  const n = lo + step * random.int(Math.floor((hi - lo) / step) + 1);
  const spelled = n <= 10 && random.next() < 0.35;
  if (lang === 'zh') {
    // 3条命 → 三条命, 2个 → 两个: only before a measure word, never in "8x8" or "120BPM".
    const hanzi = spelled && /^[^#]*#[条个关波秒次颗发步张首层洞种辆圈轮局][^#]*$/.test(text);
    return text.replace(/#/g, hanzi ? HANZI[n] : String(n));
  }
  return text.replace(/#(?= [a-z])/, spelled ? WORDS[n] : String(n)).replace(/#/g, String(n));
}
