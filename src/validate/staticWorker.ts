// Worker thread: its own warm L2 checker; runs the static levels for the games it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { createStaticLevels, type StaticSettings } from './levels.js';
import { runStaticLevels } from './staticChecks.js';
import type { LevelInput } from './level.js';

const levels = createStaticLevels(workerData as StaticSettings);

parentPort!.on('message', (message: { id: number; input: LevelInput }) => {
  runStaticLevels(levels, message.input).then(
    (results) => parentPort!.postMessage({ id: message.id, results }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
