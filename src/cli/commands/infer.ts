import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';

/** `infer`: run a trained model on the eval prompts through an OpenAI-compatible server. */
export function register(program: Command): void {
  program
    .command('infer')
    .description('run a trained model on the eval prompts through an OpenAI-compatible server')
    .addHelpText('after', '\nExample:\n  $ phaser-sft infer --base-url http://127.0.0.1:8000/v1 --model my-student')
    .action(() => {
      throw new WorkError('`infer` is not built yet');
    });
}
