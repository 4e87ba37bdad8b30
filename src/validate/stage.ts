// `validate`: every candidate through the chosen levels, cached by code hash + validator version.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AtomicJsonlWriter,
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
  type Shard,
  type Workspace,
} from '../core/index.js';
import { candidateSchema, type Candidate, type Validated, type Validation } from '../schemas/index.js';
import { ValidatorCache } from './cache.js';
import { summariseValidated, type FilterSummary } from './filterReport.js';
import { Validator } from './validator.js';

export interface ValidateOptions {
  levels: LevelName[];
  workers: number;
  shard?: Shard;
  quiet?: boolean;
}

export interface ValidateResult extends FilterSummary {
  validator_version: string;
  unique_codes: number;
  cached: number;
  validated_now: number;
  validated_file: string;
  report_file: string;
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

export async function runValidate(workspace: Workspace, config: Config, options: ValidateOptions): Promise<ValidateResult> {
  const timer = new StageTimer('validate');
  const candidates = await readCandidates(workspace, options.shard);
  const validator = await Validator.create({
    config,
    levels: options.levels,
    workers: options.workers,
    screenshotDir: workspace.screenshotsDir,
    workspaceRoot: workspace.root,
  });
  const cache = ValidatorCache.forWorkspace(workspace, options.shard);
  const verdicts = new Map<string, Validation>();
  const todo = new Map<string, string>();
  for (const candidate of candidates) {
    const cached = cache.get(candidate.code_hash, validator.version);
    if (cached) verdicts.set(candidate.code_hash, cached);
    else if (!todo.has(candidate.code_hash)) todo.set(candidate.code_hash, candidate.code);
  }
  const cachedCount = verdicts.size;
  logger.info(`validate: ${candidates.length} candidates, ${todo.size + cachedCount} distinct games, ${cachedCount} cached, ${todo.size} to check with ${options.levels.join(',')} (validator ${validator.version})`);

  const progress = new Progress({ label: 'validate', total: todo.size, quiet: options.quiet, unit: 'game' });
  let failed = 0;
  try {
    const queue = [...todo];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
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

  const records: Validated[] = candidates.map((candidate) => ({ ...candidate, ...verdicts.get(candidate.code_hash)! }));
  const writer = new AtomicJsonlWriter(workspace.validatedFile(options.shard));
  try {
    for (const record of records) writer.write(record);
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
  const summary = summariseValidated(records, options.levels);
  const reportFile = writeStageReport(
    workspace,
    'filter',
    {
      stage: 'validate',
      duration_ms: timer.elapsedMs(),
      counts: { candidates: candidates.length, unique_codes: todo.size + cachedCount, cached: cachedCount, validated_now: todo.size, passed: summary.passed, incomplete: summary.incomplete },
      settings: { levels: options.levels, workers: options.workers, validator_version: validator.version, max_code_bytes: config.validate.max_code_bytes, shard: options.shard ?? null },
      ...summary,
    },
    { shard: options.shard },
  );
  return {
    ...summary,
    validator_version: validator.version,
    unique_codes: todo.size + cachedCount,
    cached: cachedCount,
    validated_now: todo.size,
    validated_file: workspace.validatedFile(options.shard),
    report_file: reportFile,
  };
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
