/**
 * Every input of action.yml, read through `getInput` and turned into a typed config.
 * Pure apart from the input reader, so tests call it with a plain object.
 * Everything here runs before any request is sent.
 */
import { tmpdir } from 'node:os'
import { InputError } from '../errors.js'
import { parseMediaInput } from './media-input.js'
import { parseBaseUrl } from '../http/base-url.js'
import { checkHeaderValue, parseBoolean, parseChoice, parseDuration, parseInteger, parseLines, quoteInput } from './parse.js'
import { checkOutputPath } from '../delivery/paths.js'
import { buildRequest } from '../video/request.js'
import { DEFAULT_MODEL, SEED_MAX } from '../api/request-schema.js'
import { TASK_ID } from '../api/task.js'
import { openLocalFile } from '../local/files.js'
import { readHead } from '../local/readers.js'
import { parseShard } from '../video/shard.js'
import { apiKeyRequired, REMOTE_MEDIA_AS, type Config } from '../video/step-settings.js'

export type { Config } from '../video/step-settings.js'
import { parseTokenBudget } from '../video/bill.js'

export type GetInput = (name: string) => string


/** Maxima of the duration inputs: a GitHub-hosted job lasts 6 hours at most. */
export const MAX_TIMEOUT_MS = 6 * 3_600_000
export const MAX_POLL_INTERVAL_MS = 10 * 60_000
export const MAX_REQUEST_TIMEOUT_MS = 10 * 60_000
/** Bytes of a `prompt-file`. */
export const PROMPT_FILE_MAX_BYTES = 100_000
/** The most `max-concurrency` may be. */
export const MAX_CONCURRENCY = 20

export const DEFAULT_BASE_URL = 'https://api.powertokens.ai'
export const DEFAULT_ASSET_BASE_URL = 'https://powertokens.ai/api'

/**
 * Every input's default, once: the runner fills action.yml's `default:` in, and a run without
 * the runner (local-action, tests) gets the same from here; a test holds action.yml equal to it.
 * `wait` has none, so an explicit `wait` is seen (and noticed in batch mode, which always waits).
 */
export const DEFAULTS: Readonly<Record<string, string>> = {
  'base-url': DEFAULT_BASE_URL,
  model: DEFAULT_MODEL,
  timeout: '60m',
  'poll-interval': '5s',
  'dry-run': 'false',
  'max-retries': '4',
  'request-timeout': '60s',
  'upload-to-release': 'false',
  'asset-base-url': DEFAULT_ASSET_BASE_URL,
  'local-images-as': 'asset',
  'remote-media-as': 'url',
  'max-concurrency': '2',
  resume: 'true',
  cache: 'false'
}

/** Step inputs that a batch does not use: each gets a notice instead of being ignored silently. */
const NOT_IN_BATCH: ReadonlyArray<[string, string]> = [
  ['wait', 'a batch always waits for every video'],
  ['release-asset-name', 'in a batch each video is attached as `<name>.mp4`']
]

export const SHARD_NEEDS_BATCH =
  'Input `shard` splits a `batch` over a matrix, so it works only with `batch`: in a single step every matrix job would pay for the same video; remove `shard`, or list the videos in `batch`.'
/** The inputs a request is made of (a `task-id` run takes none of them). */
export const REQUEST_INPUTS = [
  'prompt',
  'prompt-file',
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
  /** `entry: true` reads a batch entry's inputs (over the step's): `batch` and `max-concurrency` are the step's. */
  options: { entry?: boolean } = {}
): Promise<Config> {
  const get = (name: string): string => getInput(name).trim() || (DEFAULTS[name] ?? '')
  const apiKey = get('api-key')
  if (apiKey !== '') mask(apiKey)
  const githubToken = get('github-token')
  if (githubToken !== '') mask(githubToken)

  const dryRun = parseBoolean('dry-run', get('dry-run'))!
  const cache = parseBoolean('cache', get('cache'))!
  // With `cache`, a hit needs no key: the requirement is checked again on a miss (apiKeyRequired).
  if (apiKey === '' && !dryRun && !cache) throw new InputError(apiKeyRequired())
  if (/\s/.test(apiKey)) throw new InputError('Input `api-key` must not contain spaces or line breaks: check the secret.')
  checkHeaderValue('api-key', apiKey)
  checkHeaderValue('github-token', githubToken)

  const notices: string[] = []
  const notice = (line: string): void => void notices.push(line)
  const baseUrl = parseBaseUrl('base-url', get('base-url'), notice)
  const taskId = get('task-id') || undefined
  if (taskId !== undefined && !TASK_ID.test(taskId)) {
    throw new InputError(
      `Input \`task-id\` must be one task id such as cgt-20261124-0123abcd: at most 200 letters, digits, \`_\`, \`-\`, \`.\` and \`:\` (got ${quoteInput(taskId)}).`
    )
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const runnerTemp = env.RUNNER_TEMP || tmpdir()
  const roots = { workspace, runnerTemp }

  const outputPath = get('output-path') || undefined
  const uploadToRelease = parseBoolean('upload-to-release', get('upload-to-release'))!
  const wait = (parseBoolean('wait', get('wait')) ?? false) || outputPath !== undefined || uploadToRelease
  const batch = options.entry ? undefined : get('batch') || undefined
  if (batch !== undefined) {
    for (const [name, why] of NOT_IN_BATCH) if (get(name) !== '') notice(`Input \`${name}\` does not apply with \`batch\` (${why}); it is not used.`)
  }
  if (!options.entry && batch === undefined && get('shard') !== '') throw new InputError(SHARD_NEEDS_BATCH)
  const shard = batch === undefined ? undefined : parseShard(get('shard'))

  const config: Config = {
    apiKey,
    baseUrl,
    taskId,
    dryRun,
    maxRetries: parseInteger('max-retries', get('max-retries'), 0, 20)!,
    requestTimeoutMs: parseDuration('request-timeout', get('request-timeout'), MAX_REQUEST_TIMEOUT_MS)!,
    wait,
    timeoutMs: parseDuration('timeout', get('timeout'), MAX_TIMEOUT_MS)!,
    pollIntervalMs: parseDuration('poll-interval', get('poll-interval'), MAX_POLL_INTERVAL_MS)!,
    outputPath,
    uploadToRelease,
    releaseTag: get('release-tag') || undefined,
    releaseAssetName: parseAssetName(get('release-asset-name')),
    githubToken,
    assetBaseUrl: parseBaseUrl('asset-base-url', get('asset-base-url'), notice),
    assetGroupId: get('asset-group-id') || undefined,
    localImagesAs: parseChoice('local-images-as', get('local-images-as'), ['asset', 'data-url'] as const),
    remoteMediaAs: parseChoice('remote-media-as', get('remote-media-as'), REMOTE_MEDIA_AS),
    resume: parseBoolean('resume', get('resume'))!,
    batch,
    ...(shard !== undefined ? { shard } : {}),
    maxConcurrency: parseInteger('max-concurrency', get('max-concurrency'), 1, MAX_CONCURRENCY)!,
    cache,
    workspace,
    runnerTemp,
    summaryFile: env.GITHUB_STEP_SUMMARY || undefined,
    eventName: env.GITHUB_EVENT_NAME || undefined,
    runId: env.GITHUB_RUN_ID || undefined,
    runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
    job: env.GITHUB_JOB || undefined,
    notices,
    tokenBudget: parseTokenBudget(get('token-budget'))
  }
  if (uploadToRelease) {
    // Known before the video is paid for: without these the upload at the end cannot work.
    if (githubToken === '') {
      throw new InputError('Input `github-token` is empty, so `upload-to-release` cannot work: leave it at its default or pass a token that may write to releases.')
    }
    if (config.releaseTag === undefined && config.eventName !== 'release') {
      throw new InputError(
        `Input \`upload-to-release\` needs a release: run the workflow on \`release: published\`, or name one with \`release-tag\` (this run was triggered by ${config.eventName ?? 'an unknown event'}).`
      )
    }
  }
  if (config.assetGroupId !== undefined && /[\r\n]/.test(config.assetGroupId)) {
    throw new InputError('Input `asset-group-id` must be a single line.')
  }

  // Where the video goes is checked now, before the task is paid for.
  if (outputPath !== undefined) await checkOutputPath(outputPath, roots)

  if (batch !== undefined) {
    if (taskId !== undefined) throw new InputError('Input `task-id` cannot be used with `batch`: give each entry that collects a task its own `task-id`.')
  } else if (taskId === undefined) {
    if (!options.entry && /^\{\s*"?after"?\s*:/.test(get('first-frame'))) {
      throw new InputError(
        'Input `first-frame`: `{ after: <entry> }` starts from the last frame of another `batch` entry, so it works only inside `batch`; in a single step give a URL or a workspace file (e.g. an earlier step\'s `last-frame-url` output).'
      )
    }
    const promptFile = get('prompt-file')
    if (promptFile !== '' && getInput('prompt').trim() !== '') {
      throw new InputError('Inputs `prompt` and `prompt-file` cannot be used together: set one of them.')
    }
    config.request = buildRequest({
      model: get('model'),
      prompt: promptFile !== '' ? await readPromptFile(promptFile, roots) : getInput('prompt'),
      promptInput: promptFile !== '' ? 'prompt-file' : 'prompt',
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

/** The prompt from a workspace file: same path rules as media files, UTF-8, trimmed, at most PROMPT_FILE_MAX_BYTES. */
async function readPromptFile(path: string, roots: { workspace: string; runnerTemp: string }): Promise<string> {
  // Checked and read as one open file, like media files (local/files.ts).
  const file = await openLocalFile(path, roots, 'prompt-file')
  const where = `Input \`prompt-file\`: ${path}`
  let text: string
  try {
    const { size } = await file.handle.stat()
    if (size > PROMPT_FILE_MAX_BYTES) {
      throw new InputError(`${where} is ${size} bytes, more than the ${PROMPT_FILE_MAX_BYTES / 1000} kB a prompt file may have.`)
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await readHead(file.handle, size))
    } catch {
      throw new InputError(`${where} is not UTF-8 text.`)
    }
  } finally {
    await file.handle.close()
  }
  text = text.replace(/^\uFEFF/, '').trim()
  if (text === '') throw new InputError(`${where} is empty: write the prompt in it, or use \`prompt\`.`)
  return text
}
