/**
 * Errors that reach the user. Each carries one sentence meant for the step's log;
 * anything else that escapes is a bug and is reported with its message only
 * (the stack goes to the debug log).
 */

/**
 * An error whose message says all there is, one sentence for the user: the step shows it
 * without a stack. Anything else that escapes is a bug (its stack goes to the debug log).
 */
export class StepError extends Error {}

/** Bad input: named the input and the rule. Raised before any request is sent. */
export class InputError extends StepError {
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

export class ApiError extends StepError {
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
export class TaskError extends StepError {
  override name = 'TaskError'
  /** The same sentence for a line that names the task already (a batch entry's): without the leading "Task <id>". */
  readonly detail: string

  constructor(message: string, detail?: string) {
    super(message)
    this.detail = detail ?? message
  }
}

/** A release lookup or upload that failed; it names the saved video and the paid task itself. */
export class ReleaseError extends StepError {
  override name = 'ReleaseError'
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
  }
}

/** The local file system refused (no space, no permission, a name too long): never retried as if the network failed. */
export class DiskError extends StepError {
  override name = 'DiskError'
  constructor(
    message: string,
    readonly code?: string
  ) {
    super(message)
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}
