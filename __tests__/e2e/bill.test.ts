/** The bill (issue 21): what a step will use before it pays, what it used after, and a budget that stops it first. */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Emulator } from '../../emulator/server.mjs'
import type { CacheService } from '../../emulator/cache.mjs'
import { mp4, png } from '../helpers/media-fixtures.js'
import { runAction, tempDir, workflowRun, useEmulatorAndCache } from './harness.js'

const KEY = 'sk-bill-0123456789abcdef'
// Every task is a 15-second one (three lifecycle steps of 5 s) on an emulator clock 100 times
// faster than the wall's: 150 ms of real time.
let emu: Emulator
let cache: CacheService
useEmulatorAndCache({ clockScale: 0.01, stepMs: 5000 }, (e, c) => {
  emu = e
  cache = c
})

const run = (inputs: Record<string, string>, options: Parameters<typeof runAction>[1] = {}) =>
  runAction({ 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': `${emu.url}/api`, 'poll-interval': '100ms', ...inputs }, options)
const posts = () => emu.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos')
const results = (outputs: Record<string, string>) => JSON.parse(outputs.results ?? 'null') as Array<Record<string, unknown>>
const github = { GITHUB_API_URL: 'http://127.0.0.1:9/github', GITHUB_REPOSITORY: 'octo/promo' }

function workspace(files: Record<string, Buffer>): string {
  const ws = tempDir('seedance-bill-ws-')
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, name)), { recursive: true })
    writeFileSync(join(ws, name), data)
  }
  return ws
}

describe('after: the tokens the API reported', () => {
  it('a finished 1080p, 9:16, 10 s video sets tokens and estimated-tokens to 488,025, and the summary shows both', async () => {
    const r = await run({ prompt: 'A paper boat', size: '1080p', ratio: '9:16', seconds: '10', wait: 'true' })
    expect(r.error).toBeUndefined()
    expect(r.outputs.tokens).toBe('488025')
    expect(r.outputs['estimated-tokens']).toBe('488025')
    expect(r.summary).toMatch(/\| Estimated tokens \| 488,025 tokens \|/)
    expect(r.summary).toMatch(/\| Tokens used \| 488,025 /)
    expect(r.stdout).toContain('PowerTokens reports 488,025 tokens used (estimated 488,025).')
  })

  it('reads usage given as numeric strings', async () => {
    const r = await run({ prompt: 'A kite [emu:usage=strings]', wait: 'true' })
    expect(r.error).toBeUndefined()
    expect(JSON.parse(r.outputs.response!)).toMatchObject({ usage: { total_tokens: '108900' } })
    expect(r.outputs.tokens).toBe('108900')
  })

  it('leaves tokens empty when the API reported no usage, and still succeeds', async () => {
    const r = await run({ prompt: 'A kite [emu:usage=none]', wait: 'true' })
    expect(r.code).toBe(0)
    expect(r.outputs.status).toBe('succeeded')
    expect(r.outputs.tokens).toBeUndefined()
    expect(r.outputs['estimated-tokens']).toBe('108900')
    expect(r.summary).not.toContain('Tokens used')
  })

  it('sets no tokens for a task that was only submitted, not waited for', async () => {
    const r = await run({ prompt: 'A kite' })
    expect(r.code).toBe(0)
    expect(r.outputs.tokens).toBeUndefined()
    expect(r.outputs['estimated-tokens']).toBe('108900')
  })

  it('a batch sums, with tokens and estimated-tokens in each results entry and a total in the summary', async () => {
    const list = [
      { name: 'wide', prompt: 'One', size: '1080p', ratio: '9:16', seconds: 10 },
      { name: 'small', prompt: 'Two', size: '480p' },
      { name: 'quiet', prompt: 'Three [emu:usage=none]' }
    ]
    const r = await run({ batch: JSON.stringify(list) })
    expect(r.error).toBeUndefined()
    expect(results(r.outputs).map((e) => [e.name, e.tokens, e['estimated-tokens']])).toEqual([
      ['wide', 488_025, 488_025],
      ['small', 50_639, 50_639],
      ['quiet', undefined, 108_900]
    ])
    expect(r.outputs.tokens).toBe(String(488_025 + 50_639))
    expect(r.outputs['estimated-tokens']).toBe(String(488_025 + 50_639 + 108_900))
    expect(r.summary).toContain('| entry | status | estimated tokens | tokens |')
    expect(r.summary).toMatch(/\| wide<br>`cgt-[^|]+` \| ✅ succeeded \| 488,025 \| 488,025 \|/)
    expect(r.summary).toMatch(/\| \*\*total\*\* \| {2}\| \*\*647,564 tokens\*\* \| \*\*538,664 tokens\*\* \|/)
  })
})

describe('before: the estimate', () => {
  it('a dry run of the default request shows 108,900, sets estimated-tokens and sends nothing', async () => {
    const r = await runAction({ prompt: 'A paper boat', 'dry-run': 'true', 'base-url': emu.url })
    expect(r.code).toBe(0)
    expect(r.outputs['estimated-tokens']).toBe('108900')
    expect(r.outputs.tokens).toBeUndefined()
    expect(r.stdout).toContain('Estimated cost: 108,900 tokens (720p 16:9 (1280x720), 5 s: 1280 x 720 x 121 frames / 1024).')
    expect(r.summary).toMatch(/\| Estimated tokens \| 108,900 tokens \|/)
    expect(emu.requests).toHaveLength(0)
  })

  it('is logged before the submit', async () => {
    const r = await run({ prompt: 'A kite', seconds: '-1' })
    const estimated = r.stdout.indexOf('Estimated cost: 324,900 tokens')
    expect(estimated).toBeGreaterThan(-1)
    expect(estimated).toBeLessThan(r.stdout.indexOf('Submitting to'))
  })

  it('a batch dry run shows each entry and the total, in the log and the summary', async () => {
    const list = [
      { name: 'a', prompt: 'One', seconds: -1 },
      { name: 'b', prompt: 'Two', size: '1080p', ratio: 'adaptive' }
    ]
    const r = await runAction({ batch: JSON.stringify(list), 'dry-run': 'true', 'base-url': emu.url })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('[a] Estimated cost: 324,900 tokens (720p 16:9 (1280x720), 15 s')
    expect(r.stdout).toContain('[b] Estimated cost: 246,594 tokens (1080p adaptive, counted as its largest, 21:9 (2206x946), 5 s')
    expect(r.stdout).toContain('Estimated cost in all: 571,494 tokens for 2 entries.')
    expect(r.outputs['estimated-tokens']).toBe('571494')
    expect(r.summary).toContain('| a | 324,900 |')
    expect(r.summary).toContain('| **total** | **571,494 tokens** |')
    expect(emu.requests).toHaveLength(0)
  })

  it('an adaptive video from a first frame is estimated at the largest 720p pixel count; the emulator bills the same', async () => {
    const ws = workspace({ 'frame.png': png(640, 480) })
    const r = await run({ prompt: 'A boat', 'first-frame': 'frame.png', 'local-images-as': 'data-url', wait: 'true' }, { workspace: ws })
    expect(r.error).toBeUndefined()
    expect(r.outputs['estimated-tokens']).toBe('109587')
    expect(r.outputs.tokens).toBe('109587')
  })

  it('counts a workspace reference video by its measured length; the emulator bills the same', async () => {
    const ws = workspace({ 'clips/intro.mp4': mp4({ seconds: 4, fps: 30 }), 'ref.png': png(640, 480) })
    const r = await run(
      { prompt: 'A boat', 'reference-videos': 'clips/intro.mp4', 'reference-images': 'ref.png', ratio: '16:9', wait: 'true' },
      { workspace: ws }
    )
    expect(r.error).toBeUndefined()
    // 1280 x 720 x (24 x (5 + 4) + 1) / 1024
    expect(r.outputs['estimated-tokens']).toBe('195300')
    expect(r.outputs.tokens).toBe('195300')
    expect(r.stdout).toContain('5 s + 4 s of reference video')
  })

  it('says "at least" for a reference video given by URL', async () => {
    const r = await runAction({ prompt: 'A boat', 'reference-videos': 'https://example.com/clip.mp4', 'dry-run': 'true', 'base-url': emu.url })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Estimated cost: at least 109,587 tokens \(.*reference videos given by URL add their unknown length on top\)/)
    expect(r.summary).toContain('| Estimated tokens | at least 109,587 tokens |')
  })

  it('estimates a task it only collects (task-id) at 0', async () => {
    const made = await run({ prompt: 'A kite' })
    const r = await run({ 'task-id': made.outputs['task-id']!, wait: 'true' })
    expect(r.error).toBeUndefined()
    expect(r.outputs['estimated-tokens']).toBe('0')
    expect(r.outputs.tokens).toBe('108900')
    expect(r.stdout).toContain('Estimated cost: 0 tokens (it collects an existing task).')
  })

  it('estimates at 0 a task that a re-run collects from its earlier attempt', async () => {
    const attempt = workflowRun(cache, { 'api-key': KEY, 'base-url': emu.url, 'poll-interval': '100ms' })
    const first = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 1)
    expect(first.code).not.toBe(0)
    expect(first.outputs['estimated-tokens']).toBe('108900')
    const second = await attempt({ prompt: 'A fox [emu:not-mp4]', 'output-path': 'fox.mp4' }, 2)
    expect(second.outputs['task-id']).toBe(first.outputs['task-id'])
    expect(posts()).toHaveLength(1)
    expect(second.outputs['estimated-tokens']).toBe('0')
  })

  it("estimates a video from GitHub's cache at 0, and its tokens at 0", async () => {
    const attempt = workflowRun(cache, { 'api-key': KEY, 'base-url': emu.url, 'poll-interval': '100ms' })
    const miss = await attempt({ prompt: 'A lighthouse', cache: 'true', wait: 'true' }, 1)
    expect(miss.outputs['estimated-tokens']).toBe('108900')
    const hit = await attempt({ prompt: 'A lighthouse', cache: 'true', wait: 'true', 'token-budget': '0' }, 1)
    expect(hit.error).toBeUndefined()
    expect(hit.outputs['cache-hit']).toBe('true')
    expect(hit.outputs['estimated-tokens']).toBe('0')
    expect(hit.outputs.tokens).toBe('0')
  })
})

describe('token-budget', () => {
  it('below the estimate: fails with zero requests (API, Asset Library, release lookup), naming the budget and the estimate', async () => {
    const ws = workspace({ 'frame.png': png(640, 480) })
    const r = await run(
      {
        prompt: 'A paper boat',
        'first-frame': 'frame.png',
        size: '1080p',
        ratio: '9:16',
        seconds: '10',
        'token-budget': '400000',
        'upload-to-release': 'true',
        'release-tag': 'v1',
        'github-token': 'ghs_x'
      },
      { workspace: ws, env: github }
    )
    expect(r.code).not.toBe(0)
    expect(r.error).toBe(
      'Input `token-budget` is 400,000 tokens, but this request is estimated at 488,025 tokens (1080p, 9:16, 10 s), so nothing was sent: raise `token-budget`, or ask for shorter or smaller videos.'
    )
    expect(emu.requests).toHaveLength(0)
    expect(r.outputs['task-id']).toBeUndefined()
    expect(r.stdout).not.toMatch(/\n\s+at /)
  })

  it('at or above the estimate: the run goes through', async () => {
    const r = await run({ prompt: 'A paper boat', 'token-budget': '108900', wait: 'true' })
    expect(r.error).toBeUndefined()
    expect(posts()).toHaveLength(1)
    expect(r.outputs.tokens).toBe('108900')
  })

  it('refuses a batch over it as a whole, naming the largest entries, with zero requests', async () => {
    const list = [
      { name: 'small', prompt: 'One', size: '480p' },
      { name: 'typo', prompt: 'Two', size: '1080p', seconds: 15 },
      { name: 'mid', prompt: 'Three' },
      { name: 'tiny', prompt: 'Four', size: '480p', seconds: 4 }
    ]
    const r = await run({ batch: JSON.stringify(list), 'token-budget': '500,000' })
    expect(r.code).not.toBe(0)
    expect(r.error).toMatch(
      /^Input `token-budget` is 500,000 tokens, but the batch of 4 entries is estimated at [\d,]+ tokens \(largest: "typo" 731,025, "mid" 108,900, "small" 50,639\), so none of it was sent/
    )
    expect(emu.requests).toHaveLength(0)
    expect(r.outputs.results).toBeUndefined()
  })

  it('a batch within it runs every entry', async () => {
    const r = await run({
      batch: JSON.stringify([
        { name: 'a', prompt: 'One' },
        { name: 'b', prompt: 'Two' }
      ]),
      'token-budget': '217800'
    })
    expect(r.error).toBeUndefined()
    expect(posts()).toHaveLength(2)
    expect(r.outputs.tokens).toBe('217800')
  })

  it.each(['lots', '-5', '1.5'])('refuses %j like any bad input, before any request', async (value) => {
    const r = await run({ prompt: 'A kite', 'token-budget': value })
    expect(r.code).not.toBe(0)
    expect(r.error).toMatch(/^Input `token-budget` must be a whole number of tokens such as 500000 \(got /)
    expect(emu.requests).toHaveLength(0)
  })
})
