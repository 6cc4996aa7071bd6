#!/usr/bin/env node
// `npm run demo [-- --<input> <value> ... ] [--debug] [--dir <folder>]`: starts the local
// emulator, runs the committed dist/index.js exactly as the GitHub runner would (INPUT_*
// variables with the action.yml defaults filled in, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the
// workspace as the working directory), and prints the step's log as a run page shows it
// (scripts/runner-log.mjs: workflow commands acted on, secrets as ***, debug lines only with
// --debug), then its outputs, its summary and where the video was saved. Each run keeps its
// folder (workspace with the video, runner temp, output and summary files) under .demo/ (ignored
// by git), or under --dir. Needs no `npm install`: Node's standard library only (after `npm ci` it
// runs the action on Node 24, the runner's, from node_modules/node).
//
//   npm run demo                                         # a sample request, waited for and saved
//   npm run demo -- --prompt "A red kite" --seconds 8    # your own inputs (any of action.yml's)
//   npm run demo -- --prompt "x [emu:fail]"              # the emulator's failure switches
//   npm run demo -- --wait false                         # only submit, as the action does by default
//   npm run demo -- --debug                              # with the debug lines (each API request)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startEmulator } from '../emulator/server.mjs'
import { actionInputs, nearest, readOutputs, root, runDist, runnerEnv, runnerFiles } from './action-run.mjs'
import { createRunnerLog } from './runner-log.mjs'

const known = actionInputs()
const own = { debug: 'boolean', dir: 'string', help: 'boolean' }
/** Words joined by spaces, in lines of at most `width` characters, each after `pad`. */
const wrap = (words, pad, width = 100) => {
  const lines = ['']
  for (const w of words) {
    if (lines.at(-1) && pad.length + lines.at(-1).length + 1 + w.length > width) lines.push('')
    lines[lines.length - 1] += `${lines.at(-1) ? ' ' : ''}${w}`
  }
  return lines.map((l) => `${pad}${l}`).join('\n')
}
const usage = `Usage: npm run demo -- [--<input> <value> ...] [--debug] [--dir <folder>]
  --<input> <value>  any input of action.yml:
${wrap(
  [...known.keys()].map((k) => `--${k}`),
  '                     '
)}
  --debug            also show the debug lines (each API request and answer), as with debug logging on
  --dir <folder>     where each run's folder is kept (default: .demo/ in the repository)`

/** The options, or a message saying what is wrong with them. */
function readArgs(args) {
  const options = {
    ...Object.fromEntries([...known.keys()].map((k) => [k, { type: 'string' }])),
    ...Object.fromEntries(Object.entries(own).map(([k, type]) => [k, { type }]))
  }
  options.help.short = 'h'
  const { values, tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true })
  const problems = []
  let valueOfBadOption = false // the word after a mistyped option is its value, not a second mistake
  for (const t of tokens) {
    const skip = valueOfBadOption
    valueOfBadOption = false
    if (t.kind === 'positional') {
      if (skip) continue
      problems.push(`Unexpected argument "${t.value}": give inputs as --<name> <value> (with npm, after \`--\`: npm run demo -- --prompt "...").`)
    } else if (t.kind === 'option' && !(t.name in options)) {
      const near = nearest(t.name, Object.keys(options))
      problems.push(`Unknown option ${t.rawName}${near ? `; did you mean --${near}?` : '.'}`)
      valueOfBadOption = t.value === undefined
    } else if (t.kind === 'option' && options[t.name].type === 'string') {
      if (t.value === undefined) problems.push(`${t.rawName} needs a value: ${t.rawName} <value>.`)
      else if (!t.inlineValue && /^--[a-z]/.test(t.value) && t.value.slice(2).split('=')[0] in options) {
        problems.push(`${t.rawName} needs a value before ${t.value}.`)
        valueOfBadOption = !t.value.includes('=')
      }
    } else if (t.kind === 'option' && t.value !== undefined) {
      problems.push(`${t.rawName} takes no value.`)
    }
  }
  return problems.length > 0 ? { problems } : { values }
}

const { values: parsed, problems } = readArgs(process.argv.slice(2))
if (problems) {
  console.error(`${problems.join('\n')}\nnpm run demo -- --help lists every option.`)
  process.exit(2)
}
if (parsed.help) {
  console.log(usage)
  process.exit(0)
}
const { debug = false, dir: runsDir = join(root, '.demo'), help: _help, ...given } = parsed

// The request the demo sends when you give none of your own (no prompt, media or task):
const sampleRequest = {
  prompt: 'A paper boat sails across a rainy street at dusk',
  'reference-images': 'https://example.com/boat.png',
  seconds: '8',
  ratio: '16:9',
  'return-last-frame': 'true'
}
// ... and what makes it wait and save the video, whatever the request. The action itself returns
// once the task is created; give `--wait false`, or your own `--output-path`, to change this.
const sampleSaving = { 'output-path': 'promo/' }
const CONTENT = ['prompt', 'prompt-file', 'media', 'first-frame', 'last-frame', 'reference-images', 'reference-videos', 'reference-audios', 'task-id', 'batch']
const ownRequest = CONTENT.some((k) => k in given)
const saving = !('output-path' in given) && given.wait?.toLowerCase() !== 'false'

const show = (path) => {
  const rel = relative(process.cwd(), path)
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path
}
const size = (bytes) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`)
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
const bold = (text) => (colour ? `\x1b[1m${text}\x1b[0m` : text)

const emu = await startEmulator()
mkdirSync(runsDir, { recursive: true })
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
const runDir = mkdtempSync(join(resolve(runsDir), `run-${stamp}-`))
let code = 1
try {
  const files = runnerFiles(runDir)
  const inputs = {
    ...(ownRequest ? {} : sampleRequest),
    ...given,
    ...(saving ? sampleSaving : {}),
    'api-key': given['api-key'] ?? 'demo-key',
    'base-url': given['base-url'] ?? emu.url,
    'poll-interval': given['poll-interval'] ?? '200ms'
  }
  const env = runnerEnv(files, inputs, { debug })

  const log = createRunnerLog({ debug, colour })
  // The key comes from a secret, which the runner masks before the step starts.
  log.addMask(inputs['api-key'])
  console.log(`The committed dist/index.js, run as the GitHub runner runs it, against a local emulator of the
PowerTokens API (${emu.url}): nothing is sent to PowerTokens and nothing is billed.
Below, the step's log as the run page shows it${debug ? ' with debug logging on' : ' (--debug adds the debug lines)'}.\n`)
  console.log(bold('Run OWNER/seedance-action@v1'))
  console.log('  with:')
  for (const [name, value] of Object.entries(inputs)) {
    const [first, ...more] = log.mask(value).split('\n')
    console.log(`    ${name}: ${first}`)
    for (const line of more) console.log(`      ${line}`)
  }

  code = await runDist({ env, files, log })

  if (log.annotations.length > 0) {
    console.log(`\n${bold('Annotations')} (listed on the run's summary page)`)
    for (const a of log.annotations) console.log(`  ${a.level}${a.where}: ${a.title ? `${a.title}: ` : ''}${a.message.split('\n')[0]}`)
  }

  console.log(`\n${bold('Outputs')} (later steps read them as steps.<id>.outputs.<name>)`)
  // An output set more than once (status, response: kept current while waiting) keeps its last value.
  const outputs = readOutputs(files, log.mask)
  if (outputs.size === 0) console.log('  (none)')
  for (const [name, value] of outputs) console.log(`  ${name} = ${value.length > 160 ? `${value.slice(0, 157)}...` : value}`)

  console.log(`\n${bold('Step summary')} (Markdown, shown rendered on the run's summary page)\n`)
  console.log(log.mask(readFileSync(files.summary, 'utf8')).trimEnd() || '(empty)')

  // Where the files went: the step's own outputs, and each batch entry's.
  const saved = []
  for (const name of ['video-path', 'last-frame-path']) if (outputs.get(name)) saved.push(outputs.get(name))
  try {
    for (const r of JSON.parse(outputs.get('results') ?? '[]')) for (const name of ['video-path', 'last-frame-path']) if (r?.[name]) saved.push(r[name])
  } catch {
    // not JSON: nothing to list
  }
  const found = saved.filter((p) => existsSync(p))

  console.log(`\n${code === 0 ? 'Step succeeded.' : `Step failed (exit code ${code}).`}`)
  for (const p of found) console.log(`Saved: ${show(p)} (${size(statSync(p).size)})`)
  if (found.length === 0) {
    if (inputs['dry-run']?.toLowerCase() === 'true') console.log('No video: a dry run sends nothing.')
    else if (code === 0)
      console.log(
        `No video saved: the step did not wait for the task (status ${outputs.get('status') ?? 'unknown'}). Without --wait false, or with --output-path, the demo waits and saves it.`
      )
    else console.log('No video saved: see the error above.')
  }
  console.log(`This run's folder (workspace, outputs, step-summary.md): ${show(runDir)}. Delete ${show(resolve(runsDir))}/ to remove every demo run.`)
} finally {
  await emu.close()
}
process.exitCode = code ?? 1
