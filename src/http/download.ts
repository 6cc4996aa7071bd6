/**
 * Downloading the finished video (or last frame) to a file.
 *
 * - Streams to a temporary file beside the target and renames it into place only when
 *   whole; the temporary file is deleted on every failure and on cancellation.
 * - Requests go through the one transport (transport.ts): the key only to the API origin,
 *   redirects by hand, plain http:// only to loopback.
 * - A cut connection resumes with a Range request; 5xx, 429 and network errors are
 *   retried by the one retry engine (retry.ts), `maxRetries` failures in a row; an attempt
 *   that got bytes starts the count over.
 * - Memory stays flat whatever the size: the socket is piped into the file with back-pressure
 *   (file-sink.ts: two batches of a megabyte at most), so nothing is read whole.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { MAX_BYTES, Meter, tooLarge, whatOf, progressLine, type Expect, type MeterState } from './download-check.js'
import { ApiError, DiskError, errorMessage } from '../errors.js'
import { formatBytes } from '../format.js'
import { FileSink } from './file-sink.js'
import { readSome, send, type Credentials, type HttpResponse } from './transport.js'
import { classifyNetworkError, classifyResponse, errorCode, isDiskError, isRetryable } from './powertokens-failures.js'
import { redactSecrets } from '../redact.js'
import { abortReason, gaveUpText, retryLine, withRetries, type Sleep } from './retry.js'
import { displayUrl, isLoopbackHost } from './url-policy.js'
import type { Budget } from './budget.js'

export interface DownloadOptions {
  /** Absolute http(s) URL: a signed CDN link, or the API's `/v1/videos/{id}/content`. */
  url: string
  /** Final absolute file path; missing parent folders are created. */
  dest: string
  /** The API key and its origin: sent only there (transport.ts). */
  credentials: Credentials
  userAgent: string
  /** What the bytes must be: an MP4 (`ftyp` box) or a PNG/JPEG/WebP image. */
  expect: Expect
  /** Retries (resumes) after a cut connection, 5xx, 429 or network error, counted in a row. */
  maxRetries: number
  /** Per request: no response head, or no body bytes, for this long counts as a cut. */
  timeoutMs: number
  log: (line: string) => void
  /** The step's budget: a cancel or the end of `timeout` stops at once (the temporary file is deleted), and no retry wait may end after it. */
  budget?: Budget
  /** May links point at loopback? Default: only when the API itself is there (a local test). */
  allowLoopback?: boolean
  sleep?: Sleep
  random?: () => number
}

export interface DownloadResult {
  path: string
  bytes: number
  contentType?: string
}

/** Redirects a download follows; a media link fetched for the Asset Library follows as many. */
export const MAX_REDIRECTS = 5

export interface ContentRange {
  start: number
  end: number
  total?: number
}

/** `bytes 100-199/1000` (or `/*`). */
export function parseContentRange(value: string | null | undefined): ContentRange | undefined {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value ?? '')
  if (!m) return undefined
  const start = Number(m[1])
  const end = Number(m[2])
  const total = m[3] === '*' ? undefined : Number(m[3])
  if (end < start || (total !== undefined && end >= total)) return undefined
  return { start, end, total }
}

export function tempPathFor(dest: string): string {
  // Bounded, so a file name the file system allows never becomes one it does not.
  return join(dirname(dest), `.${basename(dest).slice(0, 64)}.${randomBytes(6).toString('hex')}.part`)
}

/** A resume the server could not serve: what was received is thrown away and the download starts over. */
class StartOver extends ApiError {
  constructor(message: string, status?: number) {
    super(message, 'transient', status)
  }
}

interface State extends MeterState {
  /** Whether the key may still be sent (false for good once a redirect left the API origin). */
  auth: boolean
  /** Bytes safely in the temporary file. */
  received: number
  etag?: string
}

export async function download(options: DownloadOptions): Promise<DownloadResult> {
  const signal = options.budget?.signal
  if (signal?.aborted) throw abortReason(signal)
  const dest = resolve(options.dest)
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new ApiError(`The download link is not a valid URL.`, 'protocol')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError(`The download link must be an http(s) URL (got ${url.protocol}).`, 'protocol')
  }
  const what = whatOf(options.expect)
  try {
    await mkdir(dirname(dest), { recursive: true })
  } catch (err) {
    throw new DiskError(`Could not create the folder ${dirname(dest)} for the ${what} (${errorCode(err) ?? errorMessage(err)}).`, errorCode(err))
  }
  const temp = tempPathFor(dest)
  const state: State = { url, auth: url.origin === options.credentials.origin, received: 0, checked: false, lastStep: -1 }
  try {
    await fetchInto(options, state, temp)
    await rename(temp, dest).catch((err: unknown) => {
      throw new DiskError(`Could not move the downloaded ${what} into place at ${dest} (${errorCode(err) ?? errorMessage(err)}).`, errorCode(err))
    })
    return { path: dest, bytes: state.received, contentType: state.contentType }
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined)
    if (signal?.aborted) throw abortReason(signal)
    throw err
  }
}

async function fetchInto(options: DownloadOptions, state: State, temp: string): Promise<void> {
  const { maxRetries, budget, log } = options
  const signal = budget?.signal
  const what = whatOf(options.expect)
  let before = 0
  // A server that cuts every answer and then cannot resume would make progress forever:
  // starting over counts as a failed attempt, and only `maxRetries` of them are allowed.
  let startedOver = 0
  const where = (): string => (state.total ? ` at ${progressLine(what, state.received, state.total).replace(/^Downloading [^:]+: /, '')}` : '')
  await withRetries(
    async () => {
      before = state.received
      try {
        // A 206 that covers only part of the rest is followed by another request; it is a
        // failure only when it brought nothing.
        for (;;) {
          const start = state.received
          const res = await open(options, state)
          await receive(options, state, res, temp)
          if (state.total === undefined || state.received === state.total) return
          if (state.received > state.total) {
            throw new ApiError(
              `The ${what} from ${displayUrl(state.url)} is larger than announced (${state.received} bytes received, ${state.total} expected).`,
              'protocol'
            )
          }
          if (state.received === start) throw new ApiError(`${displayUrl(state.url)} sent no data for the rest of the ${what}.`, 'transient')
        }
      } catch (err) {
        if (signal?.aborted) throw abortReason(signal)
        state.received = await sizeOf(temp)
        if (err instanceof StartOver) {
          startOver(state)
          before = 0
          if (++startedOver > maxRetries) throw new ApiError(`${err.message}; gave up after starting over ${startedOver} times.`, 'protocol', err.status)
        }
        throw err
      }
    },
    {
      maxRetries,
      budget,
      retryable: (err) => isRetryable('download', err),
      sleep: options.sleep,
      random: options.random,
      progressed: () => state.received > before,
      onRetry: (err, delay, n) =>
        log(retryLine(`${errorMessage(err).replace(/\.$/, '')}${where()}`, delay, n, maxRetries, state.received > 0 ? 'Resuming' : 'Retrying')),
      giveUp: (err, max) => {
        const e = err as ApiError
        const got = state.total !== undefined && state.received > 0 ? ` with ${state.received} of ${state.total} bytes received` : ''
        const gaveUp = max === 0 ? ` (${gaveUpText(0)})` : `; ${gaveUpText(max, ' in a row')}`
        return new ApiError(`${e.message.replace(/\.$/, '')}${got}${gaveUp}.`, e.kind, e.status)
      }
    }
  )
}

function startOver(state: State): void {
  state.received = 0
  state.total = undefined
  state.etag = undefined
  state.head = undefined
  state.checked = false
  state.lastStep = -1
}

/** GET the current URL (redirects followed by the transport) until a response that carries the body. */
async function open(options: DownloadOptions, state: State): Promise<HttpResponse> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: '*/*', 'accept-encoding': 'identity' }
  if (state.received > 0) {
    headers.range = `bytes=${state.received}-`
    if (state.etag) headers['if-range'] = state.etag
  }
  let res: HttpResponse
  try {
    res = await send({
      method: 'GET',
      url: state.url,
      headers,
      credentials: state.auth ? options.credentials : undefined,
      idleTimeoutMs: options.timeoutMs,
      maxRedirects: MAX_REDIRECTS,
      // The link came from a server: never to a metadata service, nor to loopback unless the API is there.
      guard: { allowLoopback: options.allowLoopback ?? isLoopbackHost(new URL(options.credentials.origin).hostname) },
      signal: options.budget?.signal
    })
  } catch (err) {
    if (options.budget?.signal.aborted) throw abortReason(options.budget.signal)
    throw classifyNetworkError('download', err, state.url, options.timeoutMs)
  }
  const { status } = res
  if (status === 200 || status === 206) {
    state.url = res.url
    state.auth = res.credentialsSent
    return res
  }
  if (status === 416 && state.received > 0) {
    res.body.destroy() // never read: a body that never ends must not outlive the request
    throw new StartOver(`${displayUrl(res.url)} could not resume the download (HTTP 416)`, status)
  }
  const secrets = [...Object.values(options.credentials.headers), options.url, res.url.href]
  const text = redactSecrets(await readSome(res.body, 4096), secrets)
  return Promise.reject(
    classifyResponse(
      'download',
      { status, headers: res.headers, text },
      {
        what: whatOf(options.expect),
        url: res.url,
        fromApi: res.url.origin === options.credentials.origin,
        keySent: res.credentialsSent
      }
    )
  )
}

/** Streams one response body into the temporary file. */
async function receive(options: DownloadOptions, state: State, res: HttpResponse, temp: string): Promise<void> {
  const what = whatOf(options.expect)
  const length = lengthOf(res)
  if (res.status === 206) {
    const range = parseContentRange(res.headers.get('content-range'))
    if (!range || range.start !== state.received || (state.total !== undefined && range.total !== undefined && range.total !== state.total)) {
      res.body.destroy()
      throw new StartOver(`${displayUrl(state.url)} answered the resume with a range that does not fit`, res.status)
    }
    state.total = range.total ?? state.total
  } else {
    if (state.received > 0) {
      options.log(`${displayUrl(state.url)} cannot resume; starting the download of the ${what} over.`)
      startOver(state)
    }
    state.total = length
    state.etag = strongEtag(res.headers.get('etag'))
  }
  if (state.total !== undefined && state.total > MAX_BYTES[options.expect]) {
    res.body.destroy()
    throw tooLarge(options.expect, state.url)
  }
  state.contentType = res.headers.get('content-type') ?? undefined
  if (state.received === 0) {
    options.log(`Downloading the ${what} from ${displayUrl(state.url)}${state.total !== undefined ? ` (${formatBytes(state.total)})` : ''}.`)
  }

  const meter = new Meter(options.expect, state, state.received, options.log)
  let file: FileSink | undefined
  try {
    file = new FileSink(temp, state.received === 0 ? 'w' : 'r+', state.received, meter)
    await pipeline(res.body, file)
  } catch (err) {
    if (!file) res.body.destroy()
    else if (!file.closed) await new Promise<void>((done) => file?.once('close', () => done()))
    if (err instanceof ApiError || (err instanceof Error && err.name === 'AbortError')) throw err
    if (isDiskError(err)) throw new DiskError(`Could not write the ${what} to ${dirname(temp)} (${errorCode(err)}).`, errorCode(err))
    throw classifyNetworkError('download', err, state.url, options.timeoutMs)
  }
  state.received = meter.position
}

function lengthOf(res: HttpResponse): number | undefined {
  const encoding = res.headers.get('content-encoding')
  if (encoding && encoding !== 'identity') return undefined
  const value = res.headers.get('content-length')
  if (value === null || !/^\d+$/.test(value)) return undefined
  return Number(value)
}

function strongEtag(value: string | null): string | undefined {
  return value && !value.startsWith('W/') ? value : undefined
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}
