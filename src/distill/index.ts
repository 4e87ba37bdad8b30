// The `distill` stage's public entry: the teacher run. The LLM plumbing it runs on (runner,
// providers, errors, pricing) is `src/llm/`.
export { runDistill, TEACHERS, type TeacherName, type DistillOptions, type DistillResult } from './distill.js';
export { estimateRemaining, type CostEstimate } from './estimate.js';
// Ctrl-C handling lives in src/llm/; re-exported for command code not yet importing it from there.
export { gracefulInterrupt } from '../llm/index.js';
