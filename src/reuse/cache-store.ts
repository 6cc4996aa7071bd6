/**
 * GitHub's cache service as an optional store: every failure or absence is one warning line
 * and a miss / "not saved", never a throw, never longer than the timeout. `@actions/cache`
 * (and tar, the Azure SDK behind it) is imported only when a cache call is actually made.
 *
 * The cache "version" hashes the path list: save and restore must pass the same `paths`.
 * Keys are at most 512 characters and may not contain commas; entries are immutable.
 *
 * The toolkit also writes its own lines through @actions/core (e.g. "Failed to save: ..."), and
 * after our timeout its twirp retries (5 attempts, 3 s backoff x1.5, ~25 s) go on in the
 * background with timers that keep the process alive until they end.
 */
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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

/** Lines the toolkit prints itself (progress, tar commands, its own warnings): kept for the debug log. */
const TOOLKIT_LINE = /^(::warning::)?(Failed to (restore|save)|Cache (hit|Size|restored|saved|not found)|Sent \d+ of|Received \d+ of|\[command\]|Unable to reserve cache|Cache service responded)/

/**
 * Runs a toolkit call with its own log lines turned into debug lines, and tells whether it
 * reported a failure (it catches its errors and says so only in a warning of its own).
 */
async function quietly<T>(work: () => Promise<T>): Promise<{ value: T; failure?: string }> {
  const stdout = process.stdout
  const write = stdout.write.bind(stdout)
  let failure: string | undefined
  const patched = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk)
    const kept = text
      .split('\n')
      .map((line) => {
        if (!TOOLKIT_LINE.test(line)) return line
        const m = /^(?:::warning::)?Failed to (?:restore|save): (.*)$/.exec(line)
        if (m && !/another job may be creating this cache|already exists/i.test(line)) failure ??= (m[1] ?? '').replace(/%0A.*$/, '')
        return `::debug::${line.replace(/^::warning::/, '')}`
      })
      .join('\n')
    return (write as (c: string, ...r: unknown[]) => boolean)(kept, ...rest)
  }
  stdout.write = patched as typeof stdout.write
  try {
    const value = await work()
    return { value, failure }
  } finally {
    if (stdout.write === (patched as typeof stdout.write)) stdout.write = write
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
  const { createHash } = await import('node:crypto')
  const { mkdir } = await import('node:fs/promises')
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
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 200 ? `${line.slice(0, 200)}...` : line
}

