#!/usr/bin/env node
// `npm test [-- jest arguments]`: every test suite once, on the Node that runs npm.
//
// 1. dist/ is what the end-to-end suite runs. When any file it is built from (src/, shims/,
//    package.json, package-lock.json, tsconfig.json) is newer than dist/index.js, dist/ is
//    rebuilt first (`npm run bundle`), so a test never passes or fails on yesterday's build.
// 2. Jest runs with TMPDIR pointed at a fresh folder. Whatever a test leaves there is listed
//    and fails the run: tests must leave the machine's temporary directory as they found it.
//
// E2E_NODE (a path) makes the end-to-end suite run dist/index.js on another Node binary;
// .ci/run uses it for Node 24, the runtime of `runs.using: node24`.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

/** Newest modification time of a file or of every file under a folder. */
export function newest(path) {
  const st = statSync(path, { throwIfNoEntry: false })
  if (!st) return 0
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const name of readdirSync(path)) if (name !== 'node_modules') max = Math.max(max, newest(join(path, name)))
  return max
}

/** The inputs of dist/ that changed after it was built, or [] when it is up to date. */
export function staleInputs(dir = root) {
  const built = statSync(join(dir, 'dist', 'index.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0
  return ['src', 'shims', 'package.json', 'package-lock.json', 'tsconfig.json'].filter((p) => newest(join(dir, p)) > built)
}

function run(command, argv, options = {}) {
  const r = spawnSync(command, argv, { stdio: 'inherit', cwd: root, ...options })
  if (r.error) throw r.error
  return r.status ?? 1
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stale = staleInputs()
  if (stale.length > 0) {
    console.log(`dist/ is older than ${stale.join(', ')}: rebuilding it (npm run bundle) before the tests.`)
    const npm = process.env.npm_execpath
    const code = npm ? run(process.execPath, [npm, 'run', '-s', 'bundle']) : run('npm', ['run', '-s', 'bundle'])
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
