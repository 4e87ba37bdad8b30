import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `requests`: build teacher requests with API context injected. */
export function register(program: Command): void {
  program
    .command('requests')
    .description('build teacher requests with API context injected')
    .addHelpText('after', '\nExample:\n  $ phaser-sft requests')
    .action(() => {
      throw new WorkError('`requests` is not built yet');
    });
}
