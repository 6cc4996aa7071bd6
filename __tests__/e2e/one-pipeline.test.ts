/**
 * One pipeline for a single step and a batch: the cases where the two used to drift, each
 * run as a user would (dist/index.js, the emulator, GitHub's cache service emulated).
 */
import { describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { png } from '../helpers/media-fixtures.js'
import { runAction, tempDir, type RunResult, workflowRun, useEmulatorAndCache } from './harness.js'
import type { CacheService } from '../../emulator/cache.mjs'

const KEY = 'sk-pipeline-0123456789abcdef'
let emu: Emulator
let cache: CacheService
useEmulatorAndCache({}, (e, c) => {
  emu = e
  cache = c
})

/** One workflow run: the same run id, job and RUNNER_TEMP for every attempt (harness.ts). */
const hostedRun = () => workflowRun(cache, { 'api-key': KEY, 'poll-interval': '20ms', 'max-retries': '1' })

/** A server on `port` that answers every request 503, counting them. */
async function outage(port: number): Promise<{ server: Server; seen: string[] }> {
  const seen: string[] = []
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    req.resume()
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"service unavailable","code":"service_unavailable"}}')
  })
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done))
  return { server, seen }
}

const close = (server: Server): Promise<void> => new Promise((done) => server.close(() => done()))
const portOf = (url: string): number => Number(new URL(url).port)

function expectOneLine(r: RunResult): void {
  expect(r.code).toBe(1)
  expect(r.error).toBeDefined()
  expect(r.error!.split('\n')).toHaveLength(1)
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /)
}

describe('a re-run never pays twice when the earlier task cannot be read', () => {
  // Attempt 1 times out with the task still running (paid for and remembered); attempt 2 meets
  // an API that answers 503 to everything, or no API at all.
  for (const mode of ['503', 'refused'] as const) {
    it(`single step, API ${mode}: no submit, the failure names the task and how to collect it`, async () => {
      const api = await startEmulator()
      const base = api.url
      const attempt = hostedRun()
      const inputs = { prompt: 'A slow lighthouse [emu:slow=100000]', wait: 'true', timeout: '3s', 'base-url': base }
      try {
        const first = await attempt(inputs, 1)
        expect(first.code).toBe(1)
        const id = first.outputs['task-id']!
        expect(id).toMatch(/^cgt-/)
        await api.close()
        const down = mode === '503' ? await outage(portOf(base)) : undefined
        try {
          const second = await attempt(inputs, 2)
          expectOneLine(second)
          expect(second.error).toContain(id)
          expect(second.error).toMatch(/not submitted again/)
          expect(second.error).toContain(`\`task-id: ${id}\``)
          if (down) expect(down.seen.filter((s) => s.startsWith('POST'))).toEqual([])
          expect(down?.seen.every((s) => s === `GET /v1/videos/${id}`) ?? true).toBe(true)
        } finally {
          if (down) await close(down.server)
        }
      } finally {
        await api.close().catch(() => undefined)
      }
    })
  }

  it('batch: no entry is submitted again; each failure names its task', async () => {
    const api = await startEmulator()
    const base = api.url
    const attempt = hostedRun()
    const batch = JSON.stringify([
      { name: 'one', prompt: 'Slow one [emu:slow=100000]' },
      { name: 'two', prompt: 'Slow two [emu:slow=100000]' }
    ])
    const inputs = { batch, timeout: '3s', 'base-url': base }
    try {
      const first = await attempt(inputs, 1)
      expect(first.code).toBe(1)
      const ids = (JSON.parse(first.outputs.results!) as Array<{ 'task-id': string }>).map((e) => e['task-id'])
      expect(ids).toHaveLength(2)
      await api.close()
      const down = await outage(portOf(base))
      try {
        const second = await attempt(inputs, 2)
        expectOneLine(second)
        expect(down.seen.filter((s) => s.startsWith('POST'))).toEqual([])
        const results = JSON.parse(second.outputs.results!) as Array<Record<string, string>>
        expect(results.map((e) => e['task-id'])).toEqual(ids)
        for (const [i, e] of results.entries()) {
          expect(e.error).toMatch(/not submitted again/)
          expect(e.error).toContain(`task-id: ${ids[i]}`)
        }
      } finally {
        await close(down.server)
      }
    } finally {
      await api.close().catch(() => undefined)
    }
  })
})

describe('bad input never reaches the network', () => {
  it('cache: true, no key, a workspace image and a cache miss: refused before the Asset Library is asked', async () => {
    const workspace = tempDir('seedance-ws-')
    writeFileSync(join(workspace, 'frame.png'), png(640, 480))
    const r = await runAction(
      { 'api-key': '', cache: 'true', prompt: 'A boat', 'first-frame': 'frame.png', wait: 'true', 'base-url': emu.url, 'asset-base-url': `${emu.url}/api` },
      { workspace, env: { ...cache.env, GITHUB_RUN_ID: '1', GITHUB_JOB: 'video', GITHUB_RUN_ATTEMPT: '1' } }
    )
    expectOneLine(r)
    expect(r.error).toMatch(/^Input `api-key` is required/)
    expect(emu.requests).toEqual([])
    expect(emu.uploads).toEqual([])
  })

  it('a batch with no key and a cache miss is refused before anything is sent', async () => {
    const r = await runAction(
      { 'api-key': '', cache: 'true', batch: '[{name: a, prompt: A}, {name: b, prompt: B}]', 'base-url': emu.url },
      { env: { ...cache.env, GITHUB_RUN_ID: '1', GITHUB_JOB: 'video', GITHUB_RUN_ATTEMPT: '1' } }
    )
    expectOneLine(r)
    expect(r.error).toMatch(/^Input `api-key` is required.*"a", "b"/)
    expect(emu.requests).toEqual([])
  })

  it('an output-path file name longer than the file system allows is refused before the submit', async () => {
    const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, prompt: 'A boat', 'output-path': `${'v'.repeat(300)}.mp4` })
    expectOneLine(r)
    expect(r.error).toMatch(/^Input `output-path`: .*: the name "v+\.\.\.v+\.mp4" is 304 bytes long, more than the 255 a file system allows/)
    expect(emu.requests).toEqual([])
  })

  it('an output-path whose last frame name would be too long is refused before the submit', async () => {
    const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, prompt: 'A boat', 'output-path': `${'v'.repeat(246)}.mp4` })
    expectOneLine(r)
    expect(r.error).toMatch(/the name of the last frame saved beside it, "v+\.\.\.v+\.last-frame\.png", is 261 bytes long/)
    expect(emu.requests).toEqual([])
  })

  it('an output-path folder that cannot be created (a file is in the way) is refused before the submit', async () => {
    const workspace = tempDir('seedance-ws-')
    writeFileSync(join(workspace, 'notes.txt'), 'a file, not a folder')
    const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, prompt: 'A boat', 'output-path': 'notes.txt/clip.mp4' }, { workspace })
    expectOneLine(r)
    expect(r.error).toMatch(/^Input `output-path`: notes.txt\/clip.mp4 cannot be created: .*notes.txt is a file, not a folder\./)
    expect(emu.requests).toEqual([])
  })

  it('a batch lists every problem of every entry in one pass: a missing file and a bad setting', async () => {
    const batch = JSON.stringify([
      { name: 'ok', prompt: 'Fine' },
      { name: 'nofile', prompt: 'A boat', 'first-frame': 'missing.png' },
      { name: 'toolong', prompt: 'A boat', seconds: 20 }
    ])
    const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, batch })
    expectOneLine(r)
    expect(r.error).toMatch(/^2 of 3 batch entries are not valid, so nothing was sent:/)
    expect(r.error).toMatch(/Batch entry "nofile": Input `first-frame`.*missing\.png/)
    expect(r.error).toMatch(/Batch entry "toolong": Input `seconds`/)
    expect(emu.requests).toEqual([])
  })
})

describe('the summary of a failure', () => {
  it('names a workspace file by its path, not a placeholder, when the run failed before it was placed', async () => {
    const workspace = tempDir('seedance-ws-')
    writeFileSync(join(workspace, 'frame.png'), png(640, 480))
    // The Asset Library is not there: the upload fails before the file has a reference.
    const r = await runAction(
      { 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': 'http://127.0.0.1:9/api', 'max-retries': '0', prompt: 'A boat', 'first-frame': 'frame.png' },
      { workspace }
    )
    expect(r.code).toBe(1)
    expect(r.summary).toContain('frame.png (workspace file)')
    expect(r.summary).not.toContain('asset://local-file')
    expect(emu.requests.filter((q) => q.method === 'POST')).toEqual([])
  })
})

describe('one task-id rule', () => {
  it.each(['_a1', '-x', 'a:b.c'])('an id the server can return (%j) is accepted back as `task-id`', async (id) => {
    const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, 'task-id': id })
    // Read from the API (which does not know it), never refused as input.
    expect(r.error).toMatch(/does not know this task/)
    expect(emu.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET /v1/videos/${encodeURIComponent(id)}`])
  })
})

describe('the log', () => {
  it('a retried API call is an info line, not a warning annotation', async () => {
    const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, prompt: 'A kite [emu:429=1]' })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/429|rate/i)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning::'))).toEqual([])
  })

  it('a batch names the step inputs it does not use, and says "1 video"', async () => {
    const r = await runAction({
      'api-key': KEY,
      'base-url': emu.url,
      'poll-interval': '20ms',
      batch: '[{name: solo, prompt: A solo kite}]',
      wait: 'true',
      'release-asset-name': 'promo.mp4'
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('::notice::Input `wait` does not apply with `batch`')
    expect(r.stdout).toContain('::notice::Input `release-asset-name` does not apply with `batch`')
    expect(r.stdout).toContain('Batch of 1 video, at most 2 in flight at once.')
    expect(r.summary).not.toContain('release asset')
  })
})

describe('two entries with the same request', () => {
  it("are each delivered from the cache on a re-run, without one emptying the other's folder", async () => {
    const run = hostedRun()
    const batch = '[{name: a, prompt: The same kite}, {name: b, prompt: The same kite}]'
    const first = await run({ batch, cache: 'true', 'base-url': emu.url, 'output-path': 'clips/' }, 1)
    expect(first.error).toBeUndefined()
    const before = emu.requests.length
    const second = await run({ batch, cache: 'true', 'base-url': emu.url, 'output-path': 'clips/' }, 1)
    expect(second.error).toBeUndefined()
    expect(emu.requests.length).toBe(before)
    const results = JSON.parse(second.outputs.results!) as Array<Record<string, unknown>>
    expect(results.map((e) => [e.name, e['cache-hit'], e.status])).toEqual([
      ['a', true, 'succeeded'],
      ['b', true, 'succeeded']
    ])
  })
})
