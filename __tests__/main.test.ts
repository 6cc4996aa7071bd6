/** main.ts's decisions, driven through a fake runner (no module mocks, no network). */
import { describe, expect, it } from '@jest/globals'
import { cancelled, nextSteps, run } from '../src/step/main.js'
import type { OutputName } from '../src/step/outputs.js'
import type { RunnerIO } from '../src/step/runner-io.js'

function fakeRunner(
  inputs: Record<string, string>
): RunnerIO & { outputs: Partial<Record<OutputName, string>>; log: string[]; failed?: string; summary: string; secrets: string[] } {
  const io = {
    outputs: {} as Partial<Record<OutputName, string>>,
    log: [] as string[],
    failed: undefined as string | undefined,
    summary: '',
    secrets: [] as string[],
    getInput: (name: string) => inputs[name] ?? '',
    setSecret: (s: string) => void io.secrets.push(s),
    setOutput: (name: OutputName, value: string) => void (io.outputs[name] = value),
    info: (line: string) => void io.log.push(line),
    warning: (line: string) => void io.log.push(`warning: ${line}`),
    notice: (line: string) => void io.log.push(`notice: ${line}`),
    debug: (line: string) => void io.log.push(`debug: ${line}`),
    writeSummary: async (md: string) => void (io.summary += md),
    setFailed: (message: string) => void (io.failed = message),
    env: { GITHUB_WORKSPACE: process.cwd() }
  }
  return io
}

describe('run', () => {
  it('a dry run outputs the request and sends nothing, with no key', async () => {
    const io = fakeRunner({ prompt: 'A paper boat', seconds: '8', 'dry-run': 'true', 'base-url': 'http://127.0.0.1:9' })
    await run(io)
    expect(io.failed).toBeUndefined()
    expect(JSON.parse(io.outputs.request!)).toMatchObject({ seconds: '8', media: [{ type: 'text', text: 'A paper boat' }] })
    expect(io.log.join('\n')).toContain('curl -sS -X POST')
    expect(io.summary).toContain('dry run')
  })

  it('bad input fails in one line naming the input, masks the key first, and sends nothing', async () => {
    const io = fakeRunner({ 'api-key': 'sk-abcdef123456', prompt: 'x', seconds: '13', 'base-url': 'http://127.0.0.1:9' })
    await run(io)
    expect(io.secrets).toEqual(['sk-abcdef123456'])
    expect(io.failed).toMatch(/^Input `seconds` /)
    expect(io.failed).not.toContain('\n')
    expect(io.log.filter((l) => l.startsWith('debug:'))).toEqual([])
  })

  it('a refused connection fails saying nothing was sent', async () => {
    const io = fakeRunner({ 'api-key': 'sk-abcdef123456', prompt: 'x', 'base-url': 'http://127.0.0.1:9', 'max-retries': '0' })
    await run(io)
    expect(io.failed).toMatch(/Could not connect to http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\); nothing was sent/)
    expect(io.outputs['task-id']).toBeUndefined()
  })
})

describe('decisions', () => {
  it('suggests how to collect a task the step did not wait for', () => {
    expect(nextSteps({ wait: false }, { status: 'queued', taskId: 't-1' }).join(' ')).toContain('`task-id: t-1`')
    expect(nextSteps({ wait: true }, { status: 'queued', taskId: 't-1' })).toEqual([])
    expect(nextSteps({ wait: false }, { status: 'succeeded', taskId: 't-1' })).toEqual([])
  })
  it('a cancel names the task that goes on, or says none was created', () => {
    expect(cancelled({ taskId: 't-9' }).message).toBe(
      'Cancelled while waiting for task t-9; the task goes on: collect it later with `task-id: t-9` (within 7 days).'
    )
    expect(cancelled({}).message).toBe('Cancelled before a task was created.')
  })
})
