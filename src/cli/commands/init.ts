import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `init`: scaffold a workspace: config, teacher system prompt, data/. */
export function register(program: Command): void {
  program
    .command('init')
    .description('scaffold a workspace: config, teacher system prompt, data/')
    .addHelpText('after', '\nExample:\n  $ phaser-sft init my-run')
    .action(() => {
      throw new WorkError('`init` is not built yet');
    });
}
