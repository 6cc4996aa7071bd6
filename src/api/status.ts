/** The API's many status spellings (docs/powertokens-api.md), folded into the one vocabulary our outputs use. */
export type Status = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'expired' | 'unknown'

const WORDS: Readonly<Record<string, Status>> = {
  pending: 'queued',
  queued: 'queued',
  running: 'running',
  in_progress: 'running',
  processing: 'running',
  succeeded: 'succeeded',
  completed: 'succeeded',
  succeed: 'succeeded',
  success: 'succeeded',
  failed: 'failed',
  failure: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  expired: 'expired'
}

export function normalizeStatus(word: unknown): Status {
  if (typeof word !== 'string') return 'unknown'
  return (
    WORDS[
      word
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_')
    ] ?? 'unknown'
  )
}

/** A status after which the task will not change any more. */
export function isFinal(status: Status): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled' || status === 'expired'
}

/** Ended without a video: failed, cancelled or expired. Such a task may be submitted again. */
export function endedUnsuccessfully(status: Status): boolean {
  return isFinal(status) && status !== 'succeeded'
}
