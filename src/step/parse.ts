/**
 * Parsers for single input values. Each failure is one sentence that names the input
 * and the rule, raised as an InputError before anything is sent.
 */
import { MAX_TIMER_MS } from '../http/abort.js'
import { InputError } from '../errors.js'
import { quoteInput } from '../format.js'

export { quoteInput }

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

/** `90s`, `15m`, `1h`, `1h30m`, `500ms`, or a bare number of seconds; at most `maxMs`. */
export function parseDuration(name: string, value: string, maxMs = MAX_TIMER_MS): number | undefined {
  if (value === '') return undefined
  const v = value.trim().toLowerCase()
  let ms: number | undefined
  if (/^\d{1,12}(\.\d{1,6})?$/.test(v)) {
    ms = Number(v) * 1000
  } else if (v.length <= 40 && /^(\d+(\.\d+)?(ms|h|m|s))+$/.test(v)) {
    ms = 0
    for (const [, num, unit] of v.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(num) * (UNIT_MS[unit as string] ?? 0)
  }
  if (ms === undefined || !Number.isFinite(ms)) {
    throw new InputError(`Input \`${name}\` must be a duration such as 90s, 15m or 1h, or a number of seconds (got ${quoteInput(value)}).`)
  }
  if (Math.round(ms) <= 0) {
    throw new InputError(`Input \`${name}\` must be a duration greater than zero, such as 90s, 15m or 1h (got ${quoteInput(value)}).`)
  }
  if (ms > maxMs) {
    throw new InputError(`Input \`${name}\` must be a duration of at most ${formatMax(maxMs)} (got ${quoteInput(value)}).`)
  }
  return Math.round(ms)
}

function formatMax(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms % 1000 === 0) return `${ms / 1000}s`
  return `${ms}ms`
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

export { isLoopbackHost } from '../http/url-policy.js'

/** Visible ASCII only: what an HTTP header can carry, and all an API key or token is made of. */
export function checkHeaderValue(name: string, value: string): void {
  const bad = [...value].findIndex((c) => !/^[\x21-\x7e]$/.test(c))
  if (bad < 0) return
  const c = [...value][bad] as string
  const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  const what = /\s/.test(c) ? 'a space or line break' : `an invisible or non-ASCII character (${code})`
  throw new InputError(
    `Input \`${name}\` contains ${what} at position ${bad + 1}, which cannot be sent in an HTTP header: check the secret for characters pasted with it.`
  )
}
