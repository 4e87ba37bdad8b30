import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `api-index`: build or query the Phaser API index. */
export function register(program: Command): void {
  program
    .command('api-index')
    .description('build or query the Phaser API index')
    .addHelpText('after', '\nExample:\n  $ phaser-sft api-index build')
    .action(() => {
      throw new WorkError('`api-index` is not built yet');
    });
}
