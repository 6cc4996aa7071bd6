import { describe, expect, it } from '@jest/globals'
import { createPollState, nextPollDelay, type PollObservation } from '../src/api/poll-schedule.js'

/** Walk one task of `duration` ms on a virtual clock; returns delay after end and poll count. */
function run(duration: number, withProgress: boolean): { delay: number; polls: number; waited: number } {
  const state = createPollState(5000)
  let t = 0
  let polls = 0
  for (;;) {
    polls++
    if (t >= duration) return { delay: t - duration, polls, waited: t }
    const noise = ((polls * 37) % 7) - 3
    const obs: PollObservation = { elapsedMs: t }
    if (withProgress) obs.progress = Math.max(1, Math.min(99, Math.round((t / duration) * 100 + noise)))
    t += nextPollDelay(state, obs)
  }
}

describe('nextPollDelay', () => {
  it('the first interval is the poll-interval', () => {
    expect(nextPollDelay(createPollState(5000), { elapsedMs: 0 })).toBe(5000)
  })

  it('polls a task at 90% after 90 s within a few seconds of its projected end', () => {
    const state = createPollState(5000)
    nextPollDelay(state, { elapsedMs: 30_000, progress: 30 })
    nextPollDelay(state, { elapsedMs: 60_000, progress: 60 })
    const d = nextPollDelay(state, { elapsedMs: 90_000, progress: 90 })
    expect(d).toBeLessThanOrEqual(10_000 + 3000)
    expect(d).toBeGreaterThanOrEqual(1000)
  })

  it('waits longer while a slow task is far from its end', () => {
    const state = createPollState(5000)
    expect(nextPollDelay(state, { elapsedMs: 20_000, progress: 5 })).toBeGreaterThan(10_000)
  })

  it('honours Retry-After over everything else, within reason', () => {
    const state = createPollState(5000)
    expect(nextPollDelay(state, { elapsedMs: 90_000, progress: 90, retryAfterMs: 20_000 })).toBe(20_000)
    expect(nextPollDelay(state, { elapsedMs: 90_000, retryAfterMs: 3_600_000 })).toBe(60_000)
  })

  it('uses the poll-after hint when there is no progress', () => {
    const state = createPollState(5000)
    expect(nextPollDelay(state, { elapsedMs: 10_000, pollAfterMs: 4000 })).toBe(4000)
    expect(nextPollDelay(state, { elapsedMs: 10_000, pollAfterMs: 10 })).toBeGreaterThanOrEqual(2000)
  })

  it('is deterministic', () => {
    expect(run(123_000, true)).toEqual(run(123_000, true))
  })

  it.each([true, false])('keeps the delay and poll budget over tasks of 30 s - 5 min (progress: %s)', (withProgress) => {
    const results = Array.from({ length: 60 }, (_, i) => run(30_000 + i * 4_500 + (i % 7) * 333, withProgress))
    const meanDelay = results.reduce((a, r) => a + r.delay, 0) / results.length
    const polls = results.reduce((a, r) => a + r.polls, 0)
    const minutes = results.reduce((a, r) => a + r.waited, 0) / 60_000
    expect(meanDelay).toBeLessThanOrEqual(withProgress ? 3000 : 6000)
    expect(polls / minutes).toBeLessThanOrEqual(12)
  })
})
