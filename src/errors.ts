/**
 * Errors that reach the user. Each carries one sentence meant for the step's log;
 * anything else that escapes is a bug and is reported with its message only
 * (the stack goes to the debug log).
 */

/** Bad input: named the input and the rule. Raised before any request is sent. */
export class InputError extends Error {
  override name = 'InputError'
}

/** What the server's answer means for the run, which decides retries and advice. */
export type ApiErrorKind =
  | 'rate-limited' // 429: nothing was created, safe to re-send after a wait
  | 'not-sent' // connection refused / DNS: the request never left, safe to re-send
  | 'auth' // the key was rejected
  | 'balance' // 402/403: balance or quota
  | 'rejected' // 400: the server refused the body and created nothing
  | 'not-found' // 404 on a task
  | 'unknown-outcome' // 5xx, HTML page, timeout, dropped connection after sending
  | 'transient' // a poll or download failed in a way worth retrying
  | 'protocol' // the server answered 2xx with something we cannot read
  | 'unsafe-link' // a link to a link-local, metadata or loopback address: never fetched

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly code?: string
  ) {
    super(message)
  }
}

/** The wait ended without a finished video (failed task, timeout, cancellation). */
export class TaskError extends Error {
  override name = 'TaskError'
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}
