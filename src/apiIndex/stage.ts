// `api-index build`: the Phaser API index from the installed phaser package's doclets.
import { phaserOf } from '../core/index.js';
import { defineStage } from '../core/stage.js';
import type { ApiIndexBuildResult } from './build.js';

export const apiIndexStage = defineStage<Record<never, never>, ApiIndexBuildResult>({
  name: 'api-index',
  command: 'api-index build',
  inputs: (ctx) => {
    const phaser = phaserOf(ctx.config);
    return [phaser.docletsFile, phaser.dtsFile];
  },
  outputs: (ctx) => [ctx.workspace.apiIndexFile],
  settings: (ctx) => ({ phaser: ctx.config.phaser, api_index: ctx.config.api_index }),
  flags: [],
  reportFile: (ctx) => ctx.workspace.stageReportFile('api_index'),
  async run(context) {
    const { buildApiIndex } = await import('./build.js');
    return buildApiIndex(context.workspace, context.config);
  },
  summary: (result) =>
    [
      `wrote ${result.records} API records (phaser ${result.phaser_version}) to ${result.file}`,
      `  by kind: ${Object.entries(result.counts_by_kind).map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
      `  dropped: ${Object.entries(result.dropped).map(([why, n]) => `${why} ${n}`).join(', ') || 'none'}; inherited copies folded into inherited_by: ${result.inherited_links}`,
      `  took ${result.timings_ms.total} ms; report: ${result.report_file}`,
    ].join('\n'),
});
