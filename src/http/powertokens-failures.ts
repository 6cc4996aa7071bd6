/**
 * The one classifier: an HTTP answer, or a request that got none, becomes an ApiError whose
 * kind decides retries and whose message tells the user what to do. The phase decides only
 * the wording and whether a re-send is safe:
 *
 * - `submit` (POST /v1/videos) and `upload` (to the Asset Library) create something that is
 *   billed or stored: after a 5xx, a timeout or a drop the outcome is unknown, never re-sent;
 * - `poll`, `asset-poll` and `download` only read: those failures are transient, retried.
 *
 * A 429 or a refused connection is safe to re-send in every phase. Pure.
 */
import { ApiError, type ApiErrorKind } from '../errors.js'
import { formatDuration } from '../format.js'
import type { Headers } from './transport.js'
import { BodyTooLargeError, RedirectError, RedirectTargetError, RequestTimeoutError, UnsafeAddressError } from './transport.js'
import { ProxyError, ProxyUnsupportedError } from './proxy.js'
import { cleanText } from '../redact.js'
import { parseRetryAfter } from './retry.js'
import { displayUrl } from './url-policy.js'

export type Phase = 'submit' | 'poll' | 'download' | 'upload' | 'asset-poll'

export interface Answer {
  status: number
  text: string
  headers: Headers
  /** What the server said, when the caller has read it already (the Asset Library's envelope). */
  said?: ServerMessage
}

/** What the request was about, for the wording. */
export interface Context {
  /** Download: what is being fetched. */
  what?: 'video' | 'image'
  /** Download: where the answer came from, and whether it was the API itself. */
  url?: URL
  fromApi?: boolean
  /** Download: whether the API key went with the request. */
  keySent?: boolean
}

export interface ServerMessage {
  message?: string
  code?: string
  html: boolean
}

/** Whether a failure of this kind may be sent again in this phase. */
export function isRetryable(phase: Phase, err: unknown): boolean {
  if (!(err instanceof ApiError)) return false
  if (err.kind === 'rate-limited' || err.kind === 'not-sent') return true
  return err.kind === 'transient' && (phase === 'poll' || phase === 'asset-poll' || phase === 'download')
}

/** `{"error": {"message", "code"}}`, `{"message"}`, a gateway's HTML page, or a storage service's XML `<Error>`. */
export function readServerMessage(text: string, contentType = ''): ServerMessage {
  const read = readRaw(text, contentType)
  return {
    ...read,
    message: read.message === undefined ? undefined : cleanText(read.message, 300) || undefined,
    code: read.code === undefined ? undefined : cleanText(read.code, 80) || undefined
  }
}

function readRaw(text: string, contentType: string): ServerMessage {
  const trimmed = text.trim()
  if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim()
    return { message: title || undefined, html: true }
  }
  if (/xml/i.test(contentType) || /^(<\?xml|<Error>)/i.test(trimmed)) {
    const tag = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`, 'i').exec(trimmed)?.[1]?.trim() || undefined
    return { code: tag('Code'), message: tag('Message'), html: false }
  }
  try {
    const data = JSON.parse(trimmed) as Record<string, unknown>
    const err = (typeof data.error === 'object' && data.error !== null ? data.error : data) as Record<string, unknown>
    const message = typeof err.message === 'string' ? err.message : typeof data.error === 'string' ? data.error : undefined
    const code = err.code === undefined || err.code === null ? undefined : String(err.code)
    return { message: message?.trim() || undefined, code, html: false }
  } catch {
    return { message: trimmed.slice(0, 200) || undefined, html: false }
  }
}

const BALANCE_WORDS = /balance|quota|insufficient|credit|余额|额度|欠费/i

export const UNKNOWN_ADVICE =
  'a task may have been created and billed. Check your PowerTokens dashboard before re-running; if the task is there, collect it with the `task-id` input instead of submitting again.'

function detail(status: number, msg: ServerMessage): string {
  const head = msg.code ? `HTTP ${status}, ${msg.code}` : `HTTP ${status}`
  return msg.message ? `${head}: ${msg.message}` : head
}

/** A non-2xx answer. */
export function classifyResponse(phase: Phase, answer: Answer, ctx: Context = {}): ApiError {
  const { status, headers } = answer
  const msg = answer.said ?? readServerMessage(answer.text, headers.get('content-type') ?? '')
  const retryAfter = parseRetryAfter(headers.get('retry-after'))
  const make = (message: string, kind: ApiErrorKind, after?: number): ApiError => new ApiError(message, kind, status, after, msg.code)
  if (phase === 'download') return classifyDownload(answer, msg, ctx, make, retryAfter)
  if (phase === 'upload' || phase === 'asset-poll') return classifyLibrary(phase, status, msg, headers, make, retryAfter)

  const what = detail(status, msg)
  if (status === 429) return make(`PowerTokens is rate-limiting requests (${what}).`, 'rate-limited', retryAfter)
  if (status === 401 || msg.code === 'token_invalid' || msg.code === 'invalid_api_key') {
    return make(`PowerTokens rejected the API key (${what}): check the secret passed as \`api-key\`.`, 'auth')
  }
  if (status === 402 || (status === 403 && BALANCE_WORDS.test(`${msg.message ?? ''} ${msg.code ?? ''}`))) {
    return make(`PowerTokens refused the task for lack of balance or quota (${what}): top up the account or raise the key's quota, then re-run.`, 'balance')
  }
  if (status === 403) return make(`PowerTokens refused access (${what}): check that the key may use this model.`, 'auth')
  if (phase === 'submit') {
    if (status >= 400 && status < 500 && !msg.html) return make(`PowerTokens rejected the request (${what}).`, 'rejected')
    const source = msg.html ? `HTTP ${status} with an HTML page${msg.message ? ` "${msg.message}"` : ''} from a gateway` : what
    return make(`The submit's outcome is unknown (${source}): ${UNKNOWN_ADVICE}`, 'unknown-outcome')
  }
  if (status === 404)
    return make(`PowerTokens does not know this task (${what}): check the id; tasks can be read for 7 days after they are created.`, 'not-found')
  if (status >= 500 || status === 408) {
    return make(`PowerTokens answered ${msg.html ? `HTTP ${status} (an HTML page from a gateway)` : what}.`, 'transient', retryAfter)
  }
  return make(`PowerTokens answered ${what}.`, 'rejected')
}

type Make = (message: string, kind: ApiErrorKind, retryAfterMs?: number) => ApiError

function classifyDownload(answer: Answer, msg: ServerMessage, ctx: Context, make: Make, retryAfter?: number): ApiError {
  const { status } = answer
  const what = ctx.what ?? 'video'
  const said = [msg.code, msg.message?.slice(0, 200)].filter(Boolean).join(': ')
  const detailText = `HTTP ${status}${ctx.url ? ` from ${displayUrl(ctx.url)}` : ''}${msg.html ? ', an HTML page' : ''}${said ? `: ${said}` : ''}`
  if (status === 429) return make(`The download of the ${what} failed (${detailText}).`, 'rate-limited', retryAfter)
  if (status === 408 || status >= 500) return make(`The download of the ${what} failed (${detailText}).`, 'transient', retryAfter)
  if (status === 404 && ctx.fromApi) {
    return make(
      `PowerTokens has no ${what} for this task (${detailText}): check the task id; tasks can be read for 7 days after they are created.`,
      'not-found'
    )
  }
  if (status === 404) {
    return make(
      `The ${what} is gone (${detailText}): download links are valid for about 24 hours, so re-read the task with the \`task-id\` input (within 7 days of its creation) to get a fresh link.`,
      'not-found'
    )
  }
  if (status === 400 && ctx.fromApi) {
    return make(
      `PowerTokens will not serve the ${what} yet (${detailText}): the task is probably not finished; wait for it (\`wait: true\`) before downloading.`,
      'rejected'
    )
  }
  if (status === 401 || status === 403) {
    const advice =
      ctx.fromApi && ctx.keySent
        ? 'check the API key passed as `api-key`'
        : 'the signed link may have expired (links are valid for about 24 hours); re-read the task with the `task-id` input to get a fresh one'
    return make(`The download of the ${what} was refused (${detailText}): ${advice}.`, 'auth')
  }
  return make(`The download of the ${what} failed (${detailText}).`, 'protocol')
}

function classifyLibrary(phase: Phase, status: number, msg: ServerMessage, headers: Headers, make: Make, retryAfter?: number): ApiError {
  const reason = msg.message
  const note = msg.code !== undefined ? ` (code ${msg.code})` : ` (HTTP ${status})`
  if (status === 429) return make(`The Asset Library is rate-limiting requests (${reason ?? 'HTTP 429'}).`, 'rate-limited', retryAfter)
  if (status === 401) return make(`The Asset Library rejected the API key${reason ? ` (${reason})` : ''}; check the secret passed as \`api-key\`.`, 'auth')
  if (status >= 300 && status < 400) {
    const location = headers.get('location')
    return make(
      `The Asset Library answered HTTP ${status}, a redirect to ${location ? displayUrl(location) : 'another address'}; the key is only sent to the configured origin, so check \`asset-base-url\`.`,
      'protocol'
    )
  }
  if (status >= 500 || status === 408) {
    const what = msg.html ? `HTTP ${status}, an HTML page from a gateway` : `${reason ?? 'server error'}${note}`
    // A poll is retried; an upload may have been stored, so it is not sent again.
    return make(`${what[0]?.toUpperCase()}${what.slice(1)}.`, phase === 'asset-poll' ? 'transient' : 'unknown-outcome', retryAfter)
  }
  if (status === 413) return make(`The file is too large for the Asset Library${reason ? ` (${reason})` : ''}${note}.`, 'rejected')
  return make(`${reason ? `${reason[0]?.toUpperCase()}${reason.slice(1)}` : 'Refused'}${note}.`, 'rejected')
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])
/** Errors of the local file system: reported as what they are, never retried as if the network failed. */
const DISK_CODES = /^E(NOSPC|ACCES|PERM|ROFS|DQUOT|IO|NAMETOOLONG|NOTDIR|ISDIR|FBIG|LOOP|MFILE|NFILE|EXIST)$/

export function errorCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** TLS failures of trust: the host's certificate (or a TLS-inspecting proxy's) is not signed by a CA this Node knows. */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE'
])

/** A proxy that refused the tunnel or could not be reached: nothing went to the host, so it may be sent again. */
function proxyFailure(err: ProxyError, url: URL): ApiError {
  const variable = url.protocol === 'https:' ? '`HTTPS_PROXY`' : '`HTTP_PROXY`'
  const head = `The proxy ${err.proxy}`
  const tail = `; nothing was sent to ${err.target}`
  let message: string
  if (err.status === 407)
    message = `${head} asked for credentials (HTTP 407) for the tunnel to ${err.target}${tail}: check the user and password in ${variable}.`
  else if (err.status === 403)
    message = `${head} refused the tunnel to ${err.target} (HTTP 403)${tail}: check that the proxy allows this host, or list the host in \`NO_PROXY\` if it can be reached directly.`
  else if (err.status !== undefined)
    message = `${head} could not open a tunnel to ${err.target} (HTTP ${err.status})${tail}: check that the proxy can reach this host.`
  else message = `Could not connect to the proxy ${err.proxy} (${err.code ?? 'no answer'})${tail}: check ${variable}.`
  return new ApiError(message, 'not-sent', err.status, undefined, err.code)
}

/** A request that got no (whole) HTTP answer. */
export function classifyNetworkError(phase: Phase, err: unknown, url: string | URL, timeoutMs: number): ApiError {
  if (err instanceof ApiError) return err
  // A redirect's target failed: the sentence names that target, not where the redirect came from.
  if (err instanceof RedirectTargetError) return classifyNetworkError(phase, err.cause, err.url, timeoutMs)
  if (err instanceof ProxyError) return proxyFailure(err, new URL(url))
  if (err instanceof ProxyUnsupportedError) {
    return new ApiError(
      `A proxy is set (${err.proxy}), but this runner's Node ${process.versions.node} cannot use one (Node 24.5 or later can): update the runner.`,
      'protocol',
      undefined,
      undefined,
      err.code
    )
  }
  if (err instanceof RedirectError) return new ApiError(err.message, 'protocol', err.status || undefined)
  if (err instanceof UnsafeAddressError || errorCode(err) === 'EUNSAFEADDRESS') {
    const e = err as UnsafeAddressError
    const host = e.url?.hostname ?? new URL(url).hostname
    return new ApiError(
      `The link points to ${host}, ${e.reason ?? 'an address that is refused'}: it was not fetched (links to link-local, cloud metadata or loopback addresses never are).`,
      'unsafe-link',
      undefined,
      undefined,
      'EUNSAFEADDRESS'
    )
  }
  const code = errorCode(err)
  const origin = new URL(url).origin
  const creates = phase === 'submit' || phase === 'upload'
  if (code !== undefined && UNTRUSTED_CODES.has(code)) {
    return new ApiError(
      `The certificate of ${origin} is not trusted (${code}); nothing was sent: if a proxy inspects TLS, give its CA certificate in \`NODE_EXTRA_CA_CERTS\`.`,
      'protocol',
      undefined,
      undefined,
      code
    )
  }
  if (code !== undefined && NOT_SENT_CODES.has(code)) {
    return new ApiError(`Could not connect to ${origin} (${code}); nothing was sent.`, 'not-sent', undefined, undefined, code)
  }
  let what: string
  if (err instanceof BodyTooLargeError) what = `the answer from ${origin} was larger than ${err.maxBytes} bytes and was not read`
  else if (err instanceof RequestTimeoutError)
    what = phase === 'download' ? `no data from ${origin} for ${formatDuration(timeoutMs)}` : `no answer from ${origin} within ${formatDuration(timeoutMs)}`
  else what = `the connection to ${origin} dropped (${code ?? (err instanceof Error ? err.message : String(err))})`
  if (phase === 'submit') return new ApiError(`The submit's outcome is unknown (${what}): ${UNKNOWN_ADVICE}`, 'unknown-outcome', undefined, undefined, code)
  if (creates) return new ApiError(`The outcome of the upload is unknown (${what}); it was not sent again.`, 'unknown-outcome', undefined, undefined, code)
  return new ApiError(`${what[0]?.toUpperCase()}${what.slice(1)}.`, 'transient', undefined, undefined, code)
}

/** A file that could not be written: final, with the folder named. */
export function isDiskError(err: unknown): boolean {
  const code = errorCode(err)
  return code !== undefined && DISK_CODES.test(code)
}
