// The shape every resumable LLM step shares (`distill`, `infer`, the vision judge): the ids
// already in the journal are done, the rest is pending; a lock keeps a second run from paying
// for the same calls; results and failures are appended to journals that survive kill -9; the
// run itself is the caller's (usually `runJobs`); an early stop gets one human sentence.
import { JsonlAppender, Progress } from '../core/index.js';
import { fatalMessage, type Endpoint } from './errors.js';
import { acquireRunLock } from './lock.js';
import type { Job, RunOutcome } from './runJobs.js';

/** Which jobs are left to run. */
export interface PendingSelection<J extends Job> {
  /** Not done, not skipped, in order, at most `limit`. */
  pending: J[];
  /** Jobs with a record in the journal already. */
  doneBefore: number;
  /** Jobs not done that `skip` holds back (failed for good earlier). */
  skipped: number;
}

/** The jobs not yet `done` nor in `skip`, at most `limit` of them (in order). */
export function selectPending<J extends Job>(jobs: readonly J[], done: ReadonlySet<string>, skip?: ReadonlySet<string>, limit?: number): PendingSelection<J> {
  let pending = jobs.filter((job) => !done.has(job.id) && !skip?.has(job.id));
  if (limit !== undefined) pending = pending.slice(0, Math.max(0, limit));
  return {
    pending,
    doneBefore: jobs.filter((job) => done.has(job.id)).length,
    skipped: skip ? jobs.filter((job) => skip.has(job.id) && !done.has(job.id)).length : 0,
  };
}

/** What `run` gets: the pending jobs and the open journals. */
export interface JournaledContext<J> {
  pending: J[];
  journal: JsonlAppender;
  errors?: JsonlAppender;
  progress: Progress;
}

export interface JournaledJobOptions<J extends Job, O extends RunOutcome> {
  /** Every job of the step, in order. */
  jobs: readonly J[];
  /** Ids with a record in the journal (earlier runs). */
  done: ReadonlySet<string>;
  /** Ids held back (failed for good in an earlier run). */
  skip?: ReadonlySet<string>;
  /** At most this many of the pending jobs. */
  limit?: number;
  /** The run's lock (`what` names the run in the message when another holds it); none: no lock. */
  lock?: { file: string; what: string };
  /** Results, one line a job; appended, never rewritten. */
  journal: string;
  /** Failures, one line each. */
  errors?: string;
  /** Let the runner fsync the journals once a second (group commit) instead of at every line. */
  groupCommit?: boolean;
  progress: { label: string; unit: string; quiet?: boolean };
  /** Run the pending jobs (usually `runJobs`); called even when none are pending. */
  run: (context: JournaledContext<J>) => Promise<O>;
  /** Who the calls went to: for the message when a fatal error stopped the run. */
  endpoint: Endpoint;
  /** The message when the budget stopped the run. */
  budgetMessage?: (outcome: O) => string;
  /** The message when an interruption stopped the run. */
  interruptedMessage?: (outcome: O) => string;
}

export interface JournaledOutcome<O extends RunOutcome> {
  total: number;
  doneBefore: number;
  skipped: number;
  /** Jobs run now (after `limit`). */
  pending: number;
  result: O;
  /** Jobs still without a record (failed ones included). */
  unanswered: number;
  /** Why the run stopped early, for a human. */
  stopMessage?: string;
}

/** The sentence for a run that stopped early, or undefined when it completed. */
export function stopMessage<O extends RunOutcome>(outcome: O, options: Pick<JournaledJobOptions<Job, O>, 'endpoint' | 'budgetMessage' | 'interruptedMessage'>): string | undefined {
  if (outcome.fatal) return fatalMessage(outcome.fatal, options.endpoint);
  if (outcome.stopReason === 'budget') return options.budgetMessage?.(outcome);
  if (outcome.stopReason === 'interrupted') return options.interruptedMessage?.(outcome);
  return undefined;
}

/**
 * One resumable journaled step: done ids → pending → lock → journals → `run` → stop message →
 * outcome. The journals are synced, closed and the lock released however `run` ends.
 */
export async function runJournaledJob<J extends Job, O extends RunOutcome>(options: JournaledJobOptions<J, O>): Promise<JournaledOutcome<O>> {
  const { pending, doneBefore, skipped } = selectPending(options.jobs, options.done, options.skip, options.limit);
  const release = options.lock ? acquireRunLock(options.lock.file, options.lock.what) : undefined;
  try {
    const appenderOptions = options.groupCommit ? { fsync: false } : {};
    const journal = new JsonlAppender(options.journal, appenderOptions);
    const errors = options.errors === undefined ? undefined : new JsonlAppender(options.errors, appenderOptions);
    try {
      const progress = new Progress({ ...options.progress, total: pending.length });
      const result = await options.run({ pending, journal, errors, progress });
      progress.finish();
      const total = options.jobs.length;
      return { total, doneBefore, skipped, pending: pending.length, result, unanswered: total - doneBefore - result.stats.done, stopMessage: stopMessage(result, options) };
    } finally {
      journal.sync();
      errors?.sync();
      journal.close();
      errors?.close();
    }
  } finally {
    release?.();
  }
}
