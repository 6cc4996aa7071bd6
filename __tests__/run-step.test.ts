/**
 * Each thing decided once: the sequence returns how the step ended (and the entries' states) for
 * the single step and the batch to render; the step's settings are read once and each batch
 * entry's request on its own; `output-path` is a folder or a file by one rule. Nothing here sends
 * a request: every case ends before a submit.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../src/errors.js'
import { Budget } from '../src/http/budget.js'
import { BATCH_OUTPUT_IS_A_FOLDER, outputTarget, videoPath } from '../src/delivery/paths.js'
import { batchEntries } from '../src/step/batch-step.js'
import { parseConfig } from '../src/step/inputs.js'
import { singleEntry } from '../src/step/single-step.js'
import { runStep } from '../src/video/run-step.js'

const dir = mkdtempSync(join(tmpdir(), 'run-step-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const env = { GITHUB_WORKSPACE: dir, RUNNER_TEMP: dir }

const read = (values: Record<string, string>, getInput?: (name: string) => string) =>
  parseConfig(getInput ?? ((name) => values[name] ?? ''), () => undefined, env)

function sequence(config: Awaited<ReturnType<typeof read>>) {
  const lines: string[] = []
  return {
    lines,
    ctx: {
      config,
      budget: Budget.of(new AbortController().signal, 60_000),
      logs: { info: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), debug: () => undefined }
    }
  }
}

describe('the sequence returns how the step ended', () => {
  it('a dry run: the estimate, told before anything else and returned, and nothing sent', async () => {
    const config = await read({ 'dry-run': 'true', prompt: 'A paper boat', size: '720p', seconds: '5' })
    const { ctx, lines } = sequence(config)
    const priced: number[] = []
    const outcome = await runStep(ctx, { entries: [singleEntry(config)], priced: (t) => priced.push(t.tokens) })
    expect(outcome).toEqual({ kind: 'dry-run', total: expect.objectContaining({ tokens: 108_900, atLeast: false }) })
    expect(priced).toEqual([108_900])
    expect(lines.join('\n')).toMatch(/Dry run: the request is valid; nothing was sent/)
  })

  it("a missing workspace file: refused with the file's problem, the others' files checked too", async () => {
    const config = await read({ 'dry-run': 'true', prompt: 'x', 'first-frame': 'missing.png' })
    const { ctx } = sequence(config)
    const other = { ...singleEntry(await read({ 'dry-run': 'true', prompt: 'y', 'reference-images': 'gone.png' })), name: 'other' }
    const outcome = await runStep(ctx, { entries: [singleEntry(config)], others: [other] })
    expect(outcome.kind).toBe('refused')
    const problems = outcome.kind === 'refused' ? outcome.problems : []
    expect(problems.map((p) => p.entry.name)).toEqual(['video', 'other'])
    expect(problems[0]!.message).toMatch(/first-frame.*missing\.png/)
  })

  it('a step that found problems of its own is refused even when every file is fine; no entries is empty', async () => {
    const config = await read({ 'dry-run': 'true', prompt: 'x' })
    expect(await runStep(sequence(config).ctx, { entries: [singleEntry(config)], refused: true })).toEqual({ kind: 'refused', problems: [] })
    expect(await runStep(sequence(config).ctx, { entries: [] })).toEqual({ kind: 'empty' })
  })
})

describe("settings read once, each entry's request on its own", () => {
  it("reads the step's inputs once; each entry reads only its own video's inputs", async () => {
    const asked: string[] = []
    const values: Record<string, string> = { 'api-key': 'k', batch: '- name: a\n  prompt: x\n- name: b\n  task-id: cgt-1\n', seconds: '8' }
    const getInput = (name: string): string => {
      asked.push(name)
      return values[name] ?? ''
    }
    const step = await read(values, getInput)
    expect(step.request).toBeUndefined()
    expect(asked).toContain('timeout')
    asked.length = 0
    const found = await batchEntries(values.batch!, step, getInput, () => undefined)
    expect(found.problems).toEqual([])
    expect(found.entries.map((e) => [e.name, e.request?.body.seconds, e.taskId])).toEqual([
      ['a', '8', undefined],
      ['b', undefined, 'cgt-1']
    ])
    // Only the inputs a video is made of: no setting (timeout, base-url, output-path, ...) is read again.
    for (const name of ['api-key', 'base-url', 'timeout', 'output-path', 'max-concurrency', 'cache', 'resume', 'batch']) expect(asked).not.toContain(name)
    expect(asked).toContain('seconds')
  })
})

describe('output-path: a folder or a file, decided once', () => {
  it('in a single step: a folder when it ends in / or is one, else the file', () => {
    mkdirSync(join(dir, 'clips'), { recursive: true })
    expect(outputTarget('out/', dir, false)).toEqual({ kind: 'folder', path: join(dir, 'out') })
    expect(outputTarget('clips', dir, false)).toEqual({ kind: 'folder', path: join(dir, 'clips') })
    expect(outputTarget('promo', dir, false)).toEqual({ kind: 'file', path: join(dir, 'promo') })
    expect(videoPath(outputTarget('clips', dir, false), 'cgt-1')).toBe(join(dir, 'clips', 'cgt-1.mp4'))
  })

  it("in a batch: always a folder that gets <name>.mp4, and a video file's name is refused in one sentence", async () => {
    expect(outputTarget('promo', dir, true)).toEqual({ kind: 'folder', path: join(dir, 'promo') })
    expect(() => outputTarget('clip.MP4', dir, true)).toThrow(new InputError(BATCH_OUTPUT_IS_A_FOLDER))
    await expect(read({ 'api-key': 'k', batch: 'clips.yml', 'output-path': 'out.mov' })).rejects.toThrow(BATCH_OUTPUT_IS_A_FOLDER)
    const step = await read({ 'api-key': 'k', batch: '- name: a\n  prompt: x\n', 'output-path': 'made' })
    expect(step.output).toEqual({ kind: 'folder', path: join(dir, 'made') })
    const found = await batchEntries(
      '- name: a\n  prompt: x\n',
      step,
      () => '',
      () => undefined
    )
    expect(found.entries[0]!.saveTo!('cgt-9')).toBe(join(dir, 'made', 'a.mp4'))
  })
})
