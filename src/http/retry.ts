/**
 * The one retry engine: when to try again, how long to wait first, and the wait itself.
 * Used by the API client, the Asset Library and the download. Time, randomness and the
 * sleep are passed in, so tests run it without waiting.
 */
import { abortReason, untilAborted } from './abort.js'
import type { Budget } from './budget.js'
import { StepError } from '../errors.js'
import { formatDuration, retries } from '../format.js'

export { abortReason } from './abort.js'

export interface BackoffOptions {
  /** First delay. */
  baseMs: number
  /** Longest delay. */
  capMs: number
  /** 0 <= r < 1; Math.random in production, fixed in tests. */
  random?: () => number
}

/** The one backoff setting: 1 s, doubling, at most 30 s, with jitter. */
export const BACKOFF: Readonly<BackoffOptions> = { baseMs: 1000, capMs: 30_000 }

/** The longest a server's `Retry-After` is honoured for one wait. */
export const MAX_RETRY_AFTER_MS = 300_000

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
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, backoff: BackoffOptions, maxMs = MAX_RETRY_AFTER_MS): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxMs)
  return backoffMs(attempt, backoff)
}

export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A sleep that ends early, rejecting with the signal's reason, when the signal aborts.
 * `base` is the sleep to make abortable (a fake one in tests).
 */
export function abortableSleep(signal?: AbortSignal, base: Sleep = sleep): Sleep {
  if (!signal) return base
  return (ms) => {
    if (base !== sleep) return untilAborted(base(ms), signal)
    let timer: ReturnType<typeof setTimeout> | undefined
    return untilAborted(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal, () => clearTimeout(timer))
  }
}

export interface RetryOptions {
  /** Retries after the first attempt, counted in a row (see `progressed`). */
  maxRetries: number
  /** Whether this failure is worth another attempt. */
  retryable: (err: unknown) => boolean
  /** The wait between tries (default: a timer); it ends early, rejecting, when the budget's signal aborts. */
  sleep?: Sleep
  random?: () => number
  /** The step's budget: its signal ends the retries, and no wait may end after it (a longer one fails at once). */
  budget?: Budget
  /** Told before each wait: the failure, the delay, and which retry this is (1-based). */
  onRetry?: (err: unknown, delayMs: number, retry: number) => void
  /** The error to throw when the retries are used up (default: the last failure). */
  giveUp?: (err: unknown, maxRetries: number) => unknown
  /** True when the failed attempt still made progress (a download that got bytes): the count starts over. */
  progressed?: () => boolean
  now?: () => number
}

/** The `Retry-After` a failure carries, if any. */
function retryAfterOf(err: unknown): number | undefined {
  const ms = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs
  return typeof ms === 'number' ? ms : undefined
}

/** A wait that would run past the deadline. */
export class DeadlineError extends StepError {
  override name = 'DeadlineError'
}

/** Runs `attempt` until it succeeds, a failure is final, or the retries are used up. */
export async function withRetries<T>(attempt: () => Promise<T>, o: RetryOptions): Promise<T> {
  const now = o.now ?? Date.now
  const pause = abortableSleep(o.budget?.signal, o.sleep)
  let failures = 0
  for (;;) {
    try {
      return await attempt()
    } catch (err) {
      if (o.budget?.signal.aborted) throw abortReason(o.budget.signal)
      if (!o.retryable(err)) throw err
      if (o.progressed?.()) failures = 0
      if (failures >= o.maxRetries) throw o.giveUp ? o.giveUp(err, o.maxRetries) : err
      const asked = retryAfterOf(err)
      // With an end to the budget the server's wish is honoured whole when it fits, and refused when it does not.
      const delay = o.budget?.bounded && asked !== undefined ? asked : retryDelayMs(failures, asked, { ...BACKOFF, random: o.random })
      if (o.budget?.outlasts(delay, now())) {
        const message = err instanceof Error ? err.message.replace(/\.$/, '') : String(err)
        const wait = asked !== undefined ? `the server asked to wait ${formatDuration(asked)}` : `the next try would wait ${formatDuration(delay)}`
        throw new DeadlineError(`${message}; ${wait}, longer than \`timeout\` leaves (${formatDuration(o.budget.left(now()))}).`)
      }
      failures++
      o.onRetry?.(err, delay, failures)
      await pause(delay)
    }
  }
}

/** `<message> Retrying in 1.0 s (1/4).` */
export function retryLine(message: string, delayMs: number, retry: number, maxRetries: number, verb = 'Retrying'): string {
  return `${message.replace(/\.?$/, '.')} ${verb} in ${formatDuration(delayMs, true)} (${retry}/${maxRetries}).`
}

/** `gave up after 2 retries (`max-retries`)`; `counted` qualifies the count (` in a row`). */
export function gaveUpText(maxRetries: number, counted = ''): string {
  return maxRetries === 0 ? '`max-retries` is 0' : `gave up after ${retries(maxRetries)}${counted} (\`max-retries\`)`
}
