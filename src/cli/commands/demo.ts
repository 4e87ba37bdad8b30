import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `demo`: the whole pipeline offline with the replay teacher. */
export function register(program: Command): void {
  program
    .command('demo')
    .description('the whole pipeline offline with the replay teacher')
    .addHelpText('after', '\nExample:\n  $ phaser-sft demo --workspace demo-ws')
    .action(() => {
      throw new WorkError('`demo` is not built yet');
    });
}
