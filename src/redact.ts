/** Long `data:` URLs (inline images) shortened for logs and outputs. */

const KEEP = 48

export function shortenDataUrl(url: string): string {
  if (!url.startsWith('data:') || url.length <= 120) return url
  return `${url.slice(0, KEEP)}...[${url.length} characters]`
}

/** A deep copy with every long data: URL string shortened. */
export function shortenDataUrls<T>(value: T): T {
  if (typeof value === 'string') return shortenDataUrl(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => shortenDataUrls(v)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortenDataUrls(v)])) as T
  }
  return value
}

/**
 * `text` with every secret replaced by `***`: credentials (a header value, and its token
 * without the `Bearer ` scheme) and the signed query of URLs. For server text before it is
 * shown: a server may quote what it was sent.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    let query = ''
    try {
      const u = new URL(secret)
      query = u.search.length > 1 ? u.search : ''
    } catch {
      query = ''
    }
    if (query) {
      out = out.split(query).join('?***').split(query.slice(1)).join('***')
      continue
    }
    for (const s of [secret, secret.replace(/^\S+\s+/, '')]) if (s.length >= 8) out = out.split(s).join('***')
  }
  return out
}

/** Line breaks, control and bidi characters: never let server text start a workflow command or hide text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g

/**
 * Server text as it may be shown in the log, the summary or an error: one line, no control
 * characters, at most `max` characters, and binary bytes named as such, never printed.
 */
export function cleanText(text: string, max = 300): string {
  const replaced = (text.match(/\ufffd/g) ?? []).length
  if (text.length > 0 && replaced / text.length > 0.05) return `(${text.length} characters of binary data)`
  const one = text.replace(UNPRINTABLE, ' ').replace(/ {2,}/g, ' ').trim()
  return one.length > max ? `${one.slice(0, max - 3)}...` : one
}
