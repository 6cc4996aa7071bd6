/**
 * Small, real media files for tests, built from the Node standard library: PNG (zlib + CRC),
 * baseline JPEG (decodable: every block is flat), WAV (PCM silence), MP3 (silent MPEG-1
 * Layer III frames) and MP4/MOV (ftyp + moov with one H.264 video track + mdat).
 */
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'

/** A fresh temporary directory; remove it with `removeDir`. */
export async function makeTempDir(prefix = 'media-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

/** Writes `data` to `dir/name` and returns the path. */
export async function writeFixture(dir: string, name: string, data: Buffer | string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, data)
  return path
}

/** Grows a file to `bytes` with trailing zeros (sparse, so cheap), for size-cap tests. */
export async function padFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.truncate(bytes)
  } finally {
    await handle.close()
  }
}

// ---- PNG ------------------------------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** A black 1-bit grayscale PNG of `width` x `height` pixels. */
export function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 1 // bit depth
  ihdr[9] = 0 // grayscale
  const row = Math.ceil(width / 8) + 1 // filter byte + packed pixels
  const raw = Buffer.alloc(row * height) // all zero: filter 0, black pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0))
  ])
}

// ---- JPEG -----------------------------------------------------------------------------------

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(0xff00 | marker, 0)
  head.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([head, payload])
}

/**
 * A grey baseline JPEG of `width` x `height`: one component, one Huffman code per table
 * ("DC difference 0" and "end of block" are both the 1-bit code `0`), so every 8x8 block is
 * two zero bits of scan data.
 */
export function jpeg(width: number, height: number): Buffer {
  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
  const dqt = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)])
  const sof = Buffer.alloc(9)
  sof[0] = 8 // precision
  sof.writeUInt16BE(height, 1)
  sof.writeUInt16BE(width, 3)
  sof[5] = 1 // components
  sof[6] = 1 // id
  sof[7] = 0x11 // sampling 1x1
  sof[8] = 0 // quantisation table 0
  const oneCode = (tableClass: number): Buffer => {
    const t = Buffer.alloc(1 + 16 + 1)
    t[0] = tableClass << 4 // table id 0
    t[1] = 1 // one code of length 1
    t[17] = 0x00 // its value: category 0 (DC) or EOB (AC)
    return t
  }
  const sos = Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00])
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8)
  const scan = Buffer.alloc(Math.ceil((blocks * 2) / 8))
  const usedBits = (blocks * 2) % 8
  if (usedBits !== 0) scan[scan.length - 1] = 0xff >> usedBits // pad with 1 bits
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, jfif),
    segment(0xdb, dqt),
    segment(0xc0, sof),
    segment(0xc4, oneCode(0)),
    segment(0xc4, oneCode(1)),
    segment(0xda, sos),
    scan,
    Buffer.from([0xff, 0xd9])
  ])
}

// ---- WAV ------------------------------------------------------------------------------------

/** `seconds` of 8-bit mono PCM silence. */
export function wav(seconds: number, sampleRate = 8000): Buffer {
  const samples = Math.round(seconds * sampleRate)
  const head = Buffer.alloc(44)
  head.write('RIFF', 0, 'latin1')
  head.writeUInt32LE(36 + samples, 4)
  head.write('WAVE', 8, 'latin1')
  head.write('fmt ', 12, 'latin1')
  head.writeUInt32LE(16, 16)
  head.writeUInt16LE(1, 20) // PCM
  head.writeUInt16LE(1, 22) // mono
  head.writeUInt32LE(sampleRate, 24)
  head.writeUInt32LE(sampleRate, 28) // byte rate
  head.writeUInt16LE(1, 32) // block align
  head.writeUInt16LE(8, 34) // bits per sample
  head.write('data', 36, 'latin1')
  head.writeUInt32LE(samples, 40)
  return Buffer.concat([head, Buffer.alloc(samples, 0x80)])
}

// ---- MP3 ------------------------------------------------------------------------------------

/** Silent MPEG-1 Layer III, 48 kHz mono, 32 kbit/s: 96-byte frames of 1152 samples (24 ms). */
export function mp3(seconds: number): Buffer {
  const frames = Math.round((seconds * 48000) / 1152)
  const frame = Buffer.alloc(96)
  frame.set([0xff, 0xfb, 0x14, 0xc0]) // sync, MPEG-1 L3 no CRC; 32 kbit/s, 48 kHz; mono
  return Buffer.concat(Array.from({ length: frames }, () => frame))
}

// ---- MP4 / MOV ------------------------------------------------------------------------------

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts)
  const head = Buffer.alloc(8)
  head.writeUInt32BE(body.length + 8, 0)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, body])
}

function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  const vf = Buffer.alloc(4)
  vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0)
  return box(type, vf, ...parts)
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4)
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4))
  return b
}

function u16(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 2)
  values.forEach((v, i) => b.writeUInt16BE(v & 0xffff, i * 2))
  return b
}

const MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)

export interface Mp4Options {
  seconds: number
  fps: number
  width?: number
  height?: number
  /** `qt  ` makes a QuickTime .mov. */
  brand?: 'isom' | 'qt  ' | 'M4A '
  /** Put moov after mdat (as many encoders do without "fast start"). */
  moovAtEnd?: boolean
  /** Size of the mdat payload (at least one byte per frame). */
  mdatBytes?: number
  /** Write a sound track instead of a video track (no picture at all). */
  audioOnly?: boolean
  /** Leave the sample tables empty, so the frame rate cannot be read (the duration still can). */
  emptySampleTables?: boolean
}

/** A one-track H.264 MP4 (or MOV) of `seconds` at `fps`; frames are one byte each. */
export function mp4(options: Mp4Options): Buffer {
  const { seconds, fps, width = 640, height = 480, brand = 'isom', moovAtEnd = false, audioOnly = false, emptySampleTables = false } = options
  const frames = Math.max(1, Math.round(seconds * fps))
  const timescale = Math.round(fps * 1000)
  const delta = 1000
  const mdatPayload = Math.max(frames, options.mdatBytes ?? frames)
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), u32(0x200), Buffer.from(brand === 'qt  ' ? 'qt  ' : 'isommp42', 'latin1'))

  const moovFor = (dataOffset: number): Buffer => {
    const movieMs = Math.round((frames * delta * 1000) / timescale)
    const mvhd = fullBox('mvhd', 0, 0, u32(0, 0, 1000, movieMs, 0x00010000), u16(0x0100, 0), u32(0, 0), MATRIX, Buffer.alloc(24), u32(2))
    const tkhd = fullBox(
      'tkhd',
      0,
      3,
      u32(0, 0, 1, 0, movieMs, 0, 0),
      u16(0, 0, audioOnly ? 0x0100 : 0, 0),
      MATRIX,
      u32(audioOnly ? 0 : width * 65536, audioOnly ? 0 : height * 65536)
    )
    const mdhd = fullBox('mdhd', 0, 0, u32(0, 0, timescale, frames * delta), u16(0x55c4, 0))
    const hdlr = fullBox('hdlr', 0, 0, u32(0), Buffer.from(audioOnly ? 'soun' : 'vide', 'latin1'), Buffer.alloc(12), Buffer.from('Handler\0', 'latin1'))
    const header = audioOnly ? fullBox('smhd', 0, 0, u32(0)) : fullBox('vmhd', 0, 1, Buffer.alloc(8))
    const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)))
    const entry = audioOnly
      ? box('mp4a', Buffer.alloc(6), u16(1), u32(0, 0), u16(1, 16, 0, 0), u32(48000 * 65536))
      : box(
          'avc1',
          Buffer.alloc(6),
          u16(1, 0, 0),
          Buffer.alloc(12),
          u16(width, height),
          u32(0x00480000, 0x00480000, 0),
          u16(1),
          Buffer.alloc(32),
          u16(0x0018, 0xffff),
          box(
            'avcC',
            Buffer.from([1, 0x42, 0x00, 0x1e, 0xff, 0xe1]),
            u16(4),
            Buffer.from([0x67, 0x42, 0x00, 0x1e]),
            Buffer.from([1]),
            u16(4),
            Buffer.from([0x68, 0xce, 0x3c, 0x80])
          )
        )
    const stbl = emptySampleTables
      ? box(
          'stbl',
          fullBox('stsd', 0, 0, u32(1), entry),
          fullBox('stts', 0, 0, u32(0)),
          fullBox('stsc', 0, 0, u32(0)),
          fullBox('stsz', 0, 0, u32(0, 0)),
          fullBox('stco', 0, 0, u32(0))
        )
      : box(
          'stbl',
          fullBox('stsd', 0, 0, u32(1), entry),
          fullBox('stts', 0, 0, u32(1, frames, delta)),
          fullBox('stsc', 0, 0, u32(1, 1, frames, 1)),
          fullBox('stsz', 0, 0, u32(1, frames)),
          fullBox('stco', 0, 0, u32(1, dataOffset))
        )
    const minf = box('minf', header, dinf, stbl)
    const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, minf))
    return box('moov', mvhd, trak)
  }

  const mdatHead = Buffer.alloc(8)
  mdatHead.writeUInt32BE(mdatPayload + 8, 0)
  mdatHead.write('mdat', 4, 'latin1')
  const payload = Buffer.alloc(mdatPayload)
  if (moovAtEnd) {
    return Buffer.concat([ftyp, mdatHead, payload, moovFor(ftyp.length + 8)])
  }
  const size = moovFor(0).length
  return Buffer.concat([ftyp, moovFor(ftyp.length + size + 8), mdatHead, payload])
}
