/**
 * The domain of a run: one video to make or collect (`VideoEntry`, as the step hands it over)
 * and everything known about it as the run goes (`EntryState`, which the step maps to its
 * outputs, `results` and summaries). Paths in a state are absolute; the step layers show them
 * relative to the workspace.
 */
import type { CheckedMedia } from '../media/uploader.js'
import type { ReleaseTarget } from '../delivery/release.js'
import type { Delivered } from '../delivery/deliver.js'
import type { CachedResult, ReuseContext } from '../reuse/reuse.js'
import type { VideoRequest } from '../api/request-schema.js'
import type { Status } from '../api/status.js'
import type { Timings } from '../api/wait.js'
import type { BuiltRequest } from '../media/request-media.js'
import type { EntryEstimate } from './estimate.js'

/** One video to make (or collect), as the step layer hands it over. */
export interface VideoEntry {
  name: string
  /** Its request, parsed on its own (the step's settings are the step's, read once); undefined when it collects `taskId`. */
  request?: BuiltRequest
  /** The task it collects (`task-id`) instead of submitting a request. */
  taskId?: string
  /** Put before each of the entry's log lines: '' for a single step, `[name] ` in a batch. */
  tag: string
  /** One entry of a batch (its failures name it), rather than the single step's one video. */
  inBatch: boolean
  /** Wait for the task to end (a batch always waits). */
  wait: boolean
  /** Where the user asked the video saved (`output-path`), given the task id; undefined if not asked. */
  saveTo?: (taskId: string) => string
  /** Where a video needed only for the cache or the release is kept. */
  tempFile: (taskId: string) => string
  /** The release asset's name for this entry's saved video. */
  assetName: (release: ReleaseTarget, savedFile: string, taskId: string) => string | Promise<string>
  /** Its workspace files, checked (open since the check), in prepare. */
  checked: CheckedMedia[]
  /** Its identity for the re-run record and the result cache, when either is on. */
  reuse?: ReuseContext
  /** Its video, restored from the cache. */
  hit?: CachedResult
  /** `first-frame: { after: <name> }`: the entry whose last frame this one starts from. */
  after?: string
  /** What it will cost, estimated before anything is sent (bill.ts). */
  estimate?: EntryEstimate
}

/** Everything known about one entry; the step layers map it to outputs, `results` and summaries. */
export interface EntryState extends Partial<Delivered> {
  name: string
  taskId?: string
  status?: Status
  progress?: number
  /** Why the entry did not succeed, one sentence (cleaned). */
  error?: string
  /** The error itself, for the single step's failure message. */
  failure?: unknown
  timings?: Timings
  /** The last task object, as returned. */
  response?: string
  /** The body that was sent (long data: URLs shortened), when this run submitted it. */
  request?: VideoRequest
  /** Whether this run created the task (rather than collecting one). */
  created?: boolean
  /** The video came from GitHub's cache: nothing was sent to PowerTokens. */
  cacheHit?: boolean
  /** Workspace files placed for this entry: path as written -> `asset://` reference. */
  assets?: Record<string, string>
  /** Tokens the API reported for the task (0 for a video from the cache). */
  tokens?: number
  /** Tokens estimated before paying (0 when nothing is paid for: cached or collected). */
  estimatedTokens?: number
}

/** An entry's task and what was delivered, under the names the step's outputs and `results` use. */
export function deliveredFields(
  s: EntryState
): Partial<Record<'task-id' | 'video-url' | 'video-path' | 'last-frame-url' | 'last-frame-path' | 'release-asset-url', string>> {
  const fields = {
    'task-id': s.taskId,
    'video-url': s.videoUrl,
    'video-path': s.videoPath,
    'last-frame-url': s.lastFrameUrl,
    'last-frame-path': s.lastFramePath,
    'release-asset-url': s.releaseAssetUrl
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
}
