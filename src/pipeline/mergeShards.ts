// Merging the outputs of a stage run as shards (`--shard i/n`, e.g. a Slurm or Kubernetes array
// job) into the unsharded files the next stage reads. Records are put back in the order of the
// stage's input, so a merged file is the file an unsharded run writes; the shard reports are
// summed into the stage report. The merged file and its report are committed as one unit
// (`writeTogether`: a kill between them is completed by the next command), under the stage's lock.
import { existsSync, readFileSync } from 'node:fs';
import { BadLines, InputError, schemaError, writeJsonlStreaming, JsonlAppender, WorkError, acquireRunLock, readJsonl, writeJsonAtomic, writeTogether, type Shard, type Workspace } from '../core/index.js';
import { validationSchema } from '../schemas/index.js';
import { fingerprint, type FileFingerprint } from './manifest.js';
import type { StageContext, AnyStage } from './stages.js';

type ShardedKind = NonNullable<AnyStage['sharded']>;

/** How each sharded output is named, keyed and ordered. */
const KINDS: Record<ShardedKind, { file: (w: Workspace, shard?: Shard) => string; key: string; report: string }> = {
  candidates: { file: (w, s) => w.candidatesFile(s), key: 'request_id', report: 'parse' },
  validated: { file: (w, s) => w.validatedFile(s), key: 'candidate_id', report: 'filter' },
  selected: { file: (w, s) => w.selectedFile(s), key: 'candidate_id', report: 'selection' },
};

export interface ShardSet {
  count: number;
  files: string[];
  /** Shards without a finished output (no output file or no shard report). */
  missing: number[];
}

/** The shard outputs of a stage, if any: their count, the finished ones and the missing ones. */
export function findShardSet(workspace: Workspace, kind: ShardedKind): ShardSet | undefined {
  const counts = new Set(workspace.shardFiles(kind).map(({ shard }) => shard.count));
  if (!counts.size) return undefined;
  if (counts.size > 1) throw new WorkError(`${kind}: shard outputs of different shard counts (${[...counts].join(', ')}) in ${workspace.distillDir}/; remove the stale ones`);
  const count = [...counts][0];
  const files: string[] = [];
  const missing: number[] = [];
  for (let index = 1; index <= count; index++) {
    const shard = { index, count };
    const file = KINDS[kind].file(workspace, shard);
    if (existsSync(file) && existsSync(workspace.stageReportFile(KINDS[kind].report, shard))) files.push(file);
    else missing.push(index);
  }
  return { count, files, missing };
}

/** Position of every key in the stage's input files (the order an unsharded run writes in). */
async function inputOrder(files: string[], key: string): Promise<Map<string, number>> {
  const order = new Map<string, number>();
  for (const file of files) {
    if (!existsSync(file)) continue;
    for await (const row of readJsonl(file)) {
      const value = (row.value as Record<string, unknown>)[key];
      if (typeof value === 'string' && !order.has(value)) order.set(value, order.size);
    }
  }
  return order;
}

/** Shard reports summed: counts and flat tallies add up; anything else is taken from shard 1. */
export function mergeReports(reports: Record<string, unknown>[]): Record<string, unknown> {
  const isTally = (v: unknown): v is Record<string, number> => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number');
  const merged: Record<string, unknown> = { ...reports[0] };
  for (const [key, value] of Object.entries(reports[0])) {
    if (typeof value === 'number' && key !== 'duration_ms') continue; // a rate: not summable, keep shard 1's
    if (key === 'duration_ms') merged[key] = Math.max(...reports.map((r) => Number(r[key] ?? 0)));
    else if (isTally(value)) {
      const sum: Record<string, number> = {};
      for (const report of reports) for (const [k, v] of Object.entries((report[key] as Record<string, number>) ?? {})) sum[k] = (sum[k] ?? 0) + v;
      merged[key] = sum;
    }
  }
  return { ...merged, merged_from_shards: reports.length, created_at: new Date().toISOString() };
}

export interface MergeResult {
  records: number;
  shards: number;
  mergedFrom: FileFingerprint[];
}

/**
 * Merge a complete shard set into the stage's unsharded output, its report and (for
 * `validate`) the validator cache, holding the stage's lock. Throws when shards are missing,
 * naming the commands to run.
 */
export async function mergeShards(ctx: StageContext, spec: AnyStage, set: ShardSet): Promise<MergeResult> {
  if (set.missing.length) {
    const runs = set.missing.map((i) => `phaser-sft ${spec.command} --shard ${i}/${set.count}`).join('\n  ');
    throw new WorkError(`${spec.name}: ${set.count - set.missing.length} of ${set.count} shards finished; run the rest, then \`run\` again:\n  ${runs}`);
  }
  const release = acquireRunLock(ctx.workspace.stageLockFile(spec.name), `${spec.command} (merging its shards)`);
  try {
    return await mergeLocked(ctx, spec, set);
  } finally {
    release();
  }
}

async function mergeLocked(ctx: StageContext, spec: AnyStage, set: ShardSet): Promise<MergeResult> {
  const kind = KINDS[spec.sharded!];
  const { workspace } = ctx;
  const order = await inputOrder(spec.inputs(ctx), kind.key);
  const records: { record: Record<string, unknown>; position: number; tie: string }[] = [];
  for (const file of set.files) {
    for await (const row of readJsonl(file)) {
      const record = row.value as Record<string, unknown>;
      records.push({ record, position: order.get(String(record[kind.key])) ?? Number.MAX_SAFE_INTEGER, tie: String(record.candidate_id ?? record[kind.key]) });
    }
  }
  if (spec.sharded === 'selected') {
    // Ranks are per shard; re-rank the merged set by score.
    records.sort((a, b) => Number(b.record.score) - Number(a.record.score) || a.position - b.position || a.tie.localeCompare(b.tie));
    records.forEach((entry, i) => (entry.record.rank = i + 1));
  } else {
    records.sort((a, b) => a.position - b.position || a.tie.localeCompare(b.tie));
  }
  const shards = Array.from({ length: set.count }, (_, i) => ({ index: i + 1, count: set.count }));
  const reports = shards.map((shard) => readShardReport(workspace.stageReportFile(kind.report, shard)));
  // The merged file and its report switch in together: no reader sees one without the other.
  writeTogether(workspace.commitJournalFile(`merge-${spec.name}`), () => {
    writeJsonlStreaming(kind.file(workspace), (writer) => {
      for (const entry of records) writer.write(entry.record);
    });
    writeJsonAtomic(workspace.stageReportFile(kind.report), mergeReports(reports));
  });
  if (spec.sharded === 'validated') await mergeValidatorCaches(workspace, shards);
  return { records: records.length, shards: set.count, mergedFrom: await fingerprint(workspace, set.files) };
}

/** A shard's stage report (written by the shard run): a damaged one is bad input naming the file (exit 2). */
function readShardReport(file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError({ file }, `not valid JSON (${(error as Error).message}); rerun that shard to write it again`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError({ file }, 'not a stage report (a JSON object); rerun that shard to write it again');
  return value as Record<string, unknown>;
}

/**
 * Append the shard caches' verdicts the main cache lacks (keyed by code hash + validator
 * version). A damaged line in any of the caches is named with file:line and skipped (a cache:
 * that game is validated again), never the merge's end.
 */
async function mergeValidatorCaches(workspace: Workspace, shards: Shard[]): Promise<void> {
  const keyOf = (r: { code_hash: string; validator_version: string }) => `${r.code_hash}@${r.validator_version}`;
  const main = workspace.validatorCacheFile();
  const seen = new Set<string>();
  const bad = new BadLines('those games are validated again');
  // Checked against the cache's schema, but copied as written (the line's own key order).
  async function* read(file: string): AsyncGenerator<{ key: string; value: unknown }> {
    for await (const row of readJsonl(file, { onBadLine: bad.add })) {
      const parsed = validationSchema.safeParse(row.value);
      if (parsed.success) yield { key: keyOf(parsed.data), value: row.value };
      else bad.add(schemaError(file, row.line, parsed.error));
    }
  }
  if (existsSync(main)) for await (const row of read(main)) seen.add(row.key);
  const appender = new JsonlAppender(main, { fsync: false });
  try {
    for (const shard of shards) {
      const file = workspace.validatorCacheFile(shard);
      if (!existsSync(file)) continue;
      const fresh: unknown[] = [];
      for await (const row of read(file)) {
        const key = row.key;
        if (!seen.has(key)) {
          seen.add(key);
          fresh.push(row.value);
        }
      }
      appender.appendMany(fresh);
    }
  } finally {
    appender.close();
  }
  bad.report('validator caches (merging shards)');
}
