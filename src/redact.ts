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

/** Control and bidi characters, zero-width marks and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g
/** The line breaks the runner reads a line up to; any other (U+2028, NEL...) is `UNPRINTABLE`. */
const LINE_BREAK = /\r\n|[\n\r]/

/**
 * A line that cannot be a workflow command: the runner acts on `::` at the start of a line
 * (after any white space) and on the old form `##[command]` anywhere in one. Both are broken
 * with a space; everything else is kept.
 */
function inertLine(line: string): string {
  return line.replace(/##\[/g, '# #[').replace(/^(\s*):(?=:)/, '$1: ')
}

/**
 * Text from outside (a server, a link, a file) made inert for the log, an annotation, an
 * output or the summary: no workflow command (`::` at a line start, `##[` anywhere), no control
 * character, no hidden or bidi mark, no Unicode line or paragraph separator. One line, unless
 * `keepLines` (the step's own multi-line text, e.g. a request body, or JSON for an output: each
 * line is made inert on its own, and JSON stays JSON). The one function every
 * such text passes; `cleanText` adds the secrets and the length.
 */
export function neutralize(text: string, keepLines = false): string {
  if (keepLines)
    return text
      .split(LINE_BREAK)
      .map((line) => inertLine(line.replace(UNPRINTABLE, ' ')))
      .join('\n')
  return inertLine(text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim())
}

/** The step's secrets (the key, the token), as the step masked them: `cleanText` removes them all. */
const known: string[] = []

/** Registers a secret that every later `cleanText` removes before it cuts (the step calls it as it masks one). */
export function addSecret(secret: string): void {
  if (secret !== '' && !known.includes(secret)) known.push(secret)
}

/**
 * Server text as it may be shown in the log, the summary or an error: the secrets (`secrets`
 * and every one given to `addSecret`) removed first, since a secret cut in half would no longer
 * match; then made inert and one line (`neutralize`); then cut to at most `max` characters.
 * Binary bytes are named as such, never printed.
 */
export function cleanText(text: string, max = 300, secrets: readonly string[] = []): string {
  const replaced = (text.match(/\ufffd/g) ?? []).length
  if (text.length > 0 && replaced / text.length > 0.05) return `(${text.length} characters of binary data)`
  const all = known.length > 0 ? [...known, ...secrets] : secrets
  const one = neutralize(all.length > 0 ? redactSecrets(text, all) : text)
  return one.length > max ? `${one.slice(0, max - 3)}...` : one
}
