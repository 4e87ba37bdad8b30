import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `eval`: build evaluation prompts or score a model. */
export function register(program: Command): void {
  program
    .command('eval')
    .description('build evaluation prompts or score a model')
    .addHelpText('after', '\nExample:\n  $ phaser-sft eval build')
    .action(() => {
      throw new WorkError('`eval` is not built yet');
    });
}
