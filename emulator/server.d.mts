// Types for emulator/server.mjs, so TypeScript tests can `import ... from '../emulator/server.mjs'`.

export interface EmulatorOptions {
  /** API port (default 0: ephemeral). */
  port?: number
  /** CDN port (default 0: ephemeral). */
  cdnPort?: number
  /** Default video size in bytes (default 65536). `[emu:size=N]` overrides it per task. */
  videoBytes?: number
  /**
   * When set, a task advances one lifecycle step every `stepMs` ms instead of one per GET.
   * `[min, max]` (integers, 0 < min <= max) draws each task's step from that range, fixed per task id.
   */
  stepMs?: number | [number, number]
  /**
   * Running tasks allowed per API key (default unlimited); extra tasks stay `queued` until one
   * finishes. A key `limit-N` or `limit-N-...` sets N for that key whatever this says.
   */
  maxRunning?: number
  /** Unfinished task answers carry no `progress` field (as `[emu:no-progress]`). */
  noProgress?: boolean
  /** Unfinished task answers (submit and poll) carry `openai-poll-after-ms: N`. */
  pollAfterMs?: number
  /** Unfinished poll answers (200) carry `Retry-After: N` (seconds). */
  pollRetryAfter?: number
  /**
   * Real time per emulated time (default 1). Every duration the emulator imposes or announces is
   * emulated: lifecycle steps (`stepMs`, `[emu:duration=S]`), `Retry-After` (sent in real seconds,
   * a decimal when scaled), `openai-poll-after-ms`, the drip rate. 0.01: a 20-second task takes 200 ms.
   * Timestamps (`created_at`, `completed_at`, `expires_at`, link expiry) stay wall-clock.
   */
  clockScale?: number
  /**
   * Refuse, with a 400 `InvalidParameter`, every submit whose media carry an `http(s)://` link (as
   * `[emu:asset-only]`): PowerTokens' Seedance 2.0 guide, which asks for every medium through the
   * Asset Library. `asset://` and `data:` items pass.
   */
  assetOnly?: boolean
  /** Where a succeeded task's last frame is (as `[emu:frame-at=...]`): `last_frame_url`, `content.last_frame_url` or `metadata.last_frame_url`. */
  lastFrameAt?: 'top' | 'content' | 'metadata'
  /** The origin the CDN's links name (default: the CDN server's own `http://127.0.0.1:<port>`), e.g. an https front that leads to it. */
  cdnOrigin?: string
  /** One field of every task answer where the action does not read it (as `[emu:unread=...]`). */
  unread?: 'task-id' | 'status-word' | 'progress' | 'video-link' | 'last-frame' | 'usage'
}

export interface FlightEvent {
  /** Date.now() of the change. */
  time: number
  /** `submit`: a task was created; `finish`: an answer first reported it finished. */
  event: 'submit' | 'finish'
  taskId: string
  /** Tasks of the key in flight just after this event. */
  inFlight: number
}

export interface RecordedRequest {
  server: 'api' | 'cdn' | 'metadata'
  method: string
  /** Path with query, as received. */
  path: string
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>
  /** The first 1 MiB of the body. */
  body: Buffer
  /** Bytes of the whole body. */
  bodyBytes: number
  /** The body parsed as JSON, when it is JSON and at most 1 MiB (or, for POST /v1/videos, 64 MiB). */
  json: unknown
  /** Date.now() when the request arrived. */
  time: number
}

export interface TaskState {
  id: string
  /** The API key that submitted it (without `Bearer`). */
  key: string
  /**
   * This task's lifecycle step in emulated ms (drawn from the range when `stepMs` is one; from
   * `[emu:duration=S]` when given); 0: one step per GET.
   */
  stepMs: number
  /** When the task got a running slot (null: still waiting behind the running limit). */
  startedMs: number | null
  /** Date.now() when an answer first reported it finished (null: not yet). */
  finishedMs: number | null
  /** Bytes written by endless or dripping answers about this task. */
  streamedBytes: number
  model: string
  /** The POST /v1/videos body as received. */
  request: Record<string, unknown> & { media: Array<{ type: string; text?: string; url?: string }> }
  /** Text of the first text media item. */
  prompt: string
  /** Parsed `[emu:...]` tags (counts are numbers (Infinity for a bare `429-day`, `poll-429-day`, `endless-poll`), `words` an array, enumerations a string, flags true). */
  tags: Record<string, number | string | string[] | true>
  /** Video size in bytes. */
  size: number
  createdMs: number
  /** Lifecycle steps taken (poll-count mode). */
  step: number
  /** GET /v1/videos/{id} received (including failed ones). */
  gets: number
  status: string
  progress: number
  completedAt: number | null
  /** The video can be downloaded (CDN and /content). */
  ready: boolean
  /** Unix seconds when the signed links expire. */
  linkExpires: number | null
  /** GETs of the video bytes (CDN or /content). */
  videoDownloads: number
  /** The last task object sent to the client. */
  lastResponse: Record<string, unknown> | null
}

export interface AssetState {
  id: number
  name: string
  label: string
  content_type: string
  size: number
  sha256: string
  /** Content-Length header of the upload, or null when it was sent chunked. */
  declaredLength: number | null
  created_at: string
  updated_at: string
}

export interface ReleaseState {
  id: number
  owner: string
  repo: string
  tag_name: string
  name: string
  body: string
  draft: boolean
  prerelease: boolean
  created_at: string
  published_at: string
  assets: AssetState[]
}

export interface AssetUpload {
  taskId: string
  filename: string
  contentType: string | null
  bytes: number
  sha256: string
  groupId: string | null
  /** An uploaded MP4's length in seconds (its `mvhd` box), billed as reference video. */
  seconds?: number
  /** The asset id get-asset-id answers once processed. */
  assetId: string
}

export interface Emulator {
  /** API origin, e.g. http://127.0.0.1:43211 (no trailing slash). */
  url: string
  /** CDN origin (another server and port). */
  cdnUrl: string
  /** Where the CDN server itself listens (the same as cdnUrl unless `cdnOrigin` names another origin). */
  cdnServerUrl: string
  /** A loopback stand-in for a cloud metadata service: every request gets 200 text/plain `FAKE_METADATA`. */
  metadataUrl: string
  requests: RecordedRequest[]
  tasks: Map<string, TaskState>
  /** 'owner/repo' (as spelled in the URL) -> its releases. */
  releases: Map<string, ReleaseState[]>
  /** Asset Library uploads. */
  uploads: AssetUpload[]
  addRelease(ownerRepo: string, options: { tag: string; name?: string; body?: string; draft?: boolean; prerelease?: boolean; id?: number }): ReleaseState
  /** Most tasks of `key` in flight (submitted, not yet reported finished) at any one time. */
  maxInFlight(key: string): number
  /** Tasks of `key` in flight now. */
  inFlight(key: string): number
  /** Every change of the in-flight count of `key`, oldest first (a copy). */
  flightTimeline(key: string): FlightEvent[]
  /** Endless or dripping answers still being written (0 once every such client went away). */
  openStreams(): number
  /** Every link given so far expires now: the CDN refuses them, and so does a POST whose media names one. */
  expireLinks(): void
  reset(): void
  close(): Promise<void>
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>

/** The whole video of a task at `size` bytes (refuses more than 512 MiB). */
export function videoBytes(taskId: string, size: number): Buffer
/** Hex sha256 of the video of a task at `size` bytes (computed in chunks, synchronously). */
export function videoSha256(taskId: string, size: number): string
/** Bytes [start, end) of the video, in chunks. */
export function videoChunks(taskId: string, size: number, start?: number, end?: number, chunkSize?: number): Generator<Buffer>
/** The last-frame PNG of a task. */
export function lastFrameBytes(taskId: string): Buffer
/** The 24-byte ftyp box every video starts with. */
export const FTYP_BOX: Buffer
/** The emulator's own validation of a POST /v1/videos body: null, or what is wrong. */
export function validateVideoRequest(body: unknown): string | null
/** What the metadata server answers: `FAKE-METADATA-SECRET AKIA...` text. */
export const FAKE_METADATA: string
/** What `[emu:inject-id]` appends to a task id and `[emu:inject-status]` to unfinished statuses. */
export const INJECTED: string
/** The links of `[emu:private-url=...]` / `[emu:private-frame=...]` (never fetch them). */
export const PRIVATE_URLS: { aws: string; gcp: string; ipv6: string }
/** The fields `unread` (and `[emu:unread=...]`) can move where the action does not read them. */
export const UNREAD: ReadonlyArray<NonNullable<EmulatorOptions['unread']>>
