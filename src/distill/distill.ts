// The `distill` stage: every request to the teacher once, resumable, within budget.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { JsonlAppender, Progress, StageTimer, UsageError, distribution, logger, writeStageReport, type Config, type ModelPrice, type Workspace } from '../core/index.js';
import type { RawOutput, TeacherRequest, Usage } from '../schemas/index.js';
import { runBatches } from './batch.js';
import { claudeBatches, openAiBatches, type BatchBackend } from './batchBackends.js';
import { ClassifiedCallError, type CallFailure } from './errors.js';
import { estimateRemaining, type CostEstimate } from './estimate.js';
import { acquireRunLock } from './lock.js';
import { EMPTY_USAGE, addUsage, costUsd, priceFor } from './pricing.js';
import { createClaudeCaller, type ClaudeEffort, type ClaudeModelOptions } from './providers/claude.js';
import { createOpenAiCaller } from './providers/openai.js';
import { DEMO_ANSWERS_FILE, createReplayCaller, replayModelName, type ReplaySource } from './providers/replay.js';
import type { ChatAnswer, ChatCaller } from './providers/types.js';
import { RequestFile, type RequestRef } from './requestFile.js';
import { runJobs, type CallMeta, type StopReason } from './runJobs.js';
import { loadResumeState, writeCheckpoint, type BatchEntry, type ErrorRecord, type PendingBatch } from './state.js';

import { TEACHERS, type TeacherName } from './teachers.js';

export { TEACHERS, type TeacherName };

/** The environment variable holding each remote teacher's key. */
export const KEY_VARIABLE: Record<Exclude<TeacherName, 'replay'>, string> = { claude: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };

export interface DistillOptions {
  workspace: Workspace;
  config: Config;
  teacher: TeacherName;
  model?: string;
  maxTokens?: number;
  temperature?: number;
  concurrency?: number;
  /** The provider's batch API instead of one call per request (half price, up to 24 h): claude and openai. */
  batch?: boolean;
  /** Count tokens and price what remains; send nothing. */
  dryRun?: boolean;
  maxCostUsd?: number;
  /** At most this many of the remaining requests. */
  limit?: number;
  /** Also send requests that failed for good in an earlier run. */
  retryFailed?: boolean;
  /** `replay`: a raw-outputs file of an earlier run (default: the bundled demo answers). */
  from?: string;
  quiet?: boolean;
  /** Abort = stop starting requests (first Ctrl-C). */
  stopSignal?: AbortSignal;
  /** Abort = cancel the requests in flight too (second Ctrl-C). */
  abortSignal?: AbortSignal;
}

export interface DistillResult {
  teacher: TeacherName;
  model: string;
  mode: 'online' | 'batch' | 'dry-run';
  requests: number;
  done_before: number;
  answered: number;
  failed: number;
  /** Requests failed in an earlier run, not sent again (no `--retry-failed`). */
  skipped_failed: number;
  /** Requests still without an answer (failed ones included). */
  unanswered: number;
  spent_usd: number;
  total_spent_usd: number;
  stop_reason: StopReason | 'dry-run';
  /** Why the run stopped early, for a human. */
  stop_message?: string;
  estimate?: CostEstimate;
  outputs_file: string;
  report_file?: string;
}

/** What a resolved teacher needs to run. */
interface TeacherSetup {
  model: string;
  maxTokens: number;
  temperature?: number;
  effort?: ClaudeEffort;
  price: ModelPrice | undefined;
  replay?: ReplaySource;
}

function resolveTeacher(options: DistillOptions): TeacherSetup {
  const { config, teacher } = options;
  if (options.from && teacher !== 'replay') throw new UsageError('--from only goes with --teacher replay');
  if (options.batch && teacher === 'replay') throw new UsageError('--batch goes with --teacher claude (Anthropic Message Batches) or openai (OpenAI Batch API)');
  if (teacher === 'replay') {
    const replay: ReplaySource = { file: options.from ? resolve(options.from) : DEMO_ANSWERS_FILE };
    if (!existsSync(replay.file)) throw new UsageError(`--teacher replay: no recorded answers at ${replay.file}`);
    return { model: replayModelName(replay), maxTokens: 0, temperature: 0, price: { input: 0, output: 0, cache_write: 0, cache_read: 0 }, replay };
  }
  const settings = config.teacher[teacher];
  const model = options.model ?? settings.model;
  const price = priceFor(model, config.teacher.prices);
  if (!price) {
    if (options.maxCostUsd !== undefined) throw new UsageError(`--max-cost-usd needs a price for model "${model}": add it to teacher.prices in the config`);
    logger.warn(`no price for model "${model}" in teacher.prices: costs are recorded as 0 (add its price to the config)`);
  }
  const effort = teacher === 'claude' ? config.teacher.claude.effort : undefined;
  return { model, maxTokens: options.maxTokens ?? settings.max_tokens, temperature: options.temperature ?? settings.temperature, effort, price };
}

/** The model settings a remote teacher is called with, online or in batches. */
function remoteOptions(options: DistillOptions, setup: TeacherSetup): ClaudeModelOptions {
  return { model: setup.model, maxTokens: setup.maxTokens, temperature: setup.temperature, effort: setup.effort, timeoutMs: options.config.teacher.request_timeout_ms };
}

/** The provider's batch API for `--batch` (claude or openai; resolveTeacher refused the rest). */
function batchBackend(options: DistillOptions, setup: TeacherSetup): BatchBackend {
  const remote = remoteOptions(options, setup);
  return options.teacher === 'claude' ? claudeBatches(remote) : openAiBatches(remote);
}

async function createCaller(options: DistillOptions, setup: TeacherSetup): Promise<ChatCaller<TeacherRequest>> {
  const remote = remoteOptions(options, setup);
  if (options.teacher === 'claude') return createClaudeCaller(remote);
  if (options.teacher === 'openai') return createOpenAiCaller(remote);
  return createReplayCaller(setup.replay!);
}

/** A human sentence for the failure that stopped a run: what to check, which variable. */
export function fatalMessage(teacher: TeacherName, model: string, failure: CallFailure): string {
  const key = teacher === 'replay' ? 'the recorded answers' : KEY_VARIABLE[teacher];
  const status = failure.status ? ` (${failure.status})` : '';
  switch (failure.type) {
    case 'authentication':
      return `the ${teacher} API rejected the key${status}: check ${key}`;
    case 'permission':
      return `the ${teacher} API refused access${status}: check that the key in ${key} may use model "${model}"`;
    case 'not_found':
      return `not found${status}: check the model name "${model}" (--model or teacher.${teacher}.model) and the base URL`;
    case 'spend_limit':
      return `the provider reports a spend limit or exhausted quota${status}: raise it in the provider console, then rerun (it resumes)`;
    case 'payment_required':
      return `the provider asks for payment${status}: check the account's billing, then rerun`;
    default:
      return `the ${teacher} API failed${status}, stopping: ${failure.message}`;
  }
}

/** The raw-output record of one answer (DESIGN.md "raw output" plus seed_id, sample_index, truncated). */
export function rawOutputRecord(ref: RequestRef, teacher: TeacherName, model: string, answer: ChatAnswer, cost: number, meta: CallMeta, extra: Record<string, unknown> = {}): RawOutput & Record<string, unknown> {
  return {
    request_id: ref.id,
    teacher,
    model,
    text: answer.text,
    stop_reason: answer.stop_reason,
    usage: answer.usage,
    cost_usd: cost,
    latency_ms: meta.latencyMs,
    attempts: meta.attempts,
    created_at: new Date().toISOString(),
    seed_id: ref.seed_id,
    sample_index: ref.sample_index,
    truncated: answer.truncated,
    ...(answer.label ? { label: answer.label } : {}),
    ...extra,
  };
}

/** The errors-file record of a failure. */
export function errorRecord(ref: RequestRef, teacher: TeacherName, model: string, failure: CallFailure, attempts: number): ErrorRecord {
  return {
    request_id: ref.id,
    seed_id: ref.seed_id,
    sample_index: ref.sample_index,
    teacher,
    model,
    kind: failure.kind,
    status: failure.status ?? null,
    error_type: failure.type,
    message: failure.message,
    attempts,
    created_at: new Date().toISOString(),
  };
}

/** An answer with no text is a failure (e.g. refused or filtered), never an empty record. */
export function requireText(answer: ChatAnswer): ChatAnswer {
  if (answer.text.trim() === '') throw new ClassifiedCallError({ kind: 'rejected', type: 'empty_answer', message: `empty answer (stop_reason ${answer.stop_reason ?? 'none'})` });
  return answer;
}

/**
 * Run the teacher over the requests not yet answered. Resumes from the raw outputs; writes
 * the checkpoint, the errors file and `data/reports/distill_<teacher>_report.json`.
 */
/** Share of the input-side tokens read from the prompt cache (0 when nothing was sent). */
function cacheReadShare(usage: Usage): number {
  const input = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  return input ? Math.round((usage.cache_read_input_tokens / input) * 1000) / 1000 : 0;
}

export async function runDistill(options: DistillOptions): Promise<DistillResult> {
  const timer = new StageTimer('distill');
  const { workspace, config, teacher } = options;
  const setup = resolveTeacher(options);
  const requests = await RequestFile.open(workspace.requestsFile);
  try {
    const state = await loadResumeState(workspace, teacher);
    const all = requests.refs;
    const skippedFailed = options.retryFailed ? 0 : all.filter((ref) => state.failed.has(ref.id) && !state.done.has(ref.id)).length;
    let pending = all.filter((ref) => !state.done.has(ref.id) && (options.retryFailed || !state.failed.has(ref.id)));
    if (options.limit !== undefined) pending = pending.slice(0, Math.max(0, options.limit));
    const doneBefore = all.filter((ref) => state.done.has(ref.id)).length;
    const discount = options.batch ? config.teacher.batch_discount : 1;
    const expectedOutputTokens = state.outputTokensMean ?? config.teacher.expected_output_tokens;
    const base = {
      teacher,
      model: setup.model,
      requests: all.length,
      done_before: doneBefore,
      skipped_failed: skippedFailed,
      outputs_file: workspace.rawOutputsFile(teacher),
    };

    if (options.dryRun) {
      const progress = new Progress({ label: 'counting tokens', total: pending.length, quiet: options.quiet, unit: 'req' });
      const estimate = await estimateRemaining(requests, pending, { price: setup.price, expectedOutputTokens, maxTokens: setup.maxTokens, discount, model: setup.model, onProgress: (n) => progress.tick(n) });
      progress.finish();
      return { ...base, mode: 'dry-run', answered: 0, failed: 0, unanswered: all.length - doneBefore, spent_usd: 0, total_spent_usd: state.spentUsd, stop_reason: 'dry-run', estimate };
    }

    const release = acquireRunLock(workspace.distillLockFile(teacher), `distill --teacher ${teacher}`);
    // Synced in groups by the runner (each append reaches the kernel at once, so kill -9 loses nothing).
    const journal = new JsonlAppender(workspace.rawOutputsFile(teacher), { fsync: false });
    const errors = new JsonlAppender(workspace.errorsFile(teacher), { fsync: false });
    try {
      const caller = pending.length ? await createCaller(options, setup) : undefined;
      let batches: BatchEntry[] = state.checkpoint?.batches ?? [];
      const checkpoint = (doneNow: number, failedNow: number, spentNow: number, pendingBatch?: PendingBatch) => {
        const done = doneBefore + doneNow;
        const failed = skippedFailed + failedNow;
        writeCheckpoint(workspace, {
          teacher,
          model: setup.model,
          total: all.length,
          done,
          failed,
          unanswered: all.length - done,
          cost_usd: round6(state.spentUsd + spentNow),
          batches,
          ...(pendingBatch ? { pending_batch: pendingBatch } : {}),
        });
      };
      checkpoint(0, 0, 0);
      const progress = new Progress({ label: `distill ${teacher}`, total: pending.length, quiet: options.quiet, unit: 'req' });
      const costOf = (answer: ChatAnswer) => costUsd(answer.usage, setup.price, discount);
      let usage = EMPTY_USAGE;
      let truncated = 0;
      let outcome: { stopReason: StopReason; fatal?: CallFailure; done: number; failed: number; spent: number; retries: number; rateLimited: number; latencies: number[] };

      const estimateCost = costEstimator(setup.price, discount, expectedOutputTokens);
      const backend = options.batch ? batchBackend(options, setup) : undefined;
      if (backend && pending.length) {
        const result = await runBatches({
          config,
          requests,
          pending,
          backend,
          checkpointFile: workspace.checkpointFile(teacher),
          costOf,
          journal,
          errors,
          batches,
          onBatches: (next) => {
            batches = next;
          },
          record: (ref, answer, meta, extra) => {
            usage = addUsage(usage, answer.usage);
            if (answer.truncated) truncated++;
            return rawOutputRecord(ref, teacher, setup.model, answer, costOf(answer), meta, extra);
          },
          errorRecord: (ref, failure, attempts) => errorRecord(ref, teacher, setup.model, failure, attempts),
          checkpoint,
          lostBatch: state.checkpoint?.pending_batch,
          estimateCost: estimateCost.estimate,
          progress,
          stopSignal: options.stopSignal,
          maxCostUsd: options.maxCostUsd ?? config.teacher.max_cost_usd,
          spentBeforeUsd: state.spentUsd,
        });
        outcome = result;
      } else {
        const result = pending.length
          ? await runJobs<RequestRef, ChatAnswer>({
              jobs: pending,
              call: async (ref, signal) => requireText(await caller!(await requests.read(ref), signal)),
              toRecord: (ref, answer, meta) => {
                usage = addUsage(usage, answer.usage);
                if (answer.truncated) truncated++;
                estimateCost.learn(ref, answer);
                return rawOutputRecord(ref, teacher, setup.model, answer, costOf(answer), meta);
              },
              journal,
              errors,
              errorRecord: (ref, failure, attempts) => errorRecord(ref, teacher, setup.model, failure, attempts),
              concurrency: options.concurrency ?? config.teacher.concurrency,
              retry: { maxRetries: config.teacher.max_retries, baseDelayMs: config.teacher.retry_base_ms, maxDelayMs: config.teacher.retry_max_ms },
              costOf,
              maxCostUsd: options.maxCostUsd ?? config.teacher.max_cost_usd,
              spentBeforeUsd: state.spentUsd,
              estimateCost: estimateCost.estimate,
              onCheckpoint: (stats) => checkpoint(stats.done, stats.failed, stats.spentUsd),
              onRetry: (ref, failure, retry, delay) => logger.debug(`${ref.id}: ${failure.type}${failure.status ? ` ${failure.status}` : ''}, retry ${retry} in ${delay} ms`),
              progress,
              stopSignal: options.stopSignal,
              abortSignal: options.abortSignal,
            })
          : undefined;
        const stats = result?.stats;
        outcome = {
          stopReason: result?.stopReason ?? 'completed',
          fatal: result?.fatal,
          done: stats?.done ?? 0,
          failed: stats?.failed ?? 0,
          spent: stats?.spentUsd ?? 0,
          retries: stats?.retries ?? 0,
          rateLimited: stats?.rateLimited ?? 0,
          latencies: stats?.latenciesMs ?? [],
        };
      }
      progress.finish();
      checkpoint(outcome.done, outcome.failed, outcome.spent);

      const unanswered = all.length - doneBefore - outcome.done;
      const stopMessage = outcome.fatal
        ? fatalMessage(teacher, setup.model, outcome.fatal)
        : outcome.stopReason === 'budget'
          ? `budget reached: $${(state.spentUsd + outcome.spent).toFixed(2)} spent of --max-cost-usd ${options.maxCostUsd ?? config.teacher.max_cost_usd}; rerun with a higher cap to continue`
          : outcome.stopReason === 'interrupted'
            ? backend
              ? `interrupted: submitted batches keep running at ${backend.provider} (ids in the checkpoint); rerun to collect them`
              : 'interrupted: requests in flight were finished and recorded; rerun to continue'
            : undefined;
      const reportFile = writeStageReport(workspace, `distill_${teacher}`, {
        stage: 'distill',
        duration_ms: timer.elapsedMs(),
        counts: {
          requests: all.length,
          done_before: doneBefore,
          answered: outcome.done,
          failed: outcome.failed,
          skipped_failed: skippedFailed,
          unanswered,
          truncated,
          retries: outcome.retries,
          rate_limited: outcome.rateLimited,
        },
        settings: {
          teacher,
          model: setup.model,
          mode: options.batch ? 'batch' : 'online',
          max_tokens: setup.maxTokens,
          temperature: setup.temperature ?? null,
          effort: setup.effort ?? null,
          concurrency: options.concurrency ?? config.teacher.concurrency,
          max_cost_usd: options.maxCostUsd ?? config.teacher.max_cost_usd ?? null,
          limit: options.limit ?? null,
          retry_failed: Boolean(options.retryFailed),
          price: setup.price ?? null,
        },
        stop_reason: outcome.stopReason,
        ...(stopMessage ? { stop_message: stopMessage } : {}),
        tokens: usage,
        tokens_all_runs: addUsage(state.usage, usage),
        // The real figures (the provider's usage.cache_read_input_tokens), to hold against the dry run's prediction.
        cache: { read_tokens: usage.cache_read_input_tokens, write_tokens: usage.cache_creation_input_tokens, read_share_of_input: cacheReadShare(usage) },
        spend_usd: { this_run: round6(outcome.spent), all_runs: round6(state.spentUsd + outcome.spent) },
        latency_ms: distribution(outcome.latencies),
      });
      return {
        ...base,
        mode: options.batch ? 'batch' : 'online',
        answered: outcome.done,
        failed: outcome.failed,
        unanswered,
        spent_usd: round6(outcome.spent),
        total_spent_usd: round6(state.spentUsd + outcome.spent),
        stop_reason: outcome.stopReason,
        ...(stopMessage ? { stop_message: stopMessage } : {}),
        report_file: reportFile,
      };
    } finally {
      journal.sync();
      errors.sync();
      journal.close();
      errors.close();
      release();
    }
  } finally {
    await requests.close();
  }
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Cheap per-request cost estimate for the budget check (a tokenizer pass over every request
 * would cost more CPU than the run): request bytes × tokens-per-byte, calibrated on the
 * answers of this run, plus the expected output at the full input price (no cache discount).
 */
function costEstimator(price: ModelPrice | undefined, discount: number, expectedOutputTokens: number) {
  let tokensPerByte = 0.4; // JSON bytes over-count tokens for code and prose; refined below
  let bytes = 0;
  let tokens = 0;
  let outputs = 0;
  let outputTokens = 0;
  return {
    estimate(ref: RequestRef): number {
      if (!price) return 0;
      const output = outputs >= 3 ? outputTokens / outputs : expectedOutputTokens;
      return ((ref.length * tokensPerByte * price.input + output * price.output) / 1e6) * discount;
    },
    learn(ref: RequestRef, answer: ChatAnswer): void {
      const u = answer.usage;
      bytes += ref.length;
      tokens += u.input_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens;
      outputs++;
      outputTokens += u.output_tokens;
      if (tokens > 0) tokensPerByte = tokens / bytes;
    },
  };
}
