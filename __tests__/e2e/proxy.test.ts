/**
 * A self-hosted runner behind a company proxy: the PowerTokens hosts (`*.powertokens.test`) can
 * be reached only through a local CONNECT proxy, over TLS with a certificate of a test CA that
 * only NODE_EXTRA_CA_CERTS makes trusted. The action's process runs with a spy on its lookups and
 * connections (fixtures/network-spy.mjs) that resolves no outside name and blocks any address but
 * loopback: everything here stays on 127.0.0.1.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { png } from '../helpers/media-fixtures.js'
import { startProxy, startTlsFront, TEST_CA, type TestProxy, type TlsFront } from '../helpers/connect-proxy.js'
import { ROOT, runAction, tempDir, type RunResult } from './harness.js'

const KEY = 'pt-proxy-test-key-0123456789abcdef'
const SPY = join(ROOT, '__tests__', 'fixtures', 'network-spy.mjs')

let emu: Emulator
let apiFront: TlsFront
let cdnFront: TlsFront
let proxy: TestProxy | undefined

beforeAll(async () => {
  let apiPort = 0
  let cdnPort = 0
  apiFront = await startTlsFront(() => apiPort)
  cdnFront = await startTlsFront(() => cdnPort)
  emu = await startEmulator({ cdnOrigin: `https://cdn.powertokens.test:${cdnFront.port}` })
  apiPort = Number(new URL(emu.url).port)
  cdnPort = Number(new URL(emu.cdnServerUrl).port)
})
afterAll(async () => {
  await emu.close()
  await apiFront.close()
  await cdnFront.close()
})
beforeEach(async () => {
  emu.reset()
  await proxy?.close()
  proxy = undefined
})
afterAll(async () => {
  await proxy?.close()
})

const api = (): string => `https://api.powertokens.test:${apiFront.port}`
const assets = (): string => `https://assets.powertokens.test:${apiFront.port}/api`

interface Spied extends RunResult {
  lookups: string[]
  connects: string[]
  blocked: string[]
}

async function run(inputs: Record<string, string>, env: Record<string, string>, hosts: Record<string, string> = {}): Promise<Spied> {
  const dir = tempDir('seedance-proxy-')
  const log = join(dir, 'network.log')
  writeFileSync(log, '')
  const ws = join(dir, 'ws')
  const { mkdirSync } = await import('node:fs')
  mkdirSync(ws)
  writeFileSync(join(ws, 'frame.png'), png(640, 640))
  const r = await runAction(
    { 'api-key': KEY, 'base-url': api(), 'asset-base-url': assets(), 'poll-interval': '20ms', 'max-retries': '1', ...inputs },
    { workspace: ws, env: { NODE_OPTIONS: `--import=${SPY}`, SPY_NETWORK_LOG: log, SPY_HOSTS: JSON.stringify(hosts), NODE_EXTRA_CA_CERTS: TEST_CA, ...env } }
  )
  const entries = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { lookup?: string; connect?: string; port?: number; blocked?: string })
  return {
    ...r,
    lookups: entries.flatMap((e) => (e.lookup ? [e.lookup] : [])),
    connects: entries.flatMap((e) => (e.connect ? [`${e.connect}:${e.port}`] : [])),
    blocked: entries.flatMap((e) => (e.blocked ? [e.blocked] : []))
  }
}

const FULL = {
  'first-frame': 'frame.png',
  prompt: 'a slow pan',
  size: '480p',
  ratio: '1:1',
  seconds: '4',
  'generate-audio': 'false',
  'return-last-frame': 'true',
  'output-path': 'clip.mp4'
}

function everythingTheProxySaw(p: TestProxy): string {
  return p.connects.map((c) => c.head).join('\n')
}

function expectNoKeyOrPassword(r: RunResult, ...secrets: string[]): void {
  for (const s of [KEY, ...secrets]) {
    // `::add-mask::` is how a secret is masked: the runner takes that line and never shows it.
    const log = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    for (const where of [log, r.stderr, r.summary, JSON.stringify(r.outputs)]) expect(where).not.toContain(s)
  }
}

describe('through a CONNECT proxy with its own CA', () => {
  it('uploads a workspace file, submits, waits and saves the video and last frame; the proxy sees each PowerTokens host and never the key', async () => {
    proxy = await startProxy()
    const r = await run(FULL, { HTTPS_PROXY: proxy.url })
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(true)
    expect(r.outputs['last-frame-path']).toBeTruthy()
    expect(existsSync(r.outputs['last-frame-path']!)).toBe(true)
    expect(emu.uploads).toHaveLength(1)
    expect(emu.tasks.size).toBe(1)
    const targets = new Set(proxy.connects.map((c) => c.target))
    expect(targets).toEqual(
      new Set([`api.powertokens.test:${apiFront.port}`, `assets.powertokens.test:${apiFront.port}`, `cdn.powertokens.test:${cdnFront.port}`])
    )
    expect(everythingTheProxySaw(proxy)).not.toContain(KEY)
    // The proxy resolved the names: the action looked none up, and connected only to the proxy.
    expect(r.lookups.filter((h) => h.endsWith('powertokens.test'))).toEqual([])
    expect(new Set(r.connects)).toEqual(new Set([`127.0.0.1:${proxy.port}`]))
    expect(r.blocked).toEqual([])
    expect(r.stdout).toContain(`PowerTokens is reached through the proxy http://127.0.0.1:${proxy.port}`)
  })

  it('the lower-case https_proxy works, and a proxy password goes as Proxy-Authorization and is never printed', async () => {
    proxy = await startProxy({ auth: 'alice:s3cr@t-pw' })
    const r = await run({ prompt: 'x', 'output-path': 'clip.mp4' }, { https_proxy: proxy.url })
    expect(r.error).toBeUndefined()
    expect(existsSync(join(r.workspace, 'clip.mp4'))).toBe(true)
    expect(proxy.connects.every((c) => c.headers['proxy-authorization'] === `Basic ${Buffer.from('alice:s3cr@t-pw').toString('base64')}`)).toBe(true)
    expectNoKeyOrPassword(r, 's3cr@t-pw', 's3cr%40t-pw')
  })

  it('NO_PROXY sends a host direct; the others still go through the proxy', async () => {
    proxy = await startProxy()
    const r = await run(
      { prompt: 'x', 'output-path': 'clip.mp4' },
      { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.org, api.powertokens.test' },
      { 'api.powertokens.test': '127.0.0.1' }
    )
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    expect(proxy.connects.map((c) => c.target)).toEqual([`cdn.powertokens.test:${cdnFront.port}`])
    expect(r.lookups).toContain('api.powertokens.test')
    expect(r.connects).toContain(`api.powertokens.test:${apiFront.port}`)
  })

  it('a NO_PROXY entry with a leading dot sends its subdomains direct', async () => {
    proxy = await startProxy()
    const r = await run({ prompt: 'x', wait: 'true' }, { HTTPS_PROXY: proxy.url, NO_PROXY: '.powertokens.test' }, { 'api.powertokens.test': '127.0.0.1' })
    expect(r.error).toBeUndefined()
    expect(proxy.connects).toEqual([])
    expect(r.connects).toContain(`api.powertokens.test:${apiFront.port}`)
  })

  it('NO_PROXY * sends everything direct', async () => {
    proxy = await startProxy()
    const r = await run({ prompt: 'x', wait: 'true' }, { HTTPS_PROXY: proxy.url, NO_PROXY: '*' }, { 'api.powertokens.test': '127.0.0.1' })
    expect(r.error).toBeUndefined()
    expect(proxy.connects).toEqual([])
  })

  it('NO_PROXY entries match subdomains and ports as @actions/http-client reads them', async () => {
    proxy = await startProxy()
    const r = await run(
      { prompt: 'x', 'output-path': 'clip.mp4' },
      { HTTPS_PROXY: proxy.url, no_proxy: `powertokens.test:${apiFront.port}` },
      { 'api.powertokens.test': '127.0.0.1' }
    )
    expect(r.error).toBeUndefined()
    expect(proxy.connects.map((c) => c.target)).toEqual([`cdn.powertokens.test:${cdnFront.port}`])
  })

  it('a loopback base-url never uses the proxy', async () => {
    proxy = await startProxy()
    const r = await run(
      { 'base-url': emu.url, 'asset-base-url': `${emu.url}/api`, prompt: 'x', wait: 'true' },
      { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, https_proxy: proxy.url, http_proxy: proxy.url }
    )
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    expect(proxy.connects).toEqual([])
    expect(r.stdout).not.toContain('through the proxy')
  })

  it('without the proxy CA in NODE_EXTRA_CA_CERTS the host is not trusted, and the sentence says where to give the CA', async () => {
    proxy = await startProxy()
    const r = await run({ prompt: 'x', wait: 'true' }, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: '' })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(
      /^The certificate of https:\/\/api\.powertokens\.test:\d+ is not trusted \([A-Z_]+\); nothing was sent: if a proxy inspects TLS, give its CA certificate in `NODE_EXTRA_CA_CERTS`\.$/
    )
    expect(emu.requests).toHaveLength(0)
  })
})

describe('a proxy that refuses', () => {
  it.each<[403 | 407 | 502, RegExp]>([
    [
      407,
      /^The proxy http:\/\/127\.0\.0\.1:\d+ asked for credentials \(HTTP 407\) for the tunnel to api\.powertokens\.test:\d+; nothing was sent to api\.powertokens\.test:\d+: check the user and password in `HTTPS_PROXY`/
    ],
    [403, /^The proxy http:\/\/127\.0\.0\.1:\d+ refused the tunnel to api\.powertokens\.test:\d+ \(HTTP 403\); nothing was sent .*`NO_PROXY`/],
    [
      502,
      /^The proxy http:\/\/127\.0\.0\.1:\d+ could not open a tunnel to api\.powertokens\.test:\d+ \(HTTP 502\); nothing was sent .*: check that the proxy can reach this host/
    ]
  ])(
    'HTTP %i to CONNECT ends in one sentence naming the proxy without its password; nothing is submitted; it is retried like any connection failure',
    async (status, message) => {
      proxy = await startProxy({ refuse: status })
      const withPassword = proxy.url.replace('http://', 'http://bob:hunter2-pw@')
      const r = await run({ prompt: 'x', wait: 'true' }, { HTTPS_PROXY: withPassword })
      expect(r.code).toBe(1)
      expect(r.error).toMatch(message)
      expect(r.error).not.toContain('hunter2')
      expect(r.error!.split('\n')).toHaveLength(1)
      expectNoKeyOrPassword(r, 'hunter2-pw')
      expect(emu.requests).toHaveLength(0)
      // max-retries: 1 -> the first try and one retry.
      expect(proxy.connects).toHaveLength(2)
    }
  )

  it('a proxy that cannot be reached is named, and nothing is submitted', async () => {
    const gone = await startProxy()
    const url = gone.url
    await gone.close()
    const r = await run({ prompt: 'x', wait: 'true', 'max-retries': '0' }, { HTTPS_PROXY: url })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(
      /^Could not connect to the proxy http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); nothing was sent to api\.powertokens\.test:\d+: check `HTTPS_PROXY`\. `max-retries` is 0; nothing was created\.$/
    )
    expect(emu.requests).toHaveLength(0)
  })
})
