import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AssetLibrary, uploadName, type AssetFile, type AssetLibraryOptions } from '../src/media/asset-library.js'
import { Budget } from '../src/http/budget.js'
import { ApiError, InputError } from '../src/errors.js'
import { useFakeDate } from './helpers/fake-date.js'
import { until } from './helpers/until.js'
import { jpeg, makeTempDir, mp4, png, removeDir, writeFixture } from './helpers/media-fixtures.js'

// ---- a small fake Asset Library --------------------------------------------------------------

interface Upload {
  headers: IncomingMessage['headers']
  fields: Record<string, string>
  file?: { name: string; type: string; bytes: Buffer }
}

type Reply = { status?: number; body: unknown; headers?: Record<string, string> }

interface Fake {
  url: string
  uploads: Upload[]
  polls: Array<{ taskId: string | null; authorization?: string }>
  /** Answer to the n-th upload (0-based); default: a new task id. */
  onUpload?: (n: number, upload: Upload) => Reply | undefined
  /** Answer to the n-th poll of a task; default: 2 x processing, then the asset id. */
  onPoll?: (taskId: string, n: number) => Reply | undefined
  inFlight: number
  maxInFlight: number
  /**
   * When set: hold the answer to each upload until the next one has arrived (or this many have),
   * so that uploads overlap as far as the library lets them, without a timer.
   */
  overlapUploads?: number
  close: () => Promise<void>
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers })
  res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body))
}

async function startFake(): Promise<Fake> {
  const pollCounts = new Map<string, number>()
  let taskCounter = 0
  const fake: Fake = {
    url: '',
    uploads: [],
    polls: [],
    inFlight: 0,
    maxInFlight: 0,
    close: async () => {}
  }
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (req.method === 'POST' && url.pathname === '/api/v1/asset/upload') {
        fake.inFlight++
        fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight)
        const body = await readAll(req)
        // An independent multipart parser: the platform's own.
        const form = await new Response(body, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData()
        const upload: Upload = { headers: req.headers, fields: {} }
        for (const [name, value] of form.entries()) {
          if (typeof value === 'string') upload.fields[name] = value
          else if (name === 'file') upload.file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) }
        }
        const n = fake.uploads.push(upload) - 1
        const total = fake.overlapUploads
        if (total !== undefined) {
          // A library that uploads one at a time never sends the next: answer after 5 s all the same (and fail on maxInFlight).
          await until('the next upload to start', () => fake.uploads.length > n + 1 || fake.uploads.length >= total, { timeoutMs: 5000 }).catch(() => {})
        }
        fake.inFlight--
        send(res, fake.onUpload?.(n, upload) ?? { body: { code: 200, message: 'success', data: { task_id: `task-${++taskCounter}` } } })
        return
      }
      if (req.method === 'GET' && url.pathname === '/api/v1/asset/jobs/get-asset-id') {
        const taskId = url.searchParams.get('task_id')
        fake.polls.push({ taskId, authorization: req.headers.authorization })
        const n = pollCounts.get(taskId ?? '') ?? 0
        pollCounts.set(taskId ?? '', n + 1)
        const scripted = fake.onPoll?.(taskId ?? '', n)
        if (scripted) return send(res, scripted)
        if (n < 2) return send(res, { body: { code: 202, message: 'processing', data: { status: 'processing' } } })
        return send(res, { body: { code: 200, message: 'success', data: { asset_id: `asset-${taskId}` } } })
      }
      send(res, { status: 404, body: { code: 404, message: 'not found' } })
    })().catch((err: unknown) => {
      res.writeHead(500)
      res.end(String(err))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return fake
}

// ---- setup -----------------------------------------------------------------------------------

let dir: string
let fake: Fake
let logo: AssetFile
let photo: AssetFile
let clip: AssetFile

async function assetFile(name: string, data: Buffer, mime: string, label: string): Promise<AssetFile> {
  const path = await writeFixture(dir, name, data)
  return { path, mime, label, displayPath: `docs/${name}`, sha256: createHash('sha256').update(data).digest('hex') }
}

beforeAll(async () => {
  dir = await makeTempDir('asset-library-')
  logo = await assetFile('logo.png', png(640, 480), 'image/png', 'reference-images')
  photo = await assetFile('photo.jpg', jpeg(800, 600), 'image/jpeg', 'reference-images')
  clip = await assetFile('clip.mp4', mp4({ seconds: 3, fps: 30, mdatBytes: 3 * 1024 * 1024 }), 'video/mp4', 'reference-videos')
})
afterAll(async () => {
  await removeDir(dir)
})

let fakes: Fake[] = []
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()))
  fakes = []
})

async function fakeLibrary(): Promise<Fake> {
  const f = await startFake()
  fakes.push(f)
  return f
}

function library(overrides: Partial<AssetLibraryOptions> = {}): { lib: AssetLibrary; logs: string[]; sleeps: number[] } {
  const logs: string[] = []
  const sleeps: number[] = []
  const lib = new AssetLibrary({
    baseUrl: fake.url,
    apiKey: 'sk-test-123',
    userAgent: 'seedance-action/test',
    timeoutMs: 10_000,
    maxRetries: 2,
    pollIntervalMs: 1,
    log: (line) => logs.push(line),
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0,
    ...overrides
  })
  return { lib, logs, sleeps }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(Error)
  return err as Error
}

// ---- tests -----------------------------------------------------------------------------------

describe('AssetLibrary.uploadAll', () => {
  beforeEach(async () => {
    fake = await fakeLibrary()
  })

  it('uploads each distinct file once with the bare key and returns asset:// URLs', async () => {
    const { lib, logs } = library({ groupId: 'grp-7' })
    const again = { ...logo, displayPath: 'docs/copy-of-logo.png', label: 'first-frame' }
    const urls = await lib.uploadAll([logo, photo, again])

    expect(fake.uploads).toHaveLength(2)
    expect([...urls.keys()]).toEqual([logo.sha256, photo.sha256])
    expect(urls.get(logo.sha256)).toMatch(/^asset:\/\/asset-task-\d$/)
    expect(new Set(urls.values()).size).toBe(2)

    for (const upload of fake.uploads) {
      expect(upload.headers.authorization).toBe('sk-test-123')
      expect(upload.headers['user-agent']).toBe('seedance-action/test')
      expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
      expect(upload.fields).toEqual({ group_id: 'grp-7' })
    }
    const byName = new Map(fake.uploads.map((u) => [u.file?.name, u.file]))
    expect(byName.get('logo.png')?.type).toBe('image/png')
    expect(byName.get('logo.png')?.bytes.equals(await readFile(logo.path))).toBe(true)
    expect(byName.get('photo.jpg')?.type).toBe('image/jpeg')

    // polled until the id came: two "processing" answers, then the id, for each task
    expect(fake.polls).toHaveLength(6)
    expect(fake.polls.every((p) => p.authorization === 'sk-test-123')).toBe(true)

    expect(logs).toContain('docs/copy-of-logo.png (`first-frame`) has the same content as docs/logo.png: uploading it once.')
    expect(logs.some((l) => l.startsWith('Uploading docs/logo.png (`reference-images`, '))).toBe(true)
    expect(logs.some((l) => /^Uploaded docs\/logo.png; waiting for its asset id \(upload task task-\d\)\.$/.test(l))).toBe(true)
    expect(logs).toContain(`docs/logo.png is ${urls.get(logo.sha256)}`)
  })

  it('streams a larger file intact and sends no group_id when none is set', async () => {
    const { lib } = library()
    const urls = await lib.uploadAll([clip])
    expect(urls.size).toBe(1)
    const upload = fake.uploads[0] as Upload
    expect(upload.fields).toEqual({})
    expect(upload.file?.name).toBe('clip.mp4')
    expect(
      createHash('sha256')
        .update(upload.file?.bytes ?? Buffer.alloc(0))
        .digest('hex')
    ).toBe(clip.sha256)
    expect(Number(upload.headers['content-length'])).toBeGreaterThan(3 * 1024 * 1024)
  })

  it('uploads a few at a time', async () => {
    fake.overlapUploads = 5
    const files = await Promise.all([1, 2, 3, 4, 5].map((i) => assetFile(`shot-${i}.png`, png(300 + i, 300), 'image/png', 'reference-images')))
    const { lib } = library({ concurrency: 2 })
    const urls = await lib.uploadAll(files)
    expect(urls.size).toBe(5)
    expect(fake.uploads).toHaveLength(5)
    expect(fake.maxInFlight).toBeLessThanOrEqual(2)
    expect(fake.maxInFlight).toBe(2)
  })

  it('returns an empty map for no files', async () => {
    const { lib } = library()
    await expect(lib.uploadAll([])).resolves.toEqual(new Map())
    expect(fake.uploads).toHaveLength(0)
  })

  it("names the file and the server's reason when an upload is refused, without retrying", async () => {
    fake.onUpload = () => ({ body: { code: 400, message: 'file type not supported' } })
    const { lib } = library()
    const err = await failure(lib.uploadAll([logo]))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('Uploading docs/logo.png to the Asset Library failed: file type not supported (code 400).')
    expect(fake.uploads).toHaveLength(1)
  })

  it('says the key was rejected on a 401', async () => {
    fake.onUpload = () => ({ status: 401, body: { code: 401, message: 'invalid authorization' } })
    const { lib } = library()
    const err = await failure(lib.uploadAll([logo]))
    expect((err as ApiError).kind).toBe('auth')
    expect(err.message).toBe(
      'Uploading docs/logo.png to the Asset Library failed: the Asset Library rejected the API key (invalid authorization); check the secret passed as `api-key`.'
    )
  })

  it('re-sends an upload after a 429, waiting as told', async () => {
    fake.onUpload = (n) => (n === 0 ? { status: 429, body: { code: 429, message: 'too many requests' }, headers: { 'retry-after': '3' } } : undefined)
    const { lib, logs, sleeps } = library()
    const urls = await lib.uploadAll([logo])
    expect(urls.get(logo.sha256)).toMatch(/^asset:\/\//)
    expect(fake.uploads).toHaveLength(2)
    expect(sleeps[0]).toBe(3000)
    expect(
      logs.some((l) => l.startsWith('Uploading docs/logo.png: the Asset Library is rate-limiting requests (too many requests). Retrying in 3.0 s (1/2).'))
    ).toBe(true)
  })

  it('does not re-send an upload after a 5xx (it may have been stored)', async () => {
    fake.onUpload = () => ({ status: 502, body: '<html><title>502 Bad Gateway</title></html>', headers: { 'content-type': 'text/html' } })
    const { lib } = library()
    const err = await failure(lib.uploadAll([logo]))
    expect(err.message).toBe('Uploading docs/logo.png to the Asset Library failed: HTTP 502, an HTML page from a gateway.')
    expect(fake.uploads).toHaveLength(1)
  })

  it('retries transient poll failures', async () => {
    fake.onPoll = (_task, n) => (n === 0 ? { status: 503, body: { code: 503, message: 'busy' } } : undefined)
    const { lib, sleeps } = library()
    await expect(lib.uploadAll([logo])).resolves.toBeInstanceOf(Map)
    expect(fake.polls).toHaveLength(3) // 503, processing, the id
    expect(sleeps).toContain(500) // backoff with random() = 0: half of 1 s
  })

  it('a Retry-After on a "processing" answer sets the next poll, up to a minute; without one it is pollIntervalMs', async () => {
    const processing = (retryAfter?: string): Reply => ({
      body: { code: 202, message: 'processing', data: { status: 'processing' } },
      headers: retryAfter ? { 'retry-after': retryAfter } : {}
    })
    fake.onPoll = (_task, n) => (n === 0 ? processing('0.05') : n === 1 ? processing('7200') : n === 2 ? processing() : undefined)
    const { lib, sleeps } = library({ pollIntervalMs: 2000 })
    await expect(lib.uploadAll([logo])).resolves.toBeInstanceOf(Map)
    expect(fake.polls).toHaveLength(4)
    expect(sleeps).toEqual([50, 60_000, 2000])
  })

  it('fails when the library reports that processing failed', async () => {
    fake.onPoll = (_task, n) => (n === 1 ? { body: { code: 500, message: 'asset processing failed', data: { status: 'failed' } } } : undefined)
    const { lib } = library()
    const err = await failure(lib.uploadAll([logo]))
    expect(err.message).toBe('Uploading docs/logo.png to the Asset Library failed: asset processing failed (code 500).')
    expect(fake.polls).toHaveLength(2)
  })

  it('fails on an unknown upload task', async () => {
    fake.onPoll = () => ({ status: 404, body: { code: 404, message: 'task not found' } })
    const { lib } = library()
    expect((await failure(lib.uploadAll([logo]))).message).toBe('Uploading docs/logo.png to the Asset Library failed: task not found (code 404).')
  })

  it('gives up waiting for an asset id after jobTimeoutMs', async () => {
    fake.onPoll = () => ({ body: { code: 202, message: 'processing', data: { status: 'processing' } } })
    useFakeDate() // each wait of the library moves the clock it reads its deadline from
    const { lib } = library({ pollIntervalMs: 10, jobTimeoutMs: 100, sleep: async (ms) => void jest.advanceTimersByTime(ms) })
    const err = await failure(lib.uploadAll([logo])).finally(() => jest.useRealTimers())
    expect(err.message).toMatch(
      /^Uploading docs\/logo.png to the Asset Library failed: no asset id after 0.1 s \(upload task task-1, last answer: processing\)\.$/
    )
  })

  it('stops the other uploads when one fails', async () => {
    fake.onUpload = (_n, upload) => (upload.file?.name === 'photo.jpg' ? { body: { code: 400, message: 'bad image' } } : undefined)
    fake.onPoll = () => ({ body: { code: 202, data: { status: 'processing' } } })
    const { lib } = library({ pollIntervalMs: 5, sleep: undefined })
    const err = await failure(lib.uploadAll([logo, photo]))
    expect(err.message).toBe('Uploading docs/photo.jpg to the Asset Library failed: bad image (code 400).')
  })

  it('never follows a redirect with the key', async () => {
    const other = await fakeLibrary()
    fake.onUpload = () => ({ status: 307, body: '', headers: { location: `${other.url}/v1/asset/upload` } })
    const { lib } = library()
    const err = await failure(lib.uploadAll([logo]))
    expect(err.message).toContain('answered HTTP 307, a redirect to')
    expect(other.uploads).toHaveLength(0)
  })

  it('retries a refused connection, then names it', async () => {
    const closed = await fakeLibrary()
    const url = closed.url
    await closed.close()
    fakes = fakes.filter((f) => f !== closed)
    const { lib, sleeps } = library({ baseUrl: url, maxRetries: 2 })
    const err = await failure(lib.uploadAll([logo]))
    expect(err.message).toMatch(
      /^Uploading docs\/logo.png to the Asset Library failed: could not connect to http:\/\/127.0.0.1:\d+ \(ECONNREFUSED\); nothing was sent; gave up after 2 retries \(`max-retries`\)\.$/
    )
    expect(sleeps).toHaveLength(2)
  })

  it('stops when the job is cancelled', async () => {
    fake.onPoll = () => ({ body: { code: 202, data: { status: 'processing' } } })
    const controller = new AbortController()
    const { lib } = library({ budget: new Budget(controller.signal), sleep: undefined, pollIntervalMs: 20 })
    const done = lib.uploadAll([logo])
    await until('the library to poll the upload task', () => fake.polls.length > 0)
    controller.abort(new Error('cancelled'))
    expect((await failure(done)).message).toBe('cancelled')
  })
})

describe('AssetLibrary configuration', () => {
  it('refuses plain http:// to a host other than loopback', () => {
    expect(
      () => new AssetLibrary({ baseUrl: 'http://powertokens.ai/api', apiKey: 'k', userAgent: 'u', timeoutMs: 1000, maxRetries: 0, log: () => {} })
    ).toThrow(InputError)
  })

  it('uses https://powertokens.ai/api as given, without a trailing slash', () => {
    const lib = new AssetLibrary({ baseUrl: 'https://powertokens.ai/api/', apiKey: 'k', userAgent: 'u', timeoutMs: 1000, maxRetries: 0, log: () => {} })
    expect(lib.origin).toBe('https://powertokens.ai')
  })
})

describe('uploadName', () => {
  it('keeps a name whose extension matches the content', () => {
    expect(uploadName({ displayPath: 'docs/logo.png', path: '/ws/docs/logo.png', mime: 'image/png' })).toBe('logo.png')
    expect(uploadName({ displayPath: 'a/Photo.JPEG', path: '/ws/a/Photo.JPEG', mime: 'image/jpeg' })).toBe('Photo.JPEG')
  })

  it('fixes or adds the extension to match the content', () => {
    expect(uploadName({ displayPath: 'docs/logo.jpg', path: '/ws/docs/logo.jpg', mime: 'image/png' })).toBe('logo.png')
    expect(uploadName({ displayPath: 'clip', path: '/ws/clip', mime: 'video/mp4' })).toBe('clip.mp4')
    expect(uploadName({ displayPath: 'voice.audio', path: '/ws/voice.audio', mime: 'audio/mpeg' })).toBe('voice.mp3')
  })

  it('sends a filename with quotes in it safely', async () => {
    fake = await fakeLibrary()
    const odd = await assetFile('say "hi".png', png(400, 400), 'image/png', 'first-frame')
    await library().lib.uploadAll([odd])
    // sent as `say %22hi%22.png`, as browsers do; the platform's parser decodes it
    expect(fake.uploads[0]?.file?.name).toBe('say "hi".png')
  })
})
