/**
 * Where the single video comes from, and how what is learnt about it reaches the report and
 * the outputs: a submit, a given `task-id`, the task an earlier attempt of this run created
 * (`resume`), or a video restored from GitHub's cache (`cache`).
 */
import { join } from 'node:path'
import type { ApiResult, VideoClient } from './client.js'
import type { Delivered } from './deliver.js'
import { ApiError } from './errors.js'
import { displayPath } from './format.js'
import type { Config } from './inputs.js'
import type { Outputs } from './outputs.js'
import { shortenDataUrls } from './redact.js'
import type { GithubLimits, ReleaseTarget } from './release.js'
import type { CachedResult, ReuseContext } from './reuse.js'
import type { RunnerIO } from './runner-io.js'
import type { Report } from './summary.js'

export async function findRelease(io: RunnerIO, config: Config, limits: GithubLimits = {}): Promise<ReleaseTarget> {
  const { findRelease: find } = await import('./release.js')
  const target = await find({ token: config.githubToken, tag: config.releaseTag, timeoutMs: config.requestTimeoutMs, ...limits })
  io.info(`The video will be attached to release ${target.release.tag_name ?? target.release.id}.`)
  return target
}

export interface Submitted {
  result: ApiResult
  /** The re-run record being saved (it overlaps the wait); never rejects. */
  remembering: Promise<void>
}

export async function submitOrAttach(io: RunnerIO, config: Config, client: VideoClient, report: Report, outputs: Outputs, reuse?: ReuseContext): Promise<Submitted> {
  const none = Promise.resolve()
  if (config.taskId !== undefined) {
    report.taskId = config.taskId
    outputs.set('task-id', config.taskId)
    io.info(`Reading task ${config.taskId} from ${config.baseUrl}.`)
    return { result: await client.getTask(config.taskId), remembering: none }
  }
  if (reuse && config.resume) {
    const { findPreviousTask } = await import('./reuse.js')
    const previous = await findPreviousTask(reuse)
    if (previous) {
      const earlier = await client.getTask(previous.taskId).catch((err: unknown) => {
        if (err instanceof ApiError && err.kind === 'not-found') return undefined
        throw err
      })
      const status = earlier?.task.status
      if (earlier && status !== 'failed' && status !== 'cancelled' && status !== 'expired') {
        report.taskId = previous.taskId
        outputs.set('task-id', previous.taskId)
        io.info(`Task ${previous.taskId} was created by attempt ${previous.attempt} of this run; collecting it instead of paying for a new one.`)
        return { result: earlier, remembering: none }
      }
      io.info(`Task ${previous.taskId} from attempt ${previous.attempt} of this run ${earlier ? `ended ${status}` : 'is unknown to PowerTokens'}; submitting the request again.`)
    }
  }
  const body = config.request!.body
  outputs.set('request', JSON.stringify(shortenDataUrls(body)))
  io.info(`Submitting to ${config.baseUrl}/v1/videos: ${describeRequest(config)}.`)
  const result = await client.submit(body)
  report.taskId = result.task.id
  outputs.set('task-id', result.task.id!)
  io.info(`Created task ${result.task.id} (${result.task.rawStatus ?? 'no status'}).`)
  const remembering = reuse && config.resume ? import('./reuse.js').then((r) => r.rememberTask(reuse, result.task.id!)) : none
  return { result, remembering }
}

/** Each delivered fact goes to the report and to its output at once. */
export function delivered(report: Report, fact: Partial<Delivered>, outputs: Outputs, workspace: string): void {
  if (fact.videoUrl !== undefined) {
    report.videoUrl = fact.videoUrl
    outputs.set('video-url', fact.videoUrl)
  }
  if (fact.lastFrameUrl !== undefined) {
    report.lastFrameUrl = fact.lastFrameUrl
    outputs.set('last-frame-url', fact.lastFrameUrl)
  }
  if (fact.videoPath !== undefined) {
    report.videoFile = fact.videoPath
    report.videoPath = displayPath(fact.videoPath, workspace)
    outputs.set('video-path', fact.videoPath)
  }
  if (fact.lastFramePath !== undefined) {
    report.lastFrameFile = fact.lastFramePath
    report.lastFramePath = displayPath(fact.lastFramePath, workspace)
    outputs.set('last-frame-path', fact.lastFramePath)
  }
  if (fact.releaseAssetUrl !== undefined) {
    report.releaseAssetUrl = fact.releaseAssetUrl
    outputs.set('release-asset-url', fact.releaseAssetUrl)
  }
}

/** A video restored from GitHub's cache: every output a finished run sets, nothing sent to PowerTokens. */
export async function deliverCached(io: RunnerIO, config: Config, hit: CachedResult, report: Report, outputs: Outputs, limits: GithubLimits = {}): Promise<void> {
  const { cachedTask, place } = await import('./reuse.js')
  const { videoPath, lastFramePath } = await import('./paths.js')
  const { checkLink } = await import('./deliver.js')
  const task = await cachedTask(hit)
  const id = task.id ?? 'cached'
  const workspace = config.workspace
  report.cacheHit = true
  report.taskId = task.id
  report.status = 'succeeded'
  if (task.id) outputs.set('task-id', task.id)
  outputs.set('status', 'succeeded')
  outputs.set('response', hit.response.trim())
  io.info(`The video for this request came from GitHub's cache (made by task ${id}); nothing was sent to PowerTokens.`)
  const link = checkLink(task.videoUrl, 'video', (line) => io.warning(line))
  const fact = (f: Partial<Delivered>): void => delivered(report, f, outputs, workspace)
  if (link) fact({ videoUrl: link })
  const dest = config.outputPath !== undefined ? videoPath(config.outputPath, id, workspace) : join(config.runnerTemp, `${id.replace(/[^\w.-]/g, '_')}.mp4`)
  await place(hit.videoFile, dest)
  fact({ videoPath: dest })
  io.info(`Saved the video to ${displayPath(dest, workspace)}.`)
  if (hit.lastFrameFile && config.outputPath !== undefined) {
    const frame = lastFramePath(dest)
    await place(hit.lastFrameFile, frame)
    fact({ lastFramePath: frame })
  }
  if (config.uploadToRelease) {
    const release = await findRelease(io, config, limits)
    const { defaultAssetName, uploadToRelease } = await import('./release.js')
    const name = config.releaseAssetName ?? defaultAssetName(release, dest, `${id.replace(/[^\w.-]/g, '_')}.mp4`)
    const asset = await uploadToRelease(
      { token: config.githubToken, file: dest, name, contentType: 'video/mp4', tag: config.releaseTag, log: (line) => io.info(line), timeoutMs: config.requestTimeoutMs, ...limits },
      release
    )
    fact({ releaseAssetUrl: asset.url })
    io.info(`Attached ${name} to the release: ${asset.url}`)
  }
}

export function describeRequest(config: Pick<Config, 'request'>): string {
  const body = config.request!.body
  const types = body.media.map((m) => m.type)
  const counts = [...new Set(types)].map((t) => `${types.filter((x) => x === t).length} ${t}`)
  const extras = (['seconds', 'size', 'ratio'] as const).filter((k) => body[k] !== undefined).map((k) => `${k} ${body[k]}`)
  return [`model ${body.model}`, `media ${counts.join(', ')}`, ...extras].join('; ')
}

/** Keeps `status` and `response` current to the last answer. */
export function record(report: Report, result: ApiResult, outputs: Outputs): void {
  const { task } = result
  report.status = task.status
  report.progress = task.progress
  outputs.set('status', task.status)
  outputs.set('response', result.raw.trim())
}
