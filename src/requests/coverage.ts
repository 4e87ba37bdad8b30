// Does the API context carry what the seed's game will need? Per mechanic, the usage prior says
// which APIs passing games with that mechanic use distinctly (apiIndex/usagePrior.ts
// `mechanicApis`); a seed's context (core toolkit + retrieved) covers the mechanic when it
// carries at least half of them. A mechanic the prior has too few games for is judged by an id
// pattern instead (below); one with neither (scoring, lives, state machines: game logic more
// than API) is not judged. The report also gives the noise share (retrieved ids in a family games
// do not use, apiIndex/gameFacing.ts) and the toolkit's presence, with warnings when they slip:
// the old report said 100% for every mechanic and "0 weak" whatever retrieval did.
import { mechanicApis, noiseFamily, type ApiIndex, type UsagePrior } from '../apiIndex/index.js';

export const MECHANIC_API_PATTERNS: Readonly<Record<string, RegExp>> = {
  gravity_jump: /Gravity|#setVelocityY|#setBounce|blocked|touching|onFloor/,
  collisions: /collider|overlap|Collision|#collide/i,
  timers: /^Phaser\.Time\.|delayedCall|TimerEvent/,
  tweens: /^Phaser\.Tweens\.|tween/i,
  particles: /Particle/,
  camera_follow: /^Phaser\.Cameras\.|startFollow|setBounds/,
  tilemap_array: /^Phaser\.Tilemaps\.|tilemap/i,
  pointer_drag: /drag/i,
  pointer_click: /^Phaser\.Input\.(?!Keyboard)|setInteractive|pointer/i,
  keyboard: /^Phaser\.Input\.Keyboard\.|CursorKeys|addKey/,
  ui_text: /^Phaser\.GameObjects\.(Text|BitmapText)\b|#text\b|#setText|TextStyle/,
  levels_scenes: /^Phaser\.Scenes?\.|ScenePlugin|SceneManager/,
  procedural: /^Phaser\.Math\.(Between|FloatBetween|RND|RandomDataGenerator)|^Phaser\.Utils\.Array\.(Shuffle|GetRandom)|RandomDataGenerator/,
  spawning: /^Phaser\.GameObjects\.Group|addEvent|TimerEvent|#createMultiple|#get\b/,
  projectiles: /#setVelocity|^Phaser\.GameObjects\.Group|velocityFromAngle|#fire/,
  enemy_ai: /moveTo|accelerateTo|Distance|Angle\.Between|velocityFromAngle|moveToObject/,
  grid_logic: /Grid|^Phaser\.Math\.Snap|#getTileAt|worldToTile|tileToWorld/,
  pause_menu: /#pause\b|#resume\b|#isPaused|#launch\b/,
};

/** A mechanic covered by the prior needs at least this share of its expected APIs in the context. */
export const PRIOR_COVERAGE_SHARE = 0.5;
/** Warn when a mechanic's seeds are covered less often than this … */
export const WARN_MECHANIC_RATE = 0.8;
/** … when more than this share of retrieved ids are noise … */
export const WARN_NOISE_SHARE = 0.05;
/** … or when the toolkit is missing from any request. */
export const WARN_TOOLKIT_PRESENCE = 1;

export interface Coverage {
  /** Mechanics of the seed that are judged (by the prior or a pattern). */
  judged: string[];
  /** Of those, the ones the context covers. */
  covered: string[];
}

/** How each mechanic is judged: the APIs the prior expects, or an id pattern. */
export type MechanicJudge = { by: 'prior'; expected: string[] } | { by: 'pattern'; pattern: RegExp };

/** The judge for each mechanic: the prior's distinctive APIs where it has enough games, else the pattern. */
export function mechanicJudges(prior: UsagePrior | undefined, mechanics: Iterable<string>): Map<string, MechanicJudge> {
  const judges = new Map<string, MechanicJudge>();
  for (const mechanic of new Set(mechanics)) {
    const expected = prior ? mechanicApis(prior, mechanic) : [];
    if (expected.length) judges.set(mechanic, { by: 'prior', expected });
    else if (mechanic in MECHANIC_API_PATTERNS) judges.set(mechanic, { by: 'pattern', pattern: MECHANIC_API_PATTERNS[mechanic] });
  }
  return judges;
}

function covers(judge: MechanicJudge, refs: ReadonlySet<string>): boolean {
  if (judge.by === 'pattern') return [...refs].some((id) => judge.pattern.test(id));
  const carried = judge.expected.filter((id) => refs.has(id)).length;
  return carried >= Math.max(1, Math.ceil(judge.expected.length * PRIOR_COVERAGE_SHARE));
}

/**
 * Which of a seed's judgeable mechanics its injected APIs cover. Without judges, by the id
 * patterns alone (what bench/retrieval.ts measures).
 */
export function mechanicsCoverage(mechanics: readonly string[], apiRefs: readonly string[], judges = mechanicJudges(undefined, mechanics)): Coverage {
  const refs = new Set(apiRefs);
  const judged = mechanics.filter((m) => judges.has(m));
  return { judged, covered: judged.filter((m) => covers(judges.get(m)!, refs)) };
}

export interface MechanicCoverageRow {
  seeds: number;
  covered: number;
  rate: number;
  judged_by: 'prior' | 'pattern';
  /** What the prior expects (judged by the prior), or the pattern's source. */
  expects: string[] | string;
}

export interface CoverageReport {
  status: 'ok' | 'warn';
  warnings: string[];
  mechanics: Record<string, MechanicCoverageRow>;
  /** Retrieved ids (toolkit excluded) in a family games do not use, as a share of all retrieved ids, by family. */
  noise: { share: number; retrieved_ids: number; by_family: Record<string, number> };
  /** Share of seeds whose api_refs carry every toolkit id, and the toolkit's size. */
  toolkit: { presence: number; ids: number; tokens: number };
}

export interface SeedContextRefs {
  mechanics: readonly string[];
  /** Retrieved ids (the per-request context). */
  retrieved: readonly string[];
  /** Everything injected: toolkit + retrieved. */
  injected: readonly string[];
}

/** The coverage report over every seed's context; warnings when a mechanic, the noise or the toolkit slips. */
export function coverageReport(index: ApiIndex, seeds: readonly SeedContextRefs[], judges: Map<string, MechanicJudge>, toolkit: { api_refs: readonly string[]; tokens: number }): CoverageReport {
  const asked = new Map<string, number>();
  const coveredBy = new Map<string, number>();
  let retrieved = 0;
  const byFamily = new Map<string, number>();
  let withToolkit = 0;
  for (const seed of seeds) {
    const coverage = mechanicsCoverage(seed.mechanics, seed.injected, judges);
    for (const m of coverage.judged) asked.set(m, (asked.get(m) ?? 0) + 1);
    for (const m of coverage.covered) coveredBy.set(m, (coveredBy.get(m) ?? 0) + 1);
    for (const id of seed.retrieved) {
      retrieved++;
      const record = index.get(id);
      const family = record && noiseFamily(record);
      if (family) byFamily.set(family, (byFamily.get(family) ?? 0) + 1);
    }
    const injected = new Set(seed.injected);
    if (toolkit.api_refs.every((id) => injected.has(id))) withToolkit++;
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const mechanics: Record<string, MechanicCoverageRow> = {};
  const warnings: string[] = [];
  for (const [mechanic, n] of [...asked].sort((a, b) => b[1] - a[1])) {
    const judge = judges.get(mechanic)!;
    const covered = coveredBy.get(mechanic) ?? 0;
    mechanics[mechanic] = { seeds: n, covered, rate: round(covered / n), judged_by: judge.by, expects: judge.by === 'prior' ? judge.expected : judge.pattern.source };
    if (covered / n < WARN_MECHANIC_RATE) {
      warnings.push(`${mechanic}: ${covered} of ${n} seeds' contexts carry what its games use (${judge.by === 'prior' ? judge.expected.join(', ') : `/${judge.pattern.source}/`})`);
    }
  }
  const noisy = [...byFamily.values()].reduce((a, b) => a + b, 0);
  const noiseShare = retrieved ? round(noisy / retrieved) : 0;
  if (noiseShare > WARN_NOISE_SHARE) warnings.push(`noise: ${(noiseShare * 100).toFixed(1)}% of retrieved ids are APIs games do not use (${[...byFamily].map(([f, c]) => `${f} ${c}`).join(', ')})`);
  const presence = seeds.length ? round(withToolkit / seeds.length) : 1;
  if (toolkit.api_refs.length === 0) warnings.push('toolkit: empty (no core toolkit in the system prompt)');
  else if (presence < WARN_TOOLKIT_PRESENCE) warnings.push(`toolkit: in ${(presence * 100).toFixed(1)}% of the seeds' requests, not all`);
  return {
    status: warnings.length ? 'warn' : 'ok',
    warnings,
    mechanics,
    noise: { share: noiseShare, retrieved_ids: retrieved, by_family: Object.fromEntries(byFamily) },
    toolkit: { presence, ids: toolkit.api_refs.length, tokens: toolkit.tokens },
  };
}
