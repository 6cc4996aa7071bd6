/**
 * Every input of action.yml, read through `getInput`: the step's settings once into a typed
 * config (`parseConfig`), and each video's own request or task id (`parseVideo`), as the input
 * table (video/input-table.ts) routes them; an empty input reads as action.yml's default. Pure
 * apart from the input reader and action.yml, so tests call it with a plain object. Everything
 * here runs before any request is sent.
 */
import { tmpdir } from 'node:os'
import { InputError } from '../errors.js'
import { parseMediaInput } from './media-input.js'
import { parseBaseUrl } from '../http/base-url.js'
import { displayProxy, proxyFor, proxySecrets } from '../http/proxy.js'
import { checkHeaderValue, parseBoolean, parseChoice, parseDuration, parseInteger, parseLines, quoteInput } from './parse.js'
import { inputDefaults } from './action-yml.js'
import { checkOutputPath, outputTarget } from '../delivery/paths.js'
import { buildRequest, requestKey, type RequestInputs } from '../video/request.js'
import { BODY_FIELDS, REQUEST_INPUTS, SHORTHANDS, type FieldValue } from '../video/input-table.js'
import type { BuiltRequest } from '../media/request-media.js'
import { TASK_ID } from '../api/task.js'
import { openLocalFile } from '../media/files.js'
import { readHead } from '../media/readers.js'
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

/** Step inputs that a batch does not use: each gets a notice instead of being ignored silently. */
const NOT_IN_BATCH: ReadonlyArray<[string, string]> = [
  ['wait', 'a batch always waits for every video'],
  ['release-asset-name', 'in a batch each video is attached as `<name>.mp4`']
]

export const SHARD_NEEDS_BATCH =
  'Input `shard` splits a `batch` over a matrix, so it works only with `batch`: in a single step every matrix job would pay for the same video; remove `shard`, or list the videos in `batch`.'
/**
 * The step's settings, read once, and the single step's own video (its request, or the task it
 * collects). `mask` is called with the API key the moment it is read, before anything else can
 * log it.
 */
export async function parseConfig(getInput: GetInput, mask: (secret: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  // An input as the step reads it: trimmed, else action.yml's default.
  const defaults = inputDefaults()
  const get = (name: string): string => getInput(name).trim() || (defaults[name] ?? '')
  const apiKey = get('api-key')
  if (apiKey !== '') mask(apiKey)
  const githubToken = get('github-token')
  if (githubToken !== '') mask(githubToken)
  // A proxy's password is masked before anything can print it.
  for (const secret of proxySecrets(env)) mask(secret)

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
  const taskId = parseTaskId(get('task-id'))
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const runnerTemp = env.RUNNER_TEMP || tmpdir()
  const roots = { workspace, runnerTemp }

  const outputPath = get('output-path') || undefined
  const uploadToRelease = parseBoolean('upload-to-release', get('upload-to-release'))!
  const wait = (parseBoolean('wait', get('wait')) ?? false) || outputPath !== undefined || uploadToRelease
  const batch = get('batch') || undefined
  if (batch !== undefined) {
    for (const [name, why] of NOT_IN_BATCH) if (get(name) !== '') notice(`Input \`${name}\` does not apply with \`batch\` (${why}); it is not used.`)
  }
  if (batch === undefined && get('shard') !== '') throw new InputError(SHARD_NEEDS_BATCH)
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
    // A folder or a file: decided here, once (with `batch` always a folder).
    output: outputPath !== undefined ? outputTarget(outputPath, workspace, batch !== undefined) : undefined,
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
    proxy: dryRun ? undefined : proxyShown(baseUrl),
    tokenBudget: parseTokenBudget(get('token-budget'))
  }
  if (uploadToRelease) {
    // Known before the video is paid for: without these the upload at the end cannot work.
    if (githubToken === '') {
      throw new InputError(
        'Input `github-token` is empty, so `upload-to-release` cannot work: leave it at its default or pass a token that may write to releases.'
      )
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
  if (outputPath !== undefined && config.output !== undefined) await checkOutputPath(outputPath, config.output.kind, roots)

  if (batch !== undefined) {
    if (taskId !== undefined) throw new InputError('Input `task-id` cannot be used with `batch`: give each entry that collects a task its own `task-id`.')
    return config
  }
  if (taskId === undefined && /^\{\s*"?after"?\s*:/.test(get('first-frame'))) {
    throw new InputError(
      "Input `first-frame`: `{ after: <entry> }` starts from the last frame of another `batch` entry, so it works only inside `batch`; in a single step give a URL or a workspace file (e.g. an earlier step's `last-frame-url` output)."
    )
  }
  return Object.assign(config, await parseVideo(getInput, roots))
}

/** `task-id`: one plain task id. */
function parseTaskId(raw: string): string | undefined {
  if (raw === '') return undefined
  if (!TASK_ID.test(raw)) {
    throw new InputError(
      `Input \`task-id\` must be one task id such as cgt-20261124-0123abcd: at most 200 letters, digits, \`_\`, \`-\`, \`.\` and \`:\` (got ${quoteInput(raw)}).`
    )
  }
  return raw
}

/** One video's own part: the task it collects, or its request. */
export interface VideoInputs {
  request?: BuiltRequest
  taskId?: string
}

/**
 * One video's own inputs, and only those: the request (each body field and media input as
 * input-table.ts routes it), or the `task-id` it collects. The single step reads its own here; each
 * batch entry reads its own (its keys over the step's, batch-file.ts `entryInput`), while the
 * step's settings stay as `parseConfig` read them once.
 */
export async function parseVideo(getInput: GetInput, roots: { workspace: string; runnerTemp: string }): Promise<VideoInputs> {
  const defaults = inputDefaults()
  const get = (name: string): string => getInput(name).trim() || (defaults[name] ?? '')
  const taskId = parseTaskId(get('task-id'))
  if (taskId !== undefined) {
    const ignored = REQUEST_INPUTS.filter((name) => get(name) !== '')
    if (ignored.length > 0) {
      throw new InputError(
        `Input \`task-id\` attaches to an existing task, so ${ignored.map((n) => `\`${n}\``).join(', ')} cannot be used with it: remove one or the other.`
      )
    }
    return { taskId }
  }
  const promptFile = get('prompt-file')
  if (promptFile !== '' && getInput('prompt').trim() !== '') {
    throw new InputError('Inputs `prompt` and `prompt-file` cannot be used together: set one of them.')
  }
  const inputs: Record<string, unknown> = {
    prompt: promptFile !== '' ? await readPromptFile(promptFile, roots) : getInput('prompt'),
    promptInput: promptFile !== '' ? 'prompt-file' : 'prompt',
    media: await parseMediaInput('media', get('media'))
  }
  for (const [input] of SHORTHANDS) inputs[requestKey(input)] = parseLines(get(input))
  for (const { input, value } of BODY_FIELDS) inputs[requestKey(input)] = fieldValue(input, get(input), value)
  return { request: buildRequest(inputs as unknown as RequestInputs) }
}

/** A body field's input, read as the table says: text (empty = left out), true/false, or a whole number in range. */
function fieldValue(input: string, raw: string, value: FieldValue): string | boolean | number | undefined {
  if (value === 'text') return raw || undefined
  if (value === 'boolean') return parseBoolean(input, raw)
  return parseInteger(input, raw, value.integer[0], value.integer[1])
}

/** `release-asset-name`: a plain file name, as GitHub stores asset names. */
function parseAssetName(raw: string): string | undefined {
  if (raw === '') return undefined
  if (raw.length > 255 || /[\\/]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 32) || raw === '.' || raw === '..') {
    throw new InputError(
      `Input \`release-asset-name\` must be a file name such as promo.mp4, without / or \\ and at most 255 characters (got ${JSON.stringify(raw.slice(0, 60))}).`
    )
  }
  return raw
}

/** The prompt from a workspace file: same path rules as media files, UTF-8, trimmed, at most PROMPT_FILE_MAX_BYTES. */
async function readPromptFile(path: string, roots: { workspace: string; runnerTemp: string }): Promise<string> {
  // Checked and read as one open file, like media files (media/files.ts).
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

/** The proxy the API is reached through, as the log may show it (no password), or undefined: direct. */
function proxyShown(baseUrl: string): string | undefined {
  const proxy = proxyFor(new URL(baseUrl))
  return proxy && displayProxy(proxy)
}
