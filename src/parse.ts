/**
 * Parsers for single input values. Each failure is one sentence that names the input
 * and the rule, raised as an InputError before anything is sent.
 */
import { InputError } from './errors.js'

export function parseBoolean(name: string, value: string): boolean | undefined {
  if (value === '') return undefined
  const v = value.toLowerCase()
  if (v === 'true') return true
  if (v === 'false') return false
  throw new InputError(`Input \`${name}\` must be true or false (got ${JSON.stringify(value)}).`)
}

export function parseInteger(name: string, value: string, min: number, max: number): number | undefined {
  if (value === '') return undefined
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError(`Input \`${name}\` must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)}).`)
  }
  return n
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `90s`, `15m`, `1h`, `1h30m`, `500ms`, or a bare number of seconds. */
export function parseDuration(name: string, value: string): number | undefined {
  if (value === '') return undefined
  const v = value.trim().toLowerCase()
  let ms: number | undefined
  if (/^\d+(\.\d+)?$/.test(v)) {
    ms = Number(v) * 1000
  } else if (/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(v)) {
    ms = 0
    for (const [, num, unit] of v.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(num) * (UNIT_MS[unit as string] ?? 0)
  }
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) {
    throw new InputError(
      `Input \`${name}\` must be a duration such as 90s, 15m or 1h, or a number of seconds (got ${JSON.stringify(value)}).`
    )
  }
  return Math.round(ms)
}

export function parseChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  const v = value.toLowerCase()
  const found = choices.find((c) => c === v)
  if (found === undefined) {
    throw new InputError(`Input \`${name}\` must be one of ${choices.join(', ')} (got ${JSON.stringify(value)}).`)
  }
  return found
}

/** One entry per non-empty line; `#` comments and surrounding blanks are dropped. */
export function parseLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname)
}

/** An API origin (optionally with a path prefix) that the key may be sent to. */
export function parseBaseUrl(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(`Input \`${name}\` must be an absolute URL such as https://api.powertokens.ai (got ${JSON.stringify(value)}).`)
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InputError(
      `Input \`${name}\` must use https:// (plain http:// is allowed only for localhost, so the API key is never sent in clear text).`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`Input \`${name}\` must be an https:// URL (got ${JSON.stringify(value)}).`)
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError(`Input \`${name}\` must be a plain origin such as https://api.powertokens.ai, without credentials, query or fragment.`)
  }
  return url.href.replace(/\/+$/, '')
}
