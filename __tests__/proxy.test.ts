/**
 * The proxy's pure parts: which proxy a URL goes through (the runner's variables, as
 * @actions/http-client reads them), how a proxy is shown, what is masked, and the sentence each
 * proxy failure ends in. Nothing here connects anywhere.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { displayProxy, ProxyError, ProxyUnsupportedError, proxyFor, proxySecrets } from '../src/http/proxy.js'
import { classifyNetworkError, isRetryable } from '../src/http/powertokens-failures.js'

const NAMES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']
let saved: Record<string, string | undefined> = {}
beforeEach(() => {
  saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]))
  for (const n of NAMES) delete process.env[n]
})
afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n]
    else process.env[n] = saved[n]
  }
})

const via = (url: string): string | undefined => {
  const p = proxyFor(new URL(url))
  return p && displayProxy(p)
}

describe('which proxy', () => {
  it('HTTPS_PROXY for https, HTTP_PROXY for http; the lower-case name wins', () => {
    process.env.HTTPS_PROXY = 'http://upper.example:3128'
    process.env.HTTP_PROXY = 'http://plain.example:8080'
    expect(via('https://api.powertokens.ai/v1/videos')).toBe('http://upper.example:3128')
    expect(via('http://api.powertokens.ai/v1/videos')).toBe('http://plain.example:8080')
    process.env.https_proxy = 'http://lower.example:3128'
    expect(via('https://api.powertokens.ai/v1/videos')).toBe('http://lower.example:3128')
  })

  it('nothing set: direct', () => {
    expect(via('https://api.powertokens.ai/')).toBeUndefined()
  })

  it.each([
    ['powertokens.ai', 'https://api.powertokens.ai/', true],
    ['powertokens.ai', 'https://powertokens.ai/api', true],
    ['.powertokens.ai', 'https://api.powertokens.ai/', true],
    ['.powertokens.ai', 'https://powertokens.ai/', false],
    ['*', 'https://anything.example/', true],
    ['api.powertokens.ai:443', 'https://api.powertokens.ai/', true],
    ['api.powertokens.ai:8443', 'https://api.powertokens.ai/', false],
    ['example.org, powertokens.ai', 'https://cdn.powertokens.ai/v.mp4', true],
    ['ertokens.ai', 'https://api.powertokens.ai/', false]
  ])('NO_PROXY=%s: %s goes direct: %s', (noProxy, url, direct) => {
    process.env.HTTPS_PROXY = 'http://proxy.example:3128'
    process.env.NO_PROXY = noProxy
    expect(via(url) === undefined).toBe(direct)
  })

  it.each(['http://127.0.0.1:8080/', 'http://localhost:8080/', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]:8080/'])(
    'loopback %s never goes through a proxy',
    (url) => {
      process.env.HTTP_PROXY = 'http://proxy.example:3128'
      process.env.HTTPS_PROXY = 'http://proxy.example:3128'
      expect(via(url)).toBeUndefined()
    }
  )
})

describe('what is shown and masked', () => {
  it('a proxy is shown without its user or password', () => {
    expect(displayProxy(new URL('http://alice:s3cr%40t@proxy.corp.example:3128'))).toBe('http://proxy.corp.example:3128')
  })

  it('the password of each proxy variable is masked, as written and decoded', () => {
    expect(proxySecrets({ HTTPS_PROXY: 'http://alice:s3cr%40t@proxy:3128', http_proxy: 'bob:pw2@proxy:80', NO_PROXY: 'x' }).sort()).toEqual([
      'pw2',
      's3cr%40t',
      's3cr@t'
    ])
    expect(proxySecrets({ HTTPS_PROXY: 'http://proxy:3128' })).toEqual([])
  })
})

describe('the sentence a proxy failure ends in', () => {
  const url = 'https://api.powertokens.ai/v1/videos'
  it.each([
    [407, /^The proxy http:\/\/proxy:3128 asked for credentials \(HTTP 407\) for the tunnel to api\.powertokens\.ai:443; nothing was sent/],
    [403, /refused the tunnel to api\.powertokens\.ai:443 \(HTTP 403\); nothing was sent .*`NO_PROXY`/],
    [502, /could not open a tunnel to api\.powertokens\.ai:443 \(HTTP 502\)/]
  ])('HTTP %i: nothing was sent, so it may be tried again, even for a submit', (status, message) => {
    const err = classifyNetworkError('submit', new ProxyError('http://proxy:3128', 'api.powertokens.ai:443', status, 'ERR_PROXY_TUNNEL'), url, 60_000)
    expect(err.message).toMatch(message)
    expect(err.kind).toBe('not-sent')
    expect(isRetryable('submit', err)).toBe(true)
  })

  it('a proxy that cannot be reached', () => {
    const err = classifyNetworkError('poll', new ProxyError('http://proxy:3128', 'api.powertokens.ai:443', undefined, 'ECONNREFUSED'), url, 60_000)
    expect(err.message).toBe(
      'Could not connect to the proxy http://proxy:3128 (ECONNREFUSED); nothing was sent to api.powertokens.ai:443: check `HTTPS_PROXY`.'
    )
  })

  it('a Node without proxy support says to update the runner, and is not retried', () => {
    const err = classifyNetworkError('submit', new ProxyUnsupportedError('http://proxy:3128'), url, 60_000)
    expect(err.message).toMatch(
      /^A proxy is set \(http:\/\/proxy:3128\), but this runner's Node .* cannot use one \(Node 24\.5 or later can\): update the runner\.$/
    )
    expect(isRetryable('submit', err)).toBe(false)
  })

  it('an untrusted certificate names NODE_EXTRA_CA_CERTS and is not retried', () => {
    const tls = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' })
    const err = classifyNetworkError('submit', tls, url, 60_000)
    expect(err.message).toBe(
      'The certificate of https://api.powertokens.ai is not trusted (SELF_SIGNED_CERT_IN_CHAIN); nothing was sent: if a proxy inspects TLS, give its CA certificate in `NODE_EXTRA_CA_CERTS`.'
    )
    expect(isRetryable('submit', err)).toBe(false)
  })
})
