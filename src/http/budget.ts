/**
 * The step's time budget, passed down as one thing: the signal that a cancelled job or the end
 * of `timeout` aborts, and when `timeout` ends. Everything that waits or retries on the step's
 * behalf takes this one value, so the two can never drift apart. A request's own timeout (the
 * `request-timeout` input) is not part of it: each request sets that up for itself.
 */
export class Budget {
  /**
   * @param signal Aborted by a cancel or the end of `timeout`: everything under way stops at once.
   * @param endsAt When `timeout` ends (epoch ms); Infinity for a budget that only a cancel ends.
   */
  constructor(
    readonly signal: AbortSignal,
    readonly endsAt: number = Infinity
  ) {}

  /** The budget of a step that started at `started` with `timeoutMs` to run. */
  static of(signal: AbortSignal, timeoutMs: number, started: number = Date.now()): Budget {
    return new Budget(signal, started + timeoutMs)
  }

  /** Milliseconds left at `now`: 0 once the end has passed, Infinity when there is no end. */
  left(now: number = Date.now()): number {
    return Math.max(0, this.endsAt - now)
  }

  /** Whether `timeout` has run out by the clock (a cancel shows in `signal`, not here). */
  get expired(): boolean {
    return this.left() <= 0
  }

  /** Whether `timeout` ends at all (a budget made of a signal alone has no end). */
  get bounded(): boolean {
    return Number.isFinite(this.endsAt)
  }

  /** Whether a wait of `ms` starting at `now` would end after the budget does. */
  outlasts(ms: number, now: number = Date.now()): boolean {
    return now + ms > this.endsAt
  }
}
