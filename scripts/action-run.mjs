// Running the committed dist/index.js as the GitHub runner does, shared by `npm run demo` and
// `npm run live-check`: the INPUT_* variables with action.yml's defaults filled in, the files the
// runner hands a step (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the workspace as the working directory,
// RUNNER_TEMP), Node 24 (runs.using: node24) and the step's log read through scripts/runner-log.mjs;
// and the nearest known option to a mistyped one, for both scripts' command lines.
// Node's standard library only: the demo runs on a fresh clone without `npm install`.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { node24Path } from './node24.mjs'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Input names and defaults of action.yml. No YAML library (the demo runs without `npm install`):
 * action.yml's `inputs:` block is plain `  name:` / `    default: value` lines (CI validates the
 * file against SchemaStore's schema).
 */
export function actionInputs() {
  const text = readFileSync(join(root, 'action.yml'), 'utf8')
  const block = text.slice(text.indexOf('\ninputs:\n'), text.indexOf('\noutputs:\n'))
  const inputs = new Map()
  let current
  for (const line of block.split('\n')) {
    const name = /^ {2}([a-z][\w-]*):\s*$/.exec(line)
    if (name) inputs.set((current = name[1]), undefined)
    const dflt = /^ {4}default:\s*(.*?)\s*$/.exec(line)
    if (dflt && current) inputs.set(current, dflt[1].replace(/^'(.*)'$/, '$1'))
  }
  return inputs
}

/** The folders and files the runner gives a step, made under `runDir`. */
export function runnerFiles(runDir) {
  const files = {
    workspace: join(runDir, 'workspace'),
    temp: join(runDir, 'runner-temp'),
    output: join(runDir, 'github-output'),
    summary: join(runDir, 'step-summary.md')
  }
  mkdirSync(files.workspace, { recursive: true })
  mkdirSync(files.temp, { recursive: true })
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  return files
}

/**
 * The step's environment: PATH, the runner's files, and INPUT_<NAME> for every input of
 * action.yml (`inputs` over the defaults; an expression such as `${{ github.token }}` is left out,
 * as there is no runner to evaluate it).
 */
export function runnerEnv(files, inputs, { debug = false } = {}) {
  const env = {
    PATH: process.env.PATH,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: files.workspace,
    RUNNER_TEMP: files.temp,
    // What the runner sets when the repository's debug logging is on.
    ...(debug ? { RUNNER_DEBUG: '1' } : {})
  }
  for (const [name, dflt] of actionInputs()) {
    const value = inputs[name] ?? dflt
    if (value !== undefined && !value.includes('${{')) env[`INPUT_${name.toUpperCase()}`] = value
  }
  return env
}

/**
 * Runs dist/index.js on the runner's Node (the one `npm ci` installs, else this one) in the
 * workspace; each line it writes (both streams, as the runner reads workflow commands from both)
 * goes through `log.line`, and each line shown goes to `print`. Resolves with the exit code.
 */
export async function runDist({ env, files, log, print = (line) => console.log(line) }) {
  const node24 = node24Path(root)
  const node = existsSync(node24) ? node24 : process.execPath
  const child = spawn(node, [join(root, 'dist', 'index.js')], { env, cwd: files.workspace, stdio: ['ignore', 'pipe', 'pipe'] })
  const streams = [child.stdout, child.stderr].map((stream) => {
    const lines = createInterface({ input: stream, crlfDelay: Infinity })
    lines.on('line', (line) => {
      for (const shown of log.line(line)) print(shown)
    })
    return new Promise((done) => lines.on('close', done))
  })
  const exited = new Promise((done) => child.on('close', (c) => done(c)))
  await Promise.all(streams)
  return exited
}

/** The outputs the step set (an output set more than once keeps its last value), each through `mask`. */
export function readOutputs(files, mask = (text) => text) {
  const outputs = new Map()
  for (const m of readFileSync(files.output, 'utf8').matchAll(/^([^<\n]+)<<(.+)\n([\s\S]*?)\n\2$/gm)) outputs.set(m[1], mask(m[3]))
  return outputs
}

/**
 * Levenshtein distance (two rows), as src/step/batch-file.ts measures a mistyped batch key with
 * `leven`: written here because `npm run demo` runs with no install, so it may import no package.
 */
function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[b.length]
}

/** The known option closest to `name`, if it is close enough to be a typo (the batch file's rule). */
export function nearest(name, known) {
  let best
  let bestDistance = Infinity
  for (const k of known) {
    const d = distance(name.toLowerCase().replace(/_/g, '-'), k)
    if (d < bestDistance) [best, bestDistance] = [k, d]
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined
}
