/**
 * GitHub's release API under the step's deadline (issue 15): a GitHub that stops answering
 * must not hold the step until the runner kills it. Every GitHub call has the
 * `request-timeout`, the step's `timeout` and a size cap, like the API's calls.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.mjs'
import { until } from '../helpers/until.js'
import { runAction, useEmulator, type RunResult } from './harness.js'

const KEY = 'sk-e2e-github-deadline'
const emulator = useEmulator()
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

/** A job's own limit, standing in for the runner killing a step that never ends. */
const KILL_MS = 60_000
const TEST_MS = KILL_MS + 30_000

function run(inputs: Record<string, string>): Promise<RunResult> {
  return runAction(
    { 'api-key': KEY, 'base-url': emu.url, 'poll-interval': '20ms', 'upload-to-release': 'true', 'release-tag': 'v1.0.0', ...inputs },
    { env: { GITHUB_API_URL: `${emu.url}/github`, GITHUB_REPOSITORY: 'octo/promo' }, killAfterMs: KILL_MS }
  )
}

const submits = (): number => emu.requests.filter((q) => q.method === 'POST' && q.path.startsWith('/v1/videos')).length

describe('a release lookup by release-tag that GitHub never answers', () => {
  it(
    "fails the step when the step's timeout runs out, before anything is paid for",
    async () => {
      const r = await run({ prompt: 'x', 'github-token': 'hang-lookup', timeout: '3s' })
      expect(r.killed).toBe(false)
      expect(r.code).toBe(1)
      expect(r.error).toBe("GitHub had not answered while reading release v1.0.0 when the step's `timeout` ran out.")
      expect(submits()).toBe(0)
      expect(emu.tasks.size).toBe(0)
      expect(r.outputs['task-id']).toBeUndefined()
    },
    TEST_MS
  )

  it(
    'fails the step after the request-timeout, before anything is paid for',
    async () => {
      const r = await run({ prompt: 'x', 'github-token': 'hang-lookup', timeout: '20s', 'request-timeout': '2s' })
      expect(r.killed).toBe(false)
      expect(r.code).toBe(1)
      expect(r.error).toBe('GitHub did not answer within 2 s (`request-timeout`) while reading release v1.0.0.')
      expect(submits()).toBe(0)
    },
    TEST_MS
  )

  it(
    'an answer that never ends is cut at the size cap, before anything is paid for',
    async () => {
      const r = await run({ prompt: 'x', 'github-token': 'endless-lookup', timeout: '20s' })
      expect(r.killed).toBe(false)
      expect(r.code).toBe(1)
      expect(r.error).toBe("GitHub's answer while reading release v1.0.0 was larger than 16 MB, far more than any release answer; it was stopped.")
      expect(submits()).toBe(0)
      // the action hung up: nothing keeps streaming to it
      await until('the endless answer to stop', () => emu.openStreams() === 0, { timeoutMs: 10_000 })
    },
    TEST_MS
  )
})

describe('an asset upload that GitHub never answers, after the video was paid for and saved', () => {
  /** The one task, paid once, whose video was saved at `promo.mp4`, and the sentence that says so. */
  function expectNamed(r: RunResult, cause: string): void {
    expect(r.killed).toBe(false)
    expect(r.code).toBe(1)
    expect(emu.tasks.size).toBe(1)
    const id = [...emu.tasks.keys()][0]!
    const saved = r.outputs['video-path']!
    expect(saved).toMatch(/promo\.mp4$/)
    expect(existsSync(saved)).toBe(true)
    expect(r.outputs['task-id']).toBe(id)
    expect(r.error).toBe(
      `${cause} The video of task ${id} is paid for and saved at ${saved}: once this is fixed, ` +
        `re-run with \`task-id: ${id}\` and \`output-path\` (instead of \`prompt\`) to collect it without paying again.`
    )
  }

  it(
    "fails the step when the step's timeout runs out, naming the saved video and the paid task",
    async () => {
      const r = await run({ prompt: 'x', 'output-path': 'promo.mp4', 'github-token': 'hang-upload', timeout: '5s' })
      expectNamed(r, "GitHub had not answered while uploading promo.mp4 when the step's `timeout` ran out.")
    },
    TEST_MS
  )

  it(
    'fails the step after the request-timeout, naming the saved video and the paid task',
    async () => {
      const r = await run({ prompt: 'x', 'output-path': 'promo.mp4', 'github-token': 'hang-upload', timeout: '20s', 'request-timeout': '2s' })
      expectNamed(r, 'GitHub did not answer within 2 s (`request-timeout`) while uploading promo.mp4.')
    },
    TEST_MS
  )
})
