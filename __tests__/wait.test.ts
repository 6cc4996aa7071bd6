import { describe, expect, it } from '@jest/globals'
import type { ApiResult } from '../src/api/client.js'
import { readTask } from '../src/api/task.js'
import { waitForTask, type WaitOptions } from '../src/api/wait.js'

const answer = (o: Record<string, unknown>, retryAfterMs?: number): ApiResult => ({ task: readTask(o), raw: JSON.stringify(o), retryAfterMs })

/** A fake clock that advances when the wait sleeps. */
function harness(answers: ApiResult[], extra: Partial<WaitOptions> = {}) {
  let now = 0
  const sleeps: number[] = []
  const lines: string[] = []
  const updates: string[] = []
  let i = 0
  const options: WaitOptions = {
    client: { getTask: async () => answers[Math.min(i++, answers.length - 1)]! },
    taskId: 'cgt-1',
    timeoutMs: 600_000,
    pollIntervalMs: 5_000,
    log: (l) => lines.push(l),
    onUpdate: (r) => updates.push(r.task.status),
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    },
    now: () => now,
    ...extra
  }
  return { options, sleeps, lines, updates }
}

describe('waiting for a task', () => {
  it('polls until succeeded, logs only changes, and times the phases', async () => {
    const h = harness([
      answer({ status: 'queued' }),
      answer({ status: 'queued' }),
      answer({ status: 'running', progress: 40 }),
      answer({ status: 'running', progress: 40 }),
      answer({ status: 'running', progress: 80 }),
      answer({ status: 'succeeded', metadata: { url: 'https://cdn/v.mp4' } })
    ])
    const { result, timings } = await waitForTask(h.options)
    expect(result.task.videoUrl).toBe('https://cdn/v.mp4')
    expect(h.lines.map((l) => l.replace(/ \(.*\)$/, ''))).toEqual([
      'Task cgt-1: queued',
      'Task cgt-1: running 40%',
      'Task cgt-1: running 80%',
      'Task cgt-1: succeeded'
    ])
    expect(h.updates).toHaveLength(6)
    expect(timings.total).toBe(h.sleeps.reduce((a, b) => a + b, 0))
    expect(timings.queued! + timings.running!).toBe(timings.total)
  })

  it('starts at poll-interval; Retry-After wins; progress brings the next poll close to the projected end', async () => {
    const h = harness([answer({ status: 'queued' }, 12_000), answer({ status: 'queued' }), answer({ status: 'succeeded' })])
    await waitForTask(h.options)
    expect(h.sleeps[0]).toBe(12_000)
    // 50% after 60 s: about 60 s to go, so the next poll is well before it, not 30 s of blind growth.
    const p = harness([answer({ status: 'running', progress: 50 }), answer({ status: 'running', progress: 90 }), answer({ status: 'succeeded' })], {
      now: undefined
    })
    let t = 60_000
    p.options.now = () => t
    p.options.sleep = async (ms) => {
      p.sleeps.push(ms)
      t += ms
    }
    await waitForTask({ ...p.options, initial: answer({ status: 'running', progress: 50 }) })
    expect(p.sleeps.every((ms) => ms <= 30_000)).toBe(true)
    expect(p.sleeps.at(-1)).toBeLessThanOrEqual(6_000)
  })

  it('keeps polling through unknown status words', async () => {
    const h = harness([answer({ status: 'mystery' }), answer({ status: 'completed' })])
    const { result } = await waitForTask(h.options)
    expect(result.task.status).toBe('succeeded')
    expect(h.lines[0]).toMatch(/unknown \("mystery"\)/)
  })

  it.each([
    ['failed', 'failed: The output video may contain sensitive content. (OutputVideoSensitiveContentDetected)'],
    ['cancelled', 'was cancelled: The output video may contain sensitive content. (OutputVideoSensitiveContentDetected)'],
    ['expired', 'expired before it ran: The output video may contain sensitive content. (OutputVideoSensitiveContentDetected)']
  ])('a %s task fails the wait with its error message and code', async (status, text) => {
    const h = harness([answer({ status, error: { message: 'The output video may contain sensitive content.', code: 'OutputVideoSensitiveContentDetected' } })])
    await expect(waitForTask(h.options)).rejects.toThrow(`Task cgt-1 ${text}.`)
    expect(h.updates).toEqual([status])
  })

  it('the timeout names the task and how to resume it', async () => {
    const h = harness([answer({ status: 'running', progress: 10 })], { timeoutMs: 20_000 })
    await expect(waitForTask(h.options)).rejects.toThrow(/Stopped waiting for task cgt-1 after 20 s \(`timeout`\) while it was running; .*`task-id: cgt-1`/)
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBe(20_000)
  })
})
