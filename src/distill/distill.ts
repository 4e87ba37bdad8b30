// The `distill` stage: every request to the teacher once, resumable, within budget. The
// resumable journaled run, the providers and the runner are src/llm/; this file says what a
// teacher run sends, records and reports.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Progress, StageTimer, UsageError, distribution, logger, writeStageReport, type Config, type ModelPrice, type Workspace } from '../core/index.js';
import type { RawOutput, TeacherRequest, Usage } from '../schemas/index.js';
import { runBatches } from './batch.js';
import {
  DEMO_ANSWERS_FILE,
  EMPTY_USAGE,
  KEY_VARIABLE,
  addUsage,
  claudeBatches,
  costUsd,
  createRemoteCaller,
  createReplayCaller,
  openAiBatches,
  priceFor,
  replayModelName,
  requireText,
  retryPolicyFrom,
  runJobs,
  runJournaledJob,
  selectPending,
  type BatchBackend,
  type CallFailure,
  type CallMeta,
  type ChatAnswer,
  type ChatCaller,
  type ClaudeEffort,
  type ClaudeModelOptions,
  type Endpoint,
  type JournaledContext,
  type JournaledOutcome,
  type ReplaySource,
  type RunOutcome,
  type RunTotals,
  type StopReason,
} from '../llm/index.js';
import { estimateRemaining, type CostEstimate } from './estimate.js';
import { RequestFile, type RequestRef } from './requestFile.js';
import { keptAnswers, loadResumeState, writeCheckpoint, type BatchEntry, type ErrorRecord, type PendingBatch, type ResumeState } from './state.js';
import { TEACHERS, type TeacherName } from './teachers.js';

export { TEACHERS, type TeacherName };

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
  /**
   * Send requests again whose seed and sample were answered for an earlier version of the
   * request (another prompt, API context or max_tokens); by default that answer is kept.
   */
  refresh?: boolean;
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
  /** Of done_before: answered for an earlier version of the request, kept (not sent again). */
  kept: number;
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
  return options.teacher === 'replay' ? createReplayCaller(setup.replay!) : createRemoteCaller(options.teacher, remoteOptions(options, setup));
}

/** Who a teacher's calls go to, for the message when a fatal error stops the run. */
function teacherEndpoint(teacher: TeacherName, model: string): Endpoint {
  return {
    name: `the ${teacher} API`,
    key: teacher === 'replay' ? 'the recorded answers' : KEY_VARIABLE[teacher],
    model,
    notFoundHint: `the model name "${model}" (--model or teacher.${teacher}.model) and the base URL`,
  };
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
    ...(answer.answer_bytes !== undefined ? { answer_bytes: answer.answer_bytes } : {}),
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

/** One teacher run, as `runDistill` resolved it. */
interface TeacherRun {
  options: DistillOptions;
  setup: TeacherSetup;
  requests: RequestFile;
  state: ResumeState;
  doneBefore: number;
  /** Of doneBefore: answered under an earlier version of the request (kept, not re-sent). */
  kept: number;
  skippedFailed: number;
  discount: number;
  expectedOutputTokens: number;
  /** Token usage, truncated and over-cap answers of this run, counted as answers are recorded. */
  answers: { usage: RawOutput['usage']; truncated: number; reasked: number; tooLarge: number };
}

/** What a run that sends nothing ends with. */
const NOTHING_SENT: RunOutcome = { stopReason: 'completed', stats: { done: 0, failed: 0, retries: 0, rateLimited: 0, spentUsd: 0, latenciesMs: [] } };

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
    const skip = options.retryFailed ? undefined : state.failed;
    // Paid work survives edits: an answer for the same seed and sample counts as done (not for --refresh).
    const kept = options.refresh ? new Set<string>() : keptAnswers(requests.refs, state);
    const done = kept.size ? new Set([...state.done, ...kept]) : state.done;
    const selection = selectPending(requests.refs, done, skip, options.limit);
    const run: TeacherRun = {
      options,
      setup,
      requests,
      state,
      doneBefore: selection.doneBefore,
      kept: kept.size,
      skippedFailed: selection.skipped,
      discount: options.batch ? config.teacher.batch_discount : 1,
      expectedOutputTokens: state.outputTokensMean ?? config.teacher.expected_output_tokens,
      answers: { usage: EMPTY_USAGE, truncated: 0, reasked: 0, tooLarge: 0 },
    };
    if (options.dryRun) return await dryRun(run, selection.pending);
    const maxCostUsd = options.maxCostUsd ?? config.teacher.max_cost_usd;
    const outcome = await runJournaledJob({
      jobs: requests.refs,
      done,
      skip,
      limit: options.limit,
      lock: { file: workspace.distillLockFile(teacher), what: `distill --teacher ${teacher}` },
      // Synced in groups by the runner (each append reaches the kernel at once, so kill -9 loses nothing).
      journal: workspace.rawOutputsFile(teacher),
      errors: workspace.errorsFile(teacher),
      groupCommit: true,
      progress: { label: `distill ${teacher}`, unit: 'req', quiet: options.quiet },
      run: (context) => sendRequests(run, context),
      endpoint: teacherEndpoint(teacher, setup.model),
      budgetMessage: (result) => `budget reached: $${(state.spentUsd + result.stats.spentUsd).toFixed(2)} spent of --max-cost-usd ${maxCostUsd}; rerun with a higher cap to continue`,
      interruptedMessage: (result) =>
        result.batchProvider
          ? `interrupted: submitted batches keep running at ${result.batchProvider} (ids in the checkpoint); rerun to collect them`
          : 'interrupted: requests in flight were finished and recorded; rerun to continue',
    });
    const reportFile = writeDistillReport(run, outcome, timer);
    const spent = outcome.result.stats.spentUsd;
    return {
      ...baseResult(run),
      mode: options.batch ? 'batch' : 'online',
      answered: outcome.result.stats.done,
      failed: outcome.result.stats.failed,
      unanswered: outcome.unanswered,
      spent_usd: round6(spent),
      total_spent_usd: round6(state.spentUsd + spent),
      stop_reason: outcome.result.stopReason,
      ...(outcome.stopMessage ? { stop_message: outcome.stopMessage } : {}),
      report_file: reportFile,
    };
  } finally {
    await requests.close();
  }
}

/** The fields of a result every mode shares. */
function baseResult(run: TeacherRun) {
  const { options, setup, requests } = run;
  return {
    teacher: options.teacher,
    model: setup.model,
    requests: requests.refs.length,
    done_before: run.doneBefore,
    kept: run.kept,
    skipped_failed: run.skippedFailed,
    outputs_file: options.workspace.rawOutputsFile(options.teacher),
  };
}

/** `--dry-run`: count the tokens of what remains and price it; send nothing. */
async function dryRun(run: TeacherRun, pending: RequestRef[]): Promise<DistillResult> {
  const { options, setup, requests, state } = run;
  const progress = new Progress({ label: 'counting tokens', total: pending.length, quiet: options.quiet, unit: 'req' });
  const estimate = await estimateRemaining(requests, pending, { price: setup.price, expectedOutputTokens: run.expectedOutputTokens, maxTokens: setup.maxTokens, discount: run.discount, model: setup.model, onProgress: (n) => progress.tick(n) });
  progress.finish();
  return { ...baseResult(run), mode: 'dry-run', answered: 0, failed: 0, unanswered: requests.refs.length - run.doneBefore, spent_usd: 0, total_spent_usd: state.spentUsd, stop_reason: 'dry-run', estimate };
}

/** How a run records what it learns: answers, failures, the checkpoint; shared by both modes. */
interface Recorder {
  costOf: (answer: ChatAnswer) => number;
  record: (ref: RequestRef, answer: ChatAnswer, meta: CallMeta, extra?: Record<string, unknown>) => unknown;
  errorRecord: (ref: RequestRef, failure: CallFailure, attempts: number) => ErrorRecord;
  /** Rewrite the checkpoint with this run's totals so far (`pendingBatch`: a batch create in progress). */
  checkpoint: (totals: Pick<RunTotals, 'done' | 'failed' | 'spentUsd'>, pendingBatch?: PendingBatch) => void;
  /** The batches the checkpoint lists (submitted ones are collected by the next run). */
  batches: BatchEntry[];
  estimateCost: ReturnType<typeof costEstimator>;
}

function recorder(run: TeacherRun): Recorder {
  const { options, setup, requests, state } = run;
  const { workspace, teacher } = options;
  const costOf = (answer: ChatAnswer) => costUsd(answer.usage, setup.price, run.discount);
  const self: Recorder = {
    costOf,
    record: (ref, answer, meta, extra) => {
      run.answers.usage = addUsage(run.answers.usage, answer.usage);
      if (answer.truncated) run.answers.truncated++;
      if (answer.answer_bytes !== undefined) run.answers.tooLarge++;
      return rawOutputRecord(ref, teacher, setup.model, answer, costOf(answer), meta, extra);
    },
    errorRecord: (ref, failure, attempts) => errorRecord(ref, teacher, setup.model, failure, attempts),
    checkpoint: (totals, pendingBatch) => {
      const done = run.doneBefore + totals.done;
      writeCheckpoint(workspace, {
        teacher,
        model: setup.model,
        total: requests.refs.length,
        done,
        failed: run.skippedFailed + totals.failed,
        unanswered: requests.refs.length - done,
        cost_usd: round6(state.spentUsd + totals.spentUsd),
        batches: self.batches,
        ...(pendingBatch ? { pending_batch: pendingBatch } : {}),
      });
    },
    batches: state.checkpoint?.batches ?? [],
    estimateCost: costEstimator(setup.price, run.discount, run.expectedOutputTokens),
  };
  return self;
}

/** Send the pending requests (online, or through the batch API) with the checkpoint rewritten as they settle. */
async function sendRequests(run: TeacherRun, context: JournaledContext<RequestRef>): Promise<RunOutcome & { batchProvider?: string }> {
  const { options, setup } = run;
  const caller = context.pending.length ? await createCaller(options, setup) : undefined;
  const recording = recorder(run);
  recording.checkpoint(NOTHING_SENT.stats);
  const backend = options.batch ? batchBackend(options, setup) : undefined;
  let result = NOTHING_SENT;
  if (backend && context.pending.length) result = await sendBatched(run, context, backend, recording);
  else if (caller) result = await sendOnline(run, context, caller, recording);
  recording.checkpoint(result.stats);
  return { ...result, batchProvider: backend?.provider };
}

/** One call per request through the runner. */
function sendOnline(run: TeacherRun, { pending, journal, errors, progress }: JournaledContext<RequestRef>, caller: ChatCaller<TeacherRequest>, recording: Recorder): Promise<RunOutcome> {
  const { options, requests, state } = run;
  const { config } = options;
  const reasks = new Map<string, TruncationReask>();
  return runJobs<RequestRef, ChatAnswer>({
    jobs: pending,
    call: async (ref, signal) => {
      const request = await requests.read(ref);
      const first = requireText(await caller(request, signal));
      const limit = first.truncated ? truncationRetryLimit(config, run.setup, request) : 0;
      if (!limit) return first;
      // One re-ask with a larger limit; both calls are paid, so the record carries both usages.
      const reask: TruncationReask = { first_max_tokens: request.max_tokens ?? run.setup.maxTokens, max_tokens: limit, first_usage: first.usage, first_stop_reason: first.stop_reason };
      let second: ChatAnswer;
      try {
        second = requireText(await caller({ ...request, max_tokens: limit }, signal));
      } catch (error) {
        if (signal.aborted) throw error;
        // The first answer is paid for: keep it (truncated) rather than retrying both calls.
        logger.debug(`${ref.id}: truncation re-ask failed (${(error as Error).message}); the truncated answer is kept`);
        reasks.set(ref.id, { ...reask, failed: true });
        return first;
      }
      reasks.set(ref.id, reask);
      return { ...second, usage: addUsage(first.usage, second.usage) };
    },
    toRecord: (ref, answer, meta) => {
      recording.estimateCost.learn(ref, answer);
      const reask = reasks.get(ref.id);
      reasks.delete(ref.id);
      if (reask) run.answers.reasked++;
      return recording.record(ref, answer, meta, reask ? { truncation_reask: reask } : undefined);
    },
    journal,
    errors,
    errorRecord: recording.errorRecord,
    concurrency: options.concurrency ?? config.teacher.concurrency,
    retry: retryPolicyFrom(config),
    costOf: recording.costOf,
    maxCostUsd: options.maxCostUsd ?? config.teacher.max_cost_usd,
    spentBeforeUsd: state.spentUsd,
    estimateCost: recording.estimateCost.estimate,
    onCheckpoint: (stats) => recording.checkpoint(stats),
    onRetry: (ref, failure, retry, delay) => logger.debug(`${ref.id}: ${failure.type}${failure.status ? ` ${failure.status}` : ''}, retry ${retry} in ${delay} ms`),
    progress,
    stopSignal: options.stopSignal,
    abortSignal: options.abortSignal,
  });
}

/** What a raw output records of its truncation re-ask (`usage` and `cost_usd` cover both calls). */
export interface TruncationReask {
  /** The limit of the first, truncated call. */
  first_max_tokens: number | null;
  /** The limit of the re-ask. */
  max_tokens: number;
  first_usage: Usage;
  first_stop_reason: string | null;
  /** The re-ask failed: the record is the first (truncated) answer. */
  failed?: boolean;
}

/** Hard ceiling of the default re-ask limit (twice the first limit). */
export const TRUNCATION_RETRY_CAP = 64_000;

/**
 * The `max_tokens` a truncated answer is re-asked with: `teacher.truncation_retry_max_tokens`, else
 * twice the first limit capped at TRUNCATION_RETRY_CAP; 0 when there is no re-ask (replay answers
 * are recorded, re-asking gives the same; a limit no larger than the first is pointless).
 */
export function truncationRetryLimit(config: Config, setup: Pick<TeacherSetup, 'maxTokens' | 'replay'>, request: Pick<TeacherRequest, 'max_tokens'>): number {
  if (setup.replay) return 0;
  const first = request.max_tokens ?? setup.maxTokens;
  const limit = config.teacher.truncation_retry_max_tokens ?? Math.min(first * 2, TRUNCATION_RETRY_CAP);
  return limit > first ? limit : 0;
}

/**
 * The `max_tokens` the next round of `run --rounds` asks a seed with when its last answer was
 * truncated and not re-asked in the same run (a batch job cannot re-ask): the re-ask limit of the
 * teacher's setting; 0 for replay (recorded answers come back the same) or when no larger limit applies.
 */
export function nextRoundMaxTokens(config: Config, teacher: string, request: Pick<TeacherRequest, 'max_tokens'>): number {
  if (teacher !== 'claude' && teacher !== 'openai') return 0;
  return truncationRetryLimit(config, { maxTokens: config.teacher[teacher].max_tokens }, request);
}

/** `--batch`: the provider's batch API (batch.ts). */
function sendBatched(run: TeacherRun, { pending, journal, errors, progress }: JournaledContext<RequestRef>, backend: BatchBackend, recording: Recorder): Promise<RunOutcome> {
  const { options, requests, state } = run;
  const { workspace, config, teacher } = options;
  return runBatches({
    config,
    requests,
    pending,
    backend,
    checkpointFile: workspace.checkpointFile(teacher),
    costOf: recording.costOf,
    journal,
    errors: errors!,
    batches: recording.batches,
    onBatches: (next) => {
      recording.batches = next;
    },
    record: recording.record,
    errorRecord: recording.errorRecord,
    checkpoint: recording.checkpoint,
    lostBatch: state.checkpoint?.pending_batch,
    estimateCost: recording.estimateCost.estimate,
    progress,
    stopSignal: options.stopSignal,
    maxCostUsd: options.maxCostUsd ?? config.teacher.max_cost_usd,
    spentBeforeUsd: state.spentUsd,
  });
}

/** `data/reports/distill_<teacher>_report.json`: counts, settings, tokens, spend, latency. */
function writeDistillReport(run: TeacherRun, outcome: JournaledOutcome<RunOutcome>, timer: StageTimer): string {
  const { options, setup, state, answers } = run;
  const { config, teacher } = options;
  const { stats, stopReason } = outcome.result;
  return writeStageReport(options.workspace, `distill_${teacher}`, {
    stage: 'distill',
    duration_ms: timer.elapsedMs(),
    counts: {
      requests: outcome.total,
      done_before: run.doneBefore,
      kept_from_earlier_requests: run.kept,
      answered: stats.done,
      failed: stats.failed,
      skipped_failed: run.skippedFailed,
      unanswered: outcome.unanswered,
      truncated: answers.truncated,
      truncation_reasked: answers.reasked,
      // Over the size cap (core MAX_ANSWER_BYTES): stored as their head with answer_bytes; parse skips them.
      answer_too_large: answers.tooLarge,
      retries: stats.retries,
      rate_limited: stats.rateLimited,
    },
    settings: {
      teacher,
      model: setup.model,
      mode: options.batch ? 'batch' : 'online',
      max_tokens: setup.maxTokens,
      truncation_retry_max_tokens: options.config.teacher.truncation_retry_max_tokens ?? null,
      temperature: setup.temperature ?? null,
      effort: setup.effort ?? null,
      concurrency: options.concurrency ?? config.teacher.concurrency,
      max_cost_usd: options.maxCostUsd ?? config.teacher.max_cost_usd ?? null,
      limit: options.limit ?? null,
      retry_failed: Boolean(options.retryFailed),
      refresh: Boolean(options.refresh),
      price: setup.price ?? null,
    },
    stop_reason: stopReason,
    ...(outcome.stopMessage ? { stop_message: outcome.stopMessage } : {}),
    tokens: answers.usage,
    tokens_all_runs: addUsage(state.usage, answers.usage),
    // The real figures (the provider's usage.cache_read_input_tokens), to hold against the dry run's prediction.
    cache: { read_tokens: answers.usage.cache_read_input_tokens, write_tokens: answers.usage.cache_creation_input_tokens, read_share_of_input: cacheReadShare(answers.usage) },
    spend_usd: { this_run: round6(stats.spentUsd), all_runs: round6(state.spentUsd + stats.spentUsd) },
    latency_ms: distribution(stats.latenciesMs),
  });
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
