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
