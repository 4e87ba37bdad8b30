import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `report`: write the HTML report. */
export function register(program: Command): void {
  program
    .command('report')
    .description('write the HTML report')
    .addHelpText('after', '\nExample:\n  $ phaser-sft report')
    .action(() => {
      throw new WorkError('`report` is not built yet');
    });
}
