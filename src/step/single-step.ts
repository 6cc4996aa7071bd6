/**
 * The single step: the inputs as one entry of the pipeline, and that entry's state mapped to
 * the step's outputs (as soon as each is known) and to its summary.
 */
import { join } from 'node:path'
import { InputError } from '../errors.js'
import { displayPath } from '../format.js'
import type { Config } from './inputs.js'
import type { StepContext } from './context.js'
import type { OutputName } from './outputs.js'
import { safeFileName, videoPath } from '../delivery/paths.js'
import { deliveredFields, type EntryState, type VideoEntry } from '../video/entry.js'
import { shortenDataUrls } from '../redact.js'
import { renderSummary, type Report } from './summary.js'

export async function runSingleStep(ctx: StepContext): Promise<void> {
  const { io, config, outputs, report } = ctx
  const info = (line: string): void => io.info(line)
  report.baseUrl = config.baseUrl
  report.request = config.request?.body
  report.locals = config.request?.locals
  const outputPath = config.outputPath
  const entry: VideoEntry = {
    name: 'video',
    config,
    tag: '',
    wait: config.wait,
    saveTo: outputPath !== undefined ? (id) => videoPath(outputPath, id, config.workspace) : undefined,
    tempFile: (id) => join(config.runnerTemp, `${safeFileName(id)}.mp4`),
    assetName: (release, saved, id) => config.releaseAssetName ?? defaultName(release, saved, id),
    checked: []
  }
  const { checkEntryFiles, closeEntries, dryRun, findRelease, lookUpReuse, runEntries } = await import('../video/run-entries.js')
  try {
    const problems = await checkEntryFiles([entry], config, () => '', info)
    if (problems.length > 0) throw new InputError(problems[0])
    await lookUpReuse([entry], config, (line) => io.warning(line))
    // The bill before anything is sent to PowerTokens: over `token-budget`, the step stops here.
    const { priceEntries } = await import('../video/bill.js')
    const estimate = priceEntries([entry], config.tokenBudget, info)
    report.estimatedTokens = estimate.tokens
    report.estimateAtLeast = estimate.atLeast
    outputs.set('estimated-tokens', String(estimate.tokens))
    if (config.dryRun) {
      await dryRun([entry], config, info)
      report.dryRun = true
      if (config.request) outputs.set('request', JSON.stringify(shortenDataUrls(config.request.body)))
      report.next = [config.taskId !== undefined ? 'Remove `dry-run` to read the task.' : 'Remove `dry-run` (and set `api-key`) to submit this request.']
      return await ctx.summary(renderSummary(report))
    }
    if (config.cache) outputs.set('cache-hit', String(entry.hit !== undefined))
    // A missing release must fail the step before the video is paid for, not after.
    const release = config.uploadToRelease ? await findRelease(config, 1, info, ctx.deadline, ctx.signal) : undefined
    const sync = outputSync(ctx)
    const [state] = await runEntries({
      entries: [entry],
      step: config,
      maxConcurrency: 1,
      deadline: ctx.deadline,
      signal: ctx.signal,
      release,
      logs: { info, warn: (line) => io.warning(line), debug: (line) => io.debug(line) },
      workspace: config.workspace,
      states: [],
      changed: sync
    })
    if (state!.failure !== undefined) throw state!.failure
    report.next = nextSteps(config, report)
    await ctx.summary(renderSummary(report))
  } finally {
    await closeEntries([entry])
  }
}

/** `release-asset-name`'s default: the saved file's name, else `<repo>-<tag>.mp4`. */
async function defaultName(release: Parameters<VideoEntry['assetName']>[0], saved: string, id: string): Promise<string> {
  const { defaultAssetName } = await import('../delivery/release.js')
  return defaultAssetName(release, saved, `${safeFileName(id)}.mp4`)
}

/** Each change of the entry's state goes to the report and, where it changed, to its output. */
function outputSync(ctx: StepContext): (state: EntryState) => void {
  const { outputs, report, config } = ctx
  const last = new Map<OutputName, string>()
  const put = (name: OutputName, value: string | undefined): void => {
    if (value === undefined || last.get(name) === value) return
    last.set(name, value)
    outputs.set(name, value)
  }
  return (s) => {
    Object.assign(report, {
      taskId: s.taskId,
      status: s.status,
      progress: s.progress,
      timings: s.timings,
      videoUrl: s.videoUrl,
      lastFrameUrl: s.lastFrameUrl,
      videoFile: s.videoPath,
      videoPath: s.videoPath && displayPath(s.videoPath, config.workspace),
      lastFrameFile: s.lastFramePath,
      lastFramePath: s.lastFramePath && displayPath(s.lastFramePath, config.workspace),
      releaseAssetUrl: s.releaseAssetUrl,
      cacheHit: s.cacheHit,
      assets: s.assets,
      tokens: s.tokens,
      estimatedTokens: s.estimatedTokens ?? report.estimatedTokens
    } satisfies Partial<Report>)
    put('request', s.request && JSON.stringify(s.request))
    put('assets', s.assets && JSON.stringify(s.assets))
    const fields = deliveredFields(s)
    put('task-id', fields['task-id'])
    put('status', s.response !== undefined ? s.status : undefined)
    put('response', s.response)
    put('tokens', s.tokens === undefined ? undefined : String(s.tokens))
    put('estimated-tokens', s.estimatedTokens === undefined ? undefined : String(s.estimatedTokens))
    for (const [name, value] of Object.entries(fields)) put(name as OutputName, value)
  }
}

/** What the summary suggests after a run that did not wait. */
export function nextSteps(config: Pick<Config, 'wait'>, report: Pick<Report, 'status' | 'taskId'>): string[] {
  if (report.status === 'succeeded' || config.wait) return []
  const id = report.taskId ?? '<task id>'
  return [
    'Set `wait: true` or `output-path` to wait for the video in this step, or',
    `collect it later (within 7 days) with \`task-id: ${id}\` and \`output-path\`.`
  ]
}

