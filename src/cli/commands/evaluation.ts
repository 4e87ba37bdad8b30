import type { Command } from 'commander';
import { evalBuildStage, evalScoreStage } from '../../evaluation/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

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
    .action((_options, command: Command) => runStageCommand(command, evalBuildStage, () => ({})));

  evaluation
    .command('score')
    .description("parse and validate a model's generations with the pipeline's parser and validator; several --model → side by side")
    .requiredOption('--model <name...>', 'model name(s) as given to `infer`')
    .option('--levels <list>', 'validator levels, e.g. L1,L2,L3 (default: config validate.levels)')
    .option('--workers <n>', 'validation workers (default: config validate.workers)')
    .option('--judge', 'also judge passing games with the judges of config select.judge (text, vision or both); their score enters fidelity')
    .option('--json', 'print the reports as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft eval score --model my-student --model Qwen2.5-Coder-7B-Instruct')
    .action((options: { model: string[]; levels?: string; workers?: string; judge?: boolean }, command: Command) =>
      runStageCommand(command, evalScoreStage, () => ({ model: options.model, levels: options.levels, workers: numberFlag('workers', options.workers), judge: options.judge })),
    );
}
