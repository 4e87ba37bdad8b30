// The validator on real code (issue 20): the phaserjs/examples corpus of
// test/fixtures/phaser-examples/manifest.json, on each Phaser line. Reports
//   - the false-reject rate: a working example (expected `pass` on that line) rejected, with the
//     first error of each, separately for the tuning part and the held-out part;
//   - the real defects the examples carry (expected `reject`): caught or not, and at which level;
//   - the false-accept rate on planted one-defect mutants (test/helpers/phaserExamples.ts
//     mutantsOf), per kind, with "level named right".
// It runs the same Validator `validate-file` builds (levels, config per line); nothing is fetched.
//
//   npx tsx bench/corpus.ts --split tuning                 # L1–L3, both lines, the tuning part only
//   npx tsx bench/corpus.ts --l4 --split tuning            # L1–L4 (Chromium)
//   npx tsx bench/corpus.ts --l4                           # both parts (held-out figures printed)
//   npx tsx bench/corpus.ts --lines 4 --verbose            # one line, every verdict
//   npx tsx bench/corpus.ts --l4 --mutants-per-kind 12     # L4 mutants: at most 12 per kind and line
//   npx tsx bench/corpus.ts --json .bench-out/corpus.json  # also write the figures as JSON
//   npx tsx bench/corpus.ts --sync <phaserjs/examples .git dir or checkout>   # fill the cache
import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { defaultConfig, sha256 as coreSha } from '../src/core/index.js';
import { Validator } from '../src/validate/index.js';
import type { Validation } from '../src/schemas/index.js';
import { corpusDir, loadCorpus, loadManifest, mutantsOf, sha256, type CorpusExample, type Line, type Mutant } from '../test/helpers/phaserExamples.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};

const syncFrom = option('--sync');
if (syncFrom) {
  sync(syncFrom);
  process.exit(0);
}

const lines = (option('--lines') ?? '3,4').split(',') as Line[];
const withL4 = args.includes('--l4');
const split = (option('--split') ?? 'all') as 'tuning' | 'held-out' | 'all';
const verbose = args.includes('--verbose');
const withMutants = !args.includes('--no-mutants');
const perKind = Number(option('--mutants-per-kind') ?? (withL4 ? 10 : 1000));
const jsonOut = option('--json');

const { examples: all, missing } = loadCorpus();
if (missing.length) console.log(`left out (${missing.length}): ${missing.map((m) => `${m.path} — ${m.why}`).join('; ')}`);
if (!all.length) {
  console.log(`no example found under ${corpusDir()}: fill the cache with --sync (see test/fixtures/phaser-examples/README.md)`);
  process.exit(1);
}
const parts = split === 'all' ? (['tuning', 'held-out'] as const) : ([split] as const);
const inPart = (e: CorpusExample, part: 'tuning' | 'held-out') => (part === 'held-out') === e.held_out;
const examples = all.filter((e) => parts.some((p) => inPart(e, p)));
const started = new Date();
console.log(`${examples.length} examples (${parts.join(' + ')}) of ${all.length}; levels ${withL4 ? 'L1–L4' : 'L1–L3'}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${started.toISOString()}`);

function firstFailed(v: Validation): { level: string; code: string; message: string } | null {
  for (const name of ['L1', 'L2', 'L3', 'L4'] as const) {
    const result = v.levels[name];
    if (result && result.passed === false && !result.skipped) {
      const error = result.issues.find((i) => i.severity === 'error');
      return { level: name, code: error?.code ?? '', message: error?.message ?? '' };
    }
  }
  return null;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
const report: Record<string, unknown> = { started: started.toISOString(), load_average: loadavg(), levels: withL4 ? 'L1-L4' : 'L1-L3', lines: {} };

for (const line of lines) {
  const config = defaultConfig();
  config.phaser.version = line;
  const levels = withL4 ? (['L1', 'L2', 'L3', 'L4'] as const) : (['L1', 'L2', 'L3'] as const);
  const validator = await Validator.create({ config, levels: [...levels], screenshotDir: null, workspaceRoot: null, workers: withL4 ? 2 : 1 });
  const t0 = performance.now();
  const verdicts = await Promise.all(examples.map((e) => validator.validate({ code: e.code, codeHash: coreSha(e.code) })));
  const exampleSeconds = (performance.now() - t0) / 1000;
  const byPath = new Map(examples.map((e, i) => [e.path, verdicts[i]]));

  // Mutants of the examples expected to pass on this line (and that do pass: a mutant of a
  // rejected example says nothing about the planted defect).
  const mutants: { example: CorpusExample; mutant: Mutant }[] = [];
  if (withMutants) {
    const taken = new Map<string, number>();
    for (const e of examples) {
      if (e.expected[line].verdict !== 'pass' || !byPath.get(e.path)!.passed) continue;
      for (const mutant of mutantsOf(e.code, line)) {
        if (!withL4 && mutant.level === 'L4') continue;
        const key = `${e.held_out}/${mutant.kind}`;
        if ((taken.get(key) ?? 0) >= perKind) continue;
        taken.set(key, (taken.get(key) ?? 0) + 1);
        mutants.push({ example: e, mutant });
      }
    }
  }
  const t1 = performance.now();
  const mutantVerdicts = await Promise.all(mutants.map((m) => validator.validate({ code: m.mutant.code, codeHash: coreSha(m.mutant.code) })));
  const mutantSeconds = (performance.now() - t1) / 1000;
  await validator.close();

  const lineReport: Record<string, unknown> = { validator: validator.version, example_seconds: exampleSeconds, mutant_seconds: mutantSeconds, parts: {} };
  console.log(`\nPhaser ${line} (validator ${validator.version}): ${examples.length} examples in ${exampleSeconds.toFixed(1)} s, ${mutants.length} mutants in ${mutantSeconds.toFixed(1)} s`);
  for (const part of parts) {
    const mine = examples.filter((e) => inPart(e, part));
    const working = mine.filter((e) => e.expected[line].verdict === 'pass');
    const defective = mine.filter((e) => e.expected[line].verdict === 'reject');
    const falseRejects = working.filter((e) => !byPath.get(e.path)!.passed);
    // without L4, a defect labelled L4 is not checked (it should pass L1–L3)
    const checkable = defective.filter((e) => withL4 || e.expected[line].level !== 'L4');
    const missed = checkable.filter((e) => byPath.get(e.path)!.passed);
    const defectWrongLevel = defective.filter((e) => {
      const f = firstFailed(byPath.get(e.path)!);
      return f && withL4 && f.level !== e.expected[line].level;
    });
    const myMutants = mutants.map((m, i) => ({ ...m, verdict: mutantVerdicts[i] })).filter((m) => inPart(m.example, part));
    const accepted = myMutants.filter((m) => m.verdict.passed);
    const wrongLevel = myMutants.filter((m) => !m.verdict.passed && firstFailed(m.verdict)?.level !== m.mutant.level);
    console.log(`  ${part}: working ${working.length}, false rejects ${falseRejects.length} (${pct(falseRejects.length, working.length)}); real defects ${defective.length}${withL4 ? '' : ` (${defective.length - checkable.length} labelled L4, not checked)`}, missed ${missed.length}${withL4 ? `, other level ${defectWrongLevel.length}` : ''}; mutants ${myMutants.length}, false accepts ${accepted.length} (${pct(accepted.length, myMutants.length)}), level named wrong ${wrongLevel.length}`);
    for (const e of falseRejects) {
      const f = firstFailed(byPath.get(e.path)!)!;
      console.log(`    FR ${e.path}: ${f.level} ${f.code} — ${f.message.slice(0, 160)}`);
    }
    for (const e of missed) console.log(`    missed defect ${e.path}: ${e.expected[line].why}`);
    for (const e of defectWrongLevel) {
      const f = firstFailed(byPath.get(e.path)!)!;
      console.log(`    defect at ${f.level} ${f.code} (labelled ${e.expected[line].level}): ${e.path}`);
    }
    const kinds = [...new Set(myMutants.map((m) => m.mutant.kind))];
    const perKindRows = kinds.map((kind) => {
      const of = myMutants.filter((m) => m.mutant.kind === kind);
      const fa = of.filter((m) => m.verdict.passed).length;
      const wl = of.filter((m) => !m.verdict.passed && firstFailed(m.verdict)?.level !== m.mutant.level).length;
      return { kind, level: of[0].mutant.level, n: of.length, false_accepts: fa, wrong_level: wl };
    });
    for (const row of perKindRows) console.log(`    mutant ${row.kind.padEnd(22)} (${row.level}) n=${String(row.n).padStart(3)}  FA ${row.false_accepts}  other level ${row.wrong_level}`);
    if (verbose) {
      for (const m of accepted) console.log(`    FA ${m.mutant.kind} ${m.example.path}: ${m.mutant.change}`);
      for (const m of wrongLevel) {
        const f = firstFailed(m.verdict)!;
        console.log(`    level ${m.mutant.kind} ${m.example.path}: want ${m.mutant.level}, got ${f.level} ${f.code}`);
      }
      for (const e of mine) {
        const v = byPath.get(e.path)!;
        const f = firstFailed(v);
        console.log(`    ${v.passed ? 'pass' : 'FAIL'} ${e.path} ${f ? `${f.level} ${f.code} ${f.message.slice(0, 100)}` : ''}`);
      }
    }
    (lineReport.parts as Record<string, unknown>)[part] = {
      working: working.length,
      false_rejects: falseRejects.map((e) => ({ path: e.path, ...firstFailed(byPath.get(e.path)!) })),
      defects: defective.length,
      missed_defects: missed.map((e) => e.path),
      mutants: myMutants.length,
      mutant_false_accepts: accepted.length,
      mutant_wrong_level: wrongLevel.length,
      per_kind: perKindRows,
    };
  }
  (report.lines as Record<string, unknown>)[line] = lineReport;
}

if (jsonOut) {
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${jsonOut}`);
}

/** Copy the manifest's files from a phaserjs/examples git dir (by commit) or checkout into the cache. */
function sync(from: string): void {
  const target = corpusDir();
  const isGitDir = existsSync(join(from, 'HEAD')) && existsSync(join(from, 'objects'));
  let ok = 0;
  for (const entry of loadManifest().entries) {
    let text: string;
    try {
      text = isGitDir ? execFileSync('git', ['--git-dir', from, 'show', `${entry.commit}:${entry.path}`], { encoding: 'utf8' }) : readFileSync(join(from, entry.path), 'utf8');
    } catch (error) {
      console.log(`  ${entry.path}: not found (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    if (sha256(text) !== entry.sha256) {
      console.log(`  ${entry.path}: sha256 differs from the manifest (another version?) — not copied`);
      continue;
    }
    const file = join(target, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    ok++;
  }
  console.log(`${ok} of ${loadManifest().entries.length} files copied into ${target}`);
}
