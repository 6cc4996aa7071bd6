// Small HTTP helpers shared by every emulated service (Node standard library only).

import { createHash } from 'node:crypto'
import { URLSearchParams } from 'node:url'

export const MiB = 1024 * 1024

/** Bytes of a request body kept in `requests[i].body` (the rest is only counted). */
export const RECORD_BODY_CAP = 1 * MiB

/** Send a JSON response. `headers` may add or override headers. */
export function sendJson(res, status, value, headers = {}) {
  const body = Buffer.from(JSON.stringify(value))
  send(res, status, body, { 'content-type': 'application/json', ...headers })
}

/** Send a complete body (Buffer or string) with a Content-Length. */
export function send(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body))
  res.writeHead(status, { ...headers, 'content-length': buf.length })
  res.end(res.req && res.req.method === 'HEAD' ? undefined : buf)
}

/** The error shape of the video API (new-api relay): {"error":{"message","type","code"}}. */
export function apiError(res, status, message, type, code, headers = {}) {
  sendJson(res, status, { error: { message, type, code } }, headers)
}

/**
 * Split a raw request target ("/a/b%20c?x=1") into decoded path segments and a query.
 * We do not use `new URL(target, base)` because a target such as "//host/x" would be read
 * as an authority. Returns null when a segment is not valid percent-encoding.
 */
export function parseTarget(raw) {
  const target = typeof raw === 'string' ? raw : '/'
  const q = target.indexOf('?')
  const pathname = q === -1 ? target : target.slice(0, q)
  const search = q === -1 ? '' : target.slice(q + 1)
  const segments = []
  for (const part of pathname.split('/')) {
    if (part === '') continue
    try {
      segments.push(decodeURIComponent(part))
    } catch {
      return null
    }
  }
  let query
  try {
    query = new URLSearchParams(search)
  } catch {
    query = new URLSearchParams()
  }
  return { pathname, segments, query }
}

/**
 * Read a request body completely.
 * - keeps at most `keep` bytes in memory (`buffer`); `truncated` tells if more arrived;
 * - always counts the bytes and computes their sha256 (so a 200 MB upload never sits in memory);
 * - fills the request record: `body` (first RECORD_BODY_CAP bytes), `bodyBytes`, `json`.
 * Rejects when the client aborts.
 */
export function readBody(req, record, { keep = 64 * MiB, parseJson = true } = {}) {
  return new Promise((resolve, reject) => {
    const kept = []
    let keptBytes = 0
    let bytes = 0
    let truncated = false
    const hash = createHash('sha256')
    req.on('data', (chunk) => {
      bytes += chunk.length
      hash.update(chunk)
      const room = Math.max(keep, RECORD_BODY_CAP) - keptBytes
      if (room > 0) {
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk
        kept.push(part)
        keptBytes += part.length
      }
      if (bytes > keep) truncated = true
    })
    let ended = false
    req.on('end', () => {
      ended = true
      const all = Buffer.concat(kept)
      const buffer = all.subarray(0, Math.min(all.length, keep))
      if (record) {
        record.body = Buffer.from(all.subarray(0, Math.min(all.length, RECORD_BODY_CAP)))
        record.bodyBytes = bytes
        // `all` holds the whole body when it fits in max(keep, RECORD_BODY_CAP)
        if (parseJson && bytes > 0 && all.length === bytes) record.json = tryParseJson(all)
      }
      resolve({ buffer, bytes, truncated, sha256: hash.digest('hex') })
    })
    req.on('error', reject)
    req.on('close', () => {
      if (!ended) reject(new Error('client aborted the request'))
    })
  })
}

export function tryParseJson(buffer) {
  try {
    return JSON.parse(buffer.toString('utf8'))
  } catch {
    return undefined
  }
}

/**
 * Parse a Range header against a resource of `total` bytes.
 * Returns { start, end } (end inclusive), null when the header is absent or is one we ignore
 * (several ranges, another unit: serving the whole body is allowed by RFC 9110), or
 * 'unsatisfiable' for a range outside the resource.
 */
export function parseRange(header, total) {
  if (typeof header !== 'string' || header.trim() === '') return null
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!m) return null // unknown unit, several ranges, garbage: ignore
  const [, a, b] = m
  if (a === '' && b === '') return null
  if (a === '') {
    // suffix range: the last N bytes
    const n = Number(b)
    if (n === 0) return 'unsatisfiable'
    return { start: Math.max(0, total - n), end: total - 1 }
  }
  const start = Number(a)
  let end = b === '' ? total - 1 : Number(b)
  if (start >= total || (b !== '' && end < start)) return 'unsatisfiable'
  if (end > total - 1) end = total - 1
  return { start, end }
}

/**
 * Write an iterable of Buffers to `res`, honouring back-pressure. Stops early when the client
 * goes away. With `cutAfter` (a byte count) the socket is destroyed once that many bytes were
 * written, leaving the response short of its Content-Length (an interrupted download).
 */
export async function writeChunks(res, chunks, { cutAfter } = {}) {
  let written = 0
  for (const chunk of chunks) {
    if (res.destroyed || res.writableEnded) return
    let piece = chunk
    if (cutAfter !== undefined && written + piece.length >= cutAfter) {
      piece = piece.subarray(0, cutAfter - written)
      await new Promise((resolve) => res.write(piece, () => resolve()))
      res.socket?.destroy()
      res.destroy()
      return
    }
    written += piece.length
    if (!res.write(piece)) await waitDrain(res)
  }
  if (cutAfter !== undefined) {
    // Nothing (or everything) was left to write: still cut, the trigger promises a broken download.
    res.socket?.destroy()
    res.destroy()
    return
  }
  if (!res.destroyed) res.end()
}

function waitDrain(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

/** A lower-cased copy of the request headers (Node already lower-cases names). */
export function headerObject(req) {
  return { ...req.headers }
}

// ---- the emulator's clock: `clockScale` real ms per emulated ms ---------------------------------

/** Real milliseconds of `ms` emulated ones (the `clockScale` option: 0.01 runs the emulator's time 100 times faster). */
export const realMs = (ctx, ms) => ms * ctx.options.clockScale

/** A `Retry-After` of `seconds` emulated seconds, in real seconds (a decimal when the clock is scaled). */
export function retryAfter(ctx, seconds) {
  const real = seconds * ctx.options.clockScale
  return Number.isInteger(real) ? String(real) : String(Math.max(0.001, Number(real.toFixed(3))))
}

/** Default speed of the endless bodies: about 50 MB/s. */
export const ENDLESS_RATE = 50 * 1000 * 1000

/** Resolve after `ms`, or at once when `res` closes (so no timer outlives a closed socket). */
export function sleepUnlessClosed(res, ms) {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve()
    const done = () => {
      clearTimeout(timer)
      res.off('close', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    res.on('close', done)
  })
}

/**
 * Write `head`, then `fill` over and over, forever: at most `rate` bytes per second, honouring
 * back-pressure, until the client goes away (or `close()` destroys the socket). The response
 * headers must already be written. `onBytes(n)` is told of every write.
 */
export async function streamEndless(res, head, fill, { rate = ENDLESS_RATE, onBytes = () => {} } = {}) {
  const started = Date.now()
  let sent = 0
  let chunk = head
  while (!res.destroyed && !res.writableEnded) {
    const ok = res.write(chunk)
    sent += chunk.length
    onBytes(chunk.length)
    chunk = fill
    if (!ok) await waitDrain(res)
    const ahead = (sent * 1000) / rate - (Date.now() - started)
    if (ahead > 2) await sleepUnlessClosed(res, ahead)
  }
}

/**
 * Write `chunks` (an iterable of Buffers) one byte every `intervalMs`, then end; stops when the
 * client goes away. The response headers must already be written.
 */
export async function drip(res, chunks, { intervalMs = 1000, onBytes = () => {} } = {}) {
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      if (res.destroyed || res.writableEnded) return
      res.write(chunk.subarray(i, i + 1))
      onBytes(1)
      await sleepUnlessClosed(res, intervalMs)
    }
  }
  if (!res.destroyed) res.end()
}
