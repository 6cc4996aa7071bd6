/**
 * The emulator's clock: `clockScale` (emulated seconds pass faster) and tasks that run for a
 * time rather than for a number of GETs. Time is faked (only `Date`, which the emulator reads),
 * so these tests never wait for it to pass.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { startEmulator, type Emulator } from '../emulator/server.mjs'
import { useEmulator } from './e2e/harness.js'
import { api, call, json, KEY, uploadPng, withEmulator } from './helpers/emulator-client.js'
import { useFakeDate } from './helpers/fake-date.js'

const emulator = useEmulator()
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})
afterEach(() => {
  jest.useRealTimers()
})

describe("the emulator's clock", () => {
  it('clockScale turns every wait it asks for into real time: Retry-After (a decimal), openai-poll-after-ms', async () => {
    for (const [scale, second, day] of [
      [undefined, '1', '86400'],
      [0.01, '0.01', '864']
    ] as const) {
      await withEmulator({ clockScale: scale, pollAfterMs: 5000, pollRetryAfter: 3 }, async (own) => {
        const a = api(own)
        expect((await a.submit('x [emu:429=1]')).headers['retry-after']).toBe(second)
        expect((await a.submit('x [emu:429-day]')).headers['retry-after']).toBe(day)
        const s = await a.submit('x [emu:poll-429][emu:flaky=1]')
        expect(s.headers['openai-poll-after-ms']).toBe(scale ? '50' : '5000')
        const id = json(s).id
        expect((await a.poll(id)).headers['retry-after']).toBe(second) // poll-429
        const busy = await a.poll(id) // flaky: a 503 that says when to come back
        expect(busy.status).toBe(503)
        expect(busy.headers['retry-after']).toBe(second)
        expect((await a.poll(id)).headers['retry-after']).toBe(scale ? '0.03' : '3') // pollRetryAfter on a 200
        const job = json(await uploadPng(own)).data.task_id
        const processing = await call(`${own.url}/api/v1/asset/jobs/get-asset-id?task_id=${job}`, { headers: { authorization: KEY } })
        expect(json(processing)).toMatchObject({ code: 202 })
        expect(processing.headers['retry-after']).toBe(second)
      })
    }
    await expect(startEmulator({ clockScale: 0 })).rejects.toThrow(/clockScale/)
  })

  it('[emu:duration=S] puts a task on the clock: it ends S emulated seconds after it started, whatever the GETs', async () => {
    useFakeDate() // real time stands still: only the test moves the emulator's clock
    await withEmulator({ clockScale: 0.01 }, async (own) => {
      const a = api(own)
      // 3000 emulated s = 30 real s: five GETs (which would end a task counted by GETs) leave it unfinished.
      const long = json(await a.submit('x [emu:duration=3000]')).id
      for (let i = 0; i < 5; i++) expect(json(await a.poll(long)).status).not.toBe('succeeded')
      expect(own.tasks.get(long)!.stepMs).toBe(1_000_000) // the default lifecycle: three steps to the end
      // 2 emulated s = 20 real ms: once they passed, the first GET shows it finished, and the video is there.
      const short = json(await a.submit('x [emu:duration=2][emu:slow=3]')).id
      expect(own.tasks.get(short)!.stepMs).toBe(500) // slow=3: four steps to the end
      expect(json(await a.poll(short)).status).not.toBe('succeeded')
      jest.advanceTimersByTime(20)
      const done = json(await a.poll(short))
      expect(done.status).toBe('succeeded')
      expect((await call(done.metadata.url)).status).toBe(200)
    })
  })

  it('[emu:duration] needs a positive number of seconds and a lifecycle that ends', async () => {
    for (const prompt of ['x [emu:duration=0]', 'x [emu:duration=soon]', 'x [emu:duration=5][emu:words=queued,running]']) {
      const r = await api(emu).submit(prompt)
      expect({ prompt, status: r.status, code: json(r).error.code }).toEqual({ prompt, status: 400, code: 'EmulatorTag' })
    }
  })

  it('a slot freed when a GET reports a task finished starts the next task then; a task on the clock runs from that moment', async () => {
    useFakeDate()
    await withEmulator({ clockScale: 0.01 }, async (own) => {
      const a = api(own, 'limit-1')
      const first = json(await a.submit('a')).id // one step per GET
      const second = json(await a.submit('b [emu:duration=1]')).id // 10 ms once it runs
      jest.advanceTimersByTime(40)
      expect(json(await a.poll(second)).status).toBe('queued') // no slot yet: its clock has not started
      let status = ''
      while (status !== 'succeeded') status = json(await a.poll(first)).status
      const [t1, t2] = [own.tasks.get(first)!, own.tasks.get(second)!]
      expect(t2.startedMs).toBe(t1.finishedMs)
      jest.advanceTimersByTime(40)
      expect(json(await a.poll(second)).status).toBe('succeeded')
    })
  })
})
