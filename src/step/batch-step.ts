/**
 * The step in batch mode: the `batch` list -> one entry per video, every problem of every
 * entry found before anything is sent -> the same pipeline a single step runs, N times ->
 * `results`, the summary, and one failure naming each entry that did not succeed.
 */
import { isAbsolute, join, resolve } from 'node:path'
import { entryInput, parseBatch } from './batch-file.js'
import { InputError } from '../errors.js'
import { displayPath } from '../format.js'
import { parseConfig, type Config, type GetInput } from './inputs.js'
import type { StepContext } from './context.js'
import { deliveredFields, type EntryState, type VideoEntry } from '../video/entry.js'
import { safeFileName } from '../delivery/paths.js'
import { checkOtherFiles, pickShare, withShard } from './batch-shard.js'

/** The most a batch file may be: thousands of entries' worth of YAML. */
const MAX_BATCH_FILE_BYTES = 1024 * 1024

/** The `batch` input's text: inline YAML/JSON, or the content of the workspace file it names. */
export async function batchText(value: string, roots: Pick<Config, 'workspace' | 'runnerTemp'>): Promise<string> {
  const v = value.trim()
  const inline = v.includes('\n') || /^[[{-]/.test(v)
  if (inline) return v
  const { openLocalFile } = await import('../local/files.js')
  const file = await openLocalFile(v, { workspace: roots.workspace, runnerTemp: roots.runnerTemp }, 'batch')
  try {
    const { size } = await file.handle.stat()
    if (size > MAX_BATCH_FILE_BYTES) throw new InputError(`Input \`batch\`: ${v} is ${size} bytes; a batch file may be at most 1 MB.`)
    const { readHead } = await import('../local/readers.js')
    return (await readHead(file.handle, size)).toString('utf8')
  } finally {
    await file.handle.close()
  }
}

/** One message listing every problem (GitHub shows an error as one annotation). */
function batchRefusal(problems: readonly string[], bad: number, total: number): string {
  const head = `${bad} of ${total} batch ${total === 1 ? 'entry is' : 'entries are'} not valid, so nothing was sent:`
  return [head, ...problems].join(' ')
}

/**
 * Every entry validated exactly as a single step would be, its workspace files included;
 * every problem of every entry is listed in one refusal.
 */
export async function batchEntries(text: string, step: Config, stepInput: GetInput, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<VideoEntry[]> {
  const parsed = await parseBatch(text, 'batch', step.shard?.count)
  const mine = pickShare(parsed, step.shard, log)
  const problems: string[] = []
  const bad = new Set<string>()
  const entries: VideoEntry[] = []
  // With `shard`, the other shards' entries are checked too (a bad entry anywhere stops every shard), then dropped.
  const others: VideoEntry[] = []
  const dir = outputDir(step)
  for (const [index, item] of parsed.entries()) {
    if (item.problems.length > 0) {
      bad.add(item.name)
      problems.push(...item.problems)
      continue
    }
    try {
      const config = await parseConfig(entryInput(item, stepInput), () => undefined, env, { entry: true })
      const name = item.name
      ;(mine.has(index) ? entries : others).push({
        name,
        config,
        tag: `[${name}] `,
        wait: true,
        saveTo: dir !== undefined ? () => join(dir, `${name}.mp4`) : undefined,
        tempFile: () => join(step.runnerTemp, `${safeFileName(name)}.mp4`),
        assetName: () => `${name}.mp4`,
        checked: [],
        ...(item.after !== undefined ? { after: item.after } : {})
      })
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      bad.add(item.name)
      problems.push(`Batch entry "${item.name}": ${err.message}`)
    }
  }
  const { checkEntryFiles, closeEntries } = await import('../video/run-entries.js')
  const label = (e: VideoEntry): string => `Batch entry "${e.name}": `
  try {
    const found = [...(await checkEntryFiles(entries, step, label, log)), ...(await checkOtherFiles(others, step, label))]
    for (const p of found) {
      bad.add(/^Batch entry "([^"]+)"/.exec(p)?.[1] ?? '')
      problems.push(p)
    }
  } catch (err) {
    await closeEntries(entries)
    throw err
  }
  if (problems.length > 0) {
    await closeEntries(entries)
    throw new InputError(batchRefusal(problems, bad.size, parsed.length))
  }
  return entries
}

/** In batch mode `output-path` is a folder that gets `<name>.mp4` for each entry. */
export function outputDir(step: Pick<Config, 'outputPath' | 'workspace'>): string | undefined {
  if (step.outputPath === undefined) return undefined
  return isAbsolute(step.outputPath) ? step.outputPath : resolve(step.workspace, step.outputPath)
}

/**
 * Runs the step in batch mode. Writes `results`, the summary, and the failure itself (naming
 * every entry that did not succeed, and after a cancel or timeout every task that goes on).
 * Throws only before any request is sent (bad input), for the caller's one-line failure.
 */
export async function runBatchStep(ctx: StepContext, value: string): Promise<void> {
  const { io, config: step, outputs } = ctx
  const info = (line: string): void => io.info(line)
  if (step.outputPath !== undefined && /\.(mp4|mov)$/i.test(step.outputPath)) {
    throw new InputError('Input `output-path` must be a folder with `batch` (each video is saved as `<name>.mp4` in it), not a file name.')
  }
  const text = await batchText(value, step)
  const entries = await batchEntries(text, step, (name) => io.getInput(name), io.env, info)
  const { closeEntries, dryRun, findRelease, lookUpReuse, runEntries } = await import('../video/run-entries.js')
  const { renderBatchSummary } = await import('./batch-summary.js')
  if (entries.length === 0) {
    // Only a share can be empty (an empty list is refused): nothing to send or wait for, and that is a success.
    io.info('Nothing was sent: this shard has no entries of the batch.')
    outputs.set('results', '[]')
    return await ctx.summary(renderBatchSummary({ entries: [], requests: [], shard: step.shard }))
  }
  const requests = entries.map((e) => e.config.request?.body)
  const locals = entries.map((e) => e.config.request?.locals)
  const states: EntryState[] = []
  let atLeast = false
  try {
    await lookUpReuse(entries, step, (line) => io.warning(line))
    // The bill before anything is sent: over `token-budget`, the whole batch stops here.
    const { priceEntries } = await import('../video/bill.js')
    const estimate = priceEntries(entries, step.tokenBudget, info)
    outputs.set('estimated-tokens', String(estimate.tokens))
    atLeast = estimate.atLeast
    if (step.dryRun) {
      io.info(`Dry run: all ${entries.length} batch ${entries.length === 1 ? 'entry is' : 'entries are'} valid; nothing was sent.`)
      await dryRun(entries, step, info)
      return await ctx.summary(
        renderBatchSummary({ entries: entries.map((e) => ({ name: e.name, estimatedTokens: e.estimate?.tokens })), estimateAtLeast: estimate.atLeast, requests, locals, dryRun: true, shard: step.shard, next: ['Remove `dry-run` (and set `api-key`) to submit these requests.'] })
      )
    }
    const release = step.uploadToRelease ? await findRelease(step, entries.length, info, ctx.deadline, ctx.signal) : undefined
    io.info(`Batch of ${entries.length} ${entries.length === 1 ? 'video' : 'videos'}, at most ${step.maxConcurrency} in flight at once.`)
    await runEntries({
      entries,
      step,
      maxConcurrency: step.maxConcurrency,
      deadline: ctx.deadline,
      signal: ctx.signal,
      release,
      logs: { info, warn: (line) => io.warning(line), debug: (line) => io.debug(line) },
      workspace: step.workspace,
      states
    })
  } finally {
    await closeEntries(entries)
  }
  for (const s of states) if (s.error !== undefined) s.status ??= 'failed'
  const assets = Object.assign({}, ...states.map((s) => s.assets ?? {})) as Record<string, string>
  if (Object.keys(assets).length > 0) outputs.set('assets', JSON.stringify(assets))
  outputs.set('results', JSON.stringify(withShard(resultsOf(states), step.shard)))
  const { reportedTotal } = await import('../video/bill.js')
  const used = reportedTotal(states.map((s) => s.tokens))
  if (used !== undefined) outputs.set('tokens', String(used))
  outputs.set('estimated-tokens', String(states.reduce((sum, s) => sum + (s.estimatedTokens ?? 0), 0)))
  const shown = states.map((s) => ({ ...s, videoPath: s.videoPath && displayPath(s.videoPath, step.workspace) }))
  let failure = batchFailure(states)
  if (ctx.signal.aborted) {
    const advice = collectAdvice(states)
    for (const line of advice) io.info(line)
    const why = ctx.stopReason()
    failure = `${why}${advice.length > 0 ? `; ${states.filter((s) => s.taskId && s.status !== 'succeeded').length} tasks go on: collect them with batch entries that give their \`task-id\` (listed in the log)` : ''}. ${failure ?? ''}`.trim()
  }
  await ctx.summary(renderBatchSummary({ entries: shown, requests, locals, shard: step.shard, error: failure, estimateAtLeast: atLeast }))
  if (failure) io.setFailed(failure)
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
  const parts = failed.map((s) => `${s.name} (${s.taskId ? `task ${s.taskId}, ` : 'no task, '}${s.status ?? 'failed'}${s.error ? `: ${s.error.replace(/\.$/, '')}` : ''})`)
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
