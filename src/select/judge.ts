// `select --judge`: a vision model looks at each game's L4 screenshot and answers a short
// checklist derived from its request. It is a resumable journaled job of src/llm/, on the
// same cost-counted runner and providers as `distill`; verdicts are journaled in
// judge_cache.jsonl, keyed by code hash and model, so a rerun (or a run after kill -9) only
// pays for games it has not judged. A verdict is reused only for the same code, model and
// RUBRIC_VERSION (the checklist's wording); without the provider's key the judge is off.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { BadLines, UsageError, WorkError, logger, readJsonl, type Config, type ModelPrice, type Workspace } from '../core/index.js';
import { KEY_VARIABLE, costUsd, createRemoteCaller, priceFor, retryPolicyFrom, runJobs, runJournaledJob, type ChatAnswer, type ChatCaller, type ChatInput, type Endpoint, type RunJobsResult } from '../llm/index.js';
import type { Seed, TeacherRequest, Usage, Validated } from '../schemas/index.js';
import { requestedElements } from '../validate/index.js';

/** Bump when the checklist or prompt wording changes: older verdicts are then judged again. */
export const RUBRIC_VERSION = 2;

export const JUDGE_SYSTEM = 'You check screenshots of small browser games against what was asked for. Judge only what the image shows. Reply with JSON only.';

/** One line of judge_cache.jsonl. `score` is null when the answer could not be read. */
export interface JudgeVerdict {
  code_hash: string;
  model: string;
  rubric_version: number;
  checklist: string[];
  answers: boolean[] | null;
  score: number | null;
  usage: Usage;
  cost_usd: number;
  created_at: string;
}

/** One statement per element the request asks for (the same elements as `fidelity_checks`). */
const ELEMENT_STATEMENTS: Record<string, string> = {
  keyboard: 'The game is played with the keyboard (arrow keys or other keys).',
  pointer_click: 'The game is played by clicking or tapping.',
  pointer_drag: 'The game is played by dragging with the mouse or finger.',
  gravity_jump: 'Things fall under gravity and the player can jump.',
  collisions: 'Objects collide or overlap and react to it.',
  scoring: 'A score is shown on screen.',
  lives: 'Lives or health are shown on screen.',
  timers: 'A timer or countdown is shown or drives the game.',
  tweens: 'Objects move or fade smoothly (tweens).',
  particles: 'Particle effects (sparks, explosions) are visible.',
  camera_follow: 'The camera follows the player.',
  tilemap_array: 'The level is built from a grid of tiles.',
  ui_text: 'The game shows text on screen (title, HUD or instructions).',
  levels_scenes: 'The game has more than one scene or level (e.g. a title screen and the game).',
  state_machine: 'The game has distinct states (playing, game over, won).',
  procedural: 'Content is placed or generated at random.',
  spawning: 'New objects or enemies keep appearing.',
  projectiles: 'Something is shot or fired.',
  enemy_ai: 'There are enemies that move on their own.',
  powerups: 'There are power-ups or bonuses to pick up.',
  grid_logic: 'The game is played on a board or grid.',
  pause_menu: 'The game can be paused.',
};

/** The questions for one game: it runs, then one per element its request asks for. */
export function judgeChecklist(seed: Seed | undefined, prompt = seed?.prompt ?? ''): string[] {
  const items = [`The screenshot shows a running game${seed ? ` (a ${seed.genre} game)` : ''}, not a blank, black or error screen.`];
  const elements = requestedElements({ prompt, genre: seed?.genre, mechanics: seed?.mechanics });
  for (const element of elements) items.push(ELEMENT_STATEMENTS[element] ?? `Something on screen shows this: ${element}.`);
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
    rubric_version: RUBRIC_VERSION,
    checklist: job.checklist,
    answers,
    score: answers ? Math.round((answers.filter(Boolean).length / answers.length) * 10_000) / 10_000 : null,
    usage: answer.usage,
    cost_usd: costUsd(answer.usage, price),
    created_at: new Date().toISOString(),
  };
}

/**
 * What a judge_cache.jsonl line must hold to be reused (verdicts of other models and rubric
 * versions are kept in the file but not reused); a line that fails it is damaged: skipped with
 * file:line, and its game judged again.
 */
const cachedVerdictSchema = z
  .object({
    code_hash: z.string().min(1),
    model: z.string(),
    rubric_version: z.number().int(),
    score: z.number().min(0).max(1).nullable(),
    cost_usd: z.number().nonnegative().optional(),
  })
  .passthrough();

/** The verdicts of `model` under the current rubric; damaged lines are reported (when `report`) and skipped. */
async function readVerdicts(file: string, model: string, report = true): Promise<Map<string, JudgeVerdict>> {
  const verdicts = new Map<string, JudgeVerdict>();
  if (!existsSync(file)) return verdicts;
  const bad = new BadLines('those games are judged again');
  for await (const { value } of readJsonl(file, { schema: cachedVerdictSchema, onBadLine: report ? bad.add : () => {} })) {
    const verdict = value as unknown as JudgeVerdict;
    if (verdict.model === model && verdict.rubric_version === RUBRIC_VERSION) verdicts.set(verdict.code_hash, verdict);
  }
  if (report) bad.report(`judge cache ${file}`);
  return verdicts;
}

/** The judge's caller, or undefined (one warning, no judge part) when its provider's key is not set. */
function judgeCaller(settings: Config['select']['judge'], config: Config): ChatCaller | undefined {
  try {
    return createRemoteCaller(settings.provider, { model: settings.model, maxTokens: settings.max_tokens, timeoutMs: config.teacher.request_timeout_ms });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    logger.warn(`judge off: ${error.message}; scoring without it`);
    return undefined;
  }
}

/** The judge's scores by code hash, and what its cached verdicts cost (for the selection report). */
export interface JudgeOutcome {
  scores: Map<string, number>;
  model: string;
  /** Verdicts of this model and rubric in the cache (this run's and earlier runs'). */
  verdicts: number;
  /** Of those, answers that were not one boolean per statement (no judge part). */
  unreadable: number;
  /** USD of those verdicts, all runs. */
  cost_usd: number;
  /** Off: the provider's key was not set. */
  off: boolean;
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
): Promise<JudgeOutcome> {
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
    const checklist = judgeChecklist(seed, request?.user ?? seed?.prompt ?? '');
    jobs.push({ id: record.code_hash, checklist, prompt: judgePrompt(request?.user ?? seed?.prompt ?? '', checklist), imageBase64: readFileSync(screenshot).toString('base64') });
  }
  if (noScreenshot) logger.warn(`judge: ${noScreenshot} passing games have no screenshot (validated without L4?); they get no judge part`);

  const call = jobs.length ? judgeCaller(settings, config) : undefined;
  if (call) {
    const price = priceFor(settings.model, config.teacher.prices);
    if (!price) logger.warn(`judge: no price for "${settings.model}" in teacher.prices; its cost is counted as 0`);
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
  let unreadable = 0;
  let cost = 0;
  const all = await readVerdicts(cacheFile, settings.model, false); // damaged lines were reported above
  for (const [hash, verdict] of all) {
    cost += verdict.cost_usd ?? 0;
    if (verdict.score !== null) scores.set(hash, verdict.score);
    else unreadable++;
  }
  if (unreadable) logger.warn(`judge: ${unreadable} answers could not be read (not one boolean per statement); those games get no judge part`);
  return { scores, model: settings.model, verdicts: all.size, unreadable, cost_usd: Math.round(cost * 1e6) / 1e6, off: jobs.length > 0 && !call };
}
