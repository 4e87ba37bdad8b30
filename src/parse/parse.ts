// `parse`: raw teacher outputs → candidates.jsonl (plan + one game each) + codes/<hash>.js.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import {
  writeJsonlStreaming,
  InputError,
  Progress,
  StageTimer,
  distribution,
  inShard,
  logger,
  readJsonl,
  sha256,
  stableHash,
  tally,
  writeFileAtomic,
  writeStageReport,
  type Distribution,
  type Shard,
  type StageReportBase,
  type Workspace,
} from '../core/index.js';
import { rawOutputSchema, requestSchema, type Candidate } from '../schemas/index.js';
import { extractAnswer } from './extract.js';

/** What `parse` counts (the report's `counts`, and the CLI's `--json` result). */
// A type alias, not an interface: `counts` must fit `Record<string, number>`.
export type ParseCounts = {
  /** Raw answers read (of this shard). */
  raw_outputs: number;
  /** Candidates written (answers with a request, first answer per request). */
  candidates: number;
  /** Candidates whose answer held no code. */
  no_code: number;
  /** Answers whose request is not in `requests.jsonl` (nor kept for its seed and sample). */
  orphans: number;
  /** Answers for an earlier version of a current request (same seed and sample), kept as its candidates. */
  kept: number;
  /** Further answers to a request already parsed. */
  duplicates: number;
  /** Code files written to `codes/`. */
  codes_written: number;
};

/** `data/reports/parse_report.json` (one per shard with `--shard`), written by `parse`. */
export interface ParseReport extends StageReportBase {
  stage: 'parse';
  counts: ParseCounts;
  settings: {
    /** The teachers whose raw outputs were read, in order. */
    teachers: string[];
    shard: Shard | null;
  };
  /** Candidates by parse error code (`no_code_block`, `multiple_code_blocks`, …). */
  parse_errors: Record<string, number>;
  /** Size of the extracted code, in bytes and lines. */
  code_bytes: Distribution;
  code_lines: Distribution;
  /** Length of the plan, in characters. */
  plan_chars: Distribution;
  /** Raw outputs, candidates and answers without code, per teacher. */
  per_teacher: Record<string, { raw_outputs: number; candidates: number; no_code: number }>;
}

export interface ParseOptions {
  /** Only this teacher's raw outputs (default: every `raw_outputs_<teacher>.jsonl`). */
  teacher?: string;
  shard?: Shard;
  quiet?: boolean;
}

export interface ParseResult extends ParseCounts {
  parse_errors: Record<string, number>;
  candidates_file: string;
  report_file: string;
}

/** Teachers with a raw outputs file in the workspace (or the one asked for). */
export function teachersToParse(workspace: Workspace, teacher?: string): string[] {
  if (teacher) {
    const file = workspace.rawOutputsFile(teacher);
    if (!existsSync(file)) throw new InputError({ file }, `no raw outputs for teacher "${teacher}"; run \`phaser-sft distill --teacher ${teacher}\``);
    return [teacher];
  }
  const teachers = workspace.teachersWithRawOutputs();
  if (!teachers.length) throw new InputError({ file: workspace.rawOutputsFile('<teacher>') }, 'no raw outputs; run `phaser-sft distill` first');
  return teachers;
}

/** Sample `sampleIndex` of seed `seedId`, whatever the prompt it was asked with. */
const slotOf = (seedId: string, sampleIndex: number) => `${seedId}\u0000${sampleIndex}`;

/** request_id → seed_id and slot → request_id, streamed so the (large) system prompts are not kept. */
async function requestIndex(workspace: Workspace): Promise<{ seeds: Map<string, string>; slots: Map<string, string>; lines: Map<string, '3' | '4'> }> {
  const file = workspace.requestsFile;
  if (!existsSync(file)) throw new InputError({ file }, 'requests not found; run `phaser-sft requests` first');
  const seeds = new Map<string, string>();
  const slots = new Map<string, string>();
  const lines = new Map<string, '3' | '4'>();
  for await (const row of readJsonl(file, { schema: requestSchema })) {
    seeds.set(row.value.request_id, row.value.seed_id);
    lines.set(row.value.request_id, row.value.phaser_version ?? '3');
    slots.set(slotOf(row.value.seed_id, row.value.sample_index), row.value.request_id);
  }
  return { seeds, slots, lines };
}

/**
 * Paid work survives edits: for a current request with no answer of its own, the last answer
 * recorded for its seed and sample under an earlier request_id (slot → that request_id).
 */
async function keptAnswers(file: string, seeds: Map<string, string>, slots: Map<string, string>): Promise<Map<string, string>> {
  const answered = new Set<string>();
  const stale = new Map<string, string>();
  for await (const { value: raw } of readJsonl(file, { schema: rawOutputSchema })) {
    if (seeds.has(raw.request_id)) answered.add(raw.request_id);
    else if (raw.seed_id !== undefined && raw.sample_index !== undefined) stale.set(slotOf(raw.seed_id, raw.sample_index), raw.request_id);
  }
  for (const [slot] of stale) {
    const current = slots.get(slot);
    if (!current || answered.has(current)) stale.delete(slot);
  }
  return stale;
}

export async function runParse(workspace: Workspace, options: ParseOptions = {}): Promise<ParseResult> {
  const timer = new StageTimer('parse');
  const teachers = teachersToParse(workspace, options.teacher);
  const { seeds, slots, lines } = await requestIndex(workspace);
  const errorCodes: string[] = [];
  const codeBytes: number[] = [];
  const codeLines: number[] = [];
  const planChars: number[] = [];
  const perTeacher: Record<string, { raw_outputs: number; candidates: number; no_code: number }> = {};
  const seenIds = new Set<string>();
  const counts = { raw_outputs: 0, candidates: 0, no_code: 0, orphans: 0, kept: 0, duplicates: 0, codes_written: 0 };
  const progress = new Progress({ label: 'parse', total: 0, quiet: options.quiet, unit: 'answer' });
  try {
    await writeJsonlStreaming(workspace.candidatesFile(options.shard), async (writer) => {
      for (const teacher of teachers) {
        const stats = (perTeacher[teacher] = { raw_outputs: 0, candidates: 0, no_code: 0 });
        const kept = await keptAnswers(workspace.rawOutputsFile(teacher), seeds, slots);
        for await (const { value: raw, line } of readJsonl(workspace.rawOutputsFile(teacher), { schema: rawOutputSchema })) {
          if (!inShard(raw.request_id, options.shard)) continue;
          counts.raw_outputs++;
          stats.raw_outputs++;
          progress.setTotal(counts.raw_outputs);
          progress.tick();
          // An answer for an earlier version of a request (prompt or settings edited) stands for the current one.
          const slot = raw.seed_id !== undefined && raw.sample_index !== undefined ? slotOf(raw.seed_id, raw.sample_index) : undefined;
          const keptFor = !seeds.has(raw.request_id) && slot !== undefined && kept.get(slot) === raw.request_id ? slots.get(slot) : undefined;
          const requestId = keptFor ?? raw.request_id;
          const seedId = seeds.get(requestId);
          if (keptFor) counts.kept++;
          if (!seedId) {
            counts.orphans++;
            logger.warn(`${workspace.rawOutputsFile(teacher)}:${line}: request_id ${raw.request_id} is not in requests.jsonl (requests rebuilt?); skipped`);
            continue;
          }
          const answer = extractAnswer(raw.text, raw.stop_reason, raw.answer_bytes);
          errorCodes.push(...answer.errors);
          if (!answer.code) {
            counts.no_code++;
            stats.no_code++;
            continue;
          }
          const codeHash = sha256(answer.code);
          const candidateId = stableHash({ request_id: raw.request_id, teacher, code_hash: codeHash }, 16);
          if (seenIds.has(candidateId)) {
            counts.duplicates++;
            continue;
          }
          seenIds.add(candidateId);
          const codeFile = workspace.codeFile(codeHash);
          if (!existsSync(codeFile)) {
            writeFileAtomic(codeFile, answer.code);
            counts.codes_written++;
          }
          const candidate: Candidate = {
            candidate_id: candidateId,
            request_id: requestId,
            ...(keptFor ? { answered_request_id: raw.request_id } : {}),
            seed_id: seedId,
            plan: answer.plan,
            code: answer.code,
            code_hash: codeHash,
            code_path: relative(workspace.root, codeFile),
            parse_errors: answer.errors,
            teacher,
            phaser_version: lines.get(requestId) ?? '3',
          };
          writer.write(candidate);
          counts.candidates++;
          stats.candidates++;
          codeBytes.push(Buffer.byteLength(answer.code));
          codeLines.push(answer.code.split('\n').length - 1);
          planChars.push(answer.plan.length);
        }
      }
    });
  } finally {
    progress.finish();
  }
  const parseErrors = tally(errorCodes);
  const reportFile = writeStageReport<ParseReport>(
    workspace,
    'parse',
    {
      stage: 'parse',
      duration_ms: timer.elapsedMs(),
      counts,
      settings: { teachers, shard: options.shard ?? null },
      parse_errors: parseErrors,
      code_bytes: distribution(codeBytes),
      code_lines: distribution(codeLines),
      plan_chars: distribution(planChars),
      per_teacher: perTeacher,
    },
    { shard: options.shard },
  );
  return { ...counts, parse_errors: parseErrors, candidates_file: workspace.candidatesFile(options.shard), report_file: reportFile };
}
