/**
 * The single step: the inputs as one entry of the sequence (run-step.ts), and that entry's
 * state mapped to the step's outputs (as soon as each is known) and to its summary, from what
 * the sequence returns.
 */
import { join } from 'node:path'
import { InputError } from '../errors.js'
import type { Config } from '../video/step-settings.js'
import type { StepContext } from './context.js'
import type { OutputName } from './outputs.js'
import { runStep, type SequenceContext } from '../video/run-step.js'
import { safeFileName, videoPath } from '../delivery/paths.js'
import { defaultAssetName } from '../delivery/release.js'
import { deliveredFields, type EntryState, type VideoEntry } from '../video/entry.js'
import { displayLinks } from '../http/url-policy.js'
import { renderSummary, type Report } from './summary.js'

/** The single step's one entry: the step's own request (or the task it collects). */
export function singleEntry(config: Config): VideoEntry {
  const output = config.output
  return {
    name: 'video',
    ...(config.request !== undefined ? { request: config.request } : {}),
    ...(config.taskId !== undefined ? { taskId: config.taskId } : {}),
    tag: '',
    inBatch: false,
    wait: config.wait,
    saveTo: output !== undefined ? (id) => videoPath(output, id) : undefined,
    tempFile: (id) => join(config.runnerTemp, `${safeFileName(id)}.mp4`),
    // `release-asset-name`, else the saved file's name, else `<repo>-<tag>.mp4`.
    assetName: (release, saved, id) => config.releaseAssetName ?? defaultAssetName(release, saved, `${safeFileName(id)}.mp4`),
    checked: []
  }
}

/**
 * Runs the single step through the sequence and renders what it returns: the outputs (each
 * also as soon as it is known), the summary, and the failure, thrown.
 */
export async function runSingle(ctx: StepContext, logs: SequenceContext['logs']): Promise<void> {
  const { config, outputs, report } = ctx
  Object.assign(report, {
    baseUrl: config.baseUrl,
    request: config.request?.body,
    locals: config.request?.locals,
    workspace: config.workspace
  } satisfies Report)
  const entry = singleEntry(config)
  const outcome = await runStep(
    { config, budget: ctx.budget, logs },
    {
      entries: [entry],
      changed: outputSync(ctx),
      started: () => {
        if (config.cache) outputs.set('cache-hit', String(entry.hit !== undefined))
      },
      priced: (total) => {
        Object.assign(report, { estimatedTokens: total.tokens, estimateAtLeast: total.atLeast } satisfies Report)
        outputs.set('estimated-tokens', String(total.tokens))
      }
    }
  )
  switch (outcome.kind) {
    case 'refused':
      throw new InputError(outcome.problems[0]?.message ?? 'The request is not valid.')
    case 'empty':
      return
    case 'dry-run':
      report.dryRun = true
      if (config.request) outputs.set('request', JSON.stringify(displayLinks(config.request.body)))
      report.next = [config.taskId !== undefined ? 'Remove `dry-run` to read the task.' : 'Remove `dry-run` (and set `api-key`) to submit this request.']
      await ctx.summary(renderSummary(report))
      return
    case 'ran': {
      const [state] = outcome.states
      if (state?.failure !== undefined) throw state.failure
      report.next = nextSteps(config, report)
      await ctx.summary(renderSummary(report))
    }
  }
}

/** Each change of the entry's state goes to the report and, where it changed, to its output. */
function outputSync(ctx: StepContext): (state: EntryState) => void {
  const { outputs, report } = ctx
  const last = new Map<OutputName, string>()
  const put = (name: OutputName, value: string | undefined): void => {
    if (value === undefined || last.get(name) === value) return
    last.set(name, value)
    outputs.set(name, value)
  }
  return (s) => {
    const { name: _name, request: _request, ...state } = s
    Object.assign(report, state, { estimatedTokens: s.estimatedTokens ?? report.estimatedTokens } satisfies Report)
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
