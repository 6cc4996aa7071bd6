/**
 * Reading facts out of media files: the first bytes, the sha256, image dimensions, video
 * duration and frame rate, audio duration. Every read goes through the one open, verified
 * handle (files.ts), never the path again. The parsers (and file-type, inspect.ts) are imported
 * statically: loading the three on demand, as one chunk, saved 33-53 ms of a dry run and 21-63
 * ms of a submit on Node 24 (four rounds of 25-81 runs on a loaded machine; middle 41 and 48 ms).
 */
import { createHash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { imageSize } from 'image-size'
// The full build: the lighter 'mp4box/simple' entry does not register the sample tables
// (stts, stsz), so it cannot count frames.
import { createFile, MP4BoxBuffer } from 'mp4box'
import { errorMessage } from '../errors.js'
import { audioDurationOf } from './audio-duration.js'

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
    size = imageSize(head)
  } catch (err) {
    // The size sits beyond the first 512 KB (a JPEG with large metadata, a TIFF whose
    // directory is at the end): read the whole file, which is under 30 MB.
    if (bytes <= head.length) throw err
    size = imageSize(await readHead(file, bytes))
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
 * boxes up to `moov`; `mdat` is skipped) go to mp4box, which also reads a fragmented MP4's
 * duration from its `mehd` box.
 */
export async function inspectVideo(file: FileHandle): Promise<VideoFacts> {
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

  const found = info as Info | undefined
  if (found === undefined) throw new Error(parseError ?? 'no moov box before the end of the file')
  const track = found.videoTracks[0]
  const facts: VideoFacts = { hasVideo: track !== undefined, sha256 }
  if (found.timescale > 0 && found.duration > 0) facts.durationSec = found.duration / found.timescale
  else if (found.fragment_duration && found.fragment_duration.den > 0) facts.durationSec = found.fragment_duration.num / found.fragment_duration.den
  if (track) {
    if (track.video) facts.width = track.video.width
    if (track.video) facts.height = track.video.height
    const ticks = track.samples_duration > 0 ? track.samples_duration : track.duration
    if (track.nb_samples > 0 && ticks > 0 && track.timescale > 0) facts.fps = track.nb_samples / (ticks / track.timescale)
    if (facts.durationSec === undefined && track.duration > 0 && track.timescale > 0) facts.durationSec = track.duration / track.timescale
  }
  return facts
}

export async function audioDuration(file: FileHandle, size: number, mimeType: string): Promise<number | undefined> {
  // At most 15 MB (the size rule came first), read once from the open file.
  return audioDurationOf(await readHead(file, size), mimeType)
}
