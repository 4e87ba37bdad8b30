import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `run`: the whole pipeline, skipping up-to-date stages. */
export function register(program: Command): void {
  program
    .command('run')
    .description('the whole pipeline, skipping up-to-date stages')
    .addHelpText('after', '\nExample:\n  $ phaser-sft run --from parse')
    .action(() => {
      throw new WorkError('`run` is not built yet');
    });
}
