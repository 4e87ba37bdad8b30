// `parse`: [PLAN] and the game code out of every raw output → candidates.jsonl + codes/<hash>.js.
import type { Shard } from '../core/index.js';
import { defineStage } from '../core/stage.js';
import { rawOutputFiles } from '../distill/stage.js';
import type { ParseResult } from './parse.js';

export interface ParseStageOptions {
  /** Only raw_outputs_<teacher>.jsonl (default: every teacher's). */
  teacher?: string;
  shard?: Shard;
}

export const parseStage = defineStage<ParseStageOptions, ParseResult>({
  name: 'parse',
  command: 'parse',
  // parse reads every teacher's raw outputs (first: their order is the candidates' order) and the requests.
  inputs: (ctx) => [...rawOutputFiles(ctx.workspace), ctx.workspace.requestsFile],
  outputs: (ctx) => [ctx.workspace.candidatesFile()],
  settings: () => ({}),
  flags: ['teacher'],
  partialFlags: ['shard'],
  reportFile: (ctx) => ctx.workspace.stageReportFile('parse'),
  sharded: 'candidates',
  async run(context, options) {
    const { runParse } = await import('./parse.js');
    return runParse(context.workspace, { ...options, quiet: context.quiet });
  },
  summary: (result) => {
    const errors = Object.entries(result.parse_errors).map(([code, n]) => `${code} ×${n}`).join(', ');
    return [
      `parsed ${result.raw_outputs} answers → ${result.candidates} candidates (${result.no_code} without code, ${result.orphans} orphans, ${result.duplicates} duplicates; ${result.codes_written} new code files)`,
      errors ? `parse errors: ${errors}` : 'parse errors: none',
      `wrote ${result.candidates_file}`,
      `report ${result.report_file}`,
    ].join('\n');
  },
});
