// Phaser 3 vs 4 on the same games: pass counts, L2 files/s and L4 games/min per line, and the
// false-reject / false-accept rates on the labelled corpora (a `// expect: Ln code` header marks a
// defect; a file without one, or in a good/ folder, is correct).
//
//   npx tsx bench/phaser-lines.ts                          # L1–L3, test/fixtures/games/{good,bad} + phaser corpora
//   npx tsx bench/phaser-lines.ts --l4                     # L1–L4 (Chromium needed)
//   npx tsx bench/phaser-lines.ts --lines 4 --dirs test/fixtures/games/good
//   npx tsx bench/phaser-lines.ts --l4 --renderer canvas   # L4 forcing the Canvas renderer
//   npx tsx bench/phaser-lines.ts --l4 --lines 4 --renderers canvas,webgl   # both renderers, same run: agreement
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig, sha256, type PhaserLine } from '../src/core/index.js';
import { Validator } from '../src/validate/index.js';
import type { Validation } from '../src/schemas/index.js';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const lines = (option('--lines') ?? '3,4').split(',') as PhaserLine[];
const withL4 = args.includes('--l4');
const renderers = (option('--renderers') ?? option('--renderer') ?? '').split(',').filter(Boolean);
const verbose = args.includes('--verbose');
const dirs = (option('--dirs') ?? 'test/fixtures/games/good,test/fixtures/games/bad,test/fixtures/games/phaser3,test/fixtures/games/phaser4').split(',');

interface Game {
  name: string;
  code: string;
  /** Expected defect ("L2 api_unknown_member"), or null for a correct game. */
  expect: string | null;
  /** Lines the game is meant for (a `// lines: 4` header; default both). */
  lines: PhaserLine[];
}

function loadGames(): Game[] {
  const games: Game[] = [];
  for (const dir of dirs) {
    const folder = join(root, dir);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.js')).sort()) {
      const code = readFileSync(join(folder, file), 'utf8');
      const expect = /^\/\/ expect: (.+)$/m.exec(code)?.[1]?.trim() ?? null;
      const only = /^\/\/ lines: ([34, ]+)$/m.exec(code)?.[1];
      games.push({ name: `${dir.split('/').pop()}/${file}`, code, expect: expect === 'pass' ? null : expect, lines: only ? (only.split(',').map((s) => s.trim()) as PhaserLine[]) : ['3', '4'] });
    }
  }
  return games;
}

/** The first failing level of a verdict. */
function failedLevel(v: Validation): string | null {
  for (const name of ['L1', 'L2', 'L3', 'L4'] as const) if (v.levels[name] && v.levels[name]!.passed === false && !v.levels[name]!.skipped) return name;
  return null;
}

const games = loadGames();
console.log(`${games.length} games from ${dirs.join(', ')}; levels ${withL4 ? 'L1–L4' : 'L1–L3'}${renderers.length ? `, renderers ${renderers.join(', ')}` : ''}`);
/** Each line's verdicts per renderer, by game name (for the agreement between renderers). */
const byRun = new Map<string, Map<string, Validation>>();
for (const line of lines) for (const renderer of renderers.length ? renderers : [undefined]) await runLine(line, renderer as 'canvas' | 'webgl' | undefined);
for (const line of lines) if (renderers.length > 1) agreement(line);

async function runLine(line: PhaserLine, renderer: 'canvas' | 'webgl' | undefined): Promise<void> {
  const config = defaultConfig();
  config.phaser.version = line;
  if (renderer) config.validate.runtime.renderer = renderer;
  const levels = withL4 ? (['L1', 'L2', 'L3', 'L4'] as const) : (['L1', 'L2', 'L3'] as const);
  const validator = await Validator.create({ config, levels: [...levels], screenshotDir: null, workspaceRoot: null });
  const mine = games.filter((g) => g.lines.includes(line));
  const started = performance.now();
  const verdicts = await Promise.all(mine.map((g) => validator.validate({ code: g.code, codeHash: sha256(g.code) })));
  const seconds = (performance.now() - started) / 1000;
  await validator.close();
  byRun.set(`${line}/${renderer ?? 'default'}`, new Map(mine.map((g, i) => [g.name, verdicts[i]])));
  let passed = 0;
  let falseReject = 0;
  let falseAccept = 0;
  let wrongLevel = 0;
  let correct = 0;
  let defects = 0;
  const notes: string[] = [];
  mine.forEach((g, i) => {
    const v = verdicts[i];
    if (v.passed) passed++;
    const failed = failedLevel(v);
    const firstError = failed ? v.levels[failed as 'L1']!.issues.find((x) => x.severity === 'error') : undefined;
    if (g.expect === null) {
      correct++;
      if (!v.passed) {
        falseReject++;
        notes.push(`  FR ${g.name}: ${failed} ${firstError?.code ?? ''} ${firstError?.message.slice(0, 140) ?? ''}`);
      }
    } else {
      defects++;
      const wantLevel = g.expect.split(/\s+/)[0];
      if (v.passed) {
        falseAccept++;
        notes.push(`  FA ${g.name}: expected ${g.expect}`);
      } else if (withL4 || wantLevel !== 'L4') {
        if (failed !== wantLevel) {
          wrongLevel++;
          notes.push(`  level ${g.name}: expected ${g.expect}, got ${failed} ${firstError?.code ?? ''}`);
        }
      }
    }
    if (verbose) console.log(`  ${v.passed ? 'pass' : 'FAIL'} ${g.name} ${failed ?? ''} ${firstError?.code ?? ''}`);
  });
  // L4-labelled defects only count as false accepts when L4 ran
  const l4Defects = withL4 ? 0 : mine.filter((g) => g.expect?.startsWith('L4') && verdicts[mine.indexOf(g)].passed).length;
  const rate = withL4 ? `${((mine.length / seconds) * 60).toFixed(1)} games/min` : `${(mine.length / seconds).toFixed(1)} files/s`;
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
  console.log(`Phaser ${line}${renderer ? ` on ${renderer}` : ''} (validator ${validator.version}): ${passed}/${mine.length} passed in ${seconds.toFixed(1)} s (${rate})`);
  console.log(`  correct ${correct}: false rejects ${falseReject} (${pct(falseReject, correct)}); defects ${defects}: false accepts ${falseAccept - l4Defects} (${pct(falseAccept - l4Defects, defects - (withL4 ? 0 : mine.filter((g) => g.expect?.startsWith('L4')).length))})${withL4 ? '' : ` [+${l4Defects} L4 defects not checked]`}, wrong level ${wrongLevel}`);
  for (const note of notes) if (!note.startsWith('  FA') || withL4 || !note.includes('expected L4')) console.log(note);
}

/** Same verdict, same first failing level and the same probe evidence (objects by type, scenes started) on each renderer. */
function agreement(line: PhaserLine): void {
  const [a, b] = renderers.map((r) => byRun.get(`${line}/${r}`)!);
  let same = 0;
  let sameLevel = 0;
  let sameProbes = 0;
  let probed = 0;
  const differ: string[] = [];
  for (const [name, va] of a) {
    const vb = b.get(name)!;
    if (va.passed === vb.passed) same++;
    if (failedLevel(va) === failedLevel(vb)) sameLevel++;
    else differ.push(`  ${name}: ${renderers[0]} ${failedLevel(va) ?? 'pass'} ${codeOf(va)} / ${renderers[1]} ${failedLevel(vb) ?? 'pass'} ${codeOf(vb)}`);
    const pa = va.runtime?.probes;
    const pb = vb.runtime?.probes;
    if (pa && pb) {
      probed++;
      if (JSON.stringify(pa.objects) === JSON.stringify(pb.objects) && JSON.stringify(pa.scenes_started) === JSON.stringify(pb.scenes_started)) sameProbes++;
    }
  }
  console.log(`Phaser ${line}, ${renderers.join(' vs ')}: same verdict ${same}/${a.size}, same first failing level ${sameLevel}/${a.size}, same probes (objects by type, scenes started) ${sameProbes}/${probed}`);
  for (const note of differ) console.log(note);
}

function codeOf(v: Validation): string {
  const failed = failedLevel(v);
  return failed ? v.levels[failed as 'L1']!.issues.find((x) => x.severity === 'error')?.code ?? '' : '';
}
