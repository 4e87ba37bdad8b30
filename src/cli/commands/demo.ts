import type { Command } from 'commander';
import { WorkError } from '../../core/index.js';
import { formatRunSummary, runDemo } from '../../pipeline/index.js';
import { pipelineContext, printResult } from '../context.js';

/** `demo`: the whole pipeline offline with the replay teacher. */
export function register(program: Command): void {
  program
    .command('demo')
    .description('the whole pipeline offline on the bundled demo seeds with the replay teacher, ending with the HTML report')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft demo --workspace demo-ws && xdg-open demo-ws/data/reports/index.html')
    .action(async (_options, command: Command) => {
      const context = pipelineContext(command);
      const result = await runDemo(context);
      printResult(context, result, () => formatRunSummary(result));
      if (!result.ok) throw new WorkError(`demo stopped: ${result.stages.find((s) => s.action === 'failed')?.stage} failed`);
    });
}
