// Running the judges over a set of games (select's eligible answers, or a student's passing
// eval generations): one resumable journaled job of src/llm/ per kind, on the same
// cost-counted runner, retries and providers as `distill`. Verdicts are journaled in
// judge_cache.jsonl and reused only for the same code, request, model, kind and rubric
// version, so a rerun (or a run after kill -9, or `eval score` after `select`) only pays for
// games it has not judged; an unreadable reply is kept too and not paid for again. Without
// the provider's key a kind is off (one warning) and gives no score.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { BadLines, UsageError, WorkError, logger, readJsonl, sha256, type Config, type ModelPrice, type Workspace } from '../core/index.js';
import { KEY_VARIABLE, costUsd, createRemoteCaller, priceFor, retryPolicyFrom, runJobs, runJournaledJob, type ChatAnswer, type ChatCaller, type ChatInput, type Endpoint, type RunJobsResult } from '../llm/index.js';
import type { Usage } from '../schemas/index.js';
import type { RequestedGame } from '../validate/index.js';
import { judgeChecklist, type JudgeKind } from './checklist.js';
import { TEXT_RUBRIC_VERSION, parseTextVerdicts, textInput, textPrompt, textScore, type TextItem } from './text.js';
import { VISION_RUBRIC_VERSION, parseVisionAnswers, visionInput, visionPrompt } from './vision.js';

export type JudgeSettings = Config['select']['judge'];

export const RUBRIC_VERSION: Record<JudgeKind, number> = { text: TEXT_RUBRIC_VERSION, vision: VISION_RUBRIC_VERSION };

/** One line of judge_cache.jsonl. `score` is null when the reply could not be read. */
export interface JudgeVerdict {
  /** Absent on lines written before the text judge: those are vision verdicts. */
  kind?: JudgeKind;
  code_hash: string;
  /** sha256 (16 hex) of the request text; absent on older vision lines (they match any request). */
  request_hash?: string;
  model: string;
  rubric_version: number;
  checklist: string[];
  /** Vision: one boolean per statement. */
  answers: boolean[] | null;
  /** Text: one verdict per statement. */
  items?: TextItem[] | null;
  score: number | null;
  usage: Usage;
  cost_usd: number;
  created_at: string;
}

/** One game to judge. */
export interface JudgeItem {
  code_hash: string;
  /** What was asked: the request text, and the seed's genre and mechanics when known. */
  request: RequestedGame;
  plan: string;
  code: string;
  /** Absolute path of the L4 screenshot (vision only; without one the game gets no vision score). */
  screenshot?: string;
  /** Absolute path of the first frame the scripted input changed (L4 `screenshot_input`), when there is one. */
  screenshotInput?: string;
}

/** A JudgeItem's screenshot paths from a validation's L4 runtime (paths relative to `workspace`). */
export function judgeScreenshots(workspace: Workspace, runtime: { screenshot: string | null; screenshot_input?: string } | null | undefined): Pick<JudgeItem, 'screenshot' | 'screenshotInput'> {
  return {
    screenshot: runtime?.screenshot ? workspace.path(runtime.screenshot) : undefined,
    screenshotInput: runtime?.screenshot_input ? workspace.path(runtime.screenshot_input) : undefined,
  };
}

/** What one kind did over the items of this run. */
export interface KindOutcome {
  model: string;
  /** The provider's key was not set: no calls, no score. */
  off: boolean;
  /** Items with a verdict (this run's and cached ones). */
  verdicts: number;
  /** Of those, judged by this run (paid now). */
  judged_now: number;
  /** Of the verdicts, replies that could not be read (no score; not asked again). */
  unreadable: number;
  /** Items the kind could not judge (vision: no screenshot). */
  not_judged: number;
  /** USD of the verdicts used, all runs. */
  cost_usd: number;
  /** USD spent by this run. */
  spent_usd: number;
}

export interface JudgeOutcome {
  kinds: JudgeKind[];
  /** Scores by `judgeKey(item)`. */
  scores: Map<string, { text?: number; vision?: number }>;
  /** The text judge's per-statement verdicts by `judgeKey(item)`. */
  textItems: Map<string, TextItem[]>;
  by_kind: Partial<Record<JudgeKind, KindOutcome>>;
  /** USD of all verdicts used (all runs), and spent by this run. */
  cost_usd: number;
  spent_usd: number;
}

/** The kinds a `select.judge.kind` setting runs. */
export function judgeKinds(kind: JudgeSettings['kind']): JudgeKind[] {
  return kind === 'both' ? ['text', 'vision'] : [kind];
}

const requestHash = (text: string) => sha256(text.trim()).slice(0, 16);
/** The key of an item's scores: its code and its request. */
export const judgeKey = (item: Pick<JudgeItem, 'code_hash' | 'request'>) => `${item.code_hash}:${requestHash(item.request.prompt)}`;

const modelOf = (kind: JudgeKind, settings: JudgeSettings) => (kind === 'text' ? settings.text_model : settings.model);

interface Job {
  id: string;
  item: JudgeItem;
  checklist: string[];
  input: ChatInput;
  /** Input tokens estimated before the call, for the budget (≈ 3 characters a token, on the safe side). */
  estimatedInputTokens: number;
}

function verdictRecord(kind: JudgeKind, job: Job, answer: ChatAnswer, model: string, price: ModelPrice | undefined): JudgeVerdict {
  let score: number | null = null;
  let answers: boolean[] | null = null;
  let items: TextItem[] | null = null;
  if (kind === 'vision') {
    answers = parseVisionAnswers(answer.text, job.checklist.length);
    if (answers) score = Math.round((answers.filter(Boolean).length / answers.length) * 10_000) / 10_000;
  } else {
    items = parseTextVerdicts(answer.text, job.checklist);
    if (items) score = textScore(items);
  }
  return {
    kind,
    code_hash: job.item.code_hash,
    request_hash: requestHash(job.item.request.prompt),
    model,
    rubric_version: RUBRIC_VERSION[kind],
    checklist: job.checklist,
    answers,
    ...(kind === 'text' ? { items } : {}),
    score,
    usage: answer.usage,
    cost_usd: costUsd(answer.usage, price),
    created_at: new Date().toISOString(),
  };
}

/**
 * What a judge_cache.jsonl line must hold to be reused (verdicts of other kinds, models and rubric
 * versions stay in the file but are not reused); a line that fails it is damaged: skipped with
 * file:line, and its game judged again.
 */
const cachedVerdictSchema = z
  .object({
    kind: z.enum(['text', 'vision']).optional(),
    code_hash: z.string().min(1),
    request_hash: z.string().optional(),
    model: z.string(),
    rubric_version: z.number().int(),
    score: z.number().min(0).max(1).nullable(),
    cost_usd: z.number().nonnegative().optional(),
  })
  .passthrough();

/**
 * The cached verdicts of `kind` and `model` at the current rubric, by code hash (several requests
 * each). Damaged lines are reported only when `bad` is given (once per run: runJudges reads the
 * file several times).
 */
async function readVerdicts(file: string, kind: JudgeKind, model: string, bad?: BadLines): Promise<Map<string, JudgeVerdict[]>> {
  const verdicts = new Map<string, JudgeVerdict[]>();
  if (!existsSync(file)) return verdicts;
  for await (const { value } of readJsonl(file, { schema: cachedVerdictSchema, onBadLine: bad ? bad.add : () => {} })) {
    const verdict = value as unknown as JudgeVerdict;
    if ((verdict.kind ?? 'vision') !== kind || verdict.model !== model || verdict.rubric_version !== RUBRIC_VERSION[kind]) continue;
    verdicts.set(verdict.code_hash, [...(verdicts.get(verdict.code_hash) ?? []), verdict]);
  }
  return verdicts;
}

/** The newest verdict for `item` (same request, or an older line that names none). */
function verdictFor(verdicts: Map<string, JudgeVerdict[]>, item: JudgeItem): JudgeVerdict | undefined {
  const hash = requestHash(item.request.prompt);
  return verdicts.get(item.code_hash)?.filter((v) => v.request_hash === undefined || v.request_hash === hash).at(-1);
}

function endpoint(kind: JudgeKind, settings: JudgeSettings): Endpoint {
  const model = modelOf(kind, settings);
  const key = kind === 'text' ? 'select.judge.text_model' : 'select.judge.model';
  return { name: `the ${settings.provider} API`, key: KEY_VARIABLE[settings.provider], model, notFoundHint: `the model name "${model}" (${key}) and the base URL` };
}

/** The kind's caller, or undefined (one warning) when the provider's key is not set. */
function caller(kind: JudgeKind, settings: JudgeSettings, config: Config): ChatCaller | undefined {
  const maxTokens = kind === 'text' ? settings.text_max_tokens : settings.max_tokens;
  try {
    return createRemoteCaller(settings.provider, { model: modelOf(kind, settings), maxTokens, timeoutMs: config.teacher.request_timeout_ms });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    logger.warn(`${kind} judge off: ${error.message}; scoring without it`);
    return undefined;
  }
}

function jobFor(kind: JudgeKind, item: JudgeItem): Job | undefined {
  const checklist = judgeChecklist(kind, item.request);
  const id = judgeKey(item);
  if (kind === 'text') {
    const prompt = textPrompt(item.request.prompt, item.plan, item.code, checklist);
    return { id, item, checklist, input: textInput(prompt), estimatedInputTokens: Math.ceil(prompt.length / 3) };
  }
  if (!item.screenshot || !existsSync(item.screenshot)) return undefined;
  const afterInput = item.screenshotInput && existsSync(item.screenshotInput) ? readFileSync(item.screenshotInput).toString('base64') : undefined;
  const prompt = visionPrompt(item.request.prompt, checklist, afterInput !== undefined);
  // a screenshot is ~1,600 input tokens at most on either provider
  const images = afterInput ? 2 : 1;
  return { id, item, checklist, input: visionInput(prompt, readFileSync(item.screenshot).toString('base64'), afterInput), estimatedInputTokens: 1600 * images + Math.ceil(prompt.length / 3) };
}

async function runKind(kind: JudgeKind, items: JudgeItem[], settings: JudgeSettings, config: Config, options: { cacheFile: string; quiet?: boolean; maxCostUsd?: number; bad?: BadLines }, outcome: JudgeOutcome): Promise<void> {
  const model = modelOf(kind, settings);
  const cached = await readVerdicts(options.cacheFile, kind, model, options.bad);
  const jobs: Job[] = [];
  const seen = new Set<string>();
  let notJudged = 0;
  for (const item of items) {
    const id = judgeKey(item);
    if (seen.has(id)) continue;
    seen.add(id);
    if (verdictFor(cached, item)) continue;
    const job = jobFor(kind, item);
    if (job) jobs.push(job);
    else notJudged++;
  }
  if (notJudged) logger.warn(`vision judge: ${notJudged} games have no screenshot (validated without L4?); they get no vision score`);

  const call = jobs.length ? caller(kind, settings, config) : undefined;
  let spent = 0;
  let judgedNow = 0;
  if (call) {
    const price = priceFor(model, config.teacher.prices);
    if (!price) logger.warn(`${kind} judge: no price for "${model}" in teacher.prices; its cost is counted as 0`);
    const maxTokens = kind === 'text' ? settings.text_max_tokens : settings.max_tokens;
    const { result, stopMessage } = await runJournaledJob<Job, RunJobsResult>({
      jobs,
      done: new Set(),
      journal: options.cacheFile,
      progress: { label: `${kind} judge`, unit: 'game', quiet: options.quiet },
      endpoint: endpoint(kind, settings),
      budgetMessage: (run) => `judge: budget of $${settings.max_cost_usd} reached; ${run.unfinished} games not judged by the ${kind} judge (no ${kind} score)`,
      run: ({ pending, journal, progress }) =>
        runJobs<Job, ChatAnswer>({
          jobs: pending,
          call: (job, signal) => call(job.input, signal),
          journal,
          concurrency: settings.concurrency,
          retry: retryPolicyFrom(config),
          costOf: (answer) => costUsd(answer.usage, price),
          maxCostUsd: options.maxCostUsd,
          estimateCost: (job) => costUsd({ input_tokens: job.estimatedInputTokens, output_tokens: maxTokens, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, price),
          toRecord: (job, answer) => verdictRecord(kind, job, answer, model, price),
          progress,
        }),
    });
    spent = result.stats.spentUsd;
    judgedNow = result.stats.done;
    logger.info(`${kind} judge: ${result.stats.done} judged, ${result.stats.failed} failed, $${spent.toFixed(4)}`);
    if (result.stopReason === 'fatal') throw new WorkError(`${kind} judge stopped: ${stopMessage ?? 'unknown error'} (rerun resumes; verdicts so far are kept)`);
    if (stopMessage) logger.warn(stopMessage);
  }

  const all = await readVerdicts(options.cacheFile, kind, model);
  const counted = new Set<string>();
  let verdicts = 0;
  let unreadable = 0;
  let cost = 0;
  for (const item of items) {
    const id = judgeKey(item);
    if (counted.has(id)) continue;
    counted.add(id);
    const verdict = verdictFor(all, item);
    if (!verdict) continue;
    verdicts++;
    cost += verdict.cost_usd ?? 0;
    if (verdict.score === null) {
      unreadable++;
      continue;
    }
    outcome.scores.set(id, { ...outcome.scores.get(id), [kind]: verdict.score });
    if (kind === 'text' && verdict.items) outcome.textItems.set(id, verdict.items);
  }
  if (unreadable) logger.warn(`${kind} judge: ${unreadable} replies could not be read; those games get no ${kind} score`);
  outcome.by_kind[kind] = { model, off: jobs.length > 0 && !call, verdicts, judged_now: judgedNow, unreadable, not_judged: notJudged, cost_usd: round6(cost), spent_usd: round6(spent) };
}

const round6 = (usd: number) => Math.round(usd * 1e6) / 1e6;

/**
 * Judge `items` with the kinds of `settings.kind` (text first: it needs no screenshot), and
 * return their scores. `select.judge.max_cost_usd` caps what this run spends over all kinds.
 */
export async function runJudges(items: JudgeItem[], settings: JudgeSettings, config: Config, options: { cacheFile: string; quiet?: boolean }): Promise<JudgeOutcome> {
  const outcome: JudgeOutcome = { kinds: judgeKinds(settings.kind), scores: new Map(), textItems: new Map(), by_kind: {}, cost_usd: 0, spent_usd: 0 };
  const bad = new BadLines('those games are judged again');
  for (const [i, kind] of outcome.kinds.entries()) {
    const left = settings.max_cost_usd === undefined ? undefined : Math.max(0, settings.max_cost_usd - outcome.spent_usd);
    // every line is checked on the first kind's read: damaged lines are named once per run
    await runKind(kind, items, settings, config, { ...options, maxCostUsd: left, bad: i === 0 ? bad : undefined }, outcome);
    if (i === 0) bad.report(`judge cache ${options.cacheFile}`);
    outcome.spent_usd = round6(outcome.spent_usd + outcome.by_kind[kind]!.spent_usd);
    outcome.cost_usd = round6(outcome.cost_usd + outcome.by_kind[kind]!.cost_usd);
  }
  return outcome;
}
