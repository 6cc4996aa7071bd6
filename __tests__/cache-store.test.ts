/**
 * Real save and restore through @actions/cache (with the real exec + http-client and the
 * machine's tar) against the local cache service in emulator/cache.mjs.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCacheService } from '../emulator/cache.mjs'
import { until } from './helpers/until.js'
import { cacheAvailable, resetCacheStore, restoreEntry, restoreJson, saveEntry, saveJson } from '../src/reuse/cache-store.js'

type Service = Awaited<ReturnType<typeof startCacheService>>
const ENV_KEYS = ['ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_CACHE_SERVICE_V2', 'RUNNER_TEMP', 'GITHUB_WORKSPACE', 'SEGMENT_DOWNLOAD_TIMEOUT_MINS']

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

    expect(await restoreEntry([target], 'seedance-video-abc', [], { log, timeoutMs: 60_000 })).toBe('seedance-video-abc')
    expect((await readFile(join(target, 'out.mp4'))).equals(bytes)).toBe(true)
    expect(lines).toEqual([])
  })

  it('refuses to overwrite an existing key (entries are immutable)', async () => {
    const { lines, log } = collect()
    expect(await saveJson('seedance-task-1', { taskId: 'first' }, { log })).toBe(true)
    expect(await saveJson('seedance-task-1', { taskId: 'second' }, { log })).toBe(false)
    // An existing key is no failure of the service: nothing to warn about, and the cache stays usable.
    expect(lines).toHaveLength(0)
    expect(await restoreJson('seedance-task-1', { log })).toEqual({ taskId: 'first' })
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
    expect(await restoreEntry([target], 'seedance-task-run-9', ['seedance-task-'], { log })).toBe('seedance-task-run-3')
    expect(await readFile(join(target, 'n.txt'), 'utf8')).toBe('3')
    expect(lines).toEqual([])
  })

  it('misses (no warning) when nothing matches, and when the path list differs from the save', async () => {
    const { lines, log } = collect()
    expect(await saveJson('seedance-task-x', { taskId: 't' })).toBe(true)
    expect(await restoreJson('seedance-task-y', { log })).toBeUndefined()
    expect(await restoreEntry([join(dir, 'elsewhere')], 'seedance-task-x', [], { log })).toBeUndefined()
    expect(lines).toEqual([])
  })

  it('turns a failing service into one warning and a miss within the timeout', async () => {
    svc.mode = 'fail'
    const { lines, log } = collect()
    const started = Date.now()
    expect(await restoreJson('seedance-task-z', { log, timeoutMs: 1500 })).toBeUndefined()
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

  it('overlapping calls: each is credited with its own failure, other lines pass untouched, stdout is put back', async () => {
    expect(await saveJson('seedance-good-1', { taskId: 'kept' })).toBe(true)
    svc.rejectKeys = ['seedance-bad-']
    const releaseBad = svc.hold('seedance-bad-')
    const releaseGood = svc.hold('seedance-good-')
    const bad = collect()
    const good = collect()
    const lookups = (): number => svc.requests.filter((r) => r.path.endsWith('/GetCacheEntryDownloadURL')).length
    const before = lookups()
    // The failing call starts first, so a wrapper installed by the later call would see its lines first.
    const failing = restoreJson('seedance-bad-1', { log: bad.log })
    const working = restoreJson('seedance-good-1', { log: good.log })
    await until('both calls to be inside the toolkit', () => lookups() === before + 2, { timeoutMs: 60_000 })
    process.stdout.write('Task cgt-1: running (40%)\n') // another batch entry logs meanwhile
    releaseBad()
    expect(await failing).toBeUndefined()
    releaseGood()
    expect(await working).toEqual({ taskId: 'kept' })

    expect(bad.lines).toHaveLength(1)
    expect(bad.lines[0]).toMatch(/^Cache not read \(seedance-bad-1\): .*400.*; the step goes on without the cache\.$/)
    expect(good.lines).toEqual([])
    const out = written.join('')
    expect(out).toContain('\nTask cgt-1: running (40%)\n'.slice(1))
    expect(out).not.toContain('::debug::Task cgt-1')
    // The toolkit's own lines (its warning about the refused key, the restore it made) went to debug.
    expect(out).toMatch(/::debug::Failed to restore: /)
    expect(out).toMatch(/::debug::Cache restored successfully/)
    expect(out).not.toMatch(/^(::warning::|::error::)?(Failed to restore|Cache restored)/m)
    expect(process.stdout.write).toBe(stub)
  })

  it('many overlapping saves and restores all succeed, and stdout is put back after the last', async () => {
    const keys = ['a', 'b', 'c', 'd'].map((k) => `seedance-many-${k}`)
    expect(await Promise.all(keys.map((key) => saveJson(key, { taskId: key })))).toEqual(keys.map(() => true))
    expect(process.stdout.write).toBe(stub)
    const { lines, log } = collect()
    expect(await Promise.all(keys.map((key) => restoreJson(key, { log })))).toEqual(keys.map((key) => ({ taskId: key })))
    expect(lines).toEqual([])
    expect(process.stdout.write).toBe(stub)
    expect(written.join('')).not.toMatch(/^(?!::debug::).*(Cache saved|Cache restored)/m)
  })

  it('without the runner cache environment: one warning and a miss, no request', async () => {
    delete process.env.ACTIONS_RESULTS_URL
    delete process.env.ACTIONS_RUNTIME_TOKEN
    expect(cacheAvailable()).toBe(false)
    const { lines, log } = collect()
    expect(await restoreJson('seedance-task-1', { log })).toBeUndefined()
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
