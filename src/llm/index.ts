// The project's LLM layer: every remote model call (the teacher in `distill`, the student in
// `infer`, the vision judge in `select`) goes through these providers, this runner and this
// error taxonomy. Stages import this entry only, never the files behind it.
export { runJobs, type Job, type CallMeta, type RunTotals, type RunStats, type RunOutcome, type RunJobsOptions, type RunJobsResult, type StopReason } from './runJobs.js';
export { runJournaledJob, selectPending, stopMessage, type JournaledJobOptions, type JournaledContext, type JournaledOutcome, type PendingSelection } from './journaledJob.js';
export { classifyError, emptyAnswerFailure, fatalMessage, redactSecrets, retryAfterMs, requireText, ClassifiedCallError, type CallFailure, type Endpoint, type ErrorKind } from './errors.js';
export { backoffDelayMs, retryDelayMs, retryPolicyFrom, withRetries, sleep, DEFAULT_RETRY_POLICY, type RetryPolicy, type WithRetriesOptions } from './retry.js';
export { AdaptiveConcurrency } from './concurrency.js';
export { BudgetGate } from './budget.js';
export { JobQueue, type QueuedJob } from './jobQueue.js';
export { createClaudeCaller, createClaudeClient, claudeParams, claudeAnswer, type ClaudeEffort, type ClaudeModelOptions } from './providers/claude.js';
export { createOpenAiCaller, createOpenAiClient, openAiAnswer, chatParams } from './providers/openai.js';
export { createReplayCaller, replayModelName, DEMO_ANSWERS_FILE, demoAnswerSchema, type ReplaySource } from './providers/replay.js';
export { KEY_VARIABLE, type ChatAnswer, type ChatCaller, type ChatContent, type ChatInput, type ProviderName, type RemoteModelOptions } from './providers/types.js';
export { createRemoteCaller } from './providers/remote.js';
export { claudeBatches, openAiBatches, type BatchBackend, type BatchItem, type BatchOutcome, type BatchStatus } from './batchBackends.js';
export { priceFor, costUsd, addUsage, EMPTY_USAGE } from './pricing.js';
export { splitSystemPrompt, API_CONTEXT_HEADING, type SystemParts } from './systemPrompt.js';
export { withGracefulInterrupt, type InterruptSignals } from './interrupt.js';
export { acquireRunLock } from './lock.js';
