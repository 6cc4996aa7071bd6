/**
 * Polling a task until it ends, on the schedule of poll-schedule.ts: from the task's progress
 * it estimates the end and polls often near it and seldom far from it; a Retry-After (or the
 * `openai-poll-after-ms` hint) from the server is heeded. Transient poll failures are retried
 * by the client (a run of `max-retries` consecutive failures ends the wait).
 */
import type { ApiResult } from './client.js'
import { TaskError } from '../errors.js'
import { isFinal, type Status } from './status.js'
import { formatDuration } from '../format.js'
import { createPollState, nextPollDelay } from './poll-schedule.js'
import type { Budget } from '../http/budget.js'

export interface Poller {
  getTask(id: string): Promise<ApiResult>
}

export interface WaitOptions {
  client: Poller
  taskId: string
  /** The `timeout` input, for messages. */
  timeoutMs: number
  /** The step's budget: the wait ends when it does; default: `timeoutMs` from now. */
  budget?: Budget
  pollIntervalMs: number
  /** The answer already in hand (the submit's, or a first read). */
  initial?: ApiResult
  log: (line: string) => void
  /** Called with every answer, so outputs stay current even if the wait ends badly. */
  onUpdate: (result: ApiResult) => void
  sleep: (ms: number) => Promise<void>
  now?: () => number
}

export interface Timings {
  queued?: number
  running?: number
  total: number
}

export interface WaitResult {
  result: ApiResult
  timings: Timings
}

export async function waitForTask(o: WaitOptions): Promise<WaitResult> {
  const now = o.now ?? Date.now
  const started = now()
  const endsAt = o.budget?.endsAt ?? started + o.timeoutMs
  let firstRunning: number | undefined
  let lastLine = ''
  const schedule = createPollState(o.pollIntervalMs)
  let result = o.initial ?? (await o.client.getTask(o.taskId))
  o.onUpdate(result)

  for (;;) {
    const { status, progress, rawStatus } = result.task
    if (status === 'running' && firstRunning === undefined) firstRunning = now()
    const line = `Task ${o.taskId}: ${status}${status === 'unknown' ? ` ("${rawStatus ?? ''}")` : ''}${progress !== undefined && !isFinal(status) ? ` ${progress}%` : ''}`
    if (line !== lastLine) {
      o.log(`${line} (${formatDuration(now() - started)})`)
      lastLine = line
    }
    if (isFinal(status)) break

    const remaining = endsAt - now()
    if (remaining <= 0) throw timeoutError(o.taskId, status, o.timeoutMs)
    const delay = nextPollDelay(schedule, { elapsedMs: now() - started, progress, retryAfterMs: result.retryAfterMs, pollAfterMs: result.pollAfterMs })
    await o.sleep(Math.min(delay, remaining))
    if (now() >= endsAt) throw timeoutError(o.taskId, status, o.timeoutMs)
    result = await o.client.getTask(o.taskId)
    o.onUpdate(result)
  }

  const ended = now()
  const timings: Timings = { total: ended - started }
  if (firstRunning !== undefined) {
    timings.queued = firstRunning - started
    timings.running = ended - firstRunning
  }
  const { task } = result
  if (task.status !== 'succeeded') {
    const why = [task.error?.message, task.error?.code && `(${task.error.code})`].filter(Boolean).join(' ')
    const end = describeEnd(task.status)
    throw new TaskError(`Task ${o.taskId} ${end}${why ? `: ${why}` : ' without an error message'}.`, why ? `${why}.` : `${end} without an error message.`)
  }
  return { result, timings }
}

function describeEnd(status: Status): string {
  if (status === 'failed') return 'failed'
  if (status === 'cancelled') return 'was cancelled'
  return 'expired before it ran'
}

/** The one sentence for a run that `timeout` stopped once task `taskId` existed: what it was doing, and how to collect the task. */
export function timeoutError(taskId: string, status: Status | string, timeoutMs: number): TaskError {
  const after = `after ${formatDuration(timeoutMs)} (\`timeout\`)`
  const what =
    status === 'succeeded' ? `Stopped ${after} while saving the video of task ${taskId}` : `Stopped waiting for task ${taskId} ${after} while it was ${status}`
  return new TaskError(`${what}; the task goes on: collect it later (within 7 days) with \`task-id: ${taskId}\` and \`output-path\`, or raise \`timeout\`.`)
}
