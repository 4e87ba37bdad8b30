import type { Job } from './runJobs.js';

/** A job taken from the queue: its attempts so far and when it may start. */
export interface QueuedJob<J> {
  job: J;
  attempts: number;
  readyAt: number;
}

/**
 * The order in which a run's jobs start: a due retry first (the longest due), then the next
 * fresh job; a job id is taken once (a duplicate id is sent once). Jobs the run could not
 * finish wait in the retry list, so `unfinished` counts them with those never taken.
 */
export class JobQueue<J extends Job> {
  private nextFresh = 0;
  private readonly taken = new Set<string>();
  private readonly retries: QueuedJob<J>[] = [];

  constructor(private readonly jobs: readonly J[]) {}

  /** The next job allowed to start at `now`, if any. */
  take(now: number): QueuedJob<J> | undefined {
    let due = -1;
    for (let i = 0; i < this.retries.length; i++) if (this.retries[i].readyAt <= now && (due === -1 || this.retries[i].readyAt < this.retries[due].readyAt)) due = i;
    if (due !== -1) return this.retries.splice(due, 1)[0];
    while (this.nextFresh < this.jobs.length) {
      const job = this.jobs[this.nextFresh++];
      if (this.taken.has(job.id)) continue;
      this.taken.add(job.id);
      return { job, attempts: 0, readyAt: now };
    }
    return undefined;
  }

  /** Give back a job taken but not started: a fresh one is taken again next, a retry stays due. */
  giveBack(queued: QueuedJob<J>): void {
    if (queued.attempts === 0) {
      this.nextFresh--;
      this.taken.delete(queued.job.id);
    } else this.retries.push(queued);
  }

  /** Keep a job for later: due at `queued.readyAt` (a retry), or never in this run (set it unfinished). */
  hold(queued: QueuedJob<J>): void {
    this.retries.push(queued);
  }

  /** Jobs waiting to be retried (or held unfinished). */
  get retrying(): number {
    return this.retries.length;
  }

  /** When the earliest held job becomes due (Infinity: none). */
  nextRetryAt(): number {
    return Math.min(...this.retries.map((queued) => queued.readyAt));
  }

  /** Every fresh job taken and nothing held. */
  get drained(): boolean {
    return this.nextFresh >= this.jobs.length && this.retries.length === 0;
  }

  /** Jobs neither done nor failed: never taken, or held. */
  get unfinished(): number {
    return this.jobs.length - this.nextFresh + this.retries.length;
  }
}
