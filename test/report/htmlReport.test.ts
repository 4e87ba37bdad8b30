import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { Workspace, defaultConfig, writeJsonAtomic, writeJsonlAtomic } from '../../src/core/index.js';
import { writeHtmlReport } from '../../src/report/index.js';
import { withTempDir } from '../helpers/tempDir.js';

const CHROMIUM = process.env.PHASER_SFT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" '`;

/** A small workspace with every stage's outputs, a real PNG screenshot and hostile strings. */
function fixtureWorkspace(dir: string, screenshot: Buffer): Workspace {
  const w = new Workspace(dir);
  const seeds = [
    { id: 'seed-a', prompt: `Make a platformer ${HOSTILE}`, lang: 'en', genre: 'platformer', mechanics: ['gravity_jump'], difficulty: 'easy', source: 'curated' },
    { id: 'seed-b', prompt: '做一个贪吃蛇游戏', lang: 'zh', genre: 'snake', mechanics: ['keyboard'], difficulty: 'easy', source: 'curated' },
  ];
  writeJsonlAtomic(w.seedsFile, seeds);
  writeJsonlAtomic(w.requestsFile, seeds.flatMap((s) => [0, 1].map((i) => ({ request_id: `${s.id}-r${i}`, seed_id: s.id, sample_index: i, system: 'sys', user: s.prompt, api_refs: [], api_context_tokens: 10 }))));
  const usage = { input_tokens: 1200, output_tokens: 800, cache_read_input_tokens: 1000, cache_creation_input_tokens: 0 };
  writeJsonlAtomic(w.rawOutputsFile('replay'), ['seed-a-r0', 'seed-a-r1', 'seed-b-r0'].map((id) => ({ request_id: id, teacher: 'replay', model: 'demo', text: 'x', stop_reason: 'end_turn', usage, cost_usd: 0.01, latency_ms: 5, attempts: 1, created_at: '2026-01-01T00:00:00Z' })));
  writeJsonlAtomic(w.errorsFile('replay'), [{ request_id: 'seed-b-r1', message: 'boom' }]);
  mkdirSync(w.screenshotsDir, { recursive: true });
  writeFileSync(w.screenshotFile('hash-a'), screenshot);
  const level = (passed: boolean, issues: object[] = []) => ({ passed, skipped: false, issues });
  const validated = [
    { candidate_id: 'c-a0', request_id: 'seed-a-r0', seed_id: 'seed-a', plan: 'p', code: `new Phaser.Game({}); // ${HOSTILE}`, code_hash: 'hash-a', code_path: 'x', parse_errors: [], validator_version: 'v', passed: true, levels: { L1: level(true), L2: level(true), L3: level(true), L4: level(true) }, runtime: { frames: 60, fps: 55, errors: [], blank: false, animated: true, responds_to_input: true, screenshot: 'data/sft_distill/screenshots/hash-a.png' } },
    { candidate_id: 'c-a1', request_id: 'seed-a-r1', seed_id: 'seed-a', plan: 'p', code: 'new Phaser.Game({})', code_hash: 'hash-b', code_path: 'x', parse_errors: [], validator_version: 'v', passed: false, levels: { L1: level(true), L2: level(false, [{ code: 'unknown_member', message: `Property ${HOSTILE} does not exist`, line: 3, column: 1, severity: 'error' }]), L3: level(true) }, runtime: null },
    { candidate_id: 'c-b0', request_id: 'seed-b-r0', seed_id: 'seed-b', plan: '', code: '', code_hash: 'h', code_path: 'x', parse_errors: ['no_code'], validator_version: 'v', passed: false, levels: { L1: level(false, [{ code: 'no_game', message: 'no code', line: null, column: null, severity: 'error' }]) }, runtime: null },
  ];
  writeJsonlAtomic(w.candidatesFile(), validated.map(({ candidate_id, request_id, seed_id, plan, code, code_hash, code_path, parse_errors }) => ({ candidate_id, request_id, seed_id, plan, code, code_hash, code_path, parse_errors })));
  writeJsonlAtomic(w.validatedFile(), validated);
  writeJsonlAtomic(w.selectedFile(), [{ ...validated[0], score: 0.91, score_parts: { levels: 1 }, rank: 1 }]);
  writeJsonlAtomic(w.splitFile('train'), [{ instruction: seeds[0].prompt, input: '', output: 'o' }]);
  writeJsonlAtomic(w.splitFile('val'), []);
  writeJsonlAtomic(w.splitFile('test'), []);
  writeJsonAtomic(w.evalBuildReportFile, { counts: { iid: 4, ood: 3, human: 2 }, decontamination: { removed: { prompt_ngram: 1 } } });
  writeJsonAtomic(w.evalReportFile('student-1'), { model: 'student-1', counts: { generations: 7 }, parse_rate: 0.9, pass_rate: 0.5, pass_rate_by_level: { L1: 0.9, L2: 0.7 }, by_split: { iid: { pass_rate: 0.6 }, ood: { pass_rate: 0.4 } }, runtime: { fps: { p50: 58 } } });
  return w;
}

async function launch(): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

test('report: escaped, strict CSP, tolerant of missing stages', async (t) => {
  const dir = withTempDir(t);
  const empty = await writeHtmlReport(new Workspace(dir), defaultConfig());
  const html = readFileSync(empty, 'utf8');
  assert.match(html, /not run yet/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);

  const w = fixtureWorkspace(dir, Buffer.from('89504e470d0a1a0a', 'hex'));
  const full = readFileSync(await writeHtmlReport(w, defaultConfig()), 'utf8');
  assert.ok(!/<script/i.test(full), 'no script element, even from hostile data');
  assert.ok(!full.includes('<img src=x'), 'markup from data is escaped');
  assert.ok(full.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  assert.match(full, /student-1/);
  assert.match(full, /unknown_member/);
});

test('report opens in real Chromium from disk: no console errors, gallery images load, not blank', async (t) => {
  const browser = await launch();
  if (!browser) return t.skip(`no browser at ${CHROMIUM}`);
  t.after(() => browser.close());
  const dir = withTempDir(t);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.setContent('<body style="margin:0;background:linear-gradient(90deg,#f00,#00f)"></body>');
  const screenshot = await page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 } });
  const workspace = fixtureWorkspace(dir, screenshot);
  const file = await writeHtmlReport(workspace, defaultConfig());

  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  assert.deepEqual(problems, []);

  // Browser-side code as strings: the project's TypeScript has no DOM types.
  const images = (await page.evaluate(`[...document.querySelectorAll('.game img')].map((img) => ({ complete: img.complete, width: img.naturalWidth }))`)) as { complete: boolean; width: number }[];
  assert.ok(images.length >= 1, 'the gallery has a screenshot');
  for (const image of images) assert.ok(image.complete && image.width > 0, 'gallery image loaded');
  assert.equal(await page.locator('text=not run yet').count(), 0);

  // The page as rendered is not blank: many distinct colours in its screenshot.
  const shot = (await page.screenshot({ fullPage: false })).toString('base64');
  const probe = await browser.newPage();
  const colours = (await probe.evaluate(`(async () => {
    const img = new Image();
    img.src = 'data:image/png;base64,${shot}';
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 28) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  })()`)) as number;
  assert.ok(colours > 20, `the page looks blank (${colours} colours)`);
});
