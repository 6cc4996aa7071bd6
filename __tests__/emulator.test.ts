/**
 * The emulator's hostile modes and batch features, driven with plain node:http requests
 * (no dist/ needed). Each test checks what a client talking to the emulator would see.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { FAKE_METADATA, INJECTED, PRIVATE_URLS, startEmulator, videoSha256, type Emulator, type EmulatorOptions } from '../emulator/server.mjs'

const KEY = 'sk-emulator-test-77'
const MODEL = 'dreamina-seedance-2-0-260128'

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** The connection broke before the body was complete. */
  aborted: boolean
}

interface Req {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Stop (destroy the socket) once this many body bytes arrived. */
  stopAfter?: number
  /** Give up after this many ms (resolves with what arrived, aborted). */
  timeoutMs?: number
}

function call(url: string, { method = 'GET', headers = {}, body, stopAfter, timeoutMs = 20000 }: Req = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers })
    let timer: NodeJS.Timeout | undefined
    const settle = (reply: Reply) => {
      clearTimeout(timer)
      resolve(reply)
    }
    req.on('error', reject)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let bytes = 0
      const done = (aborted: boolean) => settle({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted })
      timer = setTimeout(() => {
        done(true)
        req.destroy()
      }, timeoutMs)
      res.on('data', (c: Buffer) => {
        bytes += c.length
        // an endless body is only kept up to 8 MiB
        if (chunks.reduce((n, x) => n + x.length, 0) < 8 * 1024 * 1024) chunks.push(c)
        if (stopAfter !== undefined && bytes >= stopAfter) {
          done(false)
          req.destroy()
        }
      })
      res.on('end', () => done(false))
      res.on('aborted', () => done(true))
      res.on('error', () => done(true))
      res.on('close', () => done(!res.complete))
    })
    req.end(body)
  })
}

/** Total body bytes of an answer, counting past what `call` keeps. */
function countBytes(url: string, stopAfter: number, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers })
    req.on('error', reject)
    req.on('response', (res) => {
      let bytes = 0
      res.on('data', (c: Buffer) => {
        bytes += c.length
        if (bytes >= stopAfter) {
          req.destroy()
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes })
        }
      })
      res.on('error', () => {})
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }))
    })
    req.end()
  })
}

/** The fields these tests read from an answer. */
interface Answer {
  id: string
  task_id: string
  status: string
  progress?: number
  metadata: { url: string }
  last_frame_url: string
  video_url: string
  request_echo?: unknown
  error: { message: string; code: string }
  data: { task_id: string }
}
const json = (r: Reply): Answer => JSON.parse(r.body.toString('utf8')) as Answer

function api(emu: Emulator, key = KEY) {
  const auth = { authorization: `Bearer ${key}` }
  return {
    submit: (prompt: string, extra: Record<string, unknown> = {}) =>
      call(`${emu.url}/v1/videos`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, media: [{ type: 'text', text: prompt }], ...extra })
      }),
    poll: (id: string) => call(`${emu.url}/v1/videos/${encodeURIComponent(id)}`, { headers: auth }),
    /** Submit, then poll until the task is finished; returns the last task object. */
    async finish(prompt: string, extra: Record<string, unknown> = {}) {
      const s = await this.submit(prompt, extra)
      expect(s.status).toBe(200)
      const id = (json(s) as { task_id: string }).task_id
      for (let i = 0; i < 50; i++) {
        const p = await this.poll(id)
        expect(p.status).toBe(200)
        const o = json(p)
        if (['succeeded', 'failed', 'expired', 'cancelled'].includes(o.status)) return o
      }
      throw new Error(`task ${id} did not finish`)
    }
  }
}

async function waitFor(what: string, test: () => boolean, ms = 15000) {
  const end = Date.now() + ms
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Run `fn` against an emulator of its own, always closed. */
async function withEmulator(options: EmulatorOptions, fn: (emu: Emulator) => Promise<void>) {
  const emu = await startEmulator(options)
  try {
    await fn(emu)
  } finally {
    await emu.close()
  }
}

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator()
})
afterAll(async () => {
  await emu?.close()
})
beforeEach(() => emu.reset())

describe('hostile CDN', () => {
  it('[emu:drip] announces the whole video and sends one byte per second; stops when the client leaves', async () => {
    const done = await api(emu).finish('x [emu:drip]')
    const r = await call(done.metadata.url, { timeoutMs: 2500 })
    expect(r.status).toBe(200)
    expect(r.headers['content-length']).toBe(String(64 * 1024))
    expect(r.aborted).toBe(true)
    expect(r.body.length).toBeGreaterThanOrEqual(1)
    expect(r.body.length).toBeLessThanOrEqual(4)
    await waitFor('the drip to stop', () => emu.openStreams() === 0)
  })

  it.each([
    ['[emu:endless-video]', undefined],
    ['[emu:endless-video=lying]', String(2 ** 40)]
  ])('%s streams video bytes without end until the client leaves', async (tag, length) => {
    const done = await api(emu).finish(`x ${tag}`)
    const r = await countBytes(done.metadata.url, 8 * 1024 * 1024)
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('video/mp4')
    expect(r.headers['content-length']).toBe(length)
    expect(r.bytes).toBeGreaterThanOrEqual(8 * 1024 * 1024)
    await waitFor('the stream to stop', () => emu.openStreams() === 0)
    const task = emu.tasks.get(done.id)!
    const sent = task.streamedBytes
    await new Promise((r) => setTimeout(r, 300))
    expect(task.streamedBytes).toBe(sent)
    // back-pressure: the server did not run far ahead of what was read
    expect(sent).toBeLessThan(64 * 1024 * 1024)
  })

  it('[emu:endless-video] is also what /content serves, and close() ends a stream nobody stops', async () => {
    await withEmulator({}, async (own) => {
      const done = await api(own).finish('x [emu:endless-video]')
      const reading = call(`${own.url}/v1/videos/${done.id}/content`, { headers: { authorization: `Bearer ${KEY}` }, timeoutMs: 30000 })
      await waitFor('the stream to start', () => own.openStreams() === 1)
      await own.close()
      const r = await reading
      expect(r.status).toBe(200)
      expect(r.aborted).toBe(true)
      expect(own.openStreams()).toBe(0)
    })
  })

  it('[emu:bad-range] cuts the first download, then answers a Range with a Content-Range that does not fit', async () => {
    const done = await api(emu).finish('x [emu:bad-range]')
    const size = 64 * 1024
    const first = await call(done.metadata.url)
    expect(first.headers['content-length']).toBe(String(size))
    expect(first.aborted).toBe(true)
    expect(first.body.length).toBeLessThan(size)
    const resumed = await call(done.metadata.url, { headers: { range: `bytes=${first.body.length}-` } })
    expect(resumed.status).toBe(206)
    expect(resumed.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`)
    expect(resumed.body.length).toBe(size)
  })

  it('[emu:bad-range=total] answers the asked bytes with a wrong total', async () => {
    const done = await api(emu).finish('x [emu:bad-range=total]')
    await call(done.metadata.url)
    const r = await call(done.metadata.url, { headers: { range: 'bytes=100-' } })
    expect(r.status).toBe(206)
    expect(r.headers['content-range']).toBe(`bytes 100-${64 * 1024 - 1}/${64 * 1024 + 1000}`)
  })
})

describe('hostile API answers', () => {
  it('[emu:429-day] answers every submit 429 with Retry-After: 86400; =1 only the first', async () => {
    const a = api(emu)
    for (let i = 0; i < 2; i++) {
      const r = await a.submit('x [emu:429-day]')
      expect(r.status).toBe(429)
      expect(r.headers['retry-after']).toBe('86400')
    }
    expect((await a.submit('y [emu:429-day=1]')).status).toBe(429)
    expect((await a.submit('y [emu:429-day=1]')).status).toBe(200)
    expect(emu.tasks.size).toBe(1)
  })

  it('[emu:poll-429-day] answers polls 429 with Retry-After: 86400 without advancing', async () => {
    const a = api(emu)
    const id = json(await a.submit('x [emu:poll-429-day=2]')).id
    for (let i = 0; i < 2; i++) {
      const r = await a.poll(id)
      expect(r.status).toBe(429)
      expect(r.headers['retry-after']).toBe('86400')
    }
    expect(json(await a.poll(id))).toMatchObject({ status: 'queued' })
  })

  it('[emu:endless-submit] answers 200 with JSON that never ends, and the task exists', async () => {
    const r = await call(`${emu.url}/v1/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, media: [{ type: 'text', text: 'x [emu:endless-submit]' }] }),
      stopAfter: 4 * 1024 * 1024
    })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('application/json')
    expect(r.body.toString('utf8', 0, 12)).toBe('{"id":"cgt-2')
    expect(emu.tasks.size).toBe(1)
    await waitFor('the stream to stop', () => emu.openStreams() === 0)
  })

  it('[emu:endless-poll=1] streams the first poll without end, then polls work', async () => {
    const a = api(emu)
    const id = json(await a.submit('x [emu:endless-poll=1]')).id
    const r = await countBytes(`${emu.url}/v1/videos/${id}`, 4 * 1024 * 1024, { authorization: `Bearer ${KEY}` })
    expect(r.status).toBe(200)
    expect(r.bytes).toBeGreaterThanOrEqual(4 * 1024 * 1024)
    expect(json(await a.poll(id))).toMatchObject({ id, status: 'queued' })
  })

  it.each([
    ['array', (o: unknown, id: string) => expect(o).toEqual([expect.objectContaining({ id, status: 'queued' })])],
    ['null', (o: unknown) => expect(o).toBeNull()],
    ['string', (o: unknown, id: string) => expect(o).toBe(id)]
  ])('[emu:shape=%s] answers the submit 200 with that shape (a task was still created)', async (shape, check) => {
    const r = await api(emu).submit(`x [emu:shape=${shape}]`)
    expect(r.status).toBe(200)
    expect(emu.tasks.size).toBe(1)
    check(json(r), [...emu.tasks.keys()][0]!)
  })

  it('[emu:inject-id] gives a task id with workflow commands on new lines, and that id still works', async () => {
    const a = api(emu)
    const o = json(await a.submit('x [emu:inject-id]'))
    expect(o.id).toMatch(/^cgt-\S+\n::warning::.*\n::set-output name=x::y\n$/)
    const done = await a.finish('y [emu:inject-id]')
    expect(done.status).toBe('succeeded')
    const video = await call(done.metadata.url)
    expect(video.status).toBe(200)
    expect(video.body.length).toBe(64 * 1024)
  })

  it('[emu:inject-status] puts workflow commands in unfinished statuses only', async () => {
    const a = api(emu)
    const id = json(await a.submit('x [emu:inject-status]')).id
    expect(json(await a.poll(id)).status).toBe(`queued${INJECTED}`)
    expect(INJECTED).toBe('\n::warning::emulator-injected-warning\n::set-output name=x::y\n')
    expect(json(await a.poll(id)).status).toMatch(/^running\n::warning::/)
    await a.poll(id)
    expect(json(await a.poll(id)).status).toBe('succeeded')
  })

  it('[emu:huge-id] and [emu:huge-url] send 2 MiB ids and links', async () => {
    const a = api(emu)
    const s = await call(`${emu.url}/v1/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, media: [{ type: 'text', text: 'x [emu:huge-id]' }] })
    })
    expect(s.status).toBe(200)
    expect([...emu.tasks.keys()][0]!.length).toBeGreaterThan(2 * 1024 * 1024)
    const done = await a.finish('x [emu:huge-url]')
    expect(done.metadata.url.length).toBeGreaterThan(2 * 1024 * 1024)
    expect(done.metadata.url.startsWith(`${emu.cdnUrl}/videos/`)).toBe(true)
  })

  it('[emu:gzip] compresses task answers unasked; [emu:gzip=error] an error answer', async () => {
    const a = api(emu)
    const s = await a.submit('x [emu:gzip]')
    expect(s.status).toBe(200)
    expect(s.headers['content-encoding']).toBe('gzip')
    const o = JSON.parse(gunzipSync(s.body).toString('utf8'))
    const p = await a.poll(o.id)
    expect(p.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(p.body).toString('utf8'))).toMatchObject({ id: o.id, status: 'queued' })
    const e = await a.submit('x [emu:gzip=error]')
    expect(e.status).toBe(400)
    expect(e.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(e.body).toString('utf8'))).toMatchObject({ error: { code: 'InputTextRiskDetection' } })
  })

  it('[emu:echo-key] quotes the Authorization header or the bare key, in task answers and errors', async () => {
    const a = api(emu)
    const t = json(await a.submit('x [emu:echo-key]'))
    expect(t.request_echo).toEqual({ authorization: `Bearer ${KEY}` })
    expect(json(await a.poll(t.id)).request_echo).toEqual({ authorization: `Bearer ${KEY}` })
    const raw = json(await a.submit('x [emu:echo-key=raw]'))
    expect(raw.request_echo).toEqual({ api_key: KEY })
    const e = await a.submit('x [emu:echo-key=error]')
    expect(e.status).toBe(400)
    expect(json(e).error.message).toContain(`Bearer ${KEY}`)
    const re = await a.submit('x [emu:echo-key=raw-error]')
    expect(re.status).toBe(400)
    expect(json(re).error.message).toContain(KEY)
    expect(json(re).error.message).not.toContain('Bearer')
  })
})

describe('links to private addresses', () => {
  it.each([
    ['aws', 'http://169.254.169.254/latest/meta-data/'],
    ['gcp', 'http://metadata.google.internal/'],
    ['ipv6', 'http://[fd00:ec2::254]/']
  ])('[emu:private-url=%s] gives a video link to a metadata address', async (where, prefix) => {
    const done = await api(emu).finish(`x [emu:private-url=${where}]`)
    expect(done.metadata.url.startsWith(prefix)).toBe(true)
    expect(done.metadata.url).toBe(PRIVATE_URLS[where as keyof typeof PRIVATE_URLS])
  })

  it('[emu:private-frame=aws] keeps the video link and points only the last frame at the metadata address', async () => {
    const done = await api(emu).finish('x [emu:private-frame=aws]')
    expect(done.metadata.url.startsWith(`${emu.cdnUrl}/videos/`)).toBe(true)
    expect(done.last_frame_url.startsWith('http://169.254.169.254/')).toBe(true)
  })

  it('[emu:metadata-loopback] points the video at the loopback metadata server, which records its visitors', async () => {
    const done = await api(emu).finish('x [emu:metadata-loopback]')
    expect(done.metadata.url.startsWith(`${emu.metadataUrl}/latest/meta-data/`)).toBe(true)
    expect(emu.requests.filter((r) => r.server === 'metadata')).toHaveLength(0)
    const r = await call(done.metadata.url)
    expect(r.body.toString()).toBe(FAKE_METADATA)
    expect(r.body.toString()).toMatch(/^FAKE-METADATA-SECRET AKIA/)
    expect(emu.requests.filter((x) => x.server === 'metadata')).toHaveLength(1)
    const frame = await api(emu).finish('x [emu:private-frame=loopback]')
    expect(frame.last_frame_url.startsWith(emu.metadataUrl)).toBe(true)
  })

  it('[emu:js-url] gives a javascript: video link', async () => {
    const done = await api(emu).finish('x [emu:js-url][emu:url=video_url]')
    expect(done.video_url).toBe('javascript:alert(1)')
  })
})

describe('Asset Library', () => {
  it.each([
    ['clip.png', 'emu-processing-forever'],
    ['emu-processing-forever.png', 'g1']
  ])('%s in group %s stays "processing" however often it is polled', async (filename, group) => {
    const boundary = 'emuboundary'
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="group_id"\r\n\r\n${group}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n` +
        `--${boundary}--\r\n`
    )
    const up = await call(`${emu.url}/api/v1/asset/upload`, {
      method: 'POST',
      headers: { authorization: KEY, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body
    })
    const taskId = json(up).data.task_id
    for (let i = 0; i < 6; i++) {
      const r = await call(`${emu.url}/api/v1/asset/jobs/get-asset-id?task_id=${taskId}`, { headers: { authorization: KEY } })
      expect(json(r)).toEqual({ code: 202, message: 'processing', data: { status: 'processing' } })
    }
  })
})

describe('batches', () => {
  /** Poll every task once per round until all finished; returns the statuses of every round. */
  async function pollRounds(a: ReturnType<typeof api>, ids: string[]): Promise<string[][]> {
    const rounds: string[][] = []
    for (let i = 0; i < 40; i++) {
      const round: string[] = []
      for (const id of ids) round.push(json(await a.poll(id)).status)
      rounds.push(round)
      if (round.every((s) => s === 'succeeded')) return rounds
    }
    throw new Error('tasks did not finish')
  }

  it.each([
    ['the maxRunning option', { maxRunning: 2 }, KEY, 2],
    ['a limit-1 key', {}, 'limit-1-abc', 1]
  ])('%s keeps extra tasks queued until a running one finished', async (_name, options, key, limit) => {
    await withEmulator(options, async (own) => {
      const a = api(own, key)
      const ids: string[] = []
      for (let i = 0; i < 4; i++) ids.push(json(await a.submit(`task ${i}`)).id)
      const rounds = await pollRounds(a, ids)
      for (const round of rounds) expect(round.filter((s) => s === 'running').length).toBeLessThanOrEqual(limit)
      // without the limit every task would be done after 4 rounds
      expect(rounds.length).toBeGreaterThan(4)
      expect(rounds.some((r) => r.filter((s) => s === 'running').length === limit)).toBe(true)
      // another key is not held back by this one
      expect(json(await api(own, 'other').submit('x')).status).toBe('queued')
      const other = [...own.tasks.values()].find((t) => t.key === 'other')!
      expect(other.startedMs).not.toBeNull()
    })
  })

  it('in time mode a waiting task starts only when a running one finished', async () => {
    await withEmulator({ stepMs: 20 }, async (own) => {
      const a = api(own, 'limit-1')
      const first = json(await a.submit('a')).id
      const second = json(await a.submit('b')).id
      for (let i = 0; i < 200; i++) {
        const statuses = [json(await a.poll(first)).status, json(await a.poll(second)).status]
        if (statuses.every((s) => s === 'succeeded')) break
        await new Promise((r) => setTimeout(r, 20))
      }
      const [t1, t2] = [own.tasks.get(first)!, own.tasks.get(second)!]
      expect(t2.status).toBe('succeeded')
      // the default lifecycle finishes at step 4, three steps after its start
      expect(t2.startedMs!).toBeGreaterThanOrEqual(t1.startedMs! + 3 * 20)
    })
  })

  it('stepMs [min, max] draws a fixed duration per task; a number keeps one for all', async () => {
    await withEmulator({ stepMs: [10, 1000] }, async (own) => {
      const a = api(own)
      for (let i = 0; i < 6; i++) await a.submit(`t${i}`)
      const steps = [...own.tasks.values()].map((t) => t.stepMs)
      for (const s of steps) expect(s >= 10 && s <= 1000).toBe(true)
      expect(new Set(steps).size).toBeGreaterThan(1)
    })
    await withEmulator({ stepMs: 30 }, async (own) => {
      await api(own).submit('t')
      expect([...own.tasks.values()][0]!.stepMs).toBe(30)
    })
    await expect(startEmulator({ stepMs: [50, 10] })).rejects.toThrow(/stepMs/)
  })

  it('[emu:no-progress] and the noProgress option leave progress out until the task is done', async () => {
    const a = api(emu)
    const s = json(await a.submit('x [emu:no-progress]'))
    expect(s).not.toHaveProperty('progress')
    expect(json(await a.poll(s.id))).not.toHaveProperty('progress')
    const done = await a.finish('y [emu:no-progress]')
    expect(done.progress).toBe(100)
    await withEmulator({ noProgress: true }, async (own) => {
      const o = json(await api(own).submit('x'))
      expect(o).not.toHaveProperty('progress')
      expect(o.status).toBe('queued')
    })
  })

  it('records how many tasks of a key were in flight', async () => {
    const a = api(emu)
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push(json(await a.submit(`t${i}`)).id)
    expect(emu.inFlight(KEY)).toBe(3)
    for (let i = 0; i < 4; i++) await a.poll(ids[0]!)
    expect(emu.inFlight(KEY)).toBe(2)
    await a.finish('t3')
    expect(emu.maxInFlight(KEY)).toBe(3)
    expect(emu.maxInFlight('nobody')).toBe(0)
    const timeline = emu.flightTimeline(KEY)
    expect(timeline.map((e) => [e.event, e.inFlight])).toEqual([
      ['submit', 1],
      ['submit', 2],
      ['submit', 3],
      ['finish', 2],
      ['submit', 3],
      ['finish', 2]
    ])
    expect(timeline[3]!.taskId).toBe(ids[0])
  })

  it('pollAfterMs and pollRetryAfter (options or tags) add hints to unfinished answers only', async () => {
    await withEmulator({ pollAfterMs: 1500, pollRetryAfter: 3 }, async (own) => {
      const a = api(own)
      const s = await a.submit('x')
      expect(s.headers['openai-poll-after-ms']).toBe('1500')
      expect(s.headers['retry-after']).toBeUndefined()
      const id = json(s).id
      const p = await a.poll(id)
      expect(p.headers['openai-poll-after-ms']).toBe('1500')
      expect(p.headers['retry-after']).toBe('3')
      for (let i = 0; i < 3; i++) await a.poll(id)
      const done = await a.poll(id)
      expect(json(done).status).toBe('succeeded')
      expect(done.headers['openai-poll-after-ms']).toBeUndefined()
      expect(done.headers['retry-after']).toBeUndefined()
    })
    const a = api(emu)
    const id = json(await a.submit('x [emu:poll-after-ms=250][emu:poll-retry-after=2]')).id
    const p = await a.poll(id)
    expect(p.headers['openai-poll-after-ms']).toBe('250')
    expect(p.headers['retry-after']).toBe('2')
    const plain = await a.poll(json(await a.submit('y')).id)
    expect(plain.headers['openai-poll-after-ms']).toBeUndefined()
    expect(plain.headers['retry-after']).toBeUndefined()
  })

  it('keeps the video of a normal task intact', async () => {
    const done = await api(emu).finish('plain')
    const r = await call(done.metadata.url)
    const { createHash } = await import('node:crypto')
    expect(createHash('sha256').update(r.body).digest('hex')).toBe(videoSha256(done.id, 64 * 1024))
  })
})

describe("the emulator's clock", () => {
  const upload = (own: Emulator) => {
    const boundary = 'emuboundary'
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n--${boundary}--\r\n`
    return call(`${own.url}/api/v1/asset/upload`, { method: 'POST', headers: { authorization: KEY, 'content-type': `multipart/form-data; boundary=${boundary}` }, body })
  }

  it('clockScale turns every wait it asks for into real time: Retry-After (a decimal), openai-poll-after-ms', async () => {
    for (const [scale, second, day] of [
      [undefined, '1', '86400'],
      [0.01, '0.01', '864']
    ] as const) {
      await withEmulator({ clockScale: scale, pollAfterMs: 5000, pollRetryAfter: 3 }, async (own) => {
        const a = api(own)
        expect((await a.submit('x [emu:429=1]')).headers['retry-after']).toBe(second)
        expect((await a.submit('x [emu:429-day]')).headers['retry-after']).toBe(day)
        const s = await a.submit('x [emu:poll-429][emu:flaky=1]')
        expect(s.headers['openai-poll-after-ms']).toBe(scale ? '50' : '5000')
        const id = json(s).id
        expect((await a.poll(id)).headers['retry-after']).toBe(second) // poll-429
        const busy = await a.poll(id) // flaky: a 503 that says when to come back
        expect(busy.status).toBe(503)
        expect(busy.headers['retry-after']).toBe(second)
        expect((await a.poll(id)).headers['retry-after']).toBe(scale ? '0.03' : '3') // pollRetryAfter on a 200
        const job = json(await upload(own)).data.task_id
        const processing = await call(`${own.url}/api/v1/asset/jobs/get-asset-id?task_id=${job}`, { headers: { authorization: KEY } })
        expect(json(processing)).toMatchObject({ code: 202 })
        expect(processing.headers['retry-after']).toBe(second)
      })
    }
    await expect(startEmulator({ clockScale: 0 })).rejects.toThrow(/clockScale/)
  })

  it('[emu:duration=S] puts a task on the clock: it ends S emulated seconds after it started, whatever the GETs', async () => {
    await withEmulator({ clockScale: 0.01 }, async (own) => {
      const a = api(own)
      // 3000 emulated s = 30 real s: five GETs (which would end a task counted by GETs) leave it unfinished.
      const long = json(await a.submit('x [emu:duration=3000]')).id
      for (let i = 0; i < 5; i++) expect(json(await a.poll(long)).status).not.toBe('succeeded')
      expect(own.tasks.get(long)!.stepMs).toBe(1_000_000) // the default lifecycle: three steps to the end
      // 2 emulated s = 20 real ms: once they passed, the first GET shows it finished, and the video is there.
      const short = json(await a.submit('x [emu:duration=2][emu:slow=3]')).id
      expect(own.tasks.get(short)!.stepMs).toBe(500) // slow=3: four steps to the end
      await new Promise((r) => setTimeout(r, 40))
      const done = json(await a.poll(short))
      expect(done.status).toBe('succeeded')
      expect((await call(done.metadata.url)).status).toBe(200)
    })
  })

  it('[emu:duration] needs a positive number of seconds and a lifecycle that ends', async () => {
    for (const prompt of ['x [emu:duration=0]', 'x [emu:duration=soon]', 'x [emu:duration=5][emu:words=queued,running]']) {
      const r = await api(emu).submit(prompt)
      expect({ prompt, status: r.status, code: json(r).error.code }).toEqual({ prompt, status: 400, code: 'EmulatorTag' })
    }
  })

  it('a slot freed when a GET reports a task finished starts the next task then; a task on the clock runs from that moment', async () => {
    await withEmulator({ clockScale: 0.01 }, async (own) => {
      const a = api(own, 'limit-1')
      const first = json(await a.submit('a')).id // one step per GET
      const second = json(await a.submit('b [emu:duration=1]')).id // 10 ms once it runs
      await new Promise((r) => setTimeout(r, 40))
      expect(json(await a.poll(second)).status).toBe('queued') // no slot yet: its clock has not started
      let status = ''
      while (status !== 'succeeded') status = json(await a.poll(first)).status
      const [t1, t2] = [own.tasks.get(first)!, own.tasks.get(second)!]
      expect(t2.startedMs).toBe(t1.finishedMs)
      await new Promise((r) => setTimeout(r, 40))
      expect(json(await a.poll(second)).status).toBe('succeeded')
    })
  })
})
