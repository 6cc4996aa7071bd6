/**
 * The scheduler's and the pipeline's decisions (run-entries.ts, pipeline.ts) against a scripted
 * API (helpers/fake-video-service.ts): which entry is submitted, which is collected by its
 * `task-id`, which is served from the cache, which is not started, and when a slot frees.
 * No network: without `cache`, `output-path` or a release, a finished task is delivered as links only.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MediaItem, VideoRequest } from '../src/api/request-schema.js'
import { ApiError } from '../src/errors.js'
import { Budget } from '../src/http/budget.js'
import type { Config } from '../src/video/step-settings.js'
import type { EntryState, VideoEntry } from '../src/video/entry.js'
import { runEntries } from '../src/video/run-entries.js'
import type { CachedResult } from '../src/reuse/reuse.js'
import { API_BASE, FakeVideoService, type FakeScript } from './helpers/fake-video-service.js'

const MODEL = 'dreamina-seedance-2-0-260128'

const step: Config = {
  apiKey: 'test-key',
  baseUrl: API_BASE,
  dryRun: false,
  maxRetries: 0,
  requestTimeoutMs: 5_000,
  wait: true,
  timeoutMs: 60_000,
  // The schedule's first delay is the poll interval itself: 1 ms keeps every wait short.
  pollIntervalMs: 1,
  uploadToRelease: false,
  githubToken: '',
  assetBaseUrl: API_BASE,
  localImagesAs: 'asset',
  remoteMediaAs: 'url',
  resume: false,
  cache: false,
  maxConcurrency: 2,
  workspace: process.cwd(),
  runnerTemp: tmpdir(),
  notices: []
}

const temps: string[] = []
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scheduler-test-'))
  temps.push(dir)
  return dir
}

/** A body whose prompt is the entry's name (the fake answers submits by prompt). */
function body(name: string, ...media: MediaItem[]): VideoRequest {
  return { model: MODEL, media: [{ type: 'text', text: name }, ...media] }
}

interface EntryOptions {
  request?: VideoRequest
  taskId?: string
  after?: string
  hit?: CachedResult
  saveTo?: (taskId: string) => string
}

function entry(name: string, o: EntryOptions = {}): VideoEntry {
  const own = o.taskId !== undefined ? { taskId: o.taskId } : { request: { body: o.request ?? body(name), sources: [], locals: [] } }
  return {
    name,
    ...own,
    tag: `[${name}] `,
    inBatch: true,
    wait: true,
    tempFile: () => '/nonexistent',
    assetName: () => 'x.mp4',
    checked: [],
    ...(o.after !== undefined ? { after: o.after } : {}),
    ...(o.hit ? { hit: o.hit } : {}),
    ...(o.saveTo ? { saveTo: o.saveTo } : {})
  }
}

/** Runs the entries against a fake built from `script`; returns the states, the fake and the log. */
async function run(entries: VideoEntry[], script: FakeScript, maxConcurrency = 2) {
  const fake = new FakeVideoService(script)
  const lines: string[] = []
  const warnings: string[] = []
  const changes: EntryState[] = []
  const controller = new AbortController()
  const started = Date.now()
  const states = await runEntries({
    entries,
    step: { ...step, maxConcurrency },
    maxConcurrency,
    budget: Budget.of(controller.signal, 60_000),
    logs: { info: (l) => lines.push(l), warn: (l) => warnings.push(l), debug: () => undefined },
    workspace: process.cwd(),
    states: [],
    changed: (s) => changes.push({ ...s }),
    client: () => fake
  })
  return { states, fake, lines, warnings, changes, ms: Date.now() - started }
}

const succeeded = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  status: 'succeeded',
  video_url: `https://cdn.example/${id}.mp4`,
  ...extra
})

describe('the scheduler submits an entry with a request', () => {
  it('submits it exactly once and reports the task, its video link and the tokens used', async () => {
    const { states, fake, lines } = await run([entry('A')], {
      submits: {
        A: {
          id: 't-1',
          status: 'succeeded',
          last_frame_url: 'https://cdn.example/f.png',
          video_url: 'https://cdn.example/v.mp4',
          usage: { total_tokens: 108900 }
        }
      }
    })
    expect(fake.log).toEqual(['submit A'])
    expect(fake.submits[0]!.body).toEqual(body('A'))
    expect(states).toHaveLength(1)
    expect(states[0]).toMatchObject({
      name: 'A',
      taskId: 't-1',
      status: 'succeeded',
      created: true,
      videoUrl: 'https://cdn.example/v.mp4',
      lastFrameUrl: 'https://cdn.example/f.png',
      tokens: 108900
    })
    expect(states[0]!.error).toBeUndefined()
    // Links only: nothing was saved.
    expect(states[0]!.videoPath).toBeUndefined()
    expect(lines).toContain('[A] Created task t-1 (succeeded).')
  })
})

describe('the scheduler collects an entry with a task-id', () => {
  it('reads that task and never submits', async () => {
    const { states, fake } = await run([entry('given', { taskId: 't-given' })], {
      tasks: { 't-given': [succeeded('t-given', { usage: { total_tokens: 5000 } })] }
    })
    expect(fake.log).toEqual(['getTask t-given'])
    expect(fake.submits).toHaveLength(0)
    expect(states[0]).toMatchObject({ name: 'given', taskId: 't-given', status: 'succeeded', videoUrl: 'https://cdn.example/t-given.mp4', tokens: 5000 })
    // Collected, not created by this run.
    expect(states[0]!.created).toBeUndefined()
    expect(states[0]!.request).toBeUndefined()
  })
})

describe('the scheduler serves an entry from the cache', () => {
  it('sends nothing to PowerTokens and places the cached video where it was asked for', async () => {
    const cache = await tempDir()
    const out = await tempDir()
    const videoFile = join(cache, 'video.mp4')
    await writeFile(videoFile, 'cached video bytes')
    const hit: CachedResult = { response: '{"id":"t-c","status":"succeeded"}\n', videoFile }
    const saveTo = (taskId: string): string => join(out, 'clips', `${taskId}.mp4`)

    const { states, fake } = await run([entry('C', { hit, saveTo })], {})

    expect(fake.calls).toEqual([])
    expect(states[0]).toMatchObject({
      name: 'C',
      taskId: 't-c',
      status: 'succeeded',
      cacheHit: true,
      tokens: 0,
      response: '{"id":"t-c","status":"succeeded"}',
      videoPath: join(out, 'clips', 't-c.mp4')
    })
    expect(states[0]!.created).toBeUndefined()
    expect(await readFile(join(out, 'clips', 't-c.mp4'), 'utf8')).toBe('cached video bytes')
    // The cached file itself is left as it was (it is copied, not moved).
    expect(await readFile(videoFile, 'utf8')).toBe('cached video bytes')
  })

  it('submits an entry without a hit beside one that has it', async () => {
    const cache = await tempDir()
    const videoFile = join(cache, 'video.mp4')
    await writeFile(videoFile, 'cached')
    const out = await tempDir()
    const { states, fake } = await run(
      [entry('cached', { hit: { response: '{"id":"t-c","status":"succeeded"}', videoFile }, saveTo: (id) => join(out, `${id}.mp4`) }), entry('fresh')],
      { submits: { fresh: succeeded('t-f') } }
    )
    expect(fake.log).toEqual(['submit fresh'])
    expect(states.map((s) => [s.name, s.taskId, s.cacheHit ?? false, s.created ?? false])).toEqual([
      ['cached', 't-c', true, false],
      ['fresh', 't-f', false, true]
    ])
  })
})

describe('a chain of shots (first-frame after another entry)', () => {
  const placeholder = (): MediaItem => ({ type: 'first_frame', url: 'https://placeholder.example/frame.png' })

  it('does not start B when A fails, and reports both', async () => {
    const { states, fake, lines } = await run([entry('A'), entry('B', { request: body('B', placeholder()), after: 'A' })], {
      submits: { A: { id: 't-a', status: 'failed', error: { message: 'content policy violation', code: 'policy' } } }
    })
    expect(fake.log).toEqual(['submit A'])
    const [a, b] = states
    expect(a).toMatchObject({ name: 'A', taskId: 't-a', status: 'failed', created: true })
    expect(a!.error).toContain('content policy violation')
    expect(b).toMatchObject({ name: 'B', status: 'failed' })
    expect(b!.error).toMatch(/not started/)
    expect(b!.error).toContain('`A`')
    expect(b!.taskId).toBeUndefined()
    expect(b!.created).toBeUndefined()
    expect(b!.request).toBeUndefined()
    expect(lines.some((l) => l.startsWith('[A] Failed:') && l.includes('content policy violation'))).toBe(true)
    expect(lines.some((l) => l.startsWith('[B] Failed: not started'))).toBe(true)
  })

  it('does not start B when A succeeds without a last frame', async () => {
    const { states, fake } = await run([entry('A'), entry('B', { request: body('B', placeholder()), after: 'A' })], {
      submits: { A: succeeded('t-a') }
    })
    expect(fake.log).toEqual(['submit A'])
    expect(states[0]).toMatchObject({ status: 'succeeded', taskId: 't-a' })
    expect(states[1]).toMatchObject({ status: 'failed' })
    expect(states[1]!.error).toMatch(/not started: `A` gave no last frame/)
  })

  it('submits B after A ended, starting from the last frame A returned', async () => {
    const { states, fake } = await run([entry('B', { request: body('B', placeholder()), after: 'A' }), entry('A')], {
      submits: { A: { id: 't-a', status: 'running' }, B: succeeded('t-b') },
      tasks: { 't-a': [succeeded('t-a', { last_frame_url: 'https://cdn.example/a-last.png' })] }
    })
    // B comes first in the list, yet waits for A's task to end.
    expect(fake.log).toEqual(['submit A', 'getTask t-a', 'submit B'])
    const sent = fake.submits[1]!.body
    expect(sent.media).toEqual([
      { type: 'text', text: 'B' },
      { type: 'first_frame', url: 'https://cdn.example/a-last.png' }
    ])
    expect(states.map((s) => [s.name, s.status, s.taskId])).toEqual([
      ['B', 'succeeded', 't-b'],
      ['A', 'succeeded', 't-a']
    ])
    expect(states[0]!.request?.media[1]).toEqual({ type: 'first_frame', url: 'https://cdn.example/a-last.png' })
  })

  it('does not start B when it follows an entry that is not in the batch', async () => {
    const { states, fake } = await run([entry('B', { request: body('B', placeholder()), after: 'missing' })], {})
    expect(fake.calls).toEqual([])
    expect(states[0]).toMatchObject({ status: 'failed' })
    expect(states[0]!.error).toContain('`missing` is not in this batch')
  })
})

describe('max-concurrency', () => {
  /** Two independent entries whose tasks answer `running` on submit, then `succeeded` on the first read. */
  const twoSlow: FakeScript = {
    submits: { X: { id: 't-x', status: 'running' }, Y: { id: 't-y', status: 'running' } },
    tasks: { 't-x': [succeeded('t-x')], 't-y': [succeeded('t-y')] }
  }

  it('with one slot, submits the second entry only after the first task ended', async () => {
    const { states, fake, ms } = await run([entry('X'), entry('Y')], twoSlow, 1)
    expect(fake.log).toEqual(['submit X', 'getTask t-x', 'submit Y', 'getTask t-y'])
    expect(states.map((s) => [s.name, s.status, s.taskId, s.created])).toEqual([
      ['X', 'succeeded', 't-x', true],
      ['Y', 'succeeded', 't-y', true]
    ])
    expect(ms).toBeLessThan(2_000)
  })

  it('with two slots, submits both before either task ended', async () => {
    const { states, fake } = await run([entry('X'), entry('Y')], twoSlow, 2)
    expect(fake.log.slice(0, 2)).toEqual(['submit X', 'submit Y'])
    expect([...fake.log].sort()).toEqual(['getTask t-x', 'getTask t-y', 'submit X', 'submit Y'])
    expect(states.every((s) => s.status === 'succeeded')).toBe(true)
  })

  it('frees the slot of a failed task for the next entry', async () => {
    const { states, fake } = await run(
      [entry('X'), entry('Y')],
      {
        submits: { X: { id: 't-x', status: 'running' }, Y: succeeded('t-y') },
        tasks: { 't-x': [{ id: 't-x', status: 'failed', error: 'out of capacity' }] }
      },
      1
    )
    expect(fake.log).toEqual(['submit X', 'getTask t-x', 'submit Y'])
    expect(states[0]).toMatchObject({ status: 'failed', taskId: 't-x' })
    expect(states[0]!.error).toContain('out of capacity')
    expect(states[1]).toMatchObject({ status: 'succeeded', taskId: 't-y' })
  })
})

describe('a submit whose outcome is unknown', () => {
  it('is not sent again, and the entry fails without a task id', async () => {
    const message = 'PowerTokens answered HTTP 502 (Bad Gateway): a task may have been created; check your PowerTokens dashboard before re-running.'
    const { states, fake } = await run(
      [entry('U'), entry('V')],
      {
        submits: { U: new ApiError(message, 'unknown-outcome', 502), V: succeeded('t-v') }
      },
      1
    )
    expect(fake.submits.map((c) => c.prompt)).toEqual(['U', 'V'])
    expect(fake.calls.filter((c) => c.op === 'getTask')).toEqual([])
    const u = states[0]!
    expect(u.taskId).toBeUndefined()
    expect(u.created).toBeUndefined()
    expect(u.status).toBe('failed')
    expect(u.error).toBe(message)
    expect(u.failure).toBeInstanceOf(ApiError)
    expect((u.failure as ApiError).kind).toBe('unknown-outcome')
    // The body is recorded (what was sent), so the user can match it against the dashboard.
    expect(u.request).toEqual(body('U'))
    // Its slot is freed: the next entry still runs.
    expect(states[1]).toMatchObject({ status: 'succeeded', taskId: 't-v' })
  })
})
