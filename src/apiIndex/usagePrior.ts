// The learned usage prior: which Phaser APIs passing games use, overall and by mechanic. The
// bundled one (assets/api_prior/phaser_api_prior.json) is counted from the project's own
// passing fixtures (scripts/build-api-prior.ts); `api-index prior --from validated.jsonl`
// counts a workspace's own passing games and writes data/api_index/api_prior.json, which
// retrieval then prefers: a loop from validation back to retrieval.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { InputError, bundledPath, findPhaser, readJsonlSync, writeFileAtomic, type Config, type Workspace } from '../core/index.js';
import type { ApiIndex } from './apiIndex.js';
import type { ApiRecord } from './doclets.js';
import { apisUsedBy } from './usage.js';

export const bundledPriorFile = bundledPath('assets', 'api_prior', 'phaser_api_prior.json');

const usagePriorSchema = z.object({
  version: z.literal(1),
  phaser_version: z.string(),
  /** Where the games came from (a file or the fixtures folder). */
  source: z.string(),
  games: z.number().int().nonnegative(),
  /** API id → number of games using it. */
  apis: z.record(z.string(), z.number().int().positive()),
  /** Mechanic → its games and the API id → games counts among them. */
  by_mechanic: z.record(z.string(), z.object({ games: z.number().int().positive(), apis: z.record(z.string(), z.number().int().positive()) })),
});
export type UsagePrior = z.infer<typeof usagePriorSchema>;

/** One passing game: its code and the mechanics its request asked for. */
export interface UsedGame {
  code: string;
  mechanics: readonly string[];
}

/** Sorted by count (then id), so the file is stable and readable top-down. */
function sortedCounts(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** Count, for every API id, how many of the games use it, overall and per mechanic. */
export function buildUsagePrior(games: readonly UsedGame[], index: ApiIndex, meta: { phaserVersion: string; source: string }): UsagePrior {
  const overall = new Map<string, number>();
  const perMechanic = new Map<string, { games: number; apis: Map<string, number> }>();
  for (const game of games) {
    const used = apisUsedBy(game.code, index);
    for (const id of used) overall.set(id, (overall.get(id) ?? 0) + 1);
    for (const mechanic of new Set(game.mechanics)) {
      let entry = perMechanic.get(mechanic);
      if (!entry) perMechanic.set(mechanic, (entry = { games: 0, apis: new Map() }));
      entry.games++;
      for (const id of used) entry.apis.set(id, (entry.apis.get(id) ?? 0) + 1);
    }
  }
  const byMechanic = Object.fromEntries(
    [...perMechanic].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([mechanic, entry]) => [mechanic, { games: entry.games, apis: sortedCounts(entry.apis) }]),
  );
  return { version: 1, phaser_version: meta.phaserVersion, source: meta.source, games: games.length, apis: sortedCounts(overall), by_mechanic: byMechanic };
}

const cache = new Map<string, UsagePrior>();

/** Read a prior file (checked against its schema; a bad one names itself and the field). */
export function loadUsagePrior(file = bundledPriorFile): UsagePrior {
  const cached = cache.get(file);
  if (cached) return cached;
  if (!existsSync(file)) throw new InputError({ file }, 'no API usage prior here');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError({ file }, `cannot read the API usage prior (${(error as Error).message})`);
  }
  const parsed = usagePriorSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError({ file, field: issue?.path.map(String).join('.') }, issue?.message ?? 'invalid API usage prior');
  }
  cache.set(file, parsed.data);
  return parsed.data;
}

/** The Phaser version the workspace's API index was built from (its report), else the installed one. */
export function indexPhaserVersion(workspace: Workspace, config: Config): string {
  const report = workspace.stageReportFile('api_index');
  if (existsSync(report)) {
    const version = (JSON.parse(readFileSync(report, 'utf8')) as { phaser_version?: unknown }).phaser_version;
    if (typeof version === 'string') return version;
  }
  return findPhaser(config.phaser.package_dir).version;
}

/** Where a workspace keeps its own usage prior (`api-index prior`); retrieval prefers it to the bundled one. */
export function workspacePriorFile(workspace: Workspace): string {
  return join(dirname(workspace.apiIndexFile), 'api_prior.json');
}

export interface PriorFromValidatedResult {
  file: string;
  games: number;
  skipped_failed: number;
  apis: number;
  mechanics: number;
}

/**
 * `api-index prior --from validated.jsonl`: count the APIs the passing games of a validated file
 * use, by the mechanics their seeds asked for (seed_id → the workspace's seeds, else its requests),
 * and write the prior (default: the workspace's own, which retrieval then prefers).
 */
export function priorFromValidated(workspace: Workspace, index: ApiIndex, options: { from: string; out?: string; phaserVersion: string }): PriorFromValidatedResult {
  const record = z.object({ seed_id: z.string(), code: z.string(), passed: z.boolean() }).loose();
  const rows = readJsonlSync(options.from, { schema: record }).map((row) => row.value);
  const mechanicsBySeed = new Map<string, string[]>();
  const tags = z.object({ seed_id: z.string().optional(), id: z.string().optional(), mechanics: z.array(z.string()).default([]) }).loose();
  for (const file of [workspace.requestsFile, workspace.seedsFile]) {
    if (!existsSync(file)) continue;
    for (const { value } of readJsonlSync(file, { schema: tags })) mechanicsBySeed.set(value.seed_id ?? value.id ?? '', value.mechanics);
  }
  const passing = rows.filter((row) => row.passed);
  const games = passing.map((row) => ({ code: row.code, mechanics: mechanicsBySeed.get(row.seed_id) ?? [] }));
  const prior = buildUsagePrior(games, index, { phaserVersion: options.phaserVersion, source: options.from });
  const file = options.out ?? workspacePriorFile(workspace);
  writeFileAtomic(file, JSON.stringify(prior, null, 1) + '\n');
  cache.delete(file);
  return { file, games: prior.games, skipped_failed: rows.length - passing.length, apis: Object.keys(prior.apis).length, mechanics: Object.keys(prior.by_mechanic).length };
}

/** The workspace's own prior when it has one (`api-index prior`), else the bundled one. */
export function resolveUsagePrior(workspacePriorFile: string): UsagePrior {
  return loadUsagePrior(existsSync(workspacePriorFile) ? workspacePriorFile : bundledPriorFile);
}

/** A class counts as known to the prior once this many games use its members. */
const KNOWN_CLASS_USES = 3;

/**
 * Ranking factors from a prior, by record: a member passing games use is raised with the share of
 * games using it (up to ×3 when all do); a member of a class games use a lot (`KeyboardPlugin`)
 * that none of them calls (`resetKeys`) is lowered to ×0.6; anything else is left at ×1.
 */
export function usageFactors(prior: UsagePrior, index: ApiIndex): Float32Array {
  const classUses = new Map<string, number>();
  for (const [id, n] of Object.entries(prior.apis)) {
    const owner = index.get(id)?.memberof;
    if (owner) classUses.set(owner, (classUses.get(owner) ?? 0) + n);
  }
  const games = Math.max(1, prior.games);
  return Float32Array.from(index.docs, (record: ApiRecord) => {
    const n = prior.apis[record.id];
    if (n) return 1 + 2 * Math.sqrt(n / games);
    const owner = record.memberof;
    return owner && (classUses.get(owner) ?? 0) >= KNOWN_CLASS_USES ? 0.6 : 1;
  });
}

/** Mechanics with fewer games than this in a prior are judged by their id pattern instead (requests/coverage.ts). */
export const MIN_MECHANIC_GAMES = 3;

/**
 * The APIs a mechanic's games use distinctly: used by at least `minShare` of its games and more
 * often than by games at large (lift > 1), most distinctive first. What coverage expects a
 * context for that mechanic to carry.
 */
export function mechanicApis(prior: UsagePrior, mechanic: string, options: { limit?: number; minShare?: number; minGames?: number; minLift?: number } = {}): string[] {
  const entry = prior.by_mechanic[mechanic];
  // A mechanic seen in one or two games says more about those games than about the mechanic.
  if (!entry || entry.games < (options.minGames ?? MIN_MECHANIC_GAMES)) return [];
  const minShare = options.minShare ?? 0.3;
  const minLift = options.minLift ?? 1.3;
  const games = Math.max(1, prior.games);
  return Object.entries(entry.apis)
    // The config's own names (`Phaser.AUTO`, `Phaser.Scene`) are every game's, not a mechanic's.
    .filter(([id]) => !/^Phaser\.(?:[A-Z_]+|Scene|Game)$/.test(id))
    .map(([id, n]) => ({ id, share: n / entry.games, lift: n / entry.games / ((prior.apis[id] ?? n) / games) }))
    .filter((row) => row.share >= minShare && row.lift >= minLift)
    .sort((a, b) => b.lift * b.share - a.lift * a.share || (a.id < b.id ? -1 : 1))
    .slice(0, options.limit ?? 5)
    .map((row) => row.id);
}
