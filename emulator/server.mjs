// Local emulator of the PowerTokens video API (Seedance 2.0), its signed-URL CDN, the Asset
// Library and the GitHub releases API. Node standard library only; see emulator/README.md.
//
//   import { startEmulator } from '../emulator/server.mjs'
//   const emu = await startEmulator()
//   ... emu.url, emu.cdnUrl, emu.requests, emu.tasks ...
//   await emu.close()
//
//   node emulator/server.mjs [--port N] [--cdn-port N] [--step-ms N] [--video-bytes N]

import { createServer } from 'node:http'
import { randomBytes } from 'node:crypto'
import { realpathSync } from 'node:fs'
import { URLSearchParams, fileURLToPath } from 'node:url'
import { apiError, headerObject, parseTarget, readBody } from './http.mjs'
import { handleVideos, handleRedirect } from './videos.mjs'
import { handleCdn } from './cdn.mjs'
import { FIRST_ASSET_ID, addRelease, handleGithub } from './github.mjs'
import { handleAssets } from './assets.mjs'

export { videoBytes, videoSha256, videoChunks, lastFrameBytes, FTYP_BOX } from './media.mjs'
export { validateVideoRequest } from './validate.mjs'

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

/**
 * Start the emulator.
 * @param {{port?: number, cdnPort?: number, videoBytes?: number, stepMs?: number}} [options]
 */
export async function startEmulator(options = {}) {
  const videoBytes = options.videoBytes ?? 64 * 1024
  if (!Number.isSafeInteger(videoBytes) || videoBytes < 0) throw new RangeError(`videoBytes must be a non-negative integer, got ${videoBytes}`)
  const stepMs = options.stepMs ?? 0
  if (typeof stepMs !== 'number' || !(stepMs >= 0) || !Number.isFinite(stepMs)) throw new RangeError(`stepMs must be a positive number, got ${stepMs}`)

  const ctx = {
    options: { videoBytes, stepMs },
    secret: randomBytes(32), // signs CDN links
    url: '',
    cdnUrl: '',
    requests: [],
    tasks: new Map(),
    promptCounts: new Map(), // `[emu:429=N]` counters, per exact prompt text
    hanging: new Set(), // responses of `[emu:hang]` requests, never answered
    releases: new Map(),
    nextAssetId: FIRST_ASSET_ID,
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

  let apiPort
  let cdnPort
  try {
    apiPort = await listen(apiServer, checkPort('port', options.port))
    cdnPort = await listen(cdnServer, checkPort('cdnPort', options.cdnPort))
  } catch (err) {
    apiServer.close()
    cdnServer.close()
    throw err
  }
  ctx.url = `http://${HOST}:${apiPort}`
  ctx.cdnUrl = `http://${HOST}:${cdnPort}`

  let closing = null
  const emulator = {
    url: ctx.url,
    cdnUrl: ctx.cdnUrl,
    requests: ctx.requests,
    tasks: ctx.tasks,
    releases: ctx.releases,
    uploads: ctx.uploads,
    /** Add a release to 'owner/repo' ({tag, name?, body?, draft?, prerelease?, id?}). */
    addRelease: (ownerRepo, opts) => addRelease(ctx, ownerRepo, opts),
    /** Forget every request, task, counter, release and upload (servers keep running). */
    reset() {
      ctx.requests.length = 0
      ctx.tasks.clear()
      ctx.promptCounts.clear()
      ctx.releases.clear()
      ctx.nextAssetId = FIRST_ASSET_ID
      ctx.uploads.length = 0
      ctx.assetJobs.clear()
    },
    /** Close both servers and destroy every open socket (hung requests included). */
    close() {
      if (!closing) {
        closing = Promise.all(
          [apiServer, cdnServer].map(
            (server) => new Promise((resolve) => server.close(() => resolve()))
          )
        ).then(() => undefined)
        for (const res of ctx.hanging) res.destroy()
        ctx.hanging.clear()
        for (const socket of sockets) socket.destroy()
      }
      return closing
    }
  }
  return emulator
}

// ---- command line ----------------------------------------------------------------------------------

function parseArgs(argv) {
  const names = { '--port': 'port', '--cdn-port': 'cdnPort', '--step-ms': 'stepMs', '--video-bytes': 'videoBytes' }
  const options = {}
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].split('=', 2)
    if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: node emulator/server.mjs [--port N] [--cdn-port N] [--step-ms N] [--video-bytes N]\n')
      process.exit(0)
    }
    const key = names[flag]
    if (!key) throw new Error(`unknown option ${flag}`)
    if (value === undefined) value = argv[++i]
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
