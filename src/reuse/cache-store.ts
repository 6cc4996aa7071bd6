/**
 * GitHub's cache service as an optional store: every failure or absence is one warning line
 * and a miss / "not saved", never a throw, never longer than the timeout. `@actions/cache`
 * (and tar, the Azure SDK behind it) is imported only when a cache call is actually made: the
 * one dependency whose load pays for a chunk of its own, 82-111 ms of a dry run or a plain
 * submit on Node 24 (measured against a build that imports it statically).
 *
 * The cache "version" hashes the path list: save and restore must pass the same `paths`.
 * Keys are at most 512 characters and may not contain commas; entries are immutable.
 *
 * The toolkit also writes its own lines through @actions/core (e.g. "Failed to save: ..."), and
 * after our timeout its twirp retries (5 attempts, 3 s backoff x1.5, ~25 s) go on in the
 * background with timers that keep the process alive until they end.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cleanText, neutralize } from '../redact.js'

export interface CacheCallOptions {
  /** Upper bound for the whole call; the toolkit's own retries are cut off by it. */
  timeoutMs?: number
  /** Receives at most one warning line per call. */
  log?: (line: string) => void
  /** The record's folder is named after this (default: the key): save and restore must agree. */
  slot?: string
}

/** Set when a cache call was cut off by its timeout: the toolkit's retries may still be running. */
let abandoned = false
/** Set after the first failure: the service is not there for this run, so no further call is made. */
let broken: string | undefined

/** What one toolkit call printed that matters: the failure it reported, if any. */
interface CallLog {
  failure?: string
}

/** The toolkit call (if any) whose async context is running: its lines are its own. */
const calls = new AsyncLocalStorage<CallLog>()
/** Toolkit calls still running (a call cut off by our timeout still counts until it ends). */
let running = 0
/** process.stdout.write as it was before the first running call, and our replacement of it. */
let original: typeof process.stdout.write | undefined
let installed: typeof process.stdout.write | undefined

/**
 * The toolkit has no logger of its own: it writes through @actions/core, which writes to
 * process.stdout. So while any toolkit call runs, one process-wide wrapper of
 * process.stdout.write is in place (installed by the first call, removed by the last); it
 * turns into debug lines only what is written from inside a toolkit call's async context
 * (AsyncLocalStorage), and credits a reported failure to that call alone. Everything else
 * (the step's own lines, other entries of a batch) passes through untouched.
 */
function intercept(chunk: unknown, rest: unknown[], write: typeof process.stdout.write): boolean {
  const call = calls.getStore()
  const pass = write as (c: unknown, ...r: unknown[]) => boolean
  if (call === undefined) return pass(chunk, ...rest)
  const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk)
  const kept = text
    .split('\n')
    .map((line) => {
      if (line === '' || line.startsWith('::debug::')) return line
      const m = /^(?:::(?:warning|error)::)?Failed to (?:restore|save): ([^\r]*)\r?$/.exec(line)
      if (m && !/another job may be creating this cache|already exists/i.test(line)) call.failure ??= (m[1] ?? '').replace(/%0A.*$/, '')
      return `::debug::${neutralize(line.replace(/^::(?:warning|error|notice)::/, ''))}`
    })
    .join('\n')
  return pass(kept, ...rest)
}

function acquire(): void {
  if (running++ > 0) return
  const stdout = process.stdout
  const write = stdout.write
  const bound = write.bind(stdout) as typeof stdout.write
  original = write
  installed = ((chunk: unknown, ...rest: unknown[]) => intercept(chunk, rest, bound)) as typeof stdout.write
  stdout.write = installed
}

function release(): void {
  if (--running > 0) return
  // Put the original back unless someone replaced our wrapper meanwhile; theirs still calls
  // ours, which passes everything through once no toolkit call runs.
  if (process.stdout.write === installed && original) process.stdout.write = original
  original = undefined
  installed = undefined
}

/**
 * Runs a toolkit call with its own log lines turned into debug lines, and tells whether it
 * reported a failure (it catches its errors and says so only in a warning of its own).
 * Calls may overlap: each is credited only with what it printed itself.
 */
async function quietly<T>(work: () => Promise<T>): Promise<{ value: T; failure?: string }> {
  const call: CallLog = {}
  acquire()
  try {
    const value = await calls.run(call, work)
    return { value, failure: call.failure }
  } finally {
    release()
  }
}

/** Forgets an earlier failure (tests run many "runs" in one process). */
export function resetCacheStore(): void {
  broken = undefined
  abandoned = false
}

/** True when the toolkit may still hold the process open with retries nobody waits for. */
export function cacheWorkAbandoned(): boolean {
  return abandoned
}

const DEFAULT_TIMEOUT_MS = 60_000
const MAX_KEY_LENGTH = 512

/** Why the cache cannot be used in this environment, or undefined when it can be tried. */
export function cacheUnavailableReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.ACTIONS_RESULTS_URL && !env.ACTIONS_CACHE_URL) return 'the runner gave no cache service URL (ACTIONS_RESULTS_URL)'
  if (!env.ACTIONS_RUNTIME_TOKEN) return 'the runner gave no ACTIONS_RUNTIME_TOKEN'
  return undefined
}

/** True when the runner gave this step what the cache service needs. */
export function cacheAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return cacheUnavailableReason(env) === undefined
}

/** Saves `paths` under `key`; true when saved, false (with one warning) otherwise. */
export async function saveEntry(key: string, paths: string[], options: CacheCallOptions = {}): Promise<boolean> {
  const warn = options.log ?? (() => {})
  if (broken) return false
  const keyProblem = checkKey(key)
  if (keyProblem) {
    warn(`Cache not saved: ${keyProblem}.`)
    return false
  }
  const problem = cacheUnavailableReason()
  if (problem) {
    broken = problem
    warn(`Cache not saved: ${problem}; the step goes on without the cache.`)
    return false
  }
  const outcome = await bounded(options.timeoutMs, async () => {
    const cache = await import('@actions/cache')
    return quietly(() => cache.saveCache(paths, key))
  })
  if (outcome.kind === 'done' && outcome.value.value !== -1) return true
  // An existing key (entries are immutable) is no failure of the service.
  const failure = outcome.kind === 'done' ? outcome.value.failure : describeFailure(outcome, '')
  if (failure === undefined) return false
  broken = failure
  warn(`Cache not saved (${key}): ${oneLine(failure)}; the step goes on without the cache.`)
  return false
}

/** Restores `paths`; returns the key that matched (primary or a restore-key prefix), or undefined. */
export async function restoreEntry(
  paths: string[],
  primaryKey: string,
  restoreKeys: string[] = [],
  options: CacheCallOptions = {},
): Promise<string | undefined> {
  const warn = options.log ?? (() => {})
  if (broken) return undefined
  const keyProblem = [primaryKey, ...restoreKeys].map(checkKey).find(Boolean)
  if (keyProblem) {
    warn(`Cache not read: ${keyProblem}.`)
    return undefined
  }
  const problem = cacheUnavailableReason()
  if (problem) {
    broken = problem
    warn(`Cache not read: ${problem}; the step goes on without the cache.`)
    return undefined
  }
  const outcome = await bounded(options.timeoutMs, async () => {
    const cache = await import('@actions/cache')
    return quietly(() => cache.restoreCache(paths, primaryKey, restoreKeys))
  })
  if (outcome.kind === 'done' && outcome.value.failure === undefined) return outcome.value.value
  broken = outcome.kind === 'done' ? outcome.value.failure : describeFailure(outcome, '')
  warn(`Cache not read (${primaryKey}): ${oneLine(broken ?? '')}; the step goes on without the cache.`)
  return undefined
}

/** Saves a small JSON record under `key` (written to a temp dir, saved as a path). */
export async function saveJson(key: string, value: unknown, options: CacheCallOptions = {}): Promise<boolean> {
  const dir = await recordDir(options.slot ?? key)
  try {
    await writeFile(join(dir, 'record.json'), JSON.stringify(value))
    return await saveEntry(key, [dir], options)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Restores a JSON record saved by `saveJson` under `key` (or, newest first, a `restoreKeys` prefix); undefined on a miss. */
export async function restoreJson(key: string, options: CacheCallOptions = {}, restoreKeys: string[] = []): Promise<unknown> {
  const dir = await recordDir(options.slot ?? key)
  try {
    const hit = await restoreEntry([dir], key, restoreKeys, options)
    if (hit === undefined) return undefined
    try {
      return JSON.parse(await readFile(join(dir, 'record.json'), 'utf8'))
    } catch {
      options.log?.(`Cache entry ${key} held no readable record; ignored.`)
      return undefined
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A fixed path per key (the version hashes the path, so save and restore must agree). */
async function recordDir(key: string): Promise<string> {
  const base = process.env.RUNNER_TEMP || tmpdir()
  const dir = join(base, 'seedance-action-cache', createHash('sha256').update(key).digest('hex').slice(0, 16))
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  return dir
}

function checkKey(key: string): string | undefined {
  if (key.length === 0) return 'the cache key is empty'
  if (key.length > MAX_KEY_LENGTH) return `the cache key is longer than ${MAX_KEY_LENGTH} characters`
  if (key.includes(',')) return 'the cache key contains a comma'
  return undefined
}

type Outcome<T> = { kind: 'done'; value: T } | { kind: 'error'; error: unknown } | { kind: 'timeout'; ms: number }

/** Runs `work` with an upper bound; the timer is unref'd so it never keeps the process alive. */
async function bounded<T>(timeoutMs: number | undefined, work: () => Promise<T>): Promise<Outcome<T>> {
  const ms = timeoutMs ?? DEFAULT_TIMEOUT_MS
  // The toolkit's own download segment timeout (default 10 min) is bounded by ours.
  process.env.SEGMENT_DOWNLOAD_TIMEOUT_MINS ??= String(Math.max(1, Math.ceil(ms / 60_000)))
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', ms }), ms)
    timer.unref()
  })
  const run = work().then(
    (value): Outcome<T> => ({ kind: 'done', value }),
    (error: unknown): Outcome<T> => ({ kind: 'error', error }),
  )
  try {
    const outcome = await Promise.race([run, timeout])
    if (outcome.kind === 'timeout') abandoned = true
    return outcome
  } finally {
    clearTimeout(timer)
  }
}

function describeFailure(outcome: Outcome<unknown>, fallback: string): string {
  if (outcome.kind === 'timeout') return `no answer within ${Math.round(outcome.ms / 1000)} s`
  if (outcome.kind === 'error') {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error)
    return oneLine(message)
  }
  return fallback || 'no matching entry'
}

function oneLine(text: string): string {
  return cleanText(text, 203)
}

