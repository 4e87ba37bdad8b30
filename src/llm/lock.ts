import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../core/index.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the lock file of a run, so that two runs of the same teacher never send (and pay for)
 * the same request. A lock left by a killed process (its pid is gone) is taken over.
 * Returns the release function.
 */
export function acquireRunLock(file: string, what: string): () => void {
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new UsageError(`${what} is already running (pid ${pid}); wait for it or stop it (lock: ${file})`);
      }
      rmSync(file, { force: true }); // stale: its owner was killed
    }
  }
  throw new UsageError(`could not take the lock ${file}`);
}
