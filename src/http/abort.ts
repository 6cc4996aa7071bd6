/**
 * Waiting that ends on cancellation, written once: every wait of the action (a retry's sleep,
 * a slot, the frame a chained shot starts from) is `untilAborted`, and every timer is bounded
 * by MAX_TIMER_MS.
 */

/** Node's timers hold at most this many milliseconds (about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** Why a signal aborted, as an Error (the reason the caller gave, else an AbortError). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  return reason instanceof Error ? reason : new DOMException('The operation was cancelled.', 'AbortError')
}

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts; then
 * `onAbort` undoes what the wait had set up (a timer, a place in a queue).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort?: () => void): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    onAbort?.()
    return Promise.reject(abortReason(signal))
  }
  return new Promise<T>((resolve, reject) => {
    const aborted = (): void => {
      onAbort?.()
      reject(abortReason(signal))
    }
    signal.addEventListener('abort', aborted, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', aborted)
        resolve(value)
      },
      (err: unknown) => {
        signal.removeEventListener('abort', aborted)
        reject(err)
      }
    )
  })
}
