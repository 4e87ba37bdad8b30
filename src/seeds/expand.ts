// `seeds expand`: a teacher writes new seeds, Evol-Instruct / persona style. Each call is
// conditioned on a thin taxonomy cell (genre × difficulty × language of the current seeds), a
// persona and a constraint, and asks for several seeds as JSON; zh cells are asked in Chinese.
// Calls are a journaled job of src/llm/ (data/prompt_seeds/expand_<teacher>.jsonl: resumable
// after kill -9, budget cap counted over every run of the journal). The journals are the
// truth: after every run the answers of all of them are parsed, schema-checked, tagged by the
// user-seed inference and filtered (coherence, concept cap, near-duplicates against every
// other seed and each other) into data/prompt_seeds/expanded_seeds.jsonl, which the next
// `seeds build` reads as an input.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { BadLines, StageTimer, WorkError, bundledPath, countTokens, detectLang, logger, readJsonl, readJsonlSync, stableHash, writeJsonlAtomic, writeStageReport, type Config, type ModelPrice, type StageReportBase, type Workspace } from '../core/index.js';
import {
  EMPTY_USAGE,
  KEY_VARIABLE,
  ClassifiedCallError,
  costUsd,
  createRemoteCaller,
  priceFor,
  retryPolicyFrom,
  runJobs,
  runJournaledJob,
  type ChatAnswer,
  type ChatCaller,
  type ChatInput,
  type Endpoint,
  type RunJobsResult,
} from '../llm/index.js';
import { seedSchema, type Difficulty, type Lang, type Seed, type Usage } from '../schemas/index.js';
import { filterCandidates } from './filters.js';
export { expandedSeedsFile } from './input.js';
import { expandedSeedsFile } from './input.js';
import { inferDifficulty, inferGenre, inferMechanics, seedId } from './infer.js';
import { DIFFICULTIES, GENRE_IDS } from './taxonomy.js';
import { DEFAULT_CONCEPT_CAP, DEFAULT_GENERATED_THRESHOLD } from './build.js';

export type ExpandTeacher = 'claude' | 'openai' | 'replay';
export const EXPAND_TEACHERS: readonly ExpandTeacher[] = ['claude', 'openai', 'replay'];

/** The bundled recorded answers of the `replay` teacher. */
export const EXPAND_REPLAY_FILE = bundledPath('assets', 'seeds', 'expand_replay.jsonl');

export const expandJournalFile = (workspace: Workspace, teacher: ExpandTeacher) => join(dirname(workspace.seedsFile), `expand_${teacher}.jsonl`);
export const expandErrorsFile = (workspace: Workspace, teacher: ExpandTeacher) => join(dirname(workspace.seedsFile), `expand_${teacher}_errors.jsonl`);

export interface ExpandCell {
  genre: string;
  difficulty: Difficulty;
  lang: Lang;
}

/** One call: a cell, who asks, what they insist on, how many seeds. */
export interface ExpandJob {
  id: string;
  index: number;
  cell: ExpandCell;
  persona: string;
  constraint: string;
  n: number;
}

// Personas and constraints are written per language, not translated.
const PERSONAS: Record<Lang, readonly string[]> = {
  en: [
    'a middle-school teacher who wants a game for tomorrow\'s class',
    'a game-jam entrant with 48 hours and a theme to fit',
    'a parent making something for a six-year-old',
    'a speedrunner who cares about tight controls and a visible timer',
    'a hobbyist learning Phaser on weekends',
    'a UX designer prototyping a feel before the art exists',
    'a retired programmer remaking an arcade game from the 80s',
    'a streamer who wants a game chat can play along with',
    'a student with a homework assignment due Friday',
    'an indie dev testing a mechanic for a bigger project',
    'a librarian running a kids\' coding club',
    'someone bored at work who wants a five-minute game',
  ],
  zh: [
    '一位想给明天的课做个小游戏的初中老师',
    '参加48小时Game Jam、要贴合主题的参赛者',
    '给六岁孩子做游戏的家长',
    '很在意操作手感和计时器的速通玩家',
    '周末自学Phaser的业余爱好者',
    '在美术还没出来之前先验证手感的交互设计师',
    '想复刻八十年代街机游戏的退休程序员',
    '想做个能让直播间观众一起玩的主播',
    '周五要交作业的大学生',
    '想为大项目先验证一个玩法的独立开发者',
    '带少儿编程兴趣班的老师',
    '上班摸鱼、想要一个五分钟能玩完的小游戏的人',
  ],
};

const CONSTRAINTS: Record<Lang, readonly string[]> = {
  en: [
    'it must be playable with one hand on a phone',
    'no image files: everything drawn with shapes',
    'a round lasts under two minutes',
    'give at least two concrete numbers (speeds, counts, timers)',
    'the whole request fits in one sentence',
    'a short spec with a few bullet points',
    'mention what happens when the player loses',
    'name a high score or a best time that is kept',
    'written casually, the way people type in a chat box',
    'describe the difficulty going up over time',
  ],
  zh: [
    '手机上单手就能玩',
    '不用图片素材，全部用图形画出来',
    '一局不超过两分钟',
    '至少给出两个具体数字（速度、数量、时间）',
    '整个需求一句话说完',
    '写成带几个要点的简短需求说明',
    '说清楚玩家输了会怎样',
    '要保存最高分或最佳时间',
    '口语化，像在聊天框里随手打的',
    '写出难度怎样随时间上升',
  ],
};

const GENRE_NAMES: Record<string, { en: string; zh: string }> = {
  platformer: { en: 'platformer', zh: '平台跳跃' },
  top_down_shooter: { en: 'top-down shooter', zh: '俯视角射击' },
  space_shooter: { en: 'space shooter', zh: '太空射击' },
  breakout: { en: 'breakout / brick breaker', zh: '打砖块' },
  snake: { en: 'snake', zh: '贪吃蛇' },
  endless_runner: { en: 'endless runner', zh: '无尽跑酷' },
  flappy: { en: 'flappy-style', zh: 'Flappy 类（点一下往上飞、穿过管道）' },
  match3: { en: 'match-3', zh: '三消' },
  tower_defense: { en: 'tower defense', zh: '塔防' },
  maze: { en: 'maze', zh: '迷宫' },
  racing: { en: 'racing', zh: '赛车竞速' },
  puzzle: { en: 'puzzle', zh: '益智解谜' },
  clicker: { en: 'clicker / idle', zh: '点击 / 放置' },
  sports: { en: 'sports', zh: '体育' },
  rhythm: { en: 'rhythm', zh: '节奏音游' },
  memory: { en: 'memory / card flip', zh: '记忆翻牌' },
};

const SCOPE: Record<Lang, Record<Difficulty, string>> = {
  en: { easy: 'small in scope: one screen, one core rule', medium: 'medium scope: a few systems working together', hard: 'large in scope: several systems, levels or rules, written like a spec' },
  zh: { easy: '规模小：一个画面、一条核心规则', medium: '中等规模：几个系统配合', hard: '规模大：多个系统、关卡或规则，像一份需求文档' },
};

export const EXPAND_SYSTEM = 'You write the requests real people type when they ask an AI to build a small browser game with Phaser. Reply with JSON only.';

/** The user turn of one call; zh cells are asked in Chinese. */
export function expandPrompt(job: ExpandJob): string {
  const { genre, difficulty, lang } = job.cell;
  const name = GENRE_NAMES[genre] ?? { en: genre, zh: genre };
  if (lang === 'zh') {
    return [
      `请写${job.n}条不同的需求，都是真实用户请AI用Phaser做一个小型网页游戏时会打出来的话，用中文写。`,
      `游戏类型：${name.zh}；${SCOPE.zh[difficulty]}。`,
      `提需求的人：${job.persona}。`,
      `限制：${job.constraint}。`,
      '每条都用这个人自己的口吻：为什么要做、具体想要哪些玩法，合适的话给出数字。长短、语气都要有变化，开头不要重复，点子也不要重复。只写这个类型说得通的玩法（三消、记忆翻牌、贪吃蛇、点击类里不要有敌人）。',
      '只回复JSON：{"seeds": [{"prompt": "……"}]}',
    ].join('\n');
  }
  return [
    `Write ${job.n} different requests, each one what a real person would type when asking an AI to build a small browser game with Phaser. Write them in English.`,
    `Genre: ${name.en}; ${SCOPE.en[difficulty]}.`,
    `Who is asking: ${job.persona}.`,
    `Constraint: ${job.constraint}.`,
    'Each request is in that person\'s own voice: why they want it, the concrete mechanics, numbers where they would give them. Vary length and tone; no two with the same opening or the same idea. Only mechanics the genre has a place for (no enemies in match-3, memory, snake or clicker games).',
    'Reply with JSON only: {"seeds": [{"prompt": "..."}]}',
  ].join('\n');
}

export function expandInput(job: ExpandJob): ChatInput {
  return { system: EXPAND_SYSTEM, user: expandPrompt(job) };
}

/** Cells from thinnest up: each call goes to the cell with the fewest seeds so far (counting the seeds planned). */
export function planExpansion(existing: readonly Seed[], options: { count: number; perCall: number; randomSeed: number }): ExpandJob[] {
  const counts = new Map<string, number>();
  const cells: ExpandCell[] = [];
  for (const genre of GENRE_IDS) for (const difficulty of DIFFICULTIES) for (const lang of ['en', 'zh'] as const) {
    cells.push({ genre, difficulty, lang });
    counts.set(`${genre}/${difficulty}/${lang}`, 0);
  }
  for (const s of existing) {
    const key = `${s.genre}/${s.difficulty}/${s.lang}`;
    if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
  }
  // The plan is named after the seeds it was made from: a rerun on the same seeds makes the
  // same jobs (a longer plan starts with the shorter one), so the journal's answers count.
  const basis = stableHash([...existing.map((s) => s.id)].sort().join(',') + `#${options.randomSeed}`, 8);
  const jobs: ExpandJob[] = [];
  const calls = Math.ceil(options.count / options.perCall);
  for (let index = 0; index < calls; index++) {
    let best = cells[0];
    for (const cell of cells) if (counts.get(`${cell.genre}/${cell.difficulty}/${cell.lang}`)! < counts.get(`${best.genre}/${best.difficulty}/${best.lang}`)!) best = cell;
    const n = Math.min(options.perCall, options.count - index * options.perCall);
    const key = `${best.genre}/${best.difficulty}/${best.lang}`;
    counts.set(key, counts.get(key)! + n);
    const pick = (list: readonly string[], salt: string) => list[parseInt(stableHash(`${basis}:${index}:${salt}`, 8), 16) % list.length];
    jobs.push({ id: `${basis}-${String(index).padStart(5, '0')}`, index, cell: best, persona: pick(PERSONAS[best.lang], 'persona'), constraint: pick(CONSTRAINTS[best.lang], 'constraint'), n });
  }
  return jobs;
}

/** One line of expand_<teacher>.jsonl: the call and the teacher's raw answer. */
export interface ExpandRecord {
  id: string;
  teacher: ExpandTeacher;
  model: string;
  cell: ExpandCell;
  persona: string;
  constraint: string;
  asked: number;
  text: string;
  stop_reason: string | null;
  truncated: boolean;
  usage: Usage;
  cost_usd: number;
  created_at: string;
}

const expandRecordSchema = z.object({
  id: z.string().min(1),
  teacher: z.enum(['claude', 'openai', 'replay']),
  model: z.string(),
  cell: z.object({ genre: z.string(), difficulty: z.enum(['easy', 'medium', 'hard']), lang: z.enum(['en', 'zh']) }),
  asked: z.number().int(),
  text: z.string(),
  truncated: z.boolean().optional(),
  cost_usd: z.number().nonnegative(),
}).passthrough();

/** What a teacher's answer must look like. */
const answerSchema = z.object({ seeds: z.array(z.unknown()) });
const answerSeedSchema = z.object({ prompt: z.string().trim().min(8, 'shorter than 8 characters').max(2000, 'longer than 2,000 characters') });

/** Why answers or seeds in them were thrown away. */
export interface ExpandErrors {
  /** No JSON object in the answer (or it does not parse). */
  no_json: number;
  /** JSON without a `seeds` array. */
  bad_shape: number;
  /** Items of `seeds` without a usable `prompt`. */
  bad_seed: number;
  /** Answers cut off at the token limit (their complete seeds are still used). */
  truncated: number;
  /** Seeds written in the other language than the cell asked for (kept, tagged by their own language). */
  off_language: number;
}

/** The seeds of one answer, and what was wrong with it. */
export function parseExpandAnswer(text: string, errors: ExpandErrors): string[] {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  let value: unknown;
  try {
    if (start < 0 || end <= start) throw new Error('no object');
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    errors.no_json++;
    return [];
  }
  const shaped = answerSchema.safeParse(value);
  if (!shaped.success) {
    errors.bad_shape++;
    return [];
  }
  const prompts: string[] = [];
  for (const item of shaped.data.seeds) {
    const parsed = answerSeedSchema.safeParse(typeof item === 'string' ? { prompt: item } : item);
    if (parsed.success) prompts.push(parsed.data.prompt);
    else errors.bad_seed++;
  }
  return prompts;
}

/** A teacher's prompt as a seed: tagged by the same inference as a user's seed. */
export function expandedSeed(prompt: string): Seed {
  const genre = inferGenre(prompt);
  const mechanics = inferMechanics(prompt, genre);
  return seedSchema.parse({ id: seedId(prompt), prompt, lang: detectLang(prompt), genre, mechanics, difficulty: inferDifficulty(prompt, mechanics), source: 'expanded' });
}

export interface ExpandOptions {
  teacher: ExpandTeacher;
  /**
   * Seeds to ask this teacher for, in total over the current (non-expanded) seeds: calls =
   * count / per_call, rounded up; calls already in the journal are not made again, so a rerun
   * resumes and a larger count asks for the difference.
   */
  count: number;
  model?: string;
  dryRun?: boolean;
  maxCostUsd?: number;
  /** Replay: the recorded answers (default: config, else the bundled file). */
  replayFile?: string;
  /** Tests: the remote provider's base URL. */
  baseURL?: string;
  quiet?: boolean;
}

export interface ExpandReport extends StageReportBase {
  teacher: ExpandTeacher;
  model: string;
  dry_run: boolean;
  price: ModelPrice | null;
  estimate: { calls: number; prompt_tokens: number; expected_output_tokens: number; usd: number; usd_per_1000_seeds: number };
  errors: ExpandErrors;
  rejected: { prompt: string; reason: string; detail?: string }[];
  stop_message?: string;
}

export interface ExpandResult {
  report: string;
  file: string;
  dryRun: boolean;
  counts: ExpandReport['counts'];
  estimate: ExpandReport['estimate'];
  errors: ExpandErrors;
  model: string;
  stopMessage?: string;
}

function modelFor(teacher: ExpandTeacher, config: Config, model?: string): string {
  if (model) return model;
  if (teacher === 'claude') return config.seeds.expand.claude_model;
  if (teacher === 'openai') return config.seeds.expand.openai_model;
  return 'replay';
}

/**
 * A replay caller over recorded answers (`{"text": ...}` lines): call `index` gets line
 * `index mod lines` — the cell is ignored, the prompts are tagged by their own words anyway.
 */
function replayCaller(file: string): ChatCaller<ExpandJob> {
  const answers = readJsonlSync(file, { schema: z.object({ text: z.string() }).passthrough() }).map((row) => row.value.text);
  if (!answers.length) throw new WorkError(`${file}: no recorded answers`);
  return async (job) => {
    const text = answers[job.index % answers.length];
    if (text === undefined) throw new ClassifiedCallError({ kind: 'rejected', type: 'no_recorded_answer', message: `${basename(file)} has no answer for call ${job.index}` });
    return { text, stop_reason: 'end_turn', truncated: false, usage: EMPTY_USAGE };
  };
}

/** A teacher's journal; a line that is not JSON or not a record is named (file:line, when `report`) and skipped. */
async function readJournal(file: string, report = true): Promise<ExpandRecord[]> {
  if (!existsSync(file)) return [];
  const bad = new BadLines('those calls are made again');
  const records: ExpandRecord[] = [];
  for await (const { value } of readJsonl(file, { schema: expandRecordSchema, onBadLine: report ? bad.add : () => {} })) records.push(value as unknown as ExpandRecord);
  if (report) bad.report(file);
  return records;
}

/** Every seed of the workspace except the expanded ones (those are rebuilt from the journals). */
function baseSeeds(workspace: Workspace): Seed[] {
  const file = workspace.seedsFile;
  if (!existsSync(file)) throw new WorkError('no seeds file; run `phaser-sft seeds build` first (expansion fills the thin cells of its distribution)');
  return readJsonlSync(file, { schema: seedSchema }).map((row) => row.value).filter((s) => s.source !== 'expanded');
}

function endpointOf(teacher: ExpandTeacher, model: string): Endpoint {
  if (teacher === 'replay') return { name: 'the replay teacher', key: 'none', model, notFoundHint: 'the recorded answers file (seeds.expand.replay_file)' };
  return { name: `the ${teacher} API`, key: KEY_VARIABLE[teacher], model, notFoundHint: `the model name "${model}" (--model or seeds.expand.${teacher}_model)` };
}

/** Plan, price, (run), then rebuild expanded_seeds.jsonl from every journal and write the report. */
export async function expandSeeds(workspace: Workspace, config: Config, options: ExpandOptions): Promise<ExpandResult> {
  const timer = new StageTimer('seeds_expand');
  const settings = config.seeds.expand;
  const model = modelFor(options.teacher, config, options.model);
  const price = options.teacher === 'replay' ? { input: 0, output: 0, cache_write: 0, cache_read: 0 } : priceFor(model, config.teacher.prices);
  if (!price) logger.warn(`seeds expand: no price for "${model}" in teacher.prices; its cost is counted as 0`);
  const maxCostUsd = options.maxCostUsd ?? settings.max_cost_usd;
  if (maxCostUsd !== undefined && !price) throw new WorkError(`--max-cost-usd needs a price for "${model}" in teacher.prices`);

  const base = baseSeeds(workspace);
  const expandedFile = expandedSeedsFile(workspace);
  // The plan depends on the non-expanded seeds only, so that a rerun — after a kill, a budget
  // stop, or with a larger --count (whose plan extends the smaller one) — finds its calls done.
  const jobs = planExpansion(base, { count: options.count, perCall: settings.per_call, randomSeed: config.seeds.random_seed });
  const journalFile = expandJournalFile(workspace, options.teacher);
  const journal = await readJournal(journalFile);
  const done = new Set(journal.map((r) => r.id));
  const spentBefore = journal.reduce((sum, r) => sum + r.cost_usd, 0);

  // The price of a call: its prompt's tokens (o200k counter) and the expected output.
  const outputTokens = (job: ExpandJob) => job.n * settings.expected_output_tokens_per_seed;
  const callCost = (job: ExpandJob) => costUsd({ ...EMPTY_USAGE, input_tokens: countTokens(EXPAND_SYSTEM) + countTokens(expandPrompt(job)), output_tokens: outputTokens(job) }, price);
  const pendingJobs = jobs.filter((j) => !done.has(j.id));
  const estimate = {
    calls: pendingJobs.length,
    prompt_tokens: pendingJobs.reduce((sum, j) => sum + countTokens(EXPAND_SYSTEM) + countTokens(expandPrompt(j)), 0),
    expected_output_tokens: pendingJobs.reduce((sum, j) => sum + outputTokens(j), 0),
    usd: round(pendingJobs.reduce((sum, j) => sum + callCost(j), 0)),
    usd_per_1000_seeds: 0,
  };
  const asked = pendingJobs.reduce((sum, j) => sum + j.n, 0);
  estimate.usd_per_1000_seeds = asked ? round((estimate.usd / asked) * 1000) : 0;

  let stop: string | undefined;
  let run: RunJobsResult | undefined;
  if (!options.dryRun && pendingJobs.length) {
    const call: ChatCaller<ExpandJob> =
      options.teacher === 'replay'
        ? replayCaller(options.replayFile ?? (settings.replay_file ? workspace.path(settings.replay_file) : EXPAND_REPLAY_FILE))
        : ((remote) => (job, signal) => remote(expandInput(job), signal))(
            createRemoteCaller(options.teacher, { model, maxTokens: settings.max_tokens, temperature: settings.temperature, timeoutMs: config.teacher.request_timeout_ms, ...(options.baseURL ? { baseURL: options.baseURL } : {}) }),
          );
    const outcome = await runJournaledJob<ExpandJob, RunJobsResult>({
      jobs,
      done,
      lock: { file: `${journalFile}.lock`, what: `seeds expand --teacher ${options.teacher}` },
      journal: journalFile,
      errors: expandErrorsFile(workspace, options.teacher),
      groupCommit: true,
      progress: { label: 'seeds expand', unit: 'call', quiet: options.quiet },
      endpoint: endpointOf(options.teacher, model),
      budgetMessage: (o) => `seeds expand: budget of $${maxCostUsd} reached ($${round(spentBefore + o.stats.spentUsd)} spent over all runs); ${o.unfinished} calls not made — raise --max-cost-usd and rerun to go on`,
      interruptedMessage: (o) => `seeds expand: interrupted; ${o.unfinished} calls not made (rerun resumes)`,
      run: ({ pending, journal: appender, errors, progress }) =>
        runJobs<ExpandJob, ChatAnswer>({
          jobs: pending,
          call,
          journal: appender,
          errors,
          errorRecord: (job, failure, attempts) => ({ id: job.id, kind: failure.kind, type: failure.type, message: failure.message, attempts, created_at: new Date().toISOString() }),
          concurrency: settings.concurrency,
          retry: retryPolicyFrom(config),
          costOf: (answer) => costUsd(answer.usage, price),
          maxCostUsd,
          spentBeforeUsd: spentBefore,
          estimateCost: callCost,
          toRecord: (job, answer): ExpandRecord => ({
            id: job.id,
            teacher: options.teacher,
            model,
            cell: job.cell,
            persona: job.persona,
            constraint: job.constraint,
            asked: job.n,
            text: answer.text,
            stop_reason: answer.stop_reason,
            truncated: answer.truncated,
            usage: answer.usage,
            cost_usd: costUsd(answer.usage, price),
            created_at: new Date().toISOString(),
          }),
          progress,
        }),
    });
    run = outcome.result;
    stop = outcome.stopMessage;
    if (stop) logger.warn(stop);
  }

  // Rebuild the expanded set from every teacher's journal, in a fixed order, against the rest.
  const errors: ExpandErrors = { no_json: 0, bad_shape: 0, bad_seed: 0, truncated: 0, off_language: 0 };
  const candidates: Seed[] = [];
  let answers = 0;
  let spentTotal = 0;
  for (const teacher of EXPAND_TEACHERS) {
    const file = expandJournalFile(workspace, teacher);
    for (const record of await readJournal(file, file !== journalFile /* reported above */)) {
      answers++;
      spentTotal += record.cost_usd;
      if (record.truncated) errors.truncated++;
      for (const prompt of parseExpandAnswer(record.text, errors)) {
        const seed = expandedSeed(prompt);
        if (seed.lang !== record.cell.lang) errors.off_language++;
        candidates.push(seed);
      }
    }
  }
  const filtered = filterCandidates(candidates, base, {
    threshold: config.seeds.generated_near_dup_threshold ?? DEFAULT_GENERATED_THRESHOLD,
    conceptCap: config.seeds.concept_cap ?? DEFAULT_CONCEPT_CAP,
    // A teacher's free-written request rarely names one of the grammar's subjects; its
    // genre + mechanics alone would cap whole genres after three seeds.
    capUnnamedConcepts: false,
  });
  // Exact repeats of a base seed (same id) are near-duplicates at similarity 1 and already gone.
  if (!options.dryRun) writeJsonlAtomic(expandedFile, filtered.kept);

  const counts = {
    asked_for: options.count,
    calls_planned: jobs.length,
    calls_done_before: jobs.length - pendingJobs.length,
    calls_made: run?.stats.done ?? 0,
    calls_failed: run?.stats.failed ?? 0,
    calls_unfinished: run?.unfinished ?? (options.dryRun ? pendingJobs.length : 0),
    answers,
    seeds_offered: filtered.counts.offered,
    kept: filtered.counts.kept,
    incoherent: filtered.counts.incoherent,
    concept_cap: filtered.counts.concept_cap,
    near_duplicate: filtered.counts.near_duplicate,
    ...Object.fromEntries(Object.entries(errors).map(([k, v]) => [`error_${k}`, v])),
    spent_usd_this_run: round(run?.stats.spentUsd ?? 0),
    spent_usd_all_runs: round(spentTotal),
  };
  const report = writeStageReport<ExpandReport>(workspace, 'seeds_expand', {
    stage: 'seeds_expand',
    duration_ms: timer.elapsedMs(),
    counts,
    settings: { teacher: options.teacher, model, per_call: settings.per_call, expected_output_tokens_per_seed: settings.expected_output_tokens_per_seed, max_cost_usd: maxCostUsd ?? null, near_dup_threshold: config.seeds.generated_near_dup_threshold, concept_cap: config.seeds.concept_cap, output: expandedFile },
    teacher: options.teacher,
    model,
    dry_run: Boolean(options.dryRun),
    price: price ?? null,
    estimate,
    errors,
    rejected: filtered.rejected.map(({ seed, verdict }) => ({
      prompt: seed.prompt,
      reason: verdict.reason,
      ...(verdict.reason === 'near_duplicate' ? { detail: `${verdict.similarity} with ${verdict.duplicateOf.source} ${verdict.duplicateOf.id}` } : verdict.reason === 'concept_cap' ? { detail: verdict.concept } : { detail: verdict.problems.map((p) => JSON.stringify(p)).join('; ') }),
    })),
    ...(stop ? { stop_message: stop } : {}),
  });
  if (run?.stopReason === 'fatal') throw new WorkError(`seeds expand stopped: ${stop ?? 'unknown error'} (rerun resumes; answers so far are kept)`);
  return { report, file: expandedFile, dryRun: Boolean(options.dryRun), counts, estimate, errors, model, ...(stop ? { stopMessage: stop } : {}) };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The human summary of a run. */
export function formatExpandResult(result: ExpandResult): string {
  const c = result.counts;
  const e = result.estimate;
  const price = `${e.calls} calls, ${e.prompt_tokens} prompt tokens + ~${e.expected_output_tokens} output tokens ≈ $${e.usd.toFixed(4)} on ${result.model} ($${e.usd_per_1000_seeds.toFixed(4)} per 1,000 seeds asked for)`;
  if (result.dryRun) return [`dry run: ${price}`, `  ${c.calls_done_before} of ${c.calls_planned} calls already in the journal; nothing was sent`].join('\n');
  return [
    `wrote ${c.kept} expanded seeds to ${result.file}`,
    `  calls: ${c.calls_made} made now, ${c.calls_done_before} earlier, ${c.calls_failed} failed, ${c.calls_unfinished} not made; $${c.spent_usd_this_run.toFixed(4)} now, $${c.spent_usd_all_runs.toFixed(4)} over all runs`,
    `  ${c.seeds_offered} seeds offered: ${c.kept} kept, ${c.incoherent} incoherent, ${c.concept_cap} over the concept cap, ${c.near_duplicate} near-duplicates`,
    `  bad teacher output: ${result.errors.no_json} answers without JSON, ${result.errors.bad_shape} without a seeds array, ${result.errors.bad_seed} unusable seeds, ${result.errors.truncated} cut off`,
    ...(result.stopMessage ? [`  warning: ${result.stopMessage}`] : []),
    '  the next `phaser-sft seeds build` includes them (source "expanded")',
  ].join('\n');
}
