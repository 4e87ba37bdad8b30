import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./cliEntry.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
// Resolved here, not by the child: `--import tsx` is resolved from the child's cwd, which a test may move.
const tsxLoader = import.meta.resolve('tsx');
const builtEntry = join(projectRoot, 'bin', 'phaser-sft.js');

/**
 * The compiled CLI (dist/, as `npm test` builds it first) when it is the build of the source as
 * it is now: every src/ file has its dist/ twin, written after it. Starting it costs ~0.4 s of
 * CPU against ~1.7 s through tsx (which transforms and resolves ~230 modules at each start), and
 * the suite starts the CLI a few hundred times. Anything stale or missing → the source, through
 * tsx; PHASER_SFT_TEST_FROM_SOURCE=1 forces the source.
 */
function builtIsFresh(): boolean {
  if (process.env.PHASER_SFT_TEST_FROM_SOURCE === '1') return false;
  const src = join(projectRoot, 'src');
  const dist = join(projectRoot, 'dist');
  if (!existsSync(join(dist, 'cli', 'main.js'))) return false;
  const walk = (dir: string): boolean => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) {
        if (!walk(path)) return false;
        continue;
      }
      const twin = name.name.endsWith('.d.ts') ? undefined : name.name.endsWith('.ts') ? name.name.replace(/\.ts$/, '.js') : name.name.endsWith('.js') ? name.name : undefined;
      if (!twin) continue;
      const built = join(dist, relative(src, dir), twin);
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) return false;
    }
    return true;
  };
  return walk(src);
}
let useBuilt: boolean | undefined;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
}

/** The command line that runs `phaser-sft` (its fresh build, else the source); for tests that manage the process themselves. */
export function cliCommand(args: string[]): { command: string; args: string[] } {
  useBuilt ??= builtIsFresh();
  return { command: process.execPath, args: useBuilt ? [builtEntry, ...args] : ['--import', tsxLoader, entry, ...args] };
}

/** Spawn the real CLI as a black box and collect its output and exit code. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const { command, args: fullArgs } = cliCommand(args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, fullArgs, {
      cwd: options.cwd ?? projectRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'phaser-sft-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export { projectRoot };
