/**
 * The bounds of every GitHub request, as the API's have them: in time by the `request-timeout`
 * (for an upload: no progress for that long) and by the step's `timeout`, in size (an answer past
 * MAX_GITHUB_ANSWER_BYTES is stopped), and it ends at once on cancellation. They sit in the
 * fetch that octokit calls (octokit's own, which honours the runner's proxy settings).
 */
import { MAX_TIMER_MS } from '../http/abort.js'
import type { Budget } from '../http/budget.js'
import { formatBytes, formatDuration } from '../format.js'

/** How long, and until when, GitHub may take; and what cancels it. */
export interface GithubLimits {
  /**
   * Each request: the whole exchange within this long (the `request-timeout` input); for the
   * upload, no bytes taken and no answer for this long. Default 60 s.
   */
  timeoutMs?: number
  /**
   * The step's budget: no GitHub request outlives the end of `timeout`, and its signal ends every
   * request at once (the job was cancelled, or the step's `timeout` ran out).
   */
  budget?: Budget
  /** Tries after a transient failure (a 5xx, a broken connection, a rate limit): the `max-retries` input. Default 4. */
  maxRetries?: number
  /** Told before each retry. */
  log?: (line: string) => void
}

/** The most a GitHub answer may bring (a release with a long body and many assets is far less). */
export const MAX_GITHUB_ANSWER_BYTES = 16 * 1024 * 1024
export const DEFAULT_TIMEOUT_MS = 60_000

/** Why we ended a GitHub request ourselves. */
export class GithubStop extends Error {
  override name = 'GithubStop'
  constructor(
    readonly why: 'timeout' | 'deadline' | 'too-large',
    readonly ms = 0
  ) {
    super(
      why === 'timeout'
        ? `no answer within ${formatDuration(ms)}`
        : why === 'deadline'
          ? "the step's timeout ran out"
          : `the answer is larger than ${formatBytes(MAX_GITHUB_ANSWER_BYTES)}`
    )
  }
}

export type FetchLike = (url: string, init: Record<string, unknown>) => Promise<Response>

/**
 * The fetch octokit calls, with the limits around it. A request with a streamed body (the
 * upload) may take as long as it keeps going: its timer restarts with every chunk GitHub
 * takes, and once all is sent the answer has `timeoutMs`. Any other request has `timeoutMs`
 * for the whole exchange. The answer is read here, within the same bounds and at most
 * MAX_GITHUB_ANSWER_BYTES (octokit would read any length, and turn a broken body into an
 * empty one), and handed to octokit whole.
 */
export function bounded(base: FetchLike, limits: GithubLimits): FetchLike {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const outer = limits.budget?.signal
  return async (url, init) => {
    if (outer?.aborted) throw stopReason(limits)
    const left = limits.budget?.left() ?? Infinity
    if (left <= 0) throw new GithubStop('deadline')
    const own = new AbortController()
    const signal = outer ? AbortSignal.any([outer, own.signal]) : own.signal
    const deadline = Number.isFinite(left) ? setTimeout(() => own.abort(new GithubStop('deadline')), Math.min(left, MAX_TIMER_MS)) : undefined
    let idle: NodeJS.Timeout | undefined
    let settled = false
    const arm = (): void => {
      clearTimeout(idle)
      // The body's last pull may come after the answer: no timer may outlive the request.
      if (!settled) idle = setTimeout(() => own.abort(new GithubStop('timeout', timeoutMs)), Math.min(timeoutMs, MAX_TIMER_MS))
    }
    arm()
    let body = init.body
    if (isAsyncIterable(body)) {
      const chunks = body
      body = (async function* () {
        for await (const chunk of chunks) {
          arm()
          yield chunk
        }
        arm()
      })()
    }
    try {
      const res = await base(url, { ...init, body, signal })
      const bytes = await readCapped(res)
      const empty = bytes.length === 0 || [204, 205, 304].includes(res.status)
      return new Response(empty ? null : bytes, { status: res.status, statusText: res.statusText, headers: res.headers })
    } catch (err) {
      const reason = own.signal.aborted ? own.signal.reason : outer?.aborted ? stopReason(limits) : err
      own.abort(reason) // whatever is left of this request (a socket, a body) ends here
      throw reason
    } finally {
      settled = true
      clearTimeout(idle)
      clearTimeout(deadline)
    }
  }
}

/** A cancel is passed on as it came; the step's timeout running out is named as such. */
function stopReason(limits: GithubLimits): unknown {
  if (limits.budget?.expired) return new GithubStop('deadline')
  return limits.budget?.signal.reason
}

/** The whole answer, at most MAX_GITHUB_ANSWER_BYTES (decoded bytes: a compressed bomb is cut too). */
async function readCapped(res: Response): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0)
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_GITHUB_ANSWER_BYTES) {
      void reader.cancel().catch(() => undefined)
      throw new GithubStop('too-large')
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value
}
