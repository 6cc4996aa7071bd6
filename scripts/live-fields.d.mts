// Types for scripts/live-fields.mjs, so TypeScript tests can import it.

export type FieldKey = 'taskId' | 'status' | 'progress' | 'videoLink' | 'lastFrameLink' | 'usage' | 'error' | 'assetTask' | 'assetId' | 'assetState'

export interface Field {
  label: string
  /** The answer the field is in. */
  answer: string
  /** The places (dotted paths) the action reads it from, in its order. */
  reads: string[]
}

export const FIELDS: Record<FieldKey, Field>
export const STATUS_WORDS: Record<string, 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'expired'>
export const ASSET_PENDING_CODES: number[]
export function statusOf(word: unknown): string
export function isFinal(status: string): boolean
/** Every scalar of a JSON value as `[dotted path, value]`. */
export function leaves(value: unknown): Array<[string, unknown]>
export function shown(value: unknown): string
/** Where an answer had `field` (`found`), and which of those places the action reads (`read`). */
export function locate(field: FieldKey, answer: unknown): { found: Array<[string, unknown]>; read: Array<[string, unknown]> }
