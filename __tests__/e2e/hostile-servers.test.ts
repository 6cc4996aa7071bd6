/**
 * Servers that answer badly on purpose (hardening issue, items 9-16): the step must end in one
 * clean sentence, within `timeout`, leaking nothing. Each test runs dist/ through the runner
 * contract against a small real server on 127.0.0.1 built for that one misbehaviour.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { lastFrameBytes, videoBytes } from '../../emulator/server.mjs'
import { png } from '../helpers/media-fixtures.js'
import { runAction, tempDir, useServers, type RunResult } from './harness.js'

const KEY = 'sk-hostile-0123456789abcdef'
const ID = 'cgt-20261125-0123456789ab'

interface Hostile {
  origin: string
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[]
  posts(): number
}

const serve = useServers()

type Handler = (req: IncomingMessage, res: ServerResponse, origin: string) => void

/** A server with the usual routes, any of which a test replaces. */
async function hostile(routes: {
  submit?: Handler
  poll?: Handler
  video?: Handler
  frame?: Handler
  upload?: Handler
  assetPoll?: Handler
}): Promise<Hostile> {
  const requests: Hostile['requests'] = []
  const task = (origin: string, extra: Record<string, unknown> = {}) => ({
    id: ID,
    status: 'succeeded',
    metadata: { url: `${origin}/v.mp4?sig=s3cr3t` },
    ...extra
  })
  let origin = ''
  ;({ origin } = await serve((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    req.on('error', () => undefined)
    res.on('error', () => undefined)
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    const url = req.url ?? ''
    if (req.method === 'POST' && url === '/v1/videos') return (routes.submit ?? (() => json(200, { id: ID, status: 'queued' })))(req, res, origin)
    if (req.method === 'GET' && url.startsWith('/v1/videos/')) return (routes.poll ?? (() => json(200, task(origin))))(req, res, origin)
    if (url.startsWith('/v.mp4')) {
      return (routes.video ?? (() => res.writeHead(200, { 'content-type': 'video/mp4' }).end(videoBytes(ID, 4096))))(req, res, origin)
    }
    if (url.startsWith('/f.png')) return (routes.frame ?? (() => res.writeHead(200, { 'content-type': 'image/png' }).end(lastFrameBytes(ID))))(req, res, origin)
    if (url.startsWith('/api/v1/asset/upload')) {
      req.resume()
      return (routes.upload ?? (() => json(200, { code: 200, data: { task_id: 'up-1' } })))(req, res, origin)
    }
    if (url.startsWith('/api/v1/asset/jobs/')) return (routes.assetPoll ?? (() => json(200, { code: 200, data: { asset_id: 'asset-1' } })))(req, res, origin)
    json(404, { error: { message: 'no route' } })
  }))
  return { origin, requests, posts: () => requests.filter((r) => r.method === 'POST' && r.url === '/v1/videos').length }
}

function run(h: Hostile, inputs: Record<string, string>, options: Parameters<typeof runAction>[1] = {}): Promise<RunResult> {
  return runAction({ 'api-key': KEY, 'base-url': h.origin, prompt: 'A paper boat', 'poll-interval': '20ms', ...inputs }, options)
}

/** One clean line: no stack, no raw server text, no key. */
function expectClean(r: RunResult): void {
  expect(r.code).not.toBe(0)
  expect(r.error).toBeDefined()
  expect(r.error).not.toMatch(/\n|\s+at \S+ \(/)
  expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m)
  // The runner consumes `::add-mask::` (it is how the key gets masked); nothing else may hold the key.
  const shown = r.stdout.replace(`::add-mask::${KEY}\n`, '')
  expect(`${shown}${r.stderr}${r.summary}${JSON.stringify(r.outputs)}`).not.toContain(KEY.slice(3))
}

/** Workflow commands a server tried to inject must not appear at the start of any line. */
function expectNoInjection(r: RunResult): void {
  expect(r.stdout).not.toMatch(/^::(warning|set-output|add-mask|error)[^:]*::(pwned|x)/m)
  expect(r.stdout).not.toMatch(/^::set-output/m)
}

describe('timeout is a deadline for the whole step', () => {
  it('a video host that drips a byte a second cannot hold the step past timeout', async () => {
    const h = await hostile({
      video: (_req, res) => {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '4096' })
        const body = videoBytes(ID, 4096)
        let i = 0
        const timer = setInterval(() => (i < body.length ? res.write(body.subarray(i, ++i)) : clearInterval(timer)), 1000)
        res.on('close', () => clearInterval(timer))
      }
    })
    const started = Date.now()
    const r = await run(h, { 'output-path': 'clip.mp4', timeout: '3s', 'request-timeout': '10s' })
    expect(Date.now() - started).toBeLessThan(15_000)
    expectClean(r)
    expect(r.error).toMatch(/Stopped after 3 s \(`timeout`\) while saving the video of task/)
    expect(r.error).toContain(`task-id: ${ID}`)
    expect(readdirSync(r.workspace)).toEqual([])
  })

  it('an endless video body is stopped by timeout and leaves no file', async () => {
    const h = await hostile({
      video: (_req, res) => {
        res.writeHead(200, { 'content-type': 'video/mp4' })
        const chunk = Buffer.concat([videoBytes(ID, 4096), Buffer.alloc(1024 * 1024 - 4096)])
        const pump = (): void => {
          while (res.write(chunk)) if (res.destroyed) return
          res.once('drain', pump)
        }
        pump()
      }
    })
    const r = await run(h, { 'output-path': 'clip.mp4', timeout: '3s' })
    expectClean(r)
    expect(r.error).toMatch(/Stopped after 3 s \(`timeout`\)/)
    expect(readdirSync(r.workspace)).toEqual([])
  })

  it('a resume answered with a range that does not fit is a failed attempt, not a loop', async () => {
    let n = 0
    const body = videoBytes(ID, 8192)
    const h = await hostile({
      video: (req, res) => {
        n++
        if (!req.headers.range) {
          res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(body.length) })
          res.write(body.subarray(0, 4096))
          setTimeout(() => res.destroy(), 50)
          return
        }
        res.writeHead(206, { 'content-type': 'video/mp4', 'content-range': `bytes 10-8191/${body.length}` }).end(body.subarray(10))
      }
    })
    const r = await run(h, { 'output-path': 'clip.mp4', 'max-retries': '2', timeout: '60s' })
    expectClean(r)
    expect(r.error).toMatch(/range that does not fit/)
    expect(n).toBeLessThan(10)
  })

  it('an Asset Library that answers "processing" forever is stopped by timeout', async () => {
    const h = await hostile({
      assetPoll: (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":202,"message":"processing","data":{"status":"processing"}}')
    })
    const workspace = tempDir('seedance-ws-')
    writeFileSync(join(workspace, 'frame.png'), png(640, 480))
    const r = await run(h, { 'first-frame': 'frame.png', 'asset-base-url': `${h.origin}/api`, timeout: '3s' }, { workspace })
    expectClean(r)
    expect(r.error).toMatch(/(Stopped after 3 s \(`timeout`\)|no asset id after)/)
    expect(h.posts()).toBe(0)
  })
})

describe('Retry-After', () => {
  it('a 429 asking for a day fails at once, saying so, with nothing created', async () => {
    const h = await hostile({
      submit: (_req, res) => res.writeHead(429, { 'retry-after': '86400', 'content-type': 'application/json' }).end('{"error":{"message":"slow down"}}')
    })
    const started = Date.now()
    const r = await run(h, { timeout: '10m' })
    expect(Date.now() - started).toBeLessThan(10_000)
    expectClean(r)
    expect(r.error).toMatch(/the server asked to wait 24 h, longer than `timeout` leaves/)
    expect(h.posts()).toBe(1)
  })

  it('SIGINT during a long Retry-After wait stops the step within a second or two', async () => {
    const h = await hostile({ submit: (_req, res) => res.writeHead(429, { 'retry-after': '120', 'content-type': 'application/json' }).end('{}') })
    const r = await run(h, { timeout: '60m' }, { signal: { after: 'Retrying in', name: 'SIGINT' } })
    expectClean(r)
    expect(r.exitAfterSignalMs).toBeLessThan(5000)
    expect(r.error).toMatch(/Cancelled before a task was created/)
  })
})

describe('answers that are not what they claim', () => {
  it('an endless answer to the submit is cut at 1 MB: one POST, an unknown outcome', async () => {
    const h = await hostile({
      submit: (req, res) => {
        req.resume()
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"id":"')
        const chunk = Buffer.alloc(64 * 1024, 0x61)
        const pump = (): void => {
          while (res.write(chunk)) if (res.destroyed) return
          res.once('drain', pump)
        }
        pump()
      }
    })
    const r = await run(h, {})
    expectClean(r)
    expect(r.error).toMatch(/The submit's outcome is unknown \(the answer from http:\/\/127\.0\.0\.1:\d+ was larger than 1048576 bytes/)
    expect(h.posts()).toBe(1)
  })

  it.each([
    ['a list', '[1,2]'],
    ['null', 'null'],
    ['a string', '"queued"']
  ])('a submit answered with %s gets one sentence', async (what, body) => {
    const h = await hostile({ submit: (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body) })
    const r = await run(h, {})
    expectClean(r)
    expect(r.error).toContain(`PowerTokens answered HTTP 200 with ${what}, not a task object`)
    expect(r.error).not.toMatch(/invalid_type|expected/)
    expect(h.posts()).toBe(1)
  })

  it('a compressed answer nobody asked for is read, not printed as bytes', async () => {
    const h = await hostile({
      submit: (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ id: ID, status: 'queued' })))
    })
    const r = await run(h, {})
    expect(r.code).toBe(0)
    expect(r.outputs['task-id']).toBe(ID)
  })
})

describe('server text never reaches the log raw', () => {
  it('a task id carrying workflow commands is refused, and injects nothing', async () => {
    const h = await hostile({
      submit: (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `x\n::warning::pwned\n::set-output name=x::y`, status: 'queued' }))
    })
    const r = await run(h, {})
    expectClean(r)
    expectNoInjection(r)
    expect(r.error).toMatch(/names a task id that is not a plain token/)
  })

  it('a status carrying workflow commands is shown on one line', async () => {
    const h = await hostile({
      poll: (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: ID, status: 'weird\n::warning::pwned\n::set-output name=x::y' }))
    })
    const r = await run(h, { wait: 'true', timeout: '3s' })
    expectNoInjection(r)
    expect(r.stdout).toMatch(/^Task \S+: unknown \("weird ::warning::pwned ::set-output/m)
  })

  it('a 2 MB task id, a 2 MB task object and a 100 kB video link do not become outputs', async () => {
    const huge = `cgt-${'a'.repeat(2 * 1024 * 1024)}`
    const h1 = await hostile({
      submit: (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: huge, status: 'queued' }))
    })
    const r1 = await run(h1, {})
    expectClean(r1)
    expect(r1.outputs['task-id']).toBeUndefined()
    expect(r1.error!.length).toBeLessThan(2000)

    const h2 = await hostile({
      poll: (_req, res, origin) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: ID, status: 'succeeded', metadata: { url: `${origin}/v.mp4?${'b'.repeat(2 * 1024 * 1024)}` } }))
    })
    const r2 = await run(h2, { wait: 'true', 'max-retries': '1' })
    expectClean(r2)
    expect(r2.error).toMatch(/larger than 1048576 bytes/)
    expect(r2.outputs['video-url']).toBeUndefined()

    const h3 = await hostile({
      poll: (_req, res, origin) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: ID, status: 'succeeded', metadata: { url: `${origin}/v.mp4?${'b'.repeat(100 * 1024)}` } }))
    })
    const r3 = await run(h3, { wait: 'true' })
    expect(r3.code).toBe(0)
    expect(r3.outputs['video-url']).toBe(`${h3.origin}/v1/videos/${ID}/content`)
    expect(r3.stdout).toMatch(/link is \d+ characters long, more than a link can be; it is not used/)
  })

  it('an error body and a task that quote the key leak it nowhere', async () => {
    const h = await hostile({
      submit: (req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: ID, status: 'queued', echo: req.headers.authorization })),
      poll: (req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: ID, status: 'failed', error: { message: `denied for ${req.headers.authorization} and ${KEY}`, code: 'x' } }))
    })
    const r = await run(h, { wait: 'true' }, { env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } })
    expectClean(r)
    expect(r.error).toMatch(/failed: denied for/)
  })
})

describe('links to private addresses', () => {
  it('a video link to a cloud metadata address is never fetched', async () => {
    const h = await hostile({
      poll: (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: ID, status: 'succeeded', metadata: { url: 'https://169.254.169.254/latest/meta-data/iam/security-credentials/' } })) // refused, never fetched
    })
    const r = await run(h, { 'output-path': 'clip.mp4' })
    expectClean(r)
    expect(r.error).toMatch(/The link points to 169\.254\.169\.254, a link-local address .*: it was not fetched/)
    expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(false)
  })

  it('a last frame on a metadata host is refused and the paid-for video is kept', async () => {
    const h = await hostile({
      poll: (_req, res, origin) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: ID,
            status: 'succeeded',
            metadata: { url: `${origin}/v.mp4?sig=1` },
            last_frame_url: 'https://metadata.google.internal/computeMetadata/v1/'
          })
        )
    })
    const r = await run(h, { 'output-path': 'clip.mp4', 'return-last-frame': 'true' })
    expect(r.code).toBe(0)
    expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(true)
    expect(r.stdout).toMatch(/The last frame was not saved: The link points to metadata\.google\.internal/)
  })

  it('a javascript: link never becomes a link in the summary', async () => {
    const h = await hostile({
      poll: (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: ID, status: 'succeeded', video_url: 'javascript:alert(1)', last_frame_url: 'javascript:alert(2)' }))
    })
    const r = await run(h, { wait: 'true' })
    expect(r.summary).not.toMatch(/\]\(javascript:|src="javascript:/)
    expect(r.outputs['video-url']).toBe(`${h.origin}/v1/videos/${ID}/content`)
  })
})

/**
 * Lines a server could have turned into workflow commands, in the log and the outputs: any line
 * that starts (after white space) with `::` and is not one of the step's own commands, and any
 * `##[` anywhere (the runner's old command form, read in the middle of a line too).
 */
function injected(r: RunResult): string[] {
  const own = /^::(error|warning|notice|debug)::/
  const lines = (text: string): string[] => text.split(/\r\n|[\n\r\u2028\u2029]/)
  const log = lines(r.stdout).filter((line) => line.includes('##[') || (/^\s*::/.test(line) && !own.test(line) && line !== `::add-mask::${KEY}`))
  const outputs = Object.values(r.outputs)
    .flatMap(lines)
    .filter((line) => line.includes('##[') || /^\s*::/.test(line))
  return [...log, ...outputs]
}

/** No run of 8 characters of the key anywhere the user can see (the runner consumes the `::add-mask::` line). */
function expectNoPartOfKey(r: RunResult): void {
  const shown = `${r.stdout.replace(`::add-mask::${KEY}\n`, '')}${r.stderr}${r.summary}${JSON.stringify(r.outputs)}`
  const parts = Array.from({ length: KEY.length - 7 }, (_, i) => KEY.slice(i, i + 8))
  expect(parts.filter((part) => shown.includes(part))).toEqual([])
}

function framed(): string {
  const workspace = tempDir('seedance-ws-')
  writeFileSync(join(workspace, 'frame.png'), png(640, 480))
  return workspace
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body))
}

/** A redirect whose body drips a byte every 100 ms and never ends, until its connection closes. */
function drippingRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'content-type': 'text/html', 'content-length': '1000000' })
  const timer = setInterval(() => res.write('.'), 100)
  res.on('close', () => clearInterval(timer))
}

describe('untrusted text on every path', () => {
  it('an Asset Library upload task id carrying workflow commands is refused, and injects nothing', async () => {
    const taskId = 'job1\n::warning title=INJECTED::x\n::set-output name=video-path::/etc/shadow\n::add-mask::Uploading\nend'
    const h = await hostile({ upload: (_req, res) => json(res, 200, { code: 200, data: { task_id: taskId } }) })
    const r = await run(h, { 'first-frame': 'frame.png', 'asset-base-url': `${h.origin}/api` }, { workspace: framed() })
    expectClean(r)
    expect(injected(r)).toEqual([])
    expect(r.stdout).not.toContain('::add-mask::Uploading')
    expect(r.error).toMatch(
      /^Uploading frame\.png to the Asset Library failed: the library named an upload task id that is not a plain token \("job1 ::warning title=INJECTED::x/
    )
    expect(r.outputs['video-path']).toBeUndefined()
    // The id was never used: no poll for it, and nothing submitted.
    expect(h.requests.filter((q) => q.url.startsWith('/api/v1/asset/jobs/'))).toEqual([])
    expect(h.posts()).toBe(0)
  })

  it('##[ commands in the middle of a line stay inert: a task status, and messages of the API, the Asset Library and the CDN in retry lines', async () => {
    const once = new Set<string>()
    const first = (what: string): boolean => !once.has(what) && once.add(what) !== undefined
    const status = '##[set-output name=video-path]/etc/INJECTED'
    const h = await hostile({
      assetPoll: (_req, res) =>
        first('asset')
          ? json(res, 503, { code: 503, message: 'busy ##[warning]INJECTED-ASSET' }, { 'retry-after': '0' })
          : json(res, 200, { code: 200, data: { asset_id: 'asset-1' } }),
      poll: (_req, res, origin) => {
        if (first('503')) return json(res, 503, { error: { message: 'busy ##[warning]INJECTED-503' } }, { 'retry-after': '0' })
        if (first('status')) return json(res, 200, { id: ID, status })
        json(res, 200, { id: ID, status: 'succeeded', metadata: { url: `${origin}/v.mp4?sig=s3cr3t` } })
      },
      video: (_req, res) =>
        first('video')
          ? json(res, 503, { error: { message: 'busy ##[warning]INJECTED-CDN' } }, { 'retry-after': '0' })
          : res.writeHead(200, { 'content-type': 'video/mp4' }).end(videoBytes(ID, 4096))
    })
    const r = await run(
      h,
      { 'first-frame': 'frame.png', 'asset-base-url': `${h.origin}/api`, 'output-path': 'clip.mp4', wait: 'true' },
      { workspace: framed() }
    )
    expect(r.code).toBe(0)
    expect(injected(r)).toEqual([])
    // Each was shown, made inert, not dropped.
    for (const said of ['INJECTED-ASSET', 'INJECTED-503', 'INJECTED-CDN', '/etc/INJECTED']) expect(r.stdout).toContain(said)
    expect(r.outputs['video-path']).toBe(join(r.workspace, 'clip.mp4'))
    expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(true)
    // The server's answer is still the `response` output, as JSON.
    expect(JSON.parse(r.outputs.response ?? '')).toMatchObject({ id: ID, status: 'succeeded' })
  })

  it("a redirect that drips its body forever: the video is saved, and the process exits within a second of the step's end", async () => {
    const cdn = await serve((_req, res) => res.writeHead(200, { 'content-type': 'video/mp4' }).end(videoBytes(ID, 4096)))
    const h = await hostile({
      video: (req, res, origin) => {
        const url = new URL(req.url ?? '/', origin)
        if (url.searchParams.has('here')) return void res.writeHead(200, { 'content-type': 'video/mp4' }).end(videoBytes(ID, 4096))
        // To the same host first, then (the second video) to another host.
        drippingRedirect(res, url.searchParams.get('sig') === 'same' ? '/v.mp4?here=1' : `${cdn.origin}/v.mp4?sig=other`)
      },
      poll: (req, res, origin) => {
        const id = decodeURIComponent((req.url ?? '').split('/').pop() ?? '')
        json(res, 200, { id, status: 'succeeded', metadata: { url: `${origin}/v.mp4?sig=${id.endsWith('same') ? 'same' : 'other'}` } })
      }
    })
    for (const where of ['same', 'other']) {
      const r = await runAction(
        { 'api-key': KEY, 'base-url': h.origin, 'task-id': `${ID}-${where}`, 'output-path': 'clip.mp4', 'request-timeout': '3s' },
        { killAfterMs: 20_000, exitAfter: 'Saved the video to' }
      )
      expect(r.stdout).not.toMatch(/No data from/)
      expect(r.code).toBe(0)
      expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(true)
      expect(r.killed).toBe(false)
      expect(r.exitAfterTextMs).toBeLessThan(1000)
    }
  }, 60_000)

  it('an Asset Library message that quotes the key across the 300-character cut leaks no part of it', async () => {
    const h = await hostile({
      upload: (req, res) => json(res, 200, { code: 400, message: `${'refused '.repeat(34)}for key ${String(req.headers.authorization)} (renew it)` })
    })
    const r = await run(h, { 'first-frame': 'frame.png', 'asset-base-url': `${h.origin}/api` }, { workspace: framed() })
    expectClean(r)
    expectNoPartOfKey(r)
    expect(r.error).toMatch(/^Uploading frame\.png to the Asset Library failed: refused refused/)
    expect(r.summary).toContain('refused refused')
    expect(h.posts()).toBe(0)
  })

  it("the summary shows a user's link as the log does, and a task's Markdown as text", async () => {
    const userLink = 'https://alice:pa55word@media.example.com/a.png?X-Amz-Signature=SIGSECRET123#frag'
    const markdown = '[renew it here](https://evil.example/login) ![](https://evil.example/pixel.png) <img src="https://evil.example/i.png"> www.evil.example'
    const h = await hostile({ poll: (_req, res) => json(res, 200, { id: ID, status: 'failed', error: { message: markdown, code: 'x' } }) })
    const r = await run(h, { 'first-frame': userLink, wait: 'true' })
    expect(r.code).not.toBe(0)
    // Everywhere the link is shown, it is shown as the log shows links.
    const shown = `${r.stdout}${r.summary}${JSON.stringify(r.outputs)}`
    for (const secret of ['alice', 'pa55word', 'SIGSECRET123', 'X-Amz-Signature', '#frag']) expect(shown).not.toContain(secret)
    expect(r.summary).toContain('`https://media.example.com/a.png`')
    // The message is there, as text: no link, image or HTML from it.
    expect(r.summary).toContain('renew it here')
    expect(r.summary).not.toMatch(/\]\(https?:|!\[\]\(|<img src="https:\/\/evil|<a /)
    expect(r.summary).not.toMatch(/(^|[^\\])\[renew/)
    expect(r.summary).not.toMatch(/(^|[\s(])https:\/\/evil/)
    expect(r.summary).not.toMatch(/(^|\s)www\.evil/)
  })

  it("a batch summary shows a failed entry's Markdown as text", async () => {
    const markdown = '[renew it here](https://evil.example/login) ![](https://evil.example/pixel.png)'
    const h = await hostile({ poll: (_req, res) => json(res, 200, { id: ID, status: 'failed', error: { message: markdown } }) })
    const r = await run(h, { prompt: '', batch: '- name: a\n  prompt: x\n', wait: 'true' })
    expect(r.code).not.toBe(0)
    expect(r.summary).toContain('renew it here')
    expect(r.summary).not.toMatch(/\]\(https?:|!\[\]\(/)
    expect(r.summary).not.toMatch(/(^|[\s(])https:\/\/evil/)
  })
})
