/**
 * What the action needs of the runner, as a small interface: inputs, outputs, the log, the
 * summary, failure. `coreIO()` is the real one over @actions/core; tests pass their own.
 */
import * as core from '@actions/core'
import { neutralize } from '../redact.js'
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

/**
 * `io` with every line it logs, annotates or outputs made inert: whatever a line carries (a
 * server's words, a link, a GitHub name), it cannot act as a workflow command. `clean` removes
 * the step's secrets first; JSON outputs, such as the server's `response`, stay JSON.
 */
export function inertIO(io: RunnerIO, clean: (text: string) => string): RunnerIO {
  const inert = (text: string): string => neutralize(clean(text), true)
  return {
    ...io,
    setOutput: (name, value) => io.setOutput(name, inert(value)),
    info: (line) => io.info(inert(line)),
    warning: (line) => io.warning(inert(line)),
    notice: (line) => io.notice(inert(line)),
    debug: (line) => io.debug(inert(line)),
    setFailed: (message) => io.setFailed(inert(message))
  }
}
