import type { Command } from 'commander';
import { buildEvalSet } from '../../evaluation/buildEvalSet.js';
import { contextFrom, printResult } from '../context.js';

/** `eval build` and `eval score`: evaluation prompts, and a model's generations scored by the validator. */
export function register(program: Command): void {
  const evaluation = program
    .command('eval')
    .description('build evaluation prompts or score a model')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft eval build\n  $ phaser-sft eval score --model my-student --model base-model');

  evaluation
    .command('build')
    .description('iid + ood eval prompts and a human-review set, decontaminated against the training set')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft eval build --json')
    .action(async (_options, command: Command) => {
      const context = contextFrom(command);
      const result = await buildEvalSet(context.workspace, context.config);
      const removed = Object.entries(result.removed).map(([reason, n]) => `${reason} ${n}`).join(', ') || 'none';
      printResult(context, result, () => `eval prompts: ${result.iid} iid + ${result.ood} ood → ${result.files.prompts}\nhuman review: ${result.human} → ${result.files.human}\nremoved: ${removed}`);
    });
}
