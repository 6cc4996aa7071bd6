// `[emu:NAME]` / `[emu:NAME=VALUE]` tags in the prompt (the text of the first `text` media item)
// select failure modes and lifecycles. See emulator/README.md for the table.

const TAG_RE = /\[emu:([A-Za-z0-9_-]+)(?:=([^\]]*))?\]/g

/** Fields `[emu:unread=...]` (and the `unread` option) can move where the action does not read them (videos.mjs). */
export const UNREAD = ['task-id', 'status-word', 'progress', 'video-link', 'last-frame', 'usage']

/** name -> kind of value it takes. */
export const KNOWN_TAGS = {
  // submit time
  429: 'count',
  '429-no-header': 'count',
  500: 'flag',
  '502-html': 'flag',
  hang: 'flag',
  drop: 'flag',
  '400-risk': 'flag',
  'message-only': 'flag',
  'task_id-only': 'flag',
  '429-day': 'optcount',
  'endless-submit': 'flag',
  shape: { values: ['array', 'null', 'string'] },
  gzip: { values: ['task', 'error'], default: 'task' },
  'echo-key': { values: ['task', 'error', 'raw', 'raw-error'], default: 'task' },
  'inject-id': 'flag',
  'huge-id': 'flag',
  'asset-only': 'flag',
  // submit and poll time: a field where the action does not read it (videos.mjs: unreadShape)
  unread: { values: UNREAD },
  // poll time
  words: 'list',
  fail: 'flag',
  expire: 'flag',
  cancel: 'flag',
  slow: 'count',
  flaky: 'count',
  'poll-429': 'flag',
  url: 'url',
  'frame-at': { values: ['top', 'content', 'metadata'] },
  'poll-429-day': 'optcount',
  'endless-poll': 'optcount',
  'inject-status': 'flag',
  'no-progress': 'flag',
  'poll-after-ms': 'count',
  'poll-retry-after': 'count',
  'huge-url': 'flag',
  'js-url': 'flag',
  'private-url': { values: ['aws', 'gcp', 'ipv6'] },
  'private-frame': { values: ['aws', 'gcp', 'ipv6', 'loopback'] },
  'metadata-loopback': 'flag',
  duration: 'seconds',
  usage: { values: ['strings', 'none'] },
  'usage-strings': 'flag',
  'no-usage': 'flag',
  // download time
  cut: 'flag',
  size: 'count',
  'not-mp4': 'flag',
  redirect: 'flag',
  drip: 'flag',
  'endless-video': { values: ['chunked', 'lying'], default: 'chunked' },
  'bad-range': { values: ['start', 'total'], default: 'start' }
}

const URL_PLACES = ['metadata', 'video_url', 'content', 'none']

/** The prompt: text of the first `text` media item, or '' when there is none. */
export function promptOf(body) {
  const media = body && Array.isArray(body.media) ? body.media : []
  const item = media.find((m) => m && m.type === 'text' && typeof m.text === 'string')
  return item ? item.text : ''
}

/**
 * Parse the tags of a prompt. Returns { tags, error }: `tags` maps a name to its value
 * (a number for counts and seconds, Infinity for an `optcount` given without a value, an array for lists,
 * a string for `url` and the other enumerations, true for flags); `error` is a
 * message when a tag is unknown or has a bad value (answered as a 400 so a typo in a test
 * cannot silently select the default behaviour).
 */
export function parseTags(prompt) {
  const tags = {}
  for (const m of String(prompt).matchAll(TAG_RE)) {
    const name = m[1].toLowerCase()
    const raw = m[2]
    const kind = KNOWN_TAGS[name]
    if (!kind) return { tags, error: `emulator: unknown tag [emu:${m[1]}]` }
    if (kind === 'flag') {
      tags[name] = true
    } else if (kind === 'optcount' && raw === undefined) {
      tags[name] = Infinity
    } else if (typeof kind === 'object') {
      const value = raw === undefined ? kind.default : raw.trim()
      if (!kind.values.includes(value))
        return { tags, error: `emulator: [emu:${name}=...] must be one of ${kind.values.join(', ')}, got ${JSON.stringify(raw ?? '')}` }
      tags[name] = value
    } else if (kind === 'count' || kind === 'optcount') {
      if (raw === undefined || !/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw)))
        return { tags, error: `emulator: [emu:${name}=N] needs a non-negative integer, got ${JSON.stringify(raw ?? '')}` }
      tags[name] = Number(raw)
    } else if (kind === 'seconds') {
      if (raw === undefined || !/^\d{1,9}(\.\d{1,3})?$/.test(raw.trim()) || Number(raw) <= 0)
        return { tags, error: `emulator: [emu:${name}=S] needs a number of seconds greater than 0, got ${JSON.stringify(raw ?? '')}` }
      tags[name] = Number(raw)
    } else if (kind === 'list') {
      const words = (raw ?? '')
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean)
      if (words.length === 0) return { tags, error: `emulator: [emu:${name}=a,b,c] needs at least one word` }
      tags[name] = words
    } else if (kind === 'url') {
      const place = (raw ?? '').trim()
      if (!URL_PLACES.includes(place))
        return { tags, error: `emulator: [emu:url=...] must be one of ${URL_PLACES.join(', ')}, got ${JSON.stringify(raw ?? '')}` }
      tags[name] = place
    }
  }
  return { tags, error: null }
}
