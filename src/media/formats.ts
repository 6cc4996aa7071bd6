/**
 * The media formats each role accepts, recognised by content (never by extension), and how
 * a format or an unknown file is named in messages. Pure.
 */

import type { UrlMediaType } from '../api/request-schema.js'

/** image: first_frame, last_frame, reference_image; video: reference_video; audio: reference_audio. */
export type MediaRole = 'image' | 'video' | 'audio'

/** The role of each media type that carries a URL. */
export const ROLE: Readonly<Record<UrlMediaType, MediaRole>> = {
  first_frame: 'image',
  last_frame: 'image',
  reference_image: 'image',
  reference_video: 'video',
  reference_audio: 'audio'
}

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
export const MIME_ALIASES: Readonly<Record<string, string>> = {
  'image/apng': 'image/png', // an animated PNG is a PNG
  'image/x-ms-bmp': 'image/bmp',
  'video/x-m4v': 'video/mp4', // iTunes/HandBrake brand of the same container
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg'
}

export const EXPECTED: Readonly<Record<MediaRole, string>> = {
  image: 'an image (PNG/JPEG/WebP/BMP/TIFF/GIF)',
  video: 'a video (MP4/MOV)',
  audio: 'an audio file (WAV/MP3)'
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

function article(word: string): string {
  return /^[AEFHILMNORSX8]/.test(word) ? 'an' : 'a'
}

export function describeFormat(format: MediaFormat, role: MediaRole): string {
  const kind = role === 'audio' ? 'audio file' : role
  return `${article(format.name)} ${format.name} ${kind}`
}

/** `a PNG image`, `an MP4 video`, `a PDF file`. */
export function describeType(ext: string, mime: string): string {
  const name = ext === 'jpg' ? 'JPEG' : ext.toUpperCase()
  const kind = mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio file' : 'file'
  return `${article(name)} ${name} ${kind}`
}

/** A file no detector knows: text (an SVG being the usual suspect) or unknown bytes. */
export function describeUnknown(head: Buffer): string {
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
