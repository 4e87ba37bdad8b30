// A 50 MB answer, end to end: what it costs `infer` and `eval score` (a student's server sends
// it) and `parse` and `validate` (a raw output holding it), in time and in record size. Run it
// with this checkout (after) and with an older one (before), on copies of one demo workspace:
//   npx tsx bench/answerCap.ts --workspace <demo workspace> [--root <checkout>] [--mb 50] [--cap 600]
// `--root` is the checkout whose CLI runs (default: this one; an older one needs node_modules).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../src/core/workspace.js';
import { DEFAULT_ANSWER, startMockProvider } from '../test/helpers/mockProvider.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const source = flag('workspace');
if (!source) throw new Error('--workspace <a demo workspace> is required (phaser-sft demo --workspace …)');
const root = resolve(flag('root', fileURLToPath(new URL('..', import.meta.url)))!);
const megabytes = Number(flag('mb', '50'));
const capSeconds = Number(flag('cap', '600'));

/** One CLI run from `root`, stopped after --cap seconds; its time, or undefined when stopped. */
function cli(argv: string[], env: Record<string, string> = {}): Promise<{ ms?: number; code: number | null; stderr: string }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/helpers/cliEntry.ts'), ...argv], { cwd: root, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), capSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ ms: signal ? undefined : performance.now() - started, code, stderr });
    });
  });
}

const fmtTime = (r: { ms?: number; code: number | null }) => (r.ms === undefined ? `> ${capSeconds} s (stopped)` : `${(r.ms / 1000).toFixed(1)} s (exit ${r.code})`);
const fmtSize = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const longestLine = (file: string) => (existsSync(file) ? Math.max(...readFileSync(file, 'utf8').split('\n').map((l) => Buffer.byteLength(l))) : 0);

const dir = mkdtempSync(join(tmpdir(), 'phaser-sft-answer-cap-'));
const w = new Workspace(join(dir, 'ws'));
cpSync(source, w.root, { recursive: true });
const huge = '[PLAN]\nhuge\n```javascript\nconst s = "' + 'ab cd '.repeat(Math.floor((megabytes * 1024 * 1024) / 6)) + '";\nnew Phaser.Game({ width: 400, height: 300 });\n```\n';
console.log(`checkout ${root}; ${megabytes} MB answer (${Buffer.byteLength(huge).toLocaleString('en')} bytes); ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (shared: times indicative)`);
console.log('| step | time | largest record | file |');
console.log('|---|---:|---:|---:|');
try {
  const first = (JSON.parse(readFileSync(w.evalPromptsFile, 'utf8').split('\n')[0]) as { prompt: string }).prompt;
  const mock = await startMockProvider({ answer: (user) => (user.includes(first) ? huge : DEFAULT_ANSWER), record: false });
  try {
    const infer = await cli(['infer', '--base-url', `${mock.url}/v1`, '--model', 'm', '--workspace', w.root], { OPENAI_API_KEY: 'bench' });
    console.log(`| infer (the server sends it) | ${fmtTime(infer)} | ${fmtSize(longestLine(w.generationsFile('m')))} | generations ${fmtSize(size(w.generationsFile('m')))} |`);
  } finally {
    await mock.close();
  }
  const score = await cli(['eval', 'score', '--model', 'm', '--levels', 'L1,L2,L3', '--workspace', w.root]);
  console.log(`| eval score --levels L1,L2,L3 | ${fmtTime(score)} | ${fmtSize(longestLine(w.evalValidatedFile('m')))} | scored ${fmtSize(size(w.evalValidatedFile('m')))} |`);
  const raw = w.rawOutputsFile('replay');
  const lines = readFileSync(raw, 'utf8').split('\n');
  lines[0] = JSON.stringify({ ...(JSON.parse(lines[0]) as object), text: huge });
  writeFileSync(raw, lines.join('\n'));
  const parse = await cli(['parse', '--workspace', w.root]);
  console.log(`| parse (a raw output holds it) | ${fmtTime(parse)} | ${fmtSize(longestLine(w.candidatesFile()))} | candidates ${fmtSize(size(w.candidatesFile()))} |`);
  const validate = await cli(['validate', '--levels', 'L1,L2,L3', '--workspace', w.root]);
  console.log(`| validate --levels L1,L2,L3 | ${fmtTime(validate)} | ${fmtSize(longestLine(w.validatedFile()))} | validated ${fmtSize(size(w.validatedFile()))} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
