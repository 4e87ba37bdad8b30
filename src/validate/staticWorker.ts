// Worker thread: its own warm L2 checker; runs the static levels for the games it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { createStaticLevels, type StaticSettings } from './levels.js';
import { runStaticLevels } from './staticChecks.js';
import type { LevelInput } from './level.js';

const levels = createStaticLevels(workerData as StaticSettings);

// Jobs come in chunks; starting them all in the same tick lets L2 check them as one batch.
parentPort!.on('message', (jobs: { id: number; input: LevelInput }[]) => {
  for (const job of jobs) {
    runStaticLevels(levels, job.input).then(
      (results) => parentPort!.postMessage({ id: job.id, results }),
      (error: unknown) => parentPort!.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  }
});
