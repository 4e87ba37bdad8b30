// Run locks: a file holding the owner's pid (and host), so that two runs of the same stage never
// write the same outputs at once. A lock whose owner is gone (killed, crashed) is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './errors.js';
import { asStorageError, hostTag, processAlive, writeAll } from './storage.js';

/** Create `file` (it must not exist: EEXIST otherwise) holding `text`; a failed write removes it (a full disk is a StorageError). */
function createExclusive(file: string, text: string): void {
  const fd = openSync(file, 'wx');
  try {
    writeAll(fd, text, file);
  } catch (error) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw error;
  }
  closeSync(fd);
}

/**
 * Take the lock file of a run. A lock left by a killed process of this host (its pid is gone)
 * is taken over; one held by a live process, or by a process of another host (whose pid cannot
 * be checked from here), fails with a UsageError naming the owner and the lock file.
 * Returns the release function.
 */
export function acquireRunLock(file: string, what: string): () => void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw asStorageError(file, error);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      createExclusive(file, `${process.pid} ${hostTag()}\n`);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw asStorageError(file, error);
      let content = '';
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      const [pidText, host] = content.trim().split(/\s+/);
      const pid = Number(pidText);
      const otherHost = host !== undefined && host !== hostTag();
      if (Number.isInteger(pid) && pid > 0 && (otherHost || (pid !== process.pid && processAlive(pid)))) {
        throw new UsageError(
          `${what} is already running (pid ${pid}${otherHost ? ` on another host, ${host}` : ''}); wait for it or stop it (lock: ${file}${otherHost ? '; remove it if that run is gone' : ''})`,
        );
      }
      rmSync(file, { force: true }); // stale: its owner was killed
    }
  }
  throw new UsageError(`could not take the lock ${file}`);
}
