// `validate`: every candidate through the chosen levels, cached by code hash + validator version.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  writeJsonlStreaming,
  InputError,
  Progress,
  StageTimer,
  inShard,
  logger,
  readJsonlValues,
  sha256,
  writeStageReport,
  type Config,
  type LevelName,
  type PhaserLine,
  type Shard,
  type StageReportBase,
  type Workspace,
} from '../core/index.js';
import { candidateSchema, seedSchema, type Candidate, type Compat, type LineVerdict, type Seed, type Validated, type Validation } from '../schemas/index.js';
import { measureFidelity } from './fidelity/index.js';
import { ValidatorCache } from './cache.js';
import { summariseValidated, type FilterSummary } from './filterReport.js';
import { Validator } from './validator.js';

/** `data/reports/filter_report.json` (one per shard with `--shard`), written by `validate`: the verdict summary and how it was reached. */
export interface FilterReport extends StageReportBase, FilterSummary {
  stage: 'validate';
  counts: {
    /** Candidates read (of this shard). */
    candidates: number;
    /** Distinct games among them (by code hash): each is validated once. */
    unique_codes: number;
    /** Games whose verdict came from the validator cache. */
    cached: number;
    /** Games validated by this run. */
    validated_now: number;
    /** Candidates that passed every level. */
    passed: number;
    /** Candidates whose verdict lacks a level that could not run (L4 without a browser). */
    incomplete: number;
  };
  settings: {
    levels: LevelName[];
    workers: number;
    /** The validator's version: a change of rules changes it and invalidates the cache. */
    validator_version: string;
    /** Largest game L3 accepts, in bytes. */
    max_code_bytes: number;
    shard: Shard | null;
    /** With L4: the browser it ran in (null: none found, L4 skipped). */
    browser?: string | null;
    /** With `--phaser 3,4`: the lines every game was checked against (records carry `compat`). */
    phaser_lines?: PhaserLine[];
  };
  /** With `--phaser`: candidates passing on each line. */
  compat?: Partial<Record<PhaserLine, { passed: number; validator_version: string }>>;
}

export interface ValidateOptions {
  levels: LevelName[];
  workers: number;
  shard?: Shard;
  quiet?: boolean;
  /** `--phaser 3,4`: check every game against each line (`compat` on each record). */
  phaserLines?: PhaserLine[];
}

export interface ValidateResult extends FilterSummary {
  validator_version: string;
  unique_codes: number;
  cached: number;
  validated_now: number;
  validated_file: string;
  report_file: string;
  compat?: FilterReport['compat'];
}

/** Candidates of this shard: the shard's own parse output when there is one, else the shard's slice of the whole. */
async function readCandidates(workspace: Workspace, shard?: Shard): Promise<Candidate[]> {
  if (shard && existsSync(workspace.candidatesFile(shard))) return readJsonlValues(workspace.candidatesFile(shard), { schema: candidateSchema });
  const file = workspace.candidatesFile();
  if (!existsSync(file)) throw new InputError({ file }, 'no candidates; run `phaser-sft parse` first');
  const all = await readJsonlValues(file, { schema: candidateSchema });
  return all.filter((candidate) => inShard(candidate.request_id, shard));
}

/** Games in flight at once: enough for every worker's L2 to fill its batches. */
function concurrencyFor(workers: number): number {
  return Math.max(1, workers) * 64;
}

export interface ValidatedGames {
  verdicts: Map<string, Validation>;
  cached: number;
  checked: number;
  validatorVersion: string;
  /** The browser L4 ran in (null: none found); undefined without L4. */
  browser: string | null | undefined;
}

/**
 * Validate distinct games (code hash → code) through the cache: cached verdicts are reused, the
 * rest are checked concurrently and appended to the cache as each finishes (so a killed run
 * resumes). Shared by `validate` and `eval score`.
 */
export async function validateGames(
  workspace: Workspace,
  config: Config,
  games: Map<string, string>,
  options: { levels: LevelName[]; workers: number; shard?: Shard; quiet?: boolean; label: string },
): Promise<ValidatedGames> {
  // The cache is read before any worker or browser starts: nothing is left running if it fails.
  const cache = ValidatorCache.forWorkspace(workspace, options.shard);
  const validator = await Validator.create({
    config,
    levels: options.levels,
    workers: options.workers,
    screenshotDir: workspace.screenshotsDir,
    workspaceRoot: workspace.root,
  });
  const verdicts = new Map<string, Validation>();
  const todo: [string, string][] = [];
  for (const [codeHash, code] of games) {
    const cached = cache.get(codeHash, validator.version);
    if (cached) verdicts.set(codeHash, cached);
    else todo.push([codeHash, code]);
  }
  const cachedCount = verdicts.size;
  logger.info(`${options.label}: ${games.size} distinct games, ${cachedCount} cached, ${todo.length} to check with ${options.levels.join(',')} (validator ${validator.version})`);
  if (validator.browser) logger.info(`${options.label}: L4 runs in ${validator.browser}`);

  const progress = new Progress({ label: options.label, total: todo.length, quiet: options.quiet, unit: 'game' });
  let failed = 0;
  try {
    const worker = async () => {
      for (let next = todo.shift(); next; next = todo.shift()) {
        const [codeHash, code] = next;
        const verdict = await validator.validate({ code, codeHash });
        cache.put(verdict);
        verdicts.set(codeHash, verdict);
        if (!verdict.passed) failed++;
        progress.tick(1, `${failed} failed`);
      }
    };
    await Promise.all(Array.from({ length: concurrencyFor(options.workers) }, worker));
  } finally {
    progress.finish();
    cache.close();
    await validator.close();
  }
  return { verdicts, cached: cachedCount, checked: games.size - cachedCount, validatorVersion: validator.version, browser: validator.browser };
}

export async function runValidate(workspace: Workspace, config: Config, options: ValidateOptions): Promise<ValidateResult> {
  const timer = new StageTimer('validate');
  const candidates = await readCandidates(workspace, options.shard);
  const games = new Map<string, string>();
  for (const candidate of candidates) games.set(candidate.code_hash, candidate.code);
  logger.info(`validate: ${candidates.length} candidates`);
  const byLine = await validateLines(workspace, config, games, options);
  const main = byLine.get(config.phaser.version)!;
  const { cached: cachedCount, checked, validatorVersion, browser } = main;

  const seeds = readSeedsQuietly(workspace.seedsFile);
  const records: Validated[] = candidates.map((candidate) => {
    // the record's own verdict is its line's when that line was checked, else the config's
    const own = byLine.get(candidate.phaser_version ?? config.phaser.version) ?? main;
    const record: Validated = { ...candidate, ...own.verdicts.get(candidate.code_hash)! };
    if (options.phaserLines?.length) record.compat = compatOf(byLine, candidate.code_hash);
    return withFidelity(record, seeds.get(candidate.seed_id));
  });
  writeJsonlStreaming(workspace.validatedFile(options.shard), (writer) => {
    for (const record of records) writer.write(record);
  });
  const summary = summariseValidated(records, options.levels);
  const compat = options.phaserLines?.length ? compatCounts(byLine, candidates) : undefined;
  const reportFile = writeStageReport<FilterReport>(
    workspace,
    'filter',
    {
      stage: 'validate',
      duration_ms: timer.elapsedMs(),
      counts: { candidates: candidates.length, unique_codes: games.size, cached: cachedCount, validated_now: checked, passed: summary.passed, incomplete: summary.incomplete },
      settings: {
        levels: options.levels,
        workers: options.workers,
        validator_version: validatorVersion,
        max_code_bytes: config.validate.max_code_bytes,
        shard: options.shard ?? null,
        // with L4: the browser it ran in (null: none found, L4 skipped)
        ...(browser === undefined ? {} : { browser }),
        ...(compat ? { phaser_lines: [...byLine.keys()] } : {}),
      },
      ...(compat ? { compat } : {}),
      ...summary,
    },
    { shard: options.shard },
  );
  return {
    ...summary,
    validator_version: validatorVersion,
    unique_codes: games.size,
    cached: cachedCount,
    validated_now: checked,
    validated_file: workspace.validatedFile(options.shard),
    report_file: reportFile,
    ...(compat ? { compat } : {}),
  };
}

/**
 * Every game through the config's line, and with `--phaser` through each line listed too (one
 * validator per line, one after the other: each line's cache entries carry its own validator
 * version). Lines in order, the config's first.
 */
async function validateLines(workspace: Workspace, config: Config, games: Map<string, string>, options: ValidateOptions): Promise<Map<PhaserLine, ValidatedGames>> {
  const lines = [...new Set([config.phaser.version, ...(options.phaserLines ?? [])])];
  const byLine = new Map<PhaserLine, ValidatedGames>();
  for (const line of lines) {
    const label = lines.length > 1 ? `validate (Phaser ${line})` : 'validate';
    // `phaser.package_dir` is the config line's package; another line uses its installed one
    const phaser = line === config.phaser.version ? config.phaser : { version: line };
    byLine.set(line, await validateGames(workspace, { ...config, phaser }, games, { ...options, label }));
  }
  return byLine;
}

/** A verdict as one line's entry of `compat`. */
export function lineVerdict(verdict: Validation): LineVerdict {
  const failed = LEVEL_ORDER.find((name) => verdict.levels[name] && !verdict.levels[name].passed && !verdict.levels[name].skipped) ?? null;
  const result = verdict.passed ? 'pass' : failed === null && verdict.unavailable_levels?.length ? 'incomplete' : 'fail';
  const code = failed ? (verdict.levels[failed]!.issues.find((issue) => issue.severity === 'error')?.code ?? null) : null;
  return { result, failed_level: failed, code, validator_version: verdict.validator_version };
}
const LEVEL_ORDER = ['L1', 'L2', 'L3', 'L4'] as const;

function compatOf(byLine: Map<PhaserLine, ValidatedGames>, codeHash: string): Compat {
  const compat: Compat = {};
  for (const [line, games] of byLine) compat[line] = lineVerdict(games.verdicts.get(codeHash)!);
  return compat;
}

function compatCounts(byLine: Map<PhaserLine, ValidatedGames>, candidates: Candidate[]): NonNullable<FilterReport['compat']> {
  const counts: NonNullable<FilterReport['compat']> = {};
  for (const [line, games] of byLine) {
    counts[line] = { passed: candidates.filter((c) => games.verdicts.get(c.code_hash)!.passed).length, validator_version: games.validatorVersion };
  }
  return counts;
}

/** Validate one file (`validate-file`): the verdict record plus the file it is about. */
export async function validateFile(file: string, config: Config, levels: LevelName[], workspace: Workspace | null): Promise<Validation & { file: string }> {
  const path = resolve(file);
  if (!existsSync(path)) throw new InputError({ file }, 'file not found');
  const code = readFileSync(path, 'utf8');
  const validator = await Validator.create({ config, levels, workers: 1, screenshotDir: workspace?.screenshotsDir ?? null, workspaceRoot: workspace?.root ?? null });
  try {
    return { file, ...(await validator.validate({ code, codeHash: sha256(code) })) };
  } finally {
    await validator.close();
  }
}

/** Seeds by id for the fidelity checks; none when the file is absent or unreadable (fidelity is then left out). */
function readSeedsQuietly(file: string): Map<string, Seed> {
  const seeds = new Map<string, Seed>();
  if (!existsSync(file)) return seeds;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const seed = seedSchema.safeParse(JSON.parse(line));
      if (seed.success) seeds.set(seed.data.id, seed.data);
    } catch {
      // a broken line is the seeds stage's to report
    }
  }
  return seeds;
}

/** The record with `fidelity` and its checks against its seed (L4's probes first, then the code). */
function withFidelity(record: Validated, seed: Seed | undefined): Validated {
  if (!seed) return record;
  const result = measureFidelity(seed, record.code, record.runtime?.probes, record.runtime?.responds_to_input);
  if (!result.fidelity_checks.length) return record;
  return { ...record, fidelity: result.fidelity, fidelity_checks: result.fidelity_checks, unresponsive_controls: result.unresponsive_controls };
}
