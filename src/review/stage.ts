// `eval review --model M`: the page reviewers score a model's games on (page.ts). A human step,
// so not one of the stages `run` runs; the scores come back through `eval human import`.
import { defineStage, shownPath } from '../core/stage.js';
import type { ReviewResult } from './page.js';

export interface EvalReviewStageOptions {
  /** The model whose games are reviewed (as given to `infer` and `eval score`). */
  model: string;
}

/** `eval review`: the human-review page of one model (a human step: not part of `run`). */
export const evalReviewStage = defineStage<EvalReviewStageOptions, ReviewResult>({
  name: 'eval-review',
  command: 'eval review',
  inputs: (ctx) => [ctx.workspace.humanPromptsFile],
  outputs: () => [],
  settings: (ctx) => ({ phaser: ctx.config.phaser }),
  flags: ['model'],
  reportFile: () => undefined,
  async run(context, options) {
    const { writeReview } = await import('./page.js');
    return writeReview(context.workspace, context.config, options.model);
  },
  summary: (result) =>
    `review page: ${shownPath(result.page)}\n${result.prompts} prompts, ${result.playable} playable, ${result.screenshots} with an L4 screenshot\nopen it, score, save, then: phaser-sft eval human import <saved file>`,
});

