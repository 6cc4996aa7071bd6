/**
 * The one sequence of a step, a single video and a batch alike (as actions/cache's `restoreImpl`
 * serves both `restore` and `restore-only`): the entries' files checked, their identities and
 * cached videos looked up, the key required where something must be sent, the bill estimated and
 * held against `token-budget`, the dry run or the release lookup, then the run. It returns how
 * the step ended and the entries' states; the single step and the batch render their outputs,
 * summary and failure from that.
 */
import { priceEntries } from './bill.js'
import type { Config } from './step-settings.js'
import { dryRun } from './dry-run.js'
import type { EntryState, VideoEntry } from './entry.js'
import type { Total } from './estimate.js'
import { checkEntryFiles, checkOtherFiles, closeEntries, lookUpReuse, requireKey, type EntryProblem } from './prepare.js'
import { runEntries, type Logs } from './run-entries.js'
import { findRelease, type ReleaseTarget } from '../delivery/release.js'
import type { Budget } from '../http/budget.js'

/** What the sequence needs of the step: its settings, its time budget, its log. */
export interface SequenceContext {
  config: Config
  /** The step's budget: aborted by a cancel or the end of `timeout`, and when `timeout` ends. */
  budget: Budget
  logs: Logs
}

/** The entries to run, and what the step tells the sequence about them. */
export interface StepInput {
  entries: readonly VideoEntry[]
  /** With `shard`, the entries other shards run: only their files are checked (a few at a time, then closed), so a bad file anywhere stops every shard. */
  others?: readonly VideoEntry[]
  /** The step already found problems of its own (a batch entry that is not valid): nothing is sent, the files are still checked to report every problem at once. */
  refused?: boolean
  /** Told of every change of an entry's state, as it happens (outputs are set as soon as each is known). */
  changed?: (state: EntryState) => void
  /** Told the estimate before anything is sent (a step that fails after it still reports it). */
  priced?: (total: Total) => void
  /** Told when the key is there and the release found, as the entries start. */
  started?: () => void
}

/** How the sequence ended. */
export type StepOutcome =
  /** Something is not valid: nothing was sent. `problems` are the files' of this step's entries, then of the others'; the step adds its own. */
  | { kind: 'refused'; problems: readonly EntryProblem[] }
  /** No entries to run (a share of a batch that got none): nothing was sent. */
  | { kind: 'empty' }
  /** A dry run printed the requests; nothing was sent. */
  | { kind: 'dry-run'; total: Total }
  /** Every entry ran to its end (or the step was stopped): one state per entry, in entry order. */
  | { kind: 'ran'; total: Total; states: readonly EntryState[] }

/**
 * Runs the sequence. Throws only before any task is submitted (a refused key, an estimate over
 * `token-budget`, a missing release, a stop); after that every entry's end is in its state.
 */
export async function runStep(ctx: SequenceContext, input: StepInput): Promise<StepOutcome> {
  const { logs, config: step } = ctx
  const { info, warn } = logs
  const { entries } = input
  try {
    const problems = [...(await checkEntryFiles(entries, step, info)), ...(await checkOtherFiles(input.others ?? [], step))]
    if (input.refused || problems.length > 0) return { kind: 'refused', problems }
    if (entries.length === 0) return { kind: 'empty' }
    if (!step.dryRun) {
      await lookUpReuse(entries, step, warn)
      requireKey(entries, step)
    }
    // The bill before anything is sent: over `token-budget`, the step (a batch as a whole) stops here.
    const total = priceEntries(entries, step.tokenBudget, info)
    input.priced?.(total)
    if (step.dryRun) {
      await dryRun(entries, step, info)
      return { kind: 'dry-run', total }
    }
    // A missing release must fail the step before anything is paid for, not after.
    let release: ReleaseTarget | undefined
    if (step.uploadToRelease) {
      release = await findRelease({
        token: step.githubToken,
        tag: step.releaseTag,
        timeoutMs: step.requestTimeoutMs,
        maxRetries: step.maxRetries,
        log: info,
        budget: ctx.budget
      })
      info(`The ${entries.length === 1 ? 'video' : 'videos'} will be attached to release ${release.release.tag_name ?? release.release.id}.`)
    }
    input.started?.()
    const states: EntryState[] = []
    await runEntries({
      entries,
      step,
      maxConcurrency: step.maxConcurrency,
      budget: ctx.budget,
      release,
      logs,
      workspace: step.workspace,
      states,
      changed: (state) => input.changed?.(state)
    })
    return { kind: 'ran', total, states }
  } finally {
    await closeEntries(entries)
  }
}
