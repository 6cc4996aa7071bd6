/**
 * The scheduler, for one video or many: each entry's pipeline (pipeline.ts), at most
 * `maxConcurrency` tasks queued or running at once, one download at a time, every file placed
 * before any entry is submitted. A single step is a run of one entry.
 */
import { VideoClient, type VideoService } from '../api/client.js'
import type { ReleaseTarget } from '../delivery/release.js'
import type { Config } from './step-settings.js'
import { FramePromise } from './chain.js'
import type { EntryState, VideoEntry } from './entry.js'
import { runEntry, type RunContext } from './pipeline.js'
import { fetchRemote, mediaUploader } from './entry-media.js'
import { Slots } from '../http/slots.js'
import type { Budget } from '../http/budget.js'

/**
 * Videos saved at once. A download runs at hundreds of MB/s (a 50 MB video in well under a
 * second), so one at a time costs no wall time worth counting, while parallel ones each hold
 * their socket and write buffers: ten 50 MB videos peak at 77 MB RSS one by one, 137 MB two by two.
 */
export const DOWNLOADS_AT_ONCE = 1

export interface Logs {
  info: (line: string) => void
  warn: (line: string) => void
  debug: (line: string) => void
}

export interface RunOptions {
  entries: readonly VideoEntry[]
  step: Config
  maxConcurrency: number
  /** The step's budget: a cancel or the end of `timeout`, and when `timeout` ends. */
  budget: Budget
  release?: ReleaseTarget
  logs: Logs
  workspace: string
  /** Filled in entry order as the run goes (the caller reads it after a cancel). */
  states: EntryState[]
  /** Told whenever an entry's state changes. */
  changed?: (state: EntryState) => void
  /** The PowerTokens API for one entry (its retry lines go to `log`); the real client unless a test gives its own. */
  client?: (log: (line: string) => void) => VideoService
}

/** Runs every entry's pipeline; resolves when each has ended (they never throw). */
export async function runEntries(o: RunOptions): Promise<EntryState[]> {
  o.states.push(...o.entries.map((e) => ({ name: e.name, ...(e.estimate ? { estimatedTokens: e.estimate.tokens } : {}) })))
  const { step } = o
  const ctx: RunContext = {
    step,
    budget: o.budget,
    release: o.release,
    slots: new Slots(Math.max(1, o.maxConcurrency)),
    downloads: new Slots(DOWNLOADS_AT_ONCE),
    client:
      o.client ??
      ((log): VideoService =>
        new VideoClient({
          baseUrl: step.baseUrl,
          apiKey: step.apiKey,
          timeoutMs: step.requestTimeoutMs,
          maxRetries: step.maxRetries,
          // Retries are progress, not something the user must act on: info, not warnings.
          log,
          debug: o.logs.debug,
          budget: o.budget
        })),
    uploadMedia: mediaUploader(step, o.budget, o.logs.info),
    workspace: o.workspace,
    info: o.logs.info,
    warn: o.logs.warn,
    changed: (state) => o.changed?.(state),
    remembering: [],
    frames: new Map(o.entries.map((e) => [e.name, new FramePromise()])),
    roots: { workspace: step.workspace, runnerTemp: step.runnerTemp }
  }
  const remote = await fetchRemote(o, ctx)
  try {
    // Every file (workspace or fetched) uploaded before any entry is submitted: a failed upload costs no
    // task. An entry that follows another uploads its frame when it starts; the rest upload theirs at once.
    for (const e of o.entries) {
      if (!e.hit && e.after === undefined && e.taskId === undefined && e.checked.length > 0) await ctx.uploadMedia(e)
    }
    await Promise.all(o.entries.map((entry, i) => runEntry(ctx, entry, o.states[i]!)))
    await Promise.all(ctx.remembering)
  } finally {
    await remote?.close()
  }
  return o.states
}
