/**
 * Every input of action.yml, read through `getInput` and turned into a typed config.
 * Pure apart from the input reader, so tests call it with a plain object.
 * Everything here runs before any request is sent.
 */
import { InputError } from './errors.js'
import { parseMediaInput } from './media-input.js'
import { parseBaseUrl, parseBoolean, parseChoice, parseDuration, parseInteger, parseLines } from './parse.js'
import { buildRequest, type BuiltRequest } from './request.js'
import { DEFAULT_MODEL, SEED_MAX } from './schema.js'

export type GetInput = (name: string) => string

export interface Config {
  /** Empty only in a dry run. */
  apiKey: string
  baseUrl: string
  /** Undefined when attaching to an existing task with `task-id`. */
  request?: BuiltRequest
  taskId?: string
  dryRun: boolean
  maxRetries: number
  requestTimeoutMs: number
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  outputPath?: string
  uploadToRelease: boolean
  releaseTag?: string
  /** The `release-asset-name` input; empty = the output-path file name, else `<repo>-<tag>.mp4`. */
  releaseAssetName?: string
  githubToken: string
  /** Workspace files as media: where to upload them, and how to send local images. */
  assetBaseUrl: string
  assetGroupId?: string
  localImagesAs: 'asset' | 'data-url'
}

export const DEFAULT_BASE_URL = 'https://api.powertokens.ai'
export const DEFAULT_ASSET_BASE_URL = 'https://powertokens.ai/api'
const REQUEST_INPUTS = [
  'prompt',
  'media',
  'first-frame',
  'last-frame',
  'reference-images',
  'reference-videos',
  'reference-audios'
] as const

/**
 * `mask` is called with the API key the moment it is read, before anything else can
 * log it.
 */
export async function parseConfig(
  getInput: GetInput,
  mask: (secret: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  /** `request: false` reads the step-wide settings only (batch mode: each entry has its own request). */
  options: { request?: boolean } = {}
): Promise<Config> {
  const get = (name: string): string => getInput(name).trim()
  const apiKey = get('api-key')
  if (apiKey !== '') mask(apiKey)
  const githubToken = get('github-token')
  if (githubToken !== '') mask(githubToken)

  const dryRun = parseBoolean('dry-run', get('dry-run')) ?? false
  if (apiKey === '' && !dryRun) {
    throw new InputError(
      'Input `api-key` is required: pass your PowerTokens key from a secret, e.g. `api-key: ${{ secrets.POWERTOKENS_API_KEY }}` (or set `dry-run: true` to only check the request).'
    )
  }
  if (/\s/.test(apiKey)) throw new InputError('Input `api-key` must not contain spaces or line breaks: check the secret.')

  const baseUrl = parseBaseUrl('base-url', get('base-url') || DEFAULT_BASE_URL)
  const taskId = get('task-id') || undefined
  if (taskId !== undefined && !/^[\w.:-]{1,200}$/.test(taskId)) {
    throw new InputError(`Input \`task-id\` must be a task id such as cgt-20261124-0123abcd (got ${JSON.stringify(taskId.slice(0, 60))}).`)
  }

  const outputPath = get('output-path') || undefined
  const uploadToRelease = parseBoolean('upload-to-release', get('upload-to-release')) ?? false
  const wait = (parseBoolean('wait', get('wait')) ?? false) || outputPath !== undefined || uploadToRelease

  const config: Config = {
    apiKey,
    baseUrl,
    taskId,
    dryRun,
    maxRetries: parseInteger('max-retries', get('max-retries'), 0, 20) ?? 4,
    requestTimeoutMs: parseDuration('request-timeout', get('request-timeout')) ?? 60_000,
    wait,
    timeoutMs: parseDuration('timeout', get('timeout')) ?? 3_600_000,
    pollIntervalMs: parseDuration('poll-interval', get('poll-interval')) ?? 5_000,
    outputPath,
    uploadToRelease,
    releaseTag: get('release-tag') || undefined,
    releaseAssetName: parseAssetName(get('release-asset-name')),
    githubToken,
    assetBaseUrl: parseBaseUrl('asset-base-url', get('asset-base-url') || DEFAULT_ASSET_BASE_URL),
    assetGroupId: get('asset-group-id') || undefined,
    localImagesAs: parseChoice('local-images-as', get('local-images-as') || 'asset', ['asset', 'data-url'] as const)
  }
  if (uploadToRelease) {
    // Known before the video is paid for: without these the upload at the end cannot work.
    if (githubToken === '') {
      throw new InputError('Input `github-token` is empty, so `upload-to-release` cannot work: leave it at its default or pass a token that may write to releases.')
    }
    if (config.releaseTag === undefined && env.GITHUB_EVENT_NAME !== 'release') {
      throw new InputError(
        `Input \`upload-to-release\` needs a release: run the workflow on \`release: published\`, or name one with \`release-tag\` (this run was triggered by ${env.GITHUB_EVENT_NAME || 'an unknown event'}).`
      )
    }
  }
  if (config.assetGroupId !== undefined && /[\r\n]/.test(config.assetGroupId)) {
    throw new InputError('Input `asset-group-id` must be a single line.')
  }

  if (options.request === false) {
    if (taskId !== undefined) throw new InputError('Input `task-id` cannot be used with `batch`: give each entry that collects a task its own `task-id`.')
  } else if (taskId === undefined) {
    config.request = buildRequest({
      model: get('model') || DEFAULT_MODEL,
      prompt: getInput('prompt'),
      media: await parseMediaInput('media', get('media')),
      firstFrame: parseLines(get('first-frame')),
      lastFrame: parseLines(get('last-frame')),
      referenceImages: parseLines(get('reference-images')),
      referenceVideos: parseLines(get('reference-videos')),
      referenceAudios: parseLines(get('reference-audios')),
      seconds: get('seconds') || undefined,
      size: get('size') || undefined,
      ratio: get('ratio') || undefined,
      seed: parseInteger('seed', get('seed'), -1, SEED_MAX),
      watermark: parseBoolean('watermark', get('watermark')),
      generateAudio: parseBoolean('generate-audio', get('generate-audio')),
      returnLastFrame: parseBoolean('return-last-frame', get('return-last-frame')),
      safetyIdentifier: get('safety-identifier') || undefined
    })
  } else {
    const ignored = REQUEST_INPUTS.filter((name) => get(name) !== '')
    if (ignored.length > 0) {
      throw new InputError(
        `Input \`task-id\` attaches to an existing task, so ${ignored.map((n) => `\`${n}\``).join(', ')} cannot be used with it: remove one or the other.`
      )
    }
  }
  return config
}

/** `release-asset-name`: a plain file name, as GitHub stores asset names. */
function parseAssetName(raw: string): string | undefined {
  if (raw === '') return undefined
  if (raw.length > 255 || /[\\/]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 32) || raw === '.' || raw === '..') {
    throw new InputError(`Input \`release-asset-name\` must be a file name such as promo.mp4, without / or \\ and at most 255 characters (got ${JSON.stringify(raw.slice(0, 60))}).`)
  }
  return raw
}
