// The PowerTokens Asset Library (under `<url>/api`; the action's asset-base-url is `<url>/api`):
//   POST /api/v1/asset/upload                      multipart field `file` (+ optional `group_id`)
//   GET  /api/v1/asset/jobs/get-asset-id?task_id=  poll until {code:200, data:{asset_id}}
// Unlike the video API its Authorization header is the BARE key (no "Bearer "), and it answers
// {code, message, data} envelopes, mostly with HTTP 200 whatever the code says (docs/powertokens-api.md).

import { createHash, randomBytes } from 'node:crypto'
import { readBody, retryAfter, sendJson } from './http.mjs'
import { mp4Seconds } from './usage.mjs'

const MAX_UPLOAD = 100 * 1024 * 1024
const PROCESSING_POLLS = 2

/** Bare-key auth. Answers 401 and returns null when missing or not a bare key. */
function checkBareKey(req, res) {
  const h = (req.headers.authorization ?? '').trim()
  if (h === '') return (sendJson(res, 401, { code: 401, message: 'missing authorization' }), null)
  if (/^bearer\s/i.test(h) || /\s/.test(h) || h === 'bad-key') return (sendJson(res, 401, { code: 401, message: 'invalid authorization' }), null)
  return h
}

/**
 * Minimal multipart/form-data parser (RFC 7578): returns [{ name, filename, contentType, data }]
 * or null when the body is not well-formed.
 */
export function parseMultipart(body, contentTypeHeader) {
  const m = /^\s*multipart\/form-data\s*;(.*)$/i.exec(contentTypeHeader ?? '')
  if (!m) return null
  const b = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(m[1])
  if (!b) return null
  const boundary = b[1] ?? b[2]
  const delimiter = Buffer.from(`--${boundary}`)
  const parts = []
  let pos = body.indexOf(delimiter)
  if (pos === -1) return null
  for (let guard = 0; guard < 10000; guard++) {
    pos += delimiter.length
    if (body.subarray(pos, pos + 2).toString() === '--') return parts // closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') return null
    pos += 2
    const headEnd = body.indexOf('\r\n\r\n', pos)
    if (headEnd === -1) return null
    const headers = {}
    for (const line of body.subarray(pos, headEnd).toString('utf8').split('\r\n')) {
      const i = line.indexOf(':')
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
    }
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4)
    if (next === -1) return null
    const disposition = headers['content-disposition'] ?? ''
    parts.push({
      name: dispositionParam(disposition, 'name'),
      filename: dispositionParam(disposition, 'filename'),
      contentType: headers['content-type'] ?? null,
      data: body.subarray(headEnd + 4, next)
    })
    pos = next + 2
  }
  return null
}

function dispositionParam(header, key) {
  const star = new RegExp(`;\\s*${key}\\*\\s*=\\s*([^']*)'[^']*'([^;]*)`, 'i').exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[2].trim())
    } catch {
      /* fall through to the plain parameter */
    }
  }
  const quoted = new RegExp(`;\\s*${key}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header)
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1')
  const bare = new RegExp(`;\\s*${key}\\s*=\\s*([^;\\s]+)`, 'i').exec(header)
  return bare ? bare[1] : null
}

/** Routes under /api. Returns false when the path is not one of ours. */
export async function handleAssets(ctx, req, res, record, target) {
  const p = target.segments.join('/')
  if (target.segments[0] !== 'api') return false
  const body = await readBody(req, record, { keep: MAX_UPLOAD, parseJson: false })
  if (checkBareKey(req, res) === null) return true

  if (p === 'api/v1/asset/upload' && req.method === 'POST') {
    if (body.truncated) return (sendJson(res, 413, { code: 413, message: 'file too large' }), true)
    const parts = parseMultipart(body.buffer, req.headers['content-type'])
    if (!parts) return (sendJson(res, 400, { code: 400, message: 'expected a multipart/form-data body' }), true)
    const file = parts.find((x) => x.name === 'file' && x.filename !== null)
    if (!file) return (sendJson(res, 400, { code: 400, message: 'file is required' }), true)
    const group = parts.find((x) => x.name === 'group_id')
    if (file.filename.includes('reject')) {
      // what the service answers for an unsupported file: HTTP 200, an error code in the envelope
      sendJson(res, 200, { code: 400, message: 'file type not supported' })
      return true
    }
    const taskId = `upl-${randomBytes(8).toString('hex')}`
    const assetId = `asset-${randomBytes(8).toString('hex')}`
    const upload = {
      taskId,
      filename: file.filename,
      contentType: file.contentType,
      bytes: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      groupId: group ? group.data.toString('utf8') : null,
      seconds: mp4Seconds(file.data), // an MP4's length, for the task's `usage` (usage.mjs)
      assetId // what get-asset-id will answer once processed
    }
    ctx.uploads.push(upload)
    ctx.assetJobs.set(taskId, {
      polls: 0,
      assetId,
      fail: file.filename.includes('emu-fail'),
      // never leaves "processing": a file name containing, or a group_id equal to, emu-processing-forever
      forever: file.filename.includes('emu-processing-forever') || upload.groupId === 'emu-processing-forever'
    })
    sendJson(res, 200, { code: 200, message: 'success', data: { task_id: taskId } })
    return true
  }

  if (p === 'api/v1/asset/jobs/get-asset-id' && req.method === 'GET') {
    const job = ctx.assetJobs.get(target.query.get('task_id') ?? '')
    if (!job) return (sendJson(res, 404, { code: 404, message: 'task not found' }), true)
    job.polls++
    if (job.polls <= PROCESSING_POLLS || job.forever) {
      // with when to ask again (1 s of the emulator's clock)
      sendJson(res, 200, { code: 202, message: 'processing', data: { status: 'processing' } }, { 'retry-after': retryAfter(ctx, 1) })
    } else if (job.fail) {
      sendJson(res, 200, { code: 500, message: 'asset processing failed', data: { status: 'failed' } })
    } else {
      sendJson(res, 200, { code: 200, message: 'success', data: { asset_id: job.assetId } })
    }
    return true
  }

  sendJson(res, 404, { code: 404, message: 'not found' })
  return true
}
