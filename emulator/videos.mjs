// The video API: POST /v1/videos, GET /v1/videos/{id}, GET /v1/videos/{id}/content,
// and GET /redirect/{id} (the `[emu:redirect]` hop to the CDN).
//
// The service runs on the new-api relay (docs/powertokens-api.md): errors are {"error":{"message","type","code"}}, an
// invalid key is answered with HTTP 500 `token_invalid`, quota problems with 402/403 and Chinese
// messages, and the upstream (BytePlus/Volcengine) codes such as InputTextRiskDetection pass through.

import { createHash, randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { MiB, apiError, readBody, realMs, retryAfter, send, sendJson, streamEndless, tryParseJson } from './http.mjs'
import { validateVideoRequest } from './validate.mjs'
import { UNREAD, parseTags, promptOf } from './triggers.mjs'

export { UNREAD }
import { usageOf } from './usage.mjs'
import { LINK_TTL_SECONDS, cdnLinkProblem, frameLink, serveVideo, track, videoLink } from './cdn.mjs'

const SUCCESS = ['succeeded', 'completed', 'succeed', 'success']
const RUNNING = ['running', 'in_progress', 'processing']
const FAILED = ['failed', 'failure']
const CANCELLED = ['cancelled', 'canceled']
const TERMINAL = [...SUCCESS, ...FAILED, ...CANCELLED, 'expired']

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

/** Text a client must never turn into workflow commands (`[emu:inject-id]`, `[emu:inject-status]`). */
export const INJECTED = '\n::warning::emulator-injected-warning\n::set-output name=x::y\n'
/** Link targets of `[emu:private-url]` / `[emu:private-frame]`: never fetched by the emulator's tests. */
export const PRIVATE_URLS = {
  aws: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
  gcp: 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token',
  ipv6: 'http://[fd00:ec2::254]/latest/meta-data/iam/security-credentials/'
}
const HUGE = 2 * MiB

/**
 * `[emu:unread=...]` (or the `unread` option): one field where the action does not read it, as
 * a service that changed its answers would send it. `task-id`: the submit answer names the task
 * only as `taskId`; `status-word`: unfinished tasks are `waiting` / `generating`; `progress`: as
 * `percent`; `video-link`: as `result_url`; `last-frame`: as `last_frame_image`; `usage`: as
 * `billing.tokens`.
 */
const NEW_WORDS = { queued: 'waiting', running: 'generating' }

/** The task answer `o` with the `unread` field moved where the action does not read it. */
function unreadShape(ctx, task, o) {
  const what = task.tags.unread ?? ctx.options.unread
  if (what === 'task-id' && o.id !== undefined) {
    o.taskId = o.id
    delete o.id
    delete o.task_id
  }
  if (what === 'status-word' && NEW_WORDS[o.status]) o.status = NEW_WORDS[o.status]
  if (what === 'progress' && o.progress !== undefined) {
    o.percent = o.progress
    delete o.progress
  }
  const move = (read, put) => {
    for (const [parent, key] of read) {
      const holder = parent ? o[parent] : o
      if (holder?.[key] === undefined) continue
      put(holder[key])
      delete holder[key]
      if (parent && Object.keys(holder).length === 0) delete o[parent]
    }
  }
  if (what === 'video-link')
    move(
      [
        ['metadata', 'url'],
        ['', 'video_url'],
        ['content', 'video_url'],
        ['metadata', 'video_url']
      ],
      (v) => (o.result_url = v)
    )
  if (what === 'last-frame')
    move(
      [
        ['', 'last_frame_url'],
        ['content', 'last_frame_url'],
        ['metadata', 'last_frame_url']
      ],
      (v) => (o.last_frame_image = v)
    )
  if (what === 'usage' && o.usage !== undefined) {
    o.billing = { tokens: o.usage.total_tokens }
    delete o.usage
  }
  return o
}

const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>'

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
  if (key === null || key === 'bad-key') return (fail(res, ERR.invalidToken), null)
  if (key === 'token-invalid') return (fail(res, ERR.tokenInvalid500), null) // the real service says 500 here
  if (key === 'no-balance') return (fail(res, ERR.noBalance), null)
  if (key === 'no-quota-403') return (fail(res, ERR.noQuota403), null)
  return key
}

function newTaskId() {
  const d = new Date()
  const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
  return `cgt-${ymd}-${randomBytes(6).toString('hex')}`
}

/** Running-task limit of `key`: `limit-N...` keys say N, else the `maxRunning` option (Infinity). */
export function limitFor(ctx, key) {
  const m = /^limit-(\d+)(?:-|$)/.exec(key)
  if (m) return Number(m[1])
  return ctx.options.maxRunning ?? Infinity
}

/**
 * Step duration of a new task in emulated ms (0: one step per GET): from `[emu:duration=S]` (S
 * seconds from its start to its finished phase, the steps between evenly spaced), else the
 * `stepMs` option, or a value drawn from its [min, max] by task id.
 */
function drawStepMs(ctx, id, tags) {
  if (tags.duration !== undefined) {
    const steps = terminalStep({ tags }) - 1
    return steps > 0 ? (tags.duration * 1000) / steps : tags.duration * 1000
  }
  const s = ctx.options.stepMs
  if (!Array.isArray(s)) return s
  const [min, max] = s
  const u = createHash('sha256').update(`step:${id}`).digest().readUInt32BE(0) / 2 ** 32
  return min + Math.floor(u * (max - min + 1))
}

/** The task's lifecycle runs on the clock (time mode) rather than one step per GET. */
const onClock = (task) => task.stepMs > 0

/** In-flight bookkeeping of a key (tasks submitted and not yet reported finished). */
function flightOf(ctx, key) {
  let f = ctx.flight.get(key)
  if (!f) ctx.flight.set(key, (f = { current: 0, max: 0, timeline: [] }))
  return f
}

function flightEvent(ctx, task, event) {
  const f = flightOf(ctx, task.key)
  f.current += event === 'submit' ? 1 : -1
  f.max = Math.max(f.max, f.current)
  f.timeline.push({ time: Date.now(), event, taskId: task.id, inFlight: f.current })
}

/** The first lifecycle step at which the task is finished (Infinity when it never is). */
function terminalStep(task) {
  if (task.terminalStep === undefined) {
    task.terminalStep = Infinity
    for (let step = 1; step <= 10000; step++) {
      if (isTerminal(phaseAt(task, step).status)) {
        task.terminalStep = step
        break
      }
    }
  }
  return task.terminalStep
}

/**
 * Start the queued tasks of `key` that the running limit lets run (first come, first served).
 * A task holds its running slot from its start until a GET reports it finished (one step per GET)
 * or until its lifecycle clock reaches a finished phase (time mode).
 */
function admit(ctx, key) {
  const limit = limitFor(ctx, key)
  const list = [...ctx.tasks.values()].filter((t) => t.key === key)
  const now = Date.now()
  /** When a started task frees its slot (epoch ms; Infinity: not yet known). */
  const frees = (t) => (onClock(t) ? t.startedMs + (terminalStep(t) - 1) * realMs(ctx, t.stepMs) : (t.finishedMs ?? Infinity))
  let last = -Infinity
  for (const t of list) {
    if (t.startedMs !== null) {
      last = t.startedMs
      continue
    }
    let at = Math.max(t.createdMs, last)
    for (;;) {
      const busy = list.filter((o) => o.startedMs !== null && frees(o) > at)
      if (busy.length < limit) break
      at = Math.min(...busy.map(frees))
    }
    if (at > now) break
    t.startedMs = last = at
  }
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
  return (
    [
      { status: 'queued', progress: 0 },
      { status: 'running', progress: 40 },
      { status: 'running', progress: 80 }
    ][step - 1] ?? { status: 'succeeded', progress: 100 }
  )
}

const isSuccess = (status) => SUCCESS.includes(String(status).toLowerCase())
const isTerminal = (status) => TERMINAL.includes(String(status).toLowerCase())

/** Step of a time-based lifecycle; 0 while the task waits for a running slot. */
function timeStep(ctx, task) {
  if (task.startedMs === null) return 0
  return 1 + Math.floor((Date.now() - task.startedMs) / realMs(ctx, task.stepMs))
}

/** Current phase without advancing (used by /content and the CDN). */
function currentPhase(ctx, task) {
  admit(ctx, task.key)
  return phaseAt(task, onClock(task) ? timeStep(ctx, task) : task.step)
}

/** Record what a phase means for the task (status, readiness, completion time). */
function applyPhase(ctx, task, phase) {
  task.status = phase.status
  task.progress = phase.progress
  if (isTerminal(phase.status) && task.completedAt === null) {
    task.finishedMs = Date.now()
    task.completedAt = Math.floor(task.finishedMs / 1000)
    flightEvent(ctx, task, 'finish')
    admit(ctx, task.key) // a running slot is free
  }
  if (isSuccess(phase.status) && !task.ready) {
    task.ready = true
    task.linkExpires = task.completedAt + LINK_TTL_SECONDS
  }
}

/** The video link a succeeded task shows. */
function videoHref(ctx, task) {
  const t = task.tags
  if (t['js-url']) return 'javascript:alert(1)'
  if (t['private-url']) return PRIVATE_URLS[t['private-url']]
  if (t['metadata-loopback']) return metadataLink(ctx)
  const link = t.redirect ? `${ctx.url}/redirect/${encodeURIComponent(task.id)}` : videoLink(ctx, task)
  return t['huge-url'] ? `${link}&pad=${'x'.repeat(HUGE)}` : link
}

/** The last-frame link a succeeded task shows, if any. */
function frameHref(ctx, task) {
  const where = task.tags['private-frame']
  if (where) return where === 'loopback' ? metadataLink(ctx) : PRIVATE_URLS[where]
  return task.request.return_last_frame === true ? frameLink(ctx, task) : undefined
}

function metadataLink(ctx) {
  return `${ctx.metadataUrl}/latest/meta-data/iam/security-credentials/emulator-role`
}

/** The `[emu:echo-key]` quote of the Authorization header (or of the bare key). */
function echoOf(req, key, raw) {
  return raw ? { api_key: key } : { authorization: req.headers.authorization }
}

/** Fields every task answer has; `progress` is left out while unfinished under `no-progress`. */
function baseObject(ctx, task, status, progress) {
  const o = { id: task.id, task_id: task.id, object: 'video', model: task.model, status, progress, created_at: Math.floor(task.createdMs / 1000) }
  if (task.tags['inject-status'] && !isTerminal(status)) o.status = `${status}${INJECTED}`
  if ((task.tags['no-progress'] || ctx.options.noProgress) && !isTerminal(status)) delete o.progress
  return o
}

/** Send a task answer (with `[emu:gzip]` compression and the poll-hint headers when unfinished). */
function sendTask(ctx, res, task, value, { poll = false } = {}) {
  const headers = { 'content-type': 'application/json' }
  if (!isTerminal(task.status)) {
    const after = task.tags['poll-after-ms'] ?? ctx.options.pollAfterMs
    if (after !== undefined) headers['openai-poll-after-ms'] = String(Math.max(after === 0 ? 0 : 1, Math.round(realMs(ctx, after))))
    const retry = task.tags['poll-retry-after'] ?? ctx.options.pollRetryAfter
    if (poll && retry !== undefined) headers['retry-after'] = retryAfter(ctx, retry)
  }
  let body = Buffer.from(JSON.stringify(value))
  if (task.tags.gzip === 'task') {
    body = gzipSync(body)
    headers['content-encoding'] = 'gzip'
  }
  send(res, 200, body, headers)
}

/** The task object as the API returns it. */
function taskObject(ctx, task, phase) {
  const o = baseObject(ctx, task, phase.status, phase.progress)
  if (isTerminal(phase.status) && task.completedAt !== null) o.completed_at = task.completedAt
  if (isSuccess(phase.status)) o.expires_at = task.linkExpires
  if (phase.error) o.error = phase.error
  if (isSuccess(phase.status)) {
    const place = task.tags.url ?? 'metadata'
    const video = videoHref(ctx, task)
    const frame = frameHref(ctx, task)
    if (place === 'metadata') o.metadata = { url: video }
    const usage = usageOf(ctx, task)
    if (usage) o.usage = usage
    if (place === 'video_url') o.video_url = video
    // `[emu:frame-at=...]` (or the `lastFrameAt` option) puts the last frame in one of its three places.
    const frameAt = task.tags['frame-at'] ?? ctx.options.lastFrameAt
    if (place === 'content') o.content = frame && !frameAt ? { video_url: video, last_frame_url: frame } : { video_url: video }
    else if (place !== 'none' && frame && !frameAt) o.last_frame_url = frame
    if (frame && frameAt === 'top') o.last_frame_url = frame
    if (frame && frameAt === 'content') o.content = { ...o.content, last_frame_url: frame }
    if (frame && frameAt === 'metadata') o.metadata = { ...o.metadata, last_frame_url: frame }
  }
  return o
}

/** Why `media` breaks the Asset Library rule (`assetOnly`, `[emu:asset-only]`), or null: every http(s) link is refused. */
function assetOnlyProblem(ctx, media) {
  for (const [i, item] of media.entries()) {
    const url = typeof item?.url === 'string' ? item.url : ''
    if (/^https?:\/\//i.test(url)) return `media[${i}].url: Seedance 2.0 media must first be uploaded to the Asset Library and referenced as asset://<asset_id>`
  }
  return null
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
  const key = checkKey(req, res)
  if (key === null) return true

  if (route === 'submit') await submit(ctx, req, res, body, key)
  else if (route === 'poll') await poll(ctx, req, res, seg[2])
  else await content(ctx, req, res, seg[2])
  return true
}

async function submit(ctx, req, res, { buffer, truncated }, key) {
  if (truncated) return apiError(res, 413, 'request body too large', 'invalid_request_error', 'request_too_large')
  const json = tryParseJson(buffer)
  if (json === undefined) return apiError(res, 400, 'the request body is not valid JSON', 'invalid_request_error', 'InvalidParameter')
  const problem = validateVideoRequest(json)
  if (problem) return apiError(res, 400, problem, 'invalid_request_error', 'InvalidParameter')
  // Media links are fetched by the service: one of the CDN's own links must still be valid.
  for (const [i, item] of json.media.entries()) {
    const stale = cdnLinkProblem(ctx, item?.url)
    if (stale) return apiError(res, 400, `media[${i}].url could not be fetched: ${stale}`, 'invalid_request_error', 'InvalidParameter')
  }

  const prompt = promptOf(json)
  const { tags, error } = parseTags(prompt)
  if (error) return apiError(res, 400, error, 'invalid_request_error', 'EmulatorTag')
  // As PowerTokens' Seedance 2.0 guide asks: every media item an Asset Library id this library handed out.
  if (ctx.options.assetOnly || tags['asset-only']) {
    const problem = assetOnlyProblem(ctx, json.media)
    if (problem) return apiError(res, 400, problem, 'invalid_request_error', 'InvalidParameter')
  }

  // Submit-time triggers. Rate limits count POSTs per exact prompt text.
  for (const name of ['429', '429-no-header']) {
    if (tags[name] === undefined) continue
    const key = `${name}\n${prompt}`
    const seen = (ctx.promptCounts.get(key) ?? 0) + 1
    ctx.promptCounts.set(key, seen)
    if (seen <= tags[name]) return fail(res, ERR.rateLimit, name === '429' ? { 'retry-after': retryAfter(ctx, 1) } : {})
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
  if (tags['429-day'] !== undefined) {
    const counter = `429-day\n${prompt}`
    const seen = (ctx.promptCounts.get(counter) ?? 0) + 1
    ctx.promptCounts.set(counter, seen)
    if (seen <= tags['429-day']) return fail(res, ERR.rateLimit, { 'retry-after': retryAfter(ctx, 86400) })
  }
  if (tags.gzip === 'error') {
    const body = gzipSync(JSON.stringify({ error: { message: ERR.risk[1], type: ERR.risk[2], code: ERR.risk[3] } }))
    return send(res, 400, body, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
  }
  const echo = tags['echo-key']
  if (echo === 'error')
    return apiError(
      res,
      400,
      `invalid request: header Authorization: ${req.headers.authorization} is not allowed for this group`,
      'invalid_request_error',
      'InvalidParameter'
    )
  if (echo === 'raw-error') return apiError(res, 400, `the key ${key} has no access to model ${json.model}`, 'invalid_request_error', 'model_not_allowed')

  if (tags.duration !== undefined && terminalStep({ tags }) === Infinity)
    return apiError(res, 400, 'emulator: [emu:duration=S] needs a lifecycle that ends', 'invalid_request_error', 'EmulatorTag')

  let id = newTaskId()
  if (tags['inject-id']) id += INJECTED
  if (tags['huge-id']) id += '-' + 'a'.repeat(HUGE)
  const task = {
    id,
    key,
    stepMs: drawStepMs(ctx, id, tags), // emulated ms per lifecycle step; 0: one step per GET
    startedMs: null, // when the task got a running slot (null: still waiting)
    finishedMs: null, // when an answer first reported it finished
    streamedBytes: 0,
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
  flightEvent(ctx, task, 'submit')
  admit(ctx, key)
  const o = baseObject(ctx, task, 'queued', 0)
  if (tags['task_id-only']) delete o.id
  if (echo === 'task' || echo === 'raw') o.request_echo = echoOf(req, key, echo === 'raw')
  unreadShape(ctx, task, o)
  task.lastResponse = o
  if (tags['endless-submit']) return endlessJson(ctx, res, task, o)
  if (tags.shape) return sendTask(ctx, res, task, tags.shape === 'array' ? [o] : tags.shape === 'null' ? null : id)
  sendTask(ctx, res, task, o)
}

/** 200 with a JSON-looking body that never ends: the object, then an endless string field. */
function endlessJson(ctx, res, task, o) {
  res.writeHead(200, { 'content-type': 'application/json' })
  const json = JSON.stringify(o)
  const head = Buffer.from(`${json.slice(0, -1)},"padding":"`)
  return track(ctx, res, streamEndless(res, head, Buffer.alloc(256 * 1024, 'a'), { onBytes: (n) => (task.streamedBytes += n) }))
}

async function poll(ctx, req, res, id) {
  const task = ctx.tasks.get(id)
  if (!task) return fail(res, ERR.notFound)
  task.gets++
  const t = task.tags
  // Failing GETs come first and do not advance the lifecycle: poll-429 (GET #1), poll-429-day,
  // flaky=N, then endless-poll.
  if (t['poll-429'] && task.gets === 1) return fail(res, ERR.rateLimit, { 'retry-after': retryAfter(ctx, 1) })
  let index = task.gets - (t['poll-429'] ? 1 : 0)
  if (t['poll-429-day'] !== undefined && index <= t['poll-429-day']) return fail(res, ERR.rateLimit, { 'retry-after': retryAfter(ctx, 86400) })
  if (t['poll-429-day'] !== undefined) index -= t['poll-429-day']
  if (t.flaky && index <= t.flaky) {
    if (index % 2 === 1) return fail(res, ERR.unavailable, { 'retry-after': retryAfter(ctx, 1) })
    return req.socket.destroy()
  }
  if (t.flaky) index -= t.flaky
  if (t['endless-poll'] !== undefined && index <= t['endless-poll']) return endlessJson(ctx, res, task, baseObject(ctx, task, 'running', 40))
  admit(ctx, task.key)
  const step = onClock(task) ? timeStep(ctx, task) : task.startedMs === null ? 0 : ++task.step
  const phase = phaseAt(task, step)
  applyPhase(ctx, task, phase)
  const o = taskObject(ctx, task, phase)
  if (t['echo-key'] === 'task' || t['echo-key'] === 'raw') {
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
    o.request_echo = echoOf(req, m ? m[1] : '', t['echo-key'] === 'raw')
  }
  unreadShape(ctx, task, o)
  task.lastResponse = o
  sendTask(ctx, res, task, o, { poll: true })
}

async function content(ctx, req, res, id) {
  const task = ctx.tasks.get(id)
  if (!task) return fail(res, ERR.notFound)
  // This GET does not advance the lifecycle; in time mode the clock may have finished the task.
  if (!task.ready && onClock(task)) applyPhase(ctx, task, currentPhase(ctx, task))
  if (!task.ready) return fail(res, ERR.notCompleted)
  await serveVideo(ctx, req, res, task)
}

/** GET /redirect/{id}: a 302 from the API origin to the signed CDN link (`[emu:redirect]`). */
export async function handleRedirect(ctx, req, res, record, target) {
  const seg = target.segments
  if (seg[0] !== 'redirect' || seg.length !== 2) return false
  await readBody(req, record, { keep: 0 })
  const task = ctx.tasks.get(seg[1])
  if (!task || !task.ready) return (fail(res, ERR.notFound), true)
  send(res, 302, '', { location: videoLink(ctx, task) })
  return true
}
