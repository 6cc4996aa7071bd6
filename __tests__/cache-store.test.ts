/**
 * Real save and restore through @actions/cache (with the real exec + http-client and the
 * machine's tar) against the local cache service in emulator/cache.mjs.
 * stdout is replaced here, by the test, only to keep the toolkit's progress lines out of Jest's output.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCacheService } from '../emulator/cache.mjs'
import { until } from './helpers/until.js'
import { cacheAvailable, resetCacheStore, restoreEntry, restoreJson, saveEntry, saveJson, type CacheCallOptions } from '../src/reuse/cache-store.js'

/** A look-up's record when it hit, else its kind. */
async function record(key: string, options: CacheCallOptions = {}, restoreKeys: string[] = []): Promise<unknown> {
  const found = await restoreJson(key, options, restoreKeys)
  return found.kind === 'hit' ? found.value.record : found.kind
}

const hit = (value: string) => ({ kind: 'hit', value })
/** Nothing came back from the toolkit: a miss or a failure it caught, which it does not tell apart. */
const nothing = { kind: 'unknown', failed: false }

type Service = Awaited<ReturnType<typeof startCacheService>>
const ENV_KEYS = [
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'RUNNER_TEMP',
  'GITHUB_WORKSPACE',
  'SEGMENT_DOWNLOAD_TIMEOUT_MINS'
]

let svc: Service
let dir: string
let saved: Record<string, string | undefined>
let stdoutWrite: typeof process.stdout.write
/** What reached stdout during a test (the toolkit's lines and ours). */
let written: string[]
let stub: typeof process.stdout.write

beforeEach(async () => {
  resetCacheStore()
  execFileSync('tar', ['--version']) // the toolkit archives with the machine's tar, as on GitHub runners
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
  dir = await mkdtemp(join(tmpdir(), 'cache-store-'))
  svc = await startCacheService()
  Object.assign(process.env, svc.env, { RUNNER_TEMP: join(dir, 'runner-temp'), GITHUB_WORKSPACE: dir })
  await mkdir(join(dir, 'runner-temp'))
  // The toolkit reports progress on stdout (workflow commands); keep the test output readable.
  stdoutWrite = process.stdout.write
  written = []
  stub = ((chunk: unknown) => {
    written.push(String(chunk))
    return true
  }) as typeof process.stdout.write
  process.stdout.write = stub
})

afterEach(async () => {
  process.stdout.write = stdoutWrite
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
  await svc.close()
  await rm(dir, { recursive: true, force: true })
})

function collect(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = []
  return { lines, log: (line) => lines.push(line) }
}

describe('cache-store against the emulated cache service', () => {
  it('saves files and restores the identical bytes', async () => {
    const target = join(dir, 'videos')
    await mkdir(target)
    const bytes = randomBytes(300_000)
    await writeFile(join(target, 'out.mp4'), bytes)
    const { lines, log } = collect()

    expect(await saveEntry('seedance-video-abc', [target], { log, timeoutMs: 60_000 })).toBe(true)
    expect(svc.saved).toHaveLength(1)
    await rm(target, { recursive: true })

    expect(await restoreEntry([target], 'seedance-video-abc', [], { log, timeoutMs: 60_000 })).toEqual(hit('seedance-video-abc'))
    expect((await readFile(join(target, 'out.mp4'))).equals(bytes)).toBe(true)
    expect(lines).toEqual([])
  })

  it('refuses to overwrite an existing key (entries are immutable)', async () => {
    const { lines, log } = collect()
    expect(await saveJson('seedance-task-1', { taskId: 'first' }, { log })).toBe(true)
    expect(await saveJson('seedance-task-1', { taskId: 'second' }, { log })).toBe(false)
    // An existing key is no failure of the service: nothing to warn about, and the cache stays usable.
    expect(lines).toHaveLength(0)
    expect(await record('seedance-task-1', { log })).toEqual({ taskId: 'first' })
  })

  it('restores the newest entry whose key starts with a restore key', async () => {
    const target = join(dir, 'rec')
    await mkdir(target)
    for (const n of ['1', '2', '3']) {
      await writeFile(join(target, 'n.txt'), n)
      expect(await saveEntry(`seedance-task-run-${n}`, [target])).toBe(true)
    }
    await rm(target, { recursive: true })
    const { lines, log } = collect()
    expect(await restoreEntry([target], 'seedance-task-run-9', ['seedance-task-'], { log })).toEqual(hit('seedance-task-run-3'))
    expect(await readFile(join(target, 'n.txt'), 'utf8')).toBe('3')
    expect(lines).toEqual([])
  })

  it('brings nothing back (no warning) when nothing matches, and when the path list differs from the save', async () => {
    const { lines, log } = collect()
    expect(await saveJson('seedance-task-x', { taskId: 't' })).toBe(true)
    expect(await restoreJson('seedance-task-y', { log })).toEqual(nothing)
    expect(await restoreEntry([join(dir, 'elsewhere')], 'seedance-task-x', [], { log })).toEqual(nothing)
    expect(lines).toEqual([])
  })

  it('restore keys are tried in order: a later one (a floor known to exist) comes back only when no earlier one matched', async () => {
    expect(await saveJson('seedance-floor-1', { floor: true }, { slot: 'run-1' })).toBe(true)
    const floor = await restoreJson('seedance-task-1-attempt-2', { slot: 'run-1' }, ['seedance-task-1-attempt-', 'seedance-floor-1'])
    expect(floor).toEqual({ kind: 'hit', value: { key: 'seedance-floor-1', record: { floor: true } } })
    expect(await saveJson('seedance-task-1-attempt-1', { taskId: 'cgt-1' }, { slot: 'run-1' })).toBe(true)
    const task = await restoreJson('seedance-task-1-attempt-2', { slot: 'run-1' }, ['seedance-task-1-attempt-', 'seedance-floor-1'])
    expect(task).toEqual({ kind: 'hit', value: { key: 'seedance-task-1-attempt-1', record: { taskId: 'cgt-1' } } })
  })

  it('turns a failing service into one warning and a miss within the timeout', async () => {
    svc.mode = 'fail'
    const { lines, log } = collect()
    const started = Date.now()
    expect(await restoreJson('seedance-task-z', { log, timeoutMs: 1500 })).toEqual({ kind: 'unknown', failed: true })
    expect(await saveJson('seedance-task-z', { taskId: 't' }, { log, timeoutMs: 1500 })).toBe(false)
    expect(Date.now() - started).toBeLessThan(20_000) // the toolkit alone retries for ~25 s
    // One warning for the run: after the first failure no further call is made.
    expect(lines).toEqual(['Cache not read (seedance-task-z): no answer within 2 s; the step goes on without the cache.'])
    // The toolkit keeps retrying in the background; let it end against a healthy service
    // so no request outlives the test.
    const before = svc.requests.length
    svc.mode = 'ok'
    // (The save was never made: the first failure closed the cache for the run.)
    expect(svc.requests.some((r) => r.path.endsWith('/CreateCacheEntry'))).toBe(false)
    // The toolkit's last word on that lookup (a debug line once the healthy service answered a miss):
    // after it, nothing of the call is left running.
    await until('the toolkit to finish its retries', () => written.join('').includes('::debug::Cache not found for version '), { timeoutMs: 60_000 })
    expect(svc.requests.slice(before).some((r) => r.path.endsWith('/GetCacheEntryDownloadURL'))).toBe(true)
  })

  it('overlapping calls: a failure the toolkit catches comes back as nothing, never a miss we are sure of; stdout is never replaced', async () => {
    expect(await saveJson('seedance-good-1', { taskId: 'kept' })).toBe(true)
    svc.rejectKeys = ['seedance-bad-']
    const releaseBad = svc.hold('seedance-bad-')
    const releaseGood = svc.hold('seedance-good-')
    const bad = collect()
    const good = collect()
    const lookups = (): number => svc.requests.filter((r) => r.path.endsWith('/GetCacheEntryDownloadURL')).length
    const before = lookups()
    const failing = restoreJson('seedance-bad-1', { log: bad.log })
    const working = restoreJson('seedance-good-1', { log: good.log })
    await until('both calls to be inside the toolkit', () => lookups() === before + 2, { timeoutMs: 60_000 })
    expect(process.stdout.write).toBe(stub)
    process.stdout.write('Task cgt-1: running (40%)\n') // another batch entry logs meanwhile
    releaseBad()
    // The toolkit caught the 400 and returned nothing, as on a miss: the look-up is unknown.
    expect(await failing).toEqual(nothing)
    releaseGood()
    expect(await working).toEqual({ kind: 'hit', value: { key: 'seedance-good-1', record: { taskId: 'kept' } } })
    // Nothing of ours was said: what the toolkit caught, it reported in its own line, as it wrote it.
    expect(bad.lines).toEqual([])
    expect(good.lines).toEqual([])
    expect(written.join('')).toContain('Task cgt-1: running (40%)\n')
    expect(process.stdout.write).toBe(stub)
  })

  it('many overlapping saves and restores all succeed, and stdout stays as it was', async () => {
    const keys = ['a', 'b', 'c', 'd'].map((k) => `seedance-many-${k}`)
    expect(await Promise.all(keys.map((key) => saveJson(key, { taskId: key })))).toEqual(keys.map(() => true))
    expect(process.stdout.write).toBe(stub)
    const { lines, log } = collect()
    expect(await Promise.all(keys.map((key) => record(key, { log })))).toEqual(keys.map((key) => ({ taskId: key })))
    expect(lines).toEqual([])
    expect(process.stdout.write).toBe(stub)
  })

  it('without the runner cache environment: one warning and a miss, no request', async () => {
    delete process.env.ACTIONS_RESULTS_URL
    delete process.env.ACTIONS_RUNTIME_TOKEN
    expect(cacheAvailable()).toBe(false)
    const { lines, log } = collect()
    expect(await restoreJson('seedance-task-1', { log })).toEqual({ kind: 'off' })
    expect(await saveJson('seedance-task-1', { taskId: 't' }, { log })).toBe(false)
    expect(lines).toEqual(['Cache not read: the runner gave no cache service URL (ACTIONS_RESULTS_URL); the step goes on without the cache.'])
    expect(svc.requests).toEqual([])
  })

  it('rejects a key longer than 512 characters before any request', async () => {
    const { lines, log } = collect()
    expect(await saveJson('k'.repeat(513), {}, { log })).toBe(false)
    expect(lines).toEqual(['Cache not saved: the cache key is longer than 512 characters.'])
    expect(svc.requests).toEqual([])
  })
})
