// The video API: POST /v1/videos, GET /v1/videos/{id}, GET /v1/videos/{id}/content,
// and GET /redirect/{id} (the `[emu:redirect]` hop to the CDN).
//
// The service runs on the new-api relay: errors are {"error":{"message","type","code"}}, an
// invalid key is answered with HTTP 500 `token_invalid`, quota problems with 402/403 and Chinese
// messages, and the upstream (BytePlus/Volcengine) codes such as InputTextRiskDetection pass through.

import { randomBytes } from 'node:crypto'
import { apiError, readBody, send, sendJson, tryParseJson } from './http.mjs'
import { validateVideoRequest } from './validate.mjs'
import { parseTags, promptOf } from './triggers.mjs'
import { LINK_TTL_SECONDS, frameLink, serveVideo, videoLink } from './cdn.mjs'

const SUCCESS = ['succeeded', 'completed', 'succeed', 'success']
const RUNNING = ['running', 'in_progress', 'processing']
const FAILED = ['failed', 'failure']
const CANCELLED = ['cancelled', 'canceled']
const TERMINAL = [...SUCCESS, ...FAILED, ...CANCELLED, 'expired']

const USAGE = { completion_tokens: 108900, total_tokens: 108900 }

const ERR = {
  invalidToken: [401, 'Invalid token', 'new_api_error', 'invalid_api_key'],
  tokenInvalid500: [500, '无效的令牌 (invalid token)', 'new_api_error', 'token_invalid'],
  noBalance: [402, '用户额度不足 / 余额不足', 'new_api_error', 'insufficient_user_quota'],
  noQuota403: [403, '该令牌额度已用尽 token quota exhausted', 'new_api_error', 'pre_consume_token_quota_failed'],
  rateLimit: [429, '当前分组上游负载已饱和，请稍后再试 (rate limited)', 'rate_limit_error', 'rate_limit'],
  upstream500: [500, 'upstream error: do request failed', 'new_api_error', 'do_request_failed'],
  risk: [400, 'The request failed because the input text may contain sensitive information.', 'invalid_request_error', 'InputTextRiskDetection'],
  notFound: [404, 'task not found', 'invalid_request_error', 'task_not_found'],
  notCompleted: [400, 'task is not completed yet', 'invalid_request_error', 'task_not_completed'],
  unavailable: [503, 'upstream service temporarily unavailable, please retry', 'new_api_error', 'service_unavailable']
}

const HTML_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>'

function fail(res, [status, message, type, code], headers) {
  apiError(res, status, message, type, code, headers)
}

/**
 * Check `Authorization: Bearer <key>` (scheme case-insensitive). Answers and returns null when
 * the request must stop here; returns the key otherwise.
 */
function checkKey(req, res) {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  const key = m ? m[1] : null
  if (key === null || key === 'bad-key') return fail(res, ERR.invalidToken), null
  if (key === 'token-invalid') return fail(res, ERR.tokenInvalid500), null // the real service says 500 here
  if (key === 'no-balance') return fail(res, ERR.noBalance), null
  if (key === 'no-quota-403') return fail(res, ERR.noQuota403), null
  return key
}

function newTaskId() {
  const d = new Date()
  const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
  return `cgt-${ymd}-${randomBytes(6).toString('hex')}`
}

// ---- lifecycle -----------------------------------------------------------------------------------

/**
 * The phase of `task` at lifecycle step `step` (1 = what the first GET shows; 0 = never polled).
 * Returns { status, progress, error? }.
 */
export function phaseAt(task, step) {
  const t = task.tags
  if (step <= 0) return { status: 'queued', progress: 0 }
  if (t.words) {
    const w = t.words[Math.min(step, t.words.length) - 1]
    const lw = w.toLowerCase()
    const progress = SUCCESS.includes(lw) ? 100 : RUNNING.includes(lw) ? 50 : 0
    const phase = { status: w, progress }
    if (FAILED.includes(lw)) phase.error = { message: 'The video generation failed.', code: 'GenerationFailed' }
    if (CANCELLED.includes(lw)) phase.error = { message: 'The task was cancelled.', code: 'TaskCancelled' }
    if (lw === 'expired') phase.error = { message: 'task expired before it ran', code: 'TaskExpired' }
    return phase
  }
  if (t.fail)
    return step === 1
      ? { status: 'running', progress: 40 }
      : { status: 'failed', progress: 40, error: { message: 'The output video may contain sensitive content.', code: 'OutputVideoSensitiveContentDetected' } }
  if (t.expire)
    return step === 1
      ? { status: 'queued', progress: 0 }
      : { status: 'expired', progress: 0, error: { message: 'task expired before it ran', code: 'TaskExpired' } }
  if (t.cancel)
    return step === 1
      ? { status: 'running', progress: 40 }
      : { status: 'cancelled', progress: 40, error: { message: 'The task was cancelled.', code: 'TaskCancelled' } }
  if (t.slow !== undefined) {
    const n = t.slow
    if (step === 1) return { status: 'queued', progress: 0 }
    if (step <= n + 1) return { status: 'running', progress: Math.floor(((step - 1) * 100) / (n + 1)) }
    return { status: 'succeeded', progress: 100 }
  }
  return [
    { status: 'queued', progress: 0 },
    { status: 'running', progress: 40 },
    { status: 'running', progress: 80 }
  ][step - 1] ?? { status: 'succeeded', progress: 100 }
}

const isSuccess = (status) => SUCCESS.includes(String(status).toLowerCase())
const isTerminal = (status) => TERMINAL.includes(String(status).toLowerCase())

/** Step of a time-based lifecycle (`stepMs` option). */
function timeStep(ctx, task) {
  return 1 + Math.floor((Date.now() - task.createdMs) / ctx.options.stepMs)
}

/** Current phase without advancing (used by /content and the CDN). */
function currentPhase(ctx, task) {
  return phaseAt(task, ctx.options.stepMs ? timeStep(ctx, task) : task.step)
}

/** Record what a phase means for the task (status, readiness, completion time). */
function applyPhase(task, phase) {
  task.status = phase.status
  task.progress = phase.progress
  if (isTerminal(phase.status) && task.completedAt === null) task.completedAt = Math.floor(Date.now() / 1000)
  if (isSuccess(phase.status) && !task.ready) {
    task.ready = true
    task.linkExpires = task.completedAt + LINK_TTL_SECONDS
  }
}

/** The task object as the API returns it. */
function taskObject(ctx, task, phase) {
  const o = {
    id: task.id,
    task_id: task.id,
    object: 'video',
    model: task.model,
    status: phase.status,
    progress: phase.progress,
    created_at: Math.floor(task.createdMs / 1000)
  }
  if (isTerminal(phase.status) && task.completedAt !== null) o.completed_at = task.completedAt
  if (isSuccess(phase.status)) o.expires_at = task.linkExpires
  if (phase.error) o.error = phase.error
  if (isSuccess(phase.status)) {
    const place = task.tags.url ?? 'metadata'
    const video = task.tags.redirect ? `${ctx.url}/redirect/${encodeURIComponent(task.id)}` : videoLink(ctx, task)
    const frame = task.request.return_last_frame === true ? frameLink(ctx, task) : undefined
    if (place === 'metadata') o.metadata = { url: video }
    o.usage = { ...USAGE }
    if (place === 'video_url') o.video_url = video
    if (place === 'content') o.content = frame ? { video_url: video, last_frame_url: frame } : { video_url: video }
    else if (place !== 'none' && frame) o.last_frame_url = frame
  }
  return o
}

// ---- routes --------------------------------------------------------------------------------------

/** Handles /v1/videos and /v1/videos/... Returns false when the path is not one of ours. */
export async function handleVideos(ctx, req, res, record, target) {
  const seg = target.segments
  if (seg[0] !== 'v1' || seg[1] !== 'videos' || seg.length > 4) return false
  const route =
    seg.length === 2 && req.method === 'POST'
      ? 'submit'
      : seg.length === 3 && req.method === 'GET'
        ? 'poll'
        : seg.length === 4 && seg[3] === 'content' && (req.method === 'GET' || req.method === 'HEAD')
          ? 'content'
          : null
  if (!route) return false

  const body = await readBody(req, record, { keep: 64 * 1024 * 1024 })
  if (checkKey(req, res) === null) return true

  if (route === 'submit') await submit(ctx, req, res, body)
  else if (route === 'poll') poll(ctx, req, res, seg[2])
  else await content(ctx, req, res, seg[2])
  return true
}

async function submit(ctx, req, res, { buffer, truncated }) {
  if (truncated) return apiError(res, 413, 'request body too large', 'invalid_request_error', 'request_too_large')
  const json = tryParseJson(buffer)
  if (json === undefined)
    return apiError(res, 400, 'the request body is not valid JSON', 'invalid_request_error', 'InvalidParameter')
  const problem = validateVideoRequest(json)
  if (problem) return apiError(res, 400, problem, 'invalid_request_error', 'InvalidParameter')

  const prompt = promptOf(json)
  const { tags, error } = parseTags(prompt)
  if (error) return apiError(res, 400, error, 'invalid_request_error', 'EmulatorTag')

  // Submit-time triggers. Rate limits count POSTs per exact prompt text.
  for (const name of ['429', '429-no-header']) {
    if (tags[name] === undefined) continue
    const key = `${name}\n${prompt}`
    const seen = (ctx.promptCounts.get(key) ?? 0) + 1
    ctx.promptCounts.set(key, seen)
    if (seen <= tags[name]) return fail(res, ERR.rateLimit, name === '429' ? { 'retry-after': '1' } : {})
  }
  if (tags['500']) return fail(res, ERR.upstream500)
  if (tags['502-html']) return send(res, 502, HTML_502, { 'content-type': 'text/html' })
  if (tags.hang) {
    ctx.hanging.add(res) // never answered; close() destroys the socket
    res.on('close', () => ctx.hanging.delete(res))
    return
  }
  if (tags.drop) return req.socket.destroy()
  if (tags['400-risk']) return fail(res, ERR.risk)
  if (tags['message-only']) return sendJson(res, 400, { message: 'prompt rejected by upstream' })

  const id = newTaskId()
  const task = {
    id,
    model: json.model,
    request: json,
    prompt,
    tags,
    size: tags.size ?? ctx.options.videoBytes,
    createdMs: Date.now(),
    step: 0, // lifecycle steps taken (poll-count mode)
    gets: 0, // GET /v1/videos/{id} received, including the ones a trigger failed
    status: 'queued',
    progress: 0,
    completedAt: null,
    ready: false, // the video can be downloaded
    linkExpires: null,
    videoDownloads: 0,
    lastResponse: null
  }
  ctx.tasks.set(id, task)
  const o = { id, task_id: id, object: 'video', model: json.model, status: 'queued', progress: 0, created_at: Math.floor(task.createdMs / 1000) }
  if (tags['task_id-only']) delete o.id
  task.lastResponse = o
  sendJson(res, 200, o)
}

function poll(ctx, req, res, id) {
  const task = ctx.tasks.get(id)
  if (!task) return fail(res, ERR.notFound)
  task.gets++
  const t = task.tags
  // Failing GETs come first and do not advance the lifecycle: poll-429 (GET #1), then flaky=N.
  if (t['poll-429'] && task.gets === 1) return fail(res, ERR.rateLimit, { 'retry-after': '1' })
  const flakyIndex = task.gets - (t['poll-429'] ? 1 : 0)
  if (t.flaky && flakyIndex <= t.flaky) {
    if (flakyIndex % 2 === 1) return fail(res, ERR.unavailable)
    return req.socket.destroy()
  }
  const step = ctx.options.stepMs ? timeStep(ctx, task) : ++task.step
  const phase = phaseAt(task, step)
  applyPhase(task, phase)
  const o = taskObject(ctx, task, phase)
  task.lastResponse = o
  sendJson(res, 200, o)
}

async function content(ctx, req, res, id) {
  const task = ctx.tasks.get(id)
  if (!task) return fail(res, ERR.notFound)
  // This GET does not advance the lifecycle; in time mode the clock may have finished the task.
  if (!task.ready && ctx.options.stepMs) applyPhase(task, currentPhase(ctx, task))
  if (!task.ready) return fail(res, ERR.notCompleted)
  await serveVideo(ctx, req, res, task)
}

/** GET /redirect/{id}: a 302 from the API origin to the signed CDN link (`[emu:redirect]`). */
export async function handleRedirect(ctx, req, res, record, target) {
  const seg = target.segments
  if (seg[0] !== 'redirect' || seg.length !== 2) return false
  await readBody(req, record, { keep: 0 })
  const task = ctx.tasks.get(seg[1])
  if (!task || !task.ready) return fail(res, ERR.notFound), true
  send(res, 302, '', { location: videoLink(ctx, task) })
  return true
}
