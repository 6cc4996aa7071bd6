/**
 * Never paying twice, through GitHub's cache service (cache-store.ts):
 *
 * - **Re-run recovery** (`resume`, on by default): right after a submit, a tiny record of the
 *   task id is saved under a key made of the run id, the job, the entry and the request's
 *   identity, then the attempt number. A later attempt of the same run finds the newest such
 *   record by prefix and collects that task instead of submitting again. The toolkit answers a
 *   miss and a failed look-up alike (nothing), so a look-up that finds no record asks again
 *   with a second restore key that names a record known to exist (a "floor", saved just
 *   before): only the floor coming back proves that no earlier attempt recorded a task. When
 *   even that brings nothing back, the look-up is unknown, and the entry is not submitted.
 * - **Result cache** (`cache: true`): a finished video (with its last frame and task object)
 *   is saved under the request's identity; the same request later restores it and sends
 *   nothing to PowerTokens.
 *
 * Without a cache service in the environment, or when the cache fails, there is one warning;
 * a result-cache look-up that brings nothing back makes the video.
 */
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { safeFileName } from '../format.js'
import { restoreEntry, restoreJson, saveEntry, saveJson, type CacheCallOptions } from './cache-store.js'
import { readTask, TASK_ID, type Task } from '../api/task.js'

/** A cache call before the submit may delay it by at most this much. */
const LOOKUP_TIMEOUT_MS = 10_000
/** Saving a record (it overlaps the wait) or a finished video. */
const SAVE_TIMEOUT_MS = 60_000

export interface ReuseContext {
  identity: string
  /** `GITHUB_RUN_ID`, `GITHUB_JOB`, `GITHUB_RUN_ATTEMPT`; resume needs the first two. */
  runId?: string
  job?: string
  attempt: number
  /** The batch entry's name, or undefined for a single video. */
  entry?: string
  runnerTemp: string
  warn: (line: string) => void
}

/** The keys of this entry's records in this run: each attempt's task (`prefix` + attempt) and the floor. */
function recordKeys(c: ReuseContext): { prefix: string; floor: string } | undefined {
  if (!c.runId || !c.job) return undefined
  // Keys may not hold commas; the job id and entry names cannot, but be safe.
  const clean = (s: string): string => safeFileName(s).slice(0, 100)
  const which = `${clean(c.runId)}-${clean(c.job)}-${clean(c.entry ?? 'video')}-${c.identity.slice(0, 32)}`
  // The floor's key does not start with the prefix: a restore key finds it only when no task record matched.
  return { prefix: `seedance-task-${which}-attempt-`, floor: `seedance-floor-${which}` }
}

export interface PreviousTask {
  taskId: string
  attempt: number
}

/**
 * What an earlier attempt of this run did for this request: `found` its task; `none` when it
 * recorded none (or the step is no re-run, or has no cache service, which it was warned of);
 * `unknown` when the cache cannot say, so submitting could pay for the same video twice.
 */
export type EarlierTask = { kind: 'found'; task: PreviousTask } | { kind: 'none' } | { kind: 'unknown' }

/** On a re-run: the task an earlier attempt of this run created for this request. */
export async function findPreviousTask(c: ReuseContext): Promise<EarlierTask> {
  const keys = recordKeys(c)
  if (!keys || c.attempt <= 1) return { kind: 'none' }
  const { prefix, floor } = keys
  const options: CacheCallOptions = { timeoutMs: LOOKUP_TIMEOUT_MS, log: c.warn, slot: prefix }
  const look = () => restoreJson(`${prefix}${c.attempt}`, options, [prefix, floor])
  let found = await look()
  if (found.kind === 'unknown' && !found.failed) {
    // Nothing came back: no record and no floor yet, or a failed look-up. With the floor saved
    // (an existing one is kept: entries are immutable), a working look-up cannot come back empty.
    await saveJson(floor, { floor: true }, options)
    found = await look()
  }
  if (found.kind === 'off') return { kind: 'none' }
  if (found.kind === 'unknown') return { kind: 'unknown' }
  if (found.value.key === floor) return { kind: 'none' }
  const record = found.value.record as { taskId?: unknown; attempt?: unknown } | null
  if (!record || typeof record.taskId !== 'string' || !TASK_ID.test(record.taskId)) return { kind: 'unknown' }
  return { kind: 'found', task: { taskId: record.taskId, attempt: typeof record.attempt === 'number' ? record.attempt : 0 } }
}

/** Right after a submit: remember the task for a re-run. The promise never rejects. */
export async function rememberTask(c: ReuseContext, taskId: string): Promise<void> {
  const keys = recordKeys(c)
  if (!keys) return
  await saveJson(`${keys.prefix}${c.attempt}`, { taskId, attempt: c.attempt }, { timeoutMs: SAVE_TIMEOUT_MS, log: c.warn, slot: keys.prefix })
}

export interface CachedResult {
  /** The task object as the API returned it when the video was made. */
  response: string
  videoFile: string
  lastFrameFile?: string
}

function resultKey(c: ReuseContext): string {
  return `seedance-video-${c.identity}`
}

/** Per entry as well: two entries of a batch with the same request must not restore into (and empty) one folder. */
function resultDir(c: ReuseContext): string {
  return join(c.runnerTemp, 'seedance-action-cache', `video-${safeFileName(c.entry ?? 'video')}-${c.identity.slice(0, 32)}`)
}

/** The cached video of this request, restored into a folder under RUNNER_TEMP, or undefined. */
export async function restoreResult(c: ReuseContext): Promise<CachedResult | undefined> {
  const dir = resultDir(c)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  // Nothing back (a miss, or a failure the toolkit does not tell apart) makes the video: there is no earlier payment to protect.
  const found = await restoreEntry([dir], resultKey(c), [], { timeoutMs: LOOKUP_TIMEOUT_MS, log: c.warn })
  if (found.kind !== 'hit') return undefined
  try {
    const response = await readFile(join(dir, 'task.json'), 'utf8')
    await stat(join(dir, 'video.mp4'))
    const frame = join(dir, 'last-frame.png')
    const hasFrame = await stat(frame).then(
      () => true,
      () => false
    )
    return { response, videoFile: join(dir, 'video.mp4'), lastFrameFile: hasFrame ? frame : undefined }
  } catch {
    c.warn(`The cached video for this request is incomplete; making it again.`)
    return undefined
  }
}

/** After a video was made: keep it for the next run of the same request. */
export async function saveResult(c: ReuseContext, result: { response: string; videoFile: string; lastFrameFile?: string }): Promise<boolean> {
  const dir = resultDir(c)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  try {
    await copyFile(result.videoFile, join(dir, 'video.mp4'))
    if (result.lastFrameFile) await copyFile(result.lastFrameFile, join(dir, 'last-frame.png'))
    await writeFile(join(dir, 'task.json'), result.response)
    return await saveEntry(resultKey(c), [dir], { timeoutMs: SAVE_TIMEOUT_MS, log: c.warn })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The task object a cached video was made by (read tolerantly, like any answer). */
export async function cachedTask(hit: CachedResult): Promise<Task> {
  let data: unknown
  try {
    data = JSON.parse(hit.response)
  } catch {
    data = {}
  }
  return readTask(data)
}

/** Copies a restored file to where the user wants it. */
export async function copyCached(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true })
  await copyFile(from, to)
}
