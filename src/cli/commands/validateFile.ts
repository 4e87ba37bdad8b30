import type { Command } from 'commander';
import { EXIT } from '../../core/index.js';
import { contextFrom, printResult } from '../context.js';

/** `validate-file`: validate one game file; exit 0 when it passes, 1 when it fails, 2 on bad usage. */
export function register(program: Command): void {
  program
    .command('validate-file')
    .description('validate one game file; exit 0 when it passes, 1 when it fails, 2 on bad usage')
    .argument('<file>', 'a Phaser game (.js)')
    .option('--levels <list>', 'levels to run, e.g. L1,L2,L3 (default: config validate.levels)')
    .option('--json', 'print the validation record as JSON')
    .addHelpText('after', '\nExamples:\n  $ phaser-sft validate-file game.js --levels L1,L2,L3\n  $ phaser-sft validate-file game.js --json')
    .action(async (file: string, flags: { levels?: string }, command: Command) => {
      const context = contextFrom(command);
      // Loaded on use: the validator pulls in the TypeScript compiler.
      const { formatVerdict, parseLevels, validateFile } = await import('../../validate/index.js');
      const levels = parseLevels(flags.levels, context.config.validate.levels);
      const verdict = await validateFile(file, context.config, levels, context.workspace);
      printResult(context, verdict, () => formatVerdict(file, verdict));
      if (!verdict.passed) process.exitCode = EXIT.workFailed;
    });
}
