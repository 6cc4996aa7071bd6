/**
 * Step outputs: their names, declared once (a test holds them equal to action.yml's), and
 * the one way they are set. GitHub caps an output at 1 MB, so a larger value is written to
 * a file under RUNNER_TEMP and the output holds that file's path instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const OUTPUT_NAMES = [
  'task-id',
  'status',
  'response',
  'request',
  'video-url',
  'video-path',
  'last-frame-url',
  'last-frame-path',
  'release-asset-url',
  'assets',
  'results',
  'cache-hit',
  'tokens',
  'estimated-tokens'
] as const

export type OutputName = (typeof OUTPUT_NAMES)[number]

export const OUTPUT_LIMIT = 1_000_000

export type SetOutput = (name: OutputName, value: string) => void

export class Outputs {
  constructor(
    private readonly setOutput: SetOutput,
    /** Where values over the limit are written. */
    private readonly runnerTemp: string,
    private readonly info: (line: string) => void,
    /** Applied to every value: removes the secrets a server may have quoted. */
    private readonly clean: (value: string) => string = (v) => v
  ) {}

  set(name: OutputName, raw: string): void {
    const value = this.clean(raw)
    if (Buffer.byteLength(value) < OUTPUT_LIMIT - 1024) {
      this.setOutput(name, value)
      return
    }
    const dir = join(this.runnerTemp, 'seedance-action')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, `${name}-${process.pid}-${Date.now()}.json`)
    writeFileSync(file, value)
    this.info(`Output \`${name}\` is ${Buffer.byteLength(value)} bytes, over GitHub's 1 MB limit: it holds the path ${file} instead.`)
    this.setOutput(name, file)
  }
}
