/**
 * Scenes that continue: an entry whose first frame is `{ after: <entry> }` waits, holding no
 * slot, for that entry's last frame (promised to it from the start of the run), then starts from it.
 */
import { untilAborted } from '../http/abort.js'
import type { Budget } from '../http/budget.js'
import { checkLocalMedia, type CheckedMedia } from '../media/uploader.js'
import type { VideoRequest } from '../api/request-schema.js'

/** What an entry hands the entries that follow it: its last frame's link or file, or why there is none. */
export type LastFrame = { url: string } | { file: string } | { reason: string }

/** One entry's last frame, promised to its followers from the start of the run. */
export class FramePromise {
  readonly promise: Promise<LastFrame>
  private resolve!: (frame: LastFrame) => void
  settled = false

  constructor() {
    this.promise = new Promise((resolve) => (this.resolve = resolve))
  }

  settle(frame: LastFrame): void {
    if (this.settled) return
    this.settled = true
    this.resolve(frame)
  }
}

/** What the chain needs of the run. */
export interface ChainContext {
  /** The step's budget: a follower stops waiting for its frame when the step is stopped. */
  budget: Budget
  /** Each entry's last frame, by entry name, for the entries that follow it. */
  frames: Map<string, FramePromise>
  roots: { workspace: string; runnerTemp: string }
  /** `remote-media-as`: with `asset` a last frame's link is fetched and sent through the Asset Library. */
  step: { remoteMediaAs: 'url' | 'asset' }
  /** `remote-media-as: asset`: a last frame's link fetched and checked like a first-frame image, for the Asset Library. */
  fetchFrame?: (url: string, index: number) => Promise<CheckedMedia>
}

/** What the chain needs of the entry that follows. */
interface ChainedEntry {
  name: string
  request?: { body: VideoRequest }
  checked: CheckedMedia[]
}

/**
 * Waits until the entry followed has its last frame, then puts it in the first-frame item: the
 * link the API just returned as it is (with `remote-media-as: asset`: fetched, checked and left to
 * the MediaUploader to upload), or (a frame restored from the cache, whose link may have
 * expired) the saved file, checked and placed like a workspace image.
 */
export async function startFrom(ctx: ChainContext, entry: ChainedEntry, after: string, log: (line: string) => void): Promise<void> {
  const before = ctx.frames.get(after)
  if (!before) throw new NotStarted(`not started: \`${after}\` is not in this batch`)
  const frame = await untilAborted(before.promise, ctx.budget.signal)
  if ('reason' in frame) throw new NotStarted(`not started: \`${after}\` ${frame.reason}`)
  const body = entry.request!.body
  const index = body.media.findIndex((m) => m.type === 'first_frame')
  const item = body.media[index]
  if (!item || item.type === 'text') throw new Error(`Entry ${entry.name} has no first frame to fill`)
  if ('url' in frame && ctx.step.remoteMediaAs === 'asset' && ctx.fetchFrame) {
    // Uploaded like any other medium (the MediaUploader does it next), never sent as the CDN's link.
    entry.checked.push(await ctx.fetchFrame(frame.url, index))
    log(`Starts from the last frame of \`${after}\` (fetched, to be sent through the Asset Library).`)
    return
  }
  if ('url' in frame) {
    item.url = frame.url
    log(`Starts from the last frame of \`${after}\` (its link).`)
    return
  }
  entry.checked.push(...(await checkLocalMedia([{ index, path: frame.file, type: 'first_frame', input: 'first-frame' }], ctx.roots, log)))
  log(`Starts from the last frame of \`${after}\` (the saved frame: a cached link may have expired).`)
}

/** An entry that was never submitted because the entry it follows did not end well. */
export class NotStarted extends Error {
  override name = 'NotStarted'
}
