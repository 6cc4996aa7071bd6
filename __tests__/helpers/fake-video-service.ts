/**
 * A scripted PowerTokens API for the scheduler's tests: no network. Each submit is answered by
 * the body's prompt (its first text item); each task id has a list of answers, read one per
 * `getTask` (the last one repeats). Every call is recorded in order.
 */
import type { ApiResult, VideoService } from '../../src/api/client.js'
import type { VideoRequest } from '../../src/api/request-schema.js'
import { readTask } from '../../src/api/task.js'
import type { Credentials } from '../../src/http/transport.js'

/** A task object as the API would send it, or an error the call throws. */
export type Answer = Record<string, unknown> | Error

export interface FakeScript {
  /** By prompt (the body's first text item): the submit's answer. */
  submits?: Record<string, Answer>
  /** By task id: the answers of successive reads (the last one repeats). */
  tasks?: Record<string, Answer[]>
}

/** One call the pipeline made, in order. */
export type Call = { op: 'submit'; prompt: string; body: VideoRequest } | { op: 'getTask'; id: string }

export const API_BASE = 'https://api.example'

export function promptOf(body: VideoRequest): string {
  const text = body.media.find((m) => m.type === 'text')
  return text && text.type === 'text' ? text.text : ''
}

function answer(a: Answer): ApiResult {
  if (a instanceof Error) throw a
  return { task: readTask(a), raw: JSON.stringify(a) }
}

export class FakeVideoService implements VideoService {
  readonly calls: Call[] = []
  private readonly reads = new Map<string, number>()

  constructor(private readonly script: FakeScript) {}

  /** The calls as short words, e.g. `submit A`, `getTask t-a`. */
  get log(): string[] {
    return this.calls.map((c) => (c.op === 'submit' ? `submit ${c.prompt}` : `getTask ${c.id}`))
  }

  get submits(): Array<Extract<Call, { op: 'submit' }>> {
    return this.calls.filter((c): c is Extract<Call, { op: 'submit' }> => c.op === 'submit')
  }

  async submit(body: unknown): Promise<ApiResult> {
    const request = structuredClone(body) as VideoRequest
    const prompt = promptOf(request)
    this.calls.push({ op: 'submit', prompt, body: request })
    const a = this.script.submits?.[prompt]
    if (a === undefined) throw new Error(`The fake has no submit answer for "${prompt}"`)
    return answer(a)
  }

  async getTask(id: string): Promise<ApiResult> {
    this.calls.push({ op: 'getTask', id })
    const list = this.script.tasks?.[id]
    if (!list || list.length === 0) throw new Error(`The fake has no answer for task ${id}`)
    const n = this.reads.get(id) ?? 0
    this.reads.set(id, n + 1)
    return answer(list[Math.min(n, list.length - 1)]!)
  }

  url(path: string): string {
    return `${API_BASE}${path}`
  }

  credentials(): Credentials {
    return { origin: API_BASE, headers: { authorization: 'Bearer test-key' } }
  }
}
