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
