/**
 * The video task object as the API returns it, read tolerantly: every field is optional
 * and a field of an unexpected type is ignored rather than failing the run.
 */
import * as z from 'zod/mini'
import { cleanText } from '../redact.js'
import { transportAllowed } from '../http/url-policy.js'
import { normalizeStatus, type Status } from './status.js'

/** A task id the action can put in a URL path, a file name and a log line: a plain token. */
export const TASK_ID = /^(?!\.{1,2}$)[\w.:-]{1,200}$/

/** Longest link taken from a task object (signed CDN links are a few hundred characters). */
export const MAX_LINK_LENGTH = 16 * 1024

const str = z.catch(z.optional(z.string()), undefined)
const num = z.catch(z.optional(z.number()), undefined)
/** A token count as a number or a numeric string ("108900"); anything else is dropped. */
const count = z.catch(
  z.optional(
    z
      .pipe(
        z.union([z.number(), z.string().check(z.regex(/^\s*\d{1,15}(\.0*)?\s*$/))]),
        z.transform((v) => Number(v))
      )
      .check(z.refine((n) => Number.isSafeInteger(n) && n >= 0))
  ),
  undefined
)
/** `progress` as a number, or as a numeric string (`"50"`, `"50%"`): its form is unconfirmed (docs/powertokens-api.md). */
const progressNum = z.catch(
  z.optional(
    z.union([
      z.number(),
      z.pipe(
        z.string().check(z.regex(/^\s*\d+(\.\d+)?\s*%?\s*$/)),
        z.transform((v) => Number.parseFloat(v))
      )
    ])
  ),
  undefined
)
const id = z.catch(
  z.optional(
    z.pipe(
      z.union([z.string(), z.number()]),
      z.transform((v) => String(v))
    )
  ),
  undefined
)

export const TaskObject = z.looseObject({
  id,
  task_id: id,
  status: str,
  progress: progressNum,
  created_at: num,
  completed_at: num,
  expires_at: num,
  video_url: str,
  last_frame_url: str,
  // `{message, type, code}`, or (seen on gateways) the message alone as a string.
  error: z.catch(
    z.optional(
      z.union([
        z.looseObject({ message: str, type: str, code: z.catch(z.optional(z.union([z.string(), z.number()])), undefined) }),
        z.pipe(
          z.string(),
          z.transform((message) => ({ message, type: undefined, code: undefined }))
        )
      ])
    ),
    undefined
  ),
  metadata: z.catch(z.optional(z.looseObject({ url: str, video_url: str, last_frame_url: str })), undefined),
  content: z.catch(z.optional(z.looseObject({ video_url: str, last_frame_url: str })), undefined),
  usage: z.catch(z.optional(z.looseObject({ total_tokens: count, completion_tokens: count })), undefined)
})
export type TaskObject = z.infer<typeof TaskObject>

export interface Task {
  /** `id`, else `task_id`; undefined when neither is a plain token (see `badId`). */
  id?: string
  /** The answer named a task id that is not a plain token (shown cleaned, never raw). */
  badId?: string
  status: Status
  /** The status word as the API spelled it, cleaned for the log. */
  rawStatus?: string
  progress?: number
  videoUrl?: string
  lastFrameUrl?: string
  error?: { message?: string; code?: string }
  /** Tokens the API reported for the task (`usage.total_tokens`, else `usage.completion_tokens`). */
  tokens?: number
  object: TaskObject
}

/** A JSON object (not an array, null or a scalar): the only shape a task can have. */
export function isTaskShaped(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data)
}

/** What a JSON value is, in words, for a message. */
export function shapeOf(data: unknown): string {
  if (data === null) return 'null'
  if (Array.isArray(data)) return 'a list'
  return `a ${typeof data}`
}

/** Every server string is cleaned here, once: ids checked, words and messages one line and short. */
export function readTask(data: unknown): Task {
  const object = TaskObject.parse(isTaskShaped(data) ? data : {})
  const error = object.error
  const rawId = object.id ?? object.task_id
  const id = rawId !== undefined && TASK_ID.test(rawId) ? rawId : undefined
  const progress = object.progress !== undefined && Number.isFinite(object.progress) ? Math.max(0, Math.min(100, Math.round(object.progress))) : undefined
  return {
    id,
    badId: rawId !== undefined && id === undefined ? cleanText(rawId, 60) : undefined,
    status: normalizeStatus(object.status),
    rawStatus: object.status === undefined ? undefined : cleanText(object.status, 40),
    progress,
    // Every place docs/powertokens-api.md names, in its order; the last frame's third place is `metadata`.
    videoUrl: object.metadata?.url ?? object.video_url ?? object.content?.video_url ?? object.metadata?.video_url,
    lastFrameUrl: object.last_frame_url ?? object.content?.last_frame_url ?? object.metadata?.last_frame_url,
    tokens: object.usage?.total_tokens ?? object.usage?.completion_tokens,
    error:
      error && (error.message || error.code !== undefined)
        ? {
            message: error.message === undefined ? undefined : cleanText(error.message, 500),
            code: error.code === undefined ? undefined : cleanText(String(error.code), 80)
          }
        : undefined,
    object
  }
}

/**
 * A link from the task object, if it may be used: an https:// URL (http:// only on
 * loopback) of sane length. Anything else is named (cleaned) in a warning and not used.
 */
export function checkLink(url: string | undefined, what: string, warn: (line: string) => void): string | undefined {
  if (url === undefined || url.trim() === '') return undefined
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  if (url.length > MAX_LINK_LENGTH) warn(`The task's ${what} link is ${url.length} characters long, more than a link can be; it is not used.`)
  else if (!parsed || !transportAllowed(parsed)) warn(`The task's ${what} link is not an https:// URL ("${cleanText(url, 60)}"); it is not used.`)
  else return parsed.href
  return undefined
}
