/**
 * The Asset Library's answers and failures, read: its `{code, message, data}` envelope, the
 * name a file goes up as, and AssetError, a failure that names the file it was about.
 */
import { basename, extname } from 'node:path'
import { ApiError, type ApiErrorKind } from '../errors.js'
import { cleanText } from '../redact.js'
import { extensionsFor } from './formats.js'

/** A failure of one file's upload: the sentence names the file; `reason` is the sentence without it. */
export class AssetError extends ApiError {
  constructor(
    readonly file: string,
    readonly reason: string,
    kind: ApiErrorKind,
    status?: number,
    retryAfterMs?: number,
    code?: string
  ) {
    super(`Uploading ${file} to the Asset Library failed: ${reason}`, kind, status, retryAfterMs, code)
  }
}

export interface Envelope {
  code?: number
  message?: string
  data: Record<string, unknown>
}

/** ` (code 400)`, or ` (HTTP 500)` when the envelope has no code. */
export function codeNote(envelope: Envelope, status: number): string {
  return envelope.code !== undefined ? ` (code ${envelope.code})` : ` (HTTP ${status})`
}

/**
 * `{code, message, data}`; undefined when the text is not a JSON object. The message is cut
 * to 300 characters after `secrets` are removed from it (a key cut in half would not match).
 */
export function parseEnvelope(text: string, secrets: readonly string[] = []): Envelope | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const v = value as Record<string, unknown>
  const rawCode = typeof v.code === 'number' || (typeof v.code === 'string' && /^\d+$/.test(v.code)) ? Number(v.code) : undefined
  const error = typeof v.error === 'object' && v.error !== null ? (v.error as Record<string, unknown>) : undefined
  const message = [v.message, v.msg, error?.message, v.error].find((m): m is string => typeof m === 'string' && m.trim() !== '')
  const data = typeof v.data === 'object' && v.data !== null && !Array.isArray(v.data) ? (v.data as Record<string, unknown>) : {}
  return { code: rawCode, message: message === undefined ? undefined : cleanText(message, 300, secrets), data }
}

export function stringField(data: Record<string, unknown>, key: string): string | undefined {
  const v = data[key]
  if (typeof v === 'string' && v.trim() !== '') return v.trim()
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return undefined
}

/**
 * The name the library sees: the file's own name, with an extension that matches its content
 * (a PNG saved as `logo.jpg` goes up as `logo.png`), since the library may go by the name.
 */
export function uploadName(file: { displayPath: string; path: string; mime: string }): string {
  const name = basename(file.displayPath) || basename(file.path)
  const extensions = extensionsFor(file.mime)
  const ext = extname(name).slice(1).toLowerCase()
  if (extensions.length === 0 || extensions.includes(ext)) return name
  const stem = ext === '' ? name : name.slice(0, -(ext.length + 1))
  return `${stem || 'media'}.${extensions[0]}`
}

/** A multipart filename as browsers send it: `"`, CR and LF percent-encoded. */
export function quoteFilename(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}
