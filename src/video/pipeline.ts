/**
 * One video's life, written once: cached delivery, or the earlier attempt's task, or a given
 * `task-id`, or workspace files placed and a submit; then the wait, the delivery and the cache
 * save. A single step is a batch of one entry through this same code (run-entries.ts runs
 * many); the step layers only map an entry's state to their outputs and summary.
 *
 * Everything learnt is written to the entry's state at once and `changed` is told, so a later
 * failure loses nothing: a created task is always in the state with its id.
 */
import type { ApiResult, VideoService } from '../api/client.js'
import { ApiError, errorMessage, ReleaseError, StepError, TaskError } from '../errors.js'
import { displayPath } from '../format.js'
import { cleanText } from '../redact.js'
import { displayLinks } from '../http/url-policy.js'
import type { ReleaseTarget } from '../delivery/release.js'
import { abortableSleep } from '../http/retry.js'
import { cachedTask, copyCached, findPreviousTask, rememberTask, saveResult, type CachedResult } from '../reuse/reuse.js'
import { attach, deliver } from '../delivery/deliver.js'
import { checkLink } from '../api/task.js'
import { lastFramePath } from '../delivery/paths.js'
import { waitForTask } from '../api/wait.js'
import type { VideoRequest } from '../api/request-schema.js'
import { endedUnsuccessfully } from '../api/status.js'
import { NotStarted, startFrom, type ChainContext } from './chain.js'
import { withAssetHint } from './media-hint.js'
import type { Slots } from '../http/slots.js'
import { usedLine } from './bill.js'
import type { EntryState, VideoEntry } from './entry.js'
import type { Config } from './step-settings.js'

/** What every entry of a run shares. */
export interface RunContext extends ChainContext {
  /** The step's settings, read once (every entry's own part is its request or task id). */
  step: Config
  /** The release found (and proven writable) before anything was paid for. */
  release?: ReleaseTarget
  /** Queued or running tasks at once (`max-concurrency`); a slot frees when its task ends. */
  slots: Slots
  /** Videos saved at once. */
  downloads: Slots
  /** A client whose retry lines go to `log`. */
  client: (log: (line: string) => void) => VideoService
  /** Places an entry's workspace files (each distinct file uploaded once for the whole run). */
  uploadMedia: (entry: VideoEntry) => Promise<Record<string, string>>
  workspace: string
  info: (line: string) => void
  warn: (line: string) => void
  changed: (state: EntryState) => void
  /** Re-run records being saved (they overlap the wait); awaited before the step ends. */
  remembering: Array<Promise<void>>
}

/** Runs one entry to its end. Never throws: what went wrong is in `state.error` and `state.failure`. */
export async function runEntry(ctx: RunContext, entry: VideoEntry, state: EntryState): Promise<void> {
  const config = ctx.step
  const log = (line: string): void => ctx.info(`${entry.tag}${line}`)
  const warn = (line: string): void => ctx.warn(`${entry.tag}${line}`)
  const client = ctx.client(log)
  const changed = (): void => ctx.changed(state)
  const record = (result: ApiResult): void => {
    state.status = result.task.status
    state.progress = result.task.progress
    state.response = result.raw.trim()
    if (result.task.tokens !== undefined) state.tokens = result.task.tokens
    changed()
  }
  let holding = false
  const frame = ctx.frames.get(entry.name)
  try {
    if (entry.hit) return await deliverCached(ctx, entry, state, entry.hit, log, warn)
    let result: ApiResult | undefined
    let collect = entry.taskId
    if (collect === undefined && entry.reuse && config.resume) {
      const earlier = await earlierAttempt(entry, state, client, log)
      if (earlier) {
        state.estimatedTokens = 0
        collect = earlier.taskId
        result = earlier.result
      }
    }
    if (collect !== undefined) {
      state.taskId = collect
      changed()
      if (!result) {
        log(`Reading task ${collect} from ${config.baseUrl}.`)
        result = await client.getTask(collect)
      }
    } else {
      // A shot that continues another starts (and takes a slot) only once that one has its last frame.
      if (entry.after !== undefined) await startFrom(ctx, entry, entry.after, log)
      const assets = await ctx.uploadMedia(entry)
      if (Object.keys(assets).length > 0) state.assets = assets
      await ctx.slots.acquire(ctx.budget.signal)
      holding = true
      const body = entry.request!.body
      state.request = displayLinks(body)
      changed()
      log(`Submitting to ${config.baseUrl}/v1/videos: ${describeRequest(body)}.`)
      result = await client.submit(body).catch((err: unknown): never => {
        throw withAssetHint(err, body)
      })
      state.taskId = result.task.id
      state.created = true
      log(`Created task ${state.taskId} (${result.task.rawStatus ?? 'no status'}).`)
      const reuse = entry.reuse
      if (reuse && config.resume) ctx.remembering.push(rememberTask(reuse, state.taskId!))
    }
    record(result)
    if (entry.wait) {
      const waited = await waitForTask({
        client,
        taskId: state.taskId!,
        timeoutMs: config.timeoutMs,
        budget: ctx.budget,
        pollIntervalMs: config.pollIntervalMs,
        initial: result,
        log,
        onUpdate: record,
        sleep: abortableSleep(ctx.budget.signal)
      })
      result = waited.result
      state.timings = waited.timings
      changed()
    }
    // The entries that follow this one may start now, while its video comes down.
    if (frame && result.task.status === 'succeeded') {
      const url = checkLink(result.task.lastFrameUrl, 'last frame', () => undefined)
      frame.settle(url ? { url } : { reason: 'gave no last frame' })
    }
    // The task has ended: its slot goes to the next entry while this video comes down.
    if (holding) {
      holding = false
      ctx.slots.release()
    }
    if (result.task.status !== 'succeeded') return
    if (state.tokens !== undefined) log(usedLine(state.tokens, state.estimatedTokens))
    await ctx.downloads.acquire(ctx.budget.signal)
    try {
      await deliverMade(ctx, entry, state, client, result, log, warn)
    } finally {
      ctx.downloads.release()
    }
  } catch (err) {
    state.failure = err
    // A release upload stopped by the deadline says itself where the paid video is saved.
    state.error =
      ctx.budget.signal.aborted && !(err instanceof ReleaseError)
        ? state.taskId
          ? 'stopped before the task ended'
          : 'stopped before the task was created'
        : // "Task <id> failed: <reason>" would say the id and the status twice beside the entry's own.
          cleanText(err instanceof TaskError ? err.detail : errorMessage(err), 1000)
    state.status ??= 'failed'
    if (entry.inBatch && !ctx.budget.signal.aborted) log(`Failed: ${state.error}`)
    changed()
  } finally {
    if (holding) ctx.slots.release()
    frame?.settle({
      reason:
        state.failure instanceof NotStarted
          ? 'was not started'
          : state.status === 'succeeded'
            ? 'gave no last frame'
            : (state.status ?? 'failed') === 'unknown'
              ? 'did not finish'
              : (state.status ?? 'failed')
    })
  }
}

/**
 * The task an earlier attempt of this run created for this entry, if it may be collected.
 * Only a clear "not found" (or a task that failed, was cancelled or expired) lets the entry be
 * submitted again; anything else (5xx, timeouts, refused connections, the deadline) fails the
 * entry with the task id, since a blind re-submit could pay for the same video twice. So does
 * a cache that cannot say whether an earlier attempt created a task.
 */
async function earlierAttempt(
  entry: VideoEntry,
  state: EntryState,
  client: VideoService,
  log: (line: string) => void
): Promise<{ taskId: string; result: ApiResult } | undefined> {
  const earlierTask = await findPreviousTask(entry.reuse!)
  if (earlierTask.kind === 'unknown') throw new StepError(UNKNOWN_EARLIER_TASK)
  if (earlierTask.kind === 'none') return undefined
  const previous = earlierTask.task
  let earlier: ApiResult | undefined
  try {
    earlier = await client.getTask(previous.taskId)
  } catch (err) {
    if (!(err instanceof ApiError && err.kind === 'not-found')) {
      // The task exists and was paid for: it is reported with its id, whatever happens next.
      state.taskId = previous.taskId
      const how = !entry.inBatch ? `\`task-id: ${previous.taskId}\`` : `the batch entry \`{ name: ${entry.name}, task-id: ${previous.taskId} }\``
      const detail = `from attempt ${previous.attempt} of this run could not be read (${cleanText(errorMessage(err), 300).replace(/\.$/, '')}), so it was not submitted again (that could pay for the same video twice): collect it with ${how} (within 7 days), or re-run when PowerTokens answers.`
      throw new TaskError(`Task ${previous.taskId} ${detail}`, detail)
    }
  }
  const status = earlier?.task.status
  if (earlier && status !== undefined && !endedUnsuccessfully(status)) {
    log(`Task ${previous.taskId} was created by attempt ${previous.attempt} of this run; collecting it instead of paying for a new one.`)
    return { taskId: previous.taskId, result: earlier }
  }
  log(
    `Task ${previous.taskId} from attempt ${previous.attempt} of this run ${earlier ? `ended ${status}` : 'is unknown to PowerTokens'}; submitting the request again.`
  )
  return undefined
}

export const UNKNOWN_EARLIER_TASK =
  "This is a re-run, and GitHub's cache could not say whether an earlier attempt already created a task for this request, so it was not submitted (that could pay for the same video twice): re-run once the cache answers, or set `resume: false` to submit anyway."

/** A finished task: its links, the video saved and attached, then kept in the cache. */
async function deliverMade(
  ctx: RunContext,
  entry: VideoEntry,
  state: EntryState,
  client: VideoService,
  result: ApiResult,
  log: (line: string) => void,
  warn: (line: string) => void
): Promise<void> {
  const config = ctx.step
  const taskId = state.taskId!
  await deliver({
    client,
    task: result.task,
    taskId,
    // With `cache`, the video is saved (to RUNNER_TEMP at least) so it can be kept.
    dest: entry.saveTo?.(taskId) ?? (config.cache ? entry.tempFile(taskId) : undefined),
    tempFile: entry.tempFile(taskId),
    lastFramePath: (video) => lastFramePath(video),
    maxRetries: config.maxRetries,
    timeoutMs: config.requestTimeoutMs,
    budget: ctx.budget,
    release: ctx.release && {
      target: ctx.release,
      token: config.githubToken,
      tag: config.releaseTag,
      assetName: (saved) => entry.assetName(ctx.release!, saved, taskId)
    },
    log,
    warn,
    show: (abs) => displayPath(abs, ctx.workspace),
    record: (fact) => {
      Object.assign(state, fact)
      ctx.changed(state)
    }
  })
  if (config.cache && entry.reuse && state.videoPath) {
    if (await saveResult(entry.reuse, { response: state.response ?? '{}', videoFile: state.videoPath, lastFrameFile: state.lastFramePath })) {
      log("Kept the video in GitHub's cache: the same request will not be paid for again while the entry lives.")
    }
  }
}

/** A video restored from GitHub's cache: placed where a made one would be, attached to the release; nothing sent to PowerTokens. */
async function deliverCached(
  ctx: RunContext,
  entry: VideoEntry,
  state: EntryState,
  hit: CachedResult,
  log: (line: string) => void,
  warn: (line: string) => void
): Promise<void> {
  const task = await cachedTask(hit)
  const id = task.id ?? 'cached'
  Object.assign(state, { taskId: task.id, status: 'succeeded', cacheHit: true, response: hit.response.trim(), tokens: 0 })
  ctx.changed(state)
  log(`The video for this request came from GitHub's cache (made by task ${id}); nothing was sent to PowerTokens.`)
  const link = checkLink(task.videoUrl, 'video', warn)
  if (link) state.videoUrl = link
  const dest = entry.saveTo?.(id) ?? entry.tempFile(id)
  await copyCached(hit.videoFile, dest)
  state.videoPath = dest
  ctx.changed(state)
  log(`Saved the video to ${displayPath(dest, ctx.workspace)}.`)
  if (hit.lastFrameFile && entry.saveTo) {
    const frame = lastFramePath(dest)
    await copyCached(hit.lastFrameFile, frame)
    state.lastFramePath = frame
    ctx.changed(state)
  }
  // A follower gets the frame itself: the cached task's link may have expired.
  ctx.frames.get(entry.name)?.settle(hit.lastFrameFile ? { file: state.lastFramePath ?? hit.lastFrameFile } : { reason: 'has no last frame in the cache' })
  if (ctx.release) {
    const target = ctx.release
    const config = ctx.step
    state.releaseAssetUrl = await attach(
      { target, token: config.githubToken, tag: config.releaseTag, assetName: (saved) => entry.assetName(target, saved, id) },
      dest,
      task.id,
      { log, timeoutMs: config.requestTimeoutMs, maxRetries: config.maxRetries, budget: ctx.budget }
    )
    ctx.changed(state)
  }
}

/** The submit's log line: model, media counts, and the settings given. */
export function describeRequest(body: VideoRequest): string {
  const types = body.media.map((m) => m.type)
  const counts = [...new Set(types)].map((t) => `${types.filter((x) => x === t).length} ${t}`)
  const extras = (['seconds', 'size', 'ratio'] as const).filter((k) => body[k] !== undefined).map((k) => `${k} ${body[k]}`)
  return [`model ${body.model}`, `media ${counts.join(', ')}`, ...extras].join('; ')
}
