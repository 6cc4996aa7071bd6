/**
 * The PowerTokens video API: submit a task, read a task. The key is sent only to the
 * configured API origin, and redirects are never followed with it.
 *
 * A submit is re-sent only when the server said nothing was created (429) or the
 * connection was refused before the request went out; every other failure is final,
 * because a blind re-submit can create (and bill) a second task.
 */
import { ApiError, errorMessage } from '../errors.js'
import { gaveUpText, parseRetryAfter, retryLine, withRetries, type Sleep } from '../http/retry.js'
import { exchange, type Credentials, type TextResponse } from '../http/transport.js'
import { classifyNetworkError, classifyResponse, isRetryable, UNKNOWN_ADVICE, type Phase } from '../http/powertokens-failures.js'
import { cleanText, redactSecrets } from '../redact.js'
import { isTaskShaped, readTask, shapeOf, type Task } from './task.js'
import { ACTION_NAME, ACTION_VERSION } from '../version.js'
import type { Budget } from '../http/budget.js'

export interface ClientOptions {
  baseUrl: string
  apiKey: string
  /** Per-request timeout. */
  timeoutMs: number
  /** Re-sends after a 429 or a refused connection (and, for reads, transient failures). */
  maxRetries: number
  log?: (line: string) => void
  /** Request lines and raw answers, for the debug log (never a header). */
  debug?: (line: string) => void
  sleep?: Sleep
  random?: () => number
  /** The step's budget: a cancel or the end of `timeout` aborts everything, and no retry wait may end after it. */
  budget?: Budget
}

export interface ApiResult {
  task: Task
  /** The body as the API returned it (the key, should a server quote it, removed). */
  raw: string
  retryAfterMs?: number
  /** The `openai-poll-after-ms` hint of OpenAI-style video APIs on unfinished tasks. */
  pollAfterMs?: number
}

export const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION} (GitHub Action; node ${process.version})`
/** A task object is a few kB; anything past this is not one. */
export const MAX_ANSWER_BYTES = 1024 * 1024

/** What a video's pipeline needs of the API: the client below, or a test's own. */
export interface VideoService {
  submit(body: unknown): Promise<ApiResult>
  getTask(id: string): Promise<ApiResult>
  /** Absolute URL of an API path. */
  url(path: string): string
  /** The key, for requests to the API origin only. */
  credentials(): Credentials
}

export class VideoClient implements VideoService {
  constructor(private readonly options: ClientOptions) {}

  /** `POST /v1/videos`. Throws ApiError; see the retry rule above. */
  async submit(body: unknown): Promise<ApiResult> {
    const result = await this.withRetries('submit', () => this.json('submit', 'POST', '/v1/videos', JSON.stringify(body)))
    if (result.task.id === undefined) {
      const what = result.task.badId === undefined ? 'has no task id' : `names a task id that is not a plain token ("${result.task.badId}")`
      throw new ApiError(
        `PowerTokens accepted the request but its answer ${what}, so the task cannot be followed: check your PowerTokens dashboard before re-running.`,
        'protocol'
      )
    }
    return result
  }

  /** `GET /v1/videos/{id}`, retrying transient failures. */
  async getTask(id: string): Promise<ApiResult> {
    return this.withRetries('poll', () => this.json('poll', 'GET', `/v1/videos/${encodeURIComponent(id)}`))
  }

  /** Absolute URL of an API path. */
  url(path: string): string {
    return `${this.options.baseUrl}${path}`
  }

  /** The API origin: the only place the key is ever sent. */
  get origin(): string {
    return new URL(this.options.baseUrl).origin
  }

  /** The key, for requests to `origin` only (the transport enforces it). */
  credentials(): Credentials {
    return { origin: this.origin, headers: { authorization: `Bearer ${this.options.apiKey}` } }
  }

  private withRetries(phase: Phase, attempt: () => Promise<ApiResult>): Promise<ApiResult> {
    const { maxRetries, log, sleep, random, budget } = this.options
    return withRetries(attempt, {
      maxRetries,
      budget,
      retryable: (err) => isRetryable(phase, err),
      sleep,
      random,
      onRetry: (err, delay, n) => log?.(retryLine(errorMessage(err), delay, n, maxRetries)),
      giveUp: (err, max) => {
        const e = err as ApiError
        const text = gaveUpText(max)
        return new ApiError(
          `${e.message} ${text[0]?.toUpperCase()}${text.slice(1)}${phase === 'submit' ? '; nothing was created' : ''}.`,
          e.kind,
          e.status,
          undefined,
          e.code
        )
      }
    })
  }

  private async json(phase: Phase, method: string, path: string, body?: string): Promise<ApiResult> {
    const url = this.url(path)
    const { timeoutMs } = this.options
    const signal = this.options.budget?.signal
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const started = Date.now()
    this.options.debug?.(`${method} ${url}${body === undefined ? '' : ` (${body.length} bytes)`}`)
    let response: TextResponse
    try {
      response = await exchange({
        method,
        url,
        headers,
        credentials: this.credentials(),
        body,
        timeoutMs,
        idleTimeoutMs: timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
        signal
      })
    } catch (err) {
      this.options.debug?.(`${method} ${url} failed after ${Date.now() - started} ms: ${errorMessage(err)}`)
      if (signal?.aborted) throw err
      throw classifyNetworkError(phase, err, url, timeoutMs)
    }
    // A server may quote what it was sent: the key never goes further than this line.
    const raw = redactSecrets(response.text, [this.options.apiKey])
    this.options.debug?.(`${method} ${url} -> HTTP ${response.status} in ${Date.now() - started} ms: ${cleanText(raw, 2000)}`)
    if (response.status < 200 || response.status > 299) throw classifyResponse(phase, { ...response, text: raw })
    let data: unknown
    try {
      data = JSON.parse(raw)
    } catch {
      const kind = phase === 'submit' ? 'unknown-outcome' : 'transient'
      const advice = phase === 'submit' ? ' A task may have been created: check your PowerTokens dashboard before re-running.' : ''
      throw new ApiError(
        `PowerTokens answered HTTP ${response.status} with something that is not JSON ("${cleanText(raw, 80)}").${advice}`,
        kind,
        response.status
      )
    }
    if (!isTaskShaped(data)) {
      const advice = phase === 'submit' ? `: ${UNKNOWN_ADVICE}` : '.'
      throw new ApiError(
        `PowerTokens answered HTTP ${response.status} with ${shapeOf(data)}, not a task object${advice}`,
        phase === 'submit' ? 'unknown-outcome' : 'transient',
        response.status
      )
    }
    const hint = Number(response.headers.get('openai-poll-after-ms'))
    return {
      task: readTask(data),
      raw,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      pollAfterMs: Number.isFinite(hint) && hint > 0 ? hint : undefined
    }
  }
}
