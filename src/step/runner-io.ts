/**
 * What the action needs of the runner, as a small interface: inputs, outputs, the log, the
 * summary, failure. `coreIO()` is the real one over @actions/core; tests pass their own.
 */
import * as core from '@actions/core'
import type { OutputName } from './outputs.js'

export interface RunnerIO {
  getInput(name: string): string
  /** Masks a secret in every later log line. */
  setSecret(secret: string): void
  setOutput(name: OutputName, value: string): void
  info(line: string): void
  warning(line: string): void
  notice(line: string): void
  debug(line: string): void
  /** Appends Markdown to the step summary (a no-op when the runner gives none). */
  writeSummary(markdown: string): Promise<void>
  setFailed(message: string): void
  env: NodeJS.ProcessEnv
}

export function coreIO(env: NodeJS.ProcessEnv = process.env): RunnerIO {
  return {
    getInput: (name) => core.getInput(name),
    setSecret: (secret) => core.setSecret(secret),
    setOutput: (name, value) => core.setOutput(name, value),
    info: (line) => core.info(line),
    warning: (line) => core.warning(line),
    notice: (line) => core.notice(line),
    debug: (line) => core.debug(line),
    writeSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return
      await core.summary.addRaw(markdown, true).write()
    },
    setFailed: (message) => core.setFailed(message),
    env
  }
}
