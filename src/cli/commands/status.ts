import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `status`: what each stage has produced, what is stale, what failed. */
export function register(program: Command): void {
  program
    .command('status')
    .description('what each stage has produced, what is stale, what failed')
    .addHelpText('after', '\nExample:\n  $ phaser-sft status --json')
    .action(() => {
      throw new WorkError('`status` is not built yet');
    });
}
