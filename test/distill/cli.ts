// The CLI under test: the real `phaser-sft` (test/helpers/cli.ts). DISTILL_TEST_ISOLATED=1
// runs the distill command alone, for when another command in the shared tree does not load.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliCommand, projectRoot, runCli, type CliOptions, type CliResult } from '../helpers/cli.js';

const isolatedEntry = fileURLToPath(new URL('./isolatedEntry.ts', import.meta.url));
const isolated = () => process.env.DISTILL_TEST_ISOLATED === '1';

export function distillCommand(args: string[]): { command: string; args: string[] } {
  return isolated() ? { command: process.execPath, args: ['--import', 'tsx', isolatedEntry, ...args] } : cliCommand(args);
}

export function runDistillCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (!isolated()) return runCli(args, options);
  const { command, args: full } = distillCommand(args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, full, { cwd: options.cwd ?? projectRoot, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  });
}
