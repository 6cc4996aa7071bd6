/**
 * Scenes that continue: a batch entry whose `first-frame` is `{ after: <entry> }` starts from that
 * entry's last frame. Run as a user would: dist/index.js against the emulator (which refuses a
 * stale CDN link as media), GitHub's cache service emulated.
 */
import { describe, expect, it } from '@jest/globals'
import type { Emulator } from '../../emulator/server.mjs'
import { type RunResult, workflowRun, useEmulatorAndCache } from './harness.js'
import type { CacheService } from '../../emulator/cache.mjs'

const KEY = 'sk-chain-0123456789abcdef'
let emu: Emulator
let cache: CacheService
useEmulatorAndCache({}, (e, c) => {
  emu = e
  cache = c
})

type Result = Record<string, string | boolean>
const results = (r: RunResult): Record<string, Result> => Object.fromEntries((JSON.parse(r.outputs.results!) as Result[]).map((e) => [e.name as string, e]))
const posts = () => emu.requests.filter((q) => q.method === 'POST' && q.path === '/v1/videos')
const taskOf = (id: unknown) => emu.tasks.get(String(id))!
const firstFrameOf = (id: unknown) => taskOf(id).request.media.find((m) => m.type === 'first_frame')?.url

/** One workflow run: the same run id, job and RUNNER_TEMP for every attempt (harness.ts). */
const hostedRun = () => workflowRun(cache, { 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': `${emu.url}/api`, 'poll-interval': '20ms' }, 'promo')

const CHAIN = `
- name: fold
  prompt: A paper boat is folded on a wooden desk
- name: sail
  first-frame: { after: fold }
  prompt: The boat slides off the desk and sails out into the rain
- name: sea
  first-frame: { after: sail }
  prompt: The boat reaches the open sea at dusk
- name: solo
  prompt: A lighthouse blinks in the fog
`

describe('a chain of shots', () => {
  it('each chained submit carries the last frame of the entry before it; the independent entry runs beside the chain', async () => {
    const r = await hostedRun()({ batch: CHAIN, 'max-concurrency': '2' })
    expect(r.error).toBeUndefined()
    const res = results(r)
    for (const name of ['fold', 'sail', 'sea', 'solo']) expect(res[name]).toMatchObject({ status: 'succeeded' })
    // The entries followed were asked for their last frame; the others were not.
    expect(taskOf(res.fold!['task-id']).request.return_last_frame).toBe(true)
    expect(taskOf(res.sail!['task-id']).request.return_last_frame).toBe(true)
    expect(taskOf(res.sea!['task-id']).request.return_last_frame).toBeUndefined()
    // Each chained submit starts from the link the API gave the entry before it.
    expect(firstFrameOf(res.sail!['task-id'])).toBe(res.fold!['last-frame-url'])
    expect(firstFrameOf(res.sea!['task-id'])).toBe(res.sail!['last-frame-url'])
    // A follower is submitted only after the entry it follows has succeeded.
    const fold = taskOf(res.fold!['task-id'])
    const sail = taskOf(res.sail!['task-id'])
    const sea = taskOf(res.sea!['task-id'])
    const solo = taskOf(res.solo!['task-id'])
    expect(sail.createdMs / 1000).toBeGreaterThanOrEqual(fold.completedAt!)
    expect(sea.createdMs / 1000).toBeGreaterThanOrEqual(sail.completedAt!)
    // The independent entry did not wait for the chain.
    expect(solo.createdMs).toBeLessThan(sail.createdMs)
    expect(posts()).toHaveLength(4)
  })

  it('a failed middle entry: the rest of its chain is not submitted, the others are delivered', async () => {
    const batch = CHAIN.replace('sails out into the rain', 'sails out into the rain [emu:fail]')
    const r = await hostedRun()({ batch })
    expect(r.code).toBe(1)
    const res = results(r)
    expect(res.fold).toMatchObject({ status: 'succeeded' })
    expect(res.solo).toMatchObject({ status: 'succeeded' })
    expect(res.sail).toMatchObject({ status: 'failed' })
    expect(res.sea!['task-id']).toBeUndefined()
    expect(res.sea!.error).toBe('not started: `sail` failed')
    expect(posts()).toHaveLength(3)
    expect(r.error).toMatch(/sea \(no task, failed: not started: `sail` failed\)/)
    expect(r.summary).toContain('not started: `sail` failed')
  })
})

describe('everything is checked before anything is paid for', () => {
  const refused = async (inputs: Record<string, string>, message: RegExp) => {
    const r = await hostedRun()(inputs)
    expect(r.code).toBe(1)
    expect(r.error).toMatch(message)
    expect(r.error!.split('\n')).toHaveLength(1)
    expect(emu.requests).toEqual([])
  }

  it('an unknown entry name, with the nearest one suggested', () =>
    refused(
      { batch: '[{name: fold, prompt: A}, {name: sail, prompt: B, first-frame: {after: fodl}}]' },
      /Batch entry "sail": `first-frame: \{ after: fodl \}` names no entry of this batch; did you mean `fold`\?/
    ))

  it('a circle', () =>
    refused(
      { batch: '[{name: a, prompt: A, first-frame: {after: b}}, {name: b, prompt: B, first-frame: {after: a}}]' },
      /Batch entry "a": the entries "a" -> "b" -> "a" follow each other in a circle/
    ))

  it('a first frame from another entry beside reference images', () =>
    refused(
      { batch: '[{name: fold, prompt: A}, {name: sail, prompt: B, first-frame: {after: fold}, reference-images: ["https://example.com/a.png"]}]' },
      /Batch entry "sail": .*first-frame.*reference-images|Batch entry "sail": .*reference-images.*first-frame/
    ))

  it('a chain in a single step', () =>
    refused({ prompt: 'A boat', 'first-frame': '{ after: fold }' }, /^Input `first-frame`: `\{ after: <entry> \}` .* works only inside `batch`/))

  it('a last frame that follows, and an entry followed that refuses its last frame', () =>
    refused(
      {
        batch:
          '[{name: fold, prompt: A, return-last-frame: false}, {name: sail, prompt: B, first-frame: {after: fold}}, {name: x, prompt: C, last-frame: {after: fold}}]'
      },
      /Batch entry "fold" is followed by "sail".*remove `return-last-frame: false`.*Batch entry "x": only `first-frame` can be `\{ after: <entry name> \}`/
    ))
})

describe('never pay twice, across a chain', () => {
  it('an unchanged chain re-run with cache: true sends nothing to PowerTokens', async () => {
    const run = hostedRun()
    const first = await run({ batch: CHAIN, cache: 'true' })
    expect(first.error).toBeUndefined()
    const before = emu.requests.length
    const second = await run({ batch: CHAIN, cache: 'true' })
    expect(second.error).toBeUndefined()
    expect(emu.requests.length).toBe(before)
    expect(Object.values(results(second)).map((e) => e['cache-hit'])).toEqual([true, true, true, true])
  })

  it('a changed shot after a cached one starts from the saved frame, not a link that has expired', async () => {
    const run = hostedRun()
    await run({ batch: CHAIN, cache: 'true' })
    emu.expireLinks()
    const changed = CHAIN.replace('reaches the open sea at dusk', 'reaches the open sea at dawn')
    const second = await run({ batch: changed, cache: 'true' })
    expect(second.error).toBeUndefined()
    const res = results(second)
    expect(res.sail!['cache-hit']).toBe(true)
    expect(res.sea).toMatchObject({ 'cache-hit': false, status: 'succeeded' })
    expect(firstFrameOf(res.sea!['task-id'])).toMatch(/^asset:\/\//)
    expect(second.stdout).toContain('[sea] Starts from the last frame of `sail` (the saved frame')
  })

  it('a re-run after a timeout in the middle of the chain collects the paid tasks and submits only what was never created', async () => {
    const run = hostedRun()
    const slow = CHAIN.replace('sails out into the rain', 'sails out into the rain [emu:slow=1000000]')
    const first = await run({ batch: slow, timeout: '4s' }, 1)
    expect(first.code).toBe(1)
    const paid = results(first)
    expect(paid.fold).toMatchObject({ status: 'succeeded' })
    expect(paid.sail!['task-id']).toBeDefined()
    expect(paid.sea!['task-id']).toBeUndefined()
    expect(posts()).toHaveLength(3)
    // The slow shot finishes while nobody watches.
    taskOf(paid.sail!['task-id']).tags.slow = 0
    const second = await run({ batch: slow }, 2)
    expect(second.error).toBeUndefined()
    const res = results(second)
    expect(res.fold!['task-id']).toBe(paid.fold!['task-id'])
    expect(res.sail!['task-id']).toBe(paid.sail!['task-id'])
    expect(res.solo!['task-id']).toBe(paid.solo!['task-id'])
    expect(posts()).toHaveLength(4)
    expect(firstFrameOf(res.sea!['task-id'])).toBe(res.sail!['last-frame-url'])
  })
})
