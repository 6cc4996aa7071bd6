/**
 * The action: inputs -> validated request -> client -> task -> outputs.
 * Every error ends here as one line through setFailed; a task that was created is
 * always reported with its id, whatever fails after.
 */
import * as core from '@actions/core'
import { VideoClient, type ApiResult } from './client.js'
import { curlCommand } from './dry-run.js'
import { errorMessage, InputError } from './errors.js'
import { parseConfig, type Config } from './inputs.js'
import { setOutputSafe } from './outputs.js'
import { shortenDataUrls } from './redact.js'
import { renderSummary, type Report } from './summary.js'

export async function run(): Promise<void> {
  const report: Report = {}
  try {
    const config = await parseConfig((name) => core.getInput(name), (secret) => core.setSecret(secret))
    report.baseUrl = config.baseUrl
    report.request = config.request?.body
    if (config.dryRun) return await dryRun(config, report)

    const client = new VideoClient({
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      timeoutMs: config.requestTimeoutMs,
      maxRetries: config.maxRetries,
      log: (line) => core.warning(line)
    })

    let result: ApiResult
    if (config.taskId !== undefined) {
      report.taskId = config.taskId
      core.setOutput('task-id', config.taskId)
      core.info(`Reading task ${config.taskId} from ${config.baseUrl}.`)
      result = await client.getTask(config.taskId)
    } else {
      const body = config.request!.body
      publish('request', JSON.stringify(shortenDataUrls(body)))
      core.info(`Submitting to ${config.baseUrl}/v1/videos: ${describeRequest(config)}.`)
      result = await client.submit(body)
      report.taskId = result.task.id
      core.setOutput('task-id', result.task.id)
      core.info(`Created task ${result.task.id} (${result.task.rawStatus ?? 'no status'}).`)
    }
    record(report, result)
    report.next = nextSteps(config, report)
    await writeSummary(report)
  } catch (err) {
    await fail(err, report)
  }
}

async function dryRun(config: Config, report: Report): Promise<void> {
  if (config.taskId !== undefined) {
    core.info(`Dry run: would read task ${config.taskId} from ${config.baseUrl}/v1/videos/${config.taskId}; nothing was sent.`)
    report.next = ['Remove `dry-run` to read the task.']
    await writeSummary(report)
    return
  }
  const body = config.request!.body
  const pretty = JSON.stringify(body, null, 2)
  const shown = JSON.stringify(shortenDataUrls(body), null, 2)
  publish('request', JSON.stringify(shortenDataUrls(body)))
  core.info(`Dry run: the request is valid; nothing was sent. Body of POST ${config.baseUrl}/v1/videos:`)
  core.info(shown)
  core.info('The same request with curl (export POWERTOKENS_API_KEY first):')
  core.info(curlCommand(config.baseUrl, shown))
  if (shown !== pretty) core.info('(Long data: URLs are shortened above; the real body carries them whole.)')
  report.dryRun = true
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

async function writeSummary(report: Report): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(report), true).write()
  } catch (err) {
    core.warning(`Could not write the step summary: ${errorMessage(err)}`)
  }
}

async function fail(err: unknown, report: Report): Promise<void> {
  if (err instanceof Error && err.stack && !(err instanceof InputError)) core.debug(err.stack)
  let message = errorMessage(err)
  if (report.taskId && !message.includes(report.taskId)) message = `Task ${report.taskId}: ${message}`
  report.error = message
  await writeSummary(report)
  core.setFailed(message)
}
