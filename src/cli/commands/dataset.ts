import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `dataset`: write the LLaMA-Factory train/val/test set. */
export function register(program: Command): void {
  program
    .command('dataset')
    .description('write the LLaMA-Factory train/val/test set')
    .addHelpText('after', '\nExample:\n  $ phaser-sft dataset --format sharegpt')
    .action(() => {
      throw new WorkError('`dataset` is not built yet');
    });
}
