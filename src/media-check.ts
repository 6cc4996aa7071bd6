/**
 * Local media files checked against the model's rules before anything is uploaded: type by
 * content (magic bytes, never the extension), size, image dimensions, video and audio
 * duration, video frame rate. Each failure is one InputError naming the input, the file and
 * the rule. The parsers are loaded only when a local file is actually used.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { InputError, errorMessage } from './errors.js'
import { displayPath } from './paths.js'

/** image: first_frame, last_frame, reference_image; video: reference_video; audio: reference_audio. */
export type MediaRole = 'image' | 'video' | 'audio'

const MB = 1024 * 1024

/** The model's rules for media files (DESIGN.md, "Model rules upstream"). */
export const LIMITS = {
  image: {
    /** Exclusive: an image must be smaller than this. */
    maxBytes: 30 * MB,
    minSide: 300,
    maxSide: 6000,
    minAspect: 0.4,
    maxAspect: 2.5
  },
  video: {
    maxBytes: 50 * MB,
    minSeconds: 2,
    maxSeconds: 15,
    /** All reference videos together. */
    totalSeconds: 15,
    minFps: 24,
    maxFps: 60
  },
  audio: {
    maxBytes: 15 * MB,
    minSeconds: 2,
    maxSeconds: 15,
    /** All reference audios together. */
    totalSeconds: 15
  },
  /** 23.976 fps (film on NTSC) counts as 24. */
  fpsTolerance: 0.05
} as const

export interface MediaFormat {
  mime: string
  name: string
  /** Lower case, the usual one first. */
  extensions: readonly string[]
}

/** What each role accepts, by content. */
export const MEDIA_FORMATS: Readonly<Record<MediaRole, readonly MediaFormat[]>> = {
  image: [
    { mime: 'image/png', name: 'PNG', extensions: ['png'] },
    { mime: 'image/jpeg', name: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
    { mime: 'image/webp', name: 'WebP', extensions: ['webp'] },
    { mime: 'image/bmp', name: 'BMP', extensions: ['bmp'] },
    { mime: 'image/tiff', name: 'TIFF', extensions: ['tiff', 'tif'] },
    { mime: 'image/gif', name: 'GIF', extensions: ['gif'] }
  ],
  video: [
    { mime: 'video/mp4', name: 'MP4', extensions: ['mp4', 'm4v'] },
    { mime: 'video/quicktime', name: 'MOV', extensions: ['mov', 'qt'] }
  ],
  audio: [
    { mime: 'audio/wav', name: 'WAV', extensions: ['wav', 'wave'] },
    { mime: 'audio/mpeg', name: 'MP3', extensions: ['mp3'] }
  ]
}

/** Other names of the same formats, as detectors report them. */
const MIME_ALIASES: Readonly<Record<string, string>> = {
  'image/apng': 'image/png', // an animated PNG is a PNG
  'image/x-ms-bmp': 'image/bmp',
  'video/x-m4v': 'video/mp4', // iTunes/HandBrake brand of the same container
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg'
}

const EXPECTED: Readonly<Record<MediaRole, string>> = {
  image: 'an image (PNG/JPEG/WebP/BMP/TIFF/GIF)',
  video: 'a video (MP4/MOV)',
  audio: 'an audio file (WAV/MP3)'
}

export interface MediaInfo {
  /** Absolute path of the file that was checked. */
  path: string
  role: MediaRole
  /** By content, normalised to one of MEDIA_FORMATS. */
  mime: string
  bytes: number
  width?: number
  height?: number
  durationSec?: number
  /** Average frames per second, when the container says. */
  fps?: number
  /** Hex. */
  sha256: string
  /** The input the file came from, for messages. */
  label: string
  /** The path as the user wrote it, for messages. */
  displayPath: string
}

/** The file extensions that go with `mime` (empty when unknown). */
export function extensionsFor(mime: string): readonly string[] {
  const m = MIME_ALIASES[mime] ?? mime
  for (const formats of Object.values(MEDIA_FORMATS)) {
    const found = formats.find((f) => f.mime === m)
    if (found) return found.extensions
  }
  return []
}

/** `12.3 MB`, `30 MB`, `800 KB`. */
export function formatMegabytes(bytes: number): string {
  if (bytes < MB) return `${Math.ceil(bytes / 1024)} KB`
  return `${Number((bytes / MB).toFixed(1))} MB`
}

/** `size` and `cap` in words that show the difference even when both round alike. */
export function formatSizes(size: number, cap: number): [string, string] {
  const a = formatMegabytes(size)
  const b = formatMegabytes(cap)
  return a === b ? [`${size} bytes`, `${b} (${cap} bytes)`] : [a, b]
}

function seconds(s: number): string {
  return `${Number(s.toFixed(2))} s`
}

const PLURAL: Readonly<Record<MediaRole, string>> = { image: 'images', video: 'videos', audio: 'audio files' }

/**
 * Checks one local file for `role` and returns what was learnt about it. `file` is an
 * absolute path (see resolveLocalFile); `label` is the input's name and `display` the path as
 * the user wrote it.
 */
export async function inspectMedia(file: string, role: MediaRole, label: string, display = displayPath(file)): Promise<MediaInfo> {
  const where = `Input \`${label}\` file ${display}`
  const fail = (rule: string): never => {
    throw new InputError(`${where} ${rule}`)
  }

  let bytes: number
  try {
    bytes = (await stat(file)).size
  } catch (err) {
    return fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}).`)
  }
  if (bytes === 0) fail(`is empty, not ${EXPECTED[role]}.`)
  const cap = LIMITS[role].maxBytes
  if (role === 'image' ? bytes >= cap : bytes > cap) {
    const [size, limit] = bytes === cap ? [formatMegabytes(bytes), formatMegabytes(cap)] : formatSizes(bytes, cap)
    fail(`is ${size}: ${PLURAL[role]} must be ${role === 'image' ? 'smaller than' : 'at most'} ${limit}.`)
  }

  let head: Buffer
  try {
    head = await readHead(file, 512 * 1024)
  } catch (err) {
    return fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}).`)
  }
  // From the bytes already read: file-type's own fileTypeFromFile imports strtok3 by a
  // runtime specifier, which a bundled dist/ cannot resolve.
  const { fileTypeFromBuffer } = await import('file-type')
  const detected = await fileTypeFromBuffer(head)
  const mime = detected ? (MIME_ALIASES[detected.mime] ?? detected.mime) : undefined
  const format = MEDIA_FORMATS[role].find((f) => f.mime === mime)
  if (!format) {
    const what = detected ? describeType(detected.ext, detected.mime) : describeUnknown(head)
    fail(`is ${what}, not ${EXPECTED[role]}.`)
  }
  const base = { path: file, role, mime: (format as MediaFormat).mime, bytes, label, displayPath: display }
  const unreadable = (err: unknown): never =>
    fail(`looks like ${describeFormat(format as MediaFormat, role)} but cannot be read (${errorMessage(err)}).`)

  if (role === 'image') {
    const { width, height } = await imageDimensions(file, head, bytes).catch(unreadable)
    const { minSide, maxSide, minAspect, maxAspect } = LIMITS.image
    if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) {
      fail(`is ${width}x${height} px: images must be ${minSide}-${maxSide} px a side.`)
    }
    const aspect = width / height
    if (aspect < minAspect || aspect > maxAspect) {
      fail(`is ${width}x${height} px (width/height ${Number(aspect.toFixed(2))}): images must have an aspect ratio of ${minAspect}-${maxAspect}.`)
    }
    return { ...base, width, height, sha256: await hashFile(file) }
  }

  if (role === 'video') {
    const video = await inspectVideo(file).catch(unreadable)
    if (!video.hasVideo) fail(`has no video track, so it is not ${EXPECTED.video}.`)
    if (video.durationSec === undefined) fail(`is a video whose duration cannot be read; re-encode it as a plain MP4.`)
    const durationSec = video.durationSec as number
    checkDuration(durationSec, 'video', fail)
    const { minFps, maxFps } = LIMITS.video
    const tol = LIMITS.fpsTolerance
    if (video.fps !== undefined && (video.fps < minFps - tol || video.fps > maxFps + tol)) {
      fail(`plays at ${Number(video.fps.toFixed(2))} fps: videos must be ${minFps}-${maxFps} fps.`)
    }
    return { ...base, width: video.width, height: video.height, durationSec, fps: video.fps, sha256: video.sha256 }
  }

  const durationSec = await audioDuration(file).catch(unreadable)
  if (durationSec === undefined) fail(`is audio whose duration cannot be read; re-encode it as a plain WAV or MP3.`)
  checkDuration(durationSec as number, 'audio', fail)
  return { ...base, durationSec, sha256: await hashFile(file) }
}

function checkDuration(durationSec: number, role: 'video' | 'audio', fail: (rule: string) => never): void {
  const { minSeconds, maxSeconds } = LIMITS[role]
  const ms = Math.round(durationSec * 1000) // containers store ticks: 15 s may read as 15.0000001
  if (ms < minSeconds * 1000 || ms > maxSeconds * 1000) {
    fail(`is ${seconds(durationSec)} long: ${PLURAL[role]} must be ${minSeconds}-${maxSeconds} s.`)
  }
}

/** Reference videos and reference audios each add up to at most 15 s. */
export function checkTotals(infos: MediaInfo[]): void {
  for (const role of ['video', 'audio'] as const) {
    const items = infos.filter((i) => i.role === role && i.durationSec !== undefined)
    const total = items.reduce((sum, i) => sum + (i.durationSec as number), 0)
    const max = LIMITS[role].totalSeconds
    if (Math.round(total * 1000) > max * 1000) {
      const labels = [...new Set(items.map((i) => `\`${i.label}\``))]
      const list = items.map((i) => `${i.displayPath} ${seconds(i.durationSec as number)}`).join(', ')
      throw new InputError(
        `${labels.length > 1 ? 'Inputs' : 'Input'} ${labels.join(', ')}: the reference ${PLURAL[role]} add up to ${seconds(total)} (${list}); at most ${max} s in all.`
      )
    }
  }
}

// ---- type descriptions ----------------------------------------------------------------------

function article(word: string): string {
  return /^[AEFHILMNORSX8]/.test(word) ? 'an' : 'a'
}

function describeFormat(format: MediaFormat, role: MediaRole): string {
  const kind = role === 'audio' ? 'audio file' : role
  return `${article(format.name)} ${format.name} ${kind}`
}

/** `a PNG image`, `an MP4 video`, `a PDF file`. */
function describeType(ext: string, mime: string): string {
  const name = ext === 'jpg' ? 'JPEG' : ext.toUpperCase()
  const kind = mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio file' : 'file'
  return `${article(name)} ${name} ${kind}`
}

/** A file no detector knows: text (an SVG being the usual suspect) or unknown bytes. */
function describeUnknown(head: Buffer): string {
  const sample = head.subarray(0, 4096)
  let text: string | undefined
  if (!sample.includes(0)) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(sample.length === head.length ? sample : trimPartialUtf8(sample))
    } catch {
      text = undefined
    }
  }
  if (text === undefined) return 'of a type this action does not recognise'
  if (/<svg[\s>]/i.test(text)) return 'an SVG file (text)'
  return 'a text file'
}

/** Drops a UTF-8 sequence cut off at the end of a sample. */
function trimPartialUtf8(b: Buffer): Buffer {
  for (let i = b.length - 1; i >= Math.max(0, b.length - 4); i--) {
    const byte = b[i] as number
    if ((byte & 0xc0) === 0x80) continue // continuation byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return b.length - i < need ? b.subarray(0, i) : b
  }
  return b
}

// ---- readers --------------------------------------------------------------------------------

async function readHead(file: string, max: number): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(max)
    let length = 0
    while (length < max) {
      const { bytesRead } = await handle.read(buffer, length, max - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}

/** Streams the file once, handing each chunk to `onChunk`; returns the hex sha256. */
async function hashFile(file: string, onChunk?: (chunk: Buffer, offset: number) => void): Promise<string> {
  const hash = createHash('sha256')
  let offset = 0
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const b = chunk as Buffer
    hash.update(b)
    onChunk?.(b, offset)
    offset += b.length
  }
  return hash.digest('hex')
}

async function imageDimensions(file: string, head: Buffer, bytes: number): Promise<{ width: number; height: number }> {
  const { imageSize } = await import('image-size')
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

interface VideoFacts {
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
async function inspectVideo(file: string): Promise<VideoFacts> {
  // The full build: the lighter 'mp4box/simple' entry does not register the sample tables
  // (stts, stsz), so it cannot count frames.
  const { createFile, MP4BoxBuffer } = await import('mp4box')
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
    const { parseFile, TrackType } = await import('music-metadata')
    let format: Awaited<ReturnType<typeof parseFile>>['format']
    try {
      format = (await parseFile(file, { duration: true, skipCovers: true })).format
    } catch (err) {
      throw new Error(parseError ?? errorMessage(err))
    }
    const video = format.trackInfo.find((t) => t.type === TrackType.video)
    if (info === undefined) facts.hasVideo = video !== undefined
    facts.durationSec ??= format.duration ?? video?.duration
    facts.width ??= video?.video?.pixelWidth
    facts.height ??= video?.video?.pixelHeight
  }
  return facts
}

async function audioDuration(file: string): Promise<number | undefined> {
  const { parseFile } = await import('music-metadata')
  const { format } = await parseFile(file, { duration: true, skipCovers: true })
  return format.duration ?? format.trackInfo.find((t) => t.duration !== undefined)?.duration
}
