/**
 * The action: inputs -> validated request -> client -> task -> outputs.
 * Every error ends here as one line through setFailed; a task that was created is
 * always reported with its id, whatever fails after. Modules that only some runs need
 * (the HTTP client, waiting, downloading, the release upload) are loaded on demand.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { curlCommand } from './dry-run.js'
import { errorMessage, InputError, TaskError } from './errors.js'
import { displayPath, formatDuration } from './format.js'
import { API_KEY_REQUIRED, parseConfig, type Config } from './inputs.js'
import type { CachedResult, ReuseContext } from './reuse.js'
import { deliverCached, delivered, findRelease, record, submitOrAttach } from './task-source.js'
import { Outputs } from './outputs.js'
import { redactSecrets, shortenDataUrls } from './redact.js'
import { coreIO, type RunnerIO } from './runner-io.js'
import { renderSummary, type Report } from './summary.js'

/** Errors whose message says all there is: no stack in the debug log. */
const EXPECTED_ERRORS = ['InputError', 'TaskError', 'ApiError', 'ReleaseError', 'DeadlineError']

/** Why the step was stopped from outside: the job was cancelled, or `timeout` ran out. */
class Stop extends Error {
  constructor(readonly why: 'cancel' | 'timeout') {
    super(why === 'cancel' ? 'Cancelled' : 'Timed out')
  }
}

/** Node's timers hold at most this many milliseconds (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1

/** Runs the step. `io` defaults to the real runner (GitHub's `@github/local-action` calls `run()` with no argument). */
export async function run(io: RunnerIO = coreIO()): Promise<void> {
  const started = Date.now()
  const report: Report = {}
  // One signal stops everything under way: a cancelled job, or the end of `timeout`.
  const stop = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  let timeoutMs = 0
  const onSignal = (): void => stop.abort(new Stop('cancel'))
  // Until the config is read (it reads the runner's environment once), for a failure's summary.
  let workspace = io.env.GITHUB_WORKSPACE || process.cwd()
  // The key and the token are removed from everything a server said before it is output or summarised.
  const secrets: string[] = []
  const clean = (text: string): string => redactSecrets(text, secrets)
  const outputs = new Outputs((name, value) => io.setOutput(name, value), io.env.RUNNER_TEMP || tmpdir(), (line) => io.info(line), clean)
  try {
    const batch = io.getInput('batch').trim()
    const config = await parseConfig(
      (name) => io.getInput(name),
      (secret) => {
        io.setSecret(secret)
        secrets.push(secret)
      },
      io.env,
      { request: batch === '' }
    )
    for (const line of config.notices) io.notice(line)
    workspace = config.workspace
    timeoutMs = config.timeoutMs
    const deadline = started + config.timeoutMs
    timer = setTimeout(() => stop.abort(new Stop('timeout')), Math.min(config.timeoutMs, MAX_TIMER_MS))
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
    if (batch !== '') {
      const { runBatchStep } = await import('./batch-step.js')
      return await runBatchStep(
        {
          io: { ...io, setFailed: (message) => io.setFailed(clean(message)) },
          outputs,
          step: config,
          workspace,
          runnerTemp: config.runnerTemp,
          deadline,
          signal: stop.signal,
          states: [],
          summary: (markdown) => writeText(io, clean(markdown)),
          stopReason: () => ((stop.signal.reason as Stop).why === 'cancel' ? 'Cancelled' : `Stopped after ${formatDuration(config.timeoutMs)} (\`timeout\`)`)
        },
        batch,
        (name) => io.getInput(name)
      )
    }
    report.baseUrl = config.baseUrl
    report.request = config.request?.body
    // The request's identity (workspace files by content) decides the cache lookups; a cached
    // video is looked up before any upload, so a hit sends nothing at all.
    let reuse: ReuseContext | undefined
    let hit: CachedResult | undefined
    const gate = async (shas: ReadonlyMap<number, string>): Promise<boolean> => {
      if (config.dryRun || !config.request || (!config.resume && !config.cache)) return true
      const { requestIdentity } = await import('./request-identity.js')
      reuse = {
        identity: requestIdentity({ baseUrl: config.baseUrl, body: config.request.body, localFiles: shas }),
        runId: config.runId,
        job: config.job,
        attempt: Number(config.runAttempt) || 1,
        runnerTemp: config.runnerTemp,
        warn: (line) => io.warning(line)
      }
      if (config.cache) hit = await (await import('./reuse.js')).restoreResult(reuse)
      return hit === undefined
    }
    if (config.request && config.request.locals.length > 0) await placeLocalFiles(io, config, report, outputs, stop.signal, workspace, deadline, gate)
    else await gate(new Map())
    if (config.dryRun) return await dryRun(io, config, report, outputs)
    if (config.cache) outputs.set('cache-hit', String(hit !== undefined))
    if (hit) {
      await deliverCached(io, config, hit, report, outputs, { deadline, signal: stop.signal })
      return await writeSummary(io, report, clean)
    }
    if (config.apiKey === '') throw new InputError(`${API_KEY_REQUIRED.replace(/\.$/, '')}; the cache had no video for this request.`)
    // A missing release must fail the step before the video is paid for, not after.
    const release = config.uploadToRelease ? await findRelease(io, config, { deadline, signal: stop.signal }) : undefined

    const { VideoClient } = await import('./client.js')
    const client = new VideoClient({
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      timeoutMs: config.requestTimeoutMs,
      maxRetries: config.maxRetries,
      log: (line) => io.warning(line),
      debug: (line) => io.debug(line),
      signal: stop.signal,
      deadline
    })

    const submitted = await submitOrAttach(io, config, client, report, outputs, reuse)
    let result = submitted.result
    record(report, result, outputs)
    if (config.wait) {
      const { waitForTask } = await import('./wait.js')
      const { abortableSleep } = await import('./retry.js')
      const waited = await waitForTask({
        client,
        taskId: report.taskId!,
        timeoutMs: config.timeoutMs,
        deadline,
        pollIntervalMs: config.pollIntervalMs,
        initial: result,
        log: (line) => io.info(line),
        onUpdate: (r) => record(report, r, outputs),
        sleep: abortableSleep(stop.signal)
      })
      result = waited.result
      report.timings = waited.timings
    }
    if (result.task.status === 'succeeded') {
      const { deliver } = await import('./deliver.js')
      const { videoPath, lastFramePath } = await import('./paths.js')
      await deliver({
        client,
        task: result.task,
        taskId: report.taskId!,
        // With `cache`, the video is saved (to RUNNER_TEMP at least) so it can be kept.
        dest:
          config.outputPath !== undefined
            ? videoPath(config.outputPath, report.taskId!, workspace)
            : config.cache
              ? join(config.runnerTemp, `${report.taskId!.replace(/[^\w.-]/g, '_')}.mp4`)
              : undefined,
        tempDir: config.runnerTemp,
        lastFramePath: (video) => lastFramePath(video),
        maxRetries: config.maxRetries,
        timeoutMs: config.requestTimeoutMs,
        deadline,
        release: release && { target: release, token: config.githubToken, tag: config.releaseTag, assetName: config.releaseAssetName },
        log: (line) => io.info(line),
        warn: (line) => io.warning(line),
        show: (abs) => displayPath(abs, workspace),
        record: (fact) => delivered(report, fact, outputs, workspace),
        signal: stop.signal
      })
      if (config.cache && reuse && report.videoFile) {
        const { saveResult } = await import('./reuse.js')
        if (await saveResult(reuse, { response: result.raw.trim(), videoFile: report.videoFile, lastFrameFile: report.lastFrameFile })) {
          io.info('Kept the video in GitHub\'s cache: the same request will not be paid for again while the entry lives.')
        }
      }
    }
    await submitted.remembering
    report.next = nextSteps(config, report)
    await writeSummary(io, report, clean)
  } catch (err) {
    const why = stop.signal.aborted ? (stop.signal.reason as Stop).why : undefined
    // A GitHub call cut off by the step's timeout says itself what was left undone (and where the paid video is).
    const own = why === 'timeout' && err instanceof Error && err.name === 'ReleaseError'
    await fail(io, why === 'cancel' ? cancelled(report) : why === 'timeout' && !own ? timedOut(report, timeoutMs) : err, report, clean)
  } finally {
    clearTimeout(timer)
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
  }
}

/** Checks every workspace file named as media, then uploads (or inlines) them: all before the submit. */
async function placeLocalFiles(
  io: RunnerIO,
  config: Config,
  report: Report,
  outputs: Outputs,
  signal: AbortSignal,
  workspace: string,
  deadline: number,
  /** Told the files' content hashes after the check; false skips the uploads (a cached video). */
  gate: (shas: ReadonlyMap<number, string>) => Promise<boolean>
): Promise<void> {
  const { checkLocalMedia, closeLocalMedia, placeLocalMedia } = await import('./local/media.js')
  const { USER_AGENT } = await import('./client.js')
  const built = config.request!
  const log = (line: string): void => io.info(line)
  const checked = await checkLocalMedia(built.locals, { workspace: config.workspace, runnerTemp: config.runnerTemp }, log)
  let assets: Record<string, string>
  try {
    if (!(await gate(new Map(checked.map((c) => [c.index, c.info.sha256]))))) return
    assets = await placeLocalMedia(built.body, checked, {
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
        deadline,
        signal
      }
    })
  } finally {
    await closeLocalMedia(checked)
  }
  if (Object.keys(assets).length > 0) {
    report.assets = assets
    outputs.set('assets', JSON.stringify(assets))
  }
}

async function dryRun(io: RunnerIO, config: Config, report: Report, outputs: Outputs): Promise<void> {
  report.dryRun = true
  if (config.taskId !== undefined) {
    io.info(`Dry run: would read task ${config.taskId} from ${config.baseUrl}/v1/videos/${config.taskId}; nothing was sent.`)
    report.next = ['Remove `dry-run` to read the task.']
    await writeSummary(io, report)
    return
  }
  const body = config.request!.body
  const shown = JSON.stringify(shortenDataUrls(body), null, 2)
  outputs.set('request', JSON.stringify(shortenDataUrls(body)))
  io.info(`Dry run: the request is valid; nothing was sent. Body of POST ${config.baseUrl}/v1/videos:`)
  io.info(shown)
  io.info('The same request with curl (export POWERTOKENS_API_KEY first):')
  io.info(curlCommand(config.baseUrl, shown))
  if (shown !== JSON.stringify(body, null, 2)) io.info('(Long data: URLs are shortened above; the real body carries them whole.)')
  report.next = ['Remove `dry-run` (and set `api-key`) to submit this request.']
  await writeSummary(io, report)
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

/** The error a run ends with when `timeout` runs out: what it was doing, and how to collect the task. */
export function timedOut(report: Pick<Report, 'taskId' | 'status'>, timeoutMs: number): TaskError {
  const id = report.taskId
  const after = `after ${formatDuration(timeoutMs)} (\`timeout\`)`
  if (!id) return new TaskError(`Stopped ${after} before a task was created; raise \`timeout\` if the uploads need longer.`)
  const what =
    report.status === 'succeeded'
      ? `Stopped ${after} while saving the video of task ${id}`
      : `Stopped waiting for task ${id} ${after} while it was ${report.status ?? 'unknown'}`
  return new TaskError(`${what}; the task goes on: collect it later (within 7 days) with \`task-id: ${id}\` and \`output-path\`, or raise \`timeout\`.`)
}

/** The error a cancelled run ends with: the task goes on, and how to collect it. */
export function cancelled(report: Pick<Report, 'taskId'>): TaskError {
  const id = report.taskId
  return new TaskError(
    id
      ? `Cancelled while waiting for task ${id}; the task goes on: collect it later with \`task-id: ${id}\` (within 7 days).`
      : 'Cancelled before a task was created.'
  )
}

async function writeSummary(io: RunnerIO, report: Report, clean: (text: string) => string = (t) => t): Promise<void> {
  await writeText(io, clean(renderSummary(report)))
}

async function writeText(io: RunnerIO, markdown: string): Promise<void> {
  try {
    await io.writeSummary(markdown)
  } catch (err) {
    io.warning(`Could not write the step summary: ${errorMessage(err)}`)
  }
}

async function fail(io: RunnerIO, err: unknown, report: Report, clean: (text: string) => string): Promise<void> {
  // A stack only for the unexpected: user, API, task and release errors say all there is in their message.
  if (err instanceof Error && err.stack && !EXPECTED_ERRORS.includes(err.name)) io.debug(err.stack)
  let message = clean(errorMessage(err))
  if (report.taskId && !message.includes(report.taskId)) message = `Task ${report.taskId}: ${message}`
  report.error = message
  await writeSummary(io, report, clean)
  io.setFailed(message)
}


