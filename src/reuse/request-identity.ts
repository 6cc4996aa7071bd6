/**
 * The identity of a video request: a sha256 of everything that decides the video, so a
 * cache can recognise "the same request" across runs. Workspace files count by the sha256
 * of their content, not by the `asset://` id or data: URL they were placed as (those differ
 * per upload); seed -1 (random) and an unset seed are the same request.
 */
import { createHash } from 'node:crypto'

export interface IdentityInput {
  /** The API base URL the task is submitted to (trailing slashes ignored). */
  baseUrl: string
  /** The body of `POST /v1/videos` (model included). */
  body: unknown
  /** Per index in `body.media`: the content sha256 (hex) of the workspace file placed there. */
  localFiles?: ReadonlyMap<number, string> | Readonly<Record<number, string>>
  /** For an entry that starts from another's last frame: that entry's identity (never its link, which changes every run). */
  after?: string
}

/** Stable lowercase hex sha256 of the request. */
export function requestIdentity({ baseUrl, body, localFiles, after }: IdentityInput): string {
  const files = localFiles instanceof Map ? localFiles : new Map(Object.entries(localFiles ?? {}).map(([k, v]) => [Number(k), v]))
  const normal = normalizeBody(body, files as ReadonlyMap<number, string>)
  const text = canonicalJson({ v: 1, baseUrl: baseUrl.replace(/\/+$/, ''), body: normal, after })
  return createHash('sha256').update(text).digest('hex')
}

function normalizeBody(body: unknown, files: ReadonlyMap<number, string>): unknown {
  if (!isRecord(body)) return body
  const out: Record<string, unknown> = { ...body }
  if (out.seed === -1 || out.seed === undefined) delete out.seed
  if (Array.isArray(out.media)) {
    out.media = out.media.map((item: unknown, index) => {
      const sha = files.get(index)
      if (sha === undefined || !isRecord(item)) return item
      const copy: Record<string, unknown> = { ...item }
      delete copy.url
      copy.contentSha256 = sha.toLowerCase()
      return copy
    })
  }
  return out
}

/** JSON with object keys sorted at every depth; undefined members left out as JSON does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
