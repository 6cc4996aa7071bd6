import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { InputError } from '../src/errors.js'
import { formatBytes as formatMegabytes } from '../src/format.js'
import { extensionsFor, type MediaRole } from '../src/media/formats.js'
import { inspectMedia, type MediaInfo } from '../src/media/inspect.js'
import { checkTotals, MEDIA_LIMITS as LIMITS } from '../src/media/limits.js'
import { jpeg, makeTempDir, mp3, mp4, padFile, png, removeDir, wav, writeFixture, type Mp4Options } from './helpers/media-fixtures.js'

let dir: string
beforeAll(async () => {
  dir = await makeTempDir('media-check-')
})
afterAll(async () => {
  await removeDir(dir)
})

let counter = 0
async function fixture(name: string, data: Buffer | string): Promise<string> {
  counter++
  return writeFixture(dir, `${counter}-${name}`, data)
}

async function inspect(name: string, data: Buffer | string, role: MediaRole, label = 'reference-images'): Promise<MediaInfo> {
  return inspectMedia(await fixture(name, data), role, label, `docs/${name}`)
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(InputError)
  return (err as Error).message
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
}

describe('images', () => {
  it('reads a PNG: type by content, size, dimensions and hash', async () => {
    const path = await fixture('shot.png', png(640, 480))
    const info = await inspectMedia(path, 'image', 'first-frame', 'docs/shot.png')
    expect(info).toMatchObject({ path, role: 'image', mime: 'image/png', width: 640, height: 480, label: 'first-frame', displayPath: 'docs/shot.png' })
    expect(info.bytes).toBe((await readFile(path)).length)
    expect(info.sha256).toBe(await sha256(path))
  })

  it('reads a JPEG, and trusts the content over the extension', async () => {
    const info = await inspect('photo.png', jpeg(1000, 400), 'image')
    expect(info).toMatchObject({ mime: 'image/jpeg', width: 1000, height: 400 })
  })

  it('accepts the edges of the rules', async () => {
    await expect(inspect('a.png', png(300, 300), 'image')).resolves.toMatchObject({ width: 300 })
    await expect(inspect('b.png', png(6000, 3000), 'image')).resolves.toMatchObject({ width: 6000 })
    await expect(inspect('c.png', png(1000, 400), 'image')).resolves.toMatchObject({ height: 400 }) // 2.5
    await expect(inspect('d.jpg', jpeg(400, 1000), 'image')).resolves.toMatchObject({ width: 400 }) // 0.4
  })

  it('refuses images that are too small or too large a side', async () => {
    expect(await failure(inspect('logo.png', png(120, 80), 'image'))).toBe(
      'Input `reference-images` file docs/logo.png is 120x80 px: images must be 300-6000 px a side.'
    )
    expect(await failure(inspect('wide.png', png(6001, 3000), 'image'))).toContain('is 6001x3000 px: images must be 300-6000 px a side.')
    expect(await failure(inspect('thin.jpg', jpeg(299, 400), 'image'))).toContain('is 299x400 px')
  })

  it('refuses aspect ratios outside 0.4-2.5', async () => {
    expect(await failure(inspect('banner.png', png(3000, 1000), 'image'))).toBe(
      'Input `reference-images` file docs/banner.png is 3000x1000 px (width/height 3): images must have an aspect ratio of 0.4-2.5.'
    )
    expect(await failure(inspect('tall.png', png(300, 800), 'image'))).toContain('(width/height 0.38)')
  })

  it('refuses images of 30 MB or more', async () => {
    const path = await fixture('huge.png', png(640, 480))
    await padFile(path, LIMITS.image.maxBytes)
    expect(await failure(inspectMedia(path, 'image', 'first-frame', 'huge.png'))).toBe(
      'Input `first-frame` file huge.png is 30 MB: images must be smaller than 30 MB.'
    )
    await padFile(path, LIMITS.image.maxBytes - 1)
    await expect(inspectMedia(path, 'image', 'first-frame', 'huge.png')).resolves.toMatchObject({ width: 640 })
  })

  it('names impostors by what they really are', async () => {
    expect(await failure(inspect('logo.png', 'just some notes\n', 'image'))).toBe(
      'Input `reference-images` file docs/logo.png is a text file, not an image (PNG/JPEG/WebP/BMP/TIFF/GIF).'
    )
    expect(await failure(inspect('logo2.png', '<svg xmlns="http://www.w3.org/2000/svg" width="10"/>', 'image'))).toContain(
      'is an SVG file (text), not an image'
    )
    expect(await failure(inspect('clip.png', mp4({ seconds: 3, fps: 30 }), 'image'))).toContain('is an MP4 video, not an image')
    expect(await failure(inspect('blob.png', Buffer.from([0, 1, 2, 3, 250, 251, 0, 7]), 'image'))).toContain(
      'is of a type this action does not recognise, not an image'
    )
    expect(await failure(inspect('empty.png', '', 'image'))).toContain('is empty, not an image')
  })

  it('explains a file that has the right magic bytes but is broken', async () => {
    const broken = png(640, 480).subarray(0, 20) // signature, then a cut IHDR
    expect(await failure(inspect('cut.png', broken, 'image'))).toMatch(
      /^Input `reference-images` file docs\/cut.png looks like a PNG image but cannot be read \(.+\)\.$/
    )
  })
})

describe('videos', () => {
  const video = (name: string, options: Mp4Options): Promise<MediaInfo> => inspect(name, mp4(options), 'video', 'reference-videos')

  it('reads an MP4: duration, frame rate, dimensions and hash', async () => {
    const path = await fixture('clip.mp4', mp4({ seconds: 5, fps: 30, width: 1280, height: 720 }))
    const info = await inspectMedia(path, 'video', 'reference-videos', 'clip.mp4')
    expect(info).toMatchObject({ mime: 'video/mp4', durationSec: 5, fps: 30, width: 1280, height: 720 })
    expect(info.sha256).toBe(await sha256(path))
  })

  it('reads a MOV', async () => {
    await expect(video('clip.mov', { seconds: 3, fps: 25, brand: 'qt  ' })).resolves.toMatchObject({ mime: 'video/quicktime', durationSec: 3, fps: 25 })
  })

  it('reads a file whose moov comes after a large mdat, hashing every byte', async () => {
    const path = await fixture('late.mp4', mp4({ seconds: 4, fps: 24, moovAtEnd: true, mdatBytes: 6 * 1024 * 1024 }))
    const info = await inspectMedia(path, 'video', 'reference-videos', 'late.mp4')
    expect(info).toMatchObject({ durationSec: 4, fps: 24 })
    expect(info.sha256).toBe(await sha256(path))
  })

  it('refuses durations outside 2-15 s', async () => {
    expect(await failure(video('short.mp4', { seconds: 1.5, fps: 30 }))).toBe(
      'Input `reference-videos` file docs/short.mp4 is 1.5 s long: videos must be 2-15 s.'
    )
    expect(await failure(video('long.mp4', { seconds: 16, fps: 30 }))).toContain('is 16 s long: videos must be 2-15 s.')
    await expect(video('edge.mp4', { seconds: 15, fps: 30 })).resolves.toMatchObject({ durationSec: 15 })
    await expect(video('edge2.mp4', { seconds: 2, fps: 60 })).resolves.toMatchObject({ durationSec: 2, fps: 60 })
  })

  it('refuses frame rates outside 24-60 fps, and counts 23.976 as 24', async () => {
    expect(await failure(video('slow.mp4', { seconds: 4, fps: 15 }))).toBe(
      'Input `reference-videos` file docs/slow.mp4 plays at 15 fps: videos must be 24-60 fps.'
    )
    expect(await failure(video('fast.mp4', { seconds: 4, fps: 120 }))).toContain('plays at 120 fps')
    const film = await video('film.mp4', { seconds: 4, fps: 23.976 })
    expect(film.fps).toBeCloseTo(23.976, 2)
  })

  it('skips the frame-rate check when the frame rate cannot be read', async () => {
    const info = await video('nofps.mp4', { seconds: 6, fps: 30, emptySampleTables: true })
    expect(info.durationSec).toBe(6)
    expect(info.fps).toBeUndefined()
  })

  it('refuses videos over 50 MB', async () => {
    const path = await fixture('big.mp4', mp4({ seconds: 4, fps: 30 }))
    await padFile(path, 51 * 1024 * 1024)
    expect(await failure(inspectMedia(path, 'video', 'reference-videos', 'big.mp4'))).toBe(
      'Input `reference-videos` file big.mp4 is 51 MB: videos must be at most 50 MB.'
    )
  })

  it('refuses impostors and files without a picture', async () => {
    expect(await failure(inspect('clip.mp4', png(640, 480), 'video', 'reference-videos'))).toBe(
      'Input `reference-videos` file docs/clip.mp4 is a PNG image, not a video (MP4/MOV).'
    )
    expect(await failure(video('song.mp4', { seconds: 4, fps: 25, brand: 'M4A ', audioOnly: true }))).toContain('is an M4A audio file, not a video (MP4/MOV).')
    expect(await failure(video('sound.mp4', { seconds: 4, fps: 25, audioOnly: true }))).toContain('has no video track')
  })
})

describe('audio', () => {
  it('reads a WAV', async () => {
    const path = await fixture('voice.wav', wav(3))
    const info = await inspectMedia(path, 'audio', 'reference-audios', 'voice.wav')
    expect(info).toMatchObject({ mime: 'audio/wav', durationSec: 3 })
    expect(info.sha256).toBe(await sha256(path))
  })

  it('reads an MP3', async () => {
    const info = await inspect('music.mp3', mp3(6), 'audio', 'reference-audios')
    expect(info.mime).toBe('audio/mpeg')
    expect(info.durationSec).toBeCloseTo(6, 1)
  })

  it('refuses durations outside 2-15 s', async () => {
    expect(await failure(inspect('blip.wav', wav(1), 'audio', 'reference-audios'))).toBe(
      'Input `reference-audios` file docs/blip.wav is 1 s long: audio files must be 2-15 s.'
    )
    expect(await failure(inspect('long.mp3', mp3(20), 'audio', 'reference-audios'))).toContain('audio files must be 2-15 s.')
  })

  it('refuses audio over 15 MB', async () => {
    const path = await fixture('big.wav', wav(3))
    await padFile(path, 15 * 1024 * 1024 + 1)
    expect(await failure(inspectMedia(path, 'audio', 'reference-audios', 'big.wav'))).toBe(
      'Input `reference-audios` file big.wav is 15728641 bytes: audio files must be at most 15 MB (15728640 bytes).'
    )
  })

  it('refuses a video given as audio', async () => {
    expect(await failure(inspect('voice.wav', mp4({ seconds: 3, fps: 30 }), 'audio', 'reference-audios'))).toBe(
      'Input `reference-audios` file docs/voice.wav is an MP4 video, not an audio file (WAV/MP3).'
    )
  })
})

describe('checkTotals', () => {
  const item = (role: MediaRole, durationSec: number, displayPath: string, label = `reference-${role}s`): MediaInfo => ({
    path: `/ws/${displayPath}`,
    role,
    mime: role === 'video' ? 'video/mp4' : 'audio/wav',
    bytes: 1,
    durationSec,
    sha256: 'x',
    label,
    displayPath
  })

  it('allows up to 15 s of videos and 15 s of audios', () => {
    expect(() => checkTotals([item('video', 7, 'a.mp4'), item('video', 8, 'b.mp4'), item('audio', 15, 'c.wav')])).not.toThrow()
  })

  it('names the files when videos add up to more than 15 s', () => {
    expect(() => checkTotals([item('video', 8, 'a.mp4'), item('video', 8.5, 'b.mp4')])).toThrow(
      new InputError('Input `reference-videos`: the reference videos add up to 16.5 s (a.mp4 8 s, b.mp4 8.5 s); at most 15 s in all.')
    )
  })

  it('counts audios separately, across inputs', () => {
    expect(() => checkTotals([item('video', 10, 'a.mp4'), item('audio', 10, 'b.wav'), item('audio', 6, 'c.mp3', 'media')])).toThrow(
      'Inputs `reference-audios`, `media`: the reference audio files add up to 16 s (b.wav 10 s, c.mp3 6 s); at most 15 s in all.'
    )
  })
})

describe('helpers', () => {
  it('keeps the numbers in one place', () => {
    expect(LIMITS.image).toMatchObject({ maxBytes: 30 * 1024 * 1024, minSide: 300, maxSide: 6000, minAspect: 0.4, maxAspect: 2.5 })
    expect(LIMITS.video).toMatchObject({ maxBytes: 50 * 1024 * 1024, minSeconds: 2, maxSeconds: 15, totalSeconds: 15, minFps: 24, maxFps: 60 })
    expect(LIMITS.audio).toMatchObject({ maxBytes: 15 * 1024 * 1024, minSeconds: 2, maxSeconds: 15, totalSeconds: 15 })
  })

  it('knows the extensions of each format', () => {
    expect(extensionsFor('image/jpeg')).toContain('jpg')
    expect(extensionsFor('video/x-m4v')).toEqual(['mp4', 'm4v'])
    expect(extensionsFor('application/pdf')).toEqual([])
  })

  it('formats sizes', () => {
    expect(formatMegabytes(30 * 1024 * 1024)).toBe('30 MB')
    expect(formatMegabytes(31.25 * 1024 * 1024)).toBe('31.3 MB')
    expect(formatMegabytes(2048)).toBe('2 KB')
  })
})
