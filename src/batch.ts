/**
 * Many videos in one step: every entry submitted, waited for and delivered by one runner.
 *
 * - At most `maxConcurrency` tasks are queued or running at once; a slot frees when a task
 *   ends (before its download), so the next entry is submitted while the video comes down.
 * - Each entry keeps the single-video rules: a 429 waits, an unknown outcome is never re-sent
 *   and ends that entry only; the other entries go on.
 * - Each live task is polled on its own schedule (wait.ts); each finished video is saved as
 *   soon as it is ready, as `<name>.mp4`, and attached to the release when asked.
 * - `signal` stops everything (cancel, the step's `timeout`); what was created is kept in the
 *   states, so the caller can list every task id.
 */
import type { ApiResult, ClientOptions, VideoClient } from './client.js'
import type { Delivered } from './deliver.js'
import { errorMessage } from './errors.js'
import type { Config } from './inputs.js'
import { cleanText } from './redact.js'
import type { ReleaseTarget } from './release.js'
import { abortableSleep } from './retry.js'
import type { Status } from './status.js'
import type { Timings } from './wait.js'
import type { CachedResult, ReuseContext } from './reuse.js'

export interface BatchEntry {
  name: string
  /** The entry's own config: its request, or the `task-id` it collects. */
  config: Config
}

export interface EntryState extends Partial<Delivered> {
  name: string
  taskId?: string
  status?: Status
  progress?: number
  error?: string
  timings?: Timings
  /** The last task object, as returned. */
  response?: string
  /** Whether this run created the task (rather than collecting a given `task-id`). */
  created?: boolean
  /** The video came from GitHub's cache: nothing was sent to PowerTokens. */
  cacheHit?: boolean
}

export interface BatchOptions {
  entries: readonly BatchEntry[]
  /** Step-wide settings (base-url, key, retries, waiting, output-path, release). */
  step: Config
  maxConcurrency: number
  /** The step's `timeout` (epoch ms). */
  deadline: number
  /** Absolute folder for `<name>.mp4`, or undefined when nothing is saved. */
  outputDir?: string
  tempDir: string
  release?: ReleaseTarget
  makeClient: (options: Pick<ClientOptions, 'log'>) => VideoClient
  log: (line: string) => void
  warn: (line: string) => void
  show: (abs: string) => string
  /** Told whenever an entry's state changes (outputs, cache records). */
  onChange?: (state: EntryState) => void
  signal: AbortSignal
  /** Filled in entry order as the batch runs (the caller reads it after a cancel). */
  states?: EntryState[]
  /** Per entry name: its identity for the re-run record and the result cache (reuse.ts). */
  reuse?: ReadonlyMap<string, ReuseContext>
  /** Per entry name: its video, restored from the cache. */
  hits?: ReadonlyMap<string, CachedResult>
}

/** A counting semaphore whose waits end on abort. */
class Slots {
  private free: number
  private readonly waiting: Array<() => void> = []

  constructor(size: number) {
    this.free = size
  }

  async acquire(signal: AbortSignal): Promise<void> {
    if (this.free > 0) {
      this.free--
      return
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiting.indexOf(grant)
        if (i >= 0) this.waiting.splice(i, 1)
        reject(signal.reason)
      }
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(grant)
    })
  }

  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.free++
  }
}

/**
 * Videos saved at once. A download runs at hundreds of MB/s (a 50 MB video in well under a
 * second), so one at a time costs no wall time worth counting, while parallel ones each hold
 * their socket and write buffers: ten 50 MB videos peak at 77 MB RSS one by one, 137 MB two by two.
 */
export const DOWNLOADS_AT_ONCE = 1

export async function runBatch(o: BatchOptions): Promise<EntryState[]> {
  const states: EntryState[] = o.states ?? []
  states.push(...o.entries.map((e) => ({ name: e.name })))
  const slots = new Slots(Math.max(1, o.maxConcurrency))
  const downloads = new Slots(DOWNLOADS_AT_ONCE)
  const remembering: Array<Promise<void>> = []
  await Promise.all(o.entries.map((entry, i) => runEntry(o, entry, states[i] as EntryState, slots, downloads, remembering)))
  await Promise.all(remembering)
  return states
}

async function runEntry(o: BatchOptions, entry: BatchEntry, state: EntryState, slots: Slots, downloads: Slots, remembering: Array<Promise<void>>): Promise<void> {
  const { config } = entry
  const tag = `[${entry.name}]`
  const log = (line: string): void => o.log(`${tag} ${line}`)
  const client = o.makeClient({ log: (line) => o.warn(`${tag} ${line}`) })
  const changed = (): void => o.onChange?.(state)
  const record = (result: ApiResult): void => {
    state.status = result.task.status
    state.progress = result.task.progress
    state.response = result.raw.trim()
    changed()
  }
  let holding = false
  const reuse = o.reuse?.get(entry.name)
  const hit = o.hits?.get(entry.name)
  try {
    if (hit) return await fromCache(o, entry, state, hit, log, changed)
    let result: ApiResult | undefined
    let collect = config.taskId
    if (collect === undefined && reuse && o.step.resume) {
      const { findPreviousTask } = await import('./reuse.js')
      const previous = await findPreviousTask(reuse)
      if (previous) {
        const earlier = await client.getTask(previous.taskId).catch(() => undefined)
        const ended = earlier?.task.status === 'failed' || earlier?.task.status === 'cancelled' || earlier?.task.status === 'expired'
        if (earlier && !ended) {
          log(`Task ${previous.taskId} was created by attempt ${previous.attempt} of this run; collecting it instead of paying for a new one.`)
          collect = previous.taskId
          result = earlier
        } else log(`Task ${previous.taskId} from attempt ${previous.attempt} of this run ${earlier ? `ended ${earlier.task.status}` : 'is unknown to PowerTokens'}; submitting the request again.`)
      }
    }
    if (collect !== undefined) {
      state.taskId = collect
      if (!result) {
        log(`Collecting task ${collect}.`)
        result = await client.getTask(collect)
      }
    } else if (o.step.apiKey === '') {
      throw new Error('Input `api-key` is required: the cache had no video for this entry.')
    } else {
      await slots.acquire(o.signal)
      holding = true
      log('Submitting.')
      result = await client.submit(config.request!.body)
      state.taskId = result.task.id
      state.created = true
      log(`Created task ${state.taskId} (${result.task.rawStatus ?? 'no status'}).`)
      if (reuse && o.step.resume) remembering.push(import('./reuse.js').then((r) => r.rememberTask(reuse, result!.task.id!)))
    }
    record(result)
    const { waitForTask } = await import('./wait.js')
    const waited = await waitForTask({
      client,
      taskId: state.taskId!,
      timeoutMs: o.step.timeoutMs,
      deadline: o.deadline,
      pollIntervalMs: o.step.pollIntervalMs,
      initial: result,
      log,
      onUpdate: record,
      sleep: abortableSleep(o.signal)
    })
    state.timings = waited.timings
    // The task has ended: its slot goes to the next entry while this video comes down.
    if (holding) {
      holding = false
      slots.release()
    }
    const { deliver } = await import('./deliver.js')
    const { join } = await import('node:path')
    const { lastFramePath } = await import('./paths.js')
    await downloads.acquire(o.signal)
    try {
      await deliver({
        client,
        task: waited.result.task,
        taskId: state.taskId!,
        dest: o.outputDir !== undefined ? join(o.outputDir, `${entry.name}.mp4`) : o.step.cache ? join(o.tempDir, `${entry.name}.mp4`) : undefined,
        tempDir: o.tempDir,
        lastFramePath: (video) => lastFramePath(video),
        maxRetries: o.step.maxRetries,
        timeoutMs: o.step.requestTimeoutMs,
        deadline: o.deadline,
        release: o.release && { target: o.release, token: o.step.githubToken, tag: o.step.releaseTag, assetName: `${entry.name}.mp4` },
        log,
        warn: (line) => o.warn(`${tag} ${line}`),
        show: o.show,
        record: (fact) => {
          Object.assign(state, fact)
          changed()
        },
        signal: o.signal
      })
    } finally {
      downloads.release()
    }
    if (o.step.cache && reuse && state.videoPath) {
      const { saveResult } = await import('./reuse.js')
      if (await saveResult(reuse, { response: state.response ?? '{}', videoFile: state.videoPath, lastFrameFile: state.lastFramePath })) log("Kept the video in GitHub's cache.")
    }
  } catch (err) {
    // A GitHub call cut off by the step's timeout says itself what was left undone (and where the paid video is).
    const stopped = o.signal.aborted && !(err instanceof Error && err.name === 'ReleaseError')
    if (stopped) {
      state.error = state.taskId ? 'stopped before the task ended' : 'stopped before the task was created'
    } else {
      // "Task <id> failed: <reason>" says the id and the status twice beside the entry's own.
      state.error = cleanText(errorMessage(err), 1000).replace(/^Task \S+ (failed: |was cancelled: |expired before it ran: )?/, '')
    }
    state.status ??= 'failed'
    if (!stopped) log(`Failed: ${state.error}`)
    changed()
  } finally {
    if (holding) slots.release()
  }
}

/** An entry whose video came from the cache: placed where a made one would be, attached to the release. */
async function fromCache(o: BatchOptions, entry: BatchEntry, state: EntryState, hit: CachedResult, log: (line: string) => void, changed: () => void): Promise<void> {
  const { cachedTask, place } = await import('./reuse.js')
  const { checkLink } = await import('./deliver.js')
  const { join } = await import('node:path')
  const { lastFramePath } = await import('./paths.js')
  const task = await cachedTask(hit)
  Object.assign(state, { taskId: task.id, status: 'succeeded', cacheHit: true, response: hit.response.trim() })
  log(`The video came from GitHub's cache (made by task ${task.id ?? 'unknown'}); nothing was sent to PowerTokens.`)
  const link = checkLink(task.videoUrl, 'video', (line) => o.warn(`[${entry.name}] ${line}`))
  if (link) state.videoUrl = link
  const dest = join(o.outputDir ?? o.tempDir, `${entry.name}.mp4`)
  await place(hit.videoFile, dest)
  state.videoPath = dest
  if (hit.lastFrameFile && o.outputDir !== undefined) {
    await place(hit.lastFrameFile, lastFramePath(dest))
    state.lastFramePath = lastFramePath(dest)
  }
  if (o.release) {
    const { uploadToRelease } = await import('./release.js')
    const asset = await uploadToRelease(
      { token: o.step.githubToken, file: dest, name: `${entry.name}.mp4`, contentType: 'video/mp4', tag: o.step.releaseTag, log, timeoutMs: o.step.requestTimeoutMs, deadline: o.deadline, signal: o.signal },
      o.release
    )
    state.releaseAssetUrl = asset.url
  }
  changed()
}

/** `results`: one object per entry, in entry order, with the fields that apply. */
export function resultsOf(states: readonly EntryState[]): Array<Record<string, string>> {
  return states.map((s) => {
    const r: Record<string, string> = { name: s.name }
    const put = (key: string, value: string | undefined): void => {
      if (value !== undefined) r[key] = value
    }
    put('task-id', s.taskId)
    put('status', s.status ?? 'unknown')
    put('video-url', s.videoUrl)
    put('video-path', s.videoPath)
    put('last-frame-url', s.lastFrameUrl)
    put('last-frame-path', s.lastFramePath)
    put('release-asset-url', s.releaseAssetUrl)
    put('error', s.error)
    put('cache-hit', s.cacheHit ? 'true' : 'false')
    return r
  })
}

/** Did this entry deliver what was asked? */
export function succeeded(s: EntryState): boolean {
  return s.status === 'succeeded' && s.error === undefined
}

/** The step's failure: each entry that did not succeed, with its reason and task id. */
export function batchFailure(states: readonly EntryState[]): string | undefined {
  const failed = states.filter((s) => !succeeded(s))
  if (failed.length === 0) return undefined
  const parts = failed.map((s) => `${s.name} (${s.taskId ? `task ${s.taskId}, ` : 'no task, '}${s.status ?? 'failed'}${s.error ? `: ${s.error.replace(/\.$/, '')}` : ''})`)
  return `${failed.length} of ${states.length} batch ${states.length === 1 ? 'entry' : 'entries'} did not succeed: ${parts.join('; ')}.`
}

/** After a cancel or timeout: every created task, and the batch entries that collect them. */
export function collectAdvice(states: readonly EntryState[]): string[] {
  const live = states.filter((s) => s.taskId !== undefined && !succeeded(s))
  if (live.length === 0) return []
  return [
    'These tasks go on; collect them later (within 7 days) with these batch entries:',
    ...live.map((s) => `  - { name: ${s.name}, task-id: ${s.taskId} }`)
  ]
}
