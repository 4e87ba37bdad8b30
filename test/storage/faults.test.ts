// Fault injection, end to end: a full disk under every writing stage, a kill between the files of
// a multi-file commit, damaged lines in caches, journals and inputs, held and stale locks, a moved
// workspace, a resumed validate. One demo workspace is built once; every case runs the real CLI
// on its own copy and checks the exit code, the message, and that earlier outputs are unchanged.
// The disk is full by the write shim (PHASER_SFT_FAULT_WRITE: writes come back short, then
// ENOSPC/EIO), which works without root; a real tmpfs test follows when `mount` is allowed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Workspace } from '../../src/core/index.js';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';

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

function assertUnchanged(before: Map<string, string>, after: Map<string, string>): void {
  const leftovers = [...after.keys()].filter((k) => /\.(tmp|staged)-\d+-/.test(k));
  assert.deepEqual(leftovers, [], 'no temp file left behind');
  for (const [file, hash] of before) assert.equal(after.get(file), hash, `${file} changed`);
  assert.deepEqual([...after.keys()].filter((k) => !before.has(k)), [], 'no new file');
}

const cli = (w: Workspace, args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  runCli([...args, '--workspace', w.root], { env: { PHASER_SFT_TEST: '1', ...env }, timeoutMs: 280_000 });

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
    const result = await cli(w, argv, { PHASER_SFT_FAULT_WRITE: '3000', PHASER_SFT_FAULT_MATCH: file(w).split('/').pop()!, PHASER_SFT_FAULT_CODE: code });
    assert.equal(result.code, 1, result.stderr.slice(-2000));
    assert.match(result.stderr, new RegExp(`cannot write ${escape(file(w))}: .*\\(${code}\\); .* (free on its file system|free space unknown)`));
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assertUnchanged(before, snapshot(w));
    assert.equal(await stateOf(w, stage), 'failed');
  });
}

test('report on a full disk: exit 1 and the old index.html intact', { timeout: 300_000 }, async () => {
  const w = copy();
  const before = snapshot(w);
  const result = await cli(w, ['report'], { PHASER_SFT_FAULT_WRITE: '2000', PHASER_SFT_FAULT_MATCH: 'index.html' });
  assert.equal(result.code, 1, result.stderr.slice(-2000));
  assert.match(result.stderr, /cannot write .*index\.html: no space left on device \(ENOSPC\)/);
  assertUnchanged(before, snapshot(w));
});

test('distill on a full disk stops cleanly: exit 1, every answer already written kept whole, a rerun completes', { timeout: 300_000 }, async () => {
  const w = copy();
  const raw = w.rawOutputsFile('replay');
  const lines = readFileSync(raw, 'utf8').split('\n').filter(Boolean);
  writeFileSync(raw, lines.slice(0, 10).join('\n') + '\n'); // 14 answers still to fetch
  const kept = readFileSync(raw, 'utf8');
  const result = await cli(w, ['distill', '--teacher', 'replay'], { PHASER_SFT_FAULT_WRITE: String(Buffer.byteLength(lines[10]) * 3 + 100), PHASER_SFT_FAULT_MATCH: 'raw_outputs_replay.jsonl' });
  assert.equal(result.code, 1, result.stderr.slice(-2000));
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
  const result = await cli(w, ['dataset', '--seed', '7'], { PHASER_SFT_FAULT_WRITE: '0', PHASER_SFT_FAULT_MATCH: 'manifest.jsonl' });
  assert.equal(result.code, 1, result.stderr.slice(-2000));
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
    const result = await cli(w, [...argv]);
    assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr.slice(-2000)}`);
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
  const refused = await cli(w, ['select']);
  assert.equal(refused.code, 2, refused.stderr.slice(-2000));
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
