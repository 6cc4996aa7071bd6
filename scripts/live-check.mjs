#!/usr/bin/env node
// `npm run live-check [-- --yes] [--url-media] [--base-url URL] [--asset-base-url URL] [--out DIR]`:
// runs the committed dist/index.js as the GitHub runner does (scripts/action-run.mjs) against the
// real PowerTokens service with the key in POWERTOKENS_API_KEY, and checks that every field the
// action reads is where the action reads it (scripts/live-fields.mjs lists the places).
//
// The request is the cheapest that still takes every path the action has: a workspace image,
// uploaded through the Asset Library as the first frame, 480p, 1:1, 4 s, no audio, the last frame
// returned, waited for, the video and the last frame saved. The action's own dry run prices it
// before anything is sent; nothing is sent without --yes (and a key).
//
// The action talks to two recording relays on 127.0.0.1 (the action allows plain http to
// loopback), which forward each request over https to base-url and asset-base-url and keep each
// answer, with the key and the query of every link removed. The answers (the submit, a poll while
// running, the final poll, each Asset Library call, and one free error answer: a poll of a task
// that does not exist) go to DIR/report.json, the table to DIR/report.md. Exit code 0: every field
// was where the action reads it; 1: a difference (or the step failed); 2: nothing was checked.
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { brotliDecompressSync, crc32, deflateSync, gunzipSync, inflateSync } from 'node:zlib'
import { actionInputs, nearest, readOutputs, root, runDist, runnerEnv, runnerFiles } from './action-run.mjs'
import { FIELDS, isFinal, locate, shown, statusOf } from './live-fields.mjs'
import { createRunnerLog } from './runner-log.mjs'

const KEY_VARIABLE = 'POWERTOKENS_API_KEY'
/** A public https image for --url-media (Wikimedia Commons, 800x600). */
const PUBLIC_IMAGE = 'https://upload.wikimedia.org/wikipedia/commons/thumb/3/3f/Fronalpstock_big.jpg/800px-Fronalpstock_big.jpg'
const PROMPT = 'A paper boat drifts across a still pond, slow camera push-in'
/** The request: what the action is asked for, besides the media. */
const REQUEST = { size: '480p', ratio: '1:1', seconds: '4', 'generate-audio': 'false', 'return-last-frame': 'true' }
/** Longest answer body kept for the report (a task answer is a few KB). */
const MAX_RECORDED = 256 * 1024

const usage = `Usage: npm run live-check -- [--yes] [--url-media] [options]
Runs the committed dist/ against PowerTokens with the key in ${KEY_VARIABLE} and checks that each
field the action reads is where it reads it. Prints the cost first; sends nothing without --yes.
  --yes                  pay for the check (one task; the cost is printed first)
  --url-media            also submit once with a public https:// image as the first frame, to learn
                         whether Seedance 2.0 takes plain links (a 400 bills nothing; an accepted
                         task bills as much as the first)
  --media-url URL        the image --url-media sends (default: a Wikimedia Commons photo)
  --base-url URL         the video API (default: action.yml's, the real service)
  --asset-base-url URL   the Asset Library (default: action.yml's, the real service)
  --out DIR              where the report goes (default: live-check/)
  --prompt TEXT          the prompt (default: a short fixed one; an emulator reads [emu:...] tags in it)
  --poll-interval D      the action's poll-interval (default: action.yml's)
  --timeout D            the action's timeout (default: 20m)`

// ---- arguments ---------------------------------------------------------------------------------

function readArgs(argv) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        yes: { type: 'boolean' },
        'url-media': { type: 'boolean' },
        'media-url': { type: 'string' },
        'base-url': { type: 'string' },
        'asset-base-url': { type: 'string' },
        out: { type: 'string' },
        prompt: { type: 'string' },
        'poll-interval': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    })
    if (positionals.length > 0) return { problem: `Unexpected argument "${positionals[0]}": options are --name value (with npm, after \`--\`).` }
    return { values }
  } catch (err) {
    const option = /^Unknown option '([^']+)'/.exec(err.message)?.[1]
    if (option) {
      const near = nearest(option.replace(/^-+/, ''), [
        'yes',
        'url-media',
        'media-url',
        'base-url',
        'asset-base-url',
        'out',
        'prompt',
        'poll-interval',
        'timeout',
        'help'
      ])
      return { problem: `Unknown option ${option}${near ? `; did you mean --${near}?` : '.'}` }
    }
    return { problem: err.message.split('. ')[0].replace(/\.?$/, '.') }
  }
}

/** An https:// origin (http:// only on loopback: the key goes there), or a sentence saying why not. */
export function checkServiceUrl(option, text) {
  let url
  try {
    url = new URL(text)
  } catch {
    return { problem: `${option} must be a URL such as https://api.powertokens.ai, got "${text}".` }
  }
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname)
  if (url.username || url.password || url.search || url.hash) return { problem: `${option} must have no credentials, query or fragment.` }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return { url }
  return { problem: `${option} must be an https:// URL (plain http:// only to localhost), got "${url.protocol}//${url.host}".` }
}

// ---- redaction ---------------------------------------------------------------------------------

/** `text` without the secrets and without the query (or fragment) of any link in it. */
function redactText(text, secrets) {
  let out = String(text)
  for (const s of secrets) if (s) out = out.split(s).join('***')
  out = out.replace(/\b(bearer)\s+[^\s"',]+/gi, '$1 ***')
  return out.replace(/\b(https?:\/\/[^\s"'<>?#]*)[?#][^\s"'<>]*/gi, '$1?<query removed>')
}

/** A JSON value with every string redacted, and `data:` media cut to their type. */
function redactJson(value, secrets) {
  if (typeof value === 'string')
    return /^data:/i.test(value) ? `${value.slice(0, value.indexOf(',') + 1 || 40)}<${value.length} characters>` : redactText(value, secrets)
  if (Array.isArray(value)) return value.map((v) => redactJson(v, secrets))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k, secrets), redactJson(v, secrets)]))
  return value
}

function decode(body, encoding) {
  try {
    if (/gzip/i.test(encoding ?? '')) return gunzipSync(body)
    if (/deflate/i.test(encoding ?? '')) return inflateSync(body)
    if (/br/i.test(encoding ?? '')) return brotliDecompressSync(body)
  } catch {
    return Buffer.alloc(0)
  }
  return body
}

const parseJson = (text) => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// ---- the recording relay -------------------------------------------------------------------------

const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'te', 'trailer'])

/**
 * A server on 127.0.0.1 that forwards every request to `target` (its path prefix kept) and
 * records each exchange in `records`: method, path, status, a few headers, and the answer (and a
 * JSON request body), redacted. Bodies are streamed both ways; only the first MAX_RECORDED bytes
 * of a JSON or text answer are kept.
 */
async function startRelay(service, target, records, secrets) {
  const base = target.href.replace(/\/+$/, '')
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  // On a runner behind a proxy the relay goes through it too (Node's own proxy support, Node 24.5 and later).
  const agent = target.protocol === 'https:' ? new HttpsAgent({ keepAlive: true, proxyEnv: process.env }) : undefined
  const server = createServer((req, res) => {
    const record = { service, method: req.method, path: redactText(req.url, secrets).replace(/\?<query removed>$/, ''), time: new Date().toISOString() }
    // The asset poll's `?task_id=` is no signed link: kept.
    if (service === 'asset') record.path = req.url
    records.push(record)
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP.has(k)))
    const sent = []
    let sentBytes = 0
    const upstream = send(`${base}${req.url}`, { method: req.method, headers, timeout: 120_000, ...(agent ? { agent } : {}) }, (answer) => {
      record.status = answer.statusCode
      record.headers = Object.fromEntries(
        ['content-type', 'content-encoding', 'retry-after', 'openai-poll-after-ms']
          .filter((h) => answer.headers[h] !== undefined)
          .map((h) => [h, redactText(answer.headers[h], secrets)])
      )
      const out = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP.has(k)))
      res.writeHead(answer.statusCode ?? 502, out)
      const textual = /json|text|xml/i.test(answer.headers['content-type'] ?? '')
      const kept = []
      let keptBytes = 0
      record.bytes = 0
      answer.on('data', (chunk) => {
        record.bytes += chunk.length
        if (textual && keptBytes < MAX_RECORDED) {
          kept.push(chunk.subarray(0, MAX_RECORDED - keptBytes))
          keptBytes += Math.min(chunk.length, MAX_RECORDED - keptBytes)
        }
      })
      answer.on('end', () => {
        if (textual) {
          const text = decode(Buffer.concat(kept), answer.headers['content-encoding']).toString('utf8')
          const json = parseJson(text)
          if (json !== undefined) record.json = redactJson(json, secrets)
          else record.text = redactText(text.slice(0, 2000), secrets)
        }
      })
      answer.pipe(res)
      answer.on('error', () => res.destroy())
    })
    upstream.on('timeout', () => upstream.destroy(new Error('no answer in 120 s')))
    upstream.on('error', (err) => {
      record.failure = redactText(err.message, secrets)
      // The action sees what it would have seen: a connection that dropped. An answer of the
      // relay's own (a 502) could be taken for the service's, and a submit's outcome is unknown.
      res.destroy()
      req.socket.destroy()
    })
    req.on('data', (chunk) => {
      if (sentBytes < MAX_RECORDED) sent.push(chunk.subarray(0, MAX_RECORDED - sentBytes))
      sentBytes += chunk.length
    })
    req.on('end', () => {
      record.sentBytes = sentBytes
      if (/json/i.test(req.headers['content-type'] ?? '')) {
        const json = parseJson(Buffer.concat(sent).toString('utf8'))
        if (json !== undefined) record.sent = redactJson(json, secrets)
      }
    })
    req.pipe(upstream)
  })
  const sockets = new Set()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', done)
  })
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done())
        for (const s of sockets) s.destroy()
      })
  }
}

// ---- the workspace image -------------------------------------------------------------------------

/** A 480x480 PNG (a soft gradient): the first frame the action uploads to the Asset Library. */
function firstFramePng(side = 480) {
  const row = 1 + side * 3
  const raw = Buffer.alloc(row * side)
  for (let y = 0; y < side; y++) {
    raw[y * row] = 0
    for (let x = 0; x < side; x++) {
      const i = y * row + 1 + x * 3
      raw[i] = 40 + Math.round((x / side) * 150)
      raw[i + 1] = 90 + Math.round((y / side) * 120)
      raw[i + 2] = 200
    }
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'latin1')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
    return Buffer.concat([head, data, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(side, 0)
  ihdr.writeUInt32BE(side, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

// ---- one run of the action -------------------------------------------------------------------------

/**
 * Runs dist/index.js once in a fresh folder under `dir` with `inputs`; its log lines (secrets
 * masked) are printed with a two-space indent. Returns the exit code, the outputs and the last
 * error line.
 */
async function runAction(dir, inputs, secrets, show = () => true) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const files = runnerFiles(dir)
  writeFileSync(join(files.workspace, 'first-frame.png'), firstFramePng())
  const log = createRunnerLog({ debug: false, colour: false })
  for (const s of secrets) if (s) log.addMask(s)
  const errors = []
  const code = await runDist({
    env: runnerEnv(files, inputs),
    files,
    log,
    print: (line) => {
      if (/^Error: /.test(line)) errors.push(line.slice(7))
      if (show(line)) console.log(`  ${line}`)
    }
  })
  return { code, outputs: readOutputs(files, log.mask), error: errors.at(-1), workspace: files.workspace }
}

// ---- the comparison --------------------------------------------------------------------------------

const isTaskPoll = (r) => r.service === 'video' && r.method === 'GET' && /^\/v1\/videos\/[^/?]+(\?|$)/.test(r.path)
const isSubmit = (r) => r.service === 'video' && r.method === 'POST' && /^\/v1\/videos\/?(\?|$)/.test(r.path)
const isContent = (r) => r.service === 'video' && r.method === 'GET' && /^\/v1\/videos\/[^/?]+\/content/.test(r.path)
const ok2xx = (r) => r.status >= 200 && r.status < 300

/** The answers the check reads, picked from the relays' records. */
export function pickAnswers(records) {
  const submit = records.find((r) => isSubmit(r) && ok2xx(r) && r.json !== undefined) ?? records.find(isSubmit)
  const polls = records.filter((r) => isTaskPoll(r) && ok2xx(r) && r.json !== undefined && !r.probe)
  const word = (r) => statusOf(r.json?.status)
  const running = polls.find((r) => word(r) === 'running') ?? polls.find((r) => !isFinal(word(r)) && r !== polls.at(-1))
  const final = polls.at(-1)
  const uploads = records.filter((r) => r.service === 'asset' && r.method === 'POST')
  const assetPolls = records.filter((r) => r.service === 'asset' && r.method === 'GET')
  const errors = records.filter((r) => !ok2xx(r) && r.json !== undefined)
  return { submit, running, final, uploads, assetPolls, errors, content: records.find((r) => isContent(r) && ok2xx(r)) }
}

const place = (entries) => entries.map(([p, v]) => `\`${p}\` = ${shown(v)}`).join(', ')

/**
 * One row of the table per field (and per answer, for the status word): where the answer had it,
 * where the action reads it, and whether that is the same place.
 */
export function compare(answers) {
  const rows = []
  const add = (field, answerName, record, extra = {}) => {
    const { label, reads } = FIELDS[field]
    const base = { field: label, key: field, answer: answerName, reads: reads.map((p) => `\`${p}\``).join(', ') }
    if (!record || record.json === undefined)
      return rows.push({ ...base, found: 'no such answer', result: extra.optional ? 'absent' : 'differs', note: extra.none ?? 'the answer was not received' })
    const { found, read } = locate(field, record.json)
    let result = read.length > 0 ? 'ok' : found.length > 0 ? 'differs' : extra.optional ? 'absent' : 'differs'
    let note =
      read.length > 0
        ? ''
        : found.length > 0
          ? `the action does not read ${found.map(([p]) => `\`${p}\``).join(', ')}`
          : extra.optional
            ? extra.absent
            : 'not in the answer'
    if (extra.check && read.length > 0) {
      const problem = extra.check(read)
      if (problem) [result, note] = ['differs', problem]
    }
    if (result !== 'ok' && extra.fallback) [result, note] = extra.fallback(result, note)
    rows.push({ ...base, found: found.length > 0 ? place(found) : 'nowhere', result, note })
  }
  const { submit, running, final, uploads, assetPolls, errors, content } = answers
  add('taskId', 'submit', submit)
  const wordProblem = (expect) => (read) => {
    const word = read[0][1]
    const status = statusOf(word)
    if (status === 'unknown') return `"${word}" is no status word the action knows: it waits on it as unknown, until \`timeout\``
    if (expect && !expect.includes(status)) return `"${word}" means ${status} to the action, expected ${expect.join(' or ')}`
    return ''
  }
  add('status', 'submit', submit, { check: wordProblem() })
  add('status', 'poll while running', running, {
    optional: true,
    none: 'every poll found the task finished',
    absent: 'no status in the answer',
    check: wordProblem(['queued', 'running'])
  })
  add('status', 'final poll', final, { check: wordProblem(['succeeded']) })
  // Progress matters while the task runs; a service that gives it only at the end is read there.
  const finalProgress = final?.json === undefined ? [] : locate('progress', final.json).read
  add('progress', running ? 'poll while running' : 'final poll', running ?? final, {
    optional: true,
    absent: 'none given: the log shows no percentage (the action does without)',
    fallback: (result, note) =>
      result === 'absent' && running && finalProgress.length > 0
        ? ['absent', `none while running (the log shows no percentage); the final poll has ${place(finalProgress)}`]
        : [result, note]
  })
  add('videoLink', 'final poll', final, {
    // No link at all: the action reads the video from /v1/videos/{id}/content, which worked.
    fallback: (result, note) =>
      note === 'not in the answer' && content ? ['ok', 'no link: the action read the video from `/v1/videos/{id}/content`'] : [result, note]
  })
  add('lastFrameLink', 'final poll', final)
  add('usage', 'final poll', final, { optional: true, absent: 'none given: the `tokens` output stays empty and the estimate stands' })
  const errorAnswer = errors.find((r) => r.probe) ?? errors[0]
  add('error', errorAnswer?.probe ? `error answer (HTTP ${errorAnswer.status}, a poll of no task)` : 'error answer', errorAnswer, {
    none: 'no error answer was received'
  })
  for (const [i, upload] of uploads.entries()) add('assetTask', `asset upload${uploads.length > 1 ? ` ${i + 1}` : ''}`, upload)
  if (uploads.length === 0) add('assetTask', 'asset upload', undefined)
  const lastAssetPoll = assetPolls.at(-1)
  const uploadNamesAsset = uploads.some((u) => locate('assetId', { data: u.json?.data ?? {} }).read.length > 0)
  if (lastAssetPoll || !uploadNamesAsset) add('assetId', 'asset poll (last)', lastAssetPoll)
  const pending = assetPolls.filter((r) => r !== lastAssetPoll)
  if (pending.length > 0) add('assetState', 'asset poll (processing)', pending[0])
  else add('assetState', 'asset poll (processing)', undefined, { optional: true, none: 'the library named the asset at once', absent: '' })
  return rows
}

// ---- the report -------------------------------------------------------------------------------------

const escapeCell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function markdownTable(rows) {
  const lines = ['| field | answer | where the answer had it | where the action reads it | result |', '|---|---|---|---|---|']
  for (const r of rows) {
    const mark = r.result === 'ok' ? 'ok' : r.result === 'absent' ? 'absent (optional)' : '**differs**'
    lines.push(
      `| ${escapeCell(r.field)} | ${escapeCell(r.answer)} | ${escapeCell(r.found)} | ${escapeCell(r.reads)} | ${mark}${r.note ? `: ${escapeCell(r.note)}` : ''} |`
    )
  }
  return lines.join('\n')
}

function plainTable(rows) {
  const cells = rows.map((r) => [
    r.field,
    r.answer,
    r.found.replace(/`/g, ''),
    r.result === 'ok' ? 'ok' : r.result === 'absent' ? 'absent (optional)' : `DIFFERS: ${r.note.replace(/`/g, '')}`
  ])
  const head = ['field', 'answer', 'where the answer had it', 'result']
  const width = head.map((h, i) => Math.min(50, Math.max(h.length, ...cells.map((c) => c[i].length))))
  const cut = (s, w) => (s.length > w ? `${s.slice(0, w - 3)}...` : s.padEnd(w))
  return [head, ...cells].map((c) => c.map((s, i) => (i === 3 ? s : cut(s, width[i]))).join('  ')).join('\n')
}

const tokens = (n) => `${Number(n).toLocaleString('en-US')} tokens`

// ---- main ---------------------------------------------------------------------------------------------

async function main() {
  const args = readArgs(process.argv.slice(2))
  if (args.problem) {
    console.error(`${args.problem}\nnpm run live-check -- --help lists every option.`)
    return 2
  }
  const o = args.values
  if (o.help) {
    console.log(usage)
    return 0
  }
  const defaults = actionInputs()
  const services = {}
  for (const [option, input] of [
    ['--base-url', 'base-url'],
    ['--asset-base-url', 'asset-base-url']
  ]) {
    const checked = checkServiceUrl(option, o[input] ?? defaults.get(input))
    if (checked.problem) {
      console.error(checked.problem)
      return 2
    }
    services[input] = checked.url
  }
  if (o['media-url'] !== undefined && !o['url-media']) {
    console.error('--media-url is the image --url-media sends: give --url-media too.')
    return 2
  }
  const mediaUrl = o['media-url'] ?? PUBLIC_IMAGE
  if (o['url-media'] && !/^https:\/\//i.test(mediaUrl)) {
    console.error(`--media-url must be a public https:// link, got "${mediaUrl}".`)
    return 2
  }
  const out = resolve(o.out ?? join(root, 'live-check'))
  const key = (process.env[KEY_VARIABLE] ?? '').trim()
  const secrets = key ? [key] : []
  const inputs = {
    prompt: o.prompt ?? PROMPT,
    'first-frame': 'first-frame.png',
    ...REQUEST,
    'output-path': 'video/',
    'local-images-as': 'asset',
    resume: 'false',
    cache: 'false',
    timeout: o.timeout ?? '20m',
    ...(o['poll-interval'] ? { 'poll-interval': o['poll-interval'] } : {})
  }

  // The action's own estimate: a dry run sends nothing and needs no key.
  console.log('The action prices the check (a dry run: nothing is sent):')
  const dryDir = mkdtempSync(join(tmpdir(), 'seedance-live-check-'))
  let dry
  try {
    dry = await runAction(
      dryDir,
      { ...inputs, 'dry-run': 'true', 'base-url': services['base-url'].href, 'asset-base-url': services['asset-base-url'].href },
      secrets,
      (line) => /^(Error|Warning|Estimated cost)\b/.test(line)
    )
  } finally {
    rmSync(dryDir, { recursive: true, force: true })
  }
  const estimate = Number(dry.outputs.get('estimated-tokens'))
  if (dry.code !== 0 || !Number.isFinite(estimate) || estimate <= 0) {
    console.error(`The action's dry run failed${dry.error ? `: ${dry.error}` : ''}; nothing was sent.`)
    return 2
  }
  const where = `${services['base-url'].origin} and ${services['asset-base-url'].origin}`
  const cost = o['url-media']
    ? `${tokens(estimate)} for the check's task (${REQUEST.size}, ${REQUEST.ratio}, ${REQUEST.seconds} s, no audio, first frame from the Asset Library, last frame returned), plus, with --url-media, a second task of ${tokens(estimate)} if Seedance 2.0 accepts the plain https:// image (a 400 bills nothing): at most ${tokens(2 * estimate)}`
    : `${tokens(estimate)}: one task (${REQUEST.size}, ${REQUEST.ratio}, ${REQUEST.seconds} s, no audio, first frame from the Asset Library, last frame returned)`
  console.log(`\nThe live check costs ${cost}, by the action's own estimate, at ${where}.`)
  if (!key) {
    console.log(`No API key: set ${KEY_VARIABLE} to a PowerTokens key (https://powertokens.ai) and run again with --yes. Nothing was sent.`)
    return 2
  }
  if (!o.yes) {
    console.log(`Nothing was sent. To pay and run the check: npm run live-check -- --yes${o['url-media'] ? ' --url-media' : ''}`)
    return 0
  }

  mkdirSync(out, { recursive: true })
  const records = []
  const relays = {
    video: await startRelay('video', services['base-url'], records, secrets),
    asset: await startRelay('asset', services['asset-base-url'], records, secrets)
  }
  const report = {
    date: new Date().toISOString(),
    baseUrl: services['base-url'].origin + services['base-url'].pathname.replace(/\/$/, ''),
    assetBaseUrl: services['asset-base-url'].href.replace(/\/$/, ''),
    estimate,
    request: { ...REQUEST, 'first-frame': 'a 480x480 PNG from the workspace, through the Asset Library' }
  }
  try {
    console.log(`\nThe action, as the runner runs it (through recording relays at ${relays.video.url} and ${relays.asset.url}):`)
    const run = await runAction(join(out, 'run'), { ...inputs, 'api-key': key, 'base-url': relays.video.url, 'asset-base-url': relays.asset.url }, secrets)
    const saved = (name) => {
      const p = run.outputs.get(name)
      return p && existsSync(p) ? statSync(p).size : undefined
    }
    report.step = {
      exitCode: run.code,
      error: run.error,
      taskId: run.outputs.get('task-id'),
      status: run.outputs.get('status'),
      tokens: run.outputs.get('tokens'),
      videoBytes: saved('video-path'),
      lastFrameBytes: saved('last-frame-path')
    }

    // One free error answer: a poll of a task that does not exist, through the relay like the others.
    const probePath = '/v1/videos/live-check-no-such-task'
    try {
      const answer = await fetch(`${relays.video.url}${probePath}`, {
        headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
        signal: AbortSignal.timeout(60_000)
      })
      await answer.arrayBuffer()
    } catch {
      // recorded by the relay as a failure
    }
    const probe = records.findLast((r) => r.path === probePath)
    if (probe) probe.probe = true

    const answers = pickAnswers(records)
    const rows = compare(answers)
    if (run.code !== 0)
      rows.push({
        field: 'the step',
        key: 'step',
        answer: '',
        found: '',
        reads: '',
        result: 'differs',
        note: `the action failed: ${run.error ?? `exit code ${run.code}`}`
      })
    else {
      for (const [what, bytes] of [
        ['video', report.step.videoBytes],
        ['last frame', report.step.lastFrameBytes]
      ]) {
        if (!bytes)
          rows.push({
            field: `saved ${what}`,
            key: 'step',
            answer: '',
            found: '',
            reads: '',
            result: 'differs',
            note: `the step succeeded without saving the ${what}`
          })
      }
    }
    report.rows = rows
    report.answers = {
      submit: answers.submit ?? null,
      pollWhileRunning: answers.running ?? null,
      finalPoll: answers.final ?? null,
      assetLibrary: records.filter((r) => r.service === 'asset'),
      errorAnswer: records.find((r) => r.probe) ?? null
    }

    if (o['url-media']) {
      console.log(`\nWith --url-media: the same request with the public image ${mediaUrl} as the first frame, sent as a plain link:`)
      const before = records.length
      const media = await runAction(
        join(out, 'url-media'),
        { ...inputs, 'first-frame': mediaUrl, 'remote-media-as': 'url', 'api-key': key, 'base-url': relays.video.url, 'asset-base-url': relays.asset.url },
        secrets
      )
      const mine = records.slice(before)
      const submit = mine.find(isSubmit)
      const final = mine.filter((r) => isTaskPoll(r) && ok2xx(r)).at(-1)
      report.urlMedia = urlMediaVerdict(mediaUrl, media, submit, final, estimate)
      report.answers.urlMedia = { submit: submit ?? null, finalPoll: final ?? null }
    }
  } finally {
    await relays.video.close()
    await relays.asset.close()
  }

  const differences = report.rows.filter((r) => r.result === 'differs')
  report.result = differences.length === 0 ? 'pass' : 'differs'
  const md = [
    `## Live check: ${differences.length === 0 ? 'every field is where the action reads it' : `${differences.length} difference${differences.length === 1 ? '' : 's'}`}`,
    '',
    `${report.date}, ${report.baseUrl} and ${report.assetBaseUrl}; the action's estimate: ${tokens(estimate)}${report.step.taskId ? `; task \`${report.step.taskId}\` (${report.step.status ?? 'no status'}${report.step.tokens ? `, ${tokens(report.step.tokens)} billed` : ''})` : ''}.`,
    '',
    markdownTable(report.rows),
    ...(report.urlMedia ? ['', `### Plain https:// media (\`--url-media\`)`, '', report.urlMedia.summary, '', report.urlMedia.advice] : []),
    ...(differences.length > 0
      ? [
          '',
          'A difference means the real answer is not what the action was written for: make the emulator (`emulator/`), the readers in `src/api/` (and `src/media/` for the Asset Library), and the notes on the API follow the real answer, then run the check again. The raw answers are in `report.json`.'
        ]
      : [])
  ].join('\n')
  writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`)
  writeFileSync(join(out, 'report.md'), `${md}\n`)
  rmSync(join(out, 'run'), { recursive: true, force: true })
  rmSync(join(out, 'url-media'), { recursive: true, force: true })

  console.log(`\n${plainTable(report.rows)}`)
  if (report.urlMedia) console.log(`\n${report.urlMedia.summary}\n${report.urlMedia.advice}`)
  console.log(
    `\n${
      differences.length === 0
        ? 'Every field is where the action reads it.'
        : `${differences.length} difference${differences.length === 1 ? '' : 's'}: ${differences
            .map((r) => r.field)
            .filter((f, i, a) => a.indexOf(f) === i)
            .join(', ')}.`
    } Report: ${join(out, 'report.md')} and report.json (the raw answers, redacted).`
  )
  return differences.length === 0 ? 0 : 1
}

/** What the --url-media submit says about plain links, and the `remote-media-as` default it calls for. */
export function urlMediaVerdict(mediaUrl, run, submit, final, estimate) {
  const said = (r) => {
    const e = r?.json?.error
    const message = typeof e === 'object' && e !== null ? e.message : typeof e === 'string' ? e : r?.json?.message
    const code = typeof e === 'object' && e !== null ? e.code : r?.json?.code
    return [code, message]
      .filter((x) => x !== undefined && x !== '')
      .map((x) => String(x).slice(0, 300))
      .join(': ')
  }
  const toAsset =
    "To make `asset` the default: `remote-media-as` in action.yml (default and description), its row in the defaults table of src/step/inputs.ts and in the docs, a CHANGELOG line, and the emulator's `assetOnly` option on by default (the emulator follows the real answer)."
  if (!submit || submit.status === undefined) {
    return {
      outcome: 'inconclusive',
      remoteMediaAs: null,
      summary: `No answer to the submit${run.error ? ` (${run.error})` : ''}: nothing is settled.`,
      advice: 'Run it again.'
    }
  }
  if (submit.status === 400) {
    return {
      outcome: 'refused',
      remoteMediaAs: 'asset',
      billed: 0,
      summary: `Seedance 2.0 refused the plain link with HTTP 400${said(submit) ? ` (${said(submit)})` : ''}: nothing was billed.`,
      advice: `\`remote-media-as\` should default to \`asset\` (the action fetches the link and sends it through the Asset Library). ${toAsset}`
    }
  }
  if (submit.status >= 200 && submit.status < 300) {
    const status = statusOf(final?.json?.status)
    if (run.code === 0 && status === 'succeeded') {
      return {
        outcome: 'accepted',
        remoteMediaAs: 'url',
        billed: estimate,
        taskId: run.outputs.get('task-id'),
        summary: `Seedance 2.0 accepted the plain link ${mediaUrl}: task ${run.outputs.get('task-id')} made a video (a second task, about ${tokens(estimate)}).`,
        advice: '`remote-media-as` keeps its default, `url`.'
      }
    }
    return {
      outcome: 'accepted-then-failed',
      remoteMediaAs: 'asset',
      taskId: run.outputs.get('task-id'),
      summary: `The submit with the plain link was accepted, but the task ended ${status}${said(final) ? ` (${said(final)})` : run.error ? ` (${run.error})` : ''}.`,
      advice: `Links are taken but not fetched: \`remote-media-as\` should default to \`asset\`. ${toAsset}`
    }
  }
  return {
    outcome: 'inconclusive',
    remoteMediaAs: null,
    summary: `The submit with the plain link got HTTP ${submit.status}${said(submit) ? ` (${said(submit)})` : ''}: nothing is settled.`,
    advice: 'Run it again.'
  }
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) process.exitCode = await main()
