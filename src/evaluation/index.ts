// The public entry of evaluation/ for other folders: the types of the reports it writes.
export type { EvalSetBuildReport, RemovedExample } from './buildEvalSet.js';
export type { ModelEvalReport } from './score.js';
export type { ModelScore } from './scoreReport.js';
export { evalPromptRecordSchema, type EvalPromptRecord } from './records.js';
