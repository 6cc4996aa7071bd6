// The second origin: a signed-URL object store serving finished videos and last frames.
//
// Like S3/TOS/OSS presigned links: the signature is in the query string, and a request that also
// carries an Authorization header is refused (400 InvalidArgument, "Only one auth mechanism
// allowed"). That is what catches a client forwarding its API key to another host.

import { createHmac, timingSafeEqual } from 'node:crypto'
import { readBody, send } from './http.mjs'
import { lastFrameBytes, serveBytes, videoChunks } from './media.mjs'

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
  send(
    res,
    status,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    { 'content-type': 'application/xml' }
  )
}

const NOT_MP4_PAGE =
  '<!DOCTYPE html><html><head><title>Access denied</title></head>' +
  '<body><h1>Access denied</h1><p>This link is not available in your region.</p></body></html>'

/**
 * Serve the video bytes of a succeeded task (CDN or /v1/videos/{id}/content). The first GET of
 * a `[emu:cut]` task is interrupted halfway, whichever of the two routes serves it.
 */
export async function serveVideo(ctx, req, res, task) {
  let cut = false
  if (req.method === 'GET') {
    cut = Boolean(task.tags.cut) && task.videoDownloads === 0
    task.videoDownloads++
  }
  await serveBytes(req, res, {
    total: task.size,
    contentType: 'video/mp4',
    chunks: (start, end) => videoChunks(task.id, task.size, start, end),
    cut,
    extraHeaders: { etag: `"${task.id}-${task.size}"` }
  })
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
  const m = rest.length === 0 && typeof file === 'string' ? /^(.+)\.(mp4|png)$/.exec(file) : null
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
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < Date.now()) {
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
