// Everything the HTML report shows, read from the workspace: the stage reports and the JSONL
// outputs themselves (counted directly, so the funnel adds up whatever a report says).
// A stage that has not run is simply absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl, tally, type Workspace } from '../core/index.js';
import { workspaceStatus, type WorkspaceStatus } from '../pipeline/status.js';
import type { Config } from '../core/index.js';

const LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;

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

export interface ReportData {
  generated_at: string;
  workspace: string;
  status: WorkspaceStatus;
  funnel: FunnelStep[];
  levels: { level: string; ran: number; passed: number; skipped: number }[];
  issues: IssueCount[];
  spend: TeacherSpend[];
  distributions: Record<string, Record<string, number>>;
  gallery: GalleryItem[];
  evalBuild: Record<string, unknown> | null;
  evalModels: { model: string; report: Record<string, unknown> }[];
  stageReports: Record<string, Record<string, unknown>>;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function readJson(file: string): Json | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch {
    return null;
  }
}

/** Every record of a JSONL file (missing → empty). */
async function records(file: string): Promise<Json[]> {
  const out: Json[] = [];
  if (!existsSync(file)) return out;
  for await (const row of readJsonl(file, { onTorn: () => {} })) out.push(row.value as Json);
  return out;
}

async function countLines(file: string): Promise<number | null> {
  if (!existsSync(file)) return null;
  let n = 0;
  for await (const _row of readJsonl(file, { onTorn: () => {} })) n++;
  return n;
}

function listFiles(dir: string, pattern: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).sort() : [];
}

function screenshotUri(workspace: Workspace, path: string | null | undefined, maxBytes: number): string | null {
  if (!path) return null;
  const file = path.startsWith('/') ? path : workspace.path(path);
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  if (bytes.length > maxBytes || bytes.subarray(1, 4).toString('latin1') !== 'PNG') return null;
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

export interface CollectOptions {
  /** Games shown in the gallery. */
  galleryLimit?: number;
  /** Largest screenshot embedded (bytes). */
  maxScreenshotBytes?: number;
}

export async function collectReportData(workspace: Workspace, config: Config, options: CollectOptions = {}): Promise<ReportData> {
  const galleryLimit = options.galleryLimit ?? 24;
  const seeds = new Map((await records(workspace.seedsFile)).map((s) => [String(s.id), s]));
  const requests = await records(workspace.requestsFile);
  const requestById = new Map(requests.map((r) => [String(r.request_id), r]));

  // Teacher spend and tokens, from the raw outputs of every teacher.
  const rawFiles = listFiles(workspace.distillDir, /^raw_outputs_.+\.jsonl$/);
  const spendByModel = new Map<string, TeacherSpend>();
  let raw = 0;
  for (const file of rawFiles) {
    for (const r of await records(join(workspace.distillDir, file))) {
      raw++;
      const key = `${r.teacher}/${r.model}`;
      const entry = spendByModel.get(key) ?? { teacher: String(r.teacher), model: String(r.model), answers: 0, cost_usd: 0, input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
      entry.answers++;
      entry.cost_usd += Number(r.cost_usd ?? 0);
      for (const k of ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const) entry[k] += Number(r.usage?.[k] ?? 0);
      spendByModel.set(key, entry);
    }
  }
  let errors = 0;
  for (const file of listFiles(workspace.distillDir, /^errors_.+\.jsonl$/)) errors += (await countLines(join(workspace.distillDir, file))) ?? 0;

  const candidates = await records(workspace.candidatesFile());
  const validated = await records(workspace.validatedFile());
  const selected = await records(workspace.selectedFile());
  const splitCounts = await Promise.all((['train', 'val', 'test'] as const).map((s) => countLines(workspace.splitFile(s))));

  // Pass rates and issue codes.
  const levels = LEVELS.map((level) => {
    let ran = 0;
    let passed = 0;
    let skipped = 0;
    for (const v of validated) {
      const result = v.levels?.[level];
      if (!result) continue;
      if (result.skipped) skipped++;
      else {
        ran++;
        if (result.passed) passed++;
      }
    }
    return { level, ran, passed, skipped };
  }).filter((l) => l.ran + l.skipped > 0);
  const issueMap = new Map<string, IssueCount>();
  for (const v of validated) {
    for (const level of LEVELS) {
      for (const issue of v.levels?.[level]?.issues ?? []) {
        if (issue.severity === 'info') continue;
        const key = `${level}:${issue.code}:${issue.severity}`;
        const entry = issueMap.get(key) ?? { code: String(issue.code), level, severity: String(issue.severity), count: 0, example: { candidate_id: String(v.candidate_id), message: String(issue.message), line: issue.line ?? null } };
        entry.count++;
        issueMap.set(key, entry);
      }
    }
  }
  const issues = [...issueMap.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, 15);

  // Funnel: each step counted from the files themselves.
  const parsed = candidates.filter((c) => String(c.code ?? '').trim() !== '').length;
  const passedAt = (upTo: number) => validated.filter((v) => LEVELS.slice(0, upTo + 1).every((l) => !v.levels?.[l] || (v.levels[l].passed && !v.levels[l].skipped))).length;
  const funnel: FunnelStep[] = [
    { label: 'requests', count: existsSync(workspace.requestsFile) ? requests.length : null },
    { label: 'raw answers', count: rawFiles.length ? raw : null },
    { label: 'teacher errors', count: rawFiles.length ? errors : null },
    { label: 'parsed (code found)', count: existsSync(workspace.candidatesFile()) ? parsed : null },
    ...levels.map((l) => ({ label: `passed ≤ ${l.level}`, count: passedAt(LEVELS.indexOf(l.level as (typeof LEVELS)[number])) })),
    { label: 'passed (all levels)', count: existsSync(workspace.validatedFile()) ? validated.filter((v) => v.passed).length : null },
    { label: 'selected', count: existsSync(workspace.selectedFile()) ? selected.length : null },
    { label: 'train', count: splitCounts[0] },
    { label: 'val', count: splitCounts[1] },
    { label: 'test', count: splitCounts[2] },
  ];

  const seedOf = (r: Json) => seeds.get(String(r.seed_id ?? requestById.get(String(r.request_id))?.seed_id));
  const seedList = [...seeds.values()];
  const distributions: Record<string, Record<string, number>> = {};
  if (seedList.length) {
    distributions['seeds by genre'] = tally(seedList.map((s) => String(s.genre)));
    distributions['seeds by language'] = tally(seedList.map((s) => String(s.lang)));
  }
  if (selected.length) {
    distributions['selected by genre'] = tally(selected.map((r) => String(seedOf(r)?.genre ?? 'unknown')));
    distributions['selected by language'] = tally(selected.map((r) => String(seedOf(r)?.lang ?? 'unknown')));
  }

  // Gallery: the selected games by rank, else the games that passed.
  const shown = (selected.length ? [...selected].sort((a, b) => Number(a.rank ?? 0) - Number(b.rank ?? 0)) : validated.filter((v) => v.passed)).slice(0, galleryLimit);
  const gallery: GalleryItem[] = shown.map((r) => {
    const seed = seedOf(r);
    return {
      candidate_id: String(r.candidate_id),
      prompt: String(seed?.prompt ?? requestById.get(String(r.request_id))?.user ?? ''),
      genre: seed ? String(seed.genre) : null,
      lang: seed ? String(seed.lang) : null,
      score: typeof r.score === 'number' ? r.score : null,
      passed: Boolean(r.passed),
      code: String(r.code ?? ''),
      screenshot: screenshotUri(workspace, r.runtime?.screenshot, options.maxScreenshotBytes ?? 400_000),
      runtime: r.runtime ? { fps: Number(r.runtime.fps ?? 0), frames: Number(r.runtime.frames ?? 0), animated: Boolean(r.runtime.animated), responds_to_input: Boolean(r.runtime.responds_to_input) } : null,
    };
  });

  const stageReports: Record<string, Record<string, unknown>> = {};
  for (const file of listFiles(workspace.reportsDir, /_report\.json$/)) {
    const report = readJson(join(workspace.reportsDir, file));
    if (report) stageReports[file.replace(/_report\.json$/, '')] = report;
  }
  const evalReportsDir = join(workspace.evalDir, 'reports');
  const evalModels = listFiles(evalReportsDir, /\.json$/)
    .filter((f) => f !== 'eval_set_build_report.json')
    .map((f) => ({ model: f.replace(/\.json$/, ''), report: readJson(join(evalReportsDir, f)) }))
    .filter((m): m is { model: string; report: Json } => m.report !== null && m.report.model !== undefined);

  return {
    generated_at: new Date().toISOString(),
    workspace: workspace.root,
    status: await workspaceStatus({ workspace, config }),
    funnel,
    levels,
    issues,
    spend: [...spendByModel.values()],
    distributions,
    gallery,
    evalBuild: readJson(workspace.evalBuildReportFile),
    evalModels,
    stageReports,
  };
}
