import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `validate`: validate candidates (L1 syntax, L2 API, L3 policy, L4 runtime). */
export function register(program: Command): void {
  program
    .command('validate')
    .description('validate candidates (L1 syntax, L2 API, L3 policy, L4 runtime)')
    .addHelpText('after', '\nExample:\n  $ phaser-sft validate --levels L1,L2,L3')
    .action(() => {
      throw new WorkError('`validate` is not built yet');
    });
}
