// The teacher runner and the pieces `infer` and the vision judge reuse: the generic
// resumable runner, the error taxonomy, backoff, and the provider callers.
export { runDistill, TEACHERS, KEY_VARIABLE, fatalMessage, type TeacherName, type DistillOptions, type DistillResult } from './distill.js';
export { runJobs, type Job, type CallMeta, type RunStats, type RunJobsOptions, type RunJobsResult, type StopReason } from './runJobs.js';
export { classifyError, redactSecrets, retryAfterMs, ClassifiedCallError, type CallFailure, type ErrorKind } from './errors.js';
export { backoffDelayMs, sleep, DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
export { createClaudeCaller, createClaudeClient, claudeParams, claudeAnswer } from './providers/claude.js';
export { createOpenAiCaller, createOpenAiClient, openAiAnswer } from './providers/openai.js';
export { createReplayCaller, DEMO_ANSWERS_FILE, demoAnswerSchema, type ReplaySource } from './providers/replay.js';
export type { ChatAnswer, ChatCaller, ChatInput, RemoteModelOptions } from './providers/types.js';
export { priceFor, costUsd, addUsage, EMPTY_USAGE } from './pricing.js';
export { splitSystemPrompt, API_CONTEXT_HEADING } from './systemPrompt.js';
export { estimateRemaining, type CostEstimate } from './estimate.js';
export { gracefulInterrupt } from './interrupt.js';
export { acquireRunLock } from './lock.js';
