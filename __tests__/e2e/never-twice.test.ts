/** Never paying twice: re-runs collect their task, unchanged requests come from the cache (GitHub's cache service, emulated). */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Emulator } from '../../emulator/server.mjs'
import { png } from '../helpers/media-fixtures.js'
import { tempDir, workflowRun, useEmulatorAndCache } from './harness.js'
import type { CacheService } from '../../emulator/cache.mjs'

const KEY = 'sk-twice-0123456789abcdef'
// Every task is a 15-second one (three lifecycle steps of 5 s) on an emulator clock 100 times
// faster than the wall's: 150 ms of real time, and a Retry-After of 1 s is 10 ms.
let emu: Emulator
let cache: CacheService
useEmulatorAndCache({ clockScale: 0.01, stepMs: 5000 }, (e, c) => {
  emu = e
  cache = c
})

const posts = () => emu.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos').length
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** One workflow run: the same run id, job and RUNNER_TEMP for every attempt (harness.ts). */
const hostedRun = () => workflowRun(cache, { 'api-key': KEY, 'base-url': emu.url, 'poll-interval': '20ms' })

describe('re-runs collect the task they already paid for', () => {
  it('attempt 2 collects the task attempt 1 created, with no new POST', async () => {
    const attempt = hostedRun()
    // Attempt 1 pays for the task, then fails at the download (the host serves no MP4).
    const first = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 1)
    expect(first.code).not.toBe(0)
    const id = first.outputs['task-id']
    expect(id).toMatch(/^cgt-/)
    expect(posts()).toBe(1)
    const second = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 2)
    expect(posts()).toBe(1)
    expect(second.outputs['task-id']).toBe(id)
    expect(second.outputs.status).toBe('succeeded')
    expect(second.stdout).toContain(`Task ${id} was created by attempt 1 of this run; collecting it instead of paying for a new one.`)
  })

  it("a failed task is submitted again, and attempt 3 then finds attempt 2's task", async () => {
    const attempt = hostedRun()
    const first = await attempt({ prompt: 'A fox [emu:fail]', wait: 'true' }, 1)
    expect(first.code).not.toBe(0)
    const second = await attempt({ prompt: 'A fox [emu:fail]', wait: 'true' }, 2)
    expect(posts()).toBe(2)
    expect(second.stdout).toMatch(/from attempt 1 of this run ended failed; submitting the request again/)
    const third = await attempt({ prompt: 'A fox [emu:fail]', wait: 'true' }, 3)
    expect(third.stdout).toContain(`Task ${second.outputs['task-id']} from attempt 2 of this run ended failed`)
    expect(posts()).toBe(3)
  })

  it('a re-run whose look-up fails is not submitted: nothing back from the cache is unknown, not a miss', async () => {
    const attempt = hostedRun()
    const first = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 1)
    expect(first.outputs['task-id']).toMatch(/^cgt-/)
    // Every look-up of the task records is refused (400): the toolkit catches it and returns nothing, as on a miss.
    cache.rejectKeys = ['seedance-task-']
    const lookups = () => cache.requests.filter((q) => q.path.endsWith('/GetCacheEntryDownloadURL')).length
    const before = lookups()
    const second = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 2)
    expect(second.code).toBe(1)
    expect(posts()).toBe(1)
    expect(emu.tasks.size).toBe(1)
    expect(second.error).toBe(
      "This is a re-run, and GitHub's cache could not say whether an earlier attempt already created a task for this request, so it was not submitted (that could pay for the same video twice): re-run once the cache answers, or set `resume: false` to submit anyway."
    )
    // Asked twice: once, then again with the floor saved between.
    expect(lookups() - before).toBe(2)
  })

  it('a re-run after an attempt that created nothing submits (the floor proves the miss), and the next re-run collects its task', async () => {
    const attempt = hostedRun()
    const first = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4', 'api-key': 'bad-key' }, 1)
    expect(first.code).toBe(1)
    expect(emu.tasks.size).toBe(0)
    const second = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 2)
    expect(emu.tasks.size).toBe(1)
    const id = second.outputs['task-id']
    expect(id).toMatch(/^cgt-/)
    expect(cache.saved.map((e) => e.key)).toEqual(expect.arrayContaining([expect.stringMatching(/^seedance-floor-/)]))
    const third = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 3)
    expect(emu.tasks.size).toBe(1)
    expect(third.outputs['task-id']).toBe(id)
    expect(third.stdout).toContain(`Task ${id} was created by attempt 2 of this run; collecting it instead of paying for a new one.`)
  })

  it('resume: false submits again', async () => {
    const attempt = hostedRun()
    await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 1)
    await attempt({ prompt: 'A fox [emu:not-mp4]', resume: 'false' }, 2)
    expect(posts()).toBe(2)
  })
})

describe('cache: true', () => {
  it('a miss makes and keeps the video; the same request then restores it with zero API requests and no key', async () => {
    const attempt = hostedRun()
    const miss = await attempt({ prompt: 'A lighthouse at dawn', cache: 'true', 'output-path': 'out/clip.mp4' }, 1)
    expect(miss.error).toBeUndefined()
    expect(miss.outputs['cache-hit']).toBe('false')
    const before = emu.requests.length
    const hit = await runActionAgain(attempt, { prompt: 'A lighthouse at dawn', cache: 'true', 'output-path': 'out/clip.mp4', 'api-key': '' })
    expect(hit.error).toBeUndefined()
    expect(hit.outputs['cache-hit']).toBe('true')
    expect(emu.requests.length).toBe(before)
    expect(hit.outputs.status).toBe('succeeded')
    expect(hit.outputs['task-id']).toBe(miss.outputs['task-id'])
    expect(JSON.parse(hit.outputs.response!)).toMatchObject({ id: miss.outputs['task-id'], status: 'succeeded' })
    expect(sha(hit.outputs['video-path']!)).toBe(sha(miss.outputs['video-path']!))
    expect(hit.summary).toContain("GitHub's cache")
  })

  it('a changed workspace file is a miss, even at the same path', async () => {
    const attempt = hostedRun()
    const workspace = tempDir('seedance-ws-')
    writeFileSync(join(workspace, 'frame.png'), png(640, 480))
    const inputs = { prompt: 'A boat', 'first-frame': 'frame.png', cache: 'true', wait: 'true', 'local-images-as': 'data-url' }
    await attempt(inputs, 1, { workspace })
    expect(posts()).toBe(1)
    const same = await attempt(inputs, 1, { workspace })
    expect(same.outputs['cache-hit']).toBe('true')
    writeFileSync(join(workspace, 'frame.png'), png(800, 600))
    const changed = await attempt(inputs, 1, { workspace })
    expect(changed.outputs['cache-hit']).toBe('false')
    expect(posts()).toBe(2)
  })

  it('without the cache service: one warning, then a normal run', async () => {
    const attempt = hostedRun()
    cache.mode = 'down'
    const r = await attempt({ prompt: 'A kite', cache: 'true', wait: 'true' }, 1)
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    expect(posts()).toBe(1)
    // One warning: the cache toolkit's own, as it wrote it (a dropped connection fails at once, within our timeout).
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^::warning::(Failed to restore: |Cache not read \(seedance-)/)
  })
})

/** The same workflow run again (a later push): same RUNNER_TEMP layout, a new run. */
function runActionAgain(attempt: ReturnType<typeof hostedRun>, inputs: Record<string, string>) {
  return attempt(inputs, 1)
}

describe('in a batch', () => {
  it('each entry is looked up on its own: one changed entry is the only POST', async () => {
    const attempt = hostedRun()
    const list = (third: string) => `- name: one\n  prompt: A red kite\n- name: two\n  prompt: A blue kite\n- name: three\n  prompt: ${third}\n`
    const first = await attempt({ batch: list('A green kite'), cache: 'true', 'output-path': 'clips/' }, 1)
    expect(first.error).toBeUndefined()
    expect(posts()).toBe(3)
    const second = await attempt({ batch: list('A yellow kite'), cache: 'true', 'output-path': 'clips/' }, 1)
    expect(second.error).toBeUndefined()
    expect(posts()).toBe(4)
    const results = JSON.parse(second.outputs.results!) as Array<Record<string, string>>
    expect(results.map((r) => [r.name, r['cache-hit'], r.status])).toEqual([
      ['one', true, 'succeeded'],
      ['two', true, 'succeeded'],
      ['three', false, 'succeeded']
    ])
    expect(sha(results[0]!['video-path']!)).toBe(sha(JSON.parse(first.outputs.results!)[0]['video-path']))
  })

  it('a re-run of a batch collects every entry attempt 1 created', async () => {
    const attempt = hostedRun()
    const list = '- name: a\n  prompt: One [emu:not-mp4]\n- name: b\n  prompt: Two [emu:not-mp4]\n'
    const first = await attempt({ batch: list, 'output-path': 'clips/' }, 1)
    expect(first.code).not.toBe(0)
    expect(posts()).toBe(2)
    const second = await attempt({ batch: list, 'output-path': 'clips/' }, 2)
    expect(posts()).toBe(2)
    expect(second.stdout).toMatch(/\[a\] Task cgt-\S+ was created by attempt 1 of this run; collecting it/)
    expect(second.stdout).toMatch(/\[b\] Task cgt-\S+ was created by attempt 1 of this run; collecting it/)
  })
})
