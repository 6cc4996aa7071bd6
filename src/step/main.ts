/**
 * The action: inputs -> one entry (a single step) or many (`batch`) -> the pipeline of each
 * (run-entries.ts, pipeline.ts) -> outputs and the summary. Every error ends here as one line
 * through setFailed; a task that was created is always reported with its id, whatever fails
 * after. Only the cache client is loaded on demand (cache-store.ts says why).
 */
import { tmpdir } from 'node:os'
import { MAX_TIMER_MS } from '../http/abort.js'
import { Budget } from '../http/budget.js'
import { errorMessage, ReleaseError, StepError, TaskError } from '../errors.js'
import { timeoutError } from '../api/wait.js'
import { formatDuration } from '../format.js'
import type { StepContext } from './context.js'
import { parseConfig } from './inputs.js'
import { Outputs } from './outputs.js'
import { addSecret, redactSecrets } from '../redact.js'
import { coreIO, inertIO, type RunnerIO } from './runner-io.js'
import { renderSummary, type Report } from './summary.js'
import { runBatch } from './batch-step.js'
import { runSingle } from './single-step.js'

export { nextSteps } from './single-step.js'
export type { StepContext } from './context.js'

/** Why the step was stopped from outside: the job was cancelled, or `timeout` ran out. */
class Stop extends Error {
  constructor(readonly why: 'cancel' | 'timeout') {
    super(why === 'cancel' ? 'Cancelled' : 'Timed out')
  }
}

/** `@github/local-action` and the bundle's entry call this; tests pass their own runner. */
export async function run(io: RunnerIO = coreIO()): Promise<void> {
  const started = Date.now()
  const report: Report = {}
  // One signal stops everything under way: a cancelled job, or the end of `timeout`.
  const stop = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  let timeoutMs = 0
  const onSignal = (): void => stop.abort(new Stop('cancel'))
  // The key and the token are removed from everything a server said before it is output or summarised.
  const secrets: string[] = []
  const clean = (text: string): string => redactSecrets(text, secrets)
  // Nothing the step logs, annotates or outputs can act as a workflow command.
  const runner = inertIO(io, clean)
  const outputs = new Outputs(
    (name, value) => runner.setOutput(name, value),
    runner.env.RUNNER_TEMP || tmpdir(),
    (line) => runner.info(line),
    clean
  )
  const summary = (markdown: string): Promise<void> => writeText(runner, clean(markdown))
  const mask = (secret: string): void => {
    runner.setSecret(secret)
    secrets.push(secret)
    addSecret(secret)
  }
  try {
    const config = await parseConfig((name) => runner.getInput(name), mask, runner.env)
    for (const line of config.notices) runner.notice(line)
    if (config.proxy) runner.info(`PowerTokens is reached through the proxy ${config.proxy} (from the runner's proxy settings).`)
    timeoutMs = config.timeoutMs
    timer = setTimeout(() => stop.abort(new Stop('timeout')), Math.min(config.timeoutMs, MAX_TIMER_MS))
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
    const ctx: StepContext = {
      io: runner,
      config,
      outputs,
      budget: Budget.of(stop.signal, config.timeoutMs, started),
      report,
      summary,
      stopReason: () => ((stop.signal.reason as Stop).why === 'cancel' ? 'Cancelled' : `Stopped after ${formatDuration(config.timeoutMs)} (\`timeout\`)`)
    }
    const logs = { info: (line: string) => runner.info(line), warn: (line: string) => runner.warning(line), debug: (line: string) => runner.debug(line) }
    if (config.batch !== undefined) await runBatch(ctx, config.batch, logs)
    else await runSingle(ctx, logs)
  } catch (err) {
    // A release upload cut off by `timeout` keeps its own sentence: it names the saved video and the paid task.
    const own = err instanceof ReleaseError
    const why = stop.signal.aborted && !own ? (stop.signal.reason as Stop).why : undefined
    await fail(runner, why === 'cancel' ? cancelled(report) : why === 'timeout' ? timedOut(report, timeoutMs) : err, report, clean)
  } finally {
    clearTimeout(timer)
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
  }
}

/** The error a run ends with when `timeout` runs out: what it was doing, and how to collect the task. */
export function timedOut(report: Pick<Report, 'taskId' | 'status'>, timeoutMs: number): TaskError {
  const id = report.taskId
  const after = `after ${formatDuration(timeoutMs)} (\`timeout\`)`
  if (!id) return new TaskError(`Stopped ${after} before a task was created; raise \`timeout\` if the uploads need longer.`)
  return timeoutError(id, report.status ?? 'unknown', timeoutMs)
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

async function writeText(io: RunnerIO, markdown: string): Promise<void> {
  try {
    await io.writeSummary(markdown)
  } catch (err) {
    io.warning(`Could not write the step summary: ${errorMessage(err)}`)
  }
}

async function fail(io: RunnerIO, err: unknown, report: Report, clean: (text: string) => string): Promise<void> {
  // A stack only for the unexpected: user, API, task and release errors say all there is in their message.
  if (err instanceof Error && err.stack && !(err instanceof StepError)) io.debug(err.stack)
  let message = clean(errorMessage(err))
  // Task and release errors name the task themselves; any other failure after the task was created is told which task it hit.
  if (report.taskId && !(err instanceof TaskError || err instanceof ReleaseError)) message = `Task ${report.taskId}: ${message}`
  report.error = message
  await writeText(io, clean(renderSummary(report)))
  io.setFailed(message)
}
