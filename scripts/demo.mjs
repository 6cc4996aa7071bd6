#!/usr/bin/env node
// `npm run demo [-- --<input> <value> ... [--keep]]`: starts the local emulator, runs the
// committed dist/index.js exactly as the GitHub runner would (INPUT_* variables with the
// action.yml defaults filled in, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) in a fresh temporary
// folder, and prints the step's log, its outputs and its summary. Needs no `npm install` (after
// `npm ci` it runs the action on Node 24, the runner's, from node_modules/node).
//
//   npm run demo                                         # a sample request
//   npm run demo -- --prompt "A red kite" --seconds 8    # your own inputs (any of action.yml's)
//   npm run demo -- --prompt "x [emu:fail]"              # the emulator's failure switches
//   npm run demo -- --keep                               # keep the folder (video, outputs, summary)
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startEmulator } from '../emulator/server.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Input names and defaults of action.yml. The demo must run without `npm install`, so no YAML
 * library: action.yml's `inputs:` block is plain `  name:` / `    default: value` lines (CI
 * validates the file against SchemaStore's schema).
 */
function actionInputs() {
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

const known = actionInputs()
let parsed
try {
  parsed = parseArgs({
    options: { keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...Object.fromEntries([...known.keys()].map((k) => [k, { type: 'string' }])) },
    strict: true
  }).values
} catch (err) {
  console.error(`${err.message}\nInputs: ${[...known.keys()].map((k) => `--${k}`).join(' ')}; and --keep.`)
  process.exit(2)
}
if (parsed.help) {
  console.log(`npm run demo -- [--<input> <value> ...] [--keep]\nInputs: ${[...known.keys()].map((k) => `--${k}`).join(' ')}`)
  process.exit(0)
}
const { keep, help: _help, ...given } = parsed

// Without inputs of its own, a sample request that shows most of what a run does.
const sample = {
  prompt: 'A paper boat sails across a rainy street at dusk',
  'reference-images': 'https://example.com/boat.png',
  seconds: '8',
  ratio: '16:9',
  'return-last-frame': 'true',
  'output-path': 'promo/'
}
const own = Object.keys(given).some((k) => k !== 'api-key' && k !== 'base-url')
const emu = await startEmulator()
const dir = mkdtempSync(join(tmpdir(), 'seedance-demo-'))
let code = 1
try {
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const inputs = { ...(own ? {} : sample), 'api-key': 'demo-key', 'base-url': emu.url, 'poll-interval': '200ms', ...given }
  const env = {
    PATH: process.env.PATH,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir
  }
  for (const [name, dflt] of known) {
    const value = inputs[name] ?? dflt
    // The runner would evaluate `${{ github.token }}`; the demo has no token.
    if (value !== undefined && !value.includes('${{')) env[`INPUT_${name.toUpperCase()}`] = value
  }

  // The runner's Node (runs.using: node24): the one `npm ci` installs, else (no install yet) this one.
  const node24 = join(root, 'node_modules', 'node', 'bin', 'node')
  const node = existsSync(node24) ? node24 : process.execPath
  console.log(`Emulator on ${emu.url}; workspace ${dir}; Node ${existsSync(node24) ? '24 (node_modules/node)' : process.version}\n\n--- step log ---`)
  const child = spawn(node, [join(root, 'dist', 'index.js')], { env, cwd: dir, stdio: 'inherit' })
  code = await new Promise((resolve) => child.on('close', resolve))

  console.log('\n--- outputs ---')
  // An output set more than once (status, response: kept current while waiting) keeps its last value.
  const outputs = new Map()
  for (const m of readFileSync(files.output, 'utf8').matchAll(/^([^<\n]+)<<(.+)\n([\s\S]*?)\n\2$/gm)) outputs.set(m[1], m[3])
  for (const [name, value] of outputs) console.log(`${name} = ${value.length > 160 ? `${value.slice(0, 157)}...` : value}`)
  console.log('\n--- step summary (Markdown) ---')
  console.log(readFileSync(files.summary, 'utf8'))
  console.log(`exit code ${code}`)
} finally {
  await emu.close()
  if (keep) console.log(`Kept ${dir}`)
  else rmSync(dir, { recursive: true, force: true })
}
process.exitCode = code ?? 1
