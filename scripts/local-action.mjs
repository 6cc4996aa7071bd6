#!/usr/bin/env node
// `npm run local-action [-- <env file>]`: GitHub's @github/local-action runs src/step/main.ts (not
// the bundle) with the inputs of the env file (default .env.example). The tool brings its own
// TypeScript, toolkit and octokit (about 100 MB, 260 packages), so it is no devDependency that every
// `npm ci` would install: it is installed once, pinned, under node_modules/.cache/local-action
// the first time it is needed (here, or by __tests__/e2e/local-action.test.ts).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const LOCAL_ACTION_VERSION = '7.0.1'
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const prefix = join(root, 'node_modules', '.cache', 'local-action')

/** The path of local-action's CLI, installed first if it is not there yet. Throws when the install fails. */
export function ensureLocalAction() {
  const bin = join(prefix, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
  if (existsSync(bin)) return bin
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm']
  const args = ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', prefix, `@github/local-action@${LOCAL_ACTION_VERSION}`]
  process.stderr.write(`Installing @github/local-action@${LOCAL_ACTION_VERSION} under node_modules/.cache/local-action (once).\n`)
  // npm's own scratch files (e.g. Node's compile cache) stay with the install, not in the caller's temporary directory.
  const tmp = join(prefix, '.tmp')
  mkdirSync(tmp, { recursive: true })
  const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp }
  const r = spawnSync(npm[0], [...npm.slice(1), ...args], { stdio: ['ignore', 'ignore', 'inherit'], cwd: root, env })
  if (r.status !== 0 || !existsSync(bin)) throw new Error(`Could not install @github/local-action@${LOCAL_ACTION_VERSION} (npm exited ${r.status ?? r.signal}).`)
  return bin
}

/**
 * How to start it: local-action runs `npm exec tsx`, which finds tsx only from its own folder, so it
 * runs there, with the repository and the env file given as absolute paths.
 */
export function localActionCommand(envFile) {
  return { args: [ensureLocalAction(), 'run', root, 'src/step/main.ts', resolve(root, envFile)], cwd: prefix }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { args, cwd } = localActionCommand(process.argv[2] ?? '.env.example')
  // The workspace is the repository (the .env file may name another): `output-path` is relative to it.
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd, env: { GITHUB_WORKSPACE: root, ...process.env } })
  process.exit(r.status ?? 1)
}
