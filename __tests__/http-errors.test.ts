import { describe, expect, it } from '@jest/globals'
import { classifyNetworkError, classifyResponse, readServerMessage } from '../src/http/powertokens-failures.js'
import { RequestTimeoutError } from '../src/http/transport.js'

const headers = (h: Record<string, string> = {}) => ({ get: (n: string) => h[n.toLowerCase()] ?? null })
const json = (o: unknown) => JSON.stringify(o)

describe('reading what the server said', () => {
  it('understands the three shapes', () => {
    expect(readServerMessage(json({ error: { message: 'bad', code: 'X', type: 't' } }))).toEqual({ message: 'bad', code: 'X', html: false })
    expect(readServerMessage(json({ message: 'only' }))).toEqual({ message: 'only', code: undefined, html: false })
    expect(readServerMessage('<html><title>502 Bad Gateway</title></html>', 'text/html')).toEqual({ message: '502 Bad Gateway', html: true })
  })
})

describe('submit answers', () => {
  it.each([
    [429, {}, 'rate-limited'],
    [401, { error: { message: 'no' } }, 'auth'],
    [500, { error: { message: 'bad token', code: 'token_invalid' } }, 'auth'],
    [402, { error: { message: '余额不足' } }, 'balance'],
    [403, { error: { message: '用户额度不足' } }, 'balance'],
    [403, { error: { message: 'forbidden model' } }, 'auth'],
    [400, { error: { message: 'risky', code: 'InputTextRiskDetection' } }, 'rejected'],
    [500, { error: { message: 'oops' } }, 'unknown-outcome'],
    [503, {}, 'unknown-outcome']
  ])('HTTP %i %j -> %s', (status, body, kind) => {
    expect(classifyResponse('submit', { status, text: json(body), headers: headers() }).kind).toBe(kind)
  })

  it('an HTML error page is an unknown outcome even with a 4xx', () => {
    expect(classifyResponse('submit', { status: 413, text: '<html><title>413</title></html>', headers: headers({ 'content-type': 'text/html' }) }).kind).toBe(
      'unknown-outcome'
    )
  })

  it('keeps Retry-After', () => {
    expect(classifyResponse('submit', { status: 429, text: '{}', headers: headers({ 'retry-after': '7' }) }).retryAfterMs).toBe(7000)
  })

  it('quotes the server message and code for a rejected body', () => {
    expect(
      classifyResponse('submit', { status: 400, text: json({ error: { message: 'Too long', code: 'InvalidParameter' } }), headers: headers() }).message
    ).toBe('PowerTokens rejected the request (HTTP 400, InvalidParameter: Too long).')
  })
})

describe('poll answers', () => {
  it('5xx is transient, 404 is not found', () => {
    expect(classifyResponse('poll', { status: 503, text: '{}', headers: headers() }).kind).toBe('transient')
    const notFound = classifyResponse('poll', { status: 404, text: json({ error: { message: 'task not found' } }), headers: headers() })
    expect(notFound.kind).toBe('not-found')
    expect(notFound.message).toMatch(/7 days/)
  })
})

describe('network failures', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) })
  const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })
  const timeout = new RequestTimeoutError(new URL('https://api.example/v1/videos'), 30_000)

  it('reads node:http error codes as well as fetch causes', () => {
    const hangUp = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    expect(classifyNetworkError('submit', hangUp, 'https://api.example/v1/videos', 1000).message).toMatch(/dropped \(ECONNRESET\)/)
    const refusedNode = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })
    expect(classifyNetworkError('submit', refusedNode, 'http://127.0.0.1:9/v1/videos', 1000).kind).toBe('not-sent')
  })

  it('a refused connection sent nothing', () => {
    expect(classifyNetworkError('submit', refused, 'https://api.example/v1/videos', 1000).kind).toBe('not-sent')
  })
  it('a reset or a timeout after sending: unknown for a submit, transient for a poll', () => {
    expect(classifyNetworkError('submit', reset, 'https://api.example/v1/videos', 1000).kind).toBe('unknown-outcome')
    expect(classifyNetworkError('submit', timeout, 'https://api.example/v1/videos', 30_000).message).toMatch(
      /no answer from https:\/\/api\.example within 30 s/
    )
    expect(classifyNetworkError('poll', reset, 'https://api.example/v1/videos/1', 1000).kind).toBe('transient')
  })
})
