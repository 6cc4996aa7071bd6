/**
 * Test stand-ins for a company network, all on loopback: a CONNECT proxy (the only way to reach
 * the `*.powertokens.test` hosts), and TLS fronts that hold a certificate of the test CA for those
 * names and lead to a plain-http server (the emulator). The proxy records what it was asked:
 * each CONNECT's target and headers, the only plaintext a client sends it.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import tls from 'node:tls'
import { join } from 'node:path'
import { ROOT } from '../e2e/harness.js'

const TLS_DIR = join(ROOT, '__tests__', 'fixtures', 'tls')
/** The test CA: what NODE_EXTRA_CA_CERTS names, as a TLS-inspecting proxy's CA would be. */
export const TEST_CA = join(TLS_DIR, 'ca.pem')

export interface ProxyOptions {
  /** `user:password` the proxy asks for (Proxy-Authorization: Basic); none: it asks for nothing. */
  auth?: string
  /** Answer every CONNECT with this status instead of a tunnel. */
  refuse?: 403 | 407 | 502
}

export interface ConnectRecord {
  target: string
  headers: http.IncomingHttpHeaders
  /** The request head as it arrived, the only plaintext the proxy sees. */
  head: string
}

export interface TestProxy {
  port: number
  url: string
  connects: ConnectRecord[]
  close(): Promise<void>
}

/** Where `host:port` leads: a `*.powertokens.test` name to 127.0.0.1 on the same port (a TLS front); nothing else. */
function route(target: string): { host: string; port: number } | undefined {
  const m = /^([a-z0-9.-]+\.powertokens\.test):(\d+)$/i.exec(target)
  return m ? { host: '127.0.0.1', port: Number(m[2]) } : undefined
}

export async function startProxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const connects: ConnectRecord[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((_req, res) => res.writeHead(405).end())
  server.on('connection', (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? ''
    const raw = [
      `${req.method} ${target} HTTP/${req.httpVersion}`,
      ...req.rawHeaders.reduce<string[]>((l, v, i, a) => (i % 2 ? l : [...l, `${v}: ${a[i + 1]}`]), [])
    ].join('\r\n')
    connects.push({ target, headers: req.headers, head: raw })
    client.on('error', () => undefined)
    const answer = (status: number, text: string, extra = ''): void => void client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}content-length: 0\r\n\r\n`)
    if (options.refuse)
      return answer(options.refuse, http.STATUS_CODES[options.refuse] ?? 'Refused', options.refuse === 407 ? 'proxy-authenticate: Basic realm="test"\r\n' : '')
    if (options.auth && req.headers['proxy-authorization'] !== `Basic ${Buffer.from(options.auth).toString('base64')}`) {
      return answer(407, 'Proxy Authentication Required', 'proxy-authenticate: Basic realm="test"\r\n')
    }
    const to = route(target)
    if (!to) return answer(502, 'Bad Gateway')
    const upstream = net.connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    url: `http://${options.auth ? `${options.auth.split(':').map(encodeURIComponent).join(':')}@` : ''}127.0.0.1:${port}`,
    connects,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

export interface TlsFront {
  port: number
  close(): Promise<void>
}

/** A TLS server with the test CA's certificate for `*.powertokens.test`, piping each connection to `127.0.0.1:<target()>`. */
export async function startTlsFront(target: () => number): Promise<TlsFront> {
  const sockets = new Set<net.Socket>()
  const server = tls.createServer({ key: readFileSync(join(TLS_DIR, 'host-key.pem')), cert: readFileSync(join(TLS_DIR, 'host.pem')) }, (secure) => {
    const upstream = net.connect(target(), '127.0.0.1')
    for (const s of [secure, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => undefined)
    }
    secure.pipe(upstream).pipe(secure)
    upstream.on('close', () => secure.destroy())
    secure.on('close', () => upstream.destroy())
  })
  server.on('tlsClientError', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
