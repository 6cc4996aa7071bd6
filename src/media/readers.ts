/**
 * Reading facts out of media files: the first bytes, the sha256, image dimensions, video
 * duration and frame rate, audio duration. Every read goes through the one open, verified
 * handle (files.ts), never the path again. The parsers are loaded together, on demand (parsers.ts).
 */
import { createHash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { errorMessage } from '../errors.js'

/** The first `max` bytes (positional reads: the handle is shared). */
export async function readHead(file: FileHandle, max: number): Promise<Buffer> {
  const buffer = Buffer.alloc(max)
  let length = 0
  while (length < max) {
    const { bytesRead } = await file.read(buffer, length, max - length, length)
    if (bytesRead === 0) break
    length += bytesRead
  }
  return buffer.subarray(0, length)
}

/** The whole file from its start, as a stream that leaves the handle open. */
export function streamOf(file: FileHandle, highWaterMark = 1024 * 1024): Readable {
  return file.createReadStream({ start: 0, autoClose: false, emitClose: false, highWaterMark })
}

/** Streams the file once, handing each chunk to `onChunk`; returns the hex sha256. */
export async function hashFile(file: FileHandle, onChunk?: (chunk: Buffer, offset: number) => void): Promise<string> {
  const hash = createHash('sha256')
  let offset = 0
  for await (const chunk of streamOf(file)) {
    const b = chunk as Buffer
    hash.update(b)
    onChunk?.(b, offset)
    offset += b.length
  }
  return hash.digest('hex')
}

export async function imageDimensions(file: FileHandle, head: Buffer, bytes: number): Promise<{ width: number; height: number }> {
  let size: { width?: number; height?: number }
  try {
    size = (await parsers()).imageSize(head)
  } catch (err) {
    // The size sits beyond the first 512 KB (a JPEG with large metadata, a TIFF whose
    // directory is at the end): read the whole file, which is under 30 MB.
    if (bytes <= head.length) throw err
    size = (await parsers()).imageSize(await readHead(file, bytes))
  }
  const { width, height } = size
  if (!width || !height) throw new Error('no dimensions in its header')
  return { width, height }
}

export interface VideoFacts {
  hasVideo: boolean
  durationSec?: number
  fps?: number
  width?: number
  height?: number
  sha256: string
}

/**
 * One pass over the file: every byte goes to the hash, and the bytes mp4box asks for (the
 * boxes up to `moov`; `mdat` is skipped) go to mp4box. If mp4box cannot tell the duration,
 * music-metadata reads it (it also sums fragmented MP4s).
 */
export async function inspectVideo(file: FileHandle, size: number, mimeType: string): Promise<VideoFacts> {
  const { createFile, MP4BoxBuffer, parseBuffer } = await parsers()
  type Info = Parameters<NonNullable<ReturnType<typeof createFile>['onReady']>>[0]
  const iso = createFile()
  let info: Info | undefined
  let parseError: string | undefined
  let wanted = 0
  iso.onReady = (i) => {
    info = i
  }
  iso.onError = (module, message) => {
    parseError = `${module}: ${message}`
  }
  const sha256 = await hashFile(file, (chunk, offset) => {
    const end = offset + chunk.length
    if (info !== undefined || parseError !== undefined || end <= wanted) return
    const from = Math.max(wanted, offset)
    const part = chunk.subarray(from - offset)
    try {
      // fromArrayBuffer copies (mp4box keeps what it is given) and records the file offset.
      wanted = iso.appendBuffer(MP4BoxBuffer.fromArrayBuffer(part.buffer.slice(part.byteOffset, part.byteOffset + part.length), from))
    } catch (err) {
      parseError = errorMessage(err)
    }
  })

  const facts: VideoFacts = { hasVideo: false, sha256 }
  if (info !== undefined) {
    const track = info.videoTracks[0]
    facts.hasVideo = track !== undefined
    if (info.timescale > 0 && info.duration > 0) facts.durationSec = info.duration / info.timescale
    else if (info.fragment_duration && info.fragment_duration.den > 0) facts.durationSec = info.fragment_duration.num / info.fragment_duration.den
    if (track) {
      if (track.video) facts.width = track.video.width
      if (track.video) facts.height = track.video.height
      const ticks = track.samples_duration > 0 ? track.samples_duration : track.duration
      if (track.nb_samples > 0 && ticks > 0 && track.timescale > 0) facts.fps = track.nb_samples / (ticks / track.timescale)
      if (facts.durationSec === undefined && track.duration > 0 && track.timescale > 0) facts.durationSec = track.duration / track.timescale
    }
  }
  if (info === undefined || facts.durationSec === undefined) {
    let format: Awaited<ReturnType<typeof parseBuffer>>['format']
    try {
      // At most 50 MB (the size rule came first), read once from the open file.
      format = (await parseBuffer(await readHead(file, size), { size, mimeType }, { duration: true, skipCovers: true })).format
    } catch (err) {
      throw new Error(parseError ?? errorMessage(err))
    }
    const video = format.trackInfo.find((t) => t.video !== undefined)
    if (info === undefined) facts.hasVideo = video !== undefined
    facts.durationSec ??= format.duration
    facts.width ??= video?.video?.pixelWidth
    facts.height ??= video?.video?.pixelHeight
  }
  return facts
}

export async function audioDuration(file: FileHandle, size: number, mimeType: string): Promise<number | undefined> {
  // At most 15 MB (the size rule came first), read once from the open file.
  const { parseBuffer } = await parsers()
  const { format } = await parseBuffer(await readHead(file, size), { size, mimeType }, { duration: true, skipCovers: true })
  return format.duration
}

/** The media parsers (parsers.ts), loaded the first time a file is read. */
function parsers(): Promise<typeof import('./parsers.js')> {
  return import('./parsers.js')
}
