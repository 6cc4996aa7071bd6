/**
 * What GitHub's answers mean for a release call: its status and message (cleaned, never raw),
 * whether it is worth another try (a 5xx, no answer at all, a rate limit with the wait GitHub
 * asks for), and `retrying`, which runs a call through the project's one retry engine and ends
 * in one sentence saying what was being done.
 */
import { ReleaseError } from '../errors.js'
import { cleanText } from '../redact.js'
import { formatBytes, formatDuration } from '../format.js'
import { readServerMessage } from '../http/powertokens-failures.js'
import { DeadlineError, gaveUpText, parseRetryAfter, retryLine, withRetries } from '../http/retry.js'
import { GithubStop, MAX_GITHUB_ANSWER_BYTES, type GithubLimits } from './github-limits.js'

export const NO_PERMISSION_ADVICE = 'The github-token cannot write to releases: add "permissions: contents: write" to the job'

export function status(err: unknown): number | undefined {
  const s = (err as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
}

/** What GitHub said, cleaned (`cleanText`: secrets removed, inert, one line, then cut). */
export function githubMessage(err: unknown): string {
  return cleanText(githubText(err), 300)
}

function githubText(err: unknown): string {
  const data = (err as { response?: { data?: unknown } } | null)?.response?.data
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') {
    const { message, errors } = data as { message: string; errors?: unknown }
    const codes = Array.isArray(errors)
      ? errors.map((e) => (e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined)).filter((c) => typeof c === 'string')
      : []
    return codes.length ? `${message} (${codes.join(', ')})` : message
  }
  // A gateway's HTML page, or any other text: its title or message, cleaned, never the raw text.
  if (typeof data === 'string' && data.trim()) {
    const headers = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers
    return readServerMessage(data, String(headers?.['content-type'] ?? '')).message ?? 'no readable message'
  }
  return err instanceof Error ? err.message : String(err)
}

export function notAccessible(err: unknown): boolean {
  const s = status(err)
  return (s === 403 || s === 404) && /Resource not accessible by integration/i.test(githubMessage(err))
}

export function alreadyExists(err: unknown): boolean {
  return status(err) === 422 && /already_exists/.test(githubMessage(err))
}

/** Our own stop of a request (octokit passes it on as the cause of its own error). */
export function stopOf(err: unknown): GithubStop | undefined {
  if (err instanceof GithubStop) return err
  const cause = (err as { cause?: unknown } | null)?.cause
  return cause instanceof GithubStop ? cause : undefined
}

/** The wait GitHub asked for: `Retry-After`, or a spent rate limit's reset time. */
export function retryAfterOf(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers
  if (!headers) return undefined
  const after = parseRetryAfter(typeof headers['retry-after'] === 'string' ? headers['retry-after'] : undefined)
  if (after !== undefined) return after
  const reset = String(headers['x-ratelimit-reset'] ?? '')
  if (String(headers['x-ratelimit-remaining']) === '0' && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - Date.now())
  return undefined
}

/** A failure worth another try: a 5xx, no answer at all (a reset, a refused connection), or a rate limit. Our own stops are not. */
function transient(err: unknown): boolean {
  if (err instanceof ReleaseError || stopOf(err) !== undefined) return false
  const s = status(err)
  if (s === undefined) return false
  if (!(err as { response?: unknown }).response) return true
  return s >= 500 || s === 429 || (s === 403 && retryAfterOf(err) !== undefined)
}

/** A failed GitHub call that may go through when tried again, and how long GitHub asked to wait first. */
class TransientGithubError extends ReleaseError {
  constructor(
    message: string,
    status: number | undefined,
    readonly retryAfterMs: number | undefined
  ) {
    super(message, status)
  }
}

const DEFAULT_MAX_RETRIES = 4

/**
 * `call`, tried again after a transient failure (the project's one retry engine: backoff, the
 * server's `Retry-After`, no wait past the step's `timeout`); any other failure, or the last,
 * is one sentence saying what was being done.
 */
export async function retrying<T>(doing: string, limits: GithubLimits, call: () => Promise<T>): Promise<T> {
  const maxRetries = limits.maxRetries ?? DEFAULT_MAX_RETRIES
  try {
    return await withRetries(
      async () => {
        try {
          return await call()
        } catch (err) {
          throw githubError(err, doing, limits)
        }
      },
      {
        maxRetries,
        budget: limits.budget,
        retryable: (err) => err instanceof TransientGithubError,
        onRetry: (err, delay, n) => limits.log?.(retryLine((err as Error).message, delay, n, maxRetries)),
        giveUp: (err, max) =>
          max === 0 ? err : new ReleaseError(`${(err as ReleaseError).message.replace(/\.$/, '')}; ${gaveUpText(max)}.`, (err as ReleaseError).status)
      }
    )
  } catch (err) {
    // No time left for the next try: still a release failure, so a paid video is named.
    if (err instanceof DeadlineError) throw new ReleaseError(err.message)
    throw err
  }
}

/**
 * One sentence for any failed GitHub call. A cancel is passed on as it came (the caller
 * reports it); running out of time or size is said as such.
 */
function githubError(err: unknown, doing: string, limits: GithubLimits): unknown {
  if (err instanceof ReleaseError) return err
  const stop = stopOf(err)
  if (stop?.why === 'timeout') return new ReleaseError(`GitHub did not answer within ${formatDuration(stop.ms)} (\`request-timeout\`) while ${doing}.`)
  if (stop?.why === 'deadline') return new ReleaseError(`GitHub had not answered while ${doing} when the step's \`timeout\` ran out.`)
  if (stop?.why === 'too-large')
    return new ReleaseError(
      `GitHub's answer while ${doing} was larger than ${formatBytes(MAX_GITHUB_ANSWER_BYTES)}, far more than any release answer; it was stopped.`
    )
  if (limits.budget?.signal.aborted) return limits.budget.signal.reason
  const s = status(err)
  const message = githubMessage(err).replace(/\.$/, '')
  if (notAccessible(err)) return new ReleaseError(`${NO_PERMISSION_ADVICE} (HTTP ${s}: ${message}).`, s)
  const text = (err as { response?: unknown } | null)?.response
    ? `GitHub answered HTTP ${s} while ${doing}: ${message}.`
    : `Could not reach the GitHub API while ${doing} (${message}).`
  return transient(err) ? new TransientGithubError(text, s, retryAfterOf(err)) : new ReleaseError(text, s)
}
