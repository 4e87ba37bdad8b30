// The stages, listed (each is defined in its own folder's stage.ts). `run` and `status` walk
// STAGES in order; EVAL_STAGES run on demand. Nothing else about a stage is said here. (The
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

/** Any stage, whatever its options and result (`run`'s options are contravariant: hence `any`). */
export type AnyStage = Stage<any, any>;

/**
 * What `run` runs, in order, and what `status` tracks: each run of these is recorded in
 * data/manifests/<stage>.json.
 */
export const STAGES: readonly AnyStage[] = [apiIndexStage, seedsStage, requestsStage, distillStage, parseStage, validateStage, selectStage, datasetStage, evalBuildStage];

/**
 * The stages a trained model goes through, outside `run` and untracked: their outputs are one
 * file per model (`status` lists the models with generations instead).
 */
export const EVAL_STAGES: readonly AnyStage[] = [inferStage, evalScoreStage];

/** A tracked stage's name (`api-index` … `eval-build`). */
export type StageName = string;
export const STAGE_NAMES: readonly StageName[] = STAGES.map((stage) => stage.name);

/** The tracked stage of that name. */
export function stageSpec(name: string): AnyStage | undefined {
  return STAGES.find((s) => s.name === name);
}

/** `status` and `run` track it (and `runStage` records its runs). */
export function isTracked(stage: AnyStage): boolean {
  return STAGES.includes(stage);
}
