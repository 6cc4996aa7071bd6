// Deterministic media: the "generated" videos and last frames, and a byte-range server for them.
//
// A video is a 24-byte MP4 `ftyp` box followed by pseudo-random filler up to the task's size.
// The filler is the AES-128-CTR keystream under a key derived from the task id: any byte range
// can be produced on its own (seek = set the counter), so a 200 MB video is streamed in chunks
// and never held in memory, and byte N is always the same byte for a given task id.

import { createCipheriv, createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { parseRange, send, writeChunks } from './http.mjs'

const CHUNK = 64 * 1024
const MAX_BUFFER = 512 * 1024 * 1024

/** size 24, 'ftyp', major brand 'isom', minor version 512, compatible brands 'isom', 'mp42'. */
export const FTYP_BOX = (() => {
  const b = Buffer.alloc(24)
  b.writeUInt32BE(24, 0)
  b.write('ftyp', 4, 'latin1')
  b.write('isom', 8, 'latin1')
  b.writeUInt32BE(512, 12)
  b.write('isom', 16, 'latin1')
  b.write('mp42', 20, 'latin1')
  return b
})()

function keyFor(taskId) {
  return createHash('sha256').update(`seedance-emulator:${taskId}`).digest().subarray(0, 16)
}

function checkSize(size) {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`)
}

/**
 * Yield the bytes [start, end) of the video of `taskId` whose total size is `size`,
 * in chunks of at most `chunkSize` bytes.
 */
export function* videoChunks(taskId, size, start = 0, end = size, chunkSize = CHUNK) {
  checkSize(size)
  start = Math.max(0, Math.min(start, size))
  end = Math.max(start, Math.min(end, size))
  if (start === end) return
  const block = Math.floor(start / 16)
  const iv = Buffer.alloc(16)
  iv.writeBigUInt64BE(BigInt(block), 8)
  const cipher = createCipheriv('aes-128-ctr', keyFor(taskId), iv)
  const skip = start - block * 16
  if (skip > 0) cipher.update(Buffer.alloc(skip))
  let pos = start
  while (pos < end) {
    const n = Math.min(chunkSize, end - pos)
    const chunk = cipher.update(Buffer.alloc(n))
    if (pos < FTYP_BOX.length) {
      // overlay the ftyp header on the first bytes
      FTYP_BOX.copy(chunk, 0, pos, Math.min(FTYP_BOX.length, pos + n))
    }
    yield chunk
    pos += n
  }
}

/** The whole video of `taskId` at `size` bytes, as a Buffer (for tests; refuses > 512 MiB). */
export function videoBytes(taskId, size) {
  checkSize(size)
  if (size > MAX_BUFFER) throw new RangeError('videoBytes: too large to buffer; use videoSha256')
  return Buffer.concat([...videoChunks(taskId, size, 0, size, 1024 * 1024)], size)
}

/** Hex sha256 of the video of `taskId` at `size` bytes, computed chunk by chunk (synchronous). */
export function videoSha256(taskId, size) {
  const hash = createHash('sha256')
  for (const chunk of videoChunks(taskId, size, 0, size, 1024 * 1024)) hash.update(chunk)
  return hash.digest('hex')
}

// ---- PNG ---------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf) {
  let c = 0xffffffff
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function pngChunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

/** Build an RGB PNG of `width` x `height` filled by `pixel(x, y) -> [r, g, b]`. */
export function makePng(width, height, pixel) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: RGB
  ihdr[10] = 0 // compression
  ihdr[11] = 0 // filter
  ihdr[12] = 0 // no interlace
  const raw = Buffer.alloc(height * (1 + width * 3))
  let o = 0
  for (let y = 0; y < height; y++) {
    raw[o++] = 0 // filter type None
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y)
      raw[o++] = r
      raw[o++] = g
      raw[o++] = b
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0))
  ])
}

/** The last frame of `taskId`: a 640x360 PNG (a size the image rules accept as a first frame) whose colour is derived from the task id. */
export function lastFrameBytes(taskId) {
  const [r, g, b] = createHash('sha256').update(`frame:${taskId}`).digest()
  return makePng(640, 360, (x, y) => [r, g, (b + (x >> 5) * 8 + (y >> 5) * 8) & 0xff])
}

// ---- serving bytes -------------------------------------------------------------------------------

/**
 * Answer a GET/HEAD for a resource of `total` bytes with Range support.
 * `chunks(start, endExclusive)` yields the bytes. `cut: true` sends the headers (full length of
 * what was asked for), writes half of it, then destroys the socket.
 */
export async function serveBytes(req, res, { total, contentType, chunks, cut = false, extraHeaders = {} }) {
  const headers = { 'content-type': contentType, 'accept-ranges': 'bytes', ...extraHeaders }
  const range = parseRange(req.headers.range, total)
  if (range === 'unsatisfiable') {
    send(res, 416, '', { ...headers, 'content-range': `bytes */${total}` })
    return
  }
  let status = 200
  let start = 0
  let end = total // exclusive
  if (range) {
    status = 206
    start = range.start
    end = range.end + 1
    headers['content-range'] = `bytes ${range.start}-${range.end}/${total}`
  }
  const length = end - start
  res.writeHead(status, { ...headers, 'content-length': length })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  await writeChunks(res, chunks(start, end), cut ? { cutAfter: Math.floor(length / 2) } : {})
}
