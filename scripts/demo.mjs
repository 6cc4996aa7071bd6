#!/usr/bin/env node
// `npm run demo`: starts the local emulator, runs the committed dist/index.js exactly as
// the GitHub runner would (INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), and
// prints the step's log, its outputs and its summary. Needs no `npm install`.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '../emulator/server.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const emu = await startEmulator()
const dir = mkdtempSync(join(tmpdir(), 'seedance-demo-'))
const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
for (const f of Object.values(files)) writeFileSync(f, '')

const inputs = {
  'api-key': 'demo-key',
  'base-url': emu.url,
  prompt: 'A paper boat sails across a rainy street at dusk',
  'reference-images': 'https://example.com/boat.png',
  seconds: '8',
  ratio: '16:9',
  'return-last-frame': 'true',
  'output-path': 'promo/',
  'poll-interval': '200ms',
  // action.yml defaults, which the runner fills in:
  model: 'dreamina-seedance-2-0-260128',
  timeout: '60m',
  wait: 'false',
  'dry-run': 'false',
  'max-retries': '4',
  'request-timeout': '60s',
  'upload-to-release': 'false'
}
const env = {
  PATH: process.env.PATH,
  GITHUB_OUTPUT: files.output,
  GITHUB_STEP_SUMMARY: files.summary,
  GITHUB_WORKSPACE: dir,
  RUNNER_TEMP: dir
}
for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v

console.log(`Emulator on ${emu.url}; workspace ${dir}\n\n--- step log ---`)
const child = spawn(process.execPath, [join(root, 'dist', 'index.js')], { env, cwd: dir, stdio: 'inherit' })
const code = await new Promise((resolve) => child.on('close', resolve))
await emu.close()

console.log('\n--- outputs ---')
// An output set more than once (status, response: kept current while waiting) keeps its last value.
const outputs = new Map()
for (const m of readFileSync(files.output, 'utf8').matchAll(/^([^<\n]+)<<(.+)\n([\s\S]*?)\n\2$/gm)) outputs.set(m[1], m[3])
for (const [name, value] of outputs) console.log(`${name} = ${value.length > 160 ? `${value.slice(0, 157)}...` : value}`)
console.log('\n--- step summary (Markdown) ---')
console.log(readFileSync(files.summary, 'utf8'))
console.log(`exit code ${code}`)
process.exitCode = code ?? 1
