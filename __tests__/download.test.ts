import { describe, expect, it, afterEach } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { download, parseContentRange, type DownloadOptions } from '../src/http/download.js'
import { Budget } from '../src/http/budget.js'
import { isImageHeader, isMp4Header, progressLine, progressStep } from '../src/http/download-check.js'
import { displayUrl, sameOrigin, transportAllowed as redirectAllowed } from '../src/http/url-policy.js'
import { ApiError, DiskError } from '../src/errors.js'

// ---------------------------------------------------------------- helpers

const KEY = 'sk-test-0123456789abcdef'

interface Server {
  origin: string
  requests: { url: string; headers: IncomingHttpHeaders }[]
  close(): Promise<void>
}

const servers: Server[] = []
const dirs: string[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<Server> {
  const requests: Server['requests'] = []
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers })
    handler(req, res, requests.length)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const s: Server = {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  servers.push(s)
  return s
}

/** Serves `body`, honouring `Range: bytes=N-`. */
function sendRange(req: IncomingMessage, res: ServerResponse, body: Buffer, type = 'video/mp4'): void {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
  if (m) {
    const start = Number(m[1])
    res.writeHead(206, {
      'content-type': type,
      'content-length': body.length - start,
      'content-range': `bytes ${start}-${body.length - 1}/${body.length}`
    })
    res.end(body.subarray(start))
    return
  }
  res.writeHead(200, { 'content-type': type, 'content-length': body.length })
  res.end(body)
}

/** Sends the head and the first `upTo` bytes, then drops the connection. */
function sendCut(res: ServerResponse, body: Buffer, upTo: number): void {
  res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length })
  res.write(body.subarray(0, upTo), () => setTimeout(() => res.socket?.destroy(), 20))
}

function mp4(size: number): Buffer {
  const body = randomBytes(size)
  body.write('\0\0\0\x20ftypisom', 0, 'latin1')
  return body
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'download-test-'))
  dirs.push(d)
  return d
}

function options(url: string, dest: string, over: Partial<DownloadOptions> = {}): DownloadOptions & { lines: string[]; sleeps: number[] } {
  const lines: string[] = []
  const sleeps: number[] = []
  return {
    url,
    dest,
    credentials: { origin: 'https://api.powertokens.ai', headers: { authorization: `Bearer ${KEY}` } },
    allowLoopback: true, // the test servers are local
    userAgent: 'seedance-action/test',
    expect: 'mp4',
    maxRetries: 3,
    timeoutMs: 10_000,
    log: (line) => lines.push(line),
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    lines,
    sleeps,
    ...over
  }
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected the download to fail')
}

function expectClean(message: string): void {
  expect(message).not.toContain(KEY)
  expect(message).not.toContain('sig=')
  expect(message).not.toContain('?')
}

// ---------------------------------------------------------------- pure helpers

describe('helpers', () => {
  it('recognises MP4 and images by their first bytes', () => {
    expect(isMp4Header(Buffer.from('\0\0\0\x18ftypmp42', 'latin1'))).toBe(true)
    expect(isMp4Header(Buffer.from('<!DOCTYPE html>'))).toBe(false)
    expect(isMp4Header(Buffer.from('\0\0\0'))).toBe(false)
    expect(isImageHeader(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true)
    expect(isImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true)
    expect(isImageHeader(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe(true)
    expect(isImageHeader(Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1'))).toBe(false)
  })

  it('compares origins and hides query strings', () => {
    expect(sameOrigin('https://api.powertokens.ai/v1/videos/1/content', 'https://api.powertokens.ai')).toBe(true)
    expect(sameOrigin('https://cdn.powertokens.ai/v.mp4', 'https://api.powertokens.ai')).toBe(false)
    expect(sameOrigin('http://api.powertokens.ai/', 'https://api.powertokens.ai')).toBe(false)
    expect(sameOrigin('https://api.powertokens.ai:8443/', 'https://api.powertokens.ai')).toBe(false)
    expect(sameOrigin('not a url', 'https://api.powertokens.ai')).toBe(false)
    expect(displayUrl('https://u:p@cdn.example.com/a/b.mp4?X-Signature=abc#f')).toBe('https://cdn.example.com/a/b.mp4')
  })

  it('allows redirects to https, and to plain http on loopback only', () => {
    expect(redirectAllowed(new URL('https://cdn.example.com/v.mp4'))).toBe(true)
    expect(redirectAllowed(new URL('http://cdn.example.com/v.mp4'))).toBe(false)
    expect(redirectAllowed(new URL('http://127.0.0.1:8080/v.mp4'))).toBe(true)
    expect(redirectAllowed(new URL('http://localhost/v.mp4'))).toBe(true)
    expect(redirectAllowed(new URL('http://[::1]:9/v.mp4'))).toBe(true)
    expect(redirectAllowed(new URL('ftp://example.com/v.mp4'))).toBe(false)
  })

  it('formats progress by tenths, or by 10 MB when the size is unknown', () => {
    const MB = 1024 * 1024
    expect(progressLine('video', 60 * MB, 200 * MB)).toBe('Downloading video: 30% (60 of 200 MB)')
    expect(progressLine('video', 30.25 * MB)).toBe('Downloading video: 30.3 MB so far')
    expect(progressStep(59 * MB, 200 * MB)).toBe(2)
    expect(progressStep(60 * MB, 200 * MB)).toBe(3)
    expect(progressStep(25 * MB)).toBe(2)
  })

  it('parses Content-Range', () => {
    expect(parseContentRange('bytes 100-999/1000')).toEqual({ start: 100, end: 999, total: 1000 })
    expect(parseContentRange('bytes 0-9/*')).toEqual({ start: 0, end: 9, total: undefined })
    expect(parseContentRange('bytes 10-5/1000')).toBeUndefined()
    expect(parseContentRange('bytes 0-1000/1000')).toBeUndefined()
    expect(parseContentRange(undefined)).toBeUndefined()
  })
})

// ---------------------------------------------------------------- downloads

describe('download', () => {
  it('downloads a whole video into place, with progress, and leaves nothing else behind', async () => {
    const body = mp4(3 * 1024 * 1024 + 17)
    const cdn = await serve((req, res) => sendRange(req, res, body))
    const dir = tempDir()
    const dest = join(dir, 'nested', 'clip.mp4')
    const o = options(`${cdn.origin}/v.mp4?sig=abc`, dest)
    const result = await download(o)
    expect(result).toEqual({ path: dest, bytes: body.length, contentType: 'video/mp4' })
    expect(sha(readFileSync(dest))).toBe(sha(body))
    expect(readdirSync(join(dir, 'nested'))).toEqual(['clip.mp4'])
    const progress = o.lines.filter((l) => /^Downloading video: \d+% \([\d.]+ of 3 MB\)$/.test(l))
    expect(progress).toHaveLength(10) // one per tenth, whatever the chunk boundaries
    expect(progress.some((l) => /: 5\d% /.test(l))).toBe(true)
    expect(o.lines.at(-1)).toBe('Downloading video: 100% (3 of 3 MB)')
    expect(o.lines.join('\n')).not.toContain('sig=')
    expect(cdn.requests[0]?.headers['user-agent']).toBe('seedance-action/test')
  })

  it('reports a file-system error as such, once: a name too long is never retried as a dropped connection', async () => {
    const body = mp4(64 * 1024)
    const cdn = await serve((req, res) => sendRange(req, res, body))
    const dir = tempDir()
    const o = options(`${cdn.origin}/v.mp4`, join(dir, `${'v'.repeat(300)}.mp4`))
    const err = (await download(o).then(
      () => new Error('expected the download to fail'),
      (e: unknown) => e
    )) as Error
    expect(err).toBeInstanceOf(DiskError)
    expect((err as DiskError).code).toBe('ENAMETOOLONG')
    expect(err.message).toMatch(/ENAMETOOLONG/)
    expect(err.message).not.toMatch(/dropped|gave up/)
    expect(cdn.requests).toHaveLength(1)
    expect(o.sleeps).toEqual([])
    expect(readdirSync(dir)).toEqual([])
  })

  it('resumes a cut connection with Range and ends byte-identical', async () => {
    const body = mp4(2 * 1024 * 1024)
    const cdn = await serve((req, res, n) => (n === 1 ? sendCut(res, body, 1024 * 1024) : sendRange(req, res, body)))
    const dest = join(tempDir(), 'v.mp4')
    const o = options(`${cdn.origin}/v.mp4`, dest)
    await download(o)
    expect(sha(readFileSync(dest))).toBe(sha(body))
    expect(cdn.requests).toHaveLength(2)
    expect(cdn.requests[0]?.headers.range).toBeUndefined()
    const range = cdn.requests[1]?.headers.range ?? ''
    expect(range).toMatch(/^bytes=\d+-$/)
    expect(Number(/\d+/.exec(range)?.[0])).toBeGreaterThan(0)
    expect(o.sleeps).toHaveLength(1)
    expect(o.lines.some((l) => /dropped.*Resuming in/.test(l))).toBe(true)
  })

  it('starts over when the server answers a resume with 200', async () => {
    const body = mp4(1024 * 1024)
    const cdn = await serve((_req, res, n) => {
      if (n === 1) return sendCut(res, body, 300 * 1024)
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length })
      res.end(body)
    })
    const dest = join(tempDir(), 'v.mp4')
    const o = options(`${cdn.origin}/v.mp4`, dest)
    await download(o)
    expect(cdn.requests[1]?.headers.range).toMatch(/^bytes=\d+-$/)
    expect(sha(readFileSync(dest))).toBe(sha(body))
    expect(o.lines.some((l) => l.includes('cannot resume'))).toBe(true)
  })

  it('treats a stalled body as a cut and resumes', async () => {
    const body = mp4(256 * 1024)
    const cdn = await serve((req, res, n) => {
      if (n > 1) return sendRange(req, res, body)
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length })
      res.write(body.subarray(0, 1000)) // then nothing
    })
    const dest = join(tempDir(), 'v.mp4')
    const o = options(`${cdn.origin}/v.mp4`, dest, { timeoutMs: 800 })
    await download(o)
    expect(sha(readFileSync(dest))).toBe(sha(body))
    expect(o.lines.some((l) => l.startsWith(`No data from ${cdn.origin} for 0.8 s`))).toBe(true)
  })

  it('sends the key to the API origin only', async () => {
    const body = mp4(10_000)
    const cdn = await serve((req, res) => sendRange(req, res, body))
    const api = await serve((req, res) => sendRange(req, res, body))
    const dir = tempDir()
    await download(
      options(`${cdn.origin}/v.mp4?sig=1`, join(dir, 'a.mp4'), { credentials: { origin: api.origin, headers: { authorization: `Bearer ${KEY}` } } })
    )
    await download(
      options(`${api.origin}/v1/videos/t1/content`, join(dir, 'b.mp4'), { credentials: { origin: api.origin, headers: { authorization: `Bearer ${KEY}` } } })
    )
    expect(cdn.requests[0]?.headers.authorization).toBeUndefined()
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`)
  })

  it('drops the key when the API redirects to another origin', async () => {
    const body = mp4(10_000)
    const cdn = await serve((req, res) => sendRange(req, res, body))
    const api = await serve((_req, res) => {
      res.writeHead(302, { location: `${cdn.origin}/signed/v.mp4?sig=xyz` })
      res.end()
    })
    const dest = join(tempDir(), 'v.mp4')
    await download(options(`${api.origin}/v1/videos/t1/content`, dest, { credentials: { origin: api.origin, headers: { authorization: `Bearer ${KEY}` } } }))
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(cdn.requests[0]?.url).toBe('/signed/v.mp4?sig=xyz')
    expect(cdn.requests[0]?.headers.authorization).toBeUndefined()
    expect(sha(readFileSync(dest))).toBe(sha(body))
  })

  it('keeps the key dropped on a resume after a cross-origin redirect', async () => {
    const body = mp4(1024 * 1024)
    const cdn = await serve((req, res, n) => (n === 1 ? sendCut(res, body, 512 * 1024) : sendRange(req, res, body)))
    const api = await serve((_req, res) => {
      res.writeHead(307, { location: `${cdn.origin}/v.mp4` })
      res.end()
    })
    const dest = join(tempDir(), 'v.mp4')
    await download(options(`${api.origin}/v1/videos/t1/content`, dest, { credentials: { origin: api.origin, headers: { authorization: `Bearer ${KEY}` } } }))
    expect(api.requests).toHaveLength(1)
    expect(cdn.requests).toHaveLength(2)
    expect(cdn.requests.every((r) => r.headers.authorization === undefined)).toBe(true)
    expect(sha(readFileSync(dest))).toBe(sha(body))
  })

  it('refuses a redirect to plain http on a public host', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(302, { location: 'http://cdn.example.com/v.mp4?sig=1' })
      res.end()
    })
    const dir = tempDir()
    const err = await failure(
      download(
        options(`${api.origin}/v1/videos/t1/content`, join(dir, 'v.mp4'), { credentials: { origin: api.origin, headers: { authorization: `Bearer ${KEY}` } } })
      )
    )
    expect(err.message).toContain('http://cdn.example.com/v.mp4, which is not https://')
    expectClean(err.message)
    expect(readdirSync(dir)).toEqual([])
  })

  it('stops after 5 redirects', async () => {
    const api = await serve((req, res) => {
      res.writeHead(302, { location: `/hop${req.url}` })
      res.end()
    })
    const err = await failure(download(options(`${api.origin}/v`, join(tempDir(), 'v.mp4'))))
    expect(err.message).toContain('redirected more than 5 times')
    expect(api.requests).toHaveLength(6)
  })

  it('refuses an HTML page served as 200 and leaves no file', async () => {
    const page = Buffer.from('<!DOCTYPE html><html><head><title>Access denied</title></head><body>Sorry</body></html>')
    const cdn = await serve((req, res) => sendRange(req, res, page, 'text/html; charset=utf-8'))
    const dir = tempDir()
    const dest = join(dir, 'v.mp4')
    const o = options(`${cdn.origin}/v.mp4?sig=abc`, dest)
    const err = await failure(download(o))
    expect(err.message).toMatch(/is not an MP4 video \(received content-type "text\/html; charset=utf-8", \d+ KB\)/)
    // What the server sent is never quoted: it may be anything, credentials included.
    expect(err.message).not.toContain('<!DOCTYPE')
    expectClean(err.message)
    expect(existsSync(dest)).toBe(false)
    expect(readdirSync(dir)).toEqual([])
    expect(o.sleeps).toEqual([])
  })

  it('accepts an image when an image is expected, and refuses an MP4 there', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(5000)])
    const cdn = await serve((req, res) => sendRange(req, res, req.url === '/f.png' ? png : mp4(5000), 'image/png'))
    const dir = tempDir()
    const ok = await download(options(`${cdn.origin}/f.png`, join(dir, 'f.png'), { expect: 'image' }))
    expect(ok.bytes).toBe(png.length)
    const err = await failure(download(options(`${cdn.origin}/v.mp4`, join(dir, 'g.png'), { expect: 'image' })))
    expect(err.message).toContain('is not a PNG, JPEG or WebP image')
    expect(readdirSync(dir)).toEqual(['f.png'])
  })

  it('aborts at once mid-body and leaves no partial or temporary file', async () => {
    const body = mp4(4 * 1024 * 1024)
    const cdn = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length })
      res.write(body.subarray(0, 2 * 1024 * 1024)) // then hangs
    })
    const dir = tempDir()
    const dest = join(dir, 'v.mp4')
    const controller = new AbortController()
    const o = options(`${cdn.origin}/v.mp4`, dest, {
      budget: new Budget(controller.signal),
      log: (line) => {
        if (line.includes('%')) controller.abort(new Error('Cancelled (SIGTERM)'))
      }
    })
    await expect(download(o)).rejects.toThrow('Cancelled (SIGTERM)')
    expect(existsSync(dest)).toBe(false)
    expect(readdirSync(dir)).toEqual([])
  })

  it('aborts during a backoff wait', async () => {
    const cdn = await serve((_req, res) => {
      res.writeHead(503)
      res.end()
    })
    const dir = tempDir()
    const controller = new AbortController()
    const o = options(`${cdn.origin}/v.mp4`, join(dir, 'v.mp4'), {
      budget: new Budget(controller.signal),
      sleep: () => {
        controller.abort(new Error('stop'))
        return new Promise(() => undefined)
      }
    })
    await expect(download(o)).rejects.toThrow('stop')
    expect(readdirSync(dir)).toEqual([])
  })

  it('says a 404 video is gone and how to get a fresh link', async () => {
    const cdn = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/xml' })
      res.end('<Error><Code>NoSuchKey</Code></Error>')
    })
    const dir = tempDir()
    const o = options(`${cdn.origin}/v.mp4?X-Tos-Signature=secret`, join(dir, 'v.mp4'))
    const err = await failure(download(o))
    expect(err.kind).toBe('not-found')
    expect(err.message).toContain(`The video is gone (HTTP 404 from ${cdn.origin}/v.mp4: NoSuchKey)`)
    expect(err.message).toContain('`task-id`')
    expect(err.message).toContain('7 days')
    expect(err.message).not.toContain('secret')
    expectClean(err.message)
    expect(o.sleeps).toEqual([])
    expect(readdirSync(dir)).toEqual([])
  })

  it('says a 403 signed link may have expired', async () => {
    const cdn = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/xml' })
      res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')
    })
    const err = await failure(download(options(`${cdn.origin}/v.mp4?sig=abc`, join(tempDir(), 'v.mp4'))))
    expect(err.message).toContain(`(HTTP 403 from ${cdn.origin}/v.mp4: AccessDenied: Request has expired): the signed link may have expired`)
    expectClean(err.message)
  })

  it('says the task is not finished on a 400 from the API', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: 'task is not completed yet', code: 'task_not_completed' } }))
    })
    const err = await failure(
      download(
        options(`${api.origin}/v1/videos/t1/content`, join(tempDir(), 'v.mp4'), {
          credentials: { origin: api.origin, headers: { authorization: `Bearer ${KEY}` } }
        })
      )
    )
    expect(err.message).toContain(`HTTP 400 from ${api.origin}/v1/videos/t1/content: task_not_completed: task is not completed yet`)
    expect(err.message).toContain('not finished')
    expectClean(err.message)
  })

  it('fails on a body shorter than its Content-Length', async () => {
    const body = mp4(1000)
    const cdn = await serve((_req, res) => sendCut(res, body, 500))
    const dir = tempDir()
    const err = await failure(download(options(`${cdn.origin}/v.mp4`, join(dir, 'v.mp4'), { maxRetries: 0 })))
    expect(err.message).toMatch(/of 1000 bytes received/)
    expect(err.message).toContain('`max-retries` is 0')
    expect(readdirSync(dir)).toEqual([])
  })

  it('fails on a resume whose total does not match, after retrying', async () => {
    const body = mp4(1000)
    const cdn = await serve((req, res, n) => {
      if (n === 1) return sendCut(res, body, 500)
      const start = Number(/\d+/.exec(req.headers.range ?? '0')?.[0])
      res.writeHead(206, { 'content-length': 2000 - start, 'content-range': `bytes ${start}-1999/2000` })
      res.end(Buffer.alloc(2000 - start))
    })
    const dir = tempDir()
    const o = options(`${cdn.origin}/v.mp4`, join(dir, 'v.mp4'), { maxRetries: 1 })
    const err = await failure(download(o))
    expect(err.message).toContain('does not fit')
    expect(readdirSync(dir)).toEqual([])
  })

  it('counts an empty resume as a failure instead of looping', async () => {
    const body = mp4(1000)
    const cdn = await serve((_req, res, n) => {
      if (n === 1) return sendCut(res, body, 500)
      res.writeHead(206, { 'content-length': 0, 'content-range': 'bytes 500-999/1000' })
      res.end()
    })
    const dir = tempDir()
    const o = options(`${cdn.origin}/v.mp4`, join(dir, 'v.mp4'), { maxRetries: 2 })
    const err = await failure(download(o))
    expect(err.message).toContain('sent no data for the rest of the video')
    expect(cdn.requests.length).toBeLessThanOrEqual(4)
    expect(readdirSync(dir)).toEqual([])
  })

  it('retries 5xx and 429 (Retry-After wins), then gives up', async () => {
    const cdn = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '7' })
        return res.end()
      }
      res.writeHead(503, { 'content-type': 'text/html' })
      res.end('<html><title>Service Unavailable</title></html>')
    })
    const dir = tempDir()
    const o = options(`${cdn.origin}/v.mp4?sig=abc`, join(dir, 'v.mp4'), { maxRetries: 2 })
    const err = await failure(download(o))
    expect(cdn.requests).toHaveLength(3)
    expect(o.sleeps[0]).toBe(7000)
    expect(o.sleeps).toHaveLength(2)
    expect(err.kind).toBe('transient')
    expect(err.message).toContain(`(HTTP 503 from ${cdn.origin}/v.mp4, an HTML page: Service Unavailable)`)
    expect(err.message).toContain('gave up after 2 retries in a row (`max-retries`)')
    expectClean(err.message)
    expect(readdirSync(dir)).toEqual([])
  })

  it('retries a refused connection, then reports it', async () => {
    const dead = await serve(() => undefined)
    await dead.close()
    servers.splice(servers.indexOf(dead), 1)
    const dir = tempDir()
    const o = options(`${dead.origin}/v.mp4`, join(dir, 'v.mp4'), { maxRetries: 1 })
    const err = await failure(download(o))
    expect(err.message).toContain(`Could not connect to ${dead.origin} (ECONNREFUSED)`)
    expect(err.message).toContain('gave up after 1 retry in a row')
    expect(o.sleeps).toHaveLength(1)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('links to private addresses', () => {
  it('never fetches a metadata service, a link-local address or (unless the API is there) loopback', async () => {
    const metadata = await serve((_req, res) => res.end('FAKE-METADATA-SECRET AKIAEXAMPLE'))
    const dir = tempDir()
    for (const url of [
      'http://169.254.169.254/latest/meta-data/', // refused by name, never connected to
      'http://[fd00:ec2::254]/latest/',
      'https://metadata.google.internal/computeMetadata/v1/',
      `${metadata.origin}/x.mp4`
    ]) {
      const err = await failure(download(options(url, join(dir, 'v.mp4'), { allowLoopback: false, maxRetries: 2 })))
      expect(err.kind).toBe('unsafe-link')
      expect(err.message).toMatch(/it was not fetched/)
      expect(err.message).not.toContain('FAKE-METADATA-SECRET')
    }
    expect(metadata.requests).toHaveLength(0)
    expect(readdirSync(dir)).toEqual([])
  })

  it('checks the address a redirect leads to as well', async () => {
    const cdn = await serve((_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam' }).end()) // refused by name, never connected to
    const err = await failure(download(options(`${cdn.origin}/v.mp4`, join(tempDir(), 'v.mp4'))))
    expect(err.kind).toBe('unsafe-link')
  })
})
