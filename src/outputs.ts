/**
 * Step outputs. GitHub caps an output at 1 MB, so a larger value is written to a file
 * under RUNNER_TEMP and the output holds that file's path instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const OUTPUT_LIMIT = 1_000_000

export type SetOutput = (name: string, value: string) => void

export function setOutputSafe(setOutput: SetOutput, name: string, value: string, info: (line: string) => void, runnerTemp = process.env.RUNNER_TEMP || tmpdir()): void {
  if (Buffer.byteLength(value) < OUTPUT_LIMIT - 1024) {
    setOutput(name, value)
    return
  }
  const dir = join(runnerTemp, 'seedance-action')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${name}-${process.pid}-${Date.now()}.json`)
  writeFileSync(file, value)
  info(`Output \`${name}\` is ${Buffer.byteLength(value)} bytes, over GitHub's 1 MB limit: it holds the path ${file} instead.`)
  setOutput(name, file)
}
