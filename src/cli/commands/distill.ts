import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `distill`: run the teacher over the requests (resumable). */
export function register(program: Command): void {
  program
    .command('distill')
    .description('run the teacher over the requests (resumable)')
    .addHelpText('after', '\nExample:\n  $ phaser-sft distill --teacher claude --concurrency 8')
    .action(() => {
      throw new WorkError('`distill` is not built yet');
    });
}
