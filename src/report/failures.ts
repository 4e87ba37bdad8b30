// The report's view of failures: pass rate by genre, language and difficulty (which cells the
// teacher fails), the rejected games with the level, code and line that stopped them, token
// lengths against cutoff_len, a cost projection, and every game on static pages.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LEVEL_NAMES, readJsonl, writeFileAtomic, type Workspace } from '../core/index.js';
import type { Validated } from '../schemas/index.js';
import { escapeHtml as esc } from './charts.js';

export interface SeedFacts {
  genre: string;
  lang: string;
  difficulty: string;
  prompt: string;
}

/** Where a rejected game stopped: the first failing level and its first error. */
export interface Failure {
  level: string;
  code: string;
  message: string;
  line: number | null;
}

export interface RejectedGame {
  candidate_id: string;
  prompt: string;
  genre: string;
  lang: string;
  difficulty: string;
  failure: Failure;
  code: string;
}

export interface PassCell {
  total: number;
  passed: number;
}

export interface FailureSummary {
  /** Pass counts by `genre`, `language`, `difficulty` and `genre × language`. */
  by: Record<string, Record<string, PassCell>>;
  /** The first rejected games, in file order. */
  rejected: RejectedGame[];
  rejectedTotal: number;
}

/** The first level that failed and its first error (or warning) issue. */
export function firstFailure(v: Pick<Validated, 'levels' | 'parse_errors'>): Failure {
  for (const level of LEVEL_NAMES) {
    const result = v.levels?.[level];
    if (!result || result.skipped || result.passed) continue;
    const issue = (result.issues ?? []).find((i) => i.severity === 'error') ?? (result.issues ?? [])[0];
    return { level, code: String(issue?.code ?? 'failed'), message: String(issue?.message ?? ''), line: issue?.line ?? null };
  }
  const parse = (v.parse_errors ?? [])[0];
  return { level: 'parse', code: String(parse ?? 'failed'), message: '', line: null };
}

async function* validated(workspace: Workspace): AsyncGenerator<Validated> {
  if (!existsSync(workspace.validatedFile())) return;
  for await (const row of readJsonl(workspace.validatedFile(), { onTorn: () => {} })) yield row.value as Validated;
}

/** One streaming pass over the verdicts. */
export async function collectFailures(workspace: Workspace, seedOf: (v: Validated) => SeedFacts | undefined, limit: number): Promise<FailureSummary> {
  const by: Record<string, Record<string, PassCell>> = { genre: {}, language: {}, difficulty: {}, 'genre × language': {} };
  const rejected: RejectedGame[] = [];
  let rejectedTotal = 0;
  {
    for await (const v of validated(workspace)) {
      const seed = seedOf(v);
      const keys = { genre: seed?.genre ?? 'unknown', language: seed?.lang ?? 'unknown', difficulty: seed?.difficulty ?? 'unknown' };
      const cells: [string, string][] = [['genre', keys.genre], ['language', keys.language], ['difficulty', keys.difficulty], ['genre × language', `${keys.genre} · ${keys.language}`]];
      for (const [dim, key] of cells) {
        const cell = (by[dim][key] ??= { total: 0, passed: 0 });
        cell.total++;
        if (v.passed) cell.passed++;
      }
      if (!v.passed) {
        rejectedTotal++;
        if (rejected.length < limit) rejected.push({ candidate_id: String(v.candidate_id), prompt: seed?.prompt ?? '', ...keys, lang: keys.language, failure: firstFailure(v), code: String(v.code ?? '') });
      }
    }
  }
  return { by, rejected, rejectedTotal };
}

const pct = (cell: PassCell) => (cell.total ? `${((100 * cell.passed) / cell.total).toFixed(1)}%` : '–');

/** Pass-rate tables, the weakest cells first. */
export function passRateSection(summary: FailureSummary): string {
  const tables = Object.entries(summary.by)
    .filter(([, cells]) => Object.keys(cells).length)
    .map(([dim, cells]) => {
      const rows = Object.entries(cells)
        .sort(([ka, a], [kb, b]) => a.passed / a.total - b.passed / b.total || ka.localeCompare(kb))
        .map(([key, cell]) => `<tr${cell.passed < cell.total / 2 ? ' class="weak"' : ''}><td>${esc(key)}</td><td class="n">${cell.total}</td><td class="n">${cell.passed}</td><td class="n">${pct(cell)}</td></tr>`)
        .join('');
      return `<div><h3>by ${esc(dim)}</h3><table><tr><th>${esc(dim)}</th><th>validated</th><th>passed</th><th>pass rate</th></tr>${rows}</table></div>`;
    });
  if (!tables.length) return '<h2>Pass rate by genre, language and difficulty</h2><p class="notrun">validate: not run yet.</p>';
  return `<h2>Pass rate by genre, language and difficulty</h2><p class="muted">Weakest cells first; rows under 50% are marked.</p><div class="charts">${tables.join('')}</div>`;
}

/** A failure in one line: the level, the issue code, the line, the message. */
export function failureLine(f: Failure): string {
  return `<span class="tag bad">${esc(f.level)}</span><code>${esc(f.code)}</code>${f.line !== null ? ` <span class="muted">line ${esc(String(f.line))}</span>` : ''}${f.message ? `<br>${esc(f.message)}` : ''}`;
}

/** Code with the failing line marked, a few lines either side (the whole code stays in a fold). */
export function codeExcerpt(code: string, line: number | null): string {
  if (line === null || line < 1) return '';
  const lines = code.split('\n');
  const from = Math.max(0, line - 3);
  const to = Math.min(lines.length, line + 2);
  const body = lines
    .slice(from, to)
    .map((text, i) => (from + i + 1 === line ? `<mark>${String(from + i + 1).padStart(4)}  ${esc(text)}</mark>` : `${String(from + i + 1).padStart(4)}  ${esc(text)}`))
    .join('\n');
  return `<pre><code>${body}</code></pre>`;
}

export function rejectedCard(g: RejectedGame): string {
  const tags = [g.genre, g.lang, g.difficulty].map((t) => `<span class="tag">${esc(t)}</span>`).join('');
  return `<div class="game rejected"><div class="body"><div>${tags}</div><p class="fail">${failureLine(g.failure)}</p><p>${esc(g.prompt)}</p>${codeExcerpt(g.code, g.failure.line)}<details><summary>code (${g.code.length.toLocaleString('en-US')} chars) · ${esc(g.candidate_id)}</summary><pre><code>${esc(g.code)}</code></pre></details></div></div>`;
}

export function rejectedSection(summary: FailureSummary, pages: number): string {
  if (!summary.rejectedTotal) return '<h2>Rejected games</h2><p>No rejected games.</p>';
  const more = summary.rejectedTotal > summary.rejected.length ? ` The first ${summary.rejected.length} of ${summary.rejectedTotal} are shown here; every game is on the game pages.` : '';
  return `<h2>Rejected games</h2><p class="muted">Each with the first level it failed, the issue code and the line.${esc(more)}${pages ? ' <a href="games/page-1.html">All games →</a>' : ''}</p><div class="grid">${summary.rejected.map(rejectedCard).join('')}</div>`;
}

type TokenStats = Record<string, { sample?: { count?: number; p50?: number; p95?: number; max?: number } } | unknown>;

/** Token lengths of the hand-off per split and tokenizer, against cutoff_len. */
export function tokenSection(datasetReport: Record<string, unknown> | undefined): string {
  const tokens = datasetReport?.tokens as Record<string, TokenStats> | undefined;
  if (!tokens) return '<h2>Token lengths</h2><p class="notrun">dataset: not run yet.</p>';
  const settings = (datasetReport?.settings ?? {}) as { cutoff_len?: number };
  const cutoff = typeof settings.cutoff_len === 'number' ? settings.cutoff_len : null;
  const dropped = ((datasetReport?.cutoff as { dropped?: Record<string, number> } | undefined)?.dropped ?? {}) as Record<string, number>;
  const rows: string[] = [];
  // Older reports hold one tokenizer's splits at the top: { tokenizer, train: { sample }, … }.
  const flat = typeof (tokens as Record<string, { sample?: unknown }>).train?.sample === 'object';
  const byTokenizer: [string, unknown][] = flat ? [[String((tokens as Record<string, unknown>).tokenizer ?? 'tokens'), tokens]] : Object.entries(tokens);
  for (const [tokenizer, stats] of byTokenizer) {
    if (typeof stats !== 'object' || stats === null) continue;
    for (const [split, value] of Object.entries(stats)) {
      const sample = (value as { sample?: { count?: number; p50?: number; p95?: number; max?: number } })?.sample;
      if (!sample || typeof sample !== 'object') continue;
      const over = cutoff !== null && typeof sample.max === 'number' && sample.max > cutoff;
      const bar = cutoff && typeof sample.max === 'number' ? `<div class="len"><span style="width:${Math.min(100, (100 * sample.max) / cutoff).toFixed(1)}%"></span></div>` : '';
      rows.push(`<tr${over ? ' class="weak"' : ''}><td>${esc(tokenizer)}</td><td>${esc(split)}</td><td class="n">${esc(String(sample.count ?? '–'))}</td><td class="n">${esc(String(sample.p50 ?? '–'))}</td><td class="n">${esc(String(sample.p95 ?? '–'))}</td><td class="n">${esc(String(sample.max ?? '–'))}</td><td>${bar}</td></tr>`);
    }
  }
  const droppedText = Object.values(dropped).some((n) => n) ? ` Dropped as too long: ${Object.entries(dropped).map(([k, n]) => `${esc(k)} ${esc(String(n))}`).join(', ')}.` : '';
  return `<h2>Token lengths</h2><p class="muted">Whole sample (prompt + answer) per split and tokenizer; cutoff_len ${cutoff === null ? 'not set' : esc(String(cutoff))}. The bar is the longest sample as a share of cutoff_len.${droppedText}</p><table><tr><th>tokenizer</th><th>split</th><th>samples</th><th>p50</th><th>p95</th><th>max</th><th>max / cutoff_len</th></tr>${rows.join('')}</table>`;
}

/** Cost and teacher time projected to larger sample counts from the measured yield and spend. */
export function projectionSection(input: { costUsd: number; answers: number; selected: number; distillMs: number | null }): string {
  if (!input.answers || !input.selected) return '<h2>Projection</h2><p class="notrun">distill and select: not run yet.</p>';
  const yieldShare = input.selected / input.answers;
  const costPerSample = input.costUsd / input.selected;
  const msPerSample = input.distillMs !== null ? input.distillMs / input.selected : null;
  const rows = [1_000, 10_000, 50_000, 100_000]
    .map((target) => {
      const hours = msPerSample !== null ? (target * msPerSample) / 3_600_000 : null;
      return `<tr><td class="n">${target.toLocaleString('en-US')}</td><td class="n">${Math.ceil(target / yieldShare).toLocaleString('en-US')}</td><td class="n">$${(target * costPerSample).toLocaleString('en-US', { maximumFractionDigits: 0 })}</td><td class="n">${hours === null ? '–' : hours.toFixed(1)}</td></tr>`;
    })
    .join('');
  return `<h2>Projection</h2><p class="muted">From this run: ${input.selected.toLocaleString('en-US')} selected of ${input.answers.toLocaleString('en-US')} teacher answers (yield ${(100 * yieldShare).toFixed(1)}%), $${costPerSample.toFixed(4)} per selected sample${msPerSample !== null ? `, ${(msPerSample / 1000).toFixed(2)} s of distill wall time per selected sample at this run's concurrency` : ''}. A linear projection: a replayed or cached run spends nothing, so run it on a live teacher's numbers.</p><table><tr><th>target samples</th><th>teacher answers needed</th><th>cost</th><th>distill hours</th></tr>${rows}</table>`;
}

export interface GamePage {
  file: string;
  games: number;
}

/**
 * Every validated game on static pages (`data/reports/games/page-N.html`, `pageSize` a page),
 * passed and rejected, streamed: memory holds one page. `render` wraps a page's body.
 */
export async function writeGamePages(
  workspace: Workspace,
  seedOf: (v: Validated) => SeedFacts | undefined,
  card: (v: Validated, seed: SeedFacts | undefined) => string,
  render: (title: string, body: string) => string,
  pageSize: number,
): Promise<GamePage[]> {
  const dir = join(workspace.reportsDir, 'games');
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (/^page-\d+\.html$/.test(name)) rmSync(join(dir, name));
  // Count first, so that every page can say "page i of n".
  let total = 0;
  for await (const _v of validated(workspace)) total++;
  const pageCount = Math.ceil(total / pageSize);
  const pages: GamePage[] = [];
  let cards: string[] = [];
  const flush = () => {
    const n = pages.length + 1;
    const nav = `<p class="nav"><a href="../index.html">← report</a> · page ${n} of ${pageCount}${n > 1 ? ` · <a href="page-${n - 1}.html">← previous</a>` : ''}${n < pageCount ? ` · <a href="page-${n + 1}.html">next →</a>` : ''}</p>`;
    const file = join(dir, `page-${n}.html`);
    writeFileAtomic(file, render(`games, page ${n} of ${pageCount}`, `${nav}<div class="grid">${cards.join('')}</div>${nav}`));
    pages.push({ file, games: cards.length });
    cards = [];
  };
  if (!total) return pages;
  for await (const v of validated(workspace)) {
    cards.push(card(v, seedOf(v)));
    if (cards.length === pageSize) flush();
  }
  if (cards.length) flush();
  return pages;
}
