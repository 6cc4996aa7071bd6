/**
 * The PowerTokens Asset Library: local media become `asset://<id>` URLs. Everything known
 * (partly unconfirmed: docs/powertokens-api.md says what is assumed) about this API lives here:
 *
 * - base `https://powertokens.ai/api` (input `asset-base-url`); `Authorization: <key>`, the
 *   bare key, no `Bearer`; the key is sent to that origin only and redirects are not followed;
 * - `POST /v1/asset/upload`, multipart field `file` (+ optional `group_id`)
 *   -> `{code: 200, data: {task_id}}`;
 * - `GET /v1/asset/jobs/get-asset-id?task_id=...` until `{code: 200, data: {asset_id}}`
 *   (`202`/"processing" while it works);
 * - answers are `{code, message, data}` envelopes, often with HTTP 200 whatever `code` says.
 *
 * An upload is re-sent only when nothing can have been stored (429, or the connection was
 * refused); polls retry transient failures with backoff.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat, type FileHandle } from 'node:fs/promises'
import { ApiError, errorMessage } from '../errors.js'
import { formatBytes, formatDuration, lowerFirst } from '../format.js'
import { exchange, type RequestBody, type TextResponse } from '../http/transport.js'
import { classifyNetworkError, classifyResponse, isRetryable, type Phase } from '../http/powertokens-failures.js'
export { uploadName } from './asset-answers.js'
import { AssetError, codeNote, parseEnvelope, quoteFilename, stringField, uploadName, type Envelope } from './asset-answers.js'
import { parseBaseUrl } from '../http/base-url.js'
import { Slots } from '../http/slots.js'
import { Budget } from '../http/budget.js'
import { cleanText, redactSecrets } from '../redact.js'
import { TASK_ID } from '../api/task.js'
import { abortableSleep, gaveUpText, parseRetryAfter, retryLine, withRetries, type Sleep } from '../http/retry.js'

export interface AssetLibraryOptions {
  /** `asset-base-url`; `http://` only for loopback. */
  baseUrl: string
  /** Sent as the bare key: `Authorization: <key>`. */
  apiKey: string
  /** `asset-group-id` -> multipart field `group_id`. */
  groupId?: string
  userAgent: string
  /** Per request; an upload gets more time in proportion to its size. */
  timeoutMs: number
  maxRetries: number
  /** Between polls for an asset id (default 2 s). */
  pollIntervalMs?: number
  /** Longest wait for one asset id (default 10 min). */
  jobTimeoutMs?: number
  /** The step's budget: a cancel or the end of `timeout` stops every upload, and no wait may end after it. */
  budget?: Budget
  /** Uploads at a time (default 3). */
  concurrency?: number
  log: (line: string) => void
  sleep?: Sleep
  random?: () => number
}

export interface AssetFile {
  /** Absolute path of the checked file. */
  path: string
  sha256: string
  /** By content (see formats.ts). */
  mime: string
  /** The input it came from. */
  label: string
  /** The path as the user wrote it. */
  displayPath: string
  /** The file, open since it was checked; read instead of `path` when given. */
  handle?: FileHandle
}

/** An envelope is a few hundred bytes; anything past this is not one. */
const MAX_ANSWER_BYTES = 64 * 1024
/** The longest a `Retry-After` on a "processing" answer is heeded before the next poll. */
const MAX_PROCESSING_RETRY_AFTER_MS = 60_000
/** An upload may take `timeoutMs` plus one second per this many bytes. */
const UPLOAD_BYTES_PER_SECOND = 256 * 1024
const PENDING_CODES = new Set([0, 100, 102, 201, 202, 204])
const FAILED_STATUS = /^(fail|failed|failure|error|rejected|cancel+ed)$/i

type Answer = TextResponse

export class AssetLibrary {
  private readonly base: string
  private readonly options: AssetLibraryOptions

  constructor(options: AssetLibraryOptions) {
    // Both were checked with the other inputs (inputs.ts); this only normalises the URL.
    this.base = parseBaseUrl('asset-base-url', options.baseUrl)
    this.options = options
  }

  /** The only origin the key is sent to. */
  get origin(): string {
    return new URL(this.base).origin
  }

  /** Uploads each distinct file once (by sha256), a few at a time; returns sha256 -> `asset://<id>`. */
  async uploadAll(files: AssetFile[]): Promise<Map<string, string>> {
    const unique = new Map<string, AssetFile>()
    for (const file of files) {
      const first = unique.get(file.sha256)
      if (first === undefined) unique.set(file.sha256, file)
      else if (first.displayPath !== file.displayPath || first.label !== file.label) {
        this.options.log(`${file.displayPath} (\`${file.label}\`) has the same content as ${first.displayPath}: uploading it once.`)
      }
    }
    const stop = new AbortController()
    const signal = this.options.budget ? AbortSignal.any([this.options.budget.signal, stop.signal]) : stop.signal
    const slots = new Slots(Math.max(1, this.options.concurrency ?? 3))
    let failure: { error: unknown } | undefined
    const ids = await Promise.all(
      [...unique.values()].map(async (file): Promise<[string, string]> => {
        try {
          await slots.acquire(signal)
          try {
            return [file.sha256, await this.upload(file, signal)]
          } finally {
            slots.release()
          }
        } catch (error) {
          failure ??= { error }
          stop.abort(failure.error) // the other uploads stop: the run fails anyway
          return [file.sha256, '']
        }
      })
    )
    if (failure !== undefined) throw failure.error
    return new Map(ids)
  }

  private async upload(file: AssetFile, signal: AbortSignal): Promise<string> {
    const { log } = this.options
    const size = await (file.handle ? file.handle.stat() : stat(file.path)).then(
      (s) => s.size,
      (err: unknown) => fail(new AssetError(file.displayPath, `the file cannot be read (${errorMessage(err)}).`, 'protocol'))
    )
    log(`Uploading ${file.displayPath} (\`${file.label}\`, ${formatBytes(size)}) to the Asset Library...`)
    const started = await this.withRetries(file, signal, 'upload', () => this.send(file, size, signal))
    let assetId = started.assetId
    if (assetId === undefined) {
      // The upload task id goes into a URL and the log: checked like a task id first.
      const taskId = checkedId(file, started.taskId as string, 'an upload task id')
      log(`Uploaded ${file.displayPath}; waiting for its asset id (upload task ${taskId}).`)
      assetId = await this.waitForAsset(file, taskId, signal)
    }
    assetId = checkedId(file, assetId)
    log(`${file.displayPath} is asset://${assetId}`)
    return `asset://${assetId}`
  }

  /**
   * `POST /v1/asset/upload`, the file streamed into a multipart body. Written here rather than
   * with the platform's FormData: FormData takes a Blob, and `fs.openAsBlob` opens the path
   * again (on every read), where this reads the handle opened and checked with the file, so a
   * path swapped since the check is never sent; and FormData's stream has no length to send.
   */
  private async send(file: AssetFile, size: number, signal: AbortSignal): Promise<{ taskId?: string; assetId?: string }> {
    const boundary = `----seedance-action-${randomBytes(12).toString('hex')}`
    let head = ''
    if (this.options.groupId) {
      head += `--${boundary}\r\nContent-Disposition: form-data; name="group_id"\r\n\r\n${this.options.groupId}\r\n`
    }
    head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoteFilename(uploadName(file))}"\r\nContent-Type: ${file.mime}\r\n\r\n`
    const headBytes = Buffer.from(head, 'utf8')
    const tailBytes = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')
    async function* body(): AsyncGenerator<Uint8Array> {
      yield headBytes
      // Streamed, never held whole: a reference video may be 50 MB.
      const stream = file.handle
        ? file.handle.createReadStream({ start: 0, autoClose: false, emitClose: false, highWaterMark: 256 * 1024 })
        : createReadStream(file.path, { highWaterMark: 256 * 1024 })
      for await (const chunk of stream) yield chunk as Buffer
      yield tailBytes
    }
    const timeoutMs = this.options.timeoutMs + Math.ceil(size / UPLOAD_BYTES_PER_SECOND) * 1000
    const answer = await this.request(file, 'POST', '/v1/asset/upload', signal, timeoutMs, 'upload', {
      body,
      contentLength: headBytes.length + size + tailBytes.length,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }
    })
    const envelope = this.read(file, answer, false)
    const taskId = stringField(envelope.data, 'task_id') ?? stringField(envelope.data, 'taskId')
    const assetId = stringField(envelope.data, 'asset_id') ?? stringField(envelope.data, 'assetId')
    if (taskId === undefined && assetId === undefined) {
      throw new AssetError(file.displayPath, `the answer names no upload task (HTTP ${answer.status}).`, 'protocol', answer.status)
    }
    return { taskId, assetId }
  }

  /** Polls `get-asset-id` until the library names the asset. */
  private async waitForAsset(file: AssetFile, taskId: string, signal: AbortSignal): Promise<string> {
    const { pollIntervalMs = 2000, jobTimeoutMs = 600_000 } = this.options
    const started = Date.now()
    const deadline = Math.min(Date.now() + jobTimeoutMs, this.options.budget?.endsAt ?? Infinity)
    const path = `/v1/asset/jobs/get-asset-id?task_id=${encodeURIComponent(taskId)}`
    for (;;) {
      const answer = await this.withRetries(file, signal, 'poll', async () => {
        const a = await this.request(file, 'GET', path, signal, this.options.timeoutMs, 'asset-poll')
        return { answer: a, envelope: this.read(file, a, true) }
      })
      const { envelope } = answer
      const assetId = stringField(envelope.data, 'asset_id') ?? stringField(envelope.data, 'assetId')
      const status = stringField(envelope.data, 'status')
      if (assetId !== undefined && (envelope.code === undefined || envelope.code === 200)) return checkedId(file, assetId)
      if (status !== undefined && FAILED_STATUS.test(status)) {
        const reason = cleanText(stringField(envelope.data, 'message') ?? stringField(envelope.data, 'error') ?? envelope.message ?? status, 300)
        throw new AssetError(file.displayPath, `${reason}${codeNote(envelope, answer.answer.status)}.`, 'rejected', answer.answer.status)
      }
      // A Retry-After on a "processing" answer says when to ask again (at most a minute); else `pollIntervalMs`.
      const asked = parseRetryAfter(answer.answer.headers.get('retry-after'))
      const delay = asked === undefined ? pollIntervalMs : Math.min(asked, MAX_PROCESSING_RETRY_AFTER_MS)
      if (Date.now() + delay > deadline) {
        const limit = deadline === this.options.budget?.endsAt ? '(`timeout`)' : ''
        throw new AssetError(
          file.displayPath,
          `no asset id after ${formatDuration(Math.max(0, deadline - started))}${limit ? ` ${limit}` : ''} (upload task ${taskId}, last answer: ${cleanText(envelope.message ?? status ?? 'processing', 120)}).`,
          'transient'
        )
      }
      await this.sleep(signal)(delay)
    }
  }

  /** An envelope from a 2xx answer, or the ApiError the answer means. */
  private read(file: AssetFile, answer: Answer, polling: boolean): Envelope {
    const { status, text, headers } = answer
    const envelope = parseEnvelope(text, [this.options.apiKey])
    const code = envelope?.code
    // The library often answers HTTP 200 whatever `code` says: an error code counts as the
    // status, except that a 5xx code in a 2xx answer is the library's final word on this file.
    const inBody = status >= 200 && status < 300 && code !== undefined && code >= 400
    const effective = inBody ? (code >= 500 ? 422 : code) : status
    if (effective < 200 || effective > 299) {
      const said = envelope ? { message: envelope.message, code: code === undefined ? undefined : String(code), html: false } : undefined
      throw this.named(file, classifyResponse(polling ? 'asset-poll' : 'upload', { status: effective, text, headers, said }))
    }
    if (envelope === undefined) {
      return fail(new AssetError(file.displayPath, `the answer is not JSON (HTTP ${status}).`, polling ? 'transient' : 'protocol', status))
    }
    if (code !== undefined && code !== 200 && !PENDING_CODES.has(code) && !polling) {
      return fail(new AssetError(file.displayPath, `${envelope.message ?? 'unexpected answer'}${codeNote(envelope, status)}.`, 'protocol', status))
    }
    return envelope
  }

  /** The classifier's sentence, saying which file it was about. */
  private named(file: AssetFile, err: ApiError): AssetError {
    if (err instanceof AssetError) return err
    return new AssetError(file.displayPath, lowerFirst(err.message), err.kind, err.status, err.retryAfterMs, err.code)
  }

  private async request(
    file: AssetFile,
    method: string,
    path: string,
    signal: AbortSignal,
    timeoutMs: number,
    phase: Phase,
    extra: { body?: RequestBody; contentLength?: number; headers?: Record<string, string> } = {}
  ): Promise<Answer> {
    const url = `${this.base}${path}`
    let answer: Answer
    try {
      answer = await exchange({
        method,
        url,
        headers: { 'user-agent': this.options.userAgent, accept: 'application/json', ...extra.headers },
        // The bare key, no `Bearer`; to this origin only.
        credentials: { origin: this.origin, headers: { authorization: this.options.apiKey } },
        body: extra.body,
        contentLength: extra.contentLength,
        timeoutMs,
        idleTimeoutMs: this.options.timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
        signal
      })
    } catch (err) {
      if (signal.aborted) throw signal.reason
      throw this.named(file, classifyNetworkError(phase, err, url, timeoutMs))
    }
    // A server may quote the key: it is removed here, before any message is read out or cut.
    return { ...answer, text: redactSecrets(answer.text, [this.options.apiKey]) }
  }

  private withRetries<T>(file: AssetFile, signal: AbortSignal, phase: 'upload' | 'poll', attempt: () => Promise<T>): Promise<T> {
    const { maxRetries, log, random } = this.options
    return withRetries(attempt, {
      maxRetries,
      // The step's end; `signal` also stops when another upload has failed.
      budget: new Budget(signal, this.options.budget?.endsAt),
      retryable: (err) => isRetryable(phase === 'upload' ? 'upload' : 'asset-poll', err),
      sleep: this.options.sleep,
      random,
      onRetry: (err, delay, n) => {
        const reason = lowerFirst(err instanceof AssetError ? err.reason : errorMessage(err))
        log(retryLine(`${phase === 'upload' ? 'Uploading' : 'Waiting for'} ${file.displayPath}: ${reason}`, delay, n, maxRetries))
      },
      giveUp: (err, max) => {
        const e = this.named(file, err as ApiError)
        return new AssetError(file.displayPath, `${e.reason.replace(/\.$/, '')}; ${gaveUpText(max)}.`, e.kind, e.status, undefined, e.code)
      }
    })
  }

  private sleep(signal: AbortSignal): Sleep {
    return abortableSleep(signal, this.options.sleep)
  }
}

function fail(error: ApiError): never {
  throw error
}

/** An asset id (or an upload task id) goes into a request and the log: a plain token only. */
function checkedId(file: AssetFile, id: string, what = 'an asset id'): string {
  if (TASK_ID.test(id)) return id
  throw new AssetError(file.displayPath, `the library named ${what} that is not a plain token ("${cleanText(id, 60)}").`, 'protocol')
}
