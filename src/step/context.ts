/** What the step's entry point hands a step layer (single-step.ts, batch-step.ts). */
import type { Config } from './inputs.js'
import type { Budget } from '../http/budget.js'
import type { Outputs } from './outputs.js'
import type { RunnerIO } from './runner-io.js'
import type { Report } from './summary.js'

export interface StepContext {
  io: RunnerIO
  config: Config
  outputs: Outputs
  /** The step's budget: its signal is aborted by a cancel or the end of `timeout`; `endsAt` is when `timeout` ends. */
  budget: Budget
  /** The single step's report, kept current for the failure's summary. */
  report: Report
  /** Writes Markdown to the step summary, secrets removed. */
  summary: (markdown: string) => Promise<void>
  /** After `budget.signal` aborted: why, as the start of a sentence (cancelled, or `timeout`). */
  stopReason: () => string
}
