/**
 * `npm run local-action`, as CONTRIBUTING.md describes it: GitHub's @github/local-action (installed
 * once per version, pinned, in the user's cache folder by scripts/local-action.mjs) runs src/step/main.ts, calling `run()` with no
 * argument, with its own stand-ins for @actions/core, against the emulator. The outputs it
 * prints must be the action's.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { videoSha256 } from '../../emulator/server.mjs'
import { ensureLocalAction, localActionCommand } from '../../scripts/local-action.mjs'
import { NODE, ROOT, tempDir, useEmulator } from './harness.js'

const emulator = useEmulator()
// The first run installs the tool (about 330 MB): that may take a minute or two on a busy machine.
beforeAll(() => {
  ensureLocalAction()
}, 300_000)

interface Ran {
  code: number | null
  stdout: string
  /** The last value of each `::set-output name=...::` line the stand-in @actions/core printed. */
  outputs: Record<string, string>
  killed: boolean
}

/** Runs `local-action run <repo> src/step/main.ts <envFile>` on the Node under test, within 50 s. */
async function localAction(envFile: string, tmp: string): Promise<Ran> {
  const { args, cwd } = localActionCommand(envFile)
  const child = spawn(NODE, args, {
    cwd,
    env: {
      // npm and tsx, which local-action starts, run on the same Node as the test.
      PATH: `${dirname(NODE)}${delimiter}${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? tmp,
      // tsx keeps its compile cache under the temporary directory: this test's own, removed after it.
      TMPDIR: tmp,
      FORCE_COLOR: '0',
      NO_COLOR: '1'
    }
  })
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
  let killed = false
  const killer = setTimeout(() => {
    killed = true
    child.kill('SIGKILL')
  }, 50_000)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(killer)
  const outputs: Record<string, string> = {}
  for (const m of stdout.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)) outputs[m[1]!] = m[2]!
  return { code, stdout, outputs, killed }
}

describe('npm run local-action', () => {
  it('runs src/step/main.ts against the emulator and sets the outputs of a finished, saved video', async () => {
    const emu = emulator()
    const dir = tempDir('seedance-local-action-')
    const workspace = join(dir, 'ws')
    const runnerTemp = join(dir, 'runner-temp')
    const tmp = join(dir, 'tmp')
    for (const d of [workspace, runnerTemp, tmp]) mkdirSync(d)
    const summary = join(dir, 'summary.md')
    writeFileSync(summary, '')
    const envFile = join(dir, '.env')
    writeFileSync(
      envFile,
      [
        'INPUT_API-KEY=sk-local-action',
        `INPUT_BASE-URL=${emu.url}`,
        'INPUT_PROMPT=A paper boat sails across a rainy street at dusk',
        'INPUT_SECONDS=8',
        'INPUT_OUTPUT-PATH=videos/',
        'INPUT_POLL-INTERVAL=20ms',
        'INPUT_GITHUB-TOKEN=unused-without-upload-to-release',
        `GITHUB_WORKSPACE=${workspace}`,
        `RUNNER_TEMP=${runnerTemp}`,
        `GITHUB_STEP_SUMMARY=${summary}`
      ].join('\n')
    )
    const r = await localAction(envFile, tmp)
    expect(r.killed).toBe(false)
    expect(r.stdout).not.toContain('Cannot read properties of undefined')
    expect(r.stdout).not.toMatch(/^::error::/m)
    expect(r.code).toBe(0)

    expect(emu.tasks.size).toBe(1)
    const task = [...emu.tasks.values()][0]!
    expect(task.prompt).toBe('A paper boat sails across a rainy street at dusk')
    expect(r.outputs['task-id']).toBe(task.id)
    expect(r.outputs.status).toBe('succeeded')
    expect(JSON.parse(r.outputs.request!)).toMatchObject({ model: 'dreamina-seedance-2-0-260128', seconds: '8' })
    const saved = r.outputs['video-path']!
    expect(saved).toBe(join(workspace, 'videos', `${task.id}.mp4`))
    expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(videoSha256(task.id, task.size))
    expect(readFileSync(summary, 'utf8')).toContain(task.id)
    // Nothing was written into the repository (`npm run local-action`'s own run writes to .local-action/).
    expect(existsSync(join(ROOT, '.local-action', `${task.id}.mp4`))).toBe(false)
  }, 60_000)
})
