/**
 * The action: inputs -> validated request -> client -> task -> outputs.
 * Every error ends here as one line through setFailed; a task that was created is
 * always reported with its id, whatever fails after. Modules that only some runs need
 * (the HTTP client, waiting, downloading, the release upload) are loaded on demand.
 */
import * as core from '@actions/core'
import { join } from 'node:path'
import type { ApiResult, VideoClient } from './client.js'
import type { ReleaseTarget } from './release.js'
import { curlCommand } from './dry-run.js'
import { ApiError, errorMessage, InputError, TaskError } from './errors.js'
import { parseConfig, type Config } from './inputs.js'
import { setOutputSafe } from './outputs.js'
import { shortenDataUrls } from './redact.js'
import { renderSummary, type Report } from './summary.js'

export async function run(): Promise<void> {
  const report: Report = {}
  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => cancel.abort(new TaskError(`Cancelled (${signal})`))
  try {
    const config = await parseConfig((name) => core.getInput(name), (secret) => core.setSecret(secret))
    for (const line of config.notices) core.notice(line)
    report.baseUrl = config.baseUrl
    report.request = config.request?.body
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
    if (config.request && config.request.locals.length > 0) await placeLocalFiles(config, report, cancel.signal)
    if (config.dryRun) return await dryRun(config, report)
    // A missing release must fail the step before the video is paid for, not after.
    const release = config.uploadToRelease ? await findRelease(config) : undefined

    const { VideoClient } = await import('./client.js')
    const client = new VideoClient({
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      timeoutMs: config.requestTimeoutMs,
      maxRetries: config.maxRetries,
      log: (line) => core.warning(line),
      debug: (line) => core.debug(line),
      signal: cancel.signal
    })

    let result = await submitOrAttach(config, client, report)
    record(report, result)
    if (config.wait) {
      const { waitForTask } = await import('./wait.js')
      const { abortableSleep } = await import('./retry.js')
      const waited = await waitForTask({
        client,
        taskId: report.taskId!,
        timeoutMs: config.timeoutMs,
        pollIntervalMs: config.pollIntervalMs,
        initial: result,
        log: (line) => core.info(line),
        onUpdate: (r) => record(report, r),
        sleep: abortableSleep(cancel.signal)
      })
      result = waited.result
      report.timings = waited.timings
    }
    if (result.task.status === 'succeeded') await deliver(config, client, result, report, cancel.signal, release)
    report.next = nextSteps(config, report)
    await writeSummary(report)
  } catch (err) {
    await fail(cancel.signal.aborted ? cancelled(report) : err, report)
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
  }
}

/** Checks every workspace file named as media, then uploads (or inlines) them: all before the submit. */
async function placeLocalFiles(config: Config, report: Report, signal: AbortSignal): Promise<void> {
  const { checkLocalMedia, placeLocalMedia } = await import('./local-media.js')
  const { USER_AGENT } = await import('./client.js')
  const built = config.request!
  const log = (line: string): void => core.info(line)
  const checked = await checkLocalMedia(built.locals, { workspace: config.workspace, runnerTemp: config.runnerTemp }, log)
  const assets = await placeLocalMedia(built.body, checked, {
    imagesAs: config.localImagesAs,
    dryRun: config.dryRun,
    log,
    library: {
      baseUrl: config.assetBaseUrl,
      apiKey: config.apiKey,
      groupId: config.assetGroupId,
      userAgent: USER_AGENT,
      timeoutMs: config.requestTimeoutMs,
      maxRetries: config.maxRetries,
      signal
    }
  })
  if (Object.keys(assets).length > 0) {
    report.assets = assets
    core.setOutput('assets', JSON.stringify(assets))
  }
}

async function findRelease(config: Config): Promise<ReleaseTarget> {
  const { findRelease: find } = await import('./release.js')
  const target = await find({ token: config.githubToken, tag: config.releaseTag })
  core.info(`The video will be attached to release ${target.release.tag_name ?? target.release.id}.`)
  return target
}

async function submitOrAttach(config: Config, client: VideoClient, report: Report): Promise<ApiResult> {
  if (config.taskId !== undefined) {
    report.taskId = config.taskId
    core.setOutput('task-id', config.taskId)
    core.info(`Reading task ${config.taskId} from ${config.baseUrl}.`)
    return client.getTask(config.taskId)
  }
  const body = config.request!.body
  publish('request', JSON.stringify(shortenDataUrls(body)))
  core.info(`Submitting to ${config.baseUrl}/v1/videos: ${describeRequest(config)}.`)
  const result = await client.submit(body)
  report.taskId = result.task.id
  core.setOutput('task-id', result.task.id)
  core.info(`Created task ${result.task.id} (${result.task.rawStatus ?? 'no status'}).`)
  return result
}

/** Links for a finished task; with `output-path` or `upload-to-release`, the files too. */
async function deliver(
  config: Config,
  client: VideoClient,
  result: ApiResult,
  report: Report,
  signal: AbortSignal,
  release?: ReleaseTarget
): Promise<void> {
  const { task } = result
  const id = report.taskId!
  const videoUrl = task.videoUrl ?? client.url(`/v1/videos/${encodeURIComponent(id)}/content`)
  report.videoUrl = videoUrl
  core.setOutput('video-url', videoUrl)
  if (task.lastFrameUrl) {
    report.lastFrameUrl = task.lastFrameUrl
    core.setOutput('last-frame-url', task.lastFrameUrl)
  }
  if (config.outputPath === undefined && !config.uploadToRelease) return

  const { download } = await import('./download.js')
  const { USER_AGENT } = await import('./client.js')
  const { videoPath, lastFramePath, displayPath } = await import('./paths.js')
  const common = {
    apiOrigin: client.origin,
    authHeaders: client.authHeaders(),
    userAgent: USER_AGENT,
    maxRetries: config.maxRetries,
    timeoutMs: config.requestTimeoutMs,
    log: (line: string) => core.info(line),
    signal
  }
  const dest = config.outputPath
    ? videoPath(config.outputPath, id, config.workspace)
    : join(config.runnerTemp, `${id.replace(/[^\w.-]/g, '_')}.mp4`)
  const saved = await download({ ...common, url: videoUrl, dest, expect: 'mp4' })
  report.videoPath = displayPath(saved.path, config.workspace)
  core.setOutput('video-path', saved.path)
  core.info(`Saved the video to ${displayPath(saved.path, config.workspace)} (${(saved.bytes / 1e6).toFixed(1)} MB).`)

  if (task.lastFrameUrl && config.outputPath) {
    const frame = await download({ ...common, url: task.lastFrameUrl, dest: lastFramePath(saved.path), expect: 'image' })
    report.lastFramePath = displayPath(frame.path, config.workspace)
    core.setOutput('last-frame-path', frame.path)
    core.info(`Saved the last frame to ${displayPath(frame.path, config.workspace)}.`)
  }

  if (config.uploadToRelease) {
    const { uploadToRelease } = await import('./release.js')
    const name = saved.path.split(/[\\/]/).pop() ?? `${id}.mp4`
    const asset = await uploadToRelease(
      { token: config.githubToken, file: saved.path, name, contentType: 'video/mp4', tag: config.releaseTag, log: (line) => core.info(line) },
      release
    )
    report.releaseAssetUrl = asset.url
    core.setOutput('release-asset-url', asset.url)
    core.info(`Attached ${name} to the release: ${asset.url}`)
  }
}

async function dryRun(config: Config, report: Report): Promise<void> {
  report.dryRun = true
  if (config.taskId !== undefined) {
    core.info(`Dry run: would read task ${config.taskId} from ${config.baseUrl}/v1/videos/${config.taskId}; nothing was sent.`)
    report.next = ['Remove `dry-run` to read the task.']
    await writeSummary(report)
    return
  }
  const body = config.request!.body
  const shown = JSON.stringify(shortenDataUrls(body), null, 2)
  publish('request', JSON.stringify(shortenDataUrls(body)))
  core.info(`Dry run: the request is valid; nothing was sent. Body of POST ${config.baseUrl}/v1/videos:`)
  core.info(shown)
  core.info('The same request with curl (export POWERTOKENS_API_KEY first):')
  core.info(curlCommand(config.baseUrl, shown))
  if (shown !== JSON.stringify(body, null, 2)) core.info('(Long data: URLs are shortened above; the real body carries them whole.)')
  report.next = ['Remove `dry-run` (and set `api-key`) to submit this request.']
  await writeSummary(report)
}

function describeRequest(config: Config): string {
  const body = config.request!.body
  const types = body.media.map((m) => m.type)
  const counts = [...new Set(types)].map((t) => `${types.filter((x) => x === t).length} ${t}`)
  const extras = (['seconds', 'size', 'ratio'] as const).filter((k) => body[k] !== undefined).map((k) => `${k} ${body[k]}`)
  return [`model ${body.model}`, `media ${counts.join(', ')}`, ...extras].join('; ')
}

/** Keeps `status` and `response` current to the last answer. */
function record(report: Report, result: ApiResult): void {
  const { task } = result
  report.status = task.status
  report.progress = task.progress
  core.setOutput('status', task.status)
  publish('response', result.raw.trim())
}

function publish(name: string, value: string): void {
  setOutputSafe((n, v) => core.setOutput(n, v), name, value, (line) => core.info(line))
}

function nextSteps(config: Config, report: Report): string[] {
  if (report.status === 'succeeded' || config.wait) return []
  const id = report.taskId ?? '<task id>'
  return [
    'Set `wait: true` or `output-path` to wait for the video in this step, or',
    `collect it later (within 7 days) with \`task-id: ${id}\` and \`output-path\`.`
  ]
}

function cancelled(report: Report): TaskError {
  const id = report.taskId
  return new TaskError(
    id
      ? `Cancelled while waiting for task ${id}; the task goes on: collect it later with \`task-id: ${id}\` (within 7 days).`
      : 'Cancelled before a task was created.'
  )
}

async function writeSummary(report: Report): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(report), true).write()
  } catch (err) {
    core.warning(`Could not write the step summary: ${errorMessage(err)}`)
  }
}

async function fail(err: unknown, report: Report): Promise<void> {
  // A stack only for the unexpected: user, API and task errors say all there is in their message.
  if (err instanceof Error && err.stack && !(err instanceof InputError || err instanceof TaskError || err instanceof ApiError)) core.debug(err.stack)
  let message = errorMessage(err)
  if (report.taskId && !message.includes(report.taskId)) message = `Task ${report.taskId}: ${message}`
  report.error = message
  await writeSummary(report)
  core.setFailed(message)
}
