/**
 * The step in batch mode, through the one sequence (run-step.ts): the `batch` list -> one
 * entry per video (this shard's share), every problem of every entry found before anything is
 * sent -> from the entries' states the sequence returns, `results`, the summary, and one failure
 * naming each entry that did not succeed.
 */
import { join } from 'node:path'
import { entryInput, parseBatch } from './batch-file.js'
import { InputError } from '../errors.js'
import { openLocalFile } from '../media/files.js'
import { readHead } from '../media/readers.js'
import { parseVideo, type GetInput } from './inputs.js'
import type { Config } from '../video/step-settings.js'
import type { StepContext } from './context.js'
import { runStep, type SequenceContext } from '../video/run-step.js'
import { deliveredFields, type EntryState, type VideoEntry } from '../video/entry.js'
import { reportedTotal } from '../video/bill.js'
import type { EntryProblem } from '../video/prepare.js'
import { safeFileName, videoPath } from '../delivery/paths.js'
import { pickShare, withShard } from './batch-shard.js'
import { renderBatchSummary } from './batch-summary.js'

/** The most a batch file may be: thousands of entries' worth of YAML. */
const MAX_BATCH_FILE_BYTES = 1024 * 1024

/** The `batch` input's text: inline YAML/JSON, or the content of the workspace file it names. */
export async function batchText(value: string, roots: Pick<Config, 'workspace' | 'runnerTemp'>): Promise<string> {
  const v = value.trim()
  const inline = v.includes('\n') || /^[[{-]/.test(v)
  if (inline) return v
  const file = await openLocalFile(v, { workspace: roots.workspace, runnerTemp: roots.runnerTemp }, 'batch')
  try {
    const { size } = await file.handle.stat()
    if (size > MAX_BATCH_FILE_BYTES) throw new InputError(`Input \`batch\`: ${v} is ${size} bytes; a batch file may be at most 1 MB.`)
    return (await readHead(file.handle, size)).toString('utf8')
  } finally {
    await file.handle.close()
  }
}

/** The batch's entries: this shard's share, and every problem of the whole list. */
export interface BatchEntries {
  entries: VideoEntry[]
  /** With `shard`, the entries other shards run: their files are checked too, then closed. */
  others: VideoEntry[]
  /** Every problem met while reading the list, one sentence each, with the entry it concerns. */
  problems: Array<{ name: string; message: string }>
  /** Entries in the whole list. */
  total: number
}

/**
 * Every entry's own request (or task id) read exactly as a single step's would be, its keys over
 * the step's inputs; the step's settings are the step's, read once (its files are checked next,
 * by the sequence).
 */
export async function batchEntries(text: string, step: Config, stepInput: GetInput, log: (line: string) => void): Promise<BatchEntries> {
  const parsed = await parseBatch(text, 'batch', step.shard?.count)
  const found: BatchEntries = { entries: [], others: [], problems: [], total: parsed.length }
  const output = step.output
  const roots = { workspace: step.workspace, runnerTemp: step.runnerTemp }
  // Every entry of the whole list is read (one bad entry stops every shard), then split into this share and the others'.
  const read: Array<VideoEntry | undefined> = []
  for (const item of parsed) {
    read.push(undefined)
    if (item.problems.length > 0) {
      found.problems.push(...item.problems.map((message) => ({ name: item.name, message })))
      continue
    }
    try {
      const own = await parseVideo(entryInput(item, stepInput), roots)
      const name = item.name
      read[read.length - 1] = {
        name,
        ...own,
        tag: `[${name}] `,
        inBatch: true,
        wait: true,
        // `output-path` is a folder in a batch (paths.ts `outputTarget`): `<name>.mp4` in it.
        saveTo: output !== undefined ? () => videoPath(output, name) : undefined,
        tempFile: () => join(step.runnerTemp, `${safeFileName(name)}.mp4`),
        assetName: () => `${name}.mp4`,
        checked: [],
        ...(item.after !== undefined ? { after: item.after } : {})
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      found.problems.push({ name: item.name, message: `Batch entry "${item.name}": ${err.message}` })
    }
  }
  const mine = pickShare(parsed, step.shard, log)
  read.forEach((entry, index) => {
    if (entry !== undefined) (mine.has(index) ? found.entries : found.others).push(entry)
  })
  return found
}

/** One refusal listing every problem of every entry (GitHub shows an error as one annotation). */
export function batchRefusal(problems: ReadonlyArray<{ name: string; message: string }>, total: number): InputError {
  const bad = new Set(problems.map((p) => p.name)).size
  const head = `${bad} of ${total} batch ${total === 1 ? 'entry is' : 'entries are'} not valid, so nothing was sent:`
  return new InputError([head, ...problems.map((p) => p.message)].join(' '))
}

/**
 * The batch through the sequence, rendered from what it returns: `results`, the summary, and the
 * failure itself (naming every entry that did not succeed, and after a cancel or timeout every
 * task that goes on).
 */
export async function runBatch(ctx: StepContext, value: string, logs: SequenceContext['logs']): Promise<void> {
  const { io, config: step, outputs } = ctx
  const info = (line: string): void => io.info(line)
  const text = await batchText(value, step)
  const found = await batchEntries(text, step, (name) => io.getInput(name), info)
  const fileProblem = (p: EntryProblem): { name: string; message: string } => ({ name: p.entry.name, message: `Batch entry "${p.entry.name}": ${p.message}` })
  const entries = found.entries
  const outcome = await runStep(
    { config: step, budget: ctx.budget, logs },
    {
      entries,
      others: found.others,
      refused: found.problems.length > 0,
      priced: (total) => outputs.set('estimated-tokens', String(total.tokens)),
      started: () => io.info(`Batch of ${entries.length} ${entries.length === 1 ? 'video' : 'videos'}, at most ${step.maxConcurrency} in flight at once.`)
    }
  )
  const requests = entries.map((e) => e.request)
  switch (outcome.kind) {
    case 'refused':
      throw batchRefusal([...found.problems, ...outcome.problems.map(fileProblem)], found.total)
    case 'empty':
      // Only a share can be empty (an empty list is refused): nothing to send or wait for, and that is a success.
      io.info('Nothing was sent: this shard has no entries of the batch.')
      outputs.set('results', '[]')
      await ctx.summary(renderBatchSummary({ entries: [], requests: [], shard: step.shard }))
      return
    case 'dry-run':
      await ctx.summary(
        renderBatchSummary({
          entries: entries.map((e) => ({ name: e.name, estimatedTokens: e.estimate?.tokens })),
          estimateAtLeast: outcome.total.atLeast,
          requests: requests.map((r) => r?.body),
          locals: requests.map((r) => r?.locals),
          dryRun: true,
          shard: step.shard,
          next: ['Remove `dry-run` (and set `api-key`) to submit these requests.']
        })
      )
      return
    case 'ran': {
      const states = outcome.states.map((s) => (s.error !== undefined ? { ...s, status: s.status ?? 'failed' } : s))
      const assets = Object.assign({}, ...states.map((s) => s.assets ?? {})) as Record<string, string>
      if (Object.keys(assets).length > 0) outputs.set('assets', JSON.stringify(assets))
      outputs.set('results', JSON.stringify(withShard(resultsOf(states), step.shard)))
      const used = reportedTotal(states.map((s) => s.tokens))
      if (used !== undefined) outputs.set('tokens', String(used))
      outputs.set('estimated-tokens', String(states.reduce((sum, s) => sum + (s.estimatedTokens ?? 0), 0)))
      let failure = batchFailure(states)
      if (ctx.budget.signal.aborted) {
        const advice = collectAdvice(states)
        for (const line of advice) io.info(line)
        const why = ctx.stopReason()
        failure =
          `${why}${advice.length > 0 ? `; ${states.filter((s) => s.taskId && s.status !== 'succeeded').length} tasks go on: collect them with batch entries that give their \`task-id\` (listed in the log)` : ''}. ${failure ?? ''}`.trim()
      }
      await ctx.summary(
        renderBatchSummary({
          entries: states,
          workspace: step.workspace,
          requests: requests.map((r) => r?.body),
          locals: requests.map((r) => r?.locals),
          shard: step.shard,
          error: failure,
          estimateAtLeast: outcome.total.atLeast
        })
      )
      if (failure) io.setFailed(failure)
    }
  }
}

/** `results`: one object per entry, in entry order, with the fields that apply. */
export function resultsOf(states: readonly EntryState[]): Array<Record<string, string | boolean | number>> {
  return states.map((s) => {
    const { 'task-id': taskId, ...delivered } = deliveredFields(s)
    return {
      name: s.name,
      ...(taskId !== undefined ? { 'task-id': taskId } : {}),
      status: s.status ?? 'unknown',
      ...delivered,
      ...(s.error !== undefined ? { error: s.error } : {}),
      'cache-hit': s.cacheHit === true,
      ...(s.tokens !== undefined ? { tokens: s.tokens } : {}),
      ...(s.estimatedTokens !== undefined ? { 'estimated-tokens': s.estimatedTokens } : {})
    }
  })
}

/** Did this entry deliver what was asked? */
export function succeeded(s: EntryState): boolean {
  return s.status === 'succeeded' && s.error === undefined
}

/** The step's failure: each entry that did not succeed, with its reason and task id. */
export function batchFailure(states: readonly EntryState[]): string | undefined {
  const failed = states.filter((s) => !succeeded(s))
  if (failed.length === 0) return undefined
  const parts = failed.map(
    (s) => `${s.name} (${s.taskId ? `task ${s.taskId}, ` : 'no task, '}${s.status ?? 'failed'}${s.error ? `: ${s.error.replace(/\.$/, '')}` : ''})`
  )
  return `${failed.length} of ${states.length} batch ${states.length === 1 ? 'entry' : 'entries'} did not succeed: ${parts.join('; ')}.`
}

/** After a cancel or timeout: every created task, and the batch entries that collect them. */
export function collectAdvice(states: readonly EntryState[]): string[] {
  const live = states.filter((s) => s.taskId !== undefined && !succeeded(s))
  if (live.length === 0) return []
  return [
    'These tasks go on; collect them later (within 7 days) with these batch entries:',
    ...live.map((s) => `  - { name: ${s.name}, task-id: ${s.taskId} }`)
  ]
}
