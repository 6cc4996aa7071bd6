/**
 * Where the action may send a request, and where it may send the key. One policy for the
 * API, the Asset Library, downloads and their redirects:
 *
 * - only https://, or plain http:// to a loopback host;
 * - credentials only to the origin they belong to, and never again once a redirect leaves it;
 * - URLs in logs and errors without query, fragment or user info (signed links carry
 *   credentials there).
 */
import { shortenDataUrl } from '../redact.js'

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname)
}

export function sameOrigin(a: string | URL, b: string | URL): boolean {
  try {
    return new URL(a).origin === new URL(b).origin
  } catch {
    return false
  }
}

/** May a request (or a redirect) go to `url` at all? https, or http to loopback. */
export function transportAllowed(url: URL): boolean {
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && isLoopbackHost(url.hostname)
}

/** May the credentials of `origin` go to `url`? Same origin, over an allowed transport. */
export function mayCarryCredentials(url: URL, origin: string): boolean {
  return url.origin === origin && transportAllowed(url)
}

/** A URL as it may appear in logs and errors: no query, fragment or user info. */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return '(an invalid URL)'
  }
}

/**
 * A deep copy of a request body as it may be shown (the log, the `request` output, the summary):
 * every http(s) link as `displayUrl` shows it, every long data: URL shortened. A user's link may
 * carry credentials in its user info or its signed query.
 */
export function displayLinks<T>(value: T): T {
  if (typeof value === 'string') return (/^https?:\/\//i.test(value) ? displayUrl(value) : shortenDataUrl(value)) as T
  if (Array.isArray(value)) return value.map((v: unknown) => displayLinks(v)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayLinks(v)])) as T
  }
  return value
}

/** Names of cloud metadata services (they answer with the machine's credentials). */
const METADATA_HOSTS = /^(metadata\.google\.internal|metadata\.goog|metadata|instance-data(\.ec2\.internal)?|metadata\.azure\.com)\.?$/i

function ipv4Parts(address: string): number[] | undefined {
  const parts = address.split('.').map(Number)
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : undefined
}

/** An IP without brackets, lower-cased, an IPv4-mapped IPv6 address as its IPv4 one. */
function bareAddress(address: string): string {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase()
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)?.[1] ?? a
}

/**
 * Why a link to this address must not be fetched, or undefined when it may be: link-local
 * (where cloud metadata services live), the metadata services' own addresses, "this host",
 * and loopback unless the API itself runs there (a local test). `address` is an IP, as
 * resolved, or an IP literal.
 */
export function unsafeAddress(address: string, allowLoopback: boolean): string | undefined {
  const a = bareAddress(address)
  const v4 = ipv4Parts(a)
  if (v4) {
    const [x, y] = v4 as [number, number, number, number]
    if (x === 169 && y === 254) return 'a link-local address (where cloud metadata services answer)'
    if (a === '100.100.100.200') return 'a cloud metadata address'
    if (x === 0) return 'an unspecified address'
    if (x === 127) return allowLoopback ? undefined : 'a loopback address'
    return undefined
  }
  if (!a.includes(':')) return undefined
  if (a === '::1') return allowLoopback ? undefined : 'a loopback address'
  if (a === '::') return 'an unspecified address'
  if (/^fe[89ab][0-9a-f]:/.test(a)) return 'a link-local address (where cloud metadata services answer)'
  if (/^fd00:ec2:(0*:)*:?0*254$/.test(a) || a === 'fd00:ec2::254') return 'a cloud metadata address'
  return undefined
}

/** The same for a URL's host before any lookup: metadata names and IP literals. */
export function unsafeHost(url: URL, allowLoopback: boolean): string | undefined {
  const host = url.hostname
  if (METADATA_HOSTS.test(host)) return 'a cloud metadata service'
  if (host === 'localhost' || host.endsWith('.localhost')) return allowLoopback ? undefined : 'a loopback address'
  return unsafeAddress(host, allowLoopback)
}

/** The longest host name DNS can hold (RFC 1035: 253 characters, each label at most 63). */
export const MAX_HOST_LENGTH = 253
export const MAX_LABEL_LENGTH = 63

/** Why no DNS can hold this host name, or undefined when it can (IP literals pass). */
export function hostNameProblem(hostname: string): string | undefined {
  if (hostname.startsWith('[')) return undefined
  const host = hostname.replace(/\.$/, '')
  if (host.length > MAX_HOST_LENGTH) return `a host name of ${host.length} characters (DNS holds at most ${MAX_HOST_LENGTH})`
  const long = host.split('.').find((label) => label.length > MAX_LABEL_LENGTH)
  if (long !== undefined) return `a host name with a label of ${long.length} characters (DNS holds at most ${MAX_LABEL_LENGTH} between dots)`
  return undefined
}

/**
 * Why an address is on a private network (RFC 1918, shared CGNAT space, IPv6 unique-local), or
 * undefined: links a user gives are fetched only from the public internet (or loopback in a local test).
 */
export function privateAddress(address: string): string | undefined {
  const a = bareAddress(address)
  const v4 = ipv4Parts(a)
  if (v4) {
    const [x, y] = v4 as [number, number, number, number]
    if (x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168)) return 'a private network address'
    if (x === 100 && y >= 64 && y <= 127) return 'a shared (carrier-grade NAT) address'
    return undefined
  }
  if (/^f[cd][0-9a-f]{2}:/.test(a)) return 'a private network address'
  return undefined
}
