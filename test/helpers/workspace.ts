// One way for tests to lay out a workspace: give the records each stage file should hold and
// they are written where `Workspace` says, each list typed by its record (src/schemas). Test
// files keep only what is particular to them (which seeds, which answers); the paths, the JSONL
// encoding and the folder's cleanup live here.
import { Workspace, writeJsonAtomic, writeJsonlAtomic, type SplitName } from '../../src/core/index.js';
import type { Candidate, RawOutput, RepairPair, Seed, Selected, TeacherRequest, Validated } from '../../src/schemas/index.js';
import type { EvalPromptRecord, EvalScoredRecord, ModelEvalReport } from '../../src/evaluation/index.js';
import { withTempDir, type AfterHook } from './tempDir.js';

/** What a test workspace holds. Each present entry becomes its file; absent ones are not written. */
export interface WorkspaceFiles {
  /** `phaser-sft.config.json` (partial: the rest is defaults). */
  config?: Record<string, unknown>;
  seeds?: Seed[];
  requests?: TeacherRequest[];
  /** `raw_outputs_<teacher>.jsonl`, by teacher. */
  rawOutputs?: Record<string, RawOutput[]>;
  /** `errors_<teacher>.jsonl`, by teacher. */
  errors?: Record<string, unknown[]>;
  candidates?: Candidate[];
  validated?: Validated[];
  selected?: Selected[];
  /** `repair_pairs.jsonl` (what `run --rounds` with `requests.repair` records). */
  repairPairs?: RepairPair[];
  /** `data/sft_dataset/<split>.jsonl`, in whatever format the test needs. */
  splits?: Partial<Record<SplitName, unknown[]>>;
  /** `data/eval/prompts_eval.jsonl`. */
  evalPrompts?: EvalPromptRecord[];
  /** `data/eval/prompts_human.jsonl` (its rubric fields are recomputed by readers, so plain prompts do). */
  humanPrompts?: EvalPromptRecord[];
  /** `data/eval/scored/validated_<model>.jsonl`, by model (as `eval score` writes it). */
  evalScored?: Record<string, EvalScoredRecord[]>;
  /** `data/eval/reports/<model>.json`, by model (partial: what the test reads). */
  evalReports?: Record<string, Partial<ModelEvalReport>>;
}

/** Write `files` into `workspace` (folders made as needed); returns the workspace. */
export function writeWorkspace(workspace: Workspace, files: WorkspaceFiles): Workspace {
  if (files.config) writeJsonAtomic(workspace.configFile, files.config);
  if (files.seeds) writeJsonlAtomic(workspace.seedsFile, files.seeds);
  if (files.requests) writeJsonlAtomic(workspace.requestsFile, files.requests);
  for (const [teacher, records] of Object.entries(files.rawOutputs ?? {})) writeJsonlAtomic(workspace.rawOutputsFile(teacher), records);
  for (const [teacher, records] of Object.entries(files.errors ?? {})) writeJsonlAtomic(workspace.errorsFile(teacher), records);
  if (files.candidates) writeJsonlAtomic(workspace.candidatesFile(), files.candidates);
  if (files.validated) writeJsonlAtomic(workspace.validatedFile(), files.validated);
  if (files.selected) writeJsonlAtomic(workspace.selectedFile(), files.selected);
  if (files.repairPairs) writeJsonlAtomic(workspace.repairPairsFile, files.repairPairs);
  for (const [split, records] of Object.entries(files.splits ?? {})) writeJsonlAtomic(workspace.splitFile(split as SplitName), records);
  if (files.evalPrompts) writeJsonlAtomic(workspace.evalPromptsFile, files.evalPrompts);
  if (files.humanPrompts) writeJsonlAtomic(workspace.humanPromptsFile, files.humanPrompts);
  for (const [model, records] of Object.entries(files.evalScored ?? {})) writeJsonlAtomic(workspace.evalValidatedFile(model), records);
  for (const [model, report] of Object.entries(files.evalReports ?? {})) writeJsonAtomic(workspace.evalReportFile(model), { model, ...report });
  return workspace;
}

/** A workspace in a fresh temporary folder (removed after the test `t`), holding `files`. */
export function tempWorkspace(t: AfterHook, files: WorkspaceFiles = {}, prefix?: string): Workspace {
  return writeWorkspace(new Workspace(withTempDir(t, prefix)), files);
}
