// The report page: one static HTML file, no script at all (the review page alone runs one small
// script of its own, allowed by its hash), inline CSS and SVG, screenshots as
// data: URIs, so it opens from disk anywhere and a strict Content-Security-Policy holds.
// Every string from the data (prompts, code, issue messages) is untrusted and escaped.
import { createHash } from 'node:crypto';
import type { LevelName } from '../core/index.js';
import type { HumanAgreement } from '../evaluation/index.js';
import type { GalleryItem, ReportData } from './collect.js';
import { barChart, escapeHtml as esc, funnelChart } from './charts.js';
import { passRateSection, projectionSection, rejectedSection, tokenSection } from './failures.js';

/** What a page may load beyond the report's own (nothing from any network, ever). */
export interface PagePermissions {
  /** Inline scripts the page runs, allowed by their SHA-256 (none: the page has no script). */
  scripts?: string[];
  /** The page frames games from its own folder (the review page). */
  frames?: boolean;
}

/**
 * The Content-Security-Policy of every page written here: nothing from the network, images only
 * as data: URIs, and, when a page needs them, its own inline scripts by hash and frames from its
 * own folder.
 */
export function contentSecurityPolicy(allow: PagePermissions = {}): string {
  const scripts = (allow.scripts ?? []).map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
  return [
    "default-src 'none'",
    'img-src data:',
    "style-src 'unsafe-inline'",
    ...(scripts.length ? [`script-src ${scripts.join(' ')}`] : []),
    ...(allow.frames ? ["frame-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #d9dde5;padding-bottom:4px}
.muted{color:#667085}.card{background:#fff;border:1px solid #e3e6ec;border-radius:8px;padding:14px;margin:10px 0}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eceef2;vertical-align:top}
th{background:#f0f2f6;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.state-done{color:#137333}.state-stale,.state-incomplete{color:#b06000}.state-failed{color:#c5221f}.state-not\\ run,.state-running{color:#667085}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
.game{background:#fff;border:1px solid #e3e6ec;border-radius:8px;overflow:hidden}
.game img{display:block;width:100%;height:auto;background:#111;image-rendering:pixelated}
.game .noshot{height:120px;display:flex;align-items:center;justify-content:center;background:#eef0f4;color:#667085}
.game .body{padding:8px 10px}.game p{margin:4px 0;white-space:pre-wrap;word-break:break-word}
pre{background:#0f172a;color:#e2e8f0;padding:10px;overflow:auto;max-height:360px;font-size:12px;border-radius:6px;white-space:pre}
.charts{display:flex;flex-wrap:wrap;gap:16px}.charts>div{flex:1 1 340px}
.tag{display:inline-block;padding:0 6px;border-radius:4px;background:#eef0f4;margin-right:4px;font-size:12px}
.notrun{color:#667085;font-style:italic}
tr.weak td{background:#fdecea}.tag.bad{background:#fbd5d1;color:#8a1c12}.game.rejected{border-color:#f1b8b2}
p.fail{font-size:13px}mark{background:#7f1d1d;color:#fff;display:inline-block;min-width:100%}
.len{width:160px;height:10px;background:#eef0f4;border-radius:3px;overflow:hidden}.len span{display:block;height:100%;background:#3b82f6}
tr.weak .len span{background:#c5221f}.nav{margin:10px 0}
`;

const num = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '–');
const notRun = (what: string) => `<p class="notrun">${esc(what)}: not run yet.</p>`;

function statusSection(data: ReportData): string {
  const rows = data.status.stages
    .map((s) => `<tr><td>${esc(s.stage)}</td><td class="state-${esc(s.state)}">${esc(s.state)}</td><td>${esc(s.reason ?? '')}</td><td class="muted">${esc(s.finished_at ?? '')}</td></tr>`)
    .join('');
  return `<h2>Stages</h2><table><tr><th>stage</th><th>state</th><th>why</th><th>finished</th></tr>${rows}</table>${data.status.next ? `<p>Next: <code>${esc(data.status.next)}</code></p>` : ''}`;
}

function funnelSection(data: ReportData): string {
  const steps = data.funnel.filter((s) => s.count !== null) as { label: string; count: number }[];
  if (!steps.length) return `<h2>Funnel</h2>${notRun('requests')}`;
  const rows = data.funnel.map((s) => `<tr><td>${esc(s.label)}</td><td class="n">${s.count === null ? '<span class="notrun">not run</span>' : num(s.count)}</td></tr>`).join('');
  return `<h2>Funnel</h2><div class="charts"><div>${funnelChart(steps)}</div><div><table><tr><th>step</th><th>count</th></tr>${rows}</table></div></div>`;
}

function levelSection(data: ReportData): string {
  if (!data.levels.length) return `<h2>Pass rate per level</h2>${notRun('validate')}`;
  const rows = data.levels
    .map((l) => `<tr><td>${esc(l.level)}</td><td class="n">${num(l.ran)}</td><td class="n">${num(l.passed)}</td><td class="n">${pct(l.passed, l.ran)}</td><td class="n">${num(l.skipped)}</td></tr>`)
    .join('');
  const chart = barChart(Object.fromEntries(data.levels.map((l) => [l.level, l.ran ? Math.round((1000 * l.passed) / l.ran) / 10 : 0])), { unit: '%', max: 100 });
  return `<h2>Pass rate per level</h2><div class="charts"><div>${chart}</div><div><table><tr><th>level</th><th>ran</th><th>passed</th><th>pass rate</th><th>skipped</th></tr>${rows}</table><p class="muted">A level is skipped when an earlier one failed, or (L4) when no browser was found.</p></div></div>`;
}

function issueSection(data: ReportData): string {
  if (!data.issues.length) return `<h2>Top issue codes</h2>${data.levels.length ? '<p>No issues.</p>' : notRun('validate')}`;
  const rows = data.issues
    .map((i) => `<tr><td><code>${esc(i.code)}</code></td><td>${esc(i.level)}</td><td>${esc(i.severity)}</td><td class="n">${num(i.count)}</td><td>${esc(i.example.message)}${i.example.line !== null ? ` <span class="muted">(line ${num(i.example.line)})</span>` : ''}<br><span class="muted">${esc(i.example.candidate_id)}</span></td></tr>`)
    .join('');
  return `<h2>Top issue codes</h2><table><tr><th>code</th><th>level</th><th>severity</th><th>count</th><th>example</th></tr>${rows}</table>`;
}

function spendSection(data: ReportData): string {
  if (!data.spend.length) return `<h2>Teacher spend and tokens</h2>${notRun('distill')}`;
  const rows = data.spend
    .map((s) => `<tr><td>${esc(s.teacher)}</td><td>${esc(s.model)}</td><td class="n">${num(s.answers)}</td><td class="n">$${num(s.cost_usd, 4)}</td><td class="n">${num(s.input_tokens)}</td><td class="n">${num(s.output_tokens)}</td><td class="n">${num(s.cache_read_input_tokens)}</td><td class="n">${num(s.cache_creation_input_tokens)}</td><td class="n">${s.answers ? `$${num(s.cost_usd / s.answers, 4)}` : '–'}</td></tr>`)
    .join('');
  return `<h2>Teacher spend and tokens</h2><table><tr><th>teacher</th><th>model</th><th>answers</th><th>cost</th><th>input</th><th>output</th><th>cache read</th><th>cache write</th><th>per answer</th></tr>${rows}</table>`;
}

function distributionSection(data: ReportData): string {
  const entries = Object.entries(data.distributions);
  if (!entries.length) return `<h2>Distributions</h2>${notRun('seeds')}`;
  return `<h2>Distributions</h2><div class="charts">${entries.map(([title, counts]) => `<div><h3>${esc(title)}</h3>${barChart(counts)}</div>`).join('')}</div>`;
}

/** One passed game's card: screenshot, tags, request, code. */
export function gameCard(g: GalleryItem): string {
  {
    {
      const shot = g.screenshot ? `<img src="${esc(g.screenshot)}" alt="screenshot of ${esc(g.candidate_id)}" width="320" height="240">` : '<div class="noshot">no screenshot (L4 not run)</div>';
      const tags = [g.genre, g.lang, g.score !== null ? `score ${g.score.toFixed(3)}` : null, g.runtime ? `${num(g.runtime.fps, 0)} fps` : null, g.runtime?.animated ? 'animated' : null, g.runtime?.responds_to_input ? 'responds to input' : null]
        .filter(Boolean)
        .map((t) => `<span class="tag">${esc(String(t))}</span>`)
        .join('');
      return `<div class="game">${shot}<div class="body"><div>${tags}</div><p>${esc(g.prompt)}</p><details><summary>code (${num(g.code.length)} chars) · ${esc(g.candidate_id)}</summary><pre><code>${esc(g.code)}</code></pre></details></div></div>`;
    }
  }
}

function gallerySection(data: ReportData): string {
  if (!data.gallery.length) return `<h2>Gallery</h2>${notRun('select')}`;
  const cards = data.gallery.map(gameCard).join('');
  const all = data.gamePages ? ` <a href="games/page-1.html">Every game, passed and rejected, on ${data.gamePages} page(s) →</a>` : '';
  return `<h2>Gallery</h2><p class="muted">The selected games by rank: the request, the score and the code.${all}</p><div class="grid">${cards}</div>`;
}

function evalSection(data: ReportData): string {
  const parts: string[] = ['<h2>Evaluation</h2>'];
  // Reports come from disk: fields are read defensively, whatever the types promise.
  const build = data.evalBuild;
  if (!build) parts.push(notRun('eval build'));
  else {
    const removed = Object.entries(build.decontamination?.removed ?? {}).map(([k, v]) => `${esc(k)} ${num(v)}`).join(', ') || 'none';
    parts.push(`<div class="card">Eval prompts: <b>${num(build.counts?.iid)}</b> iid + <b>${num(build.counts?.ood)}</b> ood, ${num(build.counts?.human)} for human review. Removed by decontamination: ${removed}.</div>`);
  }
  if (!data.evalModels.length) parts.push(notRun('eval score'));
  else {
    const models = data.evalModels.map((m) => m.report);
    const levelNames = [...new Set(models.flatMap((m) => Object.keys(m.pass_rate_by_level ?? {})))].sort();
    const splitNames = [...new Set(models.flatMap((m) => Object.keys(m.by_split ?? {})))].sort();
    const head = `<tr><th>model</th><th>generations</th><th>parse rate</th><th>pass rate</th>${levelNames.map((l) => `<th>${esc(l)}</th>`).join('')}${splitNames.map((s) => `<th>pass ${esc(s)}</th>`).join('')}<th>median fps</th></tr>`;
    const rows = models
      .map((m) => {
        const rate = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : '–');
        return `<tr><td>${esc(String(m.model))}</td><td class="n">${num(m.counts?.generations)}</td><td class="n">${rate(m.parse_rate)}</td><td class="n">${rate(m.pass_rate)}</td>${levelNames.map((l) => `<td class="n">${rate(m.pass_rate_by_level?.[l as LevelName])}</td>`).join('')}${splitNames.map((s) => `<td class="n">${rate(m.by_split?.[s]?.pass_rate)}</td>`).join('')}<td class="n">${num(m.runtime?.fps?.p50, 1)}</td></tr>`;
      })
      .join('');
    parts.push(`<table>${head}${rows}</table>`);
  }
  parts.push(humanSection(data.evalHuman));
  return parts.join('');
}

/** Reviewers' scores beside validation and fidelity: agreement per model, then each reviewed prompt. */
function humanSection(models: HumanAgreement[]): string {
  if (!models.length) return '<h3>Human review</h3><p class="notrun">eval human import: no scores yet (<code>phaser-sft eval review --model M</code>, score, save, <code>phaser-sft eval human import FILE</code>).</p>';
  const rate = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
  const stat = (x: number | null) => (x === null ? '–' : x.toFixed(2));
  const head = '<tr><th>model</th><th>reviewed</th><th>reviewers</th><th>human pass</th><th>validator pass</th><th>gate (validator + fidelity)</th><th>agreement</th><th>Cohen\'s kappa</th><th>Spearman (human, fidelity)</th><th>reviewers agree</th></tr>';
  const rows = models
    .map((m) => `<tr><td>${esc(m.model)}</td><td class="n">${num(m.reviewed)}</td><td>${esc(m.reviewers.join(', '))}</td><td class="n">${rate(m.human_pass_rate)}</td><td class="n">${rate(m.validator_pass_rate)}</td><td class="n">${rate(m.machine_pass_rate)}</td><td class="n">${rate(m.agreement)}</td><td class="n">${stat(m.kappa)}</td><td class="n">${stat(m.spearman_fidelity)}</td><td class="n">${m.between_reviewers ? `${rate(m.between_reviewers.agreement)} of ${num(m.between_reviewers.prompts)}, kappa ${stat(m.between_reviewers.kappa)}` : '–'}</td></tr>`)
    .join('');
  const perPrompt = models
    .map((m) => {
      const lines = m.prompts
        .map((p) => `<tr${p.agree ? '' : ' class="weak"'}><td><code>${esc(p.id)}</code></td><td>${esc(p.lang)}</td><td>${esc(p.split)}</td><td>${p.validator_passed ? 'pass' : 'fail'}</td><td class="n">${p.fidelity.toFixed(2)}</td><td>${p.machine_pass ? 'pass' : 'fail'}</td><td class="n">${p.human_score.toFixed(2)}</td><td>${p.human_pass ? 'pass' : 'fail'}</td><td>${p.agree ? 'yes' : '<b>no</b>'}</td><td>${esc(p.notes.join(' · '))}</td></tr>`)
        .join('');
      return `<details open><summary>${esc(m.model)}: ${num(m.prompts.length)} reviewed prompts (disagreements marked)</summary><table><tr><th>prompt</th><th>lang</th><th>split</th><th>validator</th><th>fidelity</th><th>gate</th><th>human score</th><th>human</th><th>agree</th><th>notes</th></tr>${lines}</table></details>`;
    })
    .join('');
  return `<h3 id="human-review">Human review</h3><p class="muted">Human pass: ${esc(models[0].pass_rule)}. Gate: validation passed and fidelity ≥ ${esc(String(models[0].fidelity_threshold))}. Agreement: share of reviewed prompts where the two verdicts are equal; kappa corrects it for chance (0 when one side never varies, – when neither does); Spearman ranks the human score against fidelity.</p><table>${head}${rows}</table>${perPrompt}`;
}

export interface PageOptions extends PagePermissions {
  /** Extra CSS after the shared style. */
  style?: string;
  /** The page's language (`lang` attribute). */
  lang?: string;
  /** `data-*` attributes of the body (escaped), for the page's script to read. */
  data?: Record<string, string>;
}

/**
 * A static page with the report's head: CSP, the shared style, and no script unless `scripts`
 * names some (each is inlined at the end of the body and allowed by its hash, nothing else).
 */
export function renderPage(title: string, body: string, options: PageOptions = {}): string {
  const scripts = options.scripts ?? [];
  return `<!doctype html>
<html lang="${esc(options.lang ?? 'en')}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}${options.style ?? ''}</style></head>
<body${Object.entries(options.data ?? {}).map(([key, value]) => ` data-${esc(key)}="${esc(value)}"`).join('')}><main>
${body}
</main>${scripts.map((script) => `<script>${script}</script>`).join('')}</body></html>
`;
}

/** The whole page. */
export function renderReport(data: ReportData): string {
  const dataset = data.stageReports['sft_dataset'] as unknown as Record<string, unknown> | undefined;
  return renderPage(
    'phaser-sft report',
    `<h1>phaser-sft report</h1>
<p class="muted">${esc(data.workspace)} · generated ${esc(data.generated_at)}</p>
${statusSection(data)}
${funnelSection(data)}
${levelSection(data)}
${passRateSection(data.failures)}
${issueSection(data)}
${rejectedSection(data.failures, data.gamePages)}
${spendSection(data)}
${projectionSection(data.projection)}
${tokenSection(dataset)}
${distributionSection(data)}
${gallerySection(data)}
${evalSection(data)}`,
  );
}

/**
 * The CSP of a game page (framed by the review page, `sandbox="allow-scripts"`): its own inline
 * scripts run (Phaser, then the game); images, sounds and fonts only from data: and blob: URLs
 * the game makes itself; no request leaves the page (connect-src allows only data:/blob:, which
 * Phaser's loader reads inline assets with).
 */
export const GAME_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; media-src data: blob:; font-src data:; connect-src data: blob:; base-uri 'none'; form-action 'none'";

/**
 * JavaScript put inside `<script>…</script>`: the two sequences the HTML parser acts on inside a
 * script (`</script` ends it, `<!--` changes how it is read) get a backslash, which means the
 * same character in a JS string, template or regular expression.
 */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** A game that plays offline on its own: the installed Phaser and the game's code, inlined; the canvas shrinks to fit its frame. */
export function renderGamePage(title: string, phaserSource: string, code: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${GAME_CSP}">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title><style>html,body{margin:0;padding:0;background:#000;overflow:hidden;height:100%}canvas{display:block;margin:0 auto;max-width:100vw!important;max-height:100vh!important;object-fit:contain}</style></head>
<body><script>${inlineScript(phaserSource)}</script>
<script>${inlineScript(code)}</script></body></html>
`;
}
