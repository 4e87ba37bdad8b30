// The run lock moved to src/core/lock.ts (every writing stage takes one); this path stays for its importers.
export { acquireRunLock } from '../core/lock.js';
