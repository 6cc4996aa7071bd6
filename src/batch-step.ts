/**
 * The step in batch mode: the `batch` list -> one validated request per entry (all checked
 * before anything is sent) -> local files placed once for all -> runBatch -> `results`,
 * the summary, and one failure naming each entry that did not succeed.
 */
import { isAbsolute, resolve } from 'node:path'
import type { EntryState } from './batch.js'
import { entryInput, parseBatch } from './batch-file.js'
import { curlCommand } from './dry-run.js'
import { InputError } from './errors.js'
import { displayPath } from './format.js'
import { parseConfig, type Config, type GetInput } from './inputs.js'
import type { CheckedMedia } from './local/media.js'
import type { Outputs } from './outputs.js'
import { parseInteger } from './parse.js'
import { shortenDataUrls } from './redact.js'
import type { RunnerIO } from './runner-io.js'
import type { ReleaseTarget } from './release.js'
import type { CachedResult, ReuseContext } from './reuse.js'
import type { VideoRequest } from './schema.js'

/** The most a batch file may be: thousands of entries' worth of YAML. */
const MAX_BATCH_FILE_BYTES = 1024 * 1024

export interface BatchStepContext {
  io: RunnerIO
  outputs: Outputs
  /** The step's config, read without a request of its own. */
  step: Config
  workspace: string
  runnerTemp: string
  deadline: number
  signal: AbortSignal
  /** Every entry's state, kept current for the caller's cancel and timeout messages. */
  states: EntryState[]
  summary: (markdown: string) => Promise<void>
  /** After `signal` aborted: why, as the start of a sentence (cancelled, or `timeout`). */
  stopReason: () => string
}

export interface BatchEntryConfig {
  name: string
  config: Config
}

/** The `batch` input's text: inline YAML/JSON, or the content of the workspace file it names. */
export async function batchText(value: string, ctx: Pick<BatchStepContext, 'workspace' | 'runnerTemp'>): Promise<string> {
  const v = value.trim()
  const inline = v.includes('\n') || /^[[{-]/.test(v)
  if (inline) return v
  const { openLocalFile } = await import('./local/files.js')
  const file = await openLocalFile(v, { workspace: ctx.workspace, runnerTemp: ctx.runnerTemp }, 'batch')
  try {
    const { size } = await file.handle.stat()
    if (size > MAX_BATCH_FILE_BYTES) throw new InputError(`Input \`batch\`: ${v} is ${size} bytes; a batch file may be at most 1 MB.`)
    const { readHead } = await import('./local/readers.js')
    return (await readHead(file.handle, size)).toString('utf8')
  } finally {
    await file.handle.close()
  }
}

/** Every entry validated exactly as a single step would be; every failing entry is named. */
export async function entryConfigs(text: string, stepInput: GetInput, env: NodeJS.ProcessEnv): Promise<BatchEntryConfig[]> {
  const entries = await parseBatch(text, 'batch')
  const problems: string[] = []
  const configs: BatchEntryConfig[] = []
  let bad = 0
  for (const entry of entries) {
    if (entry.problems.length > 0) {
      bad++
      problems.push(...entry.problems)
      continue
    }
    try {
      const config = await parseConfig(entryInput(entry, stepInput), () => undefined, env)
      configs.push({ name: entry.name, config })
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      bad++
      problems.push(`Batch entry "${entry.name}": ${err.message}`)
    }
  }
  if (problems.length > 0) throw new InputError(batchRefusal(problems, bad, entries.length))
  return configs
}

/** One message listing every problem (GitHub shows an error as one annotation). */
function batchRefusal(problems: readonly string[], bad: number, total: number): string {
  const head = `${bad} of ${total} batch ${total === 1 ? 'entry is' : 'entries are'} not valid, so nothing was sent:`
  return [head, ...problems].join(' ')
}

/** Checks every entry's workspace files, then uploads each distinct file once for the whole batch. */
export async function placeBatchFiles(
  ctx: BatchStepContext,
  entries: readonly BatchEntryConfig[],
  /** Told each entry's file hashes after the checks; returns the entries whose files need no upload (cached). */
  gate: (shas: ReadonlyMap<string, ReadonlyMap<number, string>>) => Promise<ReadonlySet<string>> = async () => new Set()
): Promise<Record<string, string>> {
  const withFiles = entries.filter((e) => e.config.request && e.config.request.locals.length > 0)
  if (withFiles.length === 0) {
    await gate(new Map())
    return {}
  }
  const { checkLocalMedia, closeLocalMedia, placeAll } = await import('./local/media.js')
  const { USER_AGENT } = await import('./client.js')
  const log = (line: string): void => ctx.io.info(line)
  const roots = { workspace: ctx.workspace, runnerTemp: ctx.runnerTemp }
  const checked: Array<{ body: VideoRequest; checked: CheckedMedia[] }> = []
  const problems: string[] = []
  try {
    for (const e of withFiles) {
      try {
        checked.push({ body: e.config.request!.body, checked: await checkLocalMedia(e.config.request!.locals, roots, log) })
      } catch (err) {
        if (!(err instanceof InputError)) throw err
        problems.push(`Batch entry "${e.name}": ${err.message}`)
      }
    }
    if (problems.length > 0) throw new InputError(batchRefusal(problems, problems.length, entries.length))
    const shas = new Map(withFiles.map((e, i) => [e.name, new Map((checked[i]?.checked ?? []).map((c) => [c.index, c.info.sha256]))]))
    const skip = await gate(shas)
    const { step } = ctx
    return await placeAll(checked.filter((_, i) => !skip.has(withFiles[i]!.name)), {
      imagesAs: step.localImagesAs,
      dryRun: step.dryRun,
      log,
      library: {
        baseUrl: step.assetBaseUrl,
        apiKey: step.apiKey,
        groupId: step.assetGroupId,
        userAgent: USER_AGENT,
        timeoutMs: step.requestTimeoutMs,
        maxRetries: step.maxRetries,
        deadline: ctx.deadline,
        signal: ctx.signal
      }
    })
  } finally {
    for (const c of checked) await closeLocalMedia(c.checked)
  }
}

export function printDryRun(io: RunnerIO, step: Config, entries: readonly BatchEntryConfig[]): void {
  io.info(`Dry run: all ${entries.length} batch entries are valid; nothing was sent.`)
  for (const e of entries) {
    if (e.config.taskId !== undefined) {
      io.info(`[${e.name}] would collect task ${e.config.taskId}.`)
      continue
    }
    const shown = JSON.stringify(shortenDataUrls(e.config.request!.body), null, 2)
    io.info(`[${e.name}] body of POST ${step.baseUrl}/v1/videos:`)
    io.info(shown)
    io.info(`[${e.name}] the same request with curl:`)
    io.info(curlCommand(step.baseUrl, shown))
  }
}

/** In batch mode `output-path` is a folder that gets `<name>.mp4` for each entry. */
export function outputDir(step: Config, workspace: string): string | undefined {
  if (step.outputPath === undefined) return undefined
  return isAbsolute(step.outputPath) ? step.outputPath : resolve(workspace, step.outputPath)
}

/** Reads `max-concurrency`. */
export function maxConcurrency(getInput: GetInput): number {
  return parseInteger('max-concurrency', getInput('max-concurrency').trim(), 1, 20) ?? 2
}

/**
 * Runs the step in batch mode. Writes `results`, the summary, and the failure itself (naming
 * every entry that did not succeed, and after a cancel or timeout every task that goes on).
 * Throws only before any request is sent (bad input), for the caller's one-line failure.
 */
export async function runBatchStep(ctx: BatchStepContext, value: string, stepInput: GetInput): Promise<void> {
  const { io, step } = ctx
  const text = await batchText(value, ctx)
  const entries = await entryConfigs(text, stepInput, io.env)
  if (step.outputPath !== undefined && /\.(mp4|mov)$/i.test(step.outputPath)) {
    throw new InputError('Input `output-path` must be a folder with `batch` (each video is saved as `<name>.mp4` in it), not a file name.')
  }
  const concurrency = maxConcurrency(stepInput)
  const requests = entries.map((e) => e.config.request?.body)
  // Never pay twice (reuse.ts): each entry's identity, then cached videos before any upload.
  const reuses = new Map<string, ReuseContext>()
  const hits = new Map<string, CachedResult>()
  const gate = async (shas: ReadonlyMap<string, ReadonlyMap<number, string>>): Promise<ReadonlySet<string>> => {
    if (step.dryRun || (!step.resume && !step.cache)) return new Set()
    const { requestIdentity } = await import('./request-identity.js')
    const { restoreResult } = await import('./reuse.js')
    for (const e of entries) {
      if (!e.config.request) continue
      const reuse: ReuseContext = {
        identity: requestIdentity({ baseUrl: step.baseUrl, body: e.config.request.body, localFiles: shas.get(e.name) ?? new Map() }),
        runId: step.runId,
        job: step.job,
        attempt: Number(step.runAttempt) || 1,
        entry: e.name,
        runnerTemp: ctx.runnerTemp,
        warn: (line) => io.warning(line)
      }
      reuses.set(e.name, reuse)
      const hit = step.cache ? await restoreResult({ ...reuse, runnerTemp: ctx.runnerTemp }) : undefined
      if (hit) hits.set(e.name, hit)
    }
    return new Set(hits.keys())
  }
  const assets = await placeBatchFiles(ctx, entries, gate)
  if (Object.keys(assets).length > 0) ctx.outputs.set('assets', JSON.stringify(assets))
  if (step.dryRun) {
    printDryRun(io, step, entries)
    ctx.states.push(...entries.map((e) => ({ name: e.name })))
    const { renderBatchSummary } = await import('./batch-summary.js')
    await ctx.summary(renderBatchSummary({ entries: ctx.states, requests, dryRun: true, next: ['Remove `dry-run` (and set `api-key`) to submit these requests.'] }))
    return
  }
  let release: ReleaseTarget | undefined
  if (step.uploadToRelease) {
    const { findRelease } = await import('./release.js')
    release = await findRelease({ token: step.githubToken, tag: step.releaseTag, timeoutMs: step.requestTimeoutMs, deadline: ctx.deadline, signal: ctx.signal })
    io.info(`The videos will be attached to release ${release.release.tag_name ?? release.release.id}.`)
  }
  io.info(`Batch of ${entries.length} videos, at most ${concurrency} in flight at once.`)
  const { runBatch, resultsOf, batchFailure, collectAdvice } = await import('./batch.js')
  const { VideoClient } = await import('./client.js')
  const dir = outputDir(step, ctx.workspace)
  const publish = (): void => ctx.outputs.set('results', JSON.stringify(resultsOf(ctx.states)))
  const states = await runBatch({
    entries,
    step,
    maxConcurrency: concurrency,
    deadline: ctx.deadline,
    outputDir: dir,
    tempDir: ctx.runnerTemp,
    release,
    makeClient: ({ log }) =>
      new VideoClient({
        baseUrl: step.baseUrl,
        apiKey: step.apiKey,
        timeoutMs: step.requestTimeoutMs,
        maxRetries: step.maxRetries,
        log,
        debug: (line) => io.debug(line),
        signal: ctx.signal,
        deadline: ctx.deadline
      }),
    log: (line) => io.info(line),
    warn: (line) => io.warning(line),
    show: (abs) => displayPath(abs, ctx.workspace),
    signal: ctx.signal,
    states: ctx.states,
    reuse: reuses,
    hits
  })
  publish()
  const shown = states.map((s) => ({ ...s, videoPath: s.videoPath && displayPath(s.videoPath, ctx.workspace) }))
  let failure = batchFailure(states)
  if (ctx.signal.aborted) {
    const advice = collectAdvice(states)
    for (const line of advice) io.info(line)
    const why = ctx.stopReason()
    failure = `${why}${advice.length > 0 ? `; ${states.filter((s) => s.taskId && s.status !== 'succeeded').length} tasks go on: collect them with batch entries that give their \`task-id\` (listed in the log)` : ''}. ${failure ?? ''}`.trim()
  }
  const { renderBatchSummary } = await import('./batch-summary.js')
  await ctx.summary(renderBatchSummary({ entries: shown, requests, error: failure }))
  if (failure) io.setFailed(failure)
}
