/** When to try again and how long to wait first. Pure: time and randomness are passed in. */

export interface BackoffOptions {
  /** First delay. */
  baseMs: number
  /** Longest delay. */
  capMs: number
  /** 0 <= r < 1; Math.random in production, fixed in tests. */
  random?: () => number
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * parallel matrix jobs that hit a rate limit together do not come back together.
 * `attempt` counts from 0.
 */
export function backoffMs(attempt: number, { baseMs, capMs, random = Math.random }: BackoffOptions): number {
  const full = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30))
  return Math.round(full / 2 + (random() * full) / 2)
}

/** A `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const v = value.trim()
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  const date = Date.parse(v)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** The server's wish wins, within reason; otherwise back off. */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, backoff: BackoffOptions, maxMs = 300_000): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxMs)
  return backoffMs(attempt, backoff)
}

export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** A sleep that ends early, rejecting with the signal's reason, when the signal aborts. */
export function abortableSleep(signal: AbortSignal): Sleep {
  return (ms) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(signal.reason)
      }
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal.addEventListener('abort', onAbort, { once: true })
    })
}
