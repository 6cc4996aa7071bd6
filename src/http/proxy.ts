/**
 * The runner's proxy: which one a request goes through, and the agent that goes through it.
 *
 * - Which proxy: `@actions/http-client`'s own reading of the environment, so this action and
 *   GitHub's clients (octokit, the cache toolkit) agree: `https_proxy`/`HTTPS_PROXY` for https,
 *   `http_proxy`/`HTTP_PROXY` for http, and `no_proxy`/`NO_PROXY` (a comma list; an entry matches
 *   the host and its subdomains, with or without a leading dot; `*`; an entry may carry a port).
 *   Loopback hosts, in any spelling, never go through a proxy.
 * - How: Node's own agent (`proxyEnv`, in Node since 24.5; every runner that takes jobs has a
 *   later one): the CONNECT tunnel, `Proxy-Authorization` from the URL's user and password, and
 *   TLS to the host itself, so the proxy sees the host name and port, never the key. A proxy's
 *   CA given in `NODE_EXTRA_CA_CERTS` is added to Node's own.
 * - Through a proxy, the proxy resolves names: the address policy judges the name and IP
 *   literals before the request, not the address the proxy reaches.
 */
import http from 'node:http'
import https from 'node:https'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { isLoopbackHost } from './url-policy.js'

/** The first Node 24 whose agents can use a proxy. */
const PROXY_NODE = [24, 5] as const

/** A proxy is set for this request but this Node cannot use one. */
export class ProxyUnsupportedError extends Error {
  override name = 'ProxyUnsupportedError'
  readonly code = 'EPROXYUNSUPPORTED'
  constructor(readonly proxy: string) {
    super(`the proxy ${proxy} cannot be used by Node ${process.versions.node}`)
  }
}

/** The proxy refused or failed to open the tunnel to the host, or could not be reached. Nothing was sent to the host. */
export class ProxyError extends Error {
  override name = 'ProxyError'
  constructor(
    /** The proxy, as it may be shown: no user or password. */
    readonly proxy: string,
    /** The host and port the tunnel was for. */
    readonly target: string,
    /** The proxy's answer to CONNECT, when it answered. */
    readonly status: number | undefined,
    readonly code: string | undefined
  ) {
    super(status ? `the proxy ${proxy} answered HTTP ${status} to the tunnel to ${target}` : `the proxy ${proxy} could not be reached (${code ?? 'no answer'})`)
  }
}

/** The proxy a request to `url` goes through, or undefined to go direct. */
export function proxyFor(url: URL): URL | undefined {
  if (isLoopbackHost(url.hostname)) return undefined
  return getProxyUrl(url)
}

/** A proxy URL as it may appear in the log: scheme, host and port, never the user or password. */
export function displayProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`
}

function supported(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  return major > PROXY_NODE[0] || (major === PROXY_NODE[0] && minor >= PROXY_NODE[1])
}

const agents = new Map<string, http.Agent>()

/** The agent that sends requests for `url` through `proxy` (one per protocol and proxy, kept alive). */
export function proxyAgent(url: URL, proxy: URL): http.Agent {
  if (!supported()) throw new ProxyUnsupportedError(displayProxy(proxy))
  const secure = url.protocol === 'https:'
  const key = `${url.protocol} ${proxy.href}`
  let agent = agents.get(key)
  if (!agent) {
    const proxyEnv = secure ? { HTTPS_PROXY: proxy.href } : { HTTP_PROXY: proxy.href }
    agent = secure ? new https.Agent({ keepAlive: true, proxyEnv }) : new http.Agent({ keepAlive: true, proxyEnv })
    agents.set(key, agent)
  }
  return agent
}

/** The passwords (as written and decoded) of the proxy URLs in the environment: masked before anything is logged. */
export function proxySecrets(env: Record<string, string | undefined>): string[] {
  const out: string[] = []
  for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) {
    const value = env[name]
    if (!value) continue
    try {
      const password = new URL(value.includes('://') ? value : `http://${value}`).password
      if (password) out.push(password, decodeURIComponent(password))
    } catch {
      // Not a URL: nothing to mask; a request through it fails with its own sentence.
    }
  }
  return [...new Set(out)]
}
