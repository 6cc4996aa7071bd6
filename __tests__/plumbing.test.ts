/** The shared plumbing: the retry engine, the formatters, the transport's key policy and caps, output names. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parse } from 'yaml'
import { ApiError } from '../src/errors.js'
import { formatBytes, formatDuration, formatSizes } from '../src/format.js'
import { BodyTooLargeError, exchange, send } from '../src/http/transport.js'
import { classifyNetworkError } from '../src/http/powertokens-failures.js'
import { OUTPUT_NAMES, Outputs } from '../src/step/outputs.js'
import { abortableSleep, DeadlineError, withRetries } from '../src/http/retry.js'
import { Budget } from '../src/http/budget.js'
import { mayCarryCredentials } from '../src/http/url-policy.js'

const transient = (message = 'The connection dropped.', retryAfterMs?: number): ApiError => new ApiError(message, 'transient', undefined, retryAfterMs)

describe('the retry engine', () => {
  const base = { retryable: (e: unknown) => e instanceof ApiError && e.kind === 'transient', random: () => 0 }

  it('retries up to maxRetries, waiting with backoff, then gives up with the last failure', async () => {
    const sleeps: number[] = []
    let calls = 0
    const err = await withRetries(
      async () => {
        calls++
        throw transient()
      },
      { ...base, maxRetries: 2, sleep: async (ms) => void sleeps.push(ms) }
    ).catch((e: unknown) => e)
    expect(calls).toBe(3)
    expect(sleeps).toEqual([500, 1000])
    expect((err as Error).message).toBe('The connection dropped.')
  })

  it('honours Retry-After, and a final failure is not retried', async () => {
    const sleeps: number[] = []
    let calls = 0
    const result = await withRetries(
      async () => {
        if (++calls === 1) throw transient('busy', 7000)
        return 'ok'
      },
      { ...base, maxRetries: 3, sleep: async (ms) => void sleeps.push(ms) }
    )
    expect(result).toBe('ok')
    expect(sleeps).toEqual([7000])
    const final = new ApiError('no', 'rejected')
    await expect(withRetries(async () => Promise.reject(final), { ...base, maxRetries: 3, sleep: async () => undefined })).rejects.toBe(final)
  })

  it('starts the count over after an attempt that made progress', async () => {
    let calls = 0
    let bytes = 0
    let before = 0
    await withRetries(
      async () => {
        before = bytes
        calls++
        if (calls < 6) {
          bytes += 1 // every attempt gets some bytes before it breaks
          throw transient()
        }
      },
      { ...base, maxRetries: 1, sleep: async () => undefined, progressed: () => bytes > before }
    )
    expect(calls).toBe(6)
    // Without progress, the same failures end after one retry.
    calls = 0
    const err = await withRetries(async () => Promise.reject(transient()), {
      ...base,
      maxRetries: 1,
      sleep: async () => undefined,
      progressed: () => false
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
  })

  it('fails at once when the wait would pass the deadline, saying what the server asked', async () => {
    const now = 1_000_000
    const err = await withRetries(async () => Promise.reject(transient('Rate limited.', 86_400_000)), {
      ...base,
      maxRetries: 3,
      sleep: async () => undefined,
      budget: new Budget(new AbortController().signal, now + 60_000),
      now: () => now
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DeadlineError)
    expect((err as Error).message).toBe('Rate limited; the server asked to wait 24 h, longer than `timeout` leaves (1 min).')
  })

  it('an abortable sleep ends at once on cancel', async () => {
    const cancel = new AbortController()
    const started = Date.now()
    const slept = abortableSleep(cancel.signal)(60_000)
    cancel.abort(new Error('Cancelled (SIGINT)')) // while it sleeps
    await expect(slept).rejects.toThrow('Cancelled (SIGINT)')
    expect(Date.now() - started).toBeLessThan(30_000)
  })
})

describe('formats', () => {
  it('durations', () => {
    expect(formatDuration(500)).toBe('0.5 s')
    expect(formatDuration(1000)).toBe('1 s')
    expect(formatDuration(1000, true)).toBe('1.0 s')
    expect(formatDuration(12_340)).toBe('12.3 s')
    expect(formatDuration(60_000)).toBe('1 min')
    expect(formatDuration(245_000)).toBe('4 min 5 s')
    expect(formatDuration(3_600_000)).toBe('1 h')
    expect(formatDuration(7_800_000)).toBe('2 h 10 min')
  })
  it('sizes, in one unit (1 MB = 1,048,576 bytes)', () => {
    expect(formatBytes(2048)).toBe('2 KB')
    expect(formatBytes(30 * 1024 * 1024)).toBe('30 MB')
    expect(formatBytes(3.14 * 1024 * 1024)).toBe('3.1 MB')
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB')
    expect(formatSizes(15 * 1024 * 1024 + 1, 15 * 1024 * 1024)).toEqual(['15728641 bytes', '15 MB (15728640 bytes)'])
  })
})

describe('the transport', () => {
  const servers: http.Server[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise<void>((done) => (s.closeAllConnections(), s.close(() => done())))))
  })
  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ origin: string; seen: IncomingMessage[] }> {
    const seen: IncomingMessage[] = []
    const server = http.createServer((req, res) => {
      seen.push(req)
      handler(req, res)
    })
    servers.push(server)
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
  }

  it('sends credentials to their origin only, and drops them for good after a redirect away', async () => {
    const other = await serve((_req, res) => res.end('ok'))
    const api = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(302, { location: `${other.origin}/elsewhere` }).end()
      else res.end('ok')
    })
    const credentials = { origin: api.origin, headers: { authorization: 'Bearer sk-secret-123456' } }
    const res = await send({ method: 'GET', url: `${api.origin}/start`, credentials, idleTimeoutMs: 5000, maxRedirects: 5 })
    res.body.resume()
    expect(res.url.origin).toBe(other.origin)
    expect(res.credentialsSent).toBe(false)
    expect(api.seen[0]?.headers.authorization).toBe('Bearer sk-secret-123456')
    expect(other.seen[0]?.headers.authorization).toBeUndefined()
    expect(mayCarryCredentials(new URL('http://api.example.com/'), 'http://api.example.com')).toBe(false)
  })

  it('refuses an answer larger than the cap, as an unknown outcome for a submit', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(Buffer.alloc(300_000, 0x20))
    })
    const err = await exchange({ method: 'POST', url: `${api.origin}/v1/videos`, body: '{}', timeoutMs: 5000, idleTimeoutMs: 5000, maxBytes: 100_000 }).catch(
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(BodyTooLargeError)
    const classified = classifyNetworkError('submit', err, `${api.origin}/v1/videos`, 5000)
    expect(classified.kind).toBe('unknown-outcome')
    expect(classified.message).toMatch(/larger than 100000 bytes/)
  })
})

describe('outputs', () => {
  it('declares exactly the outputs of action.yml', () => {
    const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as { outputs: Record<string, unknown> }
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(action.outputs).sort())
  })
  it('moves a value over 1 MB to a file and outputs its path', () => {
    const set: Record<string, string> = {}
    const lines: string[] = []
    const dir = mkdtempSync(join(tmpdir(), 'seedance-outputs-'))
    try {
      new Outputs(
        (n, v) => (set[n] = v),
        dir,
        (l) => lines.push(l)
      ).set('response', 'x'.repeat(1_100_000))
      expect(set.response).toMatch(/response-\d+-\d+\.json$/)
      expect(readFileSync(set.response!, 'utf8')).toHaveLength(1_100_000)
      expect(lines[0]).toMatch(/over GitHub's 1 MB limit/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
