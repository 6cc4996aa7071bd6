/**
 * What passes through a download: the format check on the first bytes (an MP4 `ftyp` box,
 * or a PNG/JPEG/WebP image), the byte count, and the progress lines. Never quotes a body
 * that is not the expected media: only its type and size are named.
 */
import { ApiError } from '../errors.js'
import { formatBytes, MB } from '../format.js'
import type { Gate } from './file-sink.js'
import { displayUrl } from './url-policy.js'

export type Expect = 'mp4' | 'image'

/**
 * The most a download may bring: far above any Seedance video (a 15 s 1080p clip is tens of
 * MB) or last frame, so only a broken or hostile server reaches it.
 */
export const MAX_BYTES: Readonly<Record<Expect, number>> = { mp4: 2 * 1024 * MB, image: 64 * MB }

/** Enough of the body's start to recognise the format. */
const HEAD_BYTES = 64
/** Below this size no progress lines are logged. */
export const PROGRESS_MIN_BYTES = MB
const PROGRESS_STEP_BYTES = 10 * MB

/** ISO-BMFF: bytes 4..8 are `ftyp`. */
export function isMp4Header(buf: Uint8Array): boolean {
  return buf.length >= 8 && buf[4] === 0x66 && buf[5] === 0x74 && buf[6] === 0x79 && buf[7] === 0x70
}

/** PNG, JPEG or WebP. */
export function isImageHeader(buf: Uint8Array): boolean {
  const at = (i: number, bytes: number[]): boolean => bytes.every((b, j) => buf[i + j] === b)
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return true
  if (at(0, [0xff, 0xd8, 0xff])) return true
  return at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50]) // RIFF....WEBP
}

export function whatOf(expect: Expect): 'video' | 'image' {
  return expect === 'mp4' ? 'video' : 'image'
}

/** `Downloading video: 30% (57.2 of 190.7 MB)`, or `Downloading video: 28.6 MB so far` when the size is unknown. */
export function progressLine(what: string, bytes: number, total?: number): string {
  if (total === undefined || total <= 0) return `Downloading ${what}: ${formatBytes(bytes)} so far`
  const pct = Math.min(100, Math.floor((bytes / total) * 100))
  return `Downloading ${what}: ${pct}% (${formatBytes(bytes).replace(/ [KMG]B$/, '')} of ${formatBytes(total)})`
}

/** Which progress step `bytes` is in: tenths when the size is known, else 10 MB steps. */
export function progressStep(bytes: number, total?: number): number {
  if (total === undefined || total <= 0) return Math.floor(bytes / PROGRESS_STEP_BYTES)
  return Math.floor((bytes * 10) / total)
}

/** The part of a download's state the meter reads and keeps. */
export interface MeterState {
  url: URL
  total?: number
  contentType?: string
  /** The start of the body, until the format has been checked. */
  head?: Buffer
  checked: boolean
  lastStep: number
}

/** Counts, checks the format from the first bytes, and logs progress: the gate of a download's FileSink. */
export class Meter implements Gate {
  constructor(
    private readonly expect: Expect,
    private readonly state: MeterState,
    /** Bytes of the body so far, from where this response starts. */
    public position: number,
    private readonly log: (line: string) => void
  ) {}

  take(chunk: Buffer): void {
    this.position += chunk.length
    if (this.position > MAX_BYTES[this.expect]) throw tooLarge(this.expect, this.state.url)
    if (!this.state.checked) this.collectHead(chunk)
    const step = progressStep(this.position, this.state.total)
    if (step > this.state.lastStep) {
      // Small files (a last frame, a short clip) finish before progress would tell anyone anything.
      const worthIt = (this.state.total ?? Infinity) >= PROGRESS_MIN_BYTES
      if (worthIt && (this.state.lastStep >= 0 || step > 0)) this.log(progressLine(whatOf(this.expect), this.position, this.state.total))
      this.state.lastStep = step
    }
  }

  finish(): void {
    if (!this.state.checked) this.check()
  }

  private collectHead(chunk: Buffer): void {
    const head = this.state.head ?? Buffer.alloc(0)
    if (head.length < HEAD_BYTES) this.state.head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)])
    if ((this.state.head?.length ?? 0) >= HEAD_BYTES) this.check()
  }

  private check(): void {
    const head = this.state.head ?? Buffer.alloc(0)
    const ok = this.expect === 'mp4' ? isMp4Header(head) : isImageHeader(head)
    if (!ok) {
      const kind = this.expect === 'mp4' ? 'an MP4 video' : 'a PNG, JPEG or WebP image'
      const type = this.state.contentType ? `content-type ${JSON.stringify(this.state.contentType.slice(0, 60))}` : 'no content-type'
      const size = this.state.total !== undefined ? `, ${formatBytes(this.state.total)}` : ''
      const received = head.length === 0 ? 'an empty body' : `${type}${size}`
      throw new ApiError(
        `The download from ${displayUrl(this.state.url)} is not ${kind} (received ${received}); the link may point to an error page or have expired.`,
        'protocol'
      )
    }
    this.state.checked = true
    this.state.head = undefined
  }
}

/** The error for a body past MAX_BYTES (final: a retry would bring the same). */
export function tooLarge(expect: Expect, url: URL): ApiError {
  return new ApiError(
    `The download from ${displayUrl(url)} is larger than ${formatBytes(MAX_BYTES[expect])}, far more than any ${whatOf(expect)} of this model; it was stopped.`,
    'protocol'
  )
}
