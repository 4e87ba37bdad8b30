// `select`: L5 — score validated answers, keep the best distinct ones per prompt.
import type { Shard } from '../core/index.js';
import { defineStage } from '../core/stage.js';
import type { SelectResult } from './select.js';
import type { JudgeReport } from '../judge/index.js';

/** One line per `--judge` run: each kind's verdicts (off, unreadable), the USD, and what it changed at the gates. */
function judgeLine(judge: JudgeReport): string {
  const kinds = (['text', 'vision'] as const).flatMap((kind) => {
    const k = judge[kind];
    if (!k) return [];
    return [`${kind} (${k.model}) ${k.off ? 'off: no key' : `${k.verdicts} verdicts, ${k.judged_now} new${k.unreadable ? `, ${k.unreadable} unreadable` : ''}`}`];
  });
  return `judge: ${kinds.join('; ')}; $${judge.spent_usd.toFixed(4)} this run; gates: ${judge.gate_changes.admitted} admitted, ${judge.gate_changes.rejected} turned away by the judge`;
}

export interface SelectStageOptions {
  /** Answers kept per prompt (default: config select.per_prompt). */
  perPrompt?: number;
  maxSimilarity?: number;
  shard?: Shard;
  /** Run the judges of config select.judge (text, vision or both). */
  judge?: boolean;
}

export const selectStage = defineStage<SelectStageOptions, SelectResult>({
  name: 'select',
  command: 'select',
  inputs: (ctx) => [ctx.workspace.validatedFile()],
  outputs: (ctx) => [ctx.workspace.selectedFile()],
  settings: (ctx) => ({ select: ctx.config.select }),
  flags: ['perPrompt', 'maxSimilarity', 'judge'],
  partialFlags: ['shard'],
  reportFile: (ctx) => ctx.workspace.stageReportFile('selection'),
  sharded: 'selected',
  async run(context, options) {
    const { runSelect } = await import('./select.js');
    return runSelect(context.workspace, context.config, { ...options, judge: Boolean(options.judge), quiet: context.quiet });
  },
  summary: (result) =>
    [
      `selected ${result.counts.selected} of ${result.counts.validated} answers (${result.counts.passed} passed validation)`,
      `prompts with a selection: ${result.counts.prompts_with_selection}/${result.counts.prompts}`,
      ...(result.judge ? [judgeLine(result.judge)] : []),
      `  ${result.selectedFile}`,
      `  ${result.reportFile}`,
    ].join('\n'),
});
