/**
 * Downloading the finished video (or last frame) to a file.
 *
 * - Streams to a temporary file beside the target and renames it into place only when
 *   whole; the temporary file is deleted on every failure and on cancellation.
 * - The API key goes to the API origin only: redirects are followed by hand, and the key
 *   is dropped for good as soon as a redirect leaves that origin. Plain http:// is
 *   followed only to loopback hosts.
 * - A cut connection resumes with a Range request; 5xx, 429 and network errors are
 *   retried with backoff (Retry-After wins) up to `maxRetries` failures in a row.
 * - Memory stays flat: node:http streams straight into the file (see memory.ts).
 */
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { basename, dirname, join, resolve } from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { readServerMessage } from './api-errors.js'
import { ApiError } from './errors.js'
import { flatMemory } from './memory.js'
import { isLoopbackHost } from './parse.js'
import { retryDelayMs, parseRetryAfter, sleep as realSleep } from './retry.js'

export interface DownloadOptions {
  /** Absolute http(s) URL: a signed CDN link, or the API's `/v1/videos/{id}/content`. */
  url: string
  /** Final absolute file path; missing parent folders are created. */
  dest: string
  /** The only origin that may receive `authHeaders`. */
  apiOrigin: string
  /** Sent only while the current URL's origin is `apiOrigin`. */
  authHeaders: Record<string, string>
  userAgent: string
  /** What the bytes must be: an MP4 (`ftyp` box) or a PNG/JPEG/WebP image. */
  expect: 'mp4' | 'image'
  /** Retries (resumes) after a cut connection, 5xx, 429 or network error, counted in a row. */
  maxRetries: number
  /** Per request: no response headers, or no body bytes, for this long counts as a cut. */
  timeoutMs: number
  log: (line: string) => void
  /** Cancels at once; the temporary file is deleted. */
  signal?: AbortSignal
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

export interface DownloadResult {
  path: string
  bytes: number
  contentType?: string
}

export const MAX_REDIRECTS = 5
const BACKOFF = { baseMs: 1000, capMs: 30_000 }
/** Enough of the body's start to recognise the format and to quote a wrong one. */
const HEAD_BYTES = 64
const MB = 1e6
const PROGRESS_STEP_BYTES = 10 * MB

// ---------------------------------------------------------------- pure helpers

export function sameOrigin(a: string | URL, b: string | URL): boolean {
  try {
    return new URL(a).origin === new URL(b).origin
  } catch {
    return false
  }
}

/** A URL as it may appear in logs and errors: no query, fragment or user info (signed links carry credentials there). */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return '(an invalid URL)'
  }
}

/** ISO-BMFF: bytes 4..8 are `ftyp`. */
export function isMp4Header(buf: Uint8Array): boolean {
  return buf.length >= 8 && buf[4] === 0x66 && buf[5] === 0x74 && buf[6] === 0x79 && buf[7] === 0x70
}

/** PNG, JPEG or WebP. */
export function isImageHeader(buf: Uint8Array): boolean {
  const at = (i: number, bytes: number[]): boolean => bytes.every((b, j) => buf[i + j] === b)
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return true
  if (at(0, [0xff, 0xd8, 0xff])) return true
  return at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50]) // RIFF....WEBP
}

/** The first bytes as printable text, for an error message. */
export function describeHead(buf: Uint8Array, max = 40): string {
  const text = Buffer.from(buf.subarray(0, max))
    .toString('latin1')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '.')
    .trim()
  return JSON.stringify(text)
}

export function formatMB(bytes: number): string {
  return (bytes / MB).toFixed(1)
}

/** `Downloading video: 30% (60.0 of 200.0 MB)`, or `Downloading video: 30.0 MB so far` when the size is unknown. */
export function progressLine(what: string, bytes: number, total?: number): string {
  if (total === undefined || total <= 0) return `Downloading ${what}: ${formatMB(bytes)} MB so far`
  const pct = Math.min(100, Math.floor((bytes / total) * 100))
  return `Downloading ${what}: ${pct}% (${formatMB(bytes)} of ${formatMB(total)} MB)`
}

/** Below this size no progress lines are logged. */
export const PROGRESS_MIN_BYTES = 1024 * 1024

/** Which progress step `bytes` is in: tenths when the size is known, else 10 MB steps. */
export function progressStep(bytes: number, total?: number): number {
  if (total === undefined || total <= 0) return Math.floor(bytes / PROGRESS_STEP_BYTES)
  return Math.floor((bytes * 10) / total)
}

export interface ContentRange {
  start: number
  end: number
  total?: number
}

/** `bytes 100-199/1000` (or `/*`). */
export function parseContentRange(value: string | undefined): ContentRange | undefined {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value ?? '')
  if (!m) return undefined
  const start = Number(m[1])
  const end = Number(m[2])
  const total = m[3] === '*' ? undefined : Number(m[3])
  if (end < start || (total !== undefined && end >= total)) return undefined
  return { start, end, total }
}

/** May a redirect go from `from` to `to`? Only http(s), and plain http only to loopback. */
export function redirectAllowed(to: URL): boolean {
  if (to.protocol === 'https:') return true
  return to.protocol === 'http:' && isLoopbackHost(to.hostname)
}

export function tempPathFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.${randomBytes(6).toString('hex')}.part`)
}

// ---------------------------------------------------------------- the download

type Outcome = 'retry' | 'final'

/** A failure, with whether it is worth another attempt. */
class Attempt extends Error {
  constructor(
    message: string,
    readonly outcome: Outcome,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** Throw away what was received and start over from byte 0. */
    readonly restart = false
  ) {
    super(message)
  }
}

interface State {
  /** Where the next request goes: the last URL that answered with the body. */
  url: URL
  /** Whether the key may still be sent (false for good once a redirect left the API origin). */
  auth: boolean
  /** Bytes safely in the temporary file. */
  received: number
  total?: number
  etag?: string
  contentType?: string
  /** The start of the body, until the format has been checked. */
  head?: Buffer
  checked: boolean
  lastStep: number
}

export async function download(options: DownloadOptions): Promise<DownloadResult> {
  const { signal } = options
  signal?.throwIfAborted()
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
  try {
    await mkdir(dirname(dest), { recursive: true })
  } catch (err) {
    throw new ApiError(`Could not create the folder ${dirname(dest)} for the ${what(options)} (${codeOf(err)}).`, 'protocol')
  }
  const temp = tempPathFor(dest)
  const state: State = { url, auth: sameOrigin(url, options.apiOrigin), received: 0, checked: false, lastStep: -1 }
  try {
    await fetchInto(options, state, temp)
    await rename(temp, dest).catch((err: unknown) => {
      throw new ApiError(`Could not move the downloaded ${what(options)} into place at ${dest} (${codeOf(err)}).`, 'protocol')
    })
    return { path: dest, bytes: state.received, contentType: state.contentType }
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined)
    if (signal?.aborted) throw abortReason(signal)
    throw err
  }
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err)
}

function what(options: DownloadOptions): string {
  return options.expect === 'mp4' ? 'video' : 'image'
}

async function fetchInto(options: DownloadOptions, state: State, temp: string): Promise<void> {
  const { maxRetries, signal, log, random } = options
  const sleep = abortable(options.sleep ?? realSleep, signal)
  let failures = 0
  for (;;) {
    const before = state.received
    let error: Attempt
    try {
      const res = await open(options, state)
      await receive(options, state, res, temp)
      if (state.total === undefined || state.received === state.total) return
      if (state.received > state.total) {
        throw new ApiError(
          `The ${what(options)} from ${displayUrl(state.url)} is larger than announced (${state.received} bytes received, ${state.total} expected).`,
          'protocol'
        )
      }
      // A 206 that covered only part of the rest: ask for more; it is not a failure unless it was empty.
      if (state.received === before) throw new Attempt(`${displayUrl(state.url)} sent no data for the rest of the ${what(options)}`, 'retry')
      failures = 0
      continue
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal)
      if (!(err instanceof Attempt)) throw err
      error = err
    }
    state.received = await sizeOf(temp)
    if (error.restart) restart(state)
    if (state.received > before) failures = 0
    if (error.outcome === 'final') throw toApiError(error)
    const where = state.total ? ` at ${progressLine(what(options), state.received, state.total).replace(/^Downloading [^:]+: /, '')}` : ''
    if (failures >= maxRetries) {
      const got = state.total !== undefined && state.received > 0 ? ` with ${state.received} of ${state.total} bytes received` : ''
      const gaveUp =
        maxRetries === 0
          ? ' (`max-retries` is 0).'
          : `; gave up after ${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'} in a row (\`max-retries\`).`
      throw new ApiError(`${error.message.replace(/\.$/, '')}${got}${gaveUp}`, 'transient', error.status)
    }
    const delay = retryDelayMs(failures, error.retryAfterMs, { ...BACKOFF, random })
    failures++
    const action = state.received > 0 ? 'Resuming' : 'Retrying'
    log(`${error.message.replace(/\.$/, '')}${where}. ${action} in ${(delay / 1000).toFixed(1)} s (${failures}/${maxRetries}).`)
    await sleep(delay)
  }
}

function restart(state: State): void {
  state.received = 0
  state.total = undefined
  state.etag = undefined
  state.head = undefined
  state.checked = false
  state.lastStep = -1
}

function toApiError(err: Attempt): ApiError {
  const kind = err.status === 404 ? 'not-found' : err.status === 401 || err.status === 403 ? 'auth' : err.outcome === 'retry' ? 'transient' : 'protocol'
  return new ApiError(err.message, kind, err.status)
}

/** GET the current URL, following redirects by hand, until a response that carries the body. */
async function open(options: DownloadOptions, state: State): Promise<IncomingMessage> {
  let url = state.url
  let auth = state.auth
  for (let hops = 0; ; hops++) {
    auth = auth && sameOrigin(url, options.apiOrigin)
    const headers: Record<string, string> = {
      ...(auth ? lowerCaseKeys(options.authHeaders) : {}),
      'user-agent': options.userAgent,
      accept: '*/*',
      'accept-encoding': 'identity'
    }
    if (state.received > 0) {
      headers.range = `bytes=${state.received}-`
      if (state.etag) headers['if-range'] = state.etag
    }
    const res = await request(url, headers, options)
    const status = res.statusCode ?? 0
    if ([301, 302, 303, 307, 308].includes(status)) {
      res.resume()
      const location = res.headers.location
      if (!location) throw new Attempt(`${displayUrl(url)} answered HTTP ${status} without a Location to go to.`, 'final', status)
      let next: URL
      try {
        next = new URL(location, url)
      } catch {
        throw new Attempt(`${displayUrl(url)} redirected to an invalid URL (HTTP ${status}).`, 'final', status)
      }
      if (!redirectAllowed(next)) {
        throw new Attempt(
          `${displayUrl(url)} redirected to ${displayUrl(next)}, which is not https://; the download was refused rather than fetched insecurely.`,
          'final',
          status
        )
      }
      if (hops + 1 > MAX_REDIRECTS) throw new Attempt(`The download from ${displayUrl(state.url)} was redirected more than ${MAX_REDIRECTS} times.`, 'final', status)
      url = next
      continue
    }
    if (status === 200 || status === 206) {
      state.url = url
      state.auth = auth
      return res
    }
    if (status === 416 && state.received > 0) {
      res.resume()
      throw new Attempt(`${displayUrl(url)} could not resume the download (HTTP 416)`, 'retry', status, undefined, true)
    }
    throw await statusError(options, url, auth, res)
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
}

/** What a non-2xx, non-redirect answer means. */
async function statusError(options: DownloadOptions, url: URL, auth: boolean, res: IncomingMessage): Promise<Attempt> {
  const status = res.statusCode ?? 0
  const text = redact(await readSome(res, 4096), options, url)
  const msg = readErrorBody(text, res.headers['content-type'] ?? '')
  const where = displayUrl(url)
  const said = [msg.code, msg.message?.slice(0, 200)].filter(Boolean).join(': ')
  const detail = `HTTP ${status} from ${where}${msg.html ? ', an HTML page' : ''}${said ? `: ${said}` : ''}`
  const retryAfter = parseRetryAfter(headerValue(res.headers['retry-after']))
  const fromApi = sameOrigin(url, options.apiOrigin)
  if (status === 429 || status === 408 || status >= 500) {
    return new Attempt(`The download of the ${what(options)} failed (${detail})`, 'retry', status, retryAfter)
  }
  if (status === 404 && fromApi) {
    return new Attempt(
      `PowerTokens has no ${what(options)} for this task (${detail}): check the task id; tasks can be read for 7 days after they are created.`,
      'final',
      status
    )
  }
  if (status === 404) {
    return new Attempt(
      `The ${what(options)} is gone (${detail}): download links are valid for about 24 hours, so re-read the task with the \`task-id\` input (within 7 days of its creation) to get a fresh link.`,
      'final',
      status
    )
  }
  if (status === 400 && fromApi) {
    return new Attempt(
      `PowerTokens will not serve the ${what(options)} yet (${detail}): the task is probably not finished; wait for it (\`wait: true\`) before downloading.`,
      'final',
      status
    )
  }
  if (status === 401 || status === 403) {
    const advice =
      fromApi && auth
        ? 'check the API key passed as `api-key`'
        : 'the signed link may have expired (links are valid for about 24 hours); re-read the task with the `task-id` input to get a fresh one'
    return new Attempt(`The download of the ${what(options)} was refused (${detail}): ${advice}.`, 'final', status)
  }
  return new Attempt(`The download of the ${what(options)} failed (${detail}).`, 'final', status)
}

/** The API's JSON error, a gateway's HTML page, or a storage service's XML `<Error><Code/><Message/></Error>`. */
export function readErrorBody(text: string, contentType: string): { code?: string; message?: string; html: boolean } {
  if (/xml/i.test(contentType) || /^\s*(<\?xml|<Error>)/i.test(text)) {
    const tag = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`, 'i').exec(text)?.[1]?.trim() || undefined
    return { code: tag('Code'), message: tag('Message'), html: false }
  }
  return readServerMessage(text, contentType)
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** Never let a credential reach a message. */
function redact(text: string, options: DownloadOptions, current?: URL): string {
  let out = text
  for (const value of Object.values(options.authHeaders)) {
    for (const secret of [value, value.replace(/^\S+\s+/, '')]) if (secret.length >= 8) out = out.split(secret).join('***')
  }
  for (const url of [options.url, current?.href]) {
    const query = url ? queryOf(url) : ''
    if (query) out = out.split(query).join('?***').split(query.slice(1)).join('***')
  }
  return out
}

function queryOf(url: string): string {
  try {
    const q = new URL(url).search
    return q.length > 1 ? q : ''
  } catch {
    return ''
  }
}

async function readSome(res: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      size += chunk.length
      if (size >= max) break
    }
  } catch {
    // The message is a courtesy; the status says enough.
  } finally {
    res.destroy()
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8')
}

/** One GET; resolves with the response head. */
function request(url: URL, headers: Record<string, string>, options: DownloadOptions): Promise<IncomingMessage> {
  const { timeoutMs, signal } = options
  return new Promise((resolvePromise, reject) => {
    const transport = url.protocol === 'https:' ? https : http
    let response: IncomingMessage | undefined
    const req = transport.request(url, { method: 'GET', headers, signal }, (res) => {
      response = res
      res.on('error', () => undefined) // reported by whoever reads the body
      resolvePromise(res)
    })
    // The socket's idle timeout: covers both the wait for the head and gaps in the body.
    req.setTimeout(timeoutMs, () => {
      const err = new Attempt(`No data from ${url.origin} for ${formatSeconds(timeoutMs)}`, 'retry')
      response?.destroy(err)
      req.destroy(err)
    })
    req.on('error', (err) => reject(networkError(err, url)))
    req.end()
  })
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

function networkError(err: unknown, url: URL): unknown {
  if (err instanceof Attempt) return err
  if (err instanceof Error && err.name === 'AbortError') return err
  const code = (err as { code?: unknown }).code
  const reason = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err)
  return new Attempt(`The connection to ${url.origin} failed (${reason})`, 'retry')
}

/** Streams one response body into the temporary file. */
async function receive(options: DownloadOptions, state: State, res: IncomingMessage, temp: string): Promise<void> {
  const status = res.statusCode
  const length = lengthOf(res)
  if (status === 206) {
    const range = parseContentRange(headerValue(res.headers['content-range']))
    if (!range || range.start !== state.received || (state.total !== undefined && range.total !== undefined && range.total !== state.total)) {
      res.destroy()
      throw new Attempt(`${displayUrl(state.url)} answered the resume with a range that does not fit`, 'retry', status, undefined, true)
    }
    state.total = range.total ?? state.total
  } else {
    if (state.received > 0) {
      options.log(`${displayUrl(state.url)} cannot resume; starting the download of the ${what(options)} over.`)
      restart(state)
    }
    state.total = length
    state.etag = strongEtag(headerValue(res.headers.etag))
  }
  state.contentType = headerValue(res.headers['content-type'])
  if (state.received === 0 && state.total !== undefined) {
    options.log(`Downloading the ${what(options)} from ${displayUrl(state.url)} (${formatMB(state.total)} MB).`)
  } else if (state.received === 0) {
    options.log(`Downloading the ${what(options)} from ${displayUrl(state.url)}.`)
  }

  const file = createWriteStream(temp, { flags: state.received === 0 ? 'w' : 'r+', start: state.received, highWaterMark: 1024 * 1024 })
  const meter = new Meter(options, state)
  try {
    await pipeline(res, meter, file)
  } catch (err) {
    if (!file.closed) await new Promise<void>((done) => file.once('close', () => done()))
    if (err instanceof Attempt || (err instanceof Error && err.name === 'AbortError')) throw err
    if (err instanceof ApiError) throw err
    const code = (err as { code?: unknown }).code
    const cause = err instanceof Error ? err.message : String(err)
    if (typeof code === 'string' && /^E(NOSPC|ACCES|PERM|ROFS|DQUOT|IO)$/.test(code)) {
      throw new ApiError(`Could not write the ${what(options)} to ${dirname(temp)} (${code}).`, 'protocol')
    }
    throw new Attempt(`The connection to ${state.url.origin} dropped (${typeof code === 'string' ? code : cause})`, 'retry')
  }
  state.received = meter.position
}

function lengthOf(res: IncomingMessage): number | undefined {
  const encoding = headerValue(res.headers['content-encoding'])
  if (encoding && encoding !== 'identity') return undefined
  const value = headerValue(res.headers['content-length'])
  if (value === undefined || !/^\d+$/.test(value)) return undefined
  return Number(value)
}

function strongEtag(value: string | undefined): string | undefined {
  return value && !value.startsWith('W/') ? value : undefined
}

/** Counts, checks the format from the first bytes, and logs progress. */
class Meter extends Transform {
  position: number
  private readonly memory = flatMemory()

  constructor(
    private readonly options: DownloadOptions,
    private readonly state: State
  ) {
    super()
    this.position = state.received
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.position += chunk.length
      if (!this.state.checked) this.collectHead(chunk)
      const step = progressStep(this.position, this.state.total)
      if (step > this.state.lastStep) {
        // Small files (a last frame, a short clip) finish before progress would tell anyone anything.
        const worthIt = (this.state.total ?? Infinity) >= PROGRESS_MIN_BYTES
        if (worthIt && (this.state.lastStep >= 0 || step > 0)) this.options.log(progressLine(what(this.options), this.position, this.state.total))
        this.state.lastStep = step
      }
      this.memory(chunk.length)
      done(null, chunk)
    } catch (err) {
      done(err as Error)
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.state.checked) this.check()
      done()
    } catch (err) {
      done(err as Error)
    }
  }

  private collectHead(chunk: Buffer): void {
    const head = this.state.head ?? Buffer.alloc(0)
    if (head.length < HEAD_BYTES) this.state.head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)])
    if ((this.state.head?.length ?? 0) >= HEAD_BYTES) this.check()
  }

  private check(): void {
    const head = this.state.head ?? Buffer.alloc(0)
    const ok = this.options.expect === 'mp4' ? isMp4Header(head) : isImageHeader(head)
    if (!ok) {
      const kind = this.options.expect === 'mp4' ? 'an MP4 video' : 'a PNG, JPEG or WebP image'
      const type = this.state.contentType ? `content-type ${this.state.contentType}` : 'no content-type'
      const received = head.length === 0 ? 'an empty body' : `${type}, starting ${redact(describeHead(head), this.options, this.state.url)}`
      throw new ApiError(
        `The download from ${displayUrl(this.state.url)} is not ${kind} (received ${received}); the link may point to an error page or have expired.`,
        'protocol'
      )
    }
    this.state.checked = true
    this.state.head = undefined
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}

function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason
  if (reason instanceof Error) return reason
  return new DOMException('The download was cancelled.', 'AbortError')
}

function abortable(sleep: (ms: number) => Promise<void>, signal?: AbortSignal): (ms: number) => Promise<void> {
  if (!signal) return sleep
  return (ms) =>
    new Promise<void>((done, fail) => {
      if (signal.aborted) return fail(abortReason(signal))
      const onAbort = (): void => fail(abortReason(signal))
      signal.addEventListener('abort', onAbort, { once: true })
      sleep(ms).then(
        () => {
          signal.removeEventListener('abort', onAbort)
          done()
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort)
          fail(err)
        }
      )
    })
}
