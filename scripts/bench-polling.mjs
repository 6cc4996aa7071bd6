// Compare today's poll schedule with src/api/poll-schedule.ts on a virtual clock (no real sleeping).
// Run with Node 24: node_modules/node/bin/node --experimental-strip-types scripts/bench-polling.mjs
import { createPollState, nextPollDelay } from '../src/api/poll-schedule.ts'

const TASKS = 200
const BASE = 5000

/** Deterministic pseudo-random numbers (LCG) so every run prints the same table. */
function rng(seed) {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

function durations() {
  const r = rng(42)
  return Array.from({ length: TASKS }, () => Math.round(30_000 + r() * 270_000))
}

function legacy() {
  let interval = BASE
  return () => {
    const d = interval
    interval = Math.min(Math.max(BASE, 30_000), Math.round(interval * 1.25))
    return d
  }
}

function simulate(duration, withProgress, scheduler, r) {
  let t = 0
  let polls = 0
  const next = scheduler()
  for (;;) {
    polls++
    if (t >= duration) return { delay: t - duration, polls, waited: t }
    const noisy = (t / duration) * 100 + (r() - 0.5) * 6
    const progress = withProgress ? Math.max(1, Math.min(99, Math.round(noisy))) : undefined
    t += next({ elapsedMs: t, progress })
  }
}

const oldSchedule = () => {
  const f = legacy()
  return () => f()
}
const newSchedule = () => {
  const s = createPollState(BASE)
  return (obs) => nextPollDelay(s, obs)
}

function row(label, results) {
  const delays = results.map((x) => x.delay).sort((a, b) => a - b)
  const mean = delays.reduce((a, b) => a + b, 0) / delays.length
  const p95 = delays[Math.floor(delays.length * 0.95)]
  const polls = results.reduce((a, b) => a + b.polls, 0)
  const waited = results.reduce((a, b) => a + b.waited, 0)
  return [label, (mean / 1000).toFixed(1), (p95 / 1000).toFixed(1), (polls / results.length).toFixed(1), (polls / (waited / 60_000)).toFixed(1)]
}

const rows = [['schedule', 'mean delay s', 'p95 delay s', 'polls/task', 'polls/min']]
for (const withProgress of [true, false]) {
  for (const [name, sched] of [
    ['today', oldSchedule],
    ['new', newSchedule]
  ]) {
    const r = rng(7)
    const results = durations().map((d) => simulate(d, withProgress, sched, r))
    rows.push(row(`${name} ${withProgress ? '(progress)' : '(no progress)'}`, results))
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
