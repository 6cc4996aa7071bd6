/**
 * A finished task, delivered: its links, and with `output-path` or `upload-to-release` the
 * video (and last frame) saved and the video attached to the release. Each fact is handed to
 * `record` as soon as it is known, so a later failure loses nothing.
 */
import type { VideoService } from '../api/client.js'
import { USER_AGENT } from '../api/client.js'
import { formatBytes } from '../format.js'
import { uploadToRelease, type ReleaseTarget } from './release.js'
import { download } from '../http/download.js'
import { ApiError } from '../errors.js'
import { checkLink, type Task } from '../api/task.js'
import type { Budget } from '../http/budget.js'

export interface Delivered {
  videoUrl: string
  lastFrameUrl: string
  /** Absolute paths. */
  videoPath: string
  lastFramePath: string
  releaseAssetUrl: string
}

export interface DeliverOptions {
  client: VideoService
  task: Task
  taskId: string
  /** Where to save: the video's absolute path (see paths.ts), or undefined. */
  dest?: string
  /** Where the video goes when it is only needed for the release upload. */
  tempFile: string
  lastFramePath: (video: string) => string
  maxRetries: number
  timeoutMs: number
  /** The step's budget: a cancel or the end of `timeout` stops the download and the upload. */
  budget?: Budget
  release?: ReleaseDelivery
  log: (line: string) => void
  warn: (line: string) => void
  show: (abs: string) => string
  record: (fact: Partial<Delivered>) => void
}

export async function deliver(o: DeliverOptions): Promise<void> {
  const { task, client } = o
  const content = client.url(`/v1/videos/${encodeURIComponent(o.taskId)}/content`)
  const given = checkLink(task.videoUrl, 'video', o.warn)
  if (task.videoUrl !== undefined && given === undefined) o.warn(`Reading the video from ${content} instead.`)
  const videoUrl = given ?? content
  o.record({ videoUrl })
  const lastFrameUrl = checkLink(task.lastFrameUrl, 'last frame', o.warn)
  if (lastFrameUrl) o.record({ lastFrameUrl })
  if (o.dest === undefined && o.release === undefined) return

  const common = {
    credentials: client.credentials(),
    userAgent: USER_AGENT,
    maxRetries: o.maxRetries,
    timeoutMs: o.timeoutMs,
    budget: o.budget,
    log: o.log
  }
  const dest = o.dest ?? o.tempFile
  const saved = await download({ ...common, url: videoUrl, dest, expect: 'mp4' })
  o.record({ videoPath: saved.path })
  o.log(`Saved the video to ${o.show(saved.path)} (${formatBytes(saved.bytes)}).`)

  if (lastFrameUrl && o.dest !== undefined) {
    try {
      const frame = await download({ ...common, url: lastFrameUrl, dest: o.lastFramePath(saved.path), expect: 'image' })
      o.record({ lastFramePath: frame.path })
      o.log(`Saved the last frame to ${o.show(frame.path)}.`)
    } catch (err) {
      // A refused last-frame link costs the paid-for video nothing: it is kept, and the step goes on.
      if (!(err instanceof ApiError && err.kind === 'unsafe-link')) throw err
      o.warn(`The last frame was not saved: ${err.message}`)
    }
  }

  if (o.release) o.record({ releaseAssetUrl: await attach(o.release, saved.path, o.taskId, o) })
}

/** Where a video goes on the release: the release found before anything was paid for, and how to name the asset. */
export interface ReleaseDelivery {
  target: ReleaseTarget
  token: string
  tag?: string
  assetName: (savedFile: string) => string | Promise<string>
}

/** The release upload, written once (a made video and a cached one alike): the asset's link, logged. */
export async function attach(
  release: ReleaseDelivery,
  file: string,
  taskId: string | undefined,
  o: { log: (line: string) => void; timeoutMs: number; maxRetries: number; budget?: Budget }
): Promise<string> {
  const name = await release.assetName(file)
  const asset = await uploadToRelease(
    {
      token: release.token,
      file,
      name,
      contentType: 'video/mp4',
      tag: release.tag,
      taskId,
      log: o.log,
      timeoutMs: o.timeoutMs,
      maxRetries: o.maxRetries,
      budget: o.budget
    },
    release.target
  )
  o.log(`Attached ${name} to the release: ${asset.url}`)
  return asset.url
}
