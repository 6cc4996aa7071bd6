/**
 * A built request and where its media came from: which input gave each item, and which items
 * name workspace files (placed, by upload or inlining, before the submit).
 */
import type { UrlMediaType, VideoRequest } from '../api/request-schema.js'

/** Which input each media item came from, and its position within that input (1-based). */
export interface MediaSource {
  input: string
  position: number
}

/** A media item that names a workspace file: checked, then uploaded (or inlined) before submit. */
export interface LocalMedia {
  /** Index in `body.media`, whose `url` holds LOCAL_PLACEHOLDER until the file is placed. */
  index: number
  path: string
  type: UrlMediaType
  input: string
}

export interface BuiltRequest {
  body: VideoRequest
  sources: MediaSource[]
  locals: LocalMedia[]
}

/** Stands in for a local file's URL while the request is validated. */
export const LOCAL_PLACEHOLDER = 'asset://local-file'
