/**
 * One local file checked against the model's rules before anything is uploaded: type by
 * content, size, image dimensions, video and audio duration, video frame rate. Each failure
 * is one InputError naming the input, the file and the rule.
 */
import { open, type FileHandle } from 'node:fs/promises'
import type { OpenFile } from './files.js'
import { InputError, errorMessage } from '../errors.js'
import { describeFormat, describeType, describeUnknown, EXPECTED, MEDIA_FORMATS, MIME_ALIASES, type MediaFormat, type MediaRole } from './formats.js'
import { durationRule, fpsRule, imageRule, sizeRule } from './limits.js'
import { audioDuration, hashFile, imageDimensions, inspectVideo, readHead } from './readers.js'

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

/**
 * Checks one local file for `role` and returns what was learnt about it. `file` is an
 * absolute path (see resolveLocalFile); `label` is the input's name and `display` the path as
 * the user wrote it.
 */
export async function inspectMedia(file: string | OpenFile, role: MediaRole, label: string, display: string): Promise<MediaInfo> {
  if (typeof file !== 'string') return inspectOpen(file.handle, file.path, role, label, display)
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (err) {
    throw new InputError(`Input \`${label}\` file ${display} cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}).`)
  }
  try {
    return await inspectOpen(handle, file, role, label, display)
  } finally {
    await handle.close()
  }
}

/** The same, through an open handle (see files.ts: checked and read as one file). */
async function inspectOpen(file: FileHandle, path: string, role: MediaRole, label: string, display: string): Promise<MediaInfo> {
  const where = `Input \`${label}\` file ${display}`
  const fail = (rule: string): never => {
    throw new InputError(`${where} ${rule}`)
  }
  const check = (rule: string | undefined): void => {
    if (rule !== undefined) fail(rule)
  }

  let bytes: number
  try {
    bytes = (await file.stat()).size
  } catch (err) {
    return fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}).`)
  }
  if (bytes === 0) fail(`is empty, not ${EXPECTED[role]}.`)
  check(sizeRule(role, bytes))

  let head: Buffer
  try {
    head = await readHead(file, 512 * 1024)
  } catch (err) {
    return fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}).`)
  }
  // From the bytes already read: file-type's own fileTypeFromFile imports strtok3 by a
  // runtime specifier, which a bundled dist/ cannot resolve.
  const { fileTypeFromBuffer } = await import('./parsers.js')
  const detected = await fileTypeFromBuffer(head)
  const mime = detected ? (MIME_ALIASES[detected.mime] ?? detected.mime) : undefined
  const format = MEDIA_FORMATS[role].find((f) => f.mime === mime)
  if (!format) {
    const what = detected ? describeType(detected.ext, detected.mime) : describeUnknown(head)
    fail(`is ${what}, not ${EXPECTED[role]}.`)
  }
  const base = { path, role, mime: (format as MediaFormat).mime, bytes, label, displayPath: display }
  const unreadable = (err: unknown): never => fail(`looks like ${describeFormat(format as MediaFormat, role)} but cannot be read (${errorMessage(err)}).`)

  if (role === 'image') {
    const { width, height } = await imageDimensions(file, head, bytes).catch(unreadable)
    check(imageRule(width, height))
    return { ...base, width, height, sha256: await hashFile(file) }
  }

  if (role === 'video') {
    const video = await inspectVideo(file, bytes, (format as MediaFormat).mime).catch(unreadable)
    if (!video.hasVideo) fail(`has no video track, so it is not ${EXPECTED.video}.`)
    if (video.durationSec === undefined) fail(`is a video whose duration cannot be read; re-encode it as a plain MP4.`)
    const durationSec = video.durationSec as number
    check(durationRule(durationSec, 'video'))
    check(fpsRule(video.fps))
    return { ...base, width: video.width, height: video.height, durationSec, fps: video.fps, sha256: video.sha256 }
  }

  const durationSec = await audioDuration(file, bytes, (format as MediaFormat).mime).catch(unreadable)
  if (durationSec === undefined) fail(`is audio whose duration cannot be read; re-encode it as a plain WAV or MP3.`)
  check(durationRule(durationSec as number, 'audio'))
  return { ...base, durationSec, sha256: await hashFile(file) }
}
