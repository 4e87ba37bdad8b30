// `infer`: the trained student answers the eval prompts through any OpenAI-compatible server
// (vLLM, llama.cpp, Ollama, TGI). It is a resumable journaled job of src/llm/ (the runner and
// OpenAI caller `distill` uses), so concurrency, retries, resume after kill -9, the errors file
// and progress are the same.
import { existsSync } from 'node:fs';
import {
  InputError,
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
import { createOpenAiCaller, requireText, retryPolicyFrom, runJobs, runJournaledJob, type CallMeta, type ChatAnswer, type Endpoint, type StopReason } from '../llm/index.js';
import { evalPromptRecordSchema, type EvalPromptRecord } from '../evaluation/index.js';
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
  /** Over the size cap (core `MAX_ANSWER_BYTES`): the answer's size; `text` is only its head. */
  answer_bytes?: number;
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

/** The student's server, for the message when a fatal error stops the run. */
function serverEndpoint(model: string, baseUrl: string): Endpoint {
  return { name: `the server at ${baseUrl}`, key: 'OPENAI_API_KEY', model, notFoundHint: `--model "${model}" (the name the server serves) and --base-url ${baseUrl}` };
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
  const system = options.system ?? settings.system_prompt ?? (await trainedSystemPrompt(workspace)) ?? '';
  const maxTokens = options.maxTokens ?? settings.max_tokens;
  const temperature = options.temperature ?? settings.temperature;

  let tooLarge = 0;
  const outcome = await runJournaledJob({
    jobs: prompts,
    done,
    limit: options.limit,
    lock: { file: workspace.inferLockFile(model), what: `infer --model ${model}` },
    journal: file,
    errors: workspace.inferErrorsFile(model),
    progress: { label: `infer ${model}`, unit: 'req', quiet: options.quiet },
    endpoint: serverEndpoint(model, options.baseUrl),
    interruptedMessage: () => 'interrupted: answers in flight were recorded; rerun to continue',
    run: ({ pending, journal, errors, progress }) => {
      const caller = createOpenAiCaller({ model, maxTokens, temperature, baseURL: options.baseUrl, timeoutMs: settings.request_timeout_ms });
      return runJobs<EvalPromptRecord, ChatAnswer>({
        jobs: pending,
        call: async (prompt, signal) => requireText(await caller({ system, user: prompt.prompt }, signal)),
        toRecord: (prompt, answer, meta: CallMeta): GenerationRecord => {
          if (answer.answer_bytes !== undefined) tooLarge++;
          return {
            ...prompt,
            model,
            text: answer.text,
            stop_reason: answer.stop_reason,
            truncated: answer.truncated,
            ...(answer.answer_bytes !== undefined ? { answer_bytes: answer.answer_bytes } : {}),
            usage: answer.usage,
            latency_ms: meta.latencyMs,
            attempts: meta.attempts,
            created_at: new Date().toISOString(),
          };
        },
        journal,
        errors,
        errorRecord: (prompt, failure, attempts) => ({ id: prompt.id, model, kind: failure.kind, status: failure.status ?? null, error_type: failure.type, message: failure.message, attempts, created_at: new Date().toISOString() }),
        concurrency: options.concurrency ?? settings.concurrency,
        retry: retryPolicyFrom(config),
        progress,
        stopSignal: options.stopSignal,
        abortSignal: options.abortSignal,
      });
    },
  });
  const { result, stopMessage } = outcome;
  if (stopMessage) logger.warn(stopMessage);
  writeStageReport(workspace, `infer_${safeName(model)}`, {
    stage: 'infer',
    duration_ms: timer.elapsedMs(),
    counts: { prompts: prompts.length, done_before: outcome.doneBefore, answered: result.stats.done, failed: result.stats.failed, unanswered: outcome.unanswered, retries: result.stats.retries, answer_too_large: tooLarge },
    settings: { model, max_tokens: maxTokens, temperature, concurrency: options.concurrency ?? settings.concurrency, system_prompt_chars: system.length },
    stop_reason: result.stopReason,
    latency_ms: distribution(result.stats.latenciesMs),
  });
  return {
    model,
    prompts: prompts.length,
    done_before: outcome.doneBefore,
    answered: result.stats.done,
    failed: result.stats.failed,
    unanswered: outcome.unanswered,
    stop_reason: result.stopReason,
    ...(stopMessage ? { stop_message: stopMessage } : {}),
    generations_file: file,
  };
}
