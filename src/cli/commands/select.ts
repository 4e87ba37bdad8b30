import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `select`: L5 quality + diversity selection. */
export function register(program: Command): void {
  program
    .command('select')
    .description('L5 quality + diversity selection')
    .addHelpText('after', '\nExample:\n  $ phaser-sft select --per-prompt 2')
    .action(() => {
      throw new WorkError('`select` is not built yet');
    });
}
