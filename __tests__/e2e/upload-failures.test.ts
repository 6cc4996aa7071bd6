/**
 * Uploads that fail while others run beside them (issue 22, item 6): every failure of the parallel
 * Asset Library uploads ends as one sentence naming a file, with no stack and nothing submitted.
 * dist/index.js through the runner contract; the Asset Library is a small real server on
 * 127.0.0.1 that misbehaves on purpose.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { dirname, join } from 'node:path'
import type { Emulator } from '../../emulator/server.mjs'
import { mp4, png } from '../helpers/media-fixtures.js'
import { runAction, tempDir, useEmulator, useServers, type RunResult } from './harness.js'

const KEY = 'sk-upload-failures-0123456789'
const emulator = useEmulator({ clockScale: 0.01 })
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

const serve = useServers()

/** An "Asset Library" that treats every connection with `handler`; returns its `/api` base and the request count. */
async function library(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ base: string; hits: () => number }> {
  let hits = 0
  const { origin } = await serve((req, res) => {
    hits++
    req.on('error', () => undefined)
    res.on('error', () => undefined)
    handler(req, res)
  })
  return { base: `${origin}/api`, hits: () => hits }
}

function workspace(files: Record<string, Buffer>): string {
  const ws = tempDir('seedance-upfail-')
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, name)), { recursive: true })
    writeFileSync(join(ws, name), data)
  }
  return ws
}

const FILES = { 'a.png': png(600, 600), 'b.png': png(700, 500), 'clip.mp4': mp4({ seconds: 3, fps: 30 }) }
const INPUTS = { prompt: 'Our dashboard', 'reference-images': 'a.png\nb.png', 'reference-videos': 'clip.mp4', 'max-retries': '1', 'request-timeout': '2s' }

function expectOneSentence(r: RunResult): void {
  expect(r.code).toBe(1)
  expect(r.error).toBeDefined()
  expect(r.error!.split('\n')).toHaveLength(1)
  expect(r.error).toMatch(/Uploading (a\.png|b\.png|clip\.mp4|reject-me\.png) to the Asset Library failed/)
  // No stack, no crash report: the failure is the action's own sentence.
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at \S+ \(|Uncaught|unhandled/i)
  expect(emu.requests.filter((q) => q.method === 'POST' && q.path === '/v1/videos')).toHaveLength(0)
}

it('an `asset-base-url` whose host no DNS can hold is an input error, never tried nor echoed whole', async () => {
  const r = await runAction(
    { 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': `https://${'x'.repeat(100_000)}.example/api`, ...INPUTS },
    { workspace: workspace(FILES) }
  )
  expect(r.code).toBe(1)
  expect(r.error).toMatch(/^Input `asset-base-url` has a host name of 100008 characters/)
  expect(r.error!.length).toBeLessThan(300)
  expect(r.stdout.length).toBeLessThan(20_000)
  expect(emu.requests).toHaveLength(0)
})

describe('a batch whose second entry cannot upload', () => {
  it('no entry is submitted: every upload happens before the first task is paid for', async () => {
    const batch = '[{name: one, prompt: A, reference-images: [a.png]}, {name: two, prompt: B, reference-images: [reject-me.png]}]'
    const r = await runAction(
      { 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': `${emu.url}/api`, batch, 'max-retries': '0' },
      { workspace: workspace({ ...FILES, 'reject-me.png': png(500, 500) }) }
    )
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/reject-me\.png.*file type not supported/)
    expect(r.error!.split('\n')).toHaveLength(1)
    expect(emu.requests.filter((q) => q.method === 'POST' && q.path === '/v1/videos')).toHaveLength(0)
  })
})

describe('two workspace files and an Asset Library that fails them', () => {
  it('a library that drops every connection: one sentence naming a file, nothing submitted', async () => {
    const lib = await library((req) => req.socket.destroy())
    const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': lib.base, ...INPUTS }, { workspace: workspace(FILES) })
    expectOneSentence(r)
    expect(lib.hits()).toBeGreaterThanOrEqual(2)
  })

  it('a library that answers every upload with a 500: one sentence, nothing submitted', async () => {
    const lib = await library((req, res) => {
      req.resume()
      req.on('end', () => res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":500,"message":"boom"}'))
    })
    const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': lib.base, ...INPUTS }, { workspace: workspace(FILES) })
    expectOneSentence(r)
  })

  it('a library that refuses one file while the others upload: that file is named', async () => {
    const r = await runAction(
      { 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': `${emu.url}/api`, ...INPUTS, 'reference-images': 'a.png\nreject-me.png' },
      { workspace: workspace({ ...FILES, 'reject-me.png': png(500, 500) }) }
    )
    expectOneSentence(r)
    expect(r.error).toMatch(/reject-me\.png.*file type not supported/)
  })
})
