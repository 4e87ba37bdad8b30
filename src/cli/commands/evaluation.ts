import { resolve } from 'node:path';
import type { Command } from 'commander';
import { evalBuildStage, evalHumanImportStage, evalScoreStage } from '../../evaluation/stage.js';
import { evalReviewStage } from '../../review/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

/** `eval build`, `eval score`, `eval review`, `eval human import`: prompts, a model scored by the validator, and by people. */
export function register(program: Command): void {
  const evaluation = program
    .command('eval')
    .description('build evaluation prompts, score a model, review its games by hand')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft eval build\n  $ phaser-sft eval score --model my-student --model base-model\n  $ phaser-sft eval review --model my-student\n  $ phaser-sft eval human import ~/Downloads/review_my-student.jsonl');

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

  evaluation
    .command('review')
    .description("write a static review page of a model's games (human-review prompts): request, plan, code, L4 screenshot, the game playable offline in a sandboxed frame, and the rubric as a form that saves a JSONL file")
    .requiredOption('--model <name>', 'the model, as given to `infer` and `eval score`')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nThe page is data/eval/review/<model>/index.html (games in games/, Phaser inlined): open it from disk,\nfill in your name and the rubric, press "Save scores", then import the saved file.\n\nExample:\n  $ phaser-sft eval review --model my-student && xdg-open data/eval/review/my-student/index.html',
    )
    .action((options: { model: string }, command: Command) => runStageCommand(command, evalReviewStage, () => ({ model: options.model })));

  const human = evaluation.command('human').description("reviewers' scores of a model's games");
  human
    .command('import')
    .argument('<file>', 'the JSONL file the review page saved')
    .description('read reviewers\' scores back (every line checked against its prompt\'s rubric; a bad line: exit 2 naming file:line and field, nothing written), keep them in data/eval/human/<model>.jsonl, print their agreement with the validator and fidelity')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft eval human import ~/Downloads/review_my-student.jsonl\n  $ phaser-sft report   # human scores beside validation and fidelity')
    .action((file: string, _options, command: Command) => runStageCommand(command, evalHumanImportStage, () => ({ file: resolve(file) })));
}
