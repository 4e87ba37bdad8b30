// L5 selection: quality score, per-prompt diversity, near-duplicate cluster cap.
export { runSelect, type SelectOptions, type SelectResult } from './select.js';
export { scoreParts, combineScore, effectiveWeights, failureKey, fidelityOf, ineligibleReason, sizeScore } from './score.js';
export { selectDiverse, type Scored, type DiversityOptions } from './diversity.js';
export { loadSeeds, loadRequests, loadValidated } from './inputs.js';
