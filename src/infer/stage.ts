// `infer`: a trained model on the eval prompts through an OpenAI-compatible server; resumable.
// The runner is infer.ts.
import { defineStage } from '../core/stage.js';
import { generatedModels } from '../evaluation/stage.js';
import type { InferOptions, InferResult } from './infer.js';

/** Parsed flags: the runner's options but what the context gives. */
export type InferStageOptions = Omit<InferOptions, 'workspace' | 'config' | 'quiet' | 'stopSignal' | 'abortSignal'>;

export const inferStage = defineStage<InferStageOptions, InferResult>({
  name: 'infer',
  command: 'infer',
  inputs: (ctx) => [ctx.workspace.evalPromptsFile],
  outputs: (ctx) => generatedModels(ctx.workspace).map((model) => ctx.workspace.generationsFile(model)),
  settings: (ctx) => ({ infer: ctx.config.eval.infer }),
  flags: ['baseUrl', 'model', 'maxTokens', 'temperature'],
  reportFile: () => undefined,
  async run(context, options) {
    const { withGracefulInterrupt } = await import('../llm/index.js');
    const { runInfer } = await import('./infer.js');
    return withGracefulInterrupt('infer', (signals) => runInfer({ ...options, workspace: context.workspace, config: context.config, quiet: context.quiet, ...signals }));
  },
  summary: (result) => `${result.model}: ${result.done_before + result.answered}/${result.prompts} answered (${result.answered} now, ${result.failed} failed) → ${result.generations_file}`,
  failure: (result) => (result.unanswered > 0 ? `${result.unanswered} eval prompt(s) still unanswered${result.stop_message ? `: ${result.stop_message}` : ''}; rerun to continue` : undefined),
});
