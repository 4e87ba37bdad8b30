// A pool of worker threads for the CPU-bound static levels (L2 type-checking above all).
import { Worker } from 'node:worker_threads';
import type { LevelInput } from './level.js';
import type { StaticSettings } from './levels.js';
import type { LevelResults, StaticRunner } from './staticChecks.js';

/** Games in flight per worker: enough for the worker's L2 to fill a batch. */
const IN_FLIGHT_PER_WORKER = 64;

interface Job {
  id: number;
  input: LevelInput;
  resolve: (results: LevelResults) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Job>;
}

/** `size` workers, each with its own warm checker; jobs go to the least busy one. */
export function workerPoolRunner(settings: StaticSettings, size: number): StaticRunner {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './staticWorker.ts' : './staticWorker.js', import.meta.url);
  // From source (tests, tsx) a worker does not inherit tsx's loader: register it, then load the entry.
  const spawn = () =>
    fromSource
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, workerData: settings })
      : new Worker(entry, { workerData: settings });
  const waiting: Job[] = [];
  let nextId = 0;
  let closed = false;

  const workers: PoolWorker[] = Array.from({ length: size }, () => {
    const member: PoolWorker = { worker: spawn(), jobs: new Map() };
    member.worker.on('message', (message: { id: number; results?: LevelResults; error?: string }) => {
      const job = member.jobs.get(message.id);
      if (!job) return;
      member.jobs.delete(message.id);
      if (message.error) job.reject(new Error(`static validation worker: ${message.error}`));
      else job.resolve(message.results!);
      if (waiting.length) schedule();
    });
    member.worker.on('error', (error) => failAll(member, error));
    member.worker.on('exit', (code) => {
      if (!closed) failAll(member, new Error(`static validation worker exited with code ${code}`));
    });
    return member;
  });

  function failAll(member: PoolWorker, error: Error): void {
    for (const job of member.jobs.values()) job.reject(error);
    member.jobs.clear();
    for (const job of waiting.splice(0)) job.reject(error);
  }

  let scheduled = false;
  /** Deferred to the end of the tick so a burst of jobs goes out as one message per worker:
   * the worker's L2 then sees them together and checks them in one program. */
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(dispatch);
  }

  function dispatch(): void {
    scheduled = false;
    const open = workers.filter((w) => w.jobs.size < IN_FLIGHT_PER_WORKER).sort((a, b) => a.jobs.size - b.jobs.size);
    for (let i = 0; i < open.length && waiting.length; i++) {
      const member = open[i];
      const share = Math.ceil(waiting.length / (open.length - i));
      const chunk = waiting.splice(0, Math.min(share, IN_FLIGHT_PER_WORKER - member.jobs.size));
      for (const job of chunk) member.jobs.set(job.id, job);
      member.worker.postMessage(chunk.map((job) => ({ id: job.id, input: job.input })));
    }
  }

  return {
    run(input) {
      return new Promise<LevelResults>((resolve, reject) => {
        waiting.push({ id: nextId++, input, resolve, reject });
        schedule();
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
