// Fault injection, end to end: a full disk under every writing stage, a kill between the files of
// a multi-file commit, damaged lines in caches, journals and inputs, held and stale locks, a moved
// workspace, a resumed validate. One demo workspace is built once; every case runs the real CLI
// on its own copy and checks the exit code, the message, and that earlier outputs are unchanged.
// The disk is full by the write shim (PHASER_SFT_FAULT_WRITE: writes come back short, then
// ENOSPC/EIO), which works without root; a real tmpfs test follows when `mount` is allowed.
// Every failing run must end within ERROR_PATH_BOUND_MS (generous: the machine may be shared):
// a stage that hangs on an error path is killed there and fails its test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Workspace } from '../../src/core/index.js';
import { findBrowser } from '../../src/validate/runtime/index.js';
import { cliCommand, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { DEFAULT_ANSWER, startMockProvider } from '../helpers/mockProvider.js';

let base = '';
let cleanupAll: () => void = () => {};
let root = '';
let copies = 0;

before(
  async () => {
    const t = tempDir('phaser-sft-faults-');
    root = t.dir;
    cleanupAll = t.cleanup;
    base = join(root, 'base');
    const demo = await runCli(['demo', '--workspace', base, '--quiet'], { timeoutMs: 850_000 });
    assert.equal(demo.code, 0, demo.stderr.slice(-3000));
  },
  { timeout: 900_000 },
);
after(() => cleanupAll());

/** A fresh copy of the demo workspace. */
function copy(): Workspace {
  const dir = join(root, `ws-${++copies}`);
  cpSync(base, dir, { recursive: true, preserveTimestamps: true });
  return new Workspace(dir);
}

/** sha256 of every file under data/ (manifests aside: a failed run records itself there). */
function snapshot(w: Workspace): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(w.root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(w.dataDir);
  for (const key of [...out.keys()]) if (key.startsWith(join('data', 'manifests'))) out.delete(key);
  return out;
}

/** Every earlier file byte-identical (but those matching `grows`: caches a failed run may add verdicts to), no temp file, no new file. */
function assertUnchanged(before: Map<string, string>, after: Map<string, string>, grows?: RegExp): void {
  const leftovers = [...after.keys()].filter((k) => /\.(tmp|staged)-\d+-/.test(k));
  assert.deepEqual(leftovers, [], 'no temp file left behind');
  for (const [file, hash] of before) if (!grows?.test(file)) assert.equal(after.get(file), hash, `${file} changed`);
  assert.deepEqual([...after.keys()].filter((k) => !before.has(k)), [], 'no new file');
}

/** A run on an error path ends within this, or it is killed (and its test fails on the signal). */
const ERROR_PATH_BOUND_MS = 120_000;

const cli = (w: Workspace, args: string[], env: Record<string, string> = {}, timeoutMs = 280_000): Promise<CliResult> =>
  runCli([...args, '--workspace', w.root], { env: { PHASER_SFT_TEST: '1', ...env }, timeoutMs });

/** A run expected to fail: it must end by itself within ERROR_PATH_BOUND_MS with exit `code`. */
async function failing(w: Workspace, args: string[], code: number, env: Record<string, string> = {}): Promise<CliResult> {
  const result = await cli(w, args, env, ERROR_PATH_BOUND_MS);
  assert.notEqual(result.signal, 'SIGKILL', `${args.join(' ')} did not end within ${ERROR_PATH_BOUND_MS / 1000} s on its error path`);
  assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr.slice(-2000)}`);
  return result;
}

async function stateOf(w: Workspace, stage: string): Promise<string> {
  const status = await cli(w, ['status', '--json']);
  assert.equal(status.code, 0, status.stderr);
  return (JSON.parse(status.stdout) as { stages: { stage: string; state: string }[] }).stages.find((s) => s.stage === stage)!.state;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A full disk under each stage's main output: exit 1, the file and the free space named, every
// earlier output byte-identical, no temp file left, the stage recorded as failed.
const writers: { stage: string; argv: string[]; file: (w: Workspace) => string; code?: string }[] = [
  { stage: 'api-index', argv: ['api-index', 'build'], file: (w) => w.apiIndexFile },
  { stage: 'seeds', argv: ['seeds', 'build', '--count', '0'], file: (w) => w.seedsFile },
  { stage: 'requests', argv: ['requests'], file: (w) => w.requestsFile },
  { stage: 'parse', argv: ['parse'], file: (w) => w.candidatesFile() },
  { stage: 'validate', argv: ['validate'], file: (w) => w.validatedFile(), code: 'EIO' },
  { stage: 'select', argv: ['select'], file: (w) => w.selectedFile() },
  { stage: 'dataset', argv: ['dataset', '--seed', '7'], file: (w) => w.splitFile('val') },
  { stage: 'eval-build', argv: ['eval', 'build'], file: (w) => w.evalPromptsFile },
];
for (const { stage, argv, file, code = 'ENOSPC' } of writers) {
  test(`${code} while ${argv.join(' ')} writes ${file(new Workspace('/w')).split('/').pop()}: exit 1, named file and free space, earlier outputs intact`, { timeout: 300_000 }, async () => {
    const w = copy();
    const before = snapshot(w);
    const result = await failing(w, argv, 1, { PHASER_SFT_FAULT_WRITE: '3000', PHASER_SFT_FAULT_MATCH: file(w).split('/').pop()!, PHASER_SFT_FAULT_CODE: code });
    assert.match(result.stderr, new RegExp(`cannot write ${escape(file(w))}: .*\\(${code}\\); .* (free on its file system|free space unknown)`));
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assertUnchanged(before, snapshot(w));
    assert.equal(await stateOf(w, stage), 'failed');
  });
}

test('report on a full disk: exit 1 and the old index.html intact', { timeout: 300_000 }, async () => {
  const w = copy();
  const before = snapshot(w);
  const result = await failing(w, ['report'], 1, { PHASER_SFT_FAULT_WRITE: '2000', PHASER_SFT_FAULT_MATCH: 'index.html' });
  assert.match(result.stderr, /cannot write .*index\.html: no space left on device \(ENOSPC\)/);
  assertUnchanged(before, snapshot(w));
});

test('distill on a full disk stops cleanly: exit 1, every answer already written kept whole, a rerun completes', { timeout: 300_000 }, async () => {
  const w = copy();
  const raw = w.rawOutputsFile('replay');
  const lines = readFileSync(raw, 'utf8').split('\n').filter(Boolean);
  writeFileSync(raw, lines.slice(0, 10).join('\n') + '\n'); // 14 answers still to fetch
  const kept = readFileSync(raw, 'utf8');
  const result = await failing(w, ['distill', '--teacher', 'replay'], 1, { PHASER_SFT_FAULT_WRITE: String(Buffer.byteLength(lines[10]) * 3 + 100), PHASER_SFT_FAULT_MATCH: 'raw_outputs_replay.jsonl' });
  assert.match(result.stderr, /cannot write .*raw_outputs_replay\.jsonl: no space left on device \(ENOSPC\)/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  const after = readFileSync(raw, 'utf8');
  assert.ok(after.startsWith(kept) && after.endsWith('\n'), 'the journal keeps every earlier answer and ends on a whole record');
  const written = after.split('\n').filter(Boolean);
  assert.ok(written.length > 10, 'answers received before the disk filled are kept');
  for (const line of written) JSON.parse(line);
  const rerun = await cli(w, ['distill', '--teacher', 'replay']);
  assert.equal(rerun.code, 0, rerun.stderr.slice(-2000));
  assert.equal(readFileSync(raw, 'utf8').split('\n').filter(Boolean).length, lines.length);
});

test('kill -9 between the files of dataset: no reader sees a mix; the next command completes the commit', { timeout: 400_000 }, async () => {
  const w = copy();
  const reference = copy();
  const ref = await cli(reference, ['dataset', '--seed', '7']);
  assert.equal(ref.code, 0, ref.stderr.slice(-2000));
  const files = (x: Workspace) => [...(['train', 'val', 'test'] as const).map((s) => x.splitFile(s)), x.datasetInfoFile, x.datasetManifestFile].map((f) => readFileSync(f, 'utf8'));
  const old = files(w);
  const killed = await cli(w, ['dataset', '--seed', '7'], { PHASER_SFT_FAULT_KILL_AFTER_RENAMES: '1' });
  assert.equal(killed.signal, 'SIGKILL');
  assert.ok(existsSync(w.commitJournalFile('dataset')), 'the commit journal records the switch in progress');
  // Any command (status here) completes the commit first: all new files, none old.
  assert.equal(await stateOf(w, 'dataset'), 'failed');
  assert.ok(!existsSync(w.commitJournalFile('dataset')));
  assert.deepEqual(files(w), files(reference));
  assert.notDeepEqual(files(w), old);
  assert.deepEqual(readFileSync(w.stageReportFile('sft_dataset'), 'utf8').length > 0, true);
  assert.deepEqual([...snapshot(w).keys()].filter((k) => /\.(tmp|staged)-/.test(k)), []);
});

test('kill -9 of dataset before its commit point: every old file stays', { timeout: 300_000 }, async () => {
  const w = copy();
  const before = snapshot(w);
  // The shard writer dies at its first write of manifest.jsonl: nothing is switched in.
  const result = await failing(w, ['dataset', '--seed', '7'], 1, { PHASER_SFT_FAULT_WRITE: '0', PHASER_SFT_FAULT_MATCH: 'manifest.jsonl' });
  assertUnchanged(before, snapshot(w));
});

test('a corrupt middle line in validator_cache.jsonl: reported with file:line, skipped, recomputed; validate ends', { timeout: 300_000 }, async () => {
  const w = copy();
  const cache = w.validatorCacheFile();
  const lines = readFileSync(cache, 'utf8').split('\n');
  lines[3] = '{"code_hash": broken';
  lines[6] = '{"code_hash":"not a verdict"}';
  writeFileSync(cache, lines.join('\n'));
  const result = await cli(w, ['validate', '--levels', 'L1,L2,L3']);
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  assert.match(result.stderr, new RegExp(`${escape(cache)}:4: not valid JSON`));
  assert.match(result.stderr, new RegExp(`${escape(cache)}:7:`));
  assert.match(result.stderr, /validator cache: 2 damaged lines skipped; those games are validated again/);
});

test('a resumed validate writes the same bytes as an uninterrupted one', { timeout: 400_000 }, async () => {
  const whole = copy();
  const resumed = copy();
  rmSync(whole.validatorCacheFile());
  const full = await cli(whole, ['validate', '--levels', 'L1,L2,L3', '--workers', '2']);
  assert.equal(full.code, 0, full.stderr.slice(-2000));
  // The resumed run finds a few verdicts cached, as a run killed early leaves them (its L2 batches differ).
  const cached = readFileSync(whole.validatorCacheFile(), 'utf8').split('\n').filter(Boolean);
  writeFileSync(resumed.validatorCacheFile(), cached.slice(0, 3).join('\n') + '\n');
  const rest = await cli(resumed, ['validate', '--levels', 'L1,L2,L3', '--workers', '2']);
  assert.equal(rest.code, 0, rest.stderr.slice(-2000));
  assert.equal(readFileSync(resumed.validatedFile(), 'utf8'), readFileSync(whole.validatedFile(), 'utf8'));
});

test('damaged journals: errors_replay.jsonl is skipped with a count; raw outputs, candidates, validated and selected fail with exit 2 at file:line', { timeout: 400_000 }, async () => {
  const w = copy();
  writeFileSync(w.errorsFile('replay'), '{"request_id":"r1","kind":"retryable"}\nnot json\n');
  const distill = await cli(w, ['distill', '--teacher', 'replay']);
  assert.equal(distill.code, 0, distill.stderr.slice(-2000));
  assert.match(distill.stderr, new RegExp(`${escape(w.errorsFile('replay'))}:2: not valid JSON`));
  const corrupt = (file: string) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = '{"torn": ';
    writeFileSync(file, lines.join('\n'));
  };
  for (const [file, argv] of [
    [w.rawOutputsFile('replay'), ['parse']],
    [w.candidatesFile(), ['validate']],
    [w.validatedFile(), ['select']],
    [w.selectedFile(), ['dataset']],
  ] as const) {
    const before = snapshot(w);
    corrupt(file);
    const result = await failing(w, [...argv], 2);
    assert.match(result.stderr, new RegExp(`${escape(file)}:3: not valid JSON`));
    const afterRun = snapshot(w);
    for (const [path, hash] of before) if (!file.endsWith(path)) assert.equal(afterRun.get(path), hash, `${path} changed`);
  }
});

test('locks: a live run of the same stage is refused (exit 2), a killed run’s lock is taken over', { timeout: 300_000 }, async () => {
  const w = copy();
  const lock = w.stageLockFile('select');
  mkdirSync(join(w.dataDir, 'manifests'), { recursive: true });
  writeFileSync(lock, `${process.pid}\n`); // this test process: alive
  const refused = await failing(w, ['select'], 2);
  assert.match(refused.stderr, new RegExp(`select is already running \\(pid ${process.pid}\\).*${escape(lock)}`));
  const dead = execFileSync('sh', ['-c', 'sh -c "echo \\$\\$" ']).toString().trim();
  writeFileSync(lock, `${dead}\n`); // exited already
  const taken = await cli(w, ['select']);
  assert.equal(taken.code, 0, taken.stderr.slice(-2000));
  assert.ok(!existsSync(lock), 'released at the end');
});

test('a workspace moved to another folder depth stays up to date', { timeout: 300_000 }, async () => {
  const w = copy();
  const moved = join(root, 'deeper', 'and', 'deeper', 'ws');
  mkdirSync(join(moved, '..'), { recursive: true });
  renameSync(w.root, moved);
  const status = await runCli(['status', '--json', '--workspace', moved], { cwd: join(root, 'deeper') });
  assert.equal(status.code, 0, status.stderr);
  const states = (JSON.parse(status.stdout) as { stages: { stage: string; state: string }[] }).stages.map((s) => `${s.stage}:${s.state}`);
  assert.deepEqual(states, states.map((s) => s.replace(/:.*/, ':done')));
});

/** Generations of model `m` for every eval prompt (the mock's small game), as `infer` writes them. */
function writeGenerations(w: Workspace, text: (i: number) => string = () => DEFAULT_ANSWER): number {
  const prompts = readFileSync(w.evalPromptsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const usage = { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  const records = prompts.map((p, i) => JSON.stringify({ ...p, model: 'm', text: text(i), stop_reason: 'stop', truncated: false, usage, latency_ms: 1, attempts: 1, created_at: '2026-12-03T00:00:00.000Z' }));
  mkdirSync(w.evalDir, { recursive: true });
  writeFileSync(w.generationsFile('m'), records.join('\n') + '\n');
  return records.length;
}

test('eval score on a full disk: exit 1, the file named, earlier outputs intact (the validator cache may only grow)', { timeout: 300_000 }, async () => {
  const w = copy();
  writeGenerations(w);
  const before = snapshot(w);
  const result = await failing(w, ['eval', 'score', '--model', 'm', '--levels', 'L1,L2,L3'], 1, { PHASER_SFT_FAULT_WRITE: '2000', PHASER_SFT_FAULT_MATCH: 'validated_m.jsonl' });
  assert.match(result.stderr, new RegExp(`cannot write ${escape(w.evalValidatedFile('m'))}: no space left on device \\(ENOSPC\\)`));
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assertUnchanged(before, snapshot(w), /validator_cache/);
});

test('infer on a full disk keeps every whole answer, a rerun completes; a torn middle line of its journal is exit 2 at file:line', { timeout: 400_000 }, async (t) => {
  const w = copy();
  const mock = await startMockProvider();
  t.after(() => mock.close());
  const file = w.generationsFile('m');
  const args = ['infer', '--base-url', `${mock.url}/v1`, '--model', 'm', '--concurrency', '1'];
  const env = { OPENAI_API_KEY: 'test-key' };
  const full = await failing(w, args, 1, { ...env, PHASER_SFT_FAULT_WRITE: '6000', PHASER_SFT_FAULT_MATCH: 'generations_m.jsonl' });
  assert.match(full.stderr, new RegExp(`cannot write ${escape(file)}: no space left on device \\(ENOSPC\\)`));
  assert.doesNotMatch(full.stderr, /\n\s+at /, 'no stack trace');
  const kept = readFileSync(file, 'utf8');
  assert.ok(kept.endsWith('\n'), 'the journal ends on a whole record');
  for (const line of kept.split('\n').filter(Boolean)) JSON.parse(line);
  const rerun = await cli(w, args, env);
  assert.equal(rerun.code, 0, rerun.stderr.slice(-2000));
  const whole = readFileSync(file, 'utf8');
  assert.ok(whole.startsWith(kept), 'the answers kept are not asked again');
  const lines = whole.split('\n');
  lines[1] = '{"id": torn';
  writeFileSync(file, lines.join('\n'));
  const torn = readFileSync(file, 'utf8');
  const damaged = await failing(w, args, 2, env);
  assert.match(damaged.stderr, new RegExp(`${escape(file)}:2: not valid JSON`));
  assert.equal(readFileSync(file, 'utf8'), torn, 'the damaged journal is left for a person to look at');
});

test('a 50 MB answer: stored as its head with answer_bytes, never parsed (answer_too_large), records stay small', { timeout: 400_000 }, async (t) => {
  const w = copy();
  const huge = '[PLAN]\nhuge\n```javascript\nconst s = "' + 'ab cd '.repeat((50 * 1024 * 1024) / 6) + '";\nnew Phaser.Game({ width: 400, height: 300 });\n```\n';
  // infer: the student's server sends 50 MB for one prompt
  const firstPrompt = (JSON.parse(readFileSync(w.evalPromptsFile, 'utf8').split('\n')[0]) as { prompt: string }).prompt;
  // usage is not what this test checks: the mock estimates tokens instead of counting 50 MB (~30 s of CPU)
  const mock = await startMockProvider({ answer: (user) => (user.includes(firstPrompt) ? huge : DEFAULT_ANSWER), record: false, countTokens: (text) => Math.ceil(text.length / 4) });
  t.after(() => mock.close());
  const infer = await cli(w, ['infer', '--base-url', `${mock.url}/v1`, '--model', 'm'], { OPENAI_API_KEY: 'test-key' });
  assert.equal(infer.code, 0, infer.stderr.slice(-2000));
  const generations = readFileSync(w.generationsFile('m'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; answer_bytes?: number });
  const capped = generations.filter((g) => g.answer_bytes !== undefined);
  assert.equal(capped.length, 1);
  assert.equal(capped[0].answer_bytes, Buffer.byteLength(huge));
  assert.ok(Buffer.byteLength(capped[0].text) <= 16 * 1024 && huge.startsWith(capped[0].text));
  assert.ok(statSync(w.generationsFile('m')).size < 1024 * 1024);
  const inferReport = JSON.parse(readFileSync(w.stageReportFile('infer_m'), 'utf8')) as { counts: Record<string, number> };
  assert.equal(inferReport.counts.answer_too_large, 1, 'the infer report counts the capped answer');
  const score = await cli(w, ['eval', 'score', '--model', 'm', '--levels', 'L1,L2,L3']);
  assert.equal(score.code, 0, score.stderr.slice(-2000));
  const scored = readFileSync(w.evalValidatedFile('m'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { parse_errors: string[] });
  assert.equal(scored.filter((r) => r.parse_errors.includes('answer_too_large')).length, 1);
  // parse: a raw output holding 50 MB (written by an older version, or by hand) is not a candidate
  const raw = w.rawOutputsFile('replay');
  const lines = readFileSync(raw, 'utf8').split('\n');
  const first = JSON.parse(lines[0]) as { text: string };
  lines[0] = JSON.stringify({ ...first, text: huge });
  writeFileSync(raw, lines.join('\n'));
  const parse = await cli(w, ['parse']);
  assert.equal(parse.code, 0, parse.stderr.slice(-2000));
  const report = JSON.parse(readFileSync(w.stageReportFile('parse'), 'utf8')) as { parse_errors: Record<string, number> };
  assert.equal(report.parse_errors.answer_too_large, 1);
  assert.ok(statSync(w.candidatesFile()).size < 2 * 1024 * 1024, 'candidates stay small');
});

test('locks for report and eval score: a live holder is refused (exit 2, pid and lock named), a killed one’s lock (or a garbled one) is taken over', { timeout: 300_000 }, async () => {
  const w = copy();
  writeGenerations(w);
  mkdirSync(join(w.dataDir, 'manifests'), { recursive: true });
  for (const [stage, argv, what] of [
    ['report', ['report'], 'report'],
    ['eval-score', ['eval', 'score', '--model', 'm', '--levels', 'L1,L2,L3'], 'eval score'],
  ] as const) {
    const lock = w.stageLockFile(stage);
    writeFileSync(lock, `${process.pid}\n`);
    const before = snapshot(w);
    const refused = await failing(w, [...argv], 2);
    assert.match(refused.stderr, new RegExp(`${escape(what)} is already running \\(pid ${process.pid}\\).*${escape(lock)}`));
    assertUnchanged(before, snapshot(w));
    writeFileSync(lock, stage === 'report' ? `${execFileSync('sh', ['-c', 'echo $$']).toString().trim()}\n` : 'not a pid\n');
    const taken = await cli(w, [...argv]);
    assert.equal(taken.code, 0, taken.stderr.slice(-2000));
    assert.ok(!existsSync(lock), 'released at the end');
  }
});

test('two validate runs at once: the second stops at once (exit 2, the first’s pid), the first completes', { timeout: 400_000 }, async () => {
  const w = copy();
  rmSync(w.validatorCacheFile()); // the first run validates every game again: long enough to overlap
  const lock = w.stageLockFile('validate');
  const { command, args } = cliCommand(['validate', '--levels', 'L1,L2,L3', '--workspace', w.root]);
  const first = spawn(command, args, { env: { ...process.env, PHASER_SFT_TEST: '1', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let firstErr = '';
  first.stderr.on('data', (chunk) => (firstErr += chunk));
  const firstDone = new Promise<number | null>((resolve) => first.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 100_000;
  while (!existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(existsSync(lock), 'the first run holds the lock');
  const second = await failing(w, ['validate', '--levels', 'L1,L2,L3'], 2);
  assert.match(second.stderr, new RegExp(`validate is already running \\(pid ${first.pid}\\)`));
  assert.equal(await firstDone, 0, firstErr.slice(-2000));
  assert.ok(!existsSync(lock));
  assert.equal(await stateOf(w, 'validate'), 'done');
});

test('kill -9 between the files of a shard merge: the next command completes it; the merge equals an unsharded run', { timeout: 400_000 }, async () => {
  const w = copy();
  const unsharded = readFileSync(w.candidatesFile(), 'utf8');
  for (const shard of ['1/2', '2/2']) {
    const result = await cli(w, ['parse', '--shard', shard]);
    assert.equal(result.code, 0, result.stderr.slice(-2000));
  }
  const oldReport = readFileSync(w.stageReportFile('parse'), 'utf8');
  writeFileSync(w.candidatesFile(), ''); // so that a merge not switched in shows
  const killed = await cli(w, ['run', '--from', 'parse', '--to', 'parse', '--no-report'], { PHASER_SFT_FAULT_KILL_AFTER_RENAMES: '1' });
  assert.equal(killed.signal, 'SIGKILL', killed.stderr.slice(-2000));
  assert.ok(existsSync(w.commitJournalFile('merge-parse')), 'the commit journal records the switch in progress');
  assert.equal(readFileSync(w.stageReportFile('parse'), 'utf8'), oldReport, 'killed after the first rename: the report is not switched in yet');
  const status = await cli(w, ['status', '--json']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stderr, /completed an interrupted commit of merge-parse/);
  assert.ok(!existsSync(w.commitJournalFile('merge-parse')));
  assert.equal(readFileSync(w.candidatesFile(), 'utf8'), unsharded, 'the merged candidates are the unsharded run’s');
  assert.equal((JSON.parse(readFileSync(w.stageReportFile('parse'), 'utf8')) as { merged_from_shards?: number }).merged_from_shards, 2);
  assert.deepEqual([...snapshot(w).keys()].filter((k) => /\.(tmp|staged)-/.test(k)), []);
});

test('a commit journal that is not JSON is named and left alone; commands still run', { timeout: 300_000 }, async () => {
  const w = copy();
  mkdirSync(w.commitsDir, { recursive: true });
  writeFileSync(w.commitJournalFile('dataset'), '{"renames": [');
  const status = await cli(w, ['status']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stderr, new RegExp(`${escape(w.commitJournalFile('dataset'))}: not a commit journal`));
});

/** Mount a tmpfs of `bytes` at `dir` (root only); false when this machine does not allow it. */
function mountTmpfs(dir: string, bytes: number): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('a real full disk (a small tmpfs): select exits 1 naming the file and the free space; earlier outputs intact', { timeout: 300_000 }, async (t) => {
  const mount = join(root, 'tmpfs');
  const used = Number(execFileSync('du', ['-sb', base]).toString().split('\t')[0]);
  if (!mountTmpfs(mount, used + 4 * 1024 * 1024)) return t.skip('mount -t tmpfs is not allowed here (not root)');
  t.after(() => execFileSync('umount', [mount]));
  const w = new Workspace(join(mount, 'ws'));
  cpSync(base, w.root, { recursive: true, preserveTimestamps: true });
  // Fill the disk but for a few KB: selected.jsonl (one game per record) cannot fit.
  const free = () => Number(execFileSync('df', ['-B1', '--output=avail', mount]).toString().trim().split('\n')[1]);
  writeFileSync(join(mount, 'filler'), Buffer.alloc(Math.max(0, free() - 16 * 1024)));
  const before = snapshot(w);
  const result = await failing(w, ['select'], 1);
  assert.match(result.stderr, new RegExp(`cannot write ${escape(w.selectedFile())}: no space left on device \\(ENOSPC\\); [0-9.]+ (B|KB) free on its file system`));
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  rmSync(join(mount, 'filler'));
  assertUnchanged(before, snapshot(w));
  assert.equal(await stateOf(w, 'select'), 'failed');
});

test('a damaged distill checkpoint: exit 2 naming the file, every answer kept', { timeout: 300_000 }, async () => {
  const w = copy();
  const checkpoint = w.checkpointFile('replay');
  writeFileSync(checkpoint, '{"teacher": "replay", ');
  const before = snapshot(w);
  const result = await failing(w, ['distill', '--teacher', 'replay'], 2);
  assert.match(result.stderr, new RegExp(`${escape(checkpoint)}.*checkpoint is not valid JSON`));
  assertUnchanged(before, snapshot(w));
});

const browser = findBrowser();
test('a full disk under validate while its browsers and worker threads are live: exit 1 within the bound, validated.jsonl intact', { timeout: 300_000, skip: browser.found ? false : `no browser: ${browser.reason}` }, async () => {
  const w = copy();
  // Four games, none cached: the first screenshot is written by L4 with the browser pool up.
  const candidates = readFileSync(w.candidatesFile(), 'utf8').split('\n').filter(Boolean);
  writeFileSync(w.candidatesFile(), candidates.slice(0, 4).join('\n') + '\n');
  rmSync(w.validatorCacheFile());
  const validated = readFileSync(w.validatedFile());
  const result = await failing(w, ['validate', '--workers', '2'], 1, { PHASER_SFT_FAULT_WRITE: '0', PHASER_SFT_FAULT_MATCH: '.png' });
  assert.match(result.stderr, /L4 runs in /, 'the browser pool was up');
  assert.match(result.stderr, new RegExp(`cannot write ${escape(w.screenshotsDir)}/[0-9a-f]+\\.png: no space left on device \\(ENOSPC\\)`));
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.deepEqual(readFileSync(w.validatedFile()), validated);
  assert.deepEqual([...snapshot(w).keys()].filter((k) => /\.(tmp|staged)-\d+-/.test(k)), [], 'no temp file left behind');
  assert.equal(await stateOf(w, 'validate'), 'failed');
});

test('select --judge whose provider rejects the key: exit 1 within the bound naming the variable, selected.jsonl intact', { timeout: 300_000 }, async (t) => {
  const w = copy();
  const mock = await startMockProvider({ fault: () => ({ status: 401, message: 'invalid key' }) });
  t.after(() => mock.close());
  const config = JSON.parse(readFileSync(w.configFile, 'utf8')) as { select?: Record<string, unknown> };
  config.select = { ...config.select, judge: { provider: 'openai', model: 'vlm-test' } };
  writeFileSync(w.configFile, JSON.stringify(config, null, 2));
  const selected = readFileSync(w.selectedFile());
  const result = await failing(w, ['select', '--judge'], 1, { OPENAI_BASE_URL: `${mock.url}/v1`, OPENAI_API_KEY: 'test-key' });
  assert.match(result.stderr, /judge stopped: .*OPENAI_API_KEY/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.deepEqual(readFileSync(w.selectedFile()), selected);
  assert.equal(await stateOf(w, 'select'), 'failed');
});
