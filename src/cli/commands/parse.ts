import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `parse`: extract [PLAN] and the game code from raw outputs. */
export function register(program: Command): void {
  program
    .command('parse')
    .description('extract [PLAN] and the game code from raw outputs')
    .addHelpText('after', '\nExample:\n  $ phaser-sft parse')
    .action(() => {
      throw new WorkError('`parse` is not built yet');
    });
}
