/**
 * Inputs -> the validated body of `POST /v1/videos`.
 *
 * The media array is built in a fixed order: the prompt as a `text` item, then the
 * `media` input's items, then first frame, last frame, reference images, videos, audios.
 * Optional fields the user left empty are left out, so the API's own defaults apply.
 */
import { InputError } from '../errors.js'
import { isLocalReference } from '../media/files.js'
import { checkRules } from './rules.js'
import { VideoRequest, type UrlMediaType } from '../api/request-schema.js'
import { BODY_FIELDS, SHORTHANDS } from './input-table.js'
import { LOCAL_PLACEHOLDER, type BuiltRequest, type LocalMedia, type MediaSource } from '../media/request-media.js'

export interface RequestInputs {
  model: string
  prompt: string
  /** The input the prompt came from, named in errors: `prompt` (default) or `prompt-file`. */
  promptInput?: string
  media: unknown[]
  firstFrame: string[]
  lastFrame: string[]
  referenceImages: string[]
  referenceVideos: string[]
  referenceAudios: string[]
  seconds?: string
  size?: string
  ratio?: string
  seed?: number
  watermark?: boolean
  generateAudio?: boolean
  returnLastFrame?: boolean
  safetyIdentifier?: string
}

/** Stands in for a batch entry's first frame taken from another entry (`{ after: <name> }`) until that one has its last frame. */
export const CHAIN_PREFIX = 'asset://last-frame-of-'

/** The member of `RequestInputs` an input fills: its name in camel case (`generate-audio` -> `generateAudio`). */
export function requestKey(input: string): keyof RequestInputs {
  return input.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof RequestInputs
}

/** Body field -> the input that sets it (input-table.ts). */
function inputOfField(field: string): string | undefined {
  return BODY_FIELDS.find((f) => f.field === field)?.input
}

export function buildRequest(inputs: RequestInputs): BuiltRequest {
  const media: unknown[] = []
  const sources: MediaSource[] = []
  const locals: LocalMedia[] = []
  const add = (item: unknown, input: string, position: number): void => {
    const path = localPathOf(item)
    if (path !== undefined) {
      const type = (item as { type: UrlMediaType }).type
      locals.push({ index: media.length, path, type, input })
      item = { type, url: LOCAL_PLACEHOLDER }
    }
    media.push(item)
    sources.push({ input, position })
  }

  if (inputs.prompt.trim() !== '') add({ type: 'text', text: inputs.prompt }, inputs.promptInput ?? 'prompt', 1)
  inputs.media.forEach((item, i) => add(item, 'media', i + 1))
  for (const [input, type] of SHORTHANDS) {
    const urls = (inputs[requestKey(input)] as string[] | undefined) ?? []
    if ((type === 'first_frame' || type === 'last_frame') && urls.length > 1) {
      throw new InputError(`Input \`${input}\` takes one URL (got ${urls.length} lines).`)
    }
    urls.forEach((url, i) => add({ type, url }, input, i + 1))
  }

  // `model` first, then `media`, then each field the user gave, in the table's order (empty ones
  // are left out, so the API's own defaults apply).
  const candidate: Record<string, unknown> = { model: inputs.model, media }
  for (const { field, input } of BODY_FIELDS) {
    const value = inputs[requestKey(input)]
    if (field !== 'model' && value !== undefined && value !== '') candidate[field] = value
  }

  if (media.length === 0) {
    throw new InputError(
      'Nothing to send: set `prompt` (or `prompt-file`), or give media with `media`, `first-frame` or `reference-images`/`-videos`/`-audios`.'
    )
  }

  const result = VideoRequest.safeParse(candidate)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new InputError(describeIssue(issue, candidate, sources))
  }
  const body = result.data
  const broken = checkRules(body, (i) => sources[i]?.input ?? 'media')
  if (broken) throw new InputError(broken)
  return { body, sources, locals }
}

/**
 * The workspace path an item names, if any: `{type, path}`, or a `url` with no scheme.
 * Text items and real URLs name none.
 */
function localPathOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined
  const { type, url, path, ...rest } = item as Record<string, unknown>
  if (type === 'text' || typeof type !== 'string' || Object.keys(rest).length > 0) return undefined
  if (typeof path === 'string' && url === undefined) return path
  if (typeof url === 'string' && path === undefined && url.trim() !== '' && isLocalReference(url)) return url
  return undefined
}

interface Issue {
  path: PropertyKey[]
  message: string
  code?: string
  keys?: string[]
}

function describeIssue(issue: Issue | undefined, candidate: Record<string, unknown>, sources: MediaSource[]): string {
  if (!issue) return 'The request is not valid.'
  const [field, index, key] = issue.path
  if (field === 'media' && typeof index === 'number') {
    const source = sources[index] ?? { input: 'media', position: index + 1 }
    const item = (candidate.media as unknown[])[index]
    const where = source.input === 'media' ? `Input \`media\` item ${source.position}` : `Input \`${source.input}\` line ${source.position}`
    if (issue.code === 'unrecognized_keys') {
      return `${where} has unknown field(s) ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}: items are {type, text}, {type, url} or {type, path}.`
    }
    if (typeof item !== 'object' || item === null) return `${where} must be an object such as {"type": "text", "text": "..."}.`
    const value = key === undefined ? undefined : (item as Record<string, unknown>)[String(key)]
    const got = value === undefined ? '' : ` (got ${quote(value)})`
    if (key === 'type' || key === undefined) return `${where} ${issue.message}${got}.`
    return `${where}: "${String(key)}" ${issue.message}${got}.`
  }
  const input = typeof field === 'string' ? inputOfField(field) : undefined
  if (typeof field === 'string' && input !== undefined) {
    return `Input \`${input}\` ${issue.message} (got ${quote(candidate[field])}).`
  }
  return `The request ${issue.message}.`
}

function quote(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value)
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}
