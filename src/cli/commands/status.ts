import type { Command } from 'commander';
import { formatStatus, workspaceStatus } from '../../pipeline/index.js';
import { contextFrom, printResult } from '../context.js';

/** `status`: what each stage has produced, what is stale, what failed. */
export function register(program: Command): void {
  program
    .command('status')
    .description('each stage: done, stale (and why), incomplete, failed or not run; counts; what to run next')
    .option('--json', 'print the status as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft status --json')
    .action(async (_options, command: Command) => {
      const context = contextFrom(command);
      const status = await workspaceStatus({ workspace: context.workspace, config: context.config });
      printResult(context, status, () => formatStatus(status));
    });
}
