/**
 * One scheduler for one video or many: every entry's workspace files checked, its identity
 * and cached video looked up, the key required only where something must be sent, one dry
 * run, one release lookup; then each entry's pipeline (pipeline.ts), at most `maxConcurrency`
 * tasks queued or running at once. A single step is a run of one entry.
 */
import { curlCommand } from '../step/dry-run.js'
import { InputError } from '../errors.js'
import { API_KEY_REQUIRED, type Config } from './config.js'
import { FramePromise } from './chain.js'
import { runEntry, type RunContext } from './pipeline.js'
import { type EntryState, type VideoEntry } from './entry.js'
import { Slots } from './slots.js'
import { shortenDataUrls } from '../redact.js'
import { CHAIN_PREFIX } from './request.js'
import type { ReleaseTarget } from '../delivery/release.js'
import type { VideoClient } from '../api/client.js'
import type { RemoteMedia } from '../local/remote-media.js'
import { isLoopbackHost } from '../http/url-policy.js'

/**
 * Videos saved at once. A download runs at hundreds of MB/s (a 50 MB video in well under a
 * second), so one at a time costs no wall time worth counting, while parallel ones each hold
 * their socket and write buffers: ten 50 MB videos peak at 77 MB RSS one by one, 137 MB two by two.
 */
export const DOWNLOADS_AT_ONCE = 1

export interface Logs {
  info: (line: string) => void
  warn: (line: string) => void
  debug: (line: string) => void
}

/**
 * Checks every entry's workspace files (they stay open until `closeEntries`). Returns one
 * sentence per entry whose files break a rule, each after `label(entry)`; checks them all.
 */
export async function checkEntryFiles(entries: readonly VideoEntry[], step: Config, label: (entry: VideoEntry) => string, log: (line: string) => void): Promise<string[]> {
  const problems: string[] = []
  const withFiles = entries.filter((e) => e.config.request && e.config.request.locals.length > 0)
  if (withFiles.length === 0) return problems
  const { checkLocalMedia } = await import('../local/media.js')
  for (const e of withFiles) {
    try {
      e.checked = await checkLocalMedia(e.config.request!.locals, { workspace: step.workspace, runnerTemp: step.runnerTemp }, log)
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      problems.push(`${label(e)}${err.message}`)
    }
  }
  return problems
}

/** Closes the files `checkEntryFiles` opened. */
export async function closeEntries(entries: readonly VideoEntry[]): Promise<void> {
  if (!entries.some((e) => e.checked.length > 0)) return
  const { closeLocalMedia } = await import('../local/media.js')
  for (const e of entries) await closeLocalMedia(e.checked)
}

/**
 * Never pay twice (reuse.ts): each entry's identity (its workspace files by content), then its
 * cached video, before any upload. Then the key: refused before anything is sent unless every
 * entry came from the cache.
 */
export async function lookUpReuse(entries: readonly VideoEntry[], step: Config, warn: (line: string) => void): Promise<void> {
  if (step.dryRun) return
  if (step.resume || step.cache) {
    const { requestIdentity } = await import('../reuse/request-identity.js')
    const { restoreResult } = await import('../reuse/reuse.js')
    const byName = new Map(entries.map((e) => [e.name, e]))
    const identities = new Map<string, string>()
    // An entry that follows another counts that entry's identity, never its link (new on every run).
    const identityOf = (e: VideoEntry): string => {
      let id = identities.get(e.name)
      if (id !== undefined) return id
      const before = e.after !== undefined ? byName.get(e.after) : undefined
      const after = before === undefined ? undefined : before.config.request ? identityOf(before) : `task:${before.config.taskId ?? ''}`
      id = requestIdentity({ baseUrl: e.config.baseUrl, body: e.config.request!.body, localFiles: new Map(e.checked.map((c) => [c.index, c.info.sha256])), after })
      identities.set(e.name, id)
      return id
    }
    for (const e of entries) {
      if (!e.config.request) continue
      e.reuse = {
        identity: identityOf(e),
        runId: step.runId,
        job: step.job,
        attempt: Number(step.runAttempt) || 1,
        entry: e.name,
        runnerTemp: step.runnerTemp,
        warn
      }
      if (step.cache) e.hit = await restoreResult(e.reuse)
    }
  }
  const missing = entries.filter((e) => !e.hit)
  if (step.apiKey === '' && missing.length > 0) {
    const which = entries.length === 1 ? 'this request' : `batch ${missing.length === 1 ? 'entry' : 'entries'} ${missing.map((e) => `"${e.name}"`).join(', ')}`
    throw new InputError(`${API_KEY_REQUIRED.replace(/\.$/, '')}; the cache had no video for ${which}.`)
  }
}

/** The dry run: each entry's exact body and an equivalent curl; nothing is sent. */
export async function dryRun(entries: readonly VideoEntry[], step: Config, info: (line: string) => void): Promise<void> {
  const place = placer(step, Date.now() + step.timeoutMs, new AbortController().signal, info)
  const linksSaid = new Set<string>()
  for (const e of entries) {
    const log = (line: string): void => info(`${e.tag}${line}`)
    if (e.config.taskId !== undefined) {
      log(`Dry run: would read task ${e.config.taskId} from ${step.baseUrl}/v1/videos/${e.config.taskId}; nothing was sent.`)
      continue
    }
    await place(e)
    const asAsset = e.config.remoteMediaAs === 'asset'
    if (asAsset) (await import('../local/remote-media.js')).planRemote(e.config.request!.body, e.config.request!, linksSaid, step.assetBaseUrl, log)
    if (e.after !== undefined) {
      const how = asAsset ? ', fetched and uploaded to the Asset Library' : ''
      log(`first frame: the last frame of \`${e.after}\`, once it has succeeded${how} (shown below as ${CHAIN_PREFIX}${e.after}).`)
    }
    const body = e.config.request!.body
    const shown = JSON.stringify(shortenDataUrls(body), null, 2)
    log(`${e.tag === '' ? 'Dry run: the request is valid; nothing was sent. Body' : 'body'} of POST ${step.baseUrl}/v1/videos:`)
    info(shown)
    log(e.tag === '' ? 'The same request with curl (export POWERTOKENS_API_KEY first):' : 'the same request with curl:')
    info(curlCommand(step.baseUrl, shown))
    if (shown !== JSON.stringify(body, null, 2)) log('(Long data: URLs are shortened above; the real body carries them whole.)')
  }
}

/** The release the videos go to, found and proven writable before anything is paid for. */
export async function findRelease(step: Config, count: number, info: (line: string) => void, deadline: number, signal: AbortSignal): Promise<ReleaseTarget> {
  const { findRelease: find } = await import('../delivery/release.js')
  const target = await find({ token: step.githubToken, tag: step.releaseTag, timeoutMs: step.requestTimeoutMs, deadline, signal })
  info(`The ${count === 1 ? 'video' : 'videos'} will be attached to release ${target.release.tag_name ?? target.release.id}.`)
  return target
}

/** Each entry's workspace files placed by one placer: a file named by many entries is uploaded once. */
function placer(step: Config, deadline: number, signal: AbortSignal, log: (line: string) => void): (entry: VideoEntry) => Promise<Record<string, string>> {
  let shared: Promise<{ place: (entry: VideoEntry) => Promise<Record<string, string>> }> | undefined
  const make = async (): Promise<{ place: (entry: VideoEntry) => Promise<Record<string, string>> }> => {
    const { Placer } = await import('../local/media.js')
    const { USER_AGENT } = await import('../api/client.js')
    const p = new Placer({
      imagesAs: step.localImagesAs,
      dryRun: step.dryRun,
      log,
      library: {
        baseUrl: step.assetBaseUrl,
        apiKey: step.apiKey,
        groupId: step.assetGroupId,
        userAgent: USER_AGENT,
        timeoutMs: step.requestTimeoutMs,
        maxRetries: step.maxRetries,
        deadline,
        signal
      }
    })
    return { place: (e) => p.place(e.config.request!.body, e.checked) }
  }
  return async (entry) => {
    if (entry.checked.length === 0) return {}
    shared ??= make()
    return (await shared).place(entry)
  }
}

export interface RunOptions {
  entries: readonly VideoEntry[]
  step: Config
  maxConcurrency: number
  deadline: number
  signal: AbortSignal
  release?: ReleaseTarget
  logs: Logs
  workspace: string
  /** Filled in entry order as the run goes (the caller reads it after a cancel). */
  states: EntryState[]
  /** Told whenever an entry's state changes. */
  changed?: (state: EntryState) => void
}

/** Runs every entry's pipeline; resolves when each has ended (they never throw). */
export async function runEntries(o: RunOptions): Promise<EntryState[]> {
  o.states.push(...o.entries.map((e) => ({ name: e.name, ...(e.estimate ? { estimatedTokens: e.estimate.tokens } : {}) })))
  const { VideoClient } = await import('../api/client.js')
  const { step } = o
  const ctx: RunContext = {
    deadline: o.deadline,
    signal: o.signal,
    release: o.release,
    slots: new Slots(Math.max(1, o.maxConcurrency)),
    downloads: new Slots(DOWNLOADS_AT_ONCE),
    client: (log): VideoClient =>
      new VideoClient({
        baseUrl: step.baseUrl,
        apiKey: step.apiKey,
        timeoutMs: step.requestTimeoutMs,
        maxRetries: step.maxRetries,
        // Retries are progress, not something the user must act on: info, not warnings.
        log,
        debug: o.logs.debug,
        signal: o.signal,
        deadline: o.deadline
      }),
    place: placer(step, o.deadline, o.signal, o.logs.info),
    workspace: o.workspace,
    info: o.logs.info,
    warn: o.logs.warn,
    changed: (state) => o.changed?.(state),
    remembering: [],
    frames: new Map(o.entries.map((e) => [e.name, new FramePromise()])),
    roots: { workspace: step.workspace, runnerTemp: step.runnerTemp }
  }
  const remote = await fetchRemote(o, ctx)
  try {
    // Every file (workspace or fetched) uploaded before any entry is submitted: a failed upload costs no
    // task. An entry that follows another places its frame when it starts; the rest place again at once.
    for (const e of o.entries) {
      if (!e.hit && e.after === undefined && e.config.taskId === undefined && e.checked.length > 0) await ctx.place(e)
    }
    await Promise.all(o.entries.map((entry, i) => runEntry(ctx, entry, o.states[i]!)))
    await Promise.all(ctx.remembering)
  } finally {
    await remote?.close()
  }
  return o.states
}

/**
 * `remote-media-as: asset`: every entry's media links fetched (each link once for the step) and
 * checked before any entry starts, so a bad link fails the step before anything is paid for; the
 * Placer then uploads them with the workspace files. Chained entries get their last frame the same way.
 */
async function fetchRemote(o: RunOptions, ctx: RunContext): Promise<RemoteMedia | undefined> {
  const todo = o.entries.filter((e) => e.config.remoteMediaAs === 'asset' && e.config.request && e.config.taskId === undefined && !e.hit)
  if (todo.length === 0) return undefined
  const { RemoteMedia, remoteItems } = await import('../local/remote-media.js')
  const { checkTotals } = await import('../local/limits.js')
  const { USER_AGENT } = await import('../api/client.js')
  const { step } = o
  const remote = new RemoteMedia({
    runnerTemp: step.runnerTemp,
    userAgent: USER_AGENT,
    timeoutMs: step.requestTimeoutMs,
    maxRetries: step.maxRetries,
    deadline: o.deadline,
    signal: o.signal,
    allowLoopback: isLoopbackHost(new URL(step.baseUrl).hostname),
    log: o.logs.info
  })
  ctx.fetchFrame = (url, index) => remote.check({ index, url, type: 'first_frame', input: 'first-frame' })
  const problems: string[] = []
  try {
    for (const e of todo) {
      try {
        for (const item of remoteItems(e.config.request!)) e.checked.push(await remote.check(item))
        checkTotals(e.checked.map((c) => c.info)) // 15 s of reference clips in all, links and files together
      } catch (err) {
        if (!(err instanceof InputError) || o.signal.aborted) throw err
        problems.push(`${e.tag === '' ? '' : `Batch entry "${e.name}": `}${err.message}`)
      }
    }
  } catch (err) {
    await remote.close()
    throw err
  }
  if (problems.length > 0) {
    await remote.close()
    const more = problems.length > 1 ? ` (${problems.length - 1} more ${problems.length === 2 ? 'link fails' : 'links fail'} too; nothing was submitted)` : ''
    throw new InputError(`${problems[0]!.replace(/\.$/, '')}${more}.`)
  }
  return remote
}
