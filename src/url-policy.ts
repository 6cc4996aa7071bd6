/**
 * Where the action may send a request, and where it may send the key. One policy for the
 * API, the Asset Library, downloads and their redirects:
 *
 * - only https://, or plain http:// to a loopback host;
 * - credentials only to the origin they belong to, and never again once a redirect leaves it;
 * - URLs in logs and errors without query, fragment or user info (signed links carry
 *   credentials there).
 */

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
