// Pure poll schedule for waiting on a video task. No imports, no clock, no randomness:
// the caller passes the elapsed time and what the last answer said; we return the next delay.

export interface PollObservation {
  /** ms since the task was submitted, at the time of this answer */
  elapsedMs: number
  /** progress 0-100 if the server reported one */
  progress?: number
  /** Retry-After in ms if the server sent one (wins, clamped to [1 s, 60 s]) */
  retryAfterMs?: number
  /** openai-poll-after-ms hint (used when no better estimate, clamped) */
  pollAfterMs?: number
}

export interface PollState {
  baseMs: number
  samples: { t: number; p: number }[]
}

const MAX_MS = 30_000
const RETRY_AFTER_MAX_MS = 60_000
/**
 * Without progress, a steady interval a little above `poll-interval` (6 s at the default 5 s):
 * typical Seedance tasks end between 30 s and 5 min, so any end is seen within a few seconds.
 */
const FALLBACK_FACTOR = 1.2

export function createPollState(pollIntervalMs: number): PollState {
  return { baseMs: Math.max(1, Math.round(pollIntervalMs)), samples: [] }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v))
}

/** Next delay in ms. Mutates state.samples (keeps the progress history). */
export function nextPollDelay(state: PollState, obs: PollObservation): number {
  const base = state.baseMs
  if (obs.retryAfterMs !== undefined && Number.isFinite(obs.retryAfterMs) && obs.retryAfterMs > 0) {
    return Math.round(clamp(obs.retryAfterMs, 1000, RETRY_AFTER_MAX_MS))
  }
  const p = obs.progress
  if (p !== undefined && Number.isFinite(p) && p > 0 && p < 100) {
    state.samples.push({ t: obs.elapsedMs, p })
    if (state.samples.length > 8) state.samples.shift()
    const first = state.samples.length > 1 ? state.samples[0] : undefined
    // rate from the earliest kept sample (or from submission) to now
    const t0 = first?.t ?? 0
    const p0 = first?.p ?? 0
    const rate = (p - p0) / Math.max(1, obs.elapsedMs - t0) // % per ms
    if (rate > 0) {
      const remaining = (100 - p) / rate
      // poll at half the remaining time while far, then every ~2-3 s close to the end
      const d = remaining > 12_000 ? remaining / 2 : Math.min(remaining, 2_500)
      return Math.round(clamp(d, Math.min(base, 2_500), MAX_MS))
    }
  }
  if (obs.pollAfterMs !== undefined && Number.isFinite(obs.pollAfterMs) && obs.pollAfterMs > 0) {
    return Math.round(clamp(obs.pollAfterMs, Math.min(base, 2_000), MAX_MS))
  }
  // no progress: the first interval honours poll-interval, then a steady short interval
  if (obs.elapsedMs < base) return base
  return Math.min(MAX_MS, Math.round(base * FALLBACK_FACTOR))
}
