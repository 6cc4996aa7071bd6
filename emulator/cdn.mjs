// The second origin: a signed-URL object store serving finished videos and last frames.
//
// Like S3/TOS/OSS presigned links: the signature is in the query string, and a request that also
// carries an Authorization header is refused (400 InvalidArgument, "Only one auth mechanism
// allowed"). That is what catches a client forwarding its API key to another host.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { drip, parseRange, readBody, realMs, send, streamEndless, writeChunks } from './http.mjs'
import { lastFrameBytes, serveBytes, videoBytes, videoChunks } from './media.mjs'

export const LINK_TTL_SECONDS = 24 * 60 * 60

export function signPath(ctx, path, expires) {
  return createHmac('sha256', ctx.secret).update(`${path}\n${expires}`).digest('hex').slice(0, 32)
}

function signedUrl(ctx, path, expires) {
  return `${ctx.cdnUrl}${path}?sig=${signPath(ctx, path, expires)}&expires=${expires}`
}

/** Signed CDN link of the video of `task`. */
export function videoLink(ctx, task) {
  return signedUrl(ctx, `/videos/${encodeURIComponent(task.id)}.mp4`, task.linkExpires)
}

/** Signed CDN link of the last frame of `task`. */
export function frameLink(ctx, task) {
  return signedUrl(ctx, `/frames/${encodeURIComponent(task.id)}.png`, task.linkExpires)
}

function xmlError(res, status, code, message) {
  send(res, status, `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
    'content-type': 'application/xml'
  })
}

const NOT_MP4_PAGE =
  '<!DOCTYPE html><html><head><title>Access denied</title></head>' +
  '<body><h1>Access denied</h1><p>This link is not available in your region.</p></body></html>'

/**
 * Serve the video bytes of a succeeded task (CDN or /v1/videos/{id}/content). The first GET of
 * a `[emu:cut]` or `[emu:bad-range]` task is interrupted halfway, whichever of the two routes
 * serves it; `[emu:drip]`, `[emu:endless-video]` and `[emu:bad-range]` answer as their tags say.
 */
export async function serveVideo(ctx, req, res, task) {
  const t = task.tags
  let cut = false
  if (req.method === 'GET') {
    cut = Boolean(t.cut || t['bad-range']) && task.videoDownloads === 0
    task.videoDownloads++
  }
  // (an id from `[emu:inject-id]` or `[emu:huge-id]` cannot go into a header as is)
  const tag = /^[\x21\x23-\x7e]{1,200}$/.test(task.id) ? task.id : createHash('sha256').update(task.id).digest('hex').slice(0, 24)
  const etag = `"${tag}-${task.size}"`
  const onBytes = (n) => (task.streamedBytes += n)
  if (t['endless-video']) {
    // 200, no Content-Length (chunked) or a lying one (1 TiB), and bytes until the client leaves
    const headers = { 'content-type': 'video/mp4' }
    if (t['endless-video'] === 'lying') headers['content-length'] = String(2 ** 40)
    res.writeHead(200, headers)
    if (req.method === 'HEAD') return res.end()
    const head = videoBytes(task.id, 256 * 1024)
    const fill = Buffer.concat([...videoChunks(task.id, 512 * 1024, 256 * 1024)])
    return track(ctx, res, streamEndless(res, head, fill, { onBytes }))
  }
  if (t.drip && req.method === 'GET') {
    // 200 with the whole video announced (Range ignored), then one byte per (emulated) second
    res.writeHead(200, { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', etag, 'content-length': task.size })
    return track(ctx, res, drip(res, videoChunks(task.id, task.size), { intervalMs: realMs(ctx, 1000), onBytes }))
  }
  if (t['bad-range'] && !cut) {
    const range = parseRange(req.headers.range, task.size)
    if (range && range !== 'unsatisfiable') {
      // a 206 whose Content-Range does not describe what was asked for
      const [start, end, header] =
        t['bad-range'] === 'total'
          ? [range.start, range.end + 1, `bytes ${range.start}-${range.end}/${task.size + 1000}`]
          : [0, task.size, `bytes 0-${task.size - 1}/${task.size}`]
      res.writeHead(206, { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', etag, 'content-range': header, 'content-length': end - start })
      if (req.method === 'HEAD') return res.end()
      return writeChunks(res, videoChunks(task.id, task.size, start, end))
    }
  }
  await serveBytes(req, res, {
    total: task.size,
    contentType: 'video/mp4',
    chunks: (start, end) => videoChunks(task.id, task.size, start, end),
    cut,
    extraHeaders: { etag }
  })
}

/** Count a never-ending (or very slow) answer in `ctx.streams` while it runs. */
export async function track(ctx, res, promise) {
  ctx.streams.add(res)
  try {
    await promise
  } finally {
    ctx.streams.delete(res)
  }
}

/** Request handler of the CDN server. */
export async function handleCdn(ctx, req, res, record, target) {
  await readBody(req, record, { keep: 0 })

  // Signed-URL stores refuse a second auth mechanism: check this before anything else.
  if (req.headers.authorization !== undefined) {
    xmlError(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed')
    return
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.')
    return
  }
  const [dir, file, ...rest] = target.segments
  const m = rest.length === 0 && typeof file === 'string' ? /^([\s\S]+)\.(mp4|png)$/.exec(file) : null
  const kind = dir === 'videos' && m?.[2] === 'mp4' ? 'video' : dir === 'frames' && m?.[2] === 'png' ? 'frame' : null
  const task = kind ? ctx.tasks.get(m[1]) : undefined
  if (!task || !task.ready || (kind === 'frame' && task.request.return_last_frame !== true)) {
    xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
    return
  }

  // Check the signature the way a presigned link is checked (the client must keep the query).
  const path = `/${dir}/${encodeURIComponent(task.id)}.${m[2]}`
  const sig = target.query.get('sig') ?? ''
  const expires = target.query.get('expires') ?? ''
  const want = signPath(ctx, path, expires)
  if (sig.length !== want.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(want))) {
    xmlError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    return
  }
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < Date.now() || task.linksExpired) {
    xmlError(res, 403, 'AccessDenied', 'Request has expired')
    return
  }

  if (kind === 'frame') {
    const png = lastFrameBytes(task.id)
    await serveBytes(req, res, { total: png.length, contentType: 'image/png', chunks: (s, e) => [png.subarray(s, e)] })
    return
  }
  if (task.tags['not-mp4']) {
    // A CDN/WAF error page answered with 200: the client must notice it is not a video.
    send(res, 200, NOT_MP4_PAGE, { 'content-type': 'text/html; charset=utf-8' })
    return
  }
  await serveVideo(ctx, req, res, task)
}

/**
 * Why a media URL of a POST cannot be used, when it is one of this CDN's links: the API fetches
 * a first frame (or any media) by its link, so an expired or altered link is refused with a 400.
 * Returns null for a usable link and for any URL that is not this CDN's.
 */
export function cdnLinkProblem(ctx, url) {
  if (typeof url !== 'string' || !url.startsWith(`${ctx.cdnUrl}/`)) return null
  let u
  try {
    u = new URL(url)
  } catch {
    return 'the link is not a valid URL'
  }
  const m = /^\/(videos|frames)\/([^/]+)\.(mp4|png)$/.exec(u.pathname)
  const task = m ? ctx.tasks.get(decodeURIComponent(m[2])) : undefined
  if (!m || !task || !task.ready) return 'the link points to nothing'
  const sig = u.searchParams.get('sig') ?? ''
  const expires = u.searchParams.get('expires') ?? ''
  if (sig !== signPath(ctx, u.pathname, expires)) return "the link's signature does not match"
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < Date.now() || task.linksExpired) return 'the link has expired'
  return null
}
