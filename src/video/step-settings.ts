/**
 * The step's settings, as the inputs give them (step/inputs.ts reads and checks them once): what
 * every layer below the step reads, so none of them reaches up for it. Which input sets which
 * setting is in input-table.ts.
 */
import type { BuiltRequest } from '../media/request-media.js'
import type { Shard } from './shard.js'
import type { OutputTarget } from '../delivery/paths.js'

/** `remote-media-as`: `url` (the default) or `asset`. */
export const REMOTE_MEDIA_AS = ['url', 'asset'] as const
export type RemoteMediaAs = (typeof REMOTE_MEDIA_AS)[number]

export interface Config {
  /** Empty only in a dry run. */
  apiKey: string
  baseUrl: string
  /** The proxy `baseUrl` is reached through (the runner's proxy settings), as the log may show it; undefined: direct. */
  proxy?: string
  /** The single step's request (a batch entry's is its own, in its `VideoEntry`); undefined when attaching to a task with `task-id`. */
  request?: BuiltRequest
  /** The single step's `task-id`: the task it collects. */
  taskId?: string
  dryRun: boolean
  maxRetries: number
  requestTimeoutMs: number
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  /** `output-path`, decided once as a folder or a file (delivery/paths.ts `outputTarget`). */
  output?: OutputTarget
  uploadToRelease: boolean
  releaseTag?: string
  /** The `release-asset-name` input; empty = the output-path file name, else `<repo>-<tag>.mp4`. */
  releaseAssetName?: string
  githubToken: string
  /** Workspace files as media: where to upload them, and how to send local images. */
  assetBaseUrl: string
  assetGroupId?: string
  localImagesAs: 'asset' | 'data-url'
  /** `remote-media-as`: media URLs sent as given (`url`), or fetched, checked and sent as Asset Library ids (`asset`). */
  remoteMediaAs: RemoteMediaAs
  /** Collect the task an earlier attempt of this run created, instead of paying again. */
  resume: boolean
  /** Restore a finished video of the same request from GitHub's cache, and keep new ones there. */
  cache: boolean
  /** The `batch` input (a file or the list inline), when the step makes many videos. */
  batch?: string
  /** `shard: i/n`: with `batch`, run only this share of the entries (video/shard.ts). */
  shard?: Shard
  /** `max-concurrency`: tasks queued or running at once in a batch. */
  maxConcurrency: number
  /** The runner's environment, read once: `GITHUB_WORKSPACE` (else the current directory). */
  workspace: string
  /** `RUNNER_TEMP` (else the system temp directory). */
  runnerTemp: string
  /** `GITHUB_STEP_SUMMARY`, when the runner gives one. */
  summaryFile?: string
  /** `GITHUB_EVENT_NAME`. */
  eventName?: string
  /** `GITHUB_RUN_ID`, `GITHUB_RUN_ATTEMPT`, `GITHUB_JOB`. */
  runId?: string
  runAttempt?: string
  job?: string
  /** Sentences for the log about inputs that were taken in a corrected form. */
  notices: string[]
  /** `token-budget`: the most tokens the step may be estimated at; undefined = no budget. */
  tokenBudget?: number
}

/** The sentence for a missing key (`why`: what makes it needed after all); none is needed for a dry run, or when every video comes from the cache. */
export function apiKeyRequired(why?: string): string {
  const need = 'Input `api-key` is required' + (why ? `; ${why}` : '')
  return `${need}: pass your PowerTokens key from a secret, e.g. \`api-key: \${{ secrets.POWERTOKENS_API_KEY }}\` (or set \`dry-run: true\` to only check the request).`
}
