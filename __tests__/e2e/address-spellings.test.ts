/**
 * An address is judged by what it is, not by how it is spelled: an IPv4 address of a metadata
 * service or a private network, written as IPv6 (IPv4-mapped, IPv4-compatible, NAT64), is refused
 * by name before any connection, wherever the link comes from. The action's process runs with a
 * spy on its lookups and connections (fixtures/network-spy.mjs) that also blocks any address but
 * loopback, so a refusal that came too late would show as a blocked connection, never as traffic.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { lastFrameBytes, videoBytes } from '../../emulator/server.mjs'
import { ROOT, runAction, tempDir, useServers, type RunResult } from './harness.js'

const KEY = 'sk-spelling-0123456789abcdef'
const ID = 'cgt-20261206-0123456789ab'
const SPY = join(ROOT, '__tests__', 'fixtures', 'network-spy.mjs')

/** 169.254.169.254 (link-local: the cloud metadata service) refused in three IPv6 spellings; never fetched. */
const METADATA_SPELLINGS = ['[::ffff:169.254.169.254]', '[::a9fe:a9fe]', '[64:ff9b::a9fe:a9fe]'] // refused by name, never connected to
/** How each is written once a URL parser has read it. */
const PARSED: Record<string, string> = {
  '[::ffff:169.254.169.254]': '[::ffff:a9fe:a9fe]', // refused by name, never connected to
  '[::a9fe:a9fe]': '[::a9fe:a9fe]', // refused by name, never connected to
  '[64:ff9b::a9fe:a9fe]': '[64:ff9b::a9fe:a9fe]' // refused by name, never connected to
}

const serve = useServers()

interface Spied extends RunResult {
  connects: string[]
  blocked: string[]
}

async function run(inputs: Record<string, string>): Promise<Spied> {
  const log = join(tempDir('seedance-spelling-'), 'network.log')
  writeFileSync(log, '')
  const r = await runAction(
    { 'api-key': KEY, prompt: 'a paper boat', 'poll-interval': '20ms', 'max-retries': '0', ...inputs },
    { env: { NODE_OPTIONS: `--import=${SPY}`, SPY_NETWORK_LOG: log } }
  )
  const entries = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { connect?: string; port?: number; blocked?: string })
  return {
    ...r,
    connects: entries.flatMap((e) => (e.connect ? [`${e.connect}:${e.port}`] : [])),
    blocked: entries.flatMap((e) => (e.blocked ? [e.blocked] : []))
  }
}

/** Only the stand-in API on loopback was ever connected to. */
function expectOnlyLoopback(r: Spied, origin: string): void {
  expect(r.blocked).toEqual([])
  for (const c of r.connects) expect(`http://${c}`).toBe(origin)
}

/** A stand-in API whose succeeded task names `links`; `/r` redirects to `redirect`. */
async function api(links: { video?: string; frame?: string; redirect?: string }): Promise<string> {
  let origin = ''
  ;({ origin } = await serve((req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    const url = req.url ?? ''
    const json = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (req.method === 'POST' && url === '/v1/videos') return json({ id: ID, status: 'queued' })
    if (url.startsWith('/v1/videos/')) {
      const video = links.video ?? (links.redirect ? `${origin}/r` : `${origin}/v.mp4?sig=1`)
      return json({ id: ID, status: 'succeeded', metadata: { url: video }, ...(links.frame ? { last_frame_url: links.frame } : {}) })
    }
    if (url.startsWith('/r')) return void res.writeHead(302, { location: links.redirect ?? '/' }).end()
    if (url.startsWith('/v.mp4')) return void res.writeHead(200, { 'content-type': 'video/mp4' }).end(videoBytes(ID, 4096))
    if (url.startsWith('/f.png')) return void res.writeHead(200, { 'content-type': 'image/png' }).end(lastFrameBytes(ID))
    res.writeHead(404).end()
  }))
  return origin
}

describe('169.254.169.254 written as IPv6 is refused by name before any connection', () => {
  it.each(METADATA_SPELLINGS)('as a video link: %s', async (spelling) => {
    const origin = await api({ video: `https://${spelling}/latest/meta-data/iam/security-credentials/` })
    const r = await run({ 'base-url': origin, 'output-path': 'clip.mp4' })
    expect(r.code).toBe(1)
    expect(r.error).toContain(`The link points to ${PARSED[spelling]}, a link-local address (where cloud metadata services answer), 169.254.169.254 written as`)
    expect(r.error).toMatch(/it was not fetched/)
    expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(false)
    expectOnlyLoopback(r, origin)
  })

  it.each(METADATA_SPELLINGS)('as a redirect target: %s (the sentence names the target, not the origin the redirect came from)', async (spelling) => {
    const origin = await api({ redirect: `https://${spelling}/latest/meta-data/` })
    const r = await run({ 'base-url': origin, 'output-path': 'clip.mp4' })
    expect(r.code).toBe(1)
    expect(r.error).toContain(`The link points to ${PARSED[spelling]}, a link-local address (where cloud metadata services answer), 169.254.169.254 written as`)
    expect(r.error).not.toContain(origin)
    expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(false)
    expectOnlyLoopback(r, origin)
  })

  it.each(METADATA_SPELLINGS)('as a last-frame link: %s, and the paid-for video is kept', async (spelling) => {
    const origin = await api({ frame: `https://${spelling}/latest/meta-data/` })
    const r = await run({ 'base-url': origin, 'output-path': 'clip.mp4', 'return-last-frame': 'true' })
    expect(r.code).toBe(0)
    expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(true)
    expect(r.stdout).toContain(`The last frame was not saved: The link points to ${PARSED[spelling]}, a link-local address`)
    expectOnlyLoopback(r, origin)
  })

  it.each(METADATA_SPELLINGS)('as a user link with `remote-media-as: asset`: %s', async (spelling) => {
    const origin = await api({})
    const r = await run({ 'base-url': origin, 'asset-base-url': `${origin}/api`, 'remote-media-as': 'asset', 'reference-images': `https://${spelling}/a.png` })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/^Input `reference-images`: .* points to a link-local address .*169\.254\.169\.254 written as/)
    expect(r.connects).toEqual([])
    expect(r.blocked).toEqual([])
  })
})

describe('a private address written as IPv6, as a user link, is refused as private', () => {
  it.each([
    ['[::ffff:10.0.0.7]', 'IPv4-mapped IPv6'], // refused by name, never connected to
    ['[64:ff9b::a00:7]', 'NAT64 IPv6']
  ])('%s', async (spelling, form) => {
    const origin = await api({})
    const r = await run({ 'base-url': origin, 'asset-base-url': `${origin}/api`, 'remote-media-as': 'asset', 'reference-images': `https://${spelling}/a.png` })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(new RegExp(`points to a private network address, 10\\.0\\.0\\.7 written as ${form}`))
    expect(r.connects).toEqual([])
    expect(r.blocked).toEqual([])
  })
})

describe('the failure of a redirect names the host it went to', () => {
  it('a redirect from the API to a metadata address written as IPv6 names that address, not the API', async () => {
    const origin = await api({ redirect: 'https://[::ffff:169.254.169.254]/latest/meta-data/' }) // refused by name, never connected to
    const r = await run({ 'base-url': origin, 'output-path': 'clip.mp4' })
    expect(r.code).toBe(1)
    expect(r.error).toContain('The link points to [::ffff:a9fe:a9fe], a link-local address')
    expect(r.error).not.toContain(origin)
    expectOnlyLoopback(r, origin)
  })

  it('a redirect to a host that cannot be reached names that host', async () => {
    const closed = await serve((_req, res) => res.end())
    const gone = closed.origin
    await new Promise<void>((done) => closed.server.close(() => done()))
    const origin = await api({ redirect: `${gone}/v.mp4` })
    const r = await run({ 'base-url': origin, 'output-path': 'clip.mp4', 'max-retries': '0' })
    expect(r.code).toBe(1)
    expect(r.error).toContain(gone)
    expect(r.error).not.toContain(`${origin} `)
  })
})
