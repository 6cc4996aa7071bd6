/**
 * What an HTTP answer or a network failure from the API means, as an ApiError whose kind
 * decides retries and whose message tells the user what to do. Pure.
 */
import { ApiError } from './errors.js'
import { parseRetryAfter } from './retry.js'

export type Phase = 'submit' | 'poll' | 'download'

export interface ServerMessage {
  message?: string
  code?: string
  html: boolean
}

/** `{"error": {"message", "code"}}`, `{"message"}`, or a gateway's HTML page. */
export function readServerMessage(text: string, contentType = ''): ServerMessage {
  const trimmed = text.trim()
  if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim()
    return { message: title || undefined, html: true }
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

function detail(status: number, msg: ServerMessage): string {
  const parts = [`HTTP ${status}`]
  if (msg.code) parts.push(msg.code)
  const head = parts.join(', ')
  return msg.message ? `${head}: ${msg.message}` : head
}

const UNKNOWN_ADVICE =
  'a task may have been created and billed. Check your PowerTokens dashboard before re-running; if the task is there, collect it with the `task-id` input instead of submitting again.'

/** A non-2xx answer to a request. */
export function classifyResponse(phase: Phase, status: number, text: string, headers: { get(name: string): string | null }): ApiError {
  const msg = readServerMessage(text, headers.get('content-type') ?? '')
  const what = detail(status, msg)
  if (status === 429) {
    return new ApiError(`PowerTokens is rate-limiting requests (${what}).`, 'rate-limited', status, parseRetryAfter(headers.get('retry-after')), msg.code)
  }
  if (status === 401 || msg.code === 'token_invalid' || msg.code === 'invalid_api_key') {
    return new ApiError(`PowerTokens rejected the API key (${what}): check the secret passed as \`api-key\`.`, 'auth', status, undefined, msg.code)
  }
  if (status === 402 || (status === 403 && BALANCE_WORDS.test(`${msg.message ?? ''} ${msg.code ?? ''}`))) {
    return new ApiError(
      `PowerTokens refused the task for lack of balance or quota (${what}): top up the account or raise the key's quota, then re-run.`,
      'balance',
      status,
      undefined,
      msg.code
    )
  }
  if (status === 403) {
    return new ApiError(`PowerTokens refused access (${what}): check that the key may use this model.`, 'auth', status, undefined, msg.code)
  }
  if (phase === 'submit') {
    if (status >= 400 && status < 500 && !msg.html) {
      return new ApiError(`PowerTokens rejected the request (${what}).`, 'rejected', status, undefined, msg.code)
    }
    const source = msg.html ? `HTTP ${status} with an HTML page${msg.message ? ` "${msg.message}"` : ''} from a gateway` : what
    return new ApiError(`The submit's outcome is unknown (${source}): ${UNKNOWN_ADVICE}`, 'unknown-outcome', status, undefined, msg.code)
  }
  if (status === 404) {
    return new ApiError(
      `PowerTokens does not know this task (${what}): check the id; tasks can be read for 7 days after they are created.`,
      'not-found',
      status,
      undefined,
      msg.code
    )
  }
  if (status >= 500 || status === 408) {
    return new ApiError(`PowerTokens answered ${msg.html ? `HTTP ${status} (an HTML page from a gateway)` : what}.`, 'transient', status, parseRetryAfter(headers.get('retry-after')), msg.code)
  }
  return new ApiError(`PowerTokens answered ${what}.`, 'rejected', status, undefined, msg.code)
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

function causeCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** A request that got no HTTP answer at all. */
export function classifyNetworkError(phase: Phase, err: unknown, url: string, timeoutMs: number): ApiError {
  const name = err instanceof Error ? err.name : ''
  const code = causeCode(err)
  const origin = new URL(url).origin
  if (code !== undefined && NOT_SENT_CODES.has(code)) {
    return new ApiError(`Could not connect to ${origin} (${code}); nothing was sent.`, 'not-sent', undefined, undefined, code)
  }
  const timedOut = name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
  const what = timedOut ? `no answer from ${origin} within ${Math.round(timeoutMs / 1000)} s` : `the connection to ${origin} dropped (${code ?? (err instanceof Error ? err.message : String(err))})`
  if (phase === 'submit') return new ApiError(`The submit's outcome is unknown (${what}): ${UNKNOWN_ADVICE}`, 'unknown-outcome', undefined, undefined, code)
  return new ApiError(`${what[0]?.toUpperCase()}${what.slice(1)}.`, 'transient', undefined, undefined, code)
}
