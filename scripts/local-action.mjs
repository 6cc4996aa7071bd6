#!/usr/bin/env node
// `npm run local-action [-- <env file>]`: GitHub's @github/local-action runs src/step/main.ts (not
// the bundle) with the inputs of the env file (default .env.example). The tool brings its own
// TypeScript, toolkit and octokit (about 330 MB on disk, 230 packages), so it is no devDependency
// that every `npm ci` would install: it is installed once per version, pinned, the first time it is
// needed (here, or by __tests__/e2e/local-action.test.ts), in the user's cache folder
// ($XDG_CACHE_HOME or ~/.cache, then seedance-action/local-action-<version>), as tools with large
// downloads keep them (Playwright's browsers, Cypress's binary). Under node_modules it was wiped by
// every `npm ci` and installed again by the next test run: about 20 s of CPU each time.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const LOCAL_ACTION_VERSION = '7.0.1'
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the pinned tool lives: $XDG_CACHE_HOME, else ~/.cache, then seedance-action/local-action-<version>. */
export function localActionPrefix(env = process.env) {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache')
  return join(base, 'seedance-action', `local-action-${LOCAL_ACTION_VERSION}`)
}

const binIn = (prefix) => join(prefix, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')

/** Whether the tool is installed (the test order starts its test first when it is not). */
export function localActionInstalled() {
  return existsSync(binIn(localActionPrefix()))
}

/**
 * The path of local-action's CLI, installed first if it is not there yet. The install goes to a
 * folder of its own and is renamed into place only when whole, so an interrupted install or two
 * checkouts installing at once never leave a half tree that looks installed. Throws when the install fails.
 */
export function ensureLocalAction() {
  const prefix = localActionPrefix()
  const bin = binIn(prefix)
  if (existsSync(bin)) return bin
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm']
  const staging = `${prefix}.installing-${process.pid}`
  const args = ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', staging, `@github/local-action@${LOCAL_ACTION_VERSION}`]
  process.stderr.write(`Installing @github/local-action@${LOCAL_ACTION_VERSION} in ${prefix} (once).\n`)
  // npm's own scratch files (e.g. Node's compile cache) stay with the install, not in the caller's temporary directory.
  const tmp = join(staging, '.tmp')
  mkdirSync(tmp, { recursive: true })
  const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp }
  try {
    const r = spawnSync(npm[0], [...npm.slice(1), ...args], { stdio: ['ignore', 'ignore', 'inherit'], cwd: root, env })
    if (r.status !== 0 || !existsSync(binIn(staging)))
      throw new Error(`Could not install @github/local-action@${LOCAL_ACTION_VERSION} (npm exited ${r.status ?? r.signal}).`)
    rmSync(tmp, { recursive: true, force: true })
    try {
      renameSync(staging, prefix)
    } catch (err) {
      // Another checkout finished the same install first: its copy is as good.
      if (!existsSync(bin)) throw err
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  return bin
}

/**
 * How to start it: local-action runs `npm exec tsx`, which finds tsx only from its own folder, so it
 * runs there, with the repository and the env file given as absolute paths.
 */
export function localActionCommand(envFile) {
  return { args: [ensureLocalAction(), 'run', root, 'src/step/main.ts', resolve(root, envFile)], cwd: localActionPrefix() }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { args, cwd } = localActionCommand(process.argv[2] ?? '.env.example')
  // The workspace is the repository (the .env file may name another): `output-path` is relative to it.
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd, env: { GITHUB_WORKSPACE: root, ...process.env } })
  process.exit(r.status ?? 1)
}
