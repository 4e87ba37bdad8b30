// The review page of `eval review --model M`: a folder a reviewer opens from disk, data/eval/review/<model>/.
// `index.html` shows, for each prompt of the human-review set, the request, the model's plan and
// code, the validator's verdict and fidelity, the L4 screenshots (after the frame target, and
// the first frame the scripted input changed), the game itself in a sandboxed
// frame, and the rubric as a form; one small script (allowed by its hash, nothing else runs in
// the page) saves the filled forms as a JSONL file through a Blob link, which `eval human
// import` reads back. `games/<id>.html` is each game on its own: the installed Phaser of the
// record's line and the game's code inlined, under a CSP that lets nothing leave the page.
// Frames carry `sandbox="allow-scripts"` only: a game runs in an opaque origin and cannot reach
// the review page, its form, or the disk. Every generated string is escaped (report/'s escaping).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, findPhaser, phaserOf, readJsonlValues, safeName, writeFileAtomic, type Config, type Lang, type Workspace } from '../core/index.js';
import { codeExcerpt, escapeHtml as esc, failureLine, firstFailure, renderGamePage, renderPage, screenshotUri } from '../report/index.js';
import { evalPromptRecordSchema, evalScoredRecordSchema, rubricFor, type EvalPromptRecord, type EvalScoredRecord, type RubricItem } from '../evaluation/index.js';

export interface ReviewResult {
  model: string;
  /** The review page. */
  page: string;
  prompts: number;
  /** Prompts whose game can be played in the page (code was parsed). */
  playable: number;
  /** Prompts with an L4 screenshot. */
  screenshots: number;
}

/** The page's one script: collect the filled forms, offer them as a JSONL download. Kept tiny on purpose. */
export const REVIEW_SCRIPT = `(function () {
  var status = document.getElementById('status');
  document.getElementById('save').addEventListener('click', function () {
    var reviewer = document.getElementById('reviewer').value.trim();
    if (!reviewer) { status.textContent = status.getAttribute('data-noname'); document.getElementById('reviewer').focus(); return; }
    var lines = [];
    var forms = document.querySelectorAll('form.rubric');
    for (var i = 0; i < forms.length; i++) {
      var scores = {}, scored = 0, checked = forms[i].querySelectorAll('input[type=radio]:checked');
      for (var j = 0; j < checked.length; j++) { scores[checked[j].name] = Number(checked[j].value); scored++; }
      var notes = forms[i].querySelector('textarea').value;
      if (scored || notes.trim()) lines.push(JSON.stringify({ id: forms[i].getAttribute('data-id'), model: document.body.getAttribute('data-model'), reviewer: reviewer, scores: scores, notes: notes, reviewed_at: new Date().toISOString() }));
    }
    var link = document.getElementById('download');
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([lines.join('\\n') + (lines.length ? '\\n' : '')], { type: 'application/x-ndjson' }));
    link.hidden = false;
    status.textContent = lines.length + ' / ' + forms.length;
    link.click();
  });
})();
`;

const STYLE = `
.review{scroll-margin-top:8px}.review h2{border:0;margin:0 0 6px}.request{font-size:16px;white-space:pre-wrap;word-break:break-word;background:#f0f4ff;border-radius:6px;padding:8px 10px}
.play{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}.play>div:first-child{flex:1 1 640px;max-width:800px}.play iframe{border:1px solid #cfd4dd;background:#000;width:100%;aspect-ratio:4/3;height:auto;display:block}
.shots{display:flex;flex-direction:column;gap:8px}.shots figure{margin:0}.shots img{display:block;width:240px;height:auto;background:#111;border:1px solid #cfd4dd}
.shots figcaption{font-size:12px;color:#667085;max-width:240px}.plan{white-space:pre-wrap}
form.rubric fieldset{border:1px solid #e3e6ec;border-radius:6px;margin:8px 0;padding:6px 10px}form.rubric legend{font-weight:600}
form.rubric label.score{display:block;padding:2px 0}form.rubric textarea{width:100%;min-height:48px;font:inherit}
.bar{position:sticky;top:0;background:#f6f7f9;padding:8px 0;border-bottom:1px solid #d9dde5;z-index:1}.ok{color:#137333}.bad{color:#c5221f}
`;

/** The page's words, in the prompt's language (the request and rubric are in it too). */
const LABELS: Record<Lang, Record<'request' | 'plan' | 'code' | 'notes' | 'play' | 'before' | 'after' | 'noAfter' | 'noChange' | 'noShot' | 'noGame' | 'validator' | 'passed' | 'failed' | 'fidelity' | 'rubric' | 'open', string>> = {
  en: {
    request: 'Request',
    plan: "The model's plan",
    code: 'Code',
    notes: 'Notes (optional)',
    play: 'Play the game (click it first for keyboard input)',
    before: 'L4, after the frame target, before any input',
    after: 'L4, the first frame the scripted player changed',
    noAfter: 'No picture after input (no replay ran, or validated before L4 kept one); play the game to see it respond',
    noChange: "The scripted player's keys and clicks changed nothing on screen",
    noShot: 'No screenshot (L4 did not run on this game)',
    noGame: 'Nothing to play: no code was found in the answer',
    validator: 'Validator',
    passed: 'passed',
    failed: 'failed',
    fidelity: 'fidelity',
    rubric: 'Rubric: 0, 1 or 2 for each item',
    open: 'open on its own',
  },
  zh: {
    request: '请求',
    plan: '模型的计划',
    code: '代码',
    notes: '备注（可不填）',
    play: '试玩（先点一下画面，键盘操作才会生效）',
    before: 'L4 截图：跑完规定帧数、还没有任何操作时',
    after: 'L4 截图：脚本玩家的操作第一次让画面发生变化的那一帧',
    noAfter: '没有操作后的截图（没有跑重放，或者验证时 L4 还不保存这一张），请直接试玩看游戏的反应',
    noChange: '脚本玩家按键、点击之后，画面没有任何变化',
    noShot: '没有截图（这个游戏没有跑 L4）',
    noGame: '没法试玩：回答里没有找到代码',
    validator: '校验',
    passed: '通过',
    failed: '未通过',
    fidelity: '契合度',
    rubric: '评分表：每项打 0、1 或 2 分',
    open: '单独打开',
  },
};

function rubricForm(prompt: EvalPromptRecord, rubric: RubricItem[]): string {
  const t = LABELS[prompt.lang];
  const fieldsets = rubric
    .map((item) => {
      const options = item.anchors.map((anchor, score) => `<label class="score"><input type="radio" name="${esc(item.id)}" value="${score}"> <b>${score}</b> — ${esc(anchor)}</label>`).join('');
      return `<fieldset><legend>${esc(item.question)}</legend>${options}</fieldset>`;
    })
    .join('');
  return `<form class="rubric" data-id="${esc(prompt.id)}"><h3>${esc(t.rubric)}</h3>${fieldsets}<label>${esc(t.notes)}<textarea name="notes"></textarea></label></form>`;
}

function verdictLine(record: EvalScoredRecord | undefined, lang: Lang): string {
  const t = LABELS[lang];
  if (!record) return `<p class="bad">${esc(t.noGame)}</p>`;
  const verdict = record.passed ? `<span class="ok">${esc(t.passed)}</span>` : `<span class="bad">${esc(t.failed)}</span> ${failureLine(firstFailure(record))}`;
  const checks = record.fidelity_checks.map((c) => `<span class="tag${c.weight === 0 ? ' bad' : ''}" title="${esc(c.evidence ?? '')}">${esc(c.element)} ${c.weight.toFixed(1)}</span>`).join('');
  return `<p>${esc(t.validator)}: ${verdict}</p><p>${esc(t.fidelity)} ${record.fidelity.toFixed(2)} ${checks}</p>`;
}

function screenshots(workspace: Workspace, record: EvalScoredRecord | undefined, lang: Lang): string {
  const t = LABELS[lang];
  const figure = (uri: string, caption: string) => `<figure><img src="${esc(uri)}" alt="${esc(caption)}"><figcaption>${esc(caption)}</figcaption></figure>`;
  const before = screenshotUri(workspace, record?.runtime?.screenshot, 2_000_000);
  const after = screenshotUri(workspace, record?.runtime?.screenshot_input, 2_000_000);
  if (!before) return `<div class="shots"><p class="muted">${esc(t.noShot)}</p></div>`;
  return `<div class="shots">${figure(before, t.before)}${after ? figure(after, t.after) : `<p class="muted">${esc(record?.runtime?.responds_to_input === false ? t.noChange : t.noAfter)}</p>`}</div>`;
}

function promptSection(workspace: Workspace, n: number, prompt: EvalPromptRecord, record: EvalScoredRecord | undefined, gameFile: string | null): string {
  const t = LABELS[prompt.lang];
  const tags = [prompt.split, prompt.lang, prompt.genre, prompt.difficulty ?? '', prompt.ood_kind ?? ''].filter(Boolean).map((x) => `<span class="tag">${esc(x)}</span>`).join('');
  const frame = gameFile
    ? `<div><p>${esc(t.play)} · <a href="${esc(gameFile)}">${esc(t.open)}</a></p><iframe src="${esc(gameFile)}" sandbox="allow-scripts" loading="lazy" referrerpolicy="no-referrer" title="${esc(prompt.id)}"></iframe></div>`
    : `<p class="bad">${esc(t.noGame)}</p>`;
  const code = record?.code ?? '';
  const failure = record && !record.passed ? firstFailure(record) : null;
  return `<section class="card review" id="p${n}" lang="${esc(prompt.lang)}">
<h2>${n}. <code>${esc(prompt.id)}</code> ${tags}</h2>
<h3>${esc(t.request)}</h3><p class="request">${esc(prompt.prompt)}</p>
${verdictLine(record, prompt.lang)}
<div class="play">${frame}${screenshots(workspace, record, prompt.lang)}</div>
<details open><summary>${esc(t.plan)}</summary><p class="plan">${esc(record?.plan ?? '')}</p></details>
${failure ? codeExcerpt(code, failure.line) : ''}<details><summary>${esc(t.code)} (${code.length.toLocaleString('en-US')})</summary><pre><code>${esc(code)}</code></pre></details>
${rubricForm(prompt, rubricFor(prompt))}
</section>`;
}

/** The Phaser source of each line the records were checked against, read once. */
function phaserSources(config: Config): (line: '3' | '4') => string {
  const cache = new Map<string, string>();
  return (line) => {
    if (!cache.has(line)) {
      const pkg = line === config.phaser.version ? phaserOf(config) : findPhaser(undefined, line);
      cache.set(line, readFileSync(pkg.runtimeFile, 'utf8'));
    }
    return cache.get(line)!;
  };
}

/** Write the review folder of one model; returns where the page is. */
export async function writeReview(workspace: Workspace, config: Config, model: string): Promise<ReviewResult> {
  if (!existsSync(workspace.humanPromptsFile)) throw new InputError({ file: workspace.humanPromptsFile }, 'no human-review prompts: run `phaser-sft eval build` first');
  const scoredFile = workspace.evalValidatedFile(model);
  if (!existsSync(scoredFile)) throw new InputError({ file: scoredFile }, `model "${model}" has not been scored: run \`phaser-sft eval score --model ${model}\` first`);
  const prompts = await readJsonlValues(workspace.humanPromptsFile, { schema: evalPromptRecordSchema });
  const records = new Map((await readJsonlValues(scoredFile, { schema: evalScoredRecordSchema })).map((r) => [r.id, r]));
  const phaser = phaserSources(config);

  const dir = workspace.evalReviewDir(model);
  rmSync(join(dir, 'games'), { recursive: true, force: true });
  mkdirSync(join(dir, 'games'), { recursive: true });
  const sections: string[] = [];
  let playable = 0;
  let shots = 0;
  for (const [i, prompt] of prompts.entries()) {
    const record = records.get(prompt.id);
    let gameFile: string | null = null;
    if (record?.code) {
      gameFile = `games/${String(i + 1).padStart(3, '0')}-${safeName(prompt.id)}.html`;
      writeFileAtomic(join(dir, gameFile), renderGamePage(`${model} · ${prompt.id}`, phaser(record.phaser_version ?? '3'), record.code));
      playable++;
    }
    if (record?.runtime?.screenshot) shots++;
    sections.push(promptSection(workspace, i + 1, prompt, record, gameFile));
  }
  const download = `review_${safeName(model)}.jsonl`;
  const toc = prompts.map((p, i) => `<a href="#p${i + 1}">${i + 1}</a>`).join(' ');
  const body = `<h1>Review · 人工评审: ${esc(model)}</h1>
<p class="muted">${prompts.length} prompts from ${esc(workspace.humanPromptsFile)}. Score every item 0, 1 or 2 (the line beside each number says what it looks like), then save and run <code>phaser-sft eval human import ${esc(download)}</code>.<br>
每一项按 0、1、2 打分（每个分数旁边写了对应的表现），填完点“保存”，再运行 <code>phaser-sft eval human import ${esc(download)}</code> 导入。</p>
<div class="bar"><label>Reviewer · 评审人 <input id="reviewer" autocomplete="name"></label>
<button type="button" id="save">Save scores · 保存评分 (JSONL)</button>
<a id="download" download="${esc(download)}" hidden>${esc(download)}</a> <span id="status" data-noname="Type your name first · 请先填写评审人"></span>
<div>${toc}</div></div>
${sections.join('\n')}`;
  const page = join(dir, 'index.html');
  writeFileAtomic(page, renderPage(`review: ${model}`, body, { scripts: [REVIEW_SCRIPT], frames: true, style: STYLE, data: { model } }));
  return { model, page, prompts: prompts.length, playable, screenshots: shots };
}
