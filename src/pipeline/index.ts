// The pipeline's public entry (what the CLI uses): the stage list, `runStage` (a stage run,
// recorded in its manifest), `run`, `demo` and `status`.
export { STAGES, STAGE_NAMES, EVAL_STAGES, stageSpec, isTracked, type AnyStage, type StageName } from './stages.js';
export { runStage, type StageRun } from './record.js';
export { runPipeline, formatRunSummary, resolveRunTeacher, type RunOptions, type RunResult, type StageOutcome } from './run.js';
export { runDemo, DEMO_SEEDS_FILE, type DemoOptions } from './demo.js';
export { workspaceStatus, formatStatus, type StageStatus, type WorkspaceStatus } from './status.js';
