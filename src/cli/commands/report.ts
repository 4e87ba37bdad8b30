import type { Command } from 'commander';
import { reportStage } from '../../report/stage.js';
import { numberFlag, runStageCommand } from '../context.js';

/** `report`: write the HTML report. */
export function register(program: Command): void {
  program
    .command('report')
    .description('write data/reports/index.html: funnel, pass rates, issues, spend, distributions, gallery, eval results (one static file)')
    .option('--gallery <n>', 'games shown in the gallery (default 24)')
    .option('--json', 'print the path as JSON')
    .addHelpText('after', '\nExample:\n  $ phaser-sft report && xdg-open data/reports/index.html')
    .action((options: { gallery?: string }, command: Command) => runStageCommand(command, reportStage, () => ({ gallery: numberFlag('gallery', options.gallery) })));
}
