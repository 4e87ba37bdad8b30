/**
 * The spend cap of a run: a call starts only if what was spent (earlier runs and this one),
 * plus the estimates of the calls in flight, plus its own estimate stays within the cap. Calls
 * in flight usually cost less than estimated, so a refused start waits for them before the run
 * gives up. Without a cap every call starts and spend is only counted.
 */
export class BudgetGate<J> {
  /** Spent by this run. */
  spentUsd = 0;
  private inFlightUsd = 0;

  constructor(
    private readonly options: {
      maxCostUsd?: number;
      /** Spent before this run, counted against the cap. */
      spentBeforeUsd?: number;
      /** Estimated USD of a job before it runs (used only with a cap; none: 0). */
      estimateCost?: (job: J) => number;
    },
  ) {}

  /** Earlier runs plus this one. */
  get totalSpentUsd(): number {
    return (this.options.spentBeforeUsd ?? 0) + this.spentUsd;
  }

  /** The estimate a start of `job` reserves (0 without a cap). */
  estimate(job: J): number {
    return this.options.maxCostUsd !== undefined && this.options.estimateCost ? this.options.estimateCost(job) : 0;
  }

  /** Whether a call estimated at `estimateUsd` may start now. */
  admits(estimateUsd: number): boolean {
    return this.options.maxCostUsd === undefined || !(this.totalSpentUsd + this.inFlightUsd + estimateUsd > this.options.maxCostUsd);
  }

  /** A call estimated at `estimateUsd` started. */
  reserve(estimateUsd: number): void {
    this.inFlightUsd += estimateUsd;
  }

  /** That call settled (its actual cost, if any, is `charge`d separately). */
  release(estimateUsd: number): void {
    this.inFlightUsd -= estimateUsd;
  }

  /** A call cost `usd`. */
  charge(usd: number): void {
    this.spentUsd += usd;
  }
}
