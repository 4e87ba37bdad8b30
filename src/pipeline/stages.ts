// The stages, listed (each is defined in its own folder's stage.ts). `run` and `status` walk
// PIPELINE in order; EVAL_STAGES run on demand. Nothing else about a stage is said here. (The
// report stage, src/report/stage.ts, is not listed: it shows this list's status, so `run`
// calls it at the end instead.)
import type { Stage } from '../core/stage.js';
import { apiIndexStage } from '../apiIndex/stage.js';
import { seedsStage } from '../seeds/stage.js';
import { requestsStage } from '../requests/stage.js';
import { distillStage } from '../distill/stage.js';
import { parseStage } from '../parse/stage.js';
import { validateStage } from '../validate/stage.js';
import { selectStage } from '../select/stage.js';
import { datasetStage } from '../dataset/stage.js';
import { evalBuildStage, evalScoreStage } from '../evaluation/stage.js';
import { inferStage } from '../infer/stage.js';

export type { StageContext } from '../core/stage.js';

/** Any stage, whatever its options and result. */
// The options are contravariant in `run`; `any` is what lets one list hold every stage.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage = Stage<any, any>;

/** What `run` runs, in order, and what `status` tracks. */
export const PIPELINE = [apiIndexStage, seedsStage, requestsStage, distillStage, parseStage, validateStage, selectStage, datasetStage, evalBuildStage] as const;

/** Stages a trained model goes through, outside `run`: `infer`, then `eval score`. */
export const EVAL_STAGES = [inferStage, evalScoreStage] as const;

/** A tracked stage's name (`api-index` … `eval-build`). */
export type StageName = string;
export const STAGE_NAMES: readonly StageName[] = PIPELINE.map((stage) => stage.name);

/** The tracked stages, in pipeline order (as `run`, `status` and the report see them). */
export const STAGES: readonly AnyStage[] = PIPELINE;

/** A stage definition as the pipeline reads it. */
export type StageSpec = AnyStage;

export function stageSpec(name: string): AnyStage | undefined {
  return STAGES.find((s) => s.name === name);
}
