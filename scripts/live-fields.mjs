// Where the action reads each field of PowerTokens' answers, and where an answer actually had it:
// the comparison `npm run live-check` makes. The places mirror the readers (src/api/task.ts for a
// task, src/api/status.ts for its status words, src/http/powertokens-failures.ts for an error answer,
// src/media/asset-library.ts and asset-answers.ts for the Asset Library); __tests__/live-check.test.ts
// feeds each place to those readers and holds both lists equal. When a reader changes, this
// list changes with it. Node's standard library only.

/** Each field the action reads: the answer it is in, the places (dotted paths) it is read from. */
export const FIELDS = {
  taskId: { label: 'task id', answer: 'submit', reads: ['id', 'task_id'] },
  status: { label: 'status word', answer: 'poll', reads: ['status'] },
  progress: { label: 'progress', answer: 'poll', reads: ['progress'] },
  videoLink: { label: 'video link', answer: 'final poll', reads: ['metadata.url', 'video_url', 'content.video_url', 'metadata.video_url'] },
  lastFrameLink: { label: 'last-frame link', answer: 'final poll', reads: ['last_frame_url', 'content.last_frame_url', 'metadata.last_frame_url'] },
  usage: { label: 'usage', answer: 'final poll', reads: ['usage.total_tokens', 'usage.completion_tokens'] },
  // An error answer: `{error: {message, code}}`, `{message, code}`, or `{error: "message"}`.
  error: { label: 'error shape', answer: 'error answer', reads: ['error.message', 'error.code', 'message', 'code', 'error'] },
  assetTask: { label: 'asset upload task', answer: 'asset upload', reads: ['data.task_id', 'data.taskId', 'data.asset_id', 'data.assetId'] },
  assetId: { label: 'asset id', answer: 'asset poll', reads: ['data.asset_id', 'data.assetId'] },
  assetState: { label: 'asset state', answer: 'asset poll', reads: ['code', 'data.status'] }
}

/** The status words the action knows (src/api/status.ts), and what each means to it. */
export const STATUS_WORDS = {
  pending: 'queued',
  queued: 'queued',
  running: 'running',
  in_progress: 'running',
  processing: 'running',
  succeeded: 'succeeded',
  completed: 'succeeded',
  succeed: 'succeeded',
  success: 'succeeded',
  failed: 'failed',
  failure: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  expired: 'expired'
}

/** The Asset Library's envelope codes that mean "still processing" (src/media/asset-library.ts). */
export const ASSET_PENDING_CODES = [0, 100, 102, 201, 202, 204]

/** A status word as the action reads it (`unknown` when it does not know the word). */
export function statusOf(word) {
  if (typeof word !== 'string') return 'unknown'
  return (
    STATUS_WORDS[
      word
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_')
    ] ?? 'unknown'
  )
}

export const isFinal = (status) => ['succeeded', 'failed', 'cancelled', 'expired'].includes(status)

const isLink = (v) => typeof v === 'string' && /^https?:\/\//i.test(v.trim())
const isCount = (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*%?\s*$/.test(v))
const isId = (v) => (typeof v === 'string' && /^(?!\.{1,2}$)[\w.:-]{1,200}$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v))
const isText = (v) => typeof v === 'string' && v.trim() !== ''
const last = (path) => path.split('.').at(-1)
const FRAME = /frame|thumb|cover|poster|image|picture/i

/**
 * For each field: which leaves of an answer look like it (wherever they are), and which values
 * the action would take from one of its places.
 */
const LOOKS = {
  taskId: { like: (p, v) => /(^|_)(task_?)?id$|Id$/i.test(last(p)) && (typeof v === 'string' || typeof v === 'number'), valid: isId },
  status: { like: (p, v) => /status|state/i.test(last(p)) && typeof v === 'string', valid: (v) => typeof v === 'string' },
  progress: { like: (p, v) => /progress|percent/i.test(last(p)) && isCount(v), valid: isCount },
  videoLink: { like: (p, v) => isLink(v) && !FRAME.test(p), valid: isLink },
  lastFrameLink: { like: (p, v) => isLink(v) && FRAME.test(p), valid: isLink },
  usage: { like: (p, v) => /token|usage|credit|cost/i.test(p) && isCount(v), valid: (v) => isCount(v) && !String(v).includes('%') },
  error: {
    like: (p, v) => /message|msg|error|detail|reason|code/i.test(last(p)) && (isText(v) || typeof v === 'number'),
    valid: (v) => isText(v) || typeof v === 'number'
  },
  assetTask: { like: (p, v) => /(task|asset)_?id$|^id$/i.test(last(p)) && (typeof v === 'string' || typeof v === 'number'), valid: isId },
  assetId: { like: (p, v) => /asset_?id$|^id$/i.test(last(p)) && (typeof v === 'string' || typeof v === 'number'), valid: isId },
  assetState: { like: (p, v) => /status|state|code/i.test(last(p)) && (isText(v) || typeof v === 'number'), valid: (v) => isText(v) || typeof v === 'number' }
}

/** Every scalar of a JSON value as `[dotted path, value]` (arrays by index), at most 2,000 of them, 8 deep. */
export function leaves(value, path = '', out = [], depth = 0) {
  if (out.length >= 2000) return out
  if (value !== null && typeof value === 'object') {
    if (depth >= 8) return out
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out, depth + 1)
  } else if (path !== '') out.push([path, value])
  return out
}

/** A leaf's value as shown in the table: short, one line. */
export function shown(value) {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text
}

/**
 * Where `answer` (parsed JSON) had `field`: `found` lists every place that looks like it,
 * `read` those the action reads it from (with a value it takes).
 */
export function locate(field, answer) {
  const look = LOOKS[field]
  const reads = FIELDS[field].reads
  const all = leaves(answer)
  const found = all.filter(([p, v]) => look.like(p, v))
  const byPath = new Map(all)
  const read = reads.filter((p) => byPath.has(p) && look.valid(byPath.get(p))).map((p) => [p, byPath.get(p)])
  // A place the action reads that holds the field counts as found even when its name says little (`code`).
  for (const entry of read) if (!found.some(([p]) => p === entry[0])) found.push(entry)
  return { found, read }
}
