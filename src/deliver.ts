/**
 * A finished task, delivered: its links, and with `output-path` or `upload-to-release` the
 * video (and last frame) saved and the video attached to the release. Each fact is handed to
 * `record` as soon as it is known, so a later failure loses nothing.
 */
import { join } from 'node:path'
import type { VideoClient } from './client.js'
import { USER_AGENT } from './client.js'
import { formatBytes } from './format.js'
import type { ReleaseTarget } from './release.js'
import type { Task } from './task.js'

export interface Delivered {
  videoUrl: string
  lastFrameUrl: string
  /** Absolute paths. */
  videoPath: string
  lastFramePath: string
  releaseAssetUrl: string
}

export interface DeliverOptions {
  client: VideoClient
  task: Task
  taskId: string
  /** Where to save: the video's absolute path (see paths.ts), or undefined. */
  dest?: string
  /** Where the video goes when it is only needed for the release upload. */
  tempDir: string
  lastFramePath: (video: string) => string
  maxRetries: number
  timeoutMs: number
  release?: { target: ReleaseTarget; token: string; tag?: string; assetName?: string }
  log: (line: string) => void
  show: (abs: string) => string
  record: (fact: Partial<Delivered>) => void
  signal?: AbortSignal
}

export async function deliver(o: DeliverOptions): Promise<void> {
  const { task, client } = o
  const videoUrl = task.videoUrl ?? client.url(`/v1/videos/${encodeURIComponent(o.taskId)}/content`)
  o.record({ videoUrl })
  if (task.lastFrameUrl) o.record({ lastFrameUrl: task.lastFrameUrl })
  if (o.dest === undefined && o.release === undefined) return

  const { download } = await import('./download.js')
  const common = {
    credentials: client.credentials(),
    userAgent: USER_AGENT,
    maxRetries: o.maxRetries,
    timeoutMs: o.timeoutMs,
    log: o.log,
    signal: o.signal
  }
  const dest = o.dest ?? join(o.tempDir, `${o.taskId.replace(/[^\w.-]/g, '_')}.mp4`)
  const saved = await download({ ...common, url: videoUrl, dest, expect: 'mp4' })
  o.record({ videoPath: saved.path })
  o.log(`Saved the video to ${o.show(saved.path)} (${formatBytes(saved.bytes)}).`)

  if (task.lastFrameUrl && o.dest !== undefined) {
    const frame = await download({ ...common, url: task.lastFrameUrl, dest: o.lastFramePath(saved.path), expect: 'image' })
    o.record({ lastFramePath: frame.path })
    o.log(`Saved the last frame to ${o.show(frame.path)}.`)
  }

  if (o.release) {
    const { uploadToRelease } = await import('./release.js')
    const name = o.release.assetName ?? saved.path.split(/[\\/]/).pop() ?? `${o.taskId}.mp4`
    const asset = await uploadToRelease({ token: o.release.token, file: saved.path, name, contentType: 'video/mp4', tag: o.release.tag, log: o.log }, o.release.target)
    o.record({ releaseAssetUrl: asset.url })
    o.log(`Attached ${name} to the release: ${asset.url}`)
  }
}
