// `select --judge`: a vision model looks at each game's L4 screenshot and answers a short
// checklist derived from its request. It is a resumable journaled job of src/llm/, on the
// same cost-counted runner and providers as `distill`; verdicts are journaled in
// judge_cache.jsonl, keyed by code hash and model, so a rerun (or a run after kill -9) only
// pays for games it has not judged.
import { existsSync, readFileSync } from 'node:fs';
import { BadLines, WorkError, logger, readJsonl, type Config, type ModelPrice, type Workspace } from '../core/index.js';
import { KEY_VARIABLE, costUsd, createRemoteCaller, priceFor, retryPolicyFrom, runJobs, runJournaledJob, type ChatAnswer, type ChatInput, type Endpoint, type RunJobsResult } from '../llm/index.js';
import type { Seed, TeacherRequest, Usage, Validated } from '../schemas/index.js';

export const JUDGE_SYSTEM = 'You check screenshots of small browser games against what was asked for. Judge only what the image shows. Reply with JSON only.';

/** One line of judge_cache.jsonl. `score` is null when the answer could not be read. */
export interface JudgeVerdict {
  code_hash: string;
  model: string;
  checklist: string[];
  answers: boolean[] | null;
  score: number | null;
  usage: Usage;
  cost_usd: number;
  created_at: string;
}

/** The questions for one game: it runs, it fits the request, it shows state, its mechanics show. */
export function judgeChecklist(seed: Seed | undefined): string[] {
  const items = [
    'The screenshot shows a running game, not a blank, black or error screen.',
    `What is on screen fits the request${seed ? ` (a ${seed.genre} game)` : ''}: its objects and theme are recognisable.`,
    'Text on screen shows the score, lives, time or the game state.',
  ];
  for (const mechanic of (seed?.mechanics ?? []).slice(0, 3)) items.push(`Something on screen shows this mechanic: ${mechanic}.`);
  return items;
}

export function judgePrompt(requestText: string, checklist: string[]): string {
  return [
    'A user asked for this game:',
    requestText.trim(),
    '',
    'The image is a screenshot of the game after it ran for a few seconds. For each statement, answer true or false:',
    ...checklist.map((item, i) => `${i + 1}. ${item}`),
    '',
    `Reply with JSON only, exactly ${checklist.length} booleans in order: {"answers": [true, false, ...]}`,
  ].join('\n');
}

/** The booleans of a judge's answer, or null when it did not give one per statement. */
export function parseJudgeAnswers(text: string, count: number): boolean[] | null {
  const match = /\{[\s\S]*\}/.exec(text);
  if (!match) return null;
  try {
    const answers = (JSON.parse(match[0]) as { answers?: unknown }).answers;
    if (!Array.isArray(answers) || answers.length !== count || !answers.every((a) => typeof a === 'boolean')) return null;
    return answers;
  } catch {
    return null;
  }
}

interface JudgeJob {
  id: string;
  prompt: string;
  checklist: string[];
  imageBase64: string;
}

/** What the judge is asked about one game: its screenshot first, then the checklist. */
function judgeInput(job: JudgeJob): ChatInput {
  return { system: JUDGE_SYSTEM, user: [{ type: 'image', mediaType: 'image/png', base64: job.imageBase64 }, { type: 'text', text: job.prompt }] };
}

/** The judge's provider, for the message when a fatal error stops the run. */
function judgeEndpoint(settings: Config['select']['judge']): Endpoint {
  return { name: `the ${settings.provider} API`, key: KEY_VARIABLE[settings.provider], model: settings.model, notFoundHint: `the model name "${settings.model}" (select.judge.model) and the base URL` };
}

/** The judge_cache.jsonl line of one answer: the share of statements judged true. */
function verdictRecord(job: JudgeJob, answer: ChatAnswer, model: string, price: ModelPrice | undefined): JudgeVerdict {
  const answers = parseJudgeAnswers(answer.text, job.checklist.length);
  return {
    code_hash: job.id,
    model,
    checklist: job.checklist,
    answers,
    score: answers ? Math.round((answers.filter(Boolean).length / answers.length) * 10_000) / 10_000 : null,
    usage: answer.usage,
    cost_usd: costUsd(answer.usage, price),
    created_at: new Date().toISOString(),
  };
}

async function readVerdicts(file: string, model: string): Promise<Map<string, JudgeVerdict>> {
  const verdicts = new Map<string, JudgeVerdict>();
  if (!existsSync(file)) return verdicts;
  const bad = new BadLines('those games are judged again');
  for await (const { value } of readJsonl(file, { onBadLine: bad.add })) {
    const verdict = value as JudgeVerdict;
    if (verdict && typeof verdict.code_hash === 'string' && verdict.model === model) verdicts.set(verdict.code_hash, verdict);
  }
  bad.report(file);
  return verdicts;
}

/**
 * Judge every eligible game with a screenshot that has no verdict from this model yet, and
 * return the scores by code hash. Games without a screenshot, or whose answer could not be
 * read, get no judge part (the other parts' weights renormalise).
 */
export async function runJudge(
  workspace: Workspace,
  config: Config,
  records: Validated[],
  context: { seeds: Map<string, Seed>; requests: Map<string, TeacherRequest>; quiet?: boolean },
): Promise<Map<string, number>> {
  const settings = config.select.judge;
  const cacheFile = workspace.judgeCacheFile;
  const verdicts = await readVerdicts(cacheFile, settings.model);
  const jobs: JudgeJob[] = [];
  const seen = new Set<string>();
  let noScreenshot = 0;
  for (const record of records) {
    if (!record.passed || seen.has(record.code_hash) || verdicts.has(record.code_hash)) continue;
    seen.add(record.code_hash);
    const screenshot = record.runtime?.screenshot ? workspace.path(record.runtime.screenshot) : undefined;
    if (!screenshot || !existsSync(screenshot)) {
      noScreenshot++;
      continue;
    }
    const seed = context.seeds.get(record.seed_id);
    const request = context.requests.get(record.request_id);
    const checklist = judgeChecklist(seed);
    jobs.push({ id: record.code_hash, checklist, prompt: judgePrompt(request?.user ?? seed?.prompt ?? '', checklist), imageBase64: readFileSync(screenshot).toString('base64') });
  }
  if (noScreenshot) logger.warn(`judge: ${noScreenshot} passing games have no screenshot (validated without L4?); they get no judge part`);

  if (jobs.length) {
    const price = priceFor(settings.model, config.teacher.prices);
    if (!price) logger.warn(`judge: no price for "${settings.model}" in teacher.prices; its cost is counted as 0`);
    const call = createRemoteCaller(settings.provider, { model: settings.model, maxTokens: settings.max_tokens, timeoutMs: config.teacher.request_timeout_ms });
    const { result, stopMessage } = await runJournaledJob<JudgeJob, RunJobsResult>({
      jobs,
      done: new Set(verdicts.keys()),
      journal: cacheFile,
      progress: { label: 'judge', unit: 'img', quiet: context.quiet },
      endpoint: judgeEndpoint(settings),
      budgetMessage: (outcome) => `judge: budget of $${settings.max_cost_usd} reached; ${outcome.unfinished} games not judged (no judge part)`,
      run: ({ pending, journal, progress }) =>
        runJobs<JudgeJob, ChatAnswer>({
          jobs: pending,
          call: (job, signal) => call(judgeInput(job), signal),
          journal,
          concurrency: settings.concurrency,
          retry: retryPolicyFrom(config),
          costOf: (answer) => costUsd(answer.usage, price),
          maxCostUsd: settings.max_cost_usd,
          // A screenshot is ~1,600 input tokens at most on either provider; the answer is short.
          estimateCost: () => costUsd({ input_tokens: 2000, output_tokens: settings.max_tokens, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, price),
          toRecord: (job, answer) => verdictRecord(job, answer, settings.model, price),
          progress,
        }),
    });
    logger.info(`judge: ${result.stats.done} judged, ${result.stats.failed} failed, $${result.stats.spentUsd.toFixed(4)}`);
    if (result.stopReason === 'fatal') throw new WorkError(`judge stopped: ${stopMessage ?? 'unknown error'} (rerun resumes; verdicts so far are kept)`);
    if (stopMessage) logger.warn(stopMessage);
  }
  const scores = new Map<string, number>();
  for (const [hash, verdict] of await readVerdicts(cacheFile, settings.model)) if (verdict.score !== null) scores.set(hash, verdict.score);
  return scores;
}
