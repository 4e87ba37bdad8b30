// The public entry of evaluation/ for other folders: the types of the reports it writes.
export type { EvalSetBuildReport, RemovedExample } from './buildEvalSet.js';
export type { ModelEvalReport } from './score.js';
export type { ModelScore } from './scoreReport.js';
export { evalPromptRecordSchema, evalScoredRecordSchema, requestOf, type EvalPromptRecord, type EvalScoredRecord } from './records.js';
export { rubricFor, type RubricItem } from './humanSet.js';
export { carriesHeldOutPair, oodMechanicPairs } from './heldOutPairs.js';
export { humanAgreementOf, HUMAN_PASS_RULE, type HumanAgreement, type HumanPromptScore } from './humanAgreement.js';
