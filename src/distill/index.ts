// The `distill` stage's public entry: the teacher run. The LLM plumbing it runs on (runner,
// providers, errors, pricing) is `src/llm/`.
export { runDistill, nextRoundMaxTokens, TEACHERS, type TeacherName, type DistillOptions, type DistillResult } from './distill.js';
export { estimateRemaining, type CostEstimate } from './estimate.js';
