/**
 * The emulator's batch features (a concurrency limit per key, per-task durations, in-flight
 * records, poll hints), driven with plain node:http requests (no dist/ needed).
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { startEmulator, videoSha256, type Emulator } from '../emulator/server.mjs'
import { useEmulator } from './e2e/harness.js'
import { api, call, json, KEY, withEmulator } from './helpers/emulator-client.js'
import { useFakeDate } from './helpers/fake-date.js'

const emulator = useEmulator()
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

describe('batches', () => {
  /** Poll every task once per round until all finished; returns the statuses of every round. */
  async function pollRounds(a: ReturnType<typeof api>, ids: string[]): Promise<string[][]> {
    const rounds: string[][] = []
    for (let i = 0; i < 40; i++) {
      const round: string[] = []
      for (const id of ids) round.push(json(await a.poll(id)).status)
      rounds.push(round)
      if (round.every((s) => s === 'succeeded')) return rounds
    }
    throw new Error('tasks did not finish')
  }

  it.each([
    ['the maxRunning option', { maxRunning: 2 }, KEY, 2],
    ['a limit-1 key', {}, 'limit-1-abc', 1]
  ])('%s keeps extra tasks queued until a running one finished', async (_name, options, key, limit) => {
    await withEmulator(options, async (own) => {
      const a = api(own, key)
      const ids: string[] = []
      for (let i = 0; i < 4; i++) ids.push(json(await a.submit(`task ${i}`)).id)
      const rounds = await pollRounds(a, ids)
      for (const round of rounds) expect(round.filter((s) => s === 'running').length).toBeLessThanOrEqual(limit)
      // without the limit every task would be done after 4 rounds
      expect(rounds.length).toBeGreaterThan(4)
      expect(rounds.some((r) => r.filter((s) => s === 'running').length === limit)).toBe(true)
      // another key is not held back by this one
      expect(json(await api(own, 'other').submit('x')).status).toBe('queued')
      const other = [...own.tasks.values()].find((t) => t.key === 'other')!
      expect(other.startedMs).not.toBeNull()
    })
  })

  it('in time mode a waiting task starts only when a running one finished', async () => {
    useFakeDate() // the emulator's clock moves only when the test moves it: 20 ms per round
    try {
      await withEmulator({ stepMs: 20 }, async (own) => {
        const a = api(own, 'limit-1')
        const first = json(await a.submit('a')).id
        const second = json(await a.submit('b')).id
        for (let i = 0; i < 20; i++) {
          const statuses = [json(await a.poll(first)).status, json(await a.poll(second)).status]
          if (statuses.every((s) => s === 'succeeded')) break
          jest.advanceTimersByTime(20)
        }
        const [t1, t2] = [own.tasks.get(first)!, own.tasks.get(second)!]
        expect(t2.status).toBe('succeeded')
        // the default lifecycle finishes at step 4, three steps after its start
        expect(t2.startedMs!).toBeGreaterThanOrEqual(t1.startedMs! + 3 * 20)
      })
    } finally {
      jest.useRealTimers()
    }
  })

  it('stepMs [min, max] draws a fixed duration per task; a number keeps one for all', async () => {
    await withEmulator({ stepMs: [10, 1000] }, async (own) => {
      const a = api(own)
      for (let i = 0; i < 6; i++) await a.submit(`t${i}`)
      const steps = [...own.tasks.values()].map((t) => t.stepMs)
      for (const s of steps) expect(s >= 10 && s <= 1000).toBe(true)
      expect(new Set(steps).size).toBeGreaterThan(1)
    })
    await withEmulator({ stepMs: 30 }, async (own) => {
      await api(own).submit('t')
      expect([...own.tasks.values()][0]!.stepMs).toBe(30)
    })
    await expect(startEmulator({ stepMs: [50, 10] })).rejects.toThrow(/stepMs/)
  })

  it('[emu:no-progress] and the noProgress option leave progress out until the task is done', async () => {
    const a = api(emu)
    const s = json(await a.submit('x [emu:no-progress]'))
    expect(s).not.toHaveProperty('progress')
    expect(json(await a.poll(s.id))).not.toHaveProperty('progress')
    const done = await a.finish('y [emu:no-progress]')
    expect(done.progress).toBe(100)
    await withEmulator({ noProgress: true }, async (own) => {
      const o = json(await api(own).submit('x'))
      expect(o).not.toHaveProperty('progress')
      expect(o.status).toBe('queued')
    })
  })

  it('records how many tasks of a key were in flight', async () => {
    const a = api(emu)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push(json(await a.submit(`t${i}`)).id)
    expect(emu.inFlight(KEY)).toBe(3)
    for (let i = 0; i < 4; i++) await a.poll(ids[0]!)
    expect(emu.inFlight(KEY)).toBe(2)
    await a.finish('t3')
    expect(emu.maxInFlight(KEY)).toBe(3)
    expect(emu.maxInFlight('nobody')).toBe(0)
    const timeline = emu.flightTimeline(KEY)
    expect(timeline.map((e) => [e.event, e.inFlight])).toEqual([
      ['submit', 1],
      ['submit', 2],
      ['submit', 3],
      ['finish', 2],
      ['submit', 3],
      ['finish', 2]
    ])
    expect(timeline[3]!.taskId).toBe(ids[0])
  })

  it('pollAfterMs and pollRetryAfter (options or tags) add hints to unfinished answers only', async () => {
    await withEmulator({ pollAfterMs: 1500, pollRetryAfter: 3 }, async (own) => {
      const a = api(own)
      const s = await a.submit('x')
      expect(s.headers['openai-poll-after-ms']).toBe('1500')
      expect(s.headers['retry-after']).toBeUndefined()
      const id = json(s).id
      const p = await a.poll(id)
      expect(p.headers['openai-poll-after-ms']).toBe('1500')
      expect(p.headers['retry-after']).toBe('3')
      for (let i = 0; i < 3; i++) await a.poll(id)
      const done = await a.poll(id)
      expect(json(done).status).toBe('succeeded')
      expect(done.headers['openai-poll-after-ms']).toBeUndefined()
      expect(done.headers['retry-after']).toBeUndefined()
    })
    const a = api(emu)
    const id = json(await a.submit('x [emu:poll-after-ms=250][emu:poll-retry-after=2]')).id
    const p = await a.poll(id)
    expect(p.headers['openai-poll-after-ms']).toBe('250')
    expect(p.headers['retry-after']).toBe('2')
    const plain = await a.poll(json(await a.submit('y')).id)
    expect(plain.headers['openai-poll-after-ms']).toBeUndefined()
    expect(plain.headers['retry-after']).toBeUndefined()
  })

  it('keeps the video of a normal task intact', async () => {
    const done = await api(emu).finish('plain')
    const r = await call(done.metadata.url)
    expect(createHash('sha256').update(r.body).digest('hex')).toBe(videoSha256(done.id, 64 * 1024))
  })
})
