// `requests`: seeds × samples_per_seed → teacher requests, Phaser API context injected.
import { defineStage, shownPath } from '../core/stage.js';
import type { RequestsBuildResult } from './build.js';

export interface RequestsStageOptions {
  /** Requests per seed (default: config requests.samples_per_seed). */
  samples?: number;
}

export const requestsStage = defineStage<RequestsStageOptions, RequestsBuildResult>({
  name: 'requests',
  command: 'requests',
  // rounds_plan.jsonl: the requests `run --rounds` added for seeds without a passing answer (absent before).
  inputs: (ctx) => [ctx.workspace.seedsFile, ctx.workspace.apiIndexFile, ctx.workspace.path(ctx.config.requests.system_prompt_file), ctx.workspace.roundsPlanFile],
  outputs: (ctx) => [ctx.workspace.requestsFile],
  settings: (ctx) => ({
    requests: ctx.config.requests,
    api_index: ctx.config.api_index,
    ood_genres: ctx.config.eval.ood_genres,
    hold_out_ood_genres: ctx.config.dataset.hold_out_ood_genres,
  }),
  flags: ['samples'],
  reportFile: (ctx) => ctx.workspace.stageReportFile('distill_requests'),
  async run(context, options) {
    const { buildRequests } = await import('./build.js');
    return buildRequests(context.workspace, context.config, { samplesPerSeed: options.samples, quiet: context.quiet });
  },
  summary: (result) => {
    const c = result.counts;
    return [
      `wrote ${c.requests} requests (${c.seeds} seeds × ${c.samples_per_seed}${c.later_round_requests ? ` + ${c.later_round_requests} of later rounds, ${c.repair_requests} of them repairs` : ''}) to ${shownPath(result.file)}`,
      ...(c.held_out_ood ? [`  held out: ${c.held_out_ood} seeds of the OOD eval genres (eval.ood_genres) get no request; requests.distill_ood_genres: true sends them`] : []),
      `  API context: ${c.distinct_apis} distinct APIs injected; ${c.empty_retrieval} seeds with no context, ${c.weak_retrieval} weak; coverage ${c.coverage_warnings ? `${c.coverage_warnings} warning(s), see the report's coverage.warnings` : 'ok'}`,
      `  report: ${shownPath(result.report)}`,
    ].join('\n');
  },
});
