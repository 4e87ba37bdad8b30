// `infer`: a trained model on the eval prompts through an OpenAI-compatible server; resumable.
// The runner is infer.ts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineStage } from '../core/stage.js';
import type { InferResult } from './infer.js';

export interface InferStageOptions {
  /** The server's OpenAI-compatible base URL. */
  baseUrl: string;
  /** The model as the server knows it (also names generations_<model>.jsonl). */
  model: string;
  concurrency?: number;
  maxTokens?: number;
  temperature?: number;
  /** At most this many of the remaining prompts. */
  limit?: number;
}

export const inferStage = defineStage<InferStageOptions, InferResult>({
  name: 'infer',
  command: 'infer',
  inputs: (ctx) => [ctx.workspace.evalPromptsFile],
  outputs: (ctx) => {
    const dir = ctx.workspace.evalDir;
    return existsSync(dir) ? readdirSync(dir).filter((f) => /^generations_.+\.jsonl$/.test(f)).sort().map((f) => join(dir, f)) : [];
  },
  settings: (ctx) => ({ infer: ctx.config.eval.infer }),
  flags: ['baseUrl', 'model', 'maxTokens', 'temperature'],
  reportFile: () => undefined,
  async run(context, options) {
    const { gracefulInterrupt } = await import('../distill/index.js');
    const { runInfer } = await import('./infer.js');
    const interrupt = gracefulInterrupt('infer');
    try {
      return await runInfer({ ...options, workspace: context.workspace, config: context.config, quiet: context.quiet, stopSignal: interrupt.stop, abortSignal: interrupt.abort });
    } finally {
      interrupt.dispose();
    }
  },
  summary: (result) => `${result.model}: ${result.done_before + result.answered}/${result.prompts} answered (${result.answered} now, ${result.failed} failed) → ${result.generations_file}`,
  failure: (result) => (result.unanswered > 0 ? `${result.unanswered} eval prompt(s) still unanswered${result.stop_message ? `: ${result.stop_message}` : ''}; rerun to continue` : undefined),
});
