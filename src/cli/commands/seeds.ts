import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `seeds`: build prompt seeds or show their distribution. */
export function register(program: Command): void {
  program
    .command('seeds')
    .description('build prompt seeds or show their distribution')
    .addHelpText('after', '\nExample:\n  $ phaser-sft seeds build --count 500')
    .action(() => {
      throw new WorkError('`seeds` is not built yet');
    });
}
