/**
 * The one HTTP transport: every request of the action (API, Asset Library, downloads) goes
 * through `send`, over node:http(s) (fetch would load undici: ~7 ms and ~2.5 MB per run).
 *
 * - Credentials go only to their own origin, over https or loopback http (url-policy.ts);
 *   redirects are followed by hand, and once one leaves that origin the credentials are
 *   dropped for good.
 * - `idleTimeoutMs` bounds the wait for the head and every gap in the body; `exchange` also
 *   bounds the whole exchange and the size of the answer.
 * - The runner's proxy is honoured (proxy.ts); loopback is always reached directly.
 * - Failures keep Node's error codes (ECONNREFUSED, ECONNRESET...) for powertokens-failures.ts; running
 *   out of time rejects with a RequestTimeoutError, a proxy that refuses with a ProxyError, and
 *   a redirect's target that gets no answer with a RedirectTargetError naming that target.
 */
import dns, { type LookupAddress } from 'node:dns'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import zlib from 'node:zlib'
import { displayProxy, ProxyError, proxyAgent, proxyFor } from './proxy.js'
import { displayUrl, mayCarryCredentials, privateAddress, transportAllowed, unsafeAddress, unsafeHost } from './url-policy.js'

export interface Credentials {
  /** The only origin these headers are ever sent to. */
  origin: string
  headers: Record<string, string>
}

export type RequestBody = string | Buffer | (() => AsyncIterable<Uint8Array>)

export interface HttpRequest {
  method: string
  url: string | URL
  headers?: Record<string, string>
  credentials?: Credentials
  body?: RequestBody
  /** Needed with a streamed body. */
  contentLength?: number
  /** No response head, or no body bytes, for this long fails the request. */
  idleTimeoutMs: number
  signal?: AbortSignal
  /** Redirects to follow by hand (GET only); 0 returns the 3xx answer itself. */
  maxRedirects?: number
  /**
   * For links a server handed out (downloads): refuse link-local, metadata and (unless
   * allowed) loopback addresses, checked on the name, the IP literal and every resolved address.
   */
  guard?: Guard
}

/** Which addresses a link may not reach: always link-local and metadata; loopback unless allowed; private networks when `allowPrivate` is false. */
export interface Guard {
  allowLoopback: boolean
  /** Default true (a link the API handed out); false for links a user gave (`remote-media-as: asset`). */
  allowPrivate?: boolean
}

function refusedAddress(address: string, guard: Guard): string | undefined {
  return unsafeAddress(address, guard.allowLoopback) ?? (guard.allowPrivate === false ? privateAddress(address) : undefined)
}

export interface Headers {
  get(name: string): string | null
}

export interface HttpResponse {
  status: number
  headers: Headers
  /** Where the answer came from, after redirects. */
  url: URL
  /** False once a redirect left the credentials' origin. */
  credentialsSent: boolean
  /** The body, to be read (or destroyed) by the caller. */
  body: IncomingMessage
}

/** A redirect the policy refuses, or one too many. */
export class RedirectError extends Error {
  override name = 'RedirectError'
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
  }
}

/** An answer larger than the caller's cap. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError'
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes} bytes`)
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** No answer, or no data, for the request's timeout. */
export class RequestTimeoutError extends Error {
  override name = 'TimeoutError'
  constructor(url: URL, ms: number) {
    super(`no data from ${url.origin} for ${ms} ms`)
  }
}

function headersOf(res: IncomingMessage): Headers {
  return {
    get: (name) => {
      const v = res.headers[name.toLowerCase()]
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v
    }
  }
}

/** A request to a redirect's target that got no answer: the failure is that target's, not the first URL's. */
export class RedirectTargetError extends Error {
  override name = 'RedirectTargetError'
  constructor(
    readonly url: URL,
    override readonly cause: unknown
  ) {
    super(`${displayUrl(url)}: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/** Failures that can only be the proxy's when a request goes through one: the host itself was never reached. */
const PROXY_CONNECT_CODES = new Set(['ERR_PROXY_TUNNEL', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

/** A link the guard refuses. Its code tells powertokens-failures.ts. */
export class UnsafeAddressError extends Error {
  override name = 'UnsafeAddressError'
  readonly code = 'EUNSAFEADDRESS'
  constructor(
    readonly url: URL,
    readonly reason: string
  ) {
    super(`${url.hostname} is ${reason}`)
  }
}

function checkHost(url: URL, guard: HttpRequest['guard']): void {
  if (!guard) return
  const reason = unsafeHost(url, guard.allowLoopback) ?? (guard.allowPrivate === false ? privateAddress(url.hostname) : undefined)
  if (reason) throw new UnsafeAddressError(url, reason)
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** dns.lookup, refusing any unsafe address it resolves to (checked after DNS, so a name cannot hide one). */
function guardedLookup(url: URL, guard: Guard) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '')
      const bad = addresses.map((a) => refusedAddress(a.address, guard)).find((r) => r !== undefined)
      if (bad) return callback(new UnsafeAddressError(url, bad) as unknown as NodeJS.ErrnoException, '')
      if (options.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '')
      callback(null, first.address, first.family)
    })
  }
}

/** One request, no redirects: resolves with the response head. */
function once(r: HttpRequest, url: URL, withCredentials: boolean): Promise<IncomingMessage> {
  const headers: Record<string, string> = {}
  if (withCredentials && r.credentials) for (const [k, v] of Object.entries(r.credentials.headers)) headers[k.toLowerCase()] = v
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v
  const body = r.body
  if (typeof body === 'string' || Buffer.isBuffer(body)) headers['content-length'] = String(Buffer.byteLength(body))
  else if (body !== undefined && r.contentLength !== undefined) headers['content-length'] = String(r.contentLength)
  const transport = url.protocol === 'https:' ? https : http
  // Through a proxy the proxy resolves names (the host and IP literals were judged before); direct, every resolved address is.
  const proxy = proxyFor(url)
  const route = proxy ? { agent: proxyAgent(url, proxy) } : r.guard ? { lookup: guardedLookup(url, r.guard) } : {}
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined
    const req = transport.request(url, { method: r.method, headers, signal: r.signal, ...route }, (res) => {
      response = res
      res.on('error', () => undefined) // reported by whoever reads the body
      resolve(res)
    })
    // The socket's idle timeout: the wait for the head and every gap in the body.
    req.setTimeout(r.idleTimeoutMs, () => {
      const err = new RequestTimeoutError(url, r.idleTimeoutMs)
      response?.destroy(err)
      req.destroy(err)
    })
    req.on('error', (err: NodeJS.ErrnoException & { statusCode?: number }) => {
      if (proxy && !response && err.code !== undefined && PROXY_CONNECT_CODES.has(err.code)) {
        const target = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`
        reject(new ProxyError(displayProxy(proxy), target, err.code === 'ERR_PROXY_TUNNEL' ? err.statusCode : undefined, err.code))
      } else reject(err)
    })
    if (typeof body === 'function') {
      void (async () => {
        try {
          for await (const chunk of body()) {
            if (!req.write(chunk)) await new Promise<void>((drained) => req.once('drain', drained))
          }
          req.end()
        } catch (err) {
          req.destroy(err instanceof Error ? err : new Error(String(err)))
        }
      })()
    } else {
      req.end(body)
    }
  })
}

/** Sends the request, following redirects by the policy above; the body is left to the caller. */
export async function send(r: HttpRequest): Promise<HttpResponse> {
  let url = new URL(r.url)
  checkHost(url, r.guard)
  if (!transportAllowed(url)) throw new RedirectError(`${displayUrl(url)} is not an https:// URL; it was not requested.`, 0)
  let withCredentials = r.credentials !== undefined && mayCarryCredentials(url, r.credentials.origin)
  for (let hops = 0; ; hops++) {
    let res: IncomingMessage
    try {
      res = await once(r, url, withCredentials)
    } catch (err) {
      throw hops > 0 && !(err instanceof UnsafeAddressError) && !r.signal?.aborted ? new RedirectTargetError(url, err) : err
    }
    const status = res.statusCode ?? 0
    if (!REDIRECTS.has(status) || (r.maxRedirects ?? 0) === 0) {
      return { status, headers: headersOf(res), url, credentialsSent: withCredentials, body: res }
    }
    // The redirect's body is never read: destroyed with its socket, so a body that never ends
    // cannot keep a socket (and the process) alive after the request it served.
    res.destroy()
    const location = res.headers.location
    if (!location) throw new RedirectError(`${displayUrl(url)} answered HTTP ${status} without a Location to go to.`, status)
    let next: URL
    try {
      next = new URL(location, url)
    } catch {
      throw new RedirectError(`${displayUrl(url)} redirected to an invalid URL (HTTP ${status}).`, status)
    }
    checkHost(next, r.guard)
    if (!transportAllowed(next)) {
      throw new RedirectError(
        `${displayUrl(url)} redirected to ${displayUrl(next)}, which is not https://; it was refused rather than fetched insecurely.`,
        status
      )
    }
    if (hops + 1 > (r.maxRedirects ?? 0)) throw new RedirectError(`${displayUrl(r.url)} was redirected more than ${r.maxRedirects} times.`, status)
    url = next
    withCredentials = withCredentials && r.credentials !== undefined && mayCarryCredentials(url, r.credentials.origin)
  }
}

/** Reads a whole body as bytes, failing past `maxBytes` (the rest is not read). */
export async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBytes) throw new BodyTooLargeError(maxBytes)
      chunks.push(chunk)
    }
  } finally {
    if (!res.complete) res.destroy()
  }
  return Buffer.concat(chunks)
}

/** How long the start of an error's body is read: the message is a courtesy, and a body may drip forever. */
export const READ_SOME_MS = 5000

/** The start of a body, at most `maxBytes` and what arrives within `withinMs`, for an error message; never fails. */
export async function readSome(res: IncomingMessage, maxBytes: number, withinMs = READ_SOME_MS): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  const timer = setTimeout(() => res.destroy(), withinMs)
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      size += chunk.length
      if (size >= maxBytes) break
    }
  } catch {
    // The message is a courtesy; the status says enough.
  } finally {
    clearTimeout(timer)
    res.destroy()
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8')
}

export interface TextResponse {
  status: number
  headers: Headers
  text: string
}

/** A whole small exchange (an API call): bounded in time (`timeoutMs`, head and body) and size. */
export async function exchange(r: HttpRequest & { timeoutMs: number; maxBytes: number }): Promise<TextResponse> {
  const url = new URL(r.url)
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(new RequestTimeoutError(url, r.timeoutMs)), r.timeoutMs)
  const signal = r.signal ? AbortSignal.any([r.signal, deadline.signal]) : deadline.signal
  try {
    const res = await send({ ...r, signal, idleTimeoutMs: Math.min(r.idleTimeoutMs, r.timeoutMs) })
    const bytes = decode(await readBody(res.body, r.maxBytes), res.headers.get('content-encoding'), r.maxBytes)
    return { status: res.status, headers: res.headers, text: bytes.toString('utf8') }
  } catch (err) {
    if (deadline.signal.aborted && !r.signal?.aborted) throw deadline.signal.reason
    throw err
  } finally {
    clearTimeout(timer)
  }
}

/** A compressed answer (sent even unasked by some gateways), inflated within the same cap. */
function decode(bytes: Buffer, encoding: string | null, maxBytes: number): Buffer {
  const e = encoding?.trim().toLowerCase()
  if (!e || e === 'identity') return bytes
  const options = { maxOutputLength: maxBytes }
  try {
    if (e === 'gzip' || e === 'x-gzip') return zlib.gunzipSync(bytes, options)
    if (e === 'deflate') return zlib.inflateSync(bytes, options)
    if (e === 'br') return zlib.brotliDecompressSync(bytes, options)
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLargeError(maxBytes)
    return bytes
  }
  return bytes
}
