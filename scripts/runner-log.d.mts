// Types for scripts/runner-log.mjs, so TypeScript tests can import it.

export interface WorkflowCommand {
  name: string
  properties: Record<string, string>
  data: string
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title?: string
  message: string
  /** ` (file:line)` when the command named a file, else ''. */
  where: string
}

export interface RunnerLog {
  /** One line the action wrote; the lines the run page shows for it (none for a hidden command). */
  line(raw: string): string[]
  /** `text` with every registered secret replaced by `***`. */
  mask(text: string): string
  /** Registers a secret, as `::add-mask::` or the runner's own `secrets.*` do. */
  addMask(value: string): void
  annotations: Annotation[]
}

export function parseCommand(line: string): WorkflowCommand | undefined
export function createRunnerLog(options?: { debug?: boolean; colour?: boolean }): RunnerLog
