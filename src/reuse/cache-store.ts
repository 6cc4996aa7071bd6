/**
 * GitHub's cache service as an optional store, through `@actions/cache`; never a throw, never
 * longer than the timeout. The toolkit (and tar, the Azure SDK behind it) is imported only
 * when a cache call is actually made: the one dependency whose load pays for a chunk of its
 * own, 82-111 ms of a dry run or a plain submit on Node 24 (measured against a build that
 * imports it statically).
 *
 * What the toolkit tells us, and so all we decide on: `restoreCache` returns the key that
 * matched, or undefined both on a miss and on a failure it caught (it reports those only in a
 * line of its own, through @actions/core); it throws only a ValidationError (our keys are
 * checked first). `saveCache` returns the entry's id, or -1 for an entry it did not save,
 * whether the key existed (entries are immutable), the service refused or failed. So a
 * look-up that brings nothing back is `unknown`, never a miss: a caller that must tell them
 * apart (reuse.ts, on a re-run) asks again with a key it knows exists. The toolkit's own
 * lines reach the log as it writes them, as actions/cache's do; no code here reads them.
 * What we see ourselves (no cache service in the environment, a call that threw or outlived
 * the timeout) is one warning, and closes the cache for the rest of the run.
 *
 * The cache "version" hashes the path list: save and restore must pass the same `paths`.
 * Keys are at most 512 characters and may not contain commas; entries are immutable.
 * After our timeout the toolkit's twirp retries (5 attempts, 3 s backoff x1.5, ~25 s) go on in
 * the background with timers that keep the process alive until they end.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cleanText } from '../redact.js'

export interface CacheCallOptions {
  /** Upper bound for the whole call; the toolkit's own retries are cut off by it. */
  timeoutMs?: number
  /** Receives at most one warning line per call. */
  log?: (line: string) => void
  /** The record's folder is named after this (default: the key): save and restore must agree. */
  slot?: string
}

/**
 * What a look-up brought back: `hit` with the key that matched; `unknown` when nothing came
 * back (a miss, or a failure: the toolkit does not say which; `failed` when we saw it fail);
 * `off` when there is no cache service to ask (or the key is one the service would refuse).
 */
export type Lookup<T = string> = { kind: 'hit'; value: T } | { kind: 'unknown'; failed: boolean } | { kind: 'off' }

/** Set when a cache call was cut off by its timeout: the toolkit's retries may still be running. */
let abandoned = false
/** Set after the first failure we saw: the service is not there for this run, so no further call is made. */
let broken: string | undefined

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

/** Saves `paths` under `key`; true when the toolkit saved it, false otherwise (the toolkit's own line says why). */
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
    return cache.saveCache(paths, key)
  })
  if (outcome.kind === 'done') return outcome.value !== -1
  broken = describeFailure(outcome)
  warn(`Cache not saved (${key}): ${broken}; the step goes on without the cache.`)
  return false
}

/** Restores `paths` from the entry `primaryKey` names (else the newest whose key starts with a restore key, in order). */
export async function restoreEntry(paths: string[], primaryKey: string, restoreKeys: string[] = [], options: CacheCallOptions = {}): Promise<Lookup> {
  const warn = options.log ?? (() => {})
  if (broken) return { kind: 'unknown', failed: true }
  const keyProblem = [primaryKey, ...restoreKeys].map(checkKey).find(Boolean)
  if (keyProblem) {
    warn(`Cache not read: ${keyProblem}.`)
    return { kind: 'off' }
  }
  const problem = cacheUnavailableReason()
  if (problem) {
    broken = problem
    warn(`Cache not read: ${problem}; the step goes on without the cache.`)
    return { kind: 'off' }
  }
  const outcome = await bounded(options.timeoutMs, async () => {
    const cache = await import('@actions/cache')
    return cache.restoreCache(paths, primaryKey, restoreKeys)
  })
  if (outcome.kind === 'done') return outcome.value === undefined ? { kind: 'unknown', failed: false } : { kind: 'hit', value: outcome.value }
  broken = describeFailure(outcome)
  warn(`Cache not read (${primaryKey}): ${broken}; the step goes on without the cache.`)
  return { kind: 'unknown', failed: true }
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

/** Restores a JSON record saved by `saveJson` under `key` (or, newest first, a `restoreKeys` prefix); `value` is the record and `key` the entry's key. */
export async function restoreJson(key: string, options: CacheCallOptions = {}, restoreKeys: string[] = []): Promise<Lookup<{ key: string; record: unknown }>> {
  const dir = await recordDir(options.slot ?? key)
  try {
    const found = await restoreEntry([dir], key, restoreKeys, options)
    if (found.kind !== 'hit') return found
    try {
      return { kind: 'hit', value: { key: found.value, record: JSON.parse(await readFile(join(dir, 'record.json'), 'utf8')) } }
    } catch {
      options.log?.(`Cache entry ${found.value} held no readable record; ignored.`)
      return { kind: 'unknown', failed: true }
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
    (error: unknown): Outcome<T> => ({ kind: 'error', error })
  )
  try {
    const outcome = await Promise.race([run, timeout])
    if (outcome.kind === 'timeout') abandoned = true
    return outcome
  } finally {
    clearTimeout(timer)
  }
}

function describeFailure(outcome: Exclude<Outcome<unknown>, { kind: 'done' }>): string {
  if (outcome.kind === 'timeout') return `no answer within ${Math.round(outcome.ms / 1000)} s`
  return oneLine(outcome.error instanceof Error ? outcome.error.message : String(outcome.error))
}

function oneLine(text: string): string {
  return cleanText(text, 203)
}
