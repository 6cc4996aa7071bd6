/**
 * The video task object as the API returns it, read tolerantly: every field is optional
 * and a field of an unexpected type is ignored rather than failing the run.
 */
import * as z from 'zod/mini'
import { normalizeStatus, type Status } from './status.js'

const str = z.catch(z.optional(z.string()), undefined)
const num = z.catch(z.optional(z.number()), undefined)
const id = z.catch(z.optional(z.pipe(z.union([z.string(), z.number()]), z.transform((v) => String(v)))), undefined)

export const TaskObject = z.looseObject({
  id,
  task_id: id,
  status: str,
  progress: num,
  created_at: num,
  completed_at: num,
  expires_at: num,
  video_url: str,
  last_frame_url: str,
  error: z.catch(z.optional(z.looseObject({ message: str, code: z.catch(z.optional(z.union([z.string(), z.number()])), undefined) })), undefined),
  metadata: z.catch(z.optional(z.looseObject({ url: str })), undefined),
  content: z.catch(z.optional(z.looseObject({ video_url: str, last_frame_url: str })), undefined)
})
export type TaskObject = z.infer<typeof TaskObject>

export interface Task {
  /** `id`, else `task_id`. */
  id?: string
  status: Status
  /** The status word as the API spelled it. */
  rawStatus?: string
  progress?: number
  videoUrl?: string
  lastFrameUrl?: string
  error?: { message?: string; code?: string }
  object: TaskObject
}

export function readTask(data: unknown): Task {
  const object = TaskObject.parse(typeof data === 'object' && data !== null ? data : {})
  const error = object.error
  return {
    id: object.id ?? object.task_id,
    status: normalizeStatus(object.status),
    rawStatus: object.status,
    progress: object.progress,
    videoUrl: object.metadata?.url ?? object.video_url ?? object.content?.video_url,
    lastFrameUrl: object.last_frame_url ?? object.content?.last_frame_url,
    error: error && (error.message || error.code !== undefined) ? { message: error.message, code: error.code === undefined ? undefined : String(error.code) } : undefined,
    object
  }
}
