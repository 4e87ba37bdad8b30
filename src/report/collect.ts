// Everything the HTML report shows, read from the workspace: the stage reports and the JSONL
// outputs themselves (counted directly, so the funnel adds up whatever a report says).
// A stage that has not run is simply absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEVEL_NAMES, SPLITS, readJsonl, tally, type Workspace } from '../core/index.js';
import { workspaceStatus, type WorkspaceStatus } from '../pipeline/status.js';
import type { Config } from '../core/index.js';


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

/** Stream a JSONL file record by record (missing → nothing). */
async function* stream(file: string): AsyncGenerator<Json> {
  if (!existsSync(file)) return;
  for await (const row of readJsonl(file, { onTorn: () => {} })) yield row.value as Json;
}

/**
 * Read the workspace in one streaming pass per file, keeping only counts and the few records
 * the gallery shows, so that a 100k-sample workspace reports in seconds and bounded memory.
 */
export async function collectReportData(workspace: Workspace, config: Config, options: CollectOptions = {}): Promise<ReportData> {
  const galleryLimit = options.galleryLimit ?? 24;
  const seeds = new Map<string, Json>();
  for await (const s of stream(workspace.seedsFile)) seeds.set(String(s.id), { genre: s.genre, lang: s.lang, prompt: s.prompt });
  const seedOfRequest = new Map<string, string>();
  for await (const r of stream(workspace.requestsFile)) seedOfRequest.set(String(r.request_id), String(r.seed_id));

  // Teacher spend and tokens, from the raw outputs of every teacher.
  const rawFiles = listFiles(workspace.distillDir, /^raw_outputs_.+\.jsonl$/);
  const spendByModel = new Map<string, TeacherSpend>();
  let raw = 0;
  for (const file of rawFiles) {
    for await (const r of stream(join(workspace.distillDir, file))) {
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

  let parsed = 0;
  for await (const c of stream(workspace.candidatesFile())) if (String(c.code ?? '').trim() !== '') parsed++;

  // One pass over the verdicts: pass rates, issue codes, the funnel's per-level counts.
  const levelCounts = new Map(LEVEL_NAMES.map((level) => [level, { level, ran: 0, passed: 0, skipped: 0 }]));
  const passedUpTo = new Map(LEVEL_NAMES.map((level) => [level, 0]));
  const issueMap = new Map<string, IssueCount>();
  const passedGames: Json[] = [];
  let validatedCount = 0;
  let passedAll = 0;
  for await (const v of stream(workspace.validatedFile())) {
    validatedCount++;
    if (v.passed) passedAll++;
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
  const levels = [...levelCounts.values()].filter((l) => l.ran + l.skipped > 0);
  const issues = [...issueMap.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, 15);

  const seedOf = (r: Json) => seeds.get(String(r.seed_id ?? seedOfRequest.get(String(r.request_id))));
  let selectedCount = 0;
  const selectedGenre: string[] = [];
  const selectedLang: string[] = [];
  const topSelected: Json[] = [];
  for await (const r of stream(workspace.selectedFile())) {
    selectedCount++;
    const seed = seedOf(r);
    selectedGenre.push(String(seed?.genre ?? 'unknown'));
    selectedLang.push(String(seed?.lang ?? 'unknown'));
    topSelected.push(r);
    if (topSelected.length > galleryLimit * 2) {
      topSelected.sort((a, b) => Number(a.rank ?? 0) - Number(b.rank ?? 0));
      topSelected.length = galleryLimit;
    }
  }
  const splitCounts = await Promise.all(SPLITS.map((s) => countLines(workspace.splitFile(s))));

  // Funnel: each step counted from the files themselves.
  const funnel: FunnelStep[] = [
    { label: 'requests', count: existsSync(workspace.requestsFile) ? seedOfRequest.size : null },
    { label: 'raw answers', count: rawFiles.length ? raw : null },
    { label: 'teacher errors', count: rawFiles.length ? errors : null },
    { label: 'parsed (code found)', count: existsSync(workspace.candidatesFile()) ? parsed : null },
    ...levels.map((l) => ({ label: `passed ≤ ${l.level}`, count: passedUpTo.get(l.level)! })),
    { label: 'passed (all levels)', count: validatedCount || existsSync(workspace.validatedFile()) ? passedAll : null },
    { label: 'selected', count: existsSync(workspace.selectedFile()) ? selectedCount : null },
    { label: 'train', count: splitCounts[0] },
    { label: 'val', count: splitCounts[1] },
    { label: 'test', count: splitCounts[2] },
  ];

  const seedList = [...seeds.values()];
  const distributions: Record<string, Record<string, number>> = {};
  if (seedList.length) {
    distributions['seeds by genre'] = tally(seedList.map((s) => String(s.genre)));
    distributions['seeds by language'] = tally(seedList.map((s) => String(s.lang)));
  }
  if (selectedCount) {
    distributions['selected by genre'] = tally(selectedGenre);
    distributions['selected by language'] = tally(selectedLang);
  }

  // Gallery: the selected games by rank, else the games that passed.
  const shown = (selectedCount ? topSelected.sort((a, b) => Number(a.rank ?? 0) - Number(b.rank ?? 0)) : passedGames).slice(0, galleryLimit);
  const gallery: GalleryItem[] = shown.map((r) => {
    const seed = seedOf(r);
    return {
      candidate_id: String(r.candidate_id),
      prompt: String(seed?.prompt ?? ''),
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
