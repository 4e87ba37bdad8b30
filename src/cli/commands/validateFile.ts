import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `validate-file`: validate one game file. */
export function register(program: Command): void {
  program
    .command('validate-file')
    .description('validate one game file')
    .addHelpText('after', '\nExample:\n  $ phaser-sft validate-file game.js --json')
    .action(() => {
      throw new WorkError('`validate-file` is not built yet');
    });
}
