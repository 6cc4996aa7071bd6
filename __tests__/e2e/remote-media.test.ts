/**
 * Media given by URL against an API that, as PowerTokens' Seedance 2.0 guide says, takes media only
 * from its Asset Library (issue 22): the emulator refuses every non-asset media link with a 400.
 * dist/index.js through the runner contract; the media links are served by a small real server on
 * 127.0.0.1 that counts what it is asked for.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { lastFrameBytes, type Emulator } from '../../emulator/server.mjs'
import { mp4, png } from '../helpers/media-fixtures.js'
import { runAction, useEmulator, type RunResult } from './harness.js'

const KEY = 'sk-remote-media-0123456789'
const emulator = useEmulator({ clockScale: 0.01, assetOnly: true })
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

const SHOT = png(640, 360)
const CLIP = mp4({ seconds: 3, fps: 30 })
const LONG_CLIP = mp4({ seconds: 8, fps: 30 })
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** The media host: paths -> behaviour; `hits` counts GETs per path. */
const hits = new Map<string, number>()
let media: http.Server
let host = ''
beforeAll(async () => {
  media = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!
    hits.set(path, (hits.get(path) ?? 0) + 1)
    res.on('error', () => undefined)
    if (path === '/shot.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(SHOT)
    if (path === '/clip.mp4') return res.writeHead(200, { 'content-type': 'video/mp4' }).end(CLIP)
    if (path === '/clip8.mp4') return res.writeHead(200, { 'content-type': 'video/mp4' }).end(LONG_CLIP)
    if (path === '/page.png') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><title>Login</title></html>')
    // Announces 100 MB and sends nothing: refused on the announcement.
    if (path === '/huge.png') return res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(100 * 1024 * 1024) }).flushHeaders()
    // No length, and PNG-looking bytes without end: stopped at the image cap.
    if (path === '/endless.png') {
      res.writeHead(200, { 'content-type': 'image/png' })
      const chunk = Buffer.concat([SHOT, Buffer.alloc(1024 * 1024)])
      const more = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more)
      }
      return more()
    }
    if (path === '/stall.png') return // never answered
    if (path === '/to-private.png') return res.writeHead(302, { location: 'https://10.1.2.3/a.png' }).end()
    if (path === '/loop.png') return res.writeHead(302, { location: '/loop.png' }).end()
    res.writeHead(404).end()
  })
  await new Promise<void>((done) => media.listen(0, '127.0.0.1', done))
  host = `http://127.0.0.1:${(media.address() as AddressInfo).port}`
})
afterAll(async () => {
  media.closeAllConnections()
  await new Promise<void>((done) => media.close(() => done()))
})
beforeEach(() => hits.clear())

const run = (inputs: Record<string, string>) =>
  runAction({ 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': `${emu.url}/api`, 'poll-interval': '100ms', ...inputs })
const posts = () => emu.requests.filter((q) => q.method === 'POST' && q.path === '/v1/videos')
type Result = Record<string, string | boolean>
const results = (r: RunResult): Record<string, Result> => Object.fromEntries((JSON.parse(r.outputs.results!) as Result[]).map((e) => [e.name as string, e]))

describe('an API that takes media only from its Asset Library', () => {
  it('the default (`url`) run fails with the hint: set `remote-media-as: asset`; nothing was created', async () => {
    const r = await run({ prompt: 'A paper boat', 'reference-images': `${host}/shot.png` })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/PowerTokens rejected the request.*carried a media URL.*Asset Library: set `remote-media-as: asset`/)
    expect(r.error).toMatch(/Nothing was created/)
    expect(r.error!.split('\n')).toHaveLength(1)
    expect(emu.tasks.size).toBe(0)
    expect(hits.get('/shot.png')).toBeUndefined() // `url` sends links as given
  })

  it('`remote-media-as: asset` succeeds: a link two batch entries name is fetched once and uploaded once', async () => {
    const batch = `
- name: one
  prompt: A paper boat on a desk
  reference-images: ["${host}/shot.png"]
- name: two
  prompt: The same boat at sea
  reference-images: ["${host}/shot.png"]
  reference-videos: ["${host}/clip.mp4"]
`
    const r = await run({ batch, 'remote-media-as': 'asset', 'max-concurrency': '2' })
    expect(r.error).toBeUndefined()
    expect(Object.values(results(r)).map((e) => e.status)).toEqual(['succeeded', 'succeeded'])
    expect(hits.get('/shot.png')).toBe(1)
    expect(hits.get('/clip.mp4')).toBe(1)
    expect(emu.uploads.map((u) => u.sha256).sort()).toEqual([sha(SHOT), sha(CLIP)].sort())
    expect(JSON.parse(r.outputs.assets!)).toMatchObject({ [`${host}/shot.png`]: expect.stringMatching(/^asset:\/\//) })
    const shotAsset = `asset://${emu.uploads.find((u) => u.sha256 === sha(SHOT))!.assetId}`
    for (const p of posts()) {
      const items = (p.json as { media: Array<{ type: string; url?: string }> }).media.filter((m) => m.type !== 'text')
      expect(items.every((m) => m.url!.startsWith('asset://'))).toBe(true)
      expect(items.find((m) => m.type === 'reference_image')!.url).toBe(shotAsset)
    }
  })

  it('a chain with `asset` sends its first frame as asset://, uploaded from the last frame, never its CDN link', async () => {
    const batch = `
- name: fold
  prompt: A paper boat is folded
- name: sail
  first-frame: { after: fold }
  prompt: The boat sails away
`
    const r = await run({ batch, 'remote-media-as': 'asset' })
    expect(r.error).toBeUndefined()
    const res = results(r)
    const foldId = String(res.fold!['task-id'])
    const sail = emu.tasks.get(String(res.sail!['task-id']))!
    const first = sail.request.media.find((m) => m.type === 'first_frame')!.url!
    expect(first).toMatch(/^asset:\/\/asset-/)
    expect(first).not.toContain(emu.cdnUrl)
    const frameUpload = emu.uploads.find((u) => `asset://${u.assetId}` === first)!
    expect(frameUpload.sha256).toBe(sha(lastFrameBytes(foldId)))
  })

  it('a dry run says which links it would fetch and upload, and sends nothing', async () => {
    const r = await runAction({ 'dry-run': 'true', prompt: 'x', 'reference-images': `${host}/shot.png`, 'remote-media-as': 'asset' })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`would upload ${host}/shot.png (\`reference-images\`) to the Asset Library`)
    expect(r.stdout).toContain('asset://<upload of')
    expect(hits.size).toBe(0)
    expect(emu.requests).toHaveLength(0)
  })
})

describe('bad or hostile remote media: one sentence before any video task is paid for', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['too big (announced)', { 'reference-images': '/huge.png' }, /Input `reference-images`: .*\/huge\.png is 100 MB: images must be smaller than 30 MB/],
    [
      'too big (endless)',
      { 'reference-images': '/endless.png' },
      /Input `reference-images`: .*\/endless\.png sent more than 30 MB, so the fetch was stopped: images must be smaller than 30 MB/
    ],
    ['the wrong type', { 'reference-images': '/page.png' }, /Input `reference-images` file .*\/page\.png is a text file, not an image/],
    [
      'an image given as a video',
      { 'reference-videos': '/shot.png', 'reference-images': '/shot.png' },
      /Input `reference-videos` file .*\/shot\.png is .*PNG.*not/i
    ],
    ['a stalled server', { 'reference-images': '/stall.png' }, /Input `reference-images`: .*\/stall\.png could not be fetched: no data from .* for 1 s/],
    [
      'reference clips over 15 s in all',
      { 'reference-videos': '/clip8.mp4?take=1\n/clip8.mp4?take=2' },
      /Input `reference-videos`: the reference videos add up to 16 s .*at most 15 s in all/
    ],
    [
      'a redirect to a private host',
      { 'reference-images': '/to-private.png' },
      /\/to-private\.png could not be fetched: the link points to 10\.1\.2\.3, a private network address/
    ],
    ['endless redirects', { 'reference-images': '/loop.png' }, /\/loop\.png could not be fetched: .*redirected more than 5 times/],
    ['a missing file', { 'reference-images': '/nope.png' }, /\/nope\.png could not be fetched: the server answered HTTP 404/]
  ]
  it.each(cases)('%s', async (_name, inputs, message) => {
    const withHost = Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [
        k,
        v
          .split('\n')
          .map((line) => `${host}${line}`)
          .join('\n')
      ])
    )
    const r = await run({ prompt: 'x', 'remote-media-as': 'asset', 'request-timeout': '1s', 'max-retries': '0', ...withHost })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(message)
    expect(r.error!.split('\n')).toHaveLength(1)
    expect(posts()).toHaveLength(0)
    expect(emu.uploads).toHaveLength(0)
  })

  it('a stalled server stops at `timeout`, before a task was created', async () => {
    const r = await run({ prompt: 'x', 'remote-media-as': 'asset', 'reference-images': `${host}/stall.png`, timeout: '2s', 'request-timeout': '60s' })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/^Stopped after 2 s \(`timeout`\) before a task was created/)
    expect(posts()).toHaveLength(0)
  })

  it('a cancel stops a fetch at once, before a task was created', async () => {
    const r = await runAction(
      { 'api-key': KEY, 'base-url': emu.url, prompt: 'x', 'remote-media-as': 'asset', 'reference-images': `${host}/stall.png`, 'request-timeout': '60s' },
      { signal: { after: 'Fetching', name: 'SIGTERM' } }
    )
    expect(r.code).toBe(1)
    expect(r.error).toBe('Cancelled before a task was created.')
    expect(posts()).toHaveLength(0)
  })

  it.each([
    ['a private network address', 'https://10.1.2.3/a.png', /Input `reference-images`: https:\/\/10\.1\.2\.3\/a\.png points to a private network address/],
    ['a cloud metadata address', 'https://169.254.169.254/latest/meta-data/a.png', /points to a link-local address/],
    ['plain http to another host', 'http://example.com/a.png', /is not an https:\/\/ link/],
    ['a host no DNS can hold', `https://${'a'.repeat(300)}.com/a.png`, /a host name of 304 characters/]
  ])('%s is never fetched', async (_name, url, message) => {
    const r = await run({ prompt: 'x', 'remote-media-as': 'asset', 'reference-images': url })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(message)
    expect(r.error!.length).toBeLessThan(400)
    expect(emu.requests).toHaveLength(0)
  })
})
