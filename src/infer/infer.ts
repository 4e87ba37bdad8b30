// `infer`: the trained student answers the eval prompts through any OpenAI-compatible server
// (vLLM, llama.cpp, Ollama, TGI). It goes through the distill stage's runner and OpenAI caller,
// so concurrency, retries, resume after kill -9, the errors file and progress are the same.
import { existsSync } from 'node:fs';
import {
  InputError,
  JsonlAppender,
  Progress,
  StageTimer,
  distribution,
  logger,
  readJsonl,
  readJsonlValues,
  safeName,
  writeStageReport,
  type Config,
  type Workspace,
} from '../core/index.js';
import { acquireRunLock, createOpenAiCaller, requireText, runJobs, type CallFailure, type CallMeta, type ChatAnswer, type StopReason } from '../llm/index.js';
import { evalPromptRecordSchema, type EvalPromptRecord } from '../evaluation/records.js';
import { sftSampleSchema } from '../schemas/index.js';

export interface InferOptions {
  workspace: Workspace;
  config: Config;
  baseUrl: string;
  model: string;
  concurrency?: number;
  maxTokens?: number;
  temperature?: number;
  /** At most this many of the remaining prompts. */
  limit?: number;
  /** System prompt; default: config, else the one the student was trained with (from train.jsonl). */
  system?: string;
  quiet?: boolean;
  stopSignal?: AbortSignal;
  abortSignal?: AbortSignal;
}

export interface InferResult {
  model: string;
  prompts: number;
  done_before: number;
  answered: number;
  failed: number;
  unanswered: number;
  stop_reason: StopReason;
  stop_message?: string;
  generations_file: string;
}

/** One line of `generations_<model>.jsonl`. */
export interface GenerationRecord extends EvalPromptRecord {
  model: string;
  text: string;
  stop_reason: string | null;
  truncated: boolean;
  usage: ChatAnswer['usage'];
  latency_ms: number;
  attempts: number;
  created_at: string;
}

/** The system prompt the student saw in training: the first train sample's. */
async function trainedSystemPrompt(workspace: Workspace): Promise<string | undefined> {
  const file = workspace.splitFile('train');
  if (!existsSync(file)) return undefined;
  for await (const row of readJsonl(file, { schema: sftSampleSchema })) {
    const sample = row.value;
    if ('messages' in sample) return sample.messages.find((m) => m.role === 'system')?.content;
    return sample.system;
  }
  return undefined;
}

/** Eval prompt ids already answered (a torn last line is skipped and later repaired). */
async function answeredIds(file: string): Promise<Set<string>> {
  const done = new Set<string>();
  if (!existsSync(file)) return done;
  for await (const row of readJsonl(file)) {
    const id = (row.value as { id?: unknown }).id;
    if (typeof id === 'string') done.add(id);
  }
  return done;
}

function failureMessage(model: string, baseUrl: string, failure: CallFailure): string {
  const status = failure.status ? ` (${failure.status})` : '';
  if (failure.type === 'authentication') return `the server at ${baseUrl} rejected the key${status}: check OPENAI_API_KEY`;
  if (failure.type === 'not_found') return `not found${status}: check --model "${model}" (the name the server serves) and --base-url ${baseUrl}`;
  return `the server at ${baseUrl} failed${status}, stopping: ${failure.message}`;
}

/** Run the student over every eval prompt not yet answered. */
export async function runInfer(options: InferOptions): Promise<InferResult> {
  const timer = new StageTimer('infer');
  const { workspace, config, model } = options;
  const settings = config.eval.infer;
  if (!existsSync(workspace.evalPromptsFile)) throw new InputError({ file: workspace.evalPromptsFile }, 'no eval prompts: run `phaser-sft eval build` first');
  const prompts = await readJsonlValues(workspace.evalPromptsFile, { schema: evalPromptRecordSchema });
  const file = workspace.generationsFile(model);
  const done = await answeredIds(file);
  let pending = prompts.filter((p) => !done.has(p.id));
  if (options.limit !== undefined) pending = pending.slice(0, Math.max(0, options.limit));
  const doneBefore = prompts.length - prompts.filter((p) => !done.has(p.id)).length;
  const system = options.system ?? settings.system_prompt ?? (await trainedSystemPrompt(workspace)) ?? '';
  const maxTokens = options.maxTokens ?? settings.max_tokens;
  const temperature = options.temperature ?? settings.temperature;

  const release = acquireRunLock(workspace.inferLockFile(model), `infer --model ${model}`);
  const journal = new JsonlAppender(file);
  const errors = new JsonlAppender(workspace.inferErrorsFile(model));
  try {
    const caller = createOpenAiCaller({ model, maxTokens, temperature, baseURL: options.baseUrl, timeoutMs: settings.request_timeout_ms });
    const progress = new Progress({ label: `infer ${model}`, total: pending.length, quiet: options.quiet, unit: 'req' });
    const result = await runJobs<EvalPromptRecord, ChatAnswer>({
      jobs: pending,
      call: async (prompt, signal) => requireText(await caller({ system, user: prompt.prompt }, signal)),
      toRecord: (prompt, answer, meta: CallMeta): GenerationRecord => ({
        ...prompt,
        model,
        text: answer.text,
        stop_reason: answer.stop_reason,
        truncated: answer.truncated,
        usage: answer.usage,
        latency_ms: meta.latencyMs,
        attempts: meta.attempts,
        created_at: new Date().toISOString(),
      }),
      journal,
      errors,
      errorRecord: (prompt, failure, attempts) => ({ id: prompt.id, model, kind: failure.kind, status: failure.status ?? null, error_type: failure.type, message: failure.message, attempts, created_at: new Date().toISOString() }),
      concurrency: options.concurrency ?? settings.concurrency,
      retry: { maxRetries: config.teacher.max_retries },
      progress,
      stopSignal: options.stopSignal,
      abortSignal: options.abortSignal,
    });
    progress.finish();
    const unanswered = prompts.length - doneBefore - result.stats.done;
    const stopMessage = result.fatal
      ? failureMessage(model, options.baseUrl, result.fatal)
      : result.stopReason === 'interrupted'
        ? 'interrupted: answers in flight were recorded; rerun to continue'
        : undefined;
    if (stopMessage) logger.warn(stopMessage);
    writeStageReport(workspace, `infer_${safeName(model)}`, {
      stage: 'infer',
      duration_ms: timer.elapsedMs(),
      counts: { prompts: prompts.length, done_before: doneBefore, answered: result.stats.done, failed: result.stats.failed, unanswered, retries: result.stats.retries },
      settings: { model, max_tokens: maxTokens, temperature, concurrency: options.concurrency ?? settings.concurrency, system_prompt_chars: system.length },
      stop_reason: result.stopReason,
      latency_ms: distribution(result.stats.latenciesMs),
    });
    return {
      model,
      prompts: prompts.length,
      done_before: doneBefore,
      answered: result.stats.done,
      failed: result.stats.failed,
      unanswered,
      stop_reason: result.stopReason,
      ...(stopMessage ? { stop_message: stopMessage } : {}),
      generations_file: file,
    };
  } finally {
    journal.close();
    errors.close();
    release();
  }
}

