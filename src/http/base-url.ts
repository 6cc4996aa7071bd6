/** The `base-url` and `asset-base-url` inputs: an origin the key may be sent to, checked before any request. */
import { InputError } from '../errors.js'
import { quoteInput } from '../format.js'
import { hostNameProblem, isLoopbackHost } from './url-policy.js'

/**
 * An API origin (optionally with a path prefix) that the key may be sent to, without a
 * trailing slash. The client adds `/v1/...` itself, so a trailing `/v1` is dropped and
 * reported through `notice`. Credentials, a query or a fragment (even an empty `?` or `#`)
 * are refused: they would end up in every request path.
 */
export function parseBaseUrl(name: string, value: string, notice: (message: string) => void = () => {}): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(`Input \`${name}\` must be an absolute URL such as https://api.powertokens.ai (got ${quoteInput(value)}).`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`Input \`${name}\` must be an https:// URL (got ${quoteInput(value)}).`)
  }
  const badHost = hostNameProblem(url.hostname)
  if (badHost !== undefined) {
    // Refused before any request, and never echoed whole (it may be 100,000 characters).
    throw new InputError(`Input \`${name}\` has ${badHost}, so no request can reach it (got ${quoteInput(url.hostname, 40)}).`)
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InputError(`Input \`${name}\` must use https:// (plain http:// is allowed only for localhost, so the API key is never sent in clear text).`)
  }
  // The URL parser drops an empty `?`, `#` or `@`, so look at the text too.
  const afterScheme = value.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
  const authority = afterScheme.split(/[/?#]/, 1)[0] ?? ''
  if (url.username || url.password || authority.includes('@')) {
    throw new InputError(`Input \`${name}\` must not contain credentials (user:password@): pass the key with \`api-key\`.`)
  }
  if (url.search || url.hash || /[?#]/.test(afterScheme)) {
    throw new InputError(
      `Input \`${name}\` must be a plain origin such as https://api.powertokens.ai, without a query (?) or fragment (#) (got ${quoteInput(value)}).`
    )
  }
  let href = url.href.replace(/\/+$/, '')
  if (/\/v1$/i.test(url.pathname.replace(/\/+$/, ''))) {
    href = href.replace(/\/v1$/i, '')
    notice(`Input \`${name}\` ends in /v1, which the action adds itself: using ${href}.`)
  }
  return href
}
