// The pipeline's public entry (what the CLI uses): the stage list, `runStage` (a stage run,
// recorded in its manifest), `run`, `demo` and `status`.
export { STAGES, STAGE_NAMES, PIPELINE, EVAL_STAGES, stageSpec, type AnyStage, type StageName } from './stages.js';
export { runStage, type StageRun } from './record.js';
export { runPipeline, formatRunSummary, resolveRunTeacher, type RunOptions, type RunResult, type StageOutcome } from './run.js';
export { runDemo, DEMO_SEEDS_FILE, type DemoOptions } from './demo.js';
export { workspaceStatus, formatStatus, type StageStatus, type WorkspaceStatus } from './status.js';
