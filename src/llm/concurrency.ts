/** After a 429/529, further rate-limit errors within this window do not halve the limit again. */
const DECREASE_WINDOW_MS = 1000;

/**
 * The limit on calls in flight, adapted to what the provider copes with (AIMD, as TCP's
 * window): a rate-limit error (429/529) halves it, at most once per second since one
 * overload burst fails many calls together, and holds every start until the server's wait
 * is over; a full window of successes (as many as the limit) of calls started under the
 * current limit raises it by one, back up to the configured maximum. Times are `Date.now()`
 * values passed in, so the rule is testable without clocks.
 */
export class AdaptiveConcurrency {
  /** Calls allowed in flight now (1 ≤ limit ≤ max). */
  limit: number;
  /** No call starts before this time (the wait a rate-limited call was told to take). */
  cooldownUntil = 0;
  private lastDecreaseAt = 0;
  private successesSinceChange = 0;

  constructor(readonly max: number) {
    this.limit = max;
  }

  /** A call started at `startedAt` succeeded. */
  succeeded(startedAt: number): void {
    // Only calls started under the current limit say whether the provider copes with it.
    if (startedAt >= this.lastDecreaseAt && ++this.successesSinceChange >= this.limit && this.limit < this.max) {
      this.limit++; // additive increase after a full window of successes
      this.successesSinceChange = 0;
    }
  }

  /** A call was rate limited at `now`. */
  rateLimited(now: number): void {
    if (now - this.lastDecreaseAt > DECREASE_WINDOW_MS) {
      this.limit = Math.max(1, Math.ceil(this.limit / 2)); // multiplicative decrease
      this.lastDecreaseAt = now;
    }
    this.successesSinceChange = 0;
  }

  /** Hold every start until `until` (a rate-limited call's retry time). */
  coolDown(until: number): void {
    this.cooldownUntil = Math.max(this.cooldownUntil, until);
  }
}
