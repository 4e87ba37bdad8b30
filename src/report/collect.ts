// Everything the HTML report shows, read from the workspace: the stage reports and the JSONL
// outputs themselves (counted directly, so the funnel adds up whatever a report says).
// A stage that has not run is simply absent.
//
// The records are read with the contract's types (src/schemas) and without validation: the
// report shows a half-written or hand-edited workspace rather than refusing it, so every field
// it uses is still read defensively.
import { existsSync, readFileSync } from 'node:fs';
import { InputError, LEVEL_NAMES, SPLITS, logger, readJsonl, tally, type LevelName, type Workspace } from '../core/index.js';
import type { Candidate, RawOutput, Seed, Selected, TeacherRequest, Validated } from '../schemas/index.js';
import { humanAgreementOf, type EvalSetBuildReport, type HumanAgreement, type ModelEvalReport } from '../evaluation/index.js';
import { workspaceStatus, type WorkspaceStatus } from '../pipeline/status.js';
import type { Config, StageReport } from '../core/index.js';
import { collectFailures, type FailureSummary } from './failures.js';

export interface FunnelStep {
  label: string;
  count: number | null;
}

export interface IssueCount {
  code: string;
  level: string;
  severity: string;
  count: number;
  example: { candidate_id: string; message: string; line: number | null };
}

export interface GalleryItem {
  candidate_id: string;
  prompt: string;
  genre: string | null;
  lang: string | null;
  score: number | null;
  passed: boolean;
  code: string;
  /** data: URI of the screenshot PNG, or null. */
  screenshot: string | null;
  runtime: { fps: number; frames: number; animated: boolean; responds_to_input: boolean } | null;
}

export interface TeacherSpend {
  teacher: string;
  model: string;
  answers: number;
  cost_usd: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface LevelCount {
  level: LevelName;
  ran: number;
  passed: number;
  skipped: number;
}

export interface ReportData {
  generated_at: string;
  workspace: string;
  status: WorkspaceStatus;
  funnel: FunnelStep[];
  levels: LevelCount[];
  issues: IssueCount[];
  spend: TeacherSpend[];
  distributions: Record<string, Record<string, number>>;
  gallery: GalleryItem[];
  evalBuild: EvalSetBuildReport | null;
  evalModels: { model: string; report: ModelEvalReport }[];
  /** Reviewers' scores beside the machine's, per model that has some (`eval human import`). */
  evalHuman: HumanAgreement[];
  stageReports: Record<string, StageReport>;
  /** Pass rates by genre/language/difficulty and the first rejected games. */
  failures: FailureSummary;
  /** What the cost projection is made from. */
  projection: { costUsd: number; answers: number; selected: number; distillMs: number | null };
  /** Game pages written beside the report (set by writeHtmlReport). */
  gamePages: number;
  /** The seed of a record, for the game pages. */
  seedOf: (r: { seed_id?: string; request_id?: string }) => SeedInfo | undefined;
}

export interface CollectOptions {
  /** Games shown in the gallery. */
  galleryLimit?: number;
  /** Rejected games shown on the first page (default: galleryLimit). */
  rejectedLimit?: number;
  /** Games per game page (default 24). */
  pageSize?: number;
  /** Largest screenshot embedded (bytes). */
  maxScreenshotBytes?: number;
}

/** What the report keeps of a seed. */
export type SeedInfo = Pick<Seed, 'genre' | 'lang' | 'prompt' | 'difficulty'>;
/** A validated or selected record: what the gallery shows. */
type GameRecord = Validated & Partial<Pick<Selected, 'score' | 'rank'>>;

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Stream a JSONL file record by record (missing → nothing; a torn last line is skipped quietly). */
async function* stream<T>(file: string): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  for await (const row of readJsonl(file, { onTorn: () => {} })) yield row.value as T;
}

async function countLines(file: string): Promise<number | null> {
  if (!existsSync(file)) return null;
  let n = 0;
  for await (const _row of stream(file)) n++;
  return n;
}

export function screenshotUri(workspace: Workspace, path: string | null | undefined, maxBytes: number): string | null {
  if (!path) return null;
  const file = path.startsWith('/') ? path : workspace.path(path);
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  if (bytes.length > maxBytes || bytes.subarray(1, 4).toString('latin1') !== 'PNG') return null;
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

/** Seed id → what the report shows of it. */
async function readSeeds(workspace: Workspace): Promise<Map<string, SeedInfo>> {
  const seeds = new Map<string, SeedInfo>();
  for await (const s of stream<Seed>(workspace.seedsFile)) seeds.set(String(s.id), { genre: s.genre, lang: s.lang, prompt: s.prompt, difficulty: s.difficulty });
  return seeds;
}

/** Request id → seed id. */
async function readRequestSeeds(workspace: Workspace): Promise<Map<string, string>> {
  const seedOfRequest = new Map<string, string>();
  for await (const r of stream<TeacherRequest>(workspace.requestsFile)) seedOfRequest.set(String(r.request_id), String(r.seed_id));
  return seedOfRequest;
}

const USAGE_FIELDS = ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const;

/** Teacher spend and tokens from the raw outputs of every teacher, and the failed calls. */
async function collectSpend(workspace: Workspace): Promise<{ files: number; answers: number; errors: number; spend: TeacherSpend[] }> {
  const files = workspace.rawOutputsFiles();
  const byModel = new Map<string, TeacherSpend>();
  let answers = 0;
  for (const file of files) {
    for await (const r of stream<RawOutput>(file)) {
      answers++;
      const key = `${r.teacher}/${r.model}`;
      const entry = byModel.get(key) ?? { teacher: String(r.teacher), model: String(r.model), answers: 0, cost_usd: 0, input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
      entry.answers++;
      entry.cost_usd += Number(r.cost_usd ?? 0);
      for (const k of USAGE_FIELDS) entry[k] += Number(r.usage?.[k] ?? 0);
      byModel.set(key, entry);
    }
  }
  let errors = 0;
  for (const file of workspace.errorsFiles()) errors += (await countLines(file)) ?? 0;
  return { files: files.length, answers, errors, spend: [...byModel.values()] };
}

/** Candidates with code. */
async function countParsed(workspace: Workspace): Promise<number> {
  let parsed = 0;
  for await (const c of stream<Candidate>(workspace.candidatesFile())) if (String(c.code ?? '').trim() !== '') parsed++;
  return parsed;
}

interface VerdictSummary {
  /** Levels that ran or were skipped at least once. */
  levels: LevelCount[];
  /** The 15 most frequent warning and error codes. */
  issues: IssueCount[];
  /** Records that passed every level up to this one. */
  passedUpTo: Map<LevelName, number>;
  validated: number;
  passed: number;
  /** The first passed records, for a gallery when nothing is selected yet. */
  passedGames: GameRecord[];
}

/** One pass over the verdicts: pass rates, issue codes, the funnel's per-level counts. */
async function collectVerdicts(workspace: Workspace, galleryLimit: number): Promise<VerdictSummary> {
  const levelCounts = new Map(LEVEL_NAMES.map((level): [LevelName, LevelCount] => [level, { level, ran: 0, passed: 0, skipped: 0 }]));
  const passedUpTo = new Map(LEVEL_NAMES.map((level) => [level, 0]));
  const issueMap = new Map<string, IssueCount>();
  const passedGames: GameRecord[] = [];
  let validated = 0;
  let passed = 0;
  for await (const v of stream<Validated>(workspace.validatedFile())) {
    validated++;
    if (v.passed) passed++;
    let stillPassing = true;
    for (const level of LEVEL_NAMES) {
      const result = v.levels?.[level];
      if (result) {
        const counts = levelCounts.get(level)!;
        if (result.skipped) counts.skipped++;
        else {
          counts.ran++;
          if (result.passed) counts.passed++;
        }
        stillPassing &&= result.passed && !result.skipped;
      }
      if (stillPassing) passedUpTo.set(level, passedUpTo.get(level)! + 1);
      for (const issue of result?.issues ?? []) {
        if (issue.severity === 'info') continue;
        const key = `${level}:${issue.code}:${issue.severity}`;
        const entry = issueMap.get(key) ?? { code: String(issue.code), level, severity: String(issue.severity), count: 0, example: { candidate_id: String(v.candidate_id), message: String(issue.message), line: issue.line ?? null } };
        entry.count++;
        issueMap.set(key, entry);
      }
    }
    if (v.passed && passedGames.length < galleryLimit) passedGames.push(v);
  }
  return {
    levels: [...levelCounts.values()].filter((l) => l.ran + l.skipped > 0),
    issues: [...issueMap.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, 15),
    passedUpTo,
    validated,
    passed,
    passedGames,
  };
}

const byRank = (a: GameRecord, b: GameRecord) => Number(a.rank ?? 0) - Number(b.rank ?? 0);

/** The selected records: their count, genres and languages, and the best-ranked few. */
async function collectSelected(workspace: Workspace, seedOf: (r: GameRecord) => SeedInfo | undefined, galleryLimit: number) {
  let count = 0;
  const genres: string[] = [];
  const langs: string[] = [];
  const top: GameRecord[] = [];
  for await (const r of stream<Selected>(workspace.selectedFile())) {
    count++;
    const seed = seedOf(r);
    genres.push(String(seed?.genre ?? 'unknown'));
    langs.push(String(seed?.lang ?? 'unknown'));
    top.push(r);
    if (top.length > galleryLimit * 2) {
      top.sort(byRank);
      top.length = galleryLimit;
    }
  }
  return { count, genres, langs, top };
}

function distributionsOf(seeds: SeedInfo[], selected: { count: number; genres: string[]; langs: string[] }): Record<string, Record<string, number>> {
  const distributions: Record<string, Record<string, number>> = {};
  if (seeds.length) {
    distributions['seeds by genre'] = tally(seeds.map((s) => String(s.genre)));
    distributions['seeds by language'] = tally(seeds.map((s) => String(s.lang)));
  }
  if (selected.count) {
    distributions['selected by genre'] = tally(selected.genres);
    distributions['selected by language'] = tally(selected.langs);
  }
  return distributions;
}

export function galleryItem(workspace: Workspace, r: GameRecord, seed: SeedInfo | undefined, maxScreenshotBytes: number): GalleryItem {
  return {
    candidate_id: String(r.candidate_id),
    prompt: String(seed?.prompt ?? ''),
    genre: seed ? String(seed.genre) : null,
    lang: seed ? String(seed.lang) : null,
    score: typeof r.score === 'number' ? r.score : null,
    passed: Boolean(r.passed),
    code: String(r.code ?? ''),
    screenshot: screenshotUri(workspace, r.runtime?.screenshot, maxScreenshotBytes),
    runtime: r.runtime ? { fps: Number(r.runtime.fps ?? 0), frames: Number(r.runtime.frames ?? 0), animated: Boolean(r.runtime.animated), responds_to_input: Boolean(r.runtime.responds_to_input) } : null,
  };
}

/** Every stage report, by file stem (`parse`, `filter`, `distill_replay`, …). */
function readStageReports(workspace: Workspace): Record<string, StageReport> {
  const reports: Record<string, StageReport> = {};
  for (const { name, file } of workspace.stageReportFiles()) {
    const report = readJson<StageReport>(file);
    if (report) reports[name] = report;
  }
  return reports;
}

/** Every model's eval report (files that are not one are left out). */
function readEvalModels(workspace: Workspace): { model: string; report: ModelEvalReport }[] {
  return workspace
    .evalReportFiles()
    .map(({ model, file }) => ({ model, report: readJson<ModelEvalReport>(file) }))
    .filter((m): m is { model: string; report: ModelEvalReport } => m.report !== null && m.report.model !== undefined);
}

/** Each scored model's human scores beside its verdicts (the threshold its eval report used). */
async function collectHuman(workspace: Workspace, models: { model: string; report: ModelEvalReport }[]): Promise<HumanAgreement[]> {
  const found: HumanAgreement[] = [];
  for (const { report } of models) {
    const threshold = typeof report.fidelity_threshold === 'number' ? report.fidelity_threshold : 0.3;
    try {
      const agreement = await humanAgreementOf(workspace, String(report.model), threshold);
      if (agreement) found.push(agreement);
    } catch (error) {
      // a damaged scores or verdicts file leaves this model's human part out, not the report
      if (!(error instanceof InputError)) throw error;
      logger.warn(`report: human scores of ${String(report.model)} left out: ${error.message}`);
    }
  }
  return found;
}

/**
 * Read the workspace in one streaming pass per file, keeping only counts and the few records
 * the gallery shows, so that a 100k-sample workspace reports in seconds and bounded memory.
 */
export async function collectReportData(workspace: Workspace, config: Config, options: CollectOptions = {}): Promise<ReportData> {
  const galleryLimit = options.galleryLimit ?? 24;
  const seeds = await readSeeds(workspace);
  const seedOfRequest = await readRequestSeeds(workspace);
  const seedOf = (r: { seed_id?: string; request_id?: string }) => seeds.get(String(r.seed_id ?? seedOfRequest.get(String(r.request_id))));
  const spend = await collectSpend(workspace);
  const parsed = await countParsed(workspace);
  const verdicts = await collectVerdicts(workspace, galleryLimit);
  const selected = await collectSelected(workspace, seedOf, galleryLimit);
  const failures = await collectFailures(workspace, (v) => seedOf(v), options.rejectedLimit ?? galleryLimit);
  const stageReports = readStageReports(workspace);
  const distillMs = Object.entries(stageReports)
    .filter(([name]) => name.startsWith('distill_') && name !== 'distill_requests')
    .reduce<number | null>((sum, [, r]) => (typeof r.duration_ms === 'number' ? (sum ?? 0) + r.duration_ms : sum), null);
  const evalModels = readEvalModels(workspace);
  const splitCounts = await Promise.all(SPLITS.map((s) => countLines(workspace.splitFile(s))));

  // Funnel: each step counted from the files themselves.
  const funnel: FunnelStep[] = [
    { label: 'requests', count: existsSync(workspace.requestsFile) ? seedOfRequest.size : null },
    { label: 'raw answers', count: spend.files ? spend.answers : null },
    { label: 'teacher errors', count: spend.files ? spend.errors : null },
    { label: 'parsed (code found)', count: existsSync(workspace.candidatesFile()) ? parsed : null },
    ...verdicts.levels.map((l) => ({ label: `passed ≤ ${l.level}`, count: verdicts.passedUpTo.get(l.level)! })),
    { label: 'passed (all levels)', count: verdicts.validated || existsSync(workspace.validatedFile()) ? verdicts.passed : null },
    { label: 'selected', count: existsSync(workspace.selectedFile()) ? selected.count : null },
    ...SPLITS.map((split, i) => ({ label: split, count: splitCounts[i] })),
  ];

  // Gallery: the selected games by rank, else the games that passed.
  const shown = (selected.count ? selected.top.sort(byRank) : verdicts.passedGames).slice(0, galleryLimit);
  const maxScreenshotBytes = options.maxScreenshotBytes ?? 400_000;

  return {
    generated_at: new Date().toISOString(),
    workspace: workspace.root,
    status: await workspaceStatus({ workspace, config }),
    funnel,
    levels: verdicts.levels,
    issues: verdicts.issues,
    spend: spend.spend,
    distributions: distributionsOf([...seeds.values()], selected),
    gallery: shown.map((r) => galleryItem(workspace, r, seedOf(r), maxScreenshotBytes)),
    evalBuild: readJson<EvalSetBuildReport>(workspace.evalBuildReportFile),
    evalModels,
    evalHuman: await collectHuman(workspace, evalModels),
    stageReports,
    failures,
    projection: { costUsd: spend.spend.reduce((n, s) => n + s.cost_usd, 0), answers: spend.answers, selected: selected.count, distillMs },
    gamePages: 0,
    seedOf,
  };
}
