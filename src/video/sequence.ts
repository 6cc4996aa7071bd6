/**
 * The one sequence of a step, a single video and a batch alike (as actions/cache's `restoreImpl`
 * serves both `restore` and `restore-only`): the entries' files checked, their identities and
 * cached videos looked up, the key required where something must be sent, the bill estimated and
 * held against `token-budget`, the dry run or the release lookup, then the run. What differs is
 * the StepMode: which entries, and how their states become outputs, a summary and a failure.
 */
import type { InputError } from '../errors.js'
import { priceEntries } from './bill.js'
import type { Config } from './config.js'
import { dryRun } from './dry-run.js'
import type { EntryState, VideoEntry } from './entry.js'
import type { Total } from './estimate.js'
import { checkEntryFiles, closeEntries, lookUpReuse, requireKey, type EntryProblem } from './prepare.js'
import { runEntries, type Logs } from './run-entries.js'
import { findRelease, type ReleaseTarget } from '../delivery/release.js'

/** What the sequence needs of the step: its settings, its deadline and cancel, its log. */
export interface SequenceContext {
  config: Config
  /** The step's `timeout` (epoch ms). */
  deadline: number
  /** Aborted by a cancel or the end of `timeout`. */
  signal: AbortSignal
  logs: Logs
}

/** What a single step and a batch do differently; the sequence calls these in this order. */
export interface StepMode {
  /** The entries this step runs (bad input met while reading them is kept for `refuse`). */
  entries(): Promise<VideoEntry[]>
  /** Every problem found, the entries' files' included, as one refusal; undefined when there is none. */
  refuse(problems: readonly EntryProblem[]): Promise<InputError | undefined>
  /** No entries to run (a share of a batch that got none): the step succeeds and sends nothing. */
  empty?(): Promise<void>
  /** The estimate, before anything is sent. */
  priced(total: Total): void
  /** A dry run printed the requests; nothing was sent. */
  dryRunDone(entries: readonly VideoEntry[]): Promise<void>
  /** The key is there and the release found: the entries start. */
  starting(entries: readonly VideoEntry[]): void
  /** Told of every change of an entry's state. */
  changed(state: EntryState): void
  /** Every entry has ended (or the step was stopped): the outputs, the summary, the failure. */
  finish(states: EntryState[]): Promise<void>
}

export async function runStep(ctx: SequenceContext, mode: StepMode): Promise<void> {
  const { logs, config: step } = ctx
  const { info, warn } = logs
  const entries = await mode.entries()
  const states: EntryState[] = []
  try {
    const refusal = await mode.refuse(await checkEntryFiles(entries, step, info))
    if (refusal) throw refusal
    if (entries.length === 0) return await mode.empty?.()
    if (!step.dryRun) {
      await lookUpReuse(entries, step, warn)
      requireKey(entries, step)
    }
    // The bill before anything is sent: over `token-budget`, the step (a batch as a whole) stops here.
    mode.priced(priceEntries(entries, step.tokenBudget, info))
    if (step.dryRun) {
      await dryRun(entries, step, info)
      return await mode.dryRunDone(entries)
    }
    // A missing release must fail the step before anything is paid for, not after.
    let release: ReleaseTarget | undefined
    if (step.uploadToRelease) {
      const { deadline, signal } = ctx
      release = await findRelease({ token: step.githubToken, tag: step.releaseTag, timeoutMs: step.requestTimeoutMs, maxRetries: step.maxRetries, log: info, deadline, signal })
      info(`The ${entries.length === 1 ? 'video' : 'videos'} will be attached to release ${release.release.tag_name ?? release.release.id}.`)
    }
    mode.starting(entries)
    await runEntries({
      entries,
      step,
      maxConcurrency: step.maxConcurrency,
      deadline: ctx.deadline,
      signal: ctx.signal,
      release,
      logs,
      workspace: step.workspace,
      states,
      changed: (state) => mode.changed(state)
    })
  } finally {
    await closeEntries(entries)
  }
  await mode.finish(states)
}
