#!/usr/bin/env node
// `npm test [-- jest arguments]`: every test suite once, on Node 24.
//
// 1. Node 24 is the action's runtime (`runs.using: node24`), so the suite runs there. When the Node
//    that runs npm is older, this script runs itself again on the Node 24 that `npm ci` installs
//    (the `node` dev dependency, node_modules/node/bin/node): an older Node only starts npm.
// 2. dist/ is what the end-to-end suite runs. When what it is built from (src/, the
//    dependencies, the build scripts) no longer matches dist/inputs.sha256, dist/ is rebuilt
//    first (scripts/bundle.mjs), so a test never passes or fails on yesterday's build.
// 3. Jest runs with TMPDIR pointed at a fresh folder. Whatever a test leaves there is listed
//    and fails the run: tests must leave the machine's temporary directory as they found it.
//
// E2E_NODE (a path) makes the end-to-end suite run dist/index.js on another Node binary.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { staleReason } from './dist-inputs.mjs'
import { node24Path } from './node24.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
/** The action's runtime, and the Node the suite runs on. */
export const RUNTIME_MAJOR = 24
/** Where `npm ci` puts Node 24. */
export const NODE24 = node24Path(root)

function run(command, argv, options = {}) {
  const r = spawnSync(command, argv, { stdio: 'inherit', cwd: root, ...options })
  if (r.error) throw r.error
  return r.status ?? 1
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (Number(process.versions.node.split('.')[0]) < RUNTIME_MAJOR) {
    if (!existsSync(NODE24)) {
      console.error(
        `The tests run on Node ${RUNTIME_MAJOR}, the action's runtime; this is Node ${process.versions.node} and ${NODE24} is missing: run \`npm ci\` first (it installs Node ${RUNTIME_MAJOR}).`
      )
      process.exit(1)
    }
    console.log(`Node ${process.versions.node} started the tests; they run on Node ${RUNTIME_MAJOR}, the action's runtime (${NODE24}).`)
    process.exit(run(NODE24, [fileURLToPath(import.meta.url), ...args]))
  }

  const stale = staleReason(root)
  if (stale) {
    console.log(`dist/ is stale (${stale}): rebuilding it (npm run bundle) before the tests.`)
    const code = run(process.execPath, [join(root, 'scripts', 'bundle.mjs'), '-q'])
    if (code !== 0) process.exit(code)
  }

  const tmp = mkdtempSync(join(tmpdir(), 'seedance-test-run-'))
  let code = 1
  try {
    const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp }
    code = run(process.execPath, ['--experimental-vm-modules', '--no-warnings', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...args], { env })
    const left = readdirSync(tmp)
    if (left.length > 0) {
      console.error(`\nThe tests left ${left.length} item(s) in the temporary directory; every test must remove what it makes, also when it fails:`)
      for (const name of left.slice(0, 20)) console.error(`  ${name}`)
      if (code === 0) code = 1
    } else {
      console.log('Temporary directory left as found.')
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  process.exit(code)
}
