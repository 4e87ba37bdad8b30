// `run --rounds N`: what a round adds and what it bought. After validate, every seed without a
// passing answer gets one more request (the next sample_index, up to
// requests.max_samples_per_seed; a repair of its last failed answer when requests.repair is on),
// written to rounds_plan.jsonl, which `requests` turns into request records. Everything here is
// derived from the files (requests, raw outputs, validated), so a run killed in any round
// resumes where it stopped: the plan is only extended after a round's validate has finished.
import { existsSync, readFileSync } from 'node:fs';
import { logger, readJsonlSync, writeJsonlAtomic, writeStageReport, type Config, type StageReportBase, type Workspace } from '../core/index.js';
import { nextRoundMaxTokens } from '../distill/index.js';
import { repairIssues } from '../requests/index.js';
import { rawOutputSchema, requestSchema, resampleSchema, validatedSchema, type RawOutput, type RepairPair, type Resample, type TeacherRequest, type Validated } from '../schemas/index.js';

/** What one round bought (cumulative figures count rounds 1..round). */
export interface RoundFigures {
  round: number;
  /** Requests this round added (round 1: seeds × samples_per_seed). */
  requests: number;
  repair_requests: number;
  /** Of those, answered by the teacher (raw outputs). */
  answered: number;
  /** Teacher calls paid for this round's answers (a truncation re-ask is a second call). */
  teacher_calls: number;
  cost_usd: number;
  /** Seeds whose first passing answer came in this round. */
  new_passing_seeds: number;
  /** Seeds with a passing answer after this round. */
  passing_seeds: number;
  /** passing_seeds / seeds. */
  yield: number;
  /** Passing answers after this round (a seed may have several). */
  passing_samples: number;
  cumulative_cost_usd: number;
  /** cumulative_cost_usd / passing_seeds (null: none passing yet). */
  cost_per_passing_seed: number | null;
  /** cumulative_cost_usd / passing_samples. */
  cost_per_passing_sample: number | null;
  cumulative_teacher_calls: number;
  /** cumulative_teacher_calls / passing_seeds. */
  teacher_calls_per_passing_seed: number | null;
}

export type RoundsStop = 'all passing' | 'attempts used' | 'answers missing' | 'rounds done' | 'next round planned';

/** data/reports/rounds_report.json: the rounds of this workspace so far. */
export interface RoundsReport extends StageReportBase {
  stage: 'rounds';
  counts: { rounds: number; seeds: number; passing_seeds: number; open_seeds: number; exhausted_seeds: number; paid_twice: number; repair_pairs: number };
  settings: { teacher: string; rounds_asked: number; max_samples_per_seed: number; repair: boolean };
  /** Why the loop ended: every seed passes, attempts used, answers missing (distill unfinished), N rounds run; or the next round is planned. */
  stop_reason: RoundsStop;
  rounds: RoundFigures[];
}

/** The files a round is judged from. */
interface RoundData {
  requests: (TeacherRequest & { round: number })[];
  raw: RawOutput[];
  validated: Validated[];
}

const key = (seedId: string, sample: number) => `${seedId}\u0000${sample}`;
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
const ratio = (a: number, b: number, digits = 6) => (b ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null);

function readRows<T>(file: string, schema: { parse: (v: unknown) => T }): T[] {
  return existsSync(file) ? readJsonlSync(file, { schema: schema as never }).map((row) => row.value as T) : [];
}

function loadRoundData(workspace: Workspace, teacher: string): RoundData {
  return {
    requests: readRows(workspace.requestsFile, requestSchema).map((r) => ({ ...r, round: r.round ?? 1 })),
    raw: readRows(workspace.rawOutputsFile(teacher), rawOutputSchema),
    validated: readRows(workspace.validatedFile(), validatedSchema),
  };
}

/** The round a seed's sample was asked in (answers are matched by seed and sample: a kept answer's request_id is older). */
function roundOfSample(data: RoundData): Map<string, number> {
  return new Map(data.requests.map((r) => [key(r.seed_id, r.sample_index), r.round]));
}

/** Per-round figures from the files as they are now. */
export function roundFigures(data: RoundData): RoundFigures[] {
  const bySample = roundOfSample(data);
  const roundOfRequest = new Map(data.requests.map((r) => [r.request_id, r.round]));
  const seeds = new Set(data.requests.map((r) => r.seed_id)).size;
  const last = Math.max(1, ...data.requests.map((r) => r.round));
  const firstPass = new Map<string, number>();
  for (const v of data.validated) {
    const round = roundOfRequest.get(v.request_id);
    if (v.passed && round !== undefined) firstPass.set(v.seed_id, Math.min(round, firstPass.get(v.seed_id) ?? round));
  }
  const figures: RoundFigures[] = [];
  let cost = 0;
  let calls = 0;
  for (let round = 1; round <= last; round++) {
    const asked = data.requests.filter((r) => r.round === round);
    const answers = data.raw.filter((o) => o.seed_id !== undefined && o.sample_index !== undefined && bySample.get(key(o.seed_id, o.sample_index)) === round);
    const roundCost = answers.reduce((sum, o) => sum + o.cost_usd, 0);
    const roundCalls = answers.reduce((sum, o) => sum + ((o as { truncation_reask?: unknown }).truncation_reask ? 2 : 1), 0);
    cost += roundCost;
    calls += roundCalls;
    const passingSeeds = [...firstPass.values()].filter((r) => r <= round).length;
    const passingSamples = data.validated.filter((v) => v.passed && (roundOfRequest.get(v.request_id) ?? Infinity) <= round).length;
    figures.push({
      round,
      requests: asked.length,
      repair_requests: asked.filter((r) => r.repair_of).length,
      answered: answers.length,
      teacher_calls: roundCalls,
      cost_usd: round6(roundCost),
      new_passing_seeds: [...firstPass.values()].filter((r) => r === round).length,
      passing_seeds: passingSeeds,
      yield: ratio(passingSeeds, seeds, 4) ?? 0,
      passing_samples: passingSamples,
      cumulative_cost_usd: round6(cost),
      cost_per_passing_seed: ratio(cost, passingSeeds),
      cost_per_passing_sample: ratio(cost, passingSamples),
      cumulative_teacher_calls: calls,
      teacher_calls_per_passing_seed: ratio(calls, passingSeeds, 3),
    });
  }
  return figures;
}

/** What the next round would ask: one request per seed without a passing answer whose attempts are not used up. */
export interface NextRound {
  round: number;
  entries: Resample[];
  /** Seeds without a passing answer and no attempt left. */
  exhausted: number;
  /** Seeds without a passing answer still waiting for an answer (not resampled). */
  waiting: number;
}

/** The requests of round `round` (the one after the last asked), from the files as they are now. */
export function planNextRound(data: RoundData, config: Config, teacher: string): NextRound {
  const round = Math.max(1, ...data.requests.map((r) => r.round)) + 1;
  const answered = new Set(data.raw.map((o) => key(o.seed_id ?? '', o.sample_index ?? -1)));
  const lastAnswer = new Map(data.raw.map((o) => [key(o.seed_id ?? '', o.sample_index ?? -1), o]));
  const passing = new Set(data.validated.filter((v) => v.passed).map((v) => v.seed_id));
  const sampleOf = new Map(data.requests.map((r) => [r.request_id, r.sample_index]));
  const bySeed = new Map<string, (TeacherRequest & { round: number })[]>();
  for (const r of data.requests) bySeed.set(r.seed_id, [...(bySeed.get(r.seed_id) ?? []), r]);
  const entries: Resample[] = [];
  let exhausted = 0;
  let waiting = 0;
  for (const [seedId, requests] of bySeed) {
    if (passing.has(seedId)) continue;
    if (requests.some((r) => !answered.has(key(seedId, r.sample_index)))) {
      waiting++;
      continue;
    }
    if (requests.length >= config.requests.max_samples_per_seed) {
      exhausted++;
      continue;
    }
    const latest = requests.reduce((a, b) => (b.sample_index > a.sample_index ? b : a));
    const entry: Resample = { seed_id: seedId, sample_index: latest.sample_index + 1, round };
    const answer = lastAnswer.get(key(seedId, latest.sample_index));
    const reasked = answer && (answer as { truncation_reask?: unknown }).truncation_reask;
    const limit = answer?.truncated && !reasked ? nextRoundMaxTokens(config, teacher, latest) : 0;
    if (limit) entry.max_tokens = limit;
    if (config.requests.repair) {
      const failed = data.validated
        .filter((v) => v.seed_id === seedId && !v.passed && v.code.trim())
        .sort((a, b) => (sampleOf.get(b.request_id) ?? -1) - (sampleOf.get(a.request_id) ?? -1))[0];
      if (failed) entry.repair_of = { candidate_id: failed.candidate_id, request_id: failed.request_id, code_hash: failed.code_hash, issues: repairIssues(failed) };
    }
    entries.push(entry);
  }
  return { round, entries, exhausted, waiting };
}

/** The (broken → fixed) pairs: repair requests whose answer passed, one per request. */
export function repairPairs(data: RoundData): RepairPair[] {
  const repairs = new Map(data.requests.filter((r) => r.repair_of).map((r) => [r.request_id, r]));
  const pairs = new Map<string, RepairPair>();
  for (const v of data.validated) {
    const request = repairs.get(v.request_id);
    if (!request?.repair_of || !v.passed || pairs.has(v.request_id)) continue;
    pairs.set(v.request_id, { seed_id: v.seed_id, round: request.round, request_id: v.request_id, broken: request.repair_of, fixed: { candidate_id: v.candidate_id, code_hash: v.code_hash } });
  }
  return [...pairs.values()];
}

/** Raw outputs recorded more than once for the same request (paid twice): should be 0. */
function paidTwice(raw: RawOutput[]): number {
  const seen = new Map<string, number>();
  for (const o of raw) seen.set(o.request_id, (seen.get(o.request_id) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}

export interface RoundStep {
  report: RoundsReport;
  reportFile: string;
  /** The round just planned (undefined: the loop ends here). */
  planned?: NextRound;
}

/**
 * After a round's validate: write the report and the repair pairs, and, when rounds remain and
 * some seed can get another request, append the next round to rounds_plan.jsonl.
 */
export function closeRound(workspace: Workspace, config: Config, teacher: string, roundsAsked: number, started: number): RoundStep {
  const data = loadRoundData(workspace, teacher);
  const figures = roundFigures(data);
  const next = planNextRound(data, config, teacher);
  const pairs = repairPairs(data);
  if (pairs.length || existsSync(workspace.repairPairsFile)) writeJsonlAtomic(workspace.repairPairsFile, pairs);
  const done = figures.length >= roundsAsked;
  const stop: RoundsStop | undefined = done ? 'rounds done' : next.entries.length ? undefined : next.waiting ? 'answers missing' : next.exhausted ? 'attempts used' : 'all passing';
  const planned = !stop && next.entries.length ? next : undefined;
  if (planned) {
    const plan = readRows(workspace.roundsPlanFile, resampleSchema);
    writeJsonlAtomic(workspace.roundsPlanFile, [...plan, ...planned.entries]);
    logger.info(`\n▶ round ${planned.round}: ${planned.entries.length} seeds without a passing answer get another request${config.requests.repair ? ` (${planned.entries.filter((e) => e.repair_of).length} repairs)` : ''}`);
  }
  const last = figures[figures.length - 1];
  const report: Omit<RoundsReport, 'created_at'> = {
    stage: 'rounds',
    duration_ms: Math.round(performance.now() - started),
    counts: {
      rounds: figures.length,
      seeds: new Set(data.requests.map((r) => r.seed_id)).size,
      passing_seeds: last?.passing_seeds ?? 0,
      open_seeds: next.entries.length,
      exhausted_seeds: next.exhausted,
      paid_twice: paidTwice(data.raw),
      repair_pairs: pairs.length,
    },
    settings: { teacher, rounds_asked: roundsAsked, max_samples_per_seed: config.requests.max_samples_per_seed, repair: config.requests.repair },
    stop_reason: stop ?? 'next round planned',
    rounds: figures,
  };
  const reportFile = writeStageReport<RoundsReport>(workspace, 'rounds', report);
  return { report: { ...report, created_at: new Date().toISOString() }, reportFile, planned };
}

/** The round the plan is in: 1 before any later round was planned, else the last planned one. */
export function readRoundsPlanRound(workspace: Workspace): number {
  return Math.max(1, ...readRows(workspace.roundsPlanFile, resampleSchema).map((entry) => entry.round));
}

/** The rounds report of a workspace, if `run --rounds` wrote one. */
export function readRoundsReport(workspace: Workspace): RoundsReport | undefined {
  const file = workspace.stageReportFile('rounds');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RoundsReport;
  } catch {
    return undefined;
  }
}

/** The rounds as a table for a terminal. */
export function formatRounds(report: RoundsReport): string {
  const lines = [`rounds (${report.rounds.length} of ${report.settings.rounds_asked} asked; ${report.stop_reason}; repair ${report.settings.repair ? 'on' : 'off'}):`, '  round  sent  new pass  yield   cost $    $/passing sample  calls/passing seed'];
  for (const r of report.rounds) {
    lines.push(`  ${String(r.round).padStart(5)}  ${String(r.answered).padStart(4)}  ${String(r.new_passing_seeds).padStart(8)}  ${r.yield.toFixed(3).padStart(5)}  ${r.cost_usd.toFixed(4).padStart(8)}  ${(r.cost_per_passing_sample?.toFixed(5) ?? '-').padStart(16)}  ${(r.teacher_calls_per_passing_seed?.toFixed(2) ?? '-').padStart(18)}`);
  }
  return lines.join('\n');
}
