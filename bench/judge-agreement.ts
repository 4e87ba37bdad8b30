// Issue 17's measurements, in one run:
//
// 1. Agreement with the labelled fixture pairs (test/fixtures/fidelity/pairs.json: 6 requests,
//    each with its own game among 6 fixture games, so 6 matched and 30 mismatched pairs) of
//    (a) the deterministic fidelity — with L4 probes, and from the code alone — and (b) the
//    text judge. With ANTHROPIC_API_KEY and --live the judge is the real model; otherwise it
//    runs against the project's mock provider (test/helpers/mockProvider.ts), which answers
//    "yes" to everything: that run checks the plumbing (prompts, parsing, cache, cost) and
//    its agreement figures mean nothing — the output says so.
// 2. The text judge's prompt size on the fixture games and on the 24 bundled demo answers
//    (teacher-sized games), counted with the project's tokenizer, and the cost per 1,000
//    judged answers at the price table's rate for select.judge.text_model (and the vision
//    judge's, from the screenshot size).
// 3. What the engine probes cost at L4: the same games with probes on and off
//    (PHASER_SFT_BENCH_NO_PROBES, bench only), rounds alternating on/off in the same run, games/min.
//
//   npx tsx bench/judge-agreement.ts                  # everything, mock judge
//   npx tsx bench/judge-agreement.ts --rounds 4       # probe timing: 4 rounds each way (default 2)
//   npx tsx bench/judge-agreement.ts --no-l4          # no browser: code-only fidelity, no probe timing
//   npx tsx bench/judge-agreement.ts --live           # the real text judge (needs ANTHROPIC_API_KEY; costs money)
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { countTokens, defaultConfig, findPhaser, logger } from '../src/core/index.js';
import { judgeChecklist, judgeKey, runJudges, textPrompt, TEXT_SYSTEM, visionPrompt, VISION_SYSTEM, type JudgeItem } from '../src/judge/index.js';
import { costUsd, priceFor } from '../src/llm/index.js';
import { extractAnswer } from '../src/parse/index.js';
import type { Probes } from '../src/schemas/index.js';
import { measureFidelity } from '../src/validate/index.js';
import { createRuntimeLevel, findBrowser, type RuntimeLevel } from '../src/validate/runtime/index.js';
import { startMockProvider } from '../test/helpers/mockProvider.js';
import { judgeReply } from '../test/helpers/judgeReplies.js';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const ROUNDS = Number(option('--rounds') ?? 2);
const live = flag('--live') && Boolean(process.env.ANTHROPIC_API_KEY);
logger.setQuiet(true);

const pairs = JSON.parse(readFileSync(join(root, 'test/fixtures/fidelity/pairs.json'), 'utf8')) as { requests: { id: string; prompt: string; game: string }[] };
const GAMES = ['arrows-platformer', 'click-only', 'starfield', 'two-scenes', 'breakout-particles', 'fakes-probes'];
const code = (name: string) => readFileSync(join(root, 'test/fixtures/games/probes', `${name}.js`), 'utf8');
const config = defaultConfig();
const THRESHOLD = config.select.min_fidelity;
const mean = (list: number[]) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);
const f3 = (x: number) => x.toFixed(3);

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start`);

function level(screenshots?: string): Promise<RuntimeLevel> {
  return createRuntimeLevel({
    settings: { ...config.validate.runtime, boot_timeout_ms: 6000, frame_timeout_ms: 8000, game_timeout_ms: 40000 },
    workers: 2,
    screenshotDir: screenshots ? join(screenshots, 'shots') : null,
    workspaceRoot: screenshots ?? null,
    phaserRuntimeFile: findPhaser().runtimeFile,
  });
}

/** How a score agrees with the labels: matched beats mismatched, means, and the threshold's accuracy. */
function agreement(name: string, score: (request: (typeof pairs.requests)[number], game: string) => number | undefined) {
  let wins = 0;
  let ties = 0;
  let comparisons = 0;
  let matchedAbove = 0;
  let mismatchedBelow = 0;
  const matched: number[] = [];
  const mismatched: number[] = [];
  for (const request of pairs.requests) {
    const own = score(request, request.game);
    if (own === undefined) continue;
    matched.push(own);
    if (own >= THRESHOLD) matchedAbove++;
    for (const game of GAMES) {
      if (game === request.game) continue;
      const other = score(request, game);
      if (other === undefined) continue;
      mismatched.push(other);
      if (other < THRESHOLD) mismatchedBelow++;
      comparisons++;
      if (own > other) wins++;
      else if (own === other) ties++;
    }
  }
  console.log(
    `${name.padEnd(34)} matched > mismatched ${wins}/${comparisons} (ties ${ties}); mean matched ${f3(mean(matched))}, mismatched ${f3(mean(mismatched))} (ratio ${f3(mean(mismatched) / (mean(matched) || 1))}); at min_fidelity ${THRESHOLD}: matched kept ${matchedAbove}/${matched.length}, mismatched turned away ${mismatchedBelow}/${mismatched.length}`,
  );
  // what other min_fidelity values would do on the same scores (the default is a choice, shown against its neighbours)
  const sweep = [0.3, 0.4, 0.5, 0.6, 0.7].map((t) => `${t}: kept ${matched.filter((f) => f >= t).length}/${matched.length}, turned away ${mismatched.filter((f) => f < t).length}/${mismatched.length}`);
  console.log(`${''.padEnd(34)} threshold sweep ${sweep.join('; ')}`);
  return { wins, comparisons, ties, matched: mean(matched), mismatched: mean(mismatched) };
}

// ---- 1a. deterministic fidelity: with L4 probes, and from the code alone ----------------------
const browser = findBrowser();
const useL4 = browser.found && !flag('--no-l4');
const probes = new Map<string, Probes | null>();
/** The L4 screenshot of each fixture game (for the vision judge). */
const screenshots = new Map<string, string>();
const shotsDir = mkdtempSync(join(tmpdir(), 'judge-bench-shots-'));
if (useL4) {
  const fixtures = await level(shotsDir);
  await Promise.all(
    GAMES.map(async (name) => {
      const runtime = (await fixtures.check({ code: code(name), codeHash: name })).runtime;
      probes.set(name, runtime?.probes ?? null);
      if (runtime?.screenshot) screenshots.set(name, join(shotsDir, runtime.screenshot));
    }),
  );
  await fixtures.close();
} else console.log(`L4: not run (${browser.found ? '--no-l4' : browser.reason})`);

console.log('\n## agreement with the labelled pairs (6 matched, 30 mismatched)');
if (useL4) agreement('heuristic fidelity (L4 probes)', (request, game) => measureFidelity(request, code(game), probes.get(game)).fidelity);
agreement('heuristic fidelity (code only)', (request, game) => measureFidelity(request, code(game), null).fidelity);

// ---- 1b. the judges over the same 36 pairs (vision: with L4's screenshots) ------------------------
const items: JudgeItem[] = pairs.requests.flatMap((request) => GAMES.map((game) => ({ code_hash: game, request: { prompt: request.prompt }, plan: '', code: code(game), screenshot: screenshots.get(game) })));
const cacheDir = mkdtempSync(join(tmpdir(), 'judge-bench-'));
const mock = live ? undefined : await startMockProvider({ apiKey: 'bench', record: false, answer: (user) => judgeReply(user) });
const saved = { base: process.env.ANTHROPIC_BASE_URL, key: process.env.ANTHROPIC_API_KEY };
if (mock) {
  process.env.ANTHROPIC_BASE_URL = mock.url;
  process.env.ANTHROPIC_API_KEY = 'bench';
}
const settings = { ...config.select.judge, kind: (screenshots.size ? 'both' : 'text') as 'both' | 'text' };
const outcome = await runJudges(items, settings, config, { cacheFile: join(cacheDir, 'judge_cache.jsonl'), quiet: true });
const pairKey = (prompt: string, game: string) => `${prompt}|${game}`;
const byPair = new Map(items.map((item) => [pairKey(item.request.prompt, item.code_hash), outcome.scores.get(judgeKey(item))?.text]));
const visionByPair = new Map(items.map((item) => [pairKey(item.request.prompt, item.code_hash), outcome.scores.get(judgeKey(item))?.vision]));
const tag = live ? '' : ' (MOCK: plumbing only)';
agreement(`text judge${live ? ` (${settings.text_model})` : ''}${tag}`, (request, game) => byPair.get(pairKey(request.prompt, game)));
if (screenshots.size) agreement(`vision judge${live ? ` (${settings.model})` : ''}${tag}`, (request, game) => visionByPair.get(pairKey(request.prompt, game)));
if (!live) console.log('  the mock provider answers "yes"/true to every statement: these judge figures measure nothing; no real-model agreement was measured');
// judge vs heuristic: the same side of the threshold
const heuristicOf = (item: JudgeItem) => measureFidelity(item.request, item.code, useL4 ? probes.get(item.code_hash) : null).fidelity;
const both = items.filter((item) => byPair.get(`${item.request.prompt}|${item.code_hash}`) !== undefined);
const same = both.filter((item) => (heuristicOf(item) >= THRESHOLD) === (byPair.get(`${item.request.prompt}|${item.code_hash}`)! >= THRESHOLD)).length;
console.log(`judge and heuristic on the same side of ${THRESHOLD}: ${same}/${both.length}${live ? '' : ' (mock)'}`);
for (const [kind, k] of Object.entries(outcome.by_kind)) console.log(`${kind} judge run: ${k.verdicts} verdicts, ${k.unreadable} unreadable, ${k.not_judged} not judged, $${k.cost_usd.toFixed(6)} counted`);
if (mock) console.log(`mock tokens, both kinds: ${mock.inputTokens} in, ${mock.outputTokens} out`);
if (mock) {
  await mock.close();
  for (const [name, value] of [['ANTHROPIC_BASE_URL', saved.base], ['ANTHROPIC_API_KEY', saved.key]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
rmSync(cacheDir, { recursive: true, force: true });
rmSync(shotsDir, { recursive: true, force: true });

// ---- 2. tokens and cost per 1,000 judged answers -----------------------------------------------
console.log('\n## judge cost per 1,000 judged answers (tokens: the project tokenizer, an estimate of the provider\'s)');
/** A realistic reply: one item per statement with ~12 words of evidence. */
const replyTokens = (statements: number) => countTokens(JSON.stringify({ items: Array.from({ length: statements }, (_, i) => ({ n: i + 1, verdict: 'partly', evidence: 'createCursorKeys() in create(); left and right set the velocity in update()' })) }));
const seeds = new Map(
  readFileSync(join(root, 'assets/seeds/demo_seeds.jsonl'), 'utf8').trim().split('\n').map((line) => {
    const seed = JSON.parse(line) as { id: string; prompt: string; genre: string; mechanics: string[] };
    return [seed.id, seed];
  }),
);
const demo = readFileSync(join(root, 'assets/replay/demo_answers.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { seed_id: string; text: string });
function tokenStats(name: string, games: { prompt: string; genre?: string; mechanics?: string[]; plan: string; code: string }[]) {
  const input: number[] = [];
  const output: number[] = [];
  const vision: number[] = [];
  for (const game of games) {
    const request = { prompt: game.prompt, genre: game.genre, mechanics: game.mechanics };
    const checklist = judgeChecklist('text', request);
    input.push(countTokens(TEXT_SYSTEM) + countTokens(textPrompt(game.prompt, game.plan, game.code, checklist)));
    output.push(replyTokens(checklist.length));
    // Claude bills an image at about width × height / 750 tokens: a 320×240 L4 screenshot ≈ 102
    vision.push(countTokens(VISION_SYSTEM) + countTokens(visionPrompt(game.prompt, judgeChecklist('vision', request))) + Math.ceil((320 * 240) / 750));
  }
  const perThousand = (model: string, inTokens: number, outTokens: number) => {
    const price = priceFor(model, config.teacher.prices);
    return price ? `$${(costUsd({ input_tokens: inTokens, output_tokens: outTokens, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, price) * 1000).toFixed(2)}` : 'no price';
  };
  const visionOut = 30;
  console.log(
    `${name.padEnd(28)} text: ${Math.round(mean(input))} in + ~${Math.round(mean(output))} out tokens → ${perThousand(settings.text_model, mean(input), mean(output))} per 1,000 (${settings.text_model}); vision: ${Math.round(mean(vision))} in + ~${visionOut} out → ${perThousand(settings.model, mean(vision), visionOut)} per 1,000 (${settings.model}); both: sum`,
  );
}
tokenStats(`fixture games (${GAMES.length})`, GAMES.map((game) => ({ prompt: pairs.requests.find((r) => r.game === game)?.prompt ?? pairs.requests[0]!.prompt, plan: '', code: code(game) })));
tokenStats(
  `demo answers (${demo.length})`,
  demo.flatMap((answer) => {
    const seed = seeds.get(answer.seed_id);
    const parsed = extractAnswer(answer.text, 'end_turn');
    return seed && parsed.code ? [{ prompt: seed.prompt, genre: seed.genre, mechanics: seed.mechanics, plan: parsed.plan, code: parsed.code }] : [];
  }),
);

// ---- 3. what the probes cost at L4 --------------------------------------------------------------
// Wall time on a machine shared with other agents swings ±30 % from round to round, so the
// CPU time of this process tree (node, the browser, its zygote and renderers; a reaped
// renderer's time is in its parent's cutime/cstime) is measured beside it: it counts only the
// work done for these games, whoever else is running.
const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
function treeCpuSeconds(): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // after the name: state ppid … utime(12) stime(13) cutime(14) cstime(15), 0-based from state
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // the process ended while we read
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (inTree(pid)) total += t;
  return total / TICKS;
}

if (useL4) {
  const runtime = await level();
  const folder = join(root, 'test/fixtures/games/good');
  const games = readdirSync(folder).filter((f) => f.endsWith('.js')).sort().map((f) => ({ name: f, code: readFileSync(join(folder, f), 'utf8') }));
  // on, off, off, on, on, off…: a steady drift in the machine's load falls on both modes alike
  const order = Array.from({ length: 2 * ROUNDS }, (_, i) => ((i + 1) % 4 < 2 ? 'on' : 'off') as 'on' | 'off');
  console.log(`\n## L4 with probes on vs off: ${games.length} games of test/fixtures/games/good, 2 workers, ${ROUNDS} rounds each way (${order.join(', ')})`);
  const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
  const cpu: Record<'on' | 'off', number[]> = { on: [], off: [] };
  const verdicts: Record<'on' | 'off', Map<string, boolean>> = { on: new Map(), off: new Map() };
  for (let round = 0; round < 2 * ROUNDS; round++) {
    const mode = order[round]!;
    if (mode === 'off') process.env.PHASER_SFT_BENCH_NO_PROBES = '1';
    else delete process.env.PHASER_SFT_BENCH_NO_PROBES;
    const start = performance.now();
    const cpuStart = treeCpuSeconds();
    // a distinct code hash per round: nothing is reused between rounds
    const results = await Promise.all(games.map((game) => runtime!.check({ code: game.code, codeHash: `${game.name}-${round}` })));
    const minutes = (performance.now() - start) / 60_000;
    const cpuPerGame = (treeCpuSeconds() - cpuStart) / games.length;
    rates[mode].push(games.length / minutes);
    cpu[mode].push(cpuPerGame);
    results.forEach((r, i) => verdicts[mode].set(games[i]!.name, r.result.passed));
    const withProbes = results.filter((r) => r.runtime?.probes).length;
    console.log(`  round ${round + 1} probes ${mode.padEnd(3)}: ${(games.length / minutes).toFixed(1)} games/min, ${cpuPerGame.toFixed(2)} CPU-s/game (${results.filter((r) => r.result.passed).length} passed, ${withProbes} with probes), load ${loadavg()[0]!.toFixed(2)}`);
  }
  delete process.env.PHASER_SFT_BENCH_NO_PROBES;
  const on = mean(rates.on);
  const off = mean(rates.off);
  const differ = games.filter((g) => verdicts.on.get(g.name) !== verdicts.off.get(g.name)).length;
  console.log(`probes on ${on.toFixed(1)} games/min, off ${off.toFixed(1)} games/min: on/off = ${(on / off).toFixed(3)} (wall-time cost ${((1 - on / off) * 100).toFixed(1)}%); verdicts that differ: ${differ}`);
  const cpuOn = mean(cpu.on);
  const cpuOff = mean(cpu.off);
  console.log(`CPU per game (this process tree): on ${cpuOn.toFixed(3)} s, off ${cpuOff.toFixed(3)} s: on/off = ${(cpuOn / cpuOff).toFixed(3)} (CPU cost ${((cpuOn / cpuOff - 1) * 100).toFixed(1)}%)`);
  await runtime.close();
}
console.log(`\nload average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at end`);
