/**
 * Where each input of action.yml goes, once. action.yml is the one source of the inputs' names
 * and defaults (step/action-yml.ts reads it); this table says, for each of them, what it sets:
 * a step setting (a field of `Config`), a part of the request (its prompt, media items, one
 * media item per line, or a body field), a key a `batch` entry may give, and a row of the
 * summary's settings. The lists the code works from (the request's inputs, a batch entry's keys,
 * the media shorthands, the body fields, the summary's rows) are read from it, and a test holds
 * it equal to action.yml: adding an input is action.yml, a row here, and the README.
 */
import { SEED_MAX, type UrlMediaType } from '../api/request-schema.js'
import type { Config } from './step-settings.js'

/** How a body field's input is read: as text, true/false, or a whole number in a range. */
export type FieldValue = 'text' | 'boolean' | { integer: readonly [min: number, max: number] }

/** What of the request an input makes. */
export type RequestPart =
  /** The prompt's text item (`prompt`, or `prompt-file`'s content). */
  | { media: 'prompt' }
  /** Media items as JSON or YAML (`media`). */
  | { media: 'items' }
  /** One media item of this type per line (a shorthand such as `first-frame`). */
  | { media: UrlMediaType }
  /** A field of the body, under its API name. */
  | { field: string; value: FieldValue }

/** How a batch entry may give an input: text, a number or true/false (`value`), also a YAML list of strings (`list`), or of media items (`items`). */
export type EntryKind = 'value' | 'list' | 'items'

export interface InputRoute {
  /** The step setting it is read into. */
  setting?: keyof Config
  /** What of the request it makes. */
  request?: RequestPart
  /** A batch entry may give it: as the step's input would carry it; `list` also as a YAML list of strings, `items` also as a list of media items. */
  entry?: EntryKind
  /** A row of the summary's settings, under the input's name: always (the API's default when empty), or only when given. */
  summary?: 'always' | 'when-set'
}

/** Every input of action.yml, in its order. */
export const INPUT_TABLE = {
  'api-key': { setting: 'apiKey' },
  'base-url': { setting: 'baseUrl' },
  model: { request: { field: 'model', value: 'text' }, entry: 'value', summary: 'always' },
  prompt: { request: { media: 'prompt' }, entry: 'value' },
  'prompt-file': { request: { media: 'prompt' }, entry: 'value' },
  media: { request: { media: 'items' }, entry: 'items' },
  'first-frame': { request: { media: 'first_frame' }, entry: 'value' },
  'last-frame': { request: { media: 'last_frame' }, entry: 'value' },
  'reference-images': { request: { media: 'reference_image' }, entry: 'list' },
  'reference-videos': { request: { media: 'reference_video' }, entry: 'list' },
  'reference-audios': { request: { media: 'reference_audio' }, entry: 'list' },
  seconds: { request: { field: 'seconds', value: 'text' }, entry: 'value', summary: 'always' },
  size: { request: { field: 'size', value: 'text' }, entry: 'value', summary: 'always' },
  ratio: { request: { field: 'ratio', value: 'text' }, entry: 'value', summary: 'always' },
  seed: { request: { field: 'seed', value: { integer: [-1, SEED_MAX] } }, entry: 'value', summary: 'always' },
  watermark: { request: { field: 'watermark', value: 'boolean' }, entry: 'value', summary: 'always' },
  'generate-audio': { request: { field: 'generate_audio', value: 'boolean' }, entry: 'value', summary: 'always' },
  'return-last-frame': { request: { field: 'return_last_frame', value: 'boolean' }, entry: 'value', summary: 'always' },
  'safety-identifier': { request: { field: 'safety_identifier', value: 'text' }, entry: 'value', summary: 'when-set' },
  wait: { setting: 'wait' },
  timeout: { setting: 'timeoutMs' },
  'poll-interval': { setting: 'pollIntervalMs' },
  'output-path': { setting: 'output' },
  'task-id': { setting: 'taskId', entry: 'value' },
  'dry-run': { setting: 'dryRun' },
  'max-retries': { setting: 'maxRetries' },
  'request-timeout': { setting: 'requestTimeoutMs' },
  'upload-to-release': { setting: 'uploadToRelease' },
  'release-tag': { setting: 'releaseTag' },
  'release-asset-name': { setting: 'releaseAssetName' },
  'asset-base-url': { setting: 'assetBaseUrl' },
  'asset-group-id': { setting: 'assetGroupId' },
  'local-images-as': { setting: 'localImagesAs' },
  'remote-media-as': { setting: 'remoteMediaAs' },
  batch: { setting: 'batch' },
  'max-concurrency': { setting: 'maxConcurrency' },
  shard: { setting: 'shard' },
  resume: { setting: 'resume' },
  cache: { setting: 'cache' },
  'token-budget': { setting: 'tokenBudget' },
  'github-token': { setting: 'githubToken' }
} as const satisfies Readonly<Record<string, InputRoute>>

export type InputName = keyof typeof INPUT_TABLE

const rows = Object.entries(INPUT_TABLE) as Array<[InputName, InputRoute]>

/** The inputs a request's media are made of (a `task-id` run takes none of them). */
export const REQUEST_INPUTS: readonly InputName[] = rows.filter(([, r]) => r.request !== undefined && 'media' in r.request).map(([name]) => name)

/** The keys a batch entry may give: its `name`, and the inputs the table lets an entry give. */
export const ENTRY_KEYS: readonly string[] = ['name', ...rows.filter(([, r]) => r.entry !== undefined).map(([name]) => name)]

/** How an entry may give each of its keys (`name` aside). */
export const ENTRY_KINDS: ReadonlyMap<string, EntryKind> = new Map(rows.flatMap(([name, r]) => (r.entry !== undefined ? [[name, r.entry] as const] : [])))

/** The media shorthands: each line of the input becomes one media item of this type. */
export const SHORTHANDS: ReadonlyArray<readonly [InputName, UrlMediaType]> = rows.flatMap(([name, r]) =>
  r.request !== undefined && 'media' in r.request && r.request.media !== 'prompt' && r.request.media !== 'items' ? [[name, r.request.media] as const] : []
)

/** The body fields the inputs set: the field, the input, and how its value is read. */
export const BODY_FIELDS: ReadonlyArray<{ field: string; input: InputName; value: FieldValue }> = rows.flatMap(([input, r]) =>
  r.request !== undefined && 'field' in r.request ? [{ field: r.request.field, input, value: r.request.value }] : []
)

/** The summary's settings rows, in table order: the input, the body field it shows, and whether it shows only when given. */
export const SUMMARY_ROWS: ReadonlyArray<{ input: InputName; field: string; whenSet: boolean }> = rows.flatMap(([input, r]) =>
  r.summary !== undefined && r.request !== undefined && 'field' in r.request ? [{ input, field: r.request.field, whenSet: r.summary === 'when-set' }] : []
)
