// The renderer memory watchdog: a "renderer" (a child process with `--type=renderer` in its
// command line, as Chromium's are) past the limit is killed and the kill is recorded; one under
// it is left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ProcessWatch, residentBytes } from '../../../src/validate/runtime/processWatch.js';
import { processTable } from '../../../src/validate/runtime/processes.js';

const linux = process.platform === 'linux' ? false : 'needs /proc';

function fakeRenderer(megabytes: number) {
  const code = `const keep = []; for (let i = 0; i < ${megabytes / 16}; i++) keep.push(Buffer.alloc(16 * 2 ** 20, 1)); console.log('ready'); setTimeout(() => {}, 60000);`;
  return spawn(process.execPath, ['-e', code, '--', '--type=renderer'], { stdio: ['ignore', 'pipe', 'ignore'] });
}
const ready = (child: ReturnType<typeof fakeRenderer>) => new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
const exited = (child: ReturnType<typeof fakeRenderer>) => new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

test('a renderer past the resident-memory limit is killed and the kill recorded; a small one is not', { skip: linux }, async () => {
  const big = fakeRenderer(512);
  const small = fakeRenderer(16);
  await Promise.all([ready(big), ready(small)]);
  assert.ok((residentBytes(big.pid!) ?? 0) > 400 * 2 ** 20);
  const me = processTable().find((info) => info.pid === process.pid) ?? null;
  const watch = new ProcessWatch(() => me, 256);
  const since = Date.now() - 1;
  try {
    assert.equal(await exited(big), 'SIGKILL');
    const kill = watch.killedSince(since);
    assert.equal(kill?.pid, big.pid);
    assert.ok(kill?.kind === 'memory' && kill.rssMb > 256);
    assert.ok(watch.peakMb > 256);
    assert.equal(small.exitCode, null, 'the small one still runs');
    assert.equal(small.signalCode, null);
  } finally {
    watch.stop();
    small.kill('SIGKILL');
    big.kill('SIGKILL');
  }
});
