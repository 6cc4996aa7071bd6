// Local emulator of the PowerTokens video API (Seedance 2.0), its signed-URL CDN, the Asset
// Library and the GitHub releases API. Node standard library only; see emulator/README.md.
//
//   import { startEmulator } from '../emulator/server.mjs'
//   const emu = await startEmulator()
//   ... emu.url, emu.cdnUrl, emu.requests, emu.tasks ...
//   await emu.close()
//
//   node emulator/server.mjs [--port N] [--cdn-port N] [--step-ms N|MIN-MAX] [--video-bytes N]
//                            [--max-running N] [--no-progress] [--poll-after-ms N] [--poll-retry-after S]
//                            [--clock-scale F] [--unread FIELD]

import { createServer } from 'node:http'
import { randomBytes } from 'node:crypto'
import { realpathSync } from 'node:fs'
import { URLSearchParams, fileURLToPath } from 'node:url'
import { apiError, headerObject, parseTarget, readBody, send } from './http.mjs'
import { UNREAD, handleVideos, handleRedirect } from './videos.mjs'
import { handleCdn } from './cdn.mjs'
import { FIRST_ASSET_ID, addRelease, handleGithub } from './github.mjs'
import { handleAssets } from './assets.mjs'

export { videoBytes, videoSha256, videoChunks, lastFrameBytes, FTYP_BOX } from './media.mjs'
export { validateVideoRequest } from './validate.mjs'
export { INJECTED, PRIVATE_URLS, UNREAD } from './videos.mjs'

const HOST = '127.0.0.1'

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => {
      server.off('error', reject)
      resolve(server.address().port)
    })
  })
}

function checkPort(name, value) {
  if (value === undefined) return 0
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new RangeError(`${name} must be a port number, got ${value}`)
  return value
}

/** What the loopback "metadata" server answers to every request (`emu.metadataUrl`). */
export const FAKE_METADATA = 'FAKE-METADATA-SECRET AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'

function checkStepMs(value) {
  const ok = (n) => typeof n === 'number' && n >= 0 && Number.isFinite(n)
  if (Array.isArray(value)) {
    const [min, max] = value
    if (value.length !== 2 || !ok(min) || !ok(max) || min <= 0 || max < min || !Number.isInteger(min) || !Number.isInteger(max))
      throw new RangeError(`stepMs as a range must be [min, max] integers with 0 < min <= max, got ${JSON.stringify(value)}`)
    return [min, max]
  }
  if (!ok(value)) throw new RangeError(`stepMs must be a positive number, got ${value}`)
  return value
}

function checkClockScale(value) {
  if (value === undefined) return 1
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`clockScale must be a number greater than 0, got ${value}`)
  return value
}

function checkCount(name, value) {
  if (value === undefined) return undefined
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`)
  return value
}

/**
 * Start the emulator.
 * @param {import('./server.d.mts').EmulatorOptions} [options]
 */
export async function startEmulator(options = {}) {
  const videoBytes = options.videoBytes ?? 64 * 1024
  if (!Number.isSafeInteger(videoBytes) || videoBytes < 0) throw new RangeError(`videoBytes must be a non-negative integer, got ${videoBytes}`)
  const stepMs = checkStepMs(options.stepMs ?? 0)
  const maxRunning = checkCount('maxRunning', options.maxRunning)
  const pollAfterMs = checkCount('pollAfterMs', options.pollAfterMs)
  const pollRetryAfter = checkCount('pollRetryAfter', options.pollRetryAfter)
  const noProgress = Boolean(options.noProgress)
  const clockScale = checkClockScale(options.clockScale)
  const assetOnly = Boolean(options.assetOnly)
  const lastFrameAt = options.lastFrameAt
  const unread = options.unread
  if (unread !== undefined && !UNREAD.includes(unread)) throw new RangeError(`unread must be one of ${UNREAD.join(', ')}, got ${unread}`)
  if (lastFrameAt !== undefined && !['top', 'content', 'metadata'].includes(lastFrameAt)) {
    throw new RangeError(`lastFrameAt must be top, content or metadata, got ${lastFrameAt}`)
  }

  const ctx = {
    options: { videoBytes, stepMs, maxRunning, noProgress, pollAfterMs, pollRetryAfter, clockScale, assetOnly, lastFrameAt, unread },
    secret: randomBytes(32), // signs CDN links
    url: '',
    cdnUrl: '',
    metadataUrl: '',
    flight: new Map(), // key -> { current, max, timeline } of tasks submitted and not yet finished
    streams: new Set(), // endless and dripping answers still being written
    requests: [],
    tasks: new Map(),
    promptCounts: new Map(), // `[emu:429=N]` counters, per exact prompt text
    hanging: new Set(), // responses of `[emu:hang]` requests, never answered
    releases: new Map(),
    nextAssetId: FIRST_ASSET_ID,
    failedOnce: new Set(), // GitHub requests of `502-<what>` tokens already failed once
    uploads: [],
    assetJobs: new Map()
  }

  const sockets = new Set()
  const makeServer = (name, handler) => {
    const server = createServer((req, res) => {
      const record = {
        server: name,
        method: req.method,
        path: req.url,
        headers: headerObject(req),
        body: Buffer.alloc(0),
        bodyBytes: 0,
        json: undefined,
        time: Date.now()
      }
      ctx.requests.push(record)
      res.on('error', () => {}) // a client that went away must not crash the process
      req.on('error', () => {})
      Promise.resolve()
        .then(() => handler(req, res, record))
        .catch((err) => {
          // Body read aborted by the client, or a bug in the emulator: answer if we still can.
          if (!res.headersSent && !res.destroyed && !req.destroyed) {
            apiError(res, 500, `emulator internal error: ${err && err.message}`, 'emulator_error', 'emulator_error')
          } else {
            res.destroy()
          }
        })
    })
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    server.on('clientError', (err, socket) => {
      // malformed HTTP: answer 400 if the socket still takes it
      if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
      else socket.destroy()
    })
    return server
  }

  const apiServer = makeServer('api', async (req, res, record) => {
    const target = parseTarget(req.url)
    if (!target) {
      await readBody(req, record, { keep: 0 })
      return apiError(res, 400, 'malformed request path', 'invalid_request_error', 'invalid_path')
    }
    for (const route of [handleVideos, handleRedirect, handleGithub, handleAssets]) {
      if (await route(ctx, req, res, record, target)) return
    }
    await readBody(req, record, { keep: 0 })
    // what new-api answers for a route it does not know
    apiError(res, 404, `Invalid URL (${req.method} ${target.pathname})`, 'invalid_request_error', '')
  })

  const cdnServer = makeServer('cdn', async (req, res, record) => {
    const target = parseTarget(req.url) ?? { pathname: '', segments: [], query: new URLSearchParams() }
    await handleCdn(ctx, req, res, record, target)
  })

  // Stands in for a cloud metadata service, so a test can check a link to it is never followed.
  const metadataServer = makeServer('metadata', async (req, res, record) => {
    await readBody(req, record, { keep: 0 })
    send(res, 200, FAKE_METADATA, { 'content-type': 'text/plain' })
  })

  let apiPort
  let cdnPort
  let metadataPort
  try {
    apiPort = await listen(apiServer, checkPort('port', options.port))
    cdnPort = await listen(cdnServer, checkPort('cdnPort', options.cdnPort))
    metadataPort = await listen(metadataServer, 0)
  } catch (err) {
    apiServer.close()
    cdnServer.close()
    metadataServer.close()
    throw err
  }
  ctx.url = `http://${HOST}:${apiPort}`
  // The CDN's links may name another origin that leads here (a TLS front reached through a proxy, in a test).
  ctx.cdnUrl = options.cdnOrigin ?? `http://${HOST}:${cdnPort}`
  ctx.metadataUrl = `http://${HOST}:${metadataPort}`

  let closing = null
  const emulator = {
    url: ctx.url,
    cdnUrl: ctx.cdnUrl,
    /** Where the CDN server itself listens (the same as cdnUrl unless `cdnOrigin` names another origin). */
    cdnServerUrl: `http://${HOST}:${cdnPort}`,
    metadataUrl: ctx.metadataUrl,
    requests: ctx.requests,
    tasks: ctx.tasks,
    releases: ctx.releases,
    uploads: ctx.uploads,
    /** Add a release to 'owner/repo' ({tag, name?, body?, draft?, prerelease?, id?}). */
    addRelease: (ownerRepo, opts) => addRelease(ctx, ownerRepo, opts),
    /** Most tasks of `key` in flight (submitted, not yet reported finished) at any one time. */
    maxInFlight: (key) => ctx.flight.get(key)?.max ?? 0,
    /** Tasks of `key` in flight now. */
    inFlight: (key) => ctx.flight.get(key)?.current ?? 0,
    /** Every change of the in-flight count of `key`, in order. */
    flightTimeline: (key) => [...(ctx.flight.get(key)?.timeline ?? [])],
    /** Endless or dripping answers still being written. */
    openStreams: () => ctx.streams.size,
    /** Every link given so far expires now (as the CDN's links do after about 24 hours): the CDN refuses them, and so does a POST that names one. */
    expireLinks() {
      for (const task of ctx.tasks.values()) task.linksExpired = true
    },
    /** Forget every request, task, counter, release and upload (servers keep running). */
    reset() {
      ctx.requests.length = 0
      ctx.tasks.clear()
      ctx.promptCounts.clear()
      ctx.releases.clear()
      ctx.nextAssetId = FIRST_ASSET_ID
      ctx.failedOnce.clear()
      ctx.uploads.length = 0
      ctx.assetJobs.clear()
      ctx.flight.clear()
    },
    /** Close the servers and destroy every open socket (hung requests and endless answers included). */
    close() {
      if (!closing) {
        closing = Promise.all([apiServer, cdnServer, metadataServer].map((server) => new Promise((resolve) => server.close(() => resolve())))).then(
          () => undefined
        )
        for (const res of ctx.hanging) res.destroy()
        ctx.hanging.clear()
        for (const res of ctx.streams) res.destroy()
        ctx.streams.clear()
        for (const socket of sockets) socket.destroy()
      }
      return closing
    }
  }
  return emulator
}

// ---- command line ----------------------------------------------------------------------------------

function parseArgs(argv) {
  const names = {
    '--port': 'port',
    '--cdn-port': 'cdnPort',
    '--step-ms': 'stepMs',
    '--video-bytes': 'videoBytes',
    '--max-running': 'maxRunning',
    '--poll-after-ms': 'pollAfterMs',
    '--poll-retry-after': 'pollRetryAfter',
    '--clock-scale': 'clockScale'
  }
  const options = {}
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].split('=', 2)
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        'usage: node emulator/server.mjs [--port N] [--cdn-port N] [--step-ms N|MIN-MAX] [--video-bytes N]\n' +
          '                                [--max-running N] [--no-progress] [--poll-after-ms N] [--poll-retry-after S]\n' +
          '                                [--clock-scale F] [--unread FIELD]\n'
      )
      process.exit(0)
    }
    if (flag === '--unread') {
      if (value === undefined) value = argv[++i]
      if (!UNREAD.includes(value)) throw new Error(`--unread needs one of ${UNREAD.join(', ')}`)
      options.unread = value
      continue
    }
    if (flag === '--no-progress') {
      options.noProgress = true
      continue
    }
    const key = names[flag]
    if (!key) throw new Error(`unknown option ${flag}`)
    if (value === undefined) value = argv[++i]
    const range = key === 'stepMs' && value !== undefined ? /^(\d+)-(\d+)$/.exec(value) : null
    if (range) {
      options[key] = [Number(range[1]), Number(range[2])]
      continue
    }
    if (key === 'clockScale') {
      if (value === undefined || !/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new Error(`${flag} needs a number greater than 0, such as 0.01`)
      options[key] = Number(value)
      continue
    }
    if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${flag} needs a non-negative integer`)
    options[key] = Number(value)
  }
  return options
}

function isMain() {
  if (!process.argv[1]) return false
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isMain()) {
  let options
  try {
    options = parseArgs(process.argv.slice(2))
  } catch (err) {
    process.stderr.write(`emulator: ${err.message}\n`)
    process.exit(2)
  }
  let emu
  try {
    emu = await startEmulator(options)
  } catch (err) {
    process.stderr.write(`emulator: ${err.message}\n`)
    process.exit(1)
  }
  process.stdout.write(`emulator listening on ${emu.url}\n`)
  const stop = () => {
    emu.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
