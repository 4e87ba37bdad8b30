// `validate`: every candidate through L1 syntax, L2 API, L3 policy, L4 runtime, cached by code
// hash + validator version. The work is in validate.ts (loaded on use: it pulls in the
// TypeScript compiler).
import type { LevelName, PhaserLine, Shard } from '../core/index.js';
import { defineStage } from '../core/stage.js';
import { formatValidateSummary } from './format.js';
import type { ValidateResult } from './validate.js';

export interface ValidateStageOptions {
  /** Default: config validate.levels. */
  levels?: LevelName[];
  /** Worker threads for L1–L3 and browser pages for L4 (default: config validate.workers). */
  workers?: number;
  shard?: Shard;
  /** `--phaser 3,4`: also check every game against these lines (`compat` on each record). */
  phaser?: PhaserLine[];
}

export const validateStage = defineStage<ValidateStageOptions, ValidateResult>({
  name: 'validate',
  command: 'validate',
  inputs: (ctx) => [ctx.workspace.candidatesFile()],
  outputs: (ctx) => [ctx.workspace.validatedFile()],
  settings: (ctx) => ({ validate: { ...ctx.config.validate, workers: undefined }, phaser: ctx.config.phaser }),
  flags: ['levels', 'phaser'],
  partialFlags: ['shard'],
  reportFile: (ctx) => ctx.workspace.stageReportFile('filter'),
  sharded: 'validated',
  async run(context, options) {
    const { parseLevels } = await import('./levels.js');
    const { runValidate } = await import('./validate.js');
    const levels = options.levels ?? parseLevels(undefined, context.config.validate.levels);
    const workers = options.workers ?? context.config.validate.workers;
    return runValidate(context.workspace, context.config, { levels, workers: Math.max(1, Math.floor(workers)), shard: options.shard, quiet: context.quiet, phaserLines: options.phaser });
  },
  summary: (result) => formatValidateSummary(result),
});
