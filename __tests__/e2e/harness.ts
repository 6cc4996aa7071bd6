/**
 * Runs the built dist/index.js the way the GitHub runner does: inputs as INPUT_<NAME>
 * variables (action.yml defaults filled in), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files,
 * GITHUB_WORKSPACE and RUNNER_TEMP directories. E2E_NODE picks the Node binary.
 */
import { spawn } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals'
import { parse } from 'yaml'
import { startCacheService, type CacheService } from '../../emulator/cache.mjs'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server.mjs'

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..')
export const NODE = process.env.E2E_NODE ? resolve(ROOT, process.env.E2E_NODE) : process.execPath

interface ActionYaml {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}
const COMPILE_CACHE = join(ROOT, 'node_modules', '.cache', 'node-compile-cache')
export const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYaml

/**
 * Every temporary folder a test file makes (by `tempDir` or `runAction`), removed when the
 * file's tests end, whether they passed or not: tests leave the machine as they found it.
 */
const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A fresh folder under the system's temporary directory, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export interface RunOptions {
  env?: Record<string, string>
  /** Send this signal after the given text appears on stdout. */
  signal?: { after: string; name: NodeJS.Signals }
  workspace?: string
  /** Kill the action (SIGKILL) if it still runs after this long, as a runner's job limit would; `killed` tells. */
  killAfterMs?: number
  /** Measure how long the process lives after this text appears on stdout (`exitAfterTextMs`). */
  exitAfter?: string
}

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  workspace: string
  runnerTemp: string
  /** The `::error::` line, if any. */
  error?: string
  /** Milliseconds from the signal to the exit, when a signal was sent. */
  exitAfterSignalMs?: number
  /** The action was still running after `killAfterMs` and was killed. */
  killed: boolean
  /** Milliseconds from the `exitAfter` text on stdout to the exit, when the text appeared. */
  exitAfterTextMs?: number
}

export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!m) continue
    const [, name, delim] = m
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '')
    out[name as string] = value.join('\n')
  }
  return out
}

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  const dir = tempDir('seedance-e2e-')
  const workspace = options.workspace ?? mkdtempSync(join(dir, 'ws-'))
  const runnerTemp = mkdtempSync(join(dir, 'tmp-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')

  const env: Record<string, string> = {
    // V8's code cache for dist/ on disk, shared by every run of the suite: each run compiles less
    // (about 20% of a short run's CPU time). It changes nothing the action does. Kept beside Jest's
    // cache, not in the temporary directory that `npm test` checks.
    NODE_COMPILE_CACHE: COMPILE_CACHE,
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_REPOSITORY: 'octo/promo',
    GITHUB_EVENT_NAME: 'workflow_dispatch'
  }
  for (const [name, spec] of Object.entries(ACTION.inputs)) {
    const value = inputs[name] ?? spec.default
    // The runner evaluates `${{ github.token }}`; here there is no token unless a test gives one.
    if (value !== undefined && !value.includes('${{')) env[`INPUT_${name.toUpperCase()}`] = value
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in ACTION.inputs)) throw new Error(`test bug: action.yml has no input ${name}`)
  }
  Object.assign(env, options.env)

  const child = spawn(NODE, [join(ROOT, 'dist', 'index.js')], { env, cwd: workspace })
  let stdout = ''
  let stderr = ''
  let signalledAt: number | undefined
  let textAt: number | undefined
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString()
    if (options.exitAfter !== undefined && textAt === undefined && stdout.includes(options.exitAfter)) textAt = Date.now()
    if (options.signal && signalledAt === undefined && stdout.includes(options.signal.after)) {
      signalledAt = Date.now()
      child.kill(options.signal.name)
    }
  })
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  let killed = false
  const killer =
    options.killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          killed = true
          child.kill('SIGKILL')
        }, options.killAfterMs)
  const code = await new Promise<number | null>((resolveExit) => child.on('close', (c) => resolveExit(c)))
  clearTimeout(killer)
  const exitAfterSignalMs = signalledAt === undefined ? undefined : Date.now() - signalledAt
  const exitAfterTextMs = textAt === undefined ? undefined : Date.now() - textAt
  const error = stdout
    .split('\n')
    .find((l) => l.startsWith('::error::'))
    ?.slice('::error::'.length)
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    workspace,
    runnerTemp,
    error: error === undefined ? undefined : unescapeCommand(error),
    exitAfterSignalMs,
    killed,
    exitAfterTextMs
  }
}

/** Undo the toolkit's escaping of workflow command data. */
function unescapeCommand(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/**
 * One emulator for a test file, forgotten between tests. Returns a getter, since the
 * emulator starts in beforeAll. `options` go to `startEmulator`, e.g. `{ clockScale: 0.01 }`
 * so that the emulator's seconds (a task's run, a `Retry-After`) pass 100 times faster.
 */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  let emu: Emulator | undefined
  beforeAll(async () => {
    emu = await startEmulator(options)
  })
  afterAll(async () => {
    await emu?.close()
  })
  beforeEach(() => emu?.reset())
  return () => {
    if (!emu) throw new Error('the emulator is not running')
    return emu
  }
}

/** GitHub's cache service, emulated, for a test file: working again (`mode: 'ok'`) before each test. */
export function useCacheService(): () => CacheService {
  let cache: CacheService | undefined
  beforeAll(async () => {
    cache = await startCacheService()
  })
  afterAll(async () => {
    await cache?.close()
  })
  beforeEach(() => {
    if (!cache) return
    cache.mode = 'ok'
    cache.rejectKeys = []
  })
  return () => {
    if (!cache) throw new Error('the cache service is not running')
    return cache
  }
}

/**
 * The emulator (started with `options`) and the cache service a file's tests share, each
 * started once and reset before every test; `each` is given both before every test.
 */
export function useEmulatorAndCache(options: EmulatorOptions, each: (emu: Emulator, cache: CacheService) => void): void {
  const emulator = useEmulator(options)
  const cacheService = useCacheService()
  beforeEach(() => each(emulator(), cacheService()))
}

/**
 * One workflow run on a hosted runner: the cache service there, and the same run id, job and
 * RUNNER_TEMP for every attempt. Returns a runner of attempts: `(inputs, attempt = 1, options)`,
 * each with `defaults` under its inputs.
 */
export function workflowRun(cache: CacheService, defaults: Record<string, string>, job = 'video') {
  const runId = String(Math.floor(Math.random() * 1e9))
  const runnerTemp = tempDir('seedance-runnertemp-')
  return (inputs: Record<string, string>, attempt = 1, options: { workspace?: string; env?: Record<string, string> } = {}): Promise<RunResult> =>
    runAction(
      { ...defaults, ...inputs },
      {
        workspace: options.workspace,
        env: { ...cache.env, GITHUB_RUN_ID: runId, GITHUB_JOB: job, GITHUB_RUN_ATTEMPT: String(attempt), RUNNER_TEMP: runnerTemp, ...options.env }
      }
    )
}

/**
 * Stand-in servers of the file's own (a hostile CDN, a dropping Asset Library): `serve(handler)`
 * starts one on 127.0.0.1 and gives its origin; each is closed, connections and all, after its test.
 */
export function useServers(): (handler: http.RequestListener) => Promise<{ server: http.Server; origin: string }> {
  const servers: http.Server[] = []
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map(
        (s) =>
          new Promise<void>((done) => {
            s.closeAllConnections()
            s.close(() => done())
          })
      )
    )
  })
  return async (handler) => {
    const server = http.createServer(handler)
    servers.push(server)
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
  }
}
