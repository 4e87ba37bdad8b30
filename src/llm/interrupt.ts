import { logger } from '../core/index.js';

/**
 * Ctrl-C handling for long remote runs: the first SIGINT/SIGTERM stops starting new calls
 * (those in flight finish and are recorded), the second cancels them too. `dispose` removes
 * the handlers.
 */
function gracefulInterrupt(what: string): { stop: AbortSignal; abort: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  const abort = new AbortController();
  const onSignal = () => {
    if (!stop.signal.aborted) {
      logger.warn(`\n${what}: stopping — finishing the calls in flight (Ctrl-C again to cancel them)`);
      stop.abort();
    } else if (!abort.signal.aborted) {
      logger.warn(`${what}: cancelling the calls in flight`);
      abort.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stop: stop.signal,
    abort: abort.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The signals a long remote run is given (`stopSignal`: stop starting calls; `abortSignal`: cancel those in flight). */
export interface InterruptSignals {
  stopSignal: AbortSignal;
  abortSignal: AbortSignal;
}

/** Run `work` with Ctrl-C handled as `gracefulInterrupt` says; the handlers are removed when it settles. */
export async function withGracefulInterrupt<T>(what: string, work: (signals: InterruptSignals) => Promise<T>): Promise<T> {
  const interrupt = gracefulInterrupt(what);
  try {
    return await work({ stopSignal: interrupt.stop, abortSignal: interrupt.abort });
  } finally {
    interrupt.dispose();
  }
}
