/**
 * `shard: i/n`: one batch file split over a matrix, each job running its share. Run as a user
 * would: dist/index.js against the emulator, one run per matrix job, the POSTs counted there.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Emulator } from '../../emulator/server.mjs'
import type { CacheService } from '../../emulator/cache.mjs'
import { runAction, tempDir, workflowRun, type RunResult, useEmulatorAndCache } from './harness.js'

const KEY = 'sk-shard-0123456789abcdef'
// Every task a 15-second one on an emulator clock 100 times faster than the wall's.
let emu: Emulator
let cache: CacheService
useEmulatorAndCache({ clockScale: 0.01, stepMs: 5000 }, (e, c) => {
  emu = e
  cache = c
})

const posts = () => emu.requests.filter((q) => q.method === 'POST' && q.path === '/v1/videos')
const textOf = (body: unknown): string | undefined => (body as { media: Array<{ type: string; text?: string }> }).media.find((m) => m.type === 'text')?.text
type Result = Record<string, string | boolean>
const results = (r: RunResult): Result[] => JSON.parse(r.outputs.results ?? 'null') as Result[]
const job = (inputs: Record<string, string>, options: Parameters<typeof runAction>[1] = {}) =>
  runAction({ 'api-key': KEY, 'base-url': emu.url, 'poll-interval': '100ms', ...inputs }, options)

/** Five entries, two of them a chain: `sail` starts from the last frame of `fold`. */
const FIVE = `
- name: lighthouse
  prompt: A lighthouse blinks in the fog
- name: fold
  prompt: A paper boat is folded on a wooden desk
- name: sail
  first-frame: { after: fold }
  prompt: The boat slides off the desk and sails out into the rain
- name: market
  prompt: A market opens at dawn
- name: harbour
  prompt: Gulls over a quiet harbour
`
/** In file order; dealt round-robin, `fold` and `sail` would land in different shares. */
const PROMPTS = [
  'A lighthouse blinks in the fog',
  'A paper boat is folded on a wooden desk',
  'The boat slides off the desk and sails out into the rain',
  'A market opens at dawn',
  'Gulls over a quiet harbour'
]

/** The batch file in a workspace of its own, as each matrix job checks it out. */
function checkout(text = FIVE): string {
  const workspace = tempDir('seedance-shard-ws-')
  mkdirSync(join(workspace, 'videos'))
  writeFileSync(join(workspace, 'videos', 'clips.yml'), text)
  return workspace
}

describe('a batch over two shards', () => {
  it('shards 1/2 and 2/2 together submit each of five entries once, the chain in one of them, each naming its shard', async () => {
    const runs = [await job({ batch: 'videos/clips.yml', shard: '1/2' }, { workspace: checkout() })]
    const afterFirst = posts().length
    runs.push(await job({ batch: 'videos/clips.yml', shard: '2/2' }, { workspace: checkout() }))
    for (const r of runs) {
      expect(r.error).toBeUndefined()
      expect(r.code).toBe(0)
    }
    // Every entry submitted exactly once over the two jobs, and the first job's POSTs were its own share.
    const sent = posts().map((p) => textOf(p.json))
    expect([...sent].sort()).toEqual([...PROMPTS].sort())
    const [one, two] = runs.map(results) as [Result[], Result[]]
    expect(afterFirst).toBe(one.length)
    expect([...one, ...two].map((e) => e.name).sort()).toEqual(['fold', 'harbour', 'lighthouse', 'market', 'sail'])
    expect(one.length + two.length).toBe(5)
    expect(Math.abs(one.length - two.length)).toBeLessThanOrEqual(2)
    // The chain is in one share, and its second shot started from the first one's last frame.
    const withChain = [one, two].find((share) => share.some((e) => e.name === 'fold'))!
    const fold = withChain.find((e) => e.name === 'fold')!
    const sail = withChain.find((e) => e.name === 'sail')
    expect(sail).toBeDefined()
    const sailBody = posts().find((p) => textOf(p.json) === PROMPTS[2])!.json as { media: Array<{ type: string; url?: string }> }
    expect(sailBody.media.find((m) => m.type === 'first_frame')?.url).toBe(fold['last-frame-url'])
    // Each share's results and summary name the shard; every entry succeeded with a task.
    runs.forEach((r, k) => {
      for (const e of results(r)) expect(e).toMatchObject({ shard: `${k + 1}/2`, status: 'succeeded', 'task-id': expect.stringMatching(/^cgt-/) })
      expect(r.summary).toContain(`## Seedance batch, shard ${k + 1}/2: ${results(r).length} of ${results(r).length} videos succeeded`)
      expect(r.stdout).toContain(`Shard ${k + 1}/2: ${results(r).length} of the batch's 5 entries`)
    })
  })

  it('the split is the same on a re-run and on another runner: the same entries in each shard', async () => {
    const dry = async (shard: string, env: Record<string, string>) => {
      const r = await job({ batch: 'videos/clips.yml', shard, 'dry-run': 'true' }, { workspace: checkout(), env })
      expect(r.code).toBe(0)
      return /Shard \d\/2: .*\n/.exec(r.stdout)?.[0]
    }
    const first = await dry('1/2', { GITHUB_RUN_ID: '100', GITHUB_RUN_ATTEMPT: '1', RUNNER_NAME: 'runner-a' })
    expect(first).toMatch(/Shard 1\/2: 3 of the batch's 5 entries \(fold, sail, harbour\)/)
    expect(await dry('1/2', { GITHUB_RUN_ID: '100', GITHUB_RUN_ATTEMPT: '2', RUNNER_NAME: 'runner-b' })).toBe(first)
    expect(await dry('2/2', { GITHUB_RUN_ID: '101', GITHUB_RUN_ATTEMPT: '1' })).toMatch(/Shard 2\/2: 2 of the batch's 5 entries \(lighthouse, market\)/)
    expect(emu.requests).toEqual([])
  })
})

describe('re-running a failed share', () => {
  it('attempt 2 of shard 1/2 collects every task its attempt 1 created, beside shard 2/2 of the same run (one job id for both)', async () => {
    // `harbour` (in shard 1/2) is made but its file is not a video: the share fails after paying.
    const file = FIVE.replace('Gulls over a quiet harbour', 'Gulls over a quiet harbour [emu:not-mp4]')
    const attempt = workflowRun(
      cache,
      { 'api-key': KEY, 'base-url': emu.url, 'poll-interval': '100ms', batch: 'videos/clips.yml', 'output-path': 'clips/' },
      'clips'
    )
    const first = await attempt({ shard: '1/2' }, 1, { workspace: checkout(file) })
    expect(first.code).toBe(1)
    expect(first.error).toMatch(/^1 of 3 batch entries did not succeed: harbour \(task cgt-/)
    expect((await attempt({ shard: '2/2' }, 1, { workspace: checkout(file) })).code).toBe(0)
    expect(posts()).toHaveLength(5)
    const second = await attempt({ shard: '1/2' }, 2, { workspace: checkout(file) })
    // The same share, the same tasks: nothing paid for again.
    expect(posts()).toHaveLength(5)
    expect(results(second).map((e) => [e.name, e['task-id']])).toEqual(results(first).map((e) => [e.name, e['task-id']]))
    expect(results(second).map((e) => e.shard)).toEqual(['1/2', '1/2', '1/2'])
  })
})

describe('refused before anything is sent', () => {
  const refused = async (inputs: Record<string, string>, message: RegExp) => {
    const r = await job(inputs, { workspace: checkout() })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(message)
    expect(r.error!.split('\n')).toHaveLength(1)
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/)
    expect(emu.requests).toEqual([])
  }

  it.each([
    ['a malformed value', 'first-of-two', /^Input `shard` must be `i\/n`, .*\(got "first-of-two"\)\.$/],
    ['a share number left empty by a matrix', '/4', /^Input `shard` must be `i\/n`/],
    ['i of 0', '0/2', /^Input `shard` must name a share from 1 to n, counted from 1: `1\/2` to `2\/2` \(got "0\/2"\)\.$/],
    ['i over n', '3/2', /^Input `shard` must name a share from 1 to n/],
    ['n over 256', '1/300', /^Input `shard` must split the batch into 1 to 256 shares/]
  ])('%s', (_, shard, message) => refused({ batch: 'videos/clips.yml', shard }, message))

  it('`shard` in a single step: every matrix job would pay for the same video', () =>
    refused({ prompt: 'A lighthouse blinks in the fog', shard: '1/2' }, /^Input `shard` splits a `batch` over a matrix, so it works only with `batch`/))

  it('`shard` beside `task-id` without a batch', () =>
    refused({ 'task-id': 'cgt-20261124-0123abcd', shard: '2/2' }, /^Input `shard` .* works only with `batch`/))

  it('a bad entry in another shard stops this shard too: no share of a broken file is paid for', async () => {
    const broken = FIVE.replace('  prompt: Gulls over a quiet harbour', '  prompt: Gulls over a quiet harbour\n  secnds: 5')
    const r = await job({ batch: 'videos/clips.yml', shard: '2/2' }, { workspace: checkout(broken) })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(
      /^1 of 5 batch entries are not valid, so nothing was sent: Batch entry "harbour" has an unknown key `secnds`; did you mean `seconds`\?/
    )
    expect(emu.requests).toEqual([])
  })

  it("a missing workspace file in another shard's entry stops this shard too", async () => {
    const broken = FIVE.replace('  prompt: Gulls over a quiet harbour', '  prompt: Gulls over a quiet harbour\n  first-frame: docs/missing.png')
    const r = await job({ batch: 'videos/clips.yml', shard: '2/2' }, { workspace: checkout(broken) })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/Batch entry "harbour": .*docs\/missing\.png/)
    expect(emu.requests).toEqual([])
  })
})

describe('a shard with no entries', () => {
  it('succeeds, says so in the log and the summary, sends nothing, and its results are []', async () => {
    const r = await job({
      batch: '[{name: fold, prompt: A paper boat}, {name: sail, prompt: It sails, first-frame: {after: fold}}, {name: solo, prompt: A lighthouse}]',
      shard: '3/3'
    })
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    expect(r.outputs.results).toBe('[]')
    expect(r.stdout).toContain("Shard 3/3: none of the batch's 3 entries are in this share")
    expect(r.stdout).toContain('Nothing was sent: this shard has no entries of the batch.')
    expect(r.summary).toMatch(/^## Seedance batch, shard 3\/3: no entries\n\nShard 3\/3 of the batch: no entries fell to this share, so nothing was sent/)
    expect(emu.requests).toEqual([])
  })
})
