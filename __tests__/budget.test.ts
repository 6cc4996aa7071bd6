/** The step's time budget: one value carrying the cancel signal and when `timeout` ends. */
import { describe, expect, it } from '@jest/globals'
import { Budget } from '../src/http/budget.js'
import { DeadlineError, withRetries } from '../src/http/retry.js'
import { ApiError } from '../src/errors.js'

describe('Budget', () => {
  it('ends `timeoutMs` after the step started, and says what is left', () => {
    const budget = Budget.of(new AbortController().signal, 60_000, 1_000_000)
    expect(budget.endsAt).toBe(1_060_000)
    expect(budget.bounded).toBe(true)
    expect(budget.left(1_000_000)).toBe(60_000)
    expect(budget.left(1_059_999)).toBe(1)
    // Past the end nothing is left, never a negative wait.
    expect(budget.left(1_060_000)).toBe(0)
    expect(budget.left(2_000_000)).toBe(0)
  })

  it('is expired once the clock passes its end, not before', () => {
    const signal = new AbortController().signal
    expect(new Budget(signal, Date.now() + 60_000).expired).toBe(false)
    expect(new Budget(signal, Date.now() - 1).expired).toBe(true)
  })

  it('tells whether a wait would end after it', () => {
    const budget = new Budget(new AbortController().signal, 10_000)
    expect(budget.outlasts(4_000, 6_000)).toBe(false)
    expect(budget.outlasts(4_001, 6_000)).toBe(true)
  })

  it('without an end, only a cancel stops it', () => {
    const stop = new AbortController()
    const budget = new Budget(stop.signal)
    expect(budget.bounded).toBe(false)
    expect(budget.left()).toBe(Infinity)
    expect(budget.expired).toBe(false)
    expect(budget.outlasts(86_400_000)).toBe(false)
    stop.abort(new Error('Cancelled'))
    expect(budget.signal.aborted).toBe(true)
    // A cancel is the signal's to say; the clock has not run out.
    expect(budget.expired).toBe(false)
  })

  it('a cancel is not read as the end of `timeout`', () => {
    const stop = new AbortController()
    const budget = new Budget(stop.signal, Date.now() + 60_000)
    stop.abort(new Error('Cancelled'))
    expect(budget.signal.reason).toEqual(new Error('Cancelled'))
    expect(budget.expired).toBe(false)
  })
})

describe('the retries under a budget', () => {
  const rateLimited = (ms: number): ApiError => new ApiError('Rate limited.', 'rate-limited', 429, ms)

  it("stop at once when the budget's signal is aborted, with the signal's reason", async () => {
    const stop = new AbortController()
    const why = new Error('Cancelled (SIGINT)')
    let attempts = 0
    const err = await withRetries(
      async () => {
        attempts++
        stop.abort(why)
        throw rateLimited(10)
      },
      { maxRetries: 3, retryable: () => true, sleep: async () => undefined, budget: new Budget(stop.signal) }
    ).catch((e: unknown) => e)
    expect(err).toBe(why)
    expect(attempts).toBe(1)
  })

  it('honour a wait that fits what is left, and refuse one that does not', async () => {
    const now = 1_000_000
    const slept: number[] = []
    let attempts = 0
    const result = await withRetries(
      async () => {
        if (++attempts === 1) throw rateLimited(30_000)
        return 'done'
      },
      {
        maxRetries: 3,
        retryable: () => true,
        sleep: async (ms) => void slept.push(ms),
        budget: Budget.of(new AbortController().signal, 60_000, now),
        now: () => now
      }
    )
    expect(result).toBe('done')
    expect(slept).toEqual([30_000])

    const err = await withRetries(async () => Promise.reject(rateLimited(61_000)), {
      maxRetries: 3,
      retryable: () => true,
      sleep: async () => undefined,
      budget: Budget.of(new AbortController().signal, 60_000, now),
      now: () => now
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DeadlineError)
    expect((err as Error).message).toBe('Rate limited; the server asked to wait 1 min 1 s, longer than `timeout` leaves (1 min).')
  })

  it("end a wait at once when the budget's signal aborts during it, with no sleep of their own", async () => {
    const stop = new AbortController()
    const why = new Error('Cancelled (SIGTERM)')
    const started = Date.now()
    const pending = withRetries(async () => Promise.reject(rateLimited(600_000)), {
      maxRetries: 3,
      retryable: () => true,
      budget: Budget.of(stop.signal, 3_600_000)
    })
    setTimeout(() => stop.abort(why), 50)
    expect(await pending.catch((e: unknown) => e)).toBe(why)
    // The server asked for 10 min; the cancel ended the wait long before.
    expect(Date.now() - started).toBeLessThan(60_000)
  })
})
