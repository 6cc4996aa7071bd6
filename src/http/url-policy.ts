/**
 * Where the action may send a request, and where it may send the key. One policy for the
 * API, the Asset Library, downloads and their redirects:
 *
 * - only https://, or plain http:// to a loopback host;
 * - credentials only to the origin they belong to, and never again once a redirect leaves it;
 * - URLs in logs and errors without query, fragment or user info (signed links carry
 *   credentials there).
 */
import ipaddr from 'ipaddr.js'
import { shortenDataUrl } from '../redact.js'

/** `localhost`, or an IP literal (any spelling) of a loopback address. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost') return true
  const ip = judgedAddress(host)
  return ip !== undefined && ip.address.range() === 'loopback'
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

/** An IP address as it is judged: an IPv4 address carried inside IPv6 is that IPv4 address. */
export interface JudgedAddress {
  address: ipaddr.IPv4 | ipaddr.IPv6
  /** The IPv6 spelling it was carried in (IPv4-mapped, IPv4-compatible, NAT64, 6to4), if any. */
  carriedIn?: string
}

/** NAT64's well-known prefix, 64:ff9b::/96 (RFC 6052), and the IPv4-compatible ::/96. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96')
const COMPATIBLE = ipaddr.parseCIDR('::/96')
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16')
/** RFC 8215's local-use NAT64 prefix: translates to addresses of a local network. */
const LOCAL_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48')

function ipv4Of(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff])
}

/**
 * An IP literal (with or without brackets) or a resolved address, parsed by ipaddr.js, with an
 * IPv4 address unwrapped from every IPv6 form that carries one; undefined when it is not an IP.
 */
export function judgedAddress(text: string): JudgedAddress | undefined {
  const bare = text.replace(/^\[|\]$/g, '')
  let ip: ipaddr.IPv4 | ipaddr.IPv6
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) ip = ipaddr.IPv4.parse(bare)
  else if (bare.includes(':') && ipaddr.IPv6.isValid(bare)) ip = ipaddr.IPv6.parse(bare)
  else return undefined
  if (ip.kind() === 'ipv4') return { address: ip }
  const v6 = ip as ipaddr.IPv6
  const p = v6.parts
  const low = (): ipaddr.IPv4 => ipv4Of(p[6] ?? 0, p[7] ?? 0)
  if (v6.isIPv4MappedAddress()) return { address: v6.toIPv4Address(), carriedIn: 'IPv4-mapped IPv6' }
  if (v6.range() === 'rfc6145') return { address: low(), carriedIn: 'IPv4-translated IPv6' }
  if (v6.match(NAT64)) return { address: low(), carriedIn: 'NAT64 IPv6' }
  if (v6.match(SIX_TO_FOUR)) return { address: ipv4Of(p[1] ?? 0, p[2] ?? 0), carriedIn: '6to4 IPv6' }
  if (v6.match(COMPATIBLE) && !['unspecified', 'loopback'].includes(v6.range())) return { address: low(), carriedIn: 'IPv4-compatible IPv6' }
  return { address: v6 }
}

const LINK_LOCAL = 'a link-local address (where cloud metadata services answer)'
/** Cloud metadata services on addresses outside the link-local ranges. */
const METADATA_ADDRESSES = new Set(['100.100.100.200', 'fd00:ec2::254'])

/** What an address is, in words, when a link to it must not be fetched (always, or loopback unless allowed). */
function unsafeRange(ip: ipaddr.IPv4 | ipaddr.IPv6, allowLoopback: boolean): string | undefined {
  if (METADATA_ADDRESSES.has(ip.toString())) return 'a cloud metadata address'
  switch (ip.range()) {
    case 'linkLocal':
      return LINK_LOCAL
    case 'unspecified':
      return 'an unspecified address'
    case 'broadcast':
    case 'multicast':
      return 'a broadcast or multicast address'
    case 'loopback':
      return allowLoopback ? undefined : 'a loopback address'
    default:
      return undefined
  }
}

/** `reason`, and the IPv4 address it was, when it came written as IPv6. */
function told(reason: string | undefined, judged: JudgedAddress): string | undefined {
  return reason && judged.carriedIn ? `${reason}, ${judged.address.toString()} written as ${judged.carriedIn}` : reason
}

/**
 * Why a link to this address must not be fetched, or undefined when it may be: link-local
 * (where cloud metadata services live), the metadata services' own addresses, "this host",
 * broadcast and multicast, and loopback unless the API itself runs there (a local test).
 * `address` is an IP, as resolved, or an IP literal, in any spelling: an IPv4 address inside
 * IPv6 is judged as that IPv4 address.
 */
export function unsafeAddress(address: string, allowLoopback: boolean): string | undefined {
  const judged = judgedAddress(address)
  return judged && told(unsafeRange(judged.address, allowLoopback), judged)
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
  const judged = judgedAddress(address)
  if (!judged) return undefined
  const ip = judged.address
  let reason: string | undefined
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).match(LOCAL_NAT64)) reason = 'a private network address (local-use NAT64)'
  else if (ip.range() === 'private' || ip.range() === 'uniqueLocal') reason = 'a private network address'
  else if (ip.range() === 'carrierGradeNat') reason = 'a shared (carrier-grade NAT) address'
  return told(reason, judged)
}
