/**
 * How numbers reach the user: durations, sizes and paths, one way everywhere in the log,
 * the summary and error messages. Sizes use one unit: 1 MB = 1024 KB = 1,048,576 bytes,
 * the unit the model's media limits are given in. Pure.
 */

const KB = 1024
export const MB = 1024 * KB

/**
 * `0.5 s`, `12 s`, `4 min 5 s`, `2 h 10 min`. Under a minute the value keeps one decimal
 * (dropped when it is `.0`, unless `fixed`: `Retrying in 1.0 s`).
 */
export function formatDuration(ms: number, fixed = false): string {
  if (!Number.isFinite(ms) || ms < 0) ms = 0
  if (ms < 59_950) {
    const s = (ms / 1000).toFixed(1)
    return `${fixed ? s : Number(s)} s`
  }
  const total = Math.round(ms / 1000)
  const m = Math.floor(total / 60)
  if (m < 60) return total % 60 === 0 ? `${m} min` : `${m} min ${total % 60} s`
  return m % 60 === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${m % 60} min`
}

/** `800 KB`, `3.1 MB`, `30 MB`, `1.2 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes < MB) return `${Math.ceil(bytes / KB)} KB`
  if (bytes < 1024 * MB) return `${Number((bytes / MB).toFixed(1))} MB`
  return `${Number((bytes / (1024 * MB)).toFixed(2))} GB`
}

/** `size` and `cap` in words that show the difference even when both round alike. */
export function formatSizes(size: number, cap: number): [string, string] {
  const a = formatBytes(size)
  const b = formatBytes(cap)
  return a === b ? [`${size} bytes`, `${b} (${cap} bytes)`] : [a, b]
}

/** Paths shown to the user: relative to the workspace when inside it. */
export function displayPath(abs: string, workspace: string): string {
  const root = workspace.endsWith('/') ? workspace : `${workspace}/`
  return abs.startsWith(root) ? abs.slice(root.length) : abs
}

/** `1 retry`, `3 retries`. */
export function retries(n: number): string {
  return `${n} ${n === 1 ? 'retry' : 'retries'}`
}

/** A task id (or any token) as a file name: anything but letters, digits, `_`, `.` and `-` becomes `_`. */
export function safeFileName(id: string): string {
  return id.replace(/[^\w.-]/g, '_')
}

/** A user value for an error message: JSON-quoted and cut short. */
export function quoteInput(value: string, max = 60): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}...` : value)
}

/** A sentence's first letter in lower case, to go after a colon ("Timeout" -> "timeout"; "HTTP" stays). */
export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? `${s[0]?.toLowerCase()}${s.slice(1)}` : s
}
