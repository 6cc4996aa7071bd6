/** Waiting, downloading, resuming by task id and the release upload, through the runner contract (issue 3). */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { videoSha256, type Emulator } from '../../emulator/server.mjs'
import { runAction, tempDir, useEmulator } from './harness.js'

const KEY = 'sk-e2e-wait-secret-42'
// The emulator's seconds pass 100 times faster: a Retry-After of 1 s is 10 ms, and a task tagged
// [emu:duration=15] (15 s on the emulator's clock, then done whatever the polls) takes 150 ms.
const emulator = useEmulator({ clockScale: 0.01 })
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

const fast = { 'poll-interval': '20ms' }
const run = (inputs: Record<string, string>, env?: Record<string, string>, options = {}) =>
  runAction({ 'api-key': KEY, 'base-url': emu.url, ...fast, ...inputs }, { env, ...options })
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const onlyTask = () => [...emu.tasks.values()][0]!

describe('wait', () => {
  it('polls to succeeded, keeps outputs current, logs changes only, and summarises', async () => {
    const r = await run({ prompt: 'A fox [emu:slow=4] [emu:duration=20]', wait: 'true' })
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    const task = onlyTask()
    expect(r.outputs.status).toBe('succeeded')
    expect(JSON.parse(r.outputs.response!)).toMatchObject({ id: task.id, status: 'succeeded', usage: { total_tokens: 108900 } })
    expect(r.outputs['video-url']).toMatch(new RegExp(`^${emu.cdnUrl}/videos/${task.id}\\.mp4\\?`))
    expect(r.outputs['video-path']).toBeUndefined()
    const statusLines = r.stdout.split('\n').filter((l) => l.startsWith(`Task ${task.id}:`))
    expect(new Set(statusLines.map((l) => l.replace(/ \(.*\)$/, ''))).size).toBe(statusLines.length)
    expect(statusLines.at(-1)).toMatch(/succeeded/)
    expect(r.summary).toMatch(/succeeded/)
    expect(r.summary).toMatch(/valid for about 24 hours/)
    expect(r.summary).toMatch(/\| Total \|/)
  })

  it.each([
    ['pending,in_progress,processing,completed', 'succeeded'],
    ['queued,mystery,running,succeed', 'succeeded'],
    ['submitted,success', 'succeeded']
  ])('understands the status spellings %s', async (words, status) => {
    const r = await run({ prompt: `x [emu:words=${words}]`, wait: 'true' })
    expect(r.code).toBe(0)
    expect(r.outputs.status).toBe(status)
  })

  it.each([
    ['[emu:fail]', 'failed', /Task cgt-\S+ failed: The output video may contain sensitive content\. \(OutputVideoSensitiveContentDetected\)/],
    ['[emu:expire]', 'expired', /Task cgt-\S+ expired before it ran: task expired before it ran \(TaskExpired\)/],
    ['[emu:cancel]', 'cancelled', /Task cgt-\S+ was cancelled/]
  ])('%s fails the step with the task error, and every output is still set', async (tag, status, message) => {
    const r = await run({ prompt: `x ${tag}`, wait: 'true' })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(message)
    expect(r.outputs['task-id']).toBe(onlyTask().id)
    expect(r.outputs.status).toBe(status)
    expect(JSON.parse(r.outputs.response!).status).toBe(status)
    expect(r.summary).toContain(onlyTask().id)
  })

  it('retries flaky polls and honours Retry-After on a 429', async () => {
    const r = await run({ prompt: 'x [emu:poll-429] [emu:flaky=3] [emu:no-progress]', wait: 'true' })
    expect(r.error).toBeUndefined()
    expect(r.outputs.status).toBe('succeeded')
    const gets = emu.requests.filter((q) => q.method === 'GET' && q.path.startsWith('/v1/videos/'))
    expect(gets.length).toBeGreaterThanOrEqual(8)
  })

  it('a run of max-retries failed polls ends the wait, naming the task', async () => {
    const r = await run({ prompt: 'x [emu:flaky=9]', wait: 'true', 'max-retries': '2' })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/^Task cgt-\S+: .*Gave up after 2 retries/)
    expect(r.outputs['task-id']).toBe(onlyTask().id)
  })

  it('timeout ends the wait with the task id and the input that resumes it', async () => {
    const r = await run({ prompt: 'x [emu:slow=100]', wait: 'true', timeout: '1s' })
    expect(r.code).toBe(1)
    const id = onlyTask().id
    expect(r.error).toContain(`Stopped waiting for task ${id} after 1 s`)
    expect(r.error).toContain(`\`task-id: ${id}\``)
    expect(r.outputs.status).toBe('running')
  })

  it('SIGINT mid-wait stops within a second, prints how to resume, leaves no file', async () => {
    // The signal comes while the wait sleeps out its first 5 s poll interval.
    const r = await run({ prompt: 'x [emu:slow=1000]', 'output-path': 'out/', 'poll-interval': '5s' }, undefined, {
      signal: { after: ': queued 0% (', name: 'SIGINT' }
    })
    const id = onlyTask().id
    expect(r.code).toBe(1)
    expect(r.exitAfterSignalMs).toBeLessThan(1000)
    expect(r.error).toContain(`Cancelled while waiting for task ${id}`)
    expect(r.error).toContain(`\`task-id: ${id}\``)
    expect(existsSync(join(r.workspace, 'out'))).toBe(false)
  })
})

describe('download', () => {
  it('saves the video into a directory output-path as <task-id>.mp4, byte-identical, with the last frame', async () => {
    const r = await run({ prompt: 'x [emu:duration=15]', 'output-path': 'promo/', 'return-last-frame': 'true' })
    expect(r.error).toBeUndefined()
    const task = onlyTask()
    const file = join(r.workspace, 'promo', `${task.id}.mp4`)
    expect(r.outputs['video-path']).toBe(file)
    expect(sha(file)).toBe(videoSha256(task.id, task.size))
    expect(r.outputs['last-frame-url']).toMatch(new RegExp(`^${emu.cdnUrl}/frames/`))
    expect(r.outputs['last-frame-path']).toBe(join(r.workspace, 'promo', `${task.id}.last-frame.png`))
    expect(readFileSync(r.outputs['last-frame-path']!).subarray(1, 4).toString()).toBe('PNG')
    expect(r.summary).toContain('<img src=')
    expect(r.summary).toContain(`promo/${task.id}.mp4`)
  })

  it('never sends the key to the CDN origin', async () => {
    const r = await run({ prompt: 'x [emu:duration=15]', 'output-path': 'v.mp4', 'return-last-frame': 'true' })
    expect(r.code).toBe(0)
    const cdn = emu.requests.filter((q) => q.server === 'cdn')
    expect(cdn.length).toBeGreaterThanOrEqual(2)
    for (const q of cdn) expect(q.headers.authorization).toBeUndefined()
    for (const q of cdn) expect(JSON.stringify(q.headers)).not.toContain(KEY)
  })

  it('a redirect from the API origin to the CDN drops the key', async () => {
    const r = await run({ prompt: 'x [emu:redirect] [emu:duration=15]', 'output-path': 'v.mp4' })
    expect(r.error).toBeUndefined()
    const cdn = emu.requests.filter((q) => q.server === 'cdn')
    expect(cdn.length).toBeGreaterThanOrEqual(1)
    for (const q of cdn) expect(q.headers.authorization).toBeUndefined()
  })

  it('a body cut halfway resumes with Range and ends whole and byte-identical', async () => {
    const size = 3 * 1024 * 1024 + 17
    const r = await run({ prompt: `x [emu:cut] [emu:size=${size}] [emu:duration=15]`, 'output-path': 'cut.mp4' })
    expect(r.error).toBeUndefined()
    const task = onlyTask()
    expect(sha(join(r.workspace, 'cut.mp4'))).toBe(videoSha256(task.id, size))
    const ranged = emu.requests.filter((q) => q.server === 'cdn' && q.headers.range)
    expect(ranged.length).toBeGreaterThanOrEqual(1)
    expect(readdirSync(r.workspace)).toEqual(['cut.mp4'])
  })

  it('with no link in the task, streams /content from the API with the key', async () => {
    const r = await run({ prompt: 'x [emu:url=none] [emu:duration=15]', 'output-path': 'c.mp4' })
    expect(r.error).toBeUndefined()
    const content = emu.requests.filter((q) => q.path.endsWith('/content'))
    expect(content.length).toBeGreaterThanOrEqual(1)
    expect(content[0]!.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(sha(join(r.workspace, 'c.mp4'))).toBe(videoSha256(onlyTask().id, onlyTask().size))
  })

  it.each([['video_url'], ['content']])('finds the link at %s', async (where) => {
    const r = await run({ prompt: `x [emu:url=${where}] [emu:duration=15]`, 'output-path': 'l.mp4' })
    expect(r.error).toBeUndefined()
    expect(r.outputs['video-url']).toContain(emu.cdnUrl)
  })

  it('refuses a body that is not an MP4 and leaves no file behind', async () => {
    const r = await run({ prompt: 'x [emu:not-mp4] [emu:duration=15]', 'output-path': 'bad.mp4' })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/not an MP4|MP4/)
    expect(r.outputs['task-id']).toBe(onlyTask().id)
    expect(readdirSync(r.workspace)).toEqual([])
  })
})

describe('task-id: attach to an existing task', () => {
  async function createTask(prompt: string): Promise<string> {
    const res = await fetch(`${emu.url}/v1/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'dreamina-seedance-2-0-260128', media: [{ type: 'text', text: prompt }] })
    })
    return ((await res.json()) as { id: string }).id
  }

  it('alone reads the status once and submits nothing', async () => {
    const id = await createTask('x')
    const r = await run({ 'task-id': id })
    expect(r.code).toBe(0)
    expect(r.outputs['task-id']).toBe(id)
    expect(r.outputs.status).toBe('queued')
    expect(emu.requests.filter((q) => q.method === 'POST')).toHaveLength(1)
    expect(r.summary).toContain(`task-id: ${id}`)
  })

  it('with output-path waits and downloads, without a second submit', async () => {
    const id = await createTask('x')
    const r = await run({ 'task-id': id, 'output-path': 'later/' })
    expect(r.error).toBeUndefined()
    expect(r.outputs['video-path']).toBe(join(r.workspace, 'later', `${id}.mp4`))
    expect(emu.requests.filter((q) => q.method === 'POST')).toHaveLength(1)
  })

  it('an unknown task says so, and mentions the 7 days', async () => {
    const r = await run({ 'task-id': 'cgt-20200101-000000000000', wait: 'true' })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/does not know this task .*7 days/)
  })
})

describe('upload-to-release', () => {
  const github = (extra: Record<string, string> = {}) => ({ GITHUB_API_URL: `${emu.url}/github`, GITHUB_REPOSITORY: 'octo/promo', ...extra })

  it('attaches the video to the release of the triggering event, replacing a same-named asset on re-runs', async () => {
    const event = join(tempDir('seedance-event-'), 'event.json')
    const release = emu.addRelease('octo/promo', { tag: 'v2.0.0', id: 4242 })
    writeFileSync(
      event,
      JSON.stringify({
        action: 'published',
        release: { id: release.id, tag_name: 'v2.0.0', upload_url: `${emu.url}/github-uploads/repos/octo/promo/releases/${release.id}/assets{?name,label}` }
      })
    )
    const env = github({ GITHUB_EVENT_NAME: 'release', GITHUB_EVENT_PATH: event })
    const inputs = { prompt: 'x [emu:duration=15]', 'output-path': 'promo.mp4', 'upload-to-release': 'true', 'github-token': 'ghs_token' }
    const first = await run(inputs, env)
    expect(first.error).toBeUndefined()
    expect(first.outputs['release-asset-url']).toMatch(/\/releases\/download\/v2\.0\.0\/promo\.mp4$/)
    const second = await run(inputs, env)
    expect(second.error).toBeUndefined()
    const assets = emu.releases.get('octo/promo')!.find((r) => r.id === 4242)!.assets
    expect(assets.map((a) => a.name)).toEqual(['promo.mp4'])
    expect(assets[0]!.sha256).toBe(sha(join(second.workspace, 'promo.mp4')))
    expect(second.summary).toContain('Release asset')
  })

  it('uses release-tag when the run was not a release event', async () => {
    const r = await run({ prompt: 'x [emu:duration=15]', 'upload-to-release': 'true', 'release-tag': 'v1.0.0', 'github-token': 'ghs_token' }, github())
    expect(r.error).toBeUndefined()
    // The file is named after the task; the asset gets a name that stays the same on re-runs.
    expect(r.outputs['release-asset-url']).toMatch(/\/v1\.0\.0\/promo-v1\.0\.0\.mp4$/)
    expect(r.outputs['video-path']).toContain(r.runnerTemp)
  })

  it('a token without contents: write is found out before anything is submitted', async () => {
    const r = await run({ prompt: 'x', 'upload-to-release': 'true', 'release-tag': 'v1.0.0', 'github-token': 'read-only' }, github())
    expect(r.code).toBe(1)
    expect(r.error).toContain('add "permissions: contents: write" to the job')
    expect(emu.requests.filter((q) => q.path.startsWith('/v1/'))).toHaveLength(0)
    expect(r.outputs['task-id']).toBeUndefined()
  })

  it('two runs with output-path: promo/ replace one asset, named after the repository and tag', async () => {
    const inputs = { prompt: 'x [emu:duration=15]', 'output-path': 'promo/', 'upload-to-release': 'true', 'release-tag': 'v1.0.0', 'github-token': 'ghs_token' }
    const first = await run(inputs, github())
    expect(first.error).toBeUndefined()
    const second = await run(inputs, github())
    expect(second.error).toBeUndefined()
    expect(second.outputs['video-path']).toMatch(/promo\/cgt-\S+\.mp4$/)
    const assets = emu.releases.get('octo/promo')!.find((r) => r.tag_name === 'v1.0.0')!.assets
    expect(assets.map((a) => a.name)).toEqual(['promo-v1.0.0.mp4'])
    expect(assets[0]!.sha256).toBe(sha(second.outputs['video-path']!))
  })

  it('release-asset-name names the asset', async () => {
    const r = await run(
      { prompt: 'x [emu:duration=15]', 'upload-to-release': 'true', 'release-tag': 'v1.0.0', 'release-asset-name': 'teaser.mp4', 'github-token': 'ghs_token' },
      github()
    )
    expect(r.error).toBeUndefined()
    expect(r.outputs['release-asset-url']).toMatch(/\/v1\.0\.0\/teaser\.mp4$/)
  })

  it('a release-tag with no release fails before anything is submitted', async () => {
    const r = await run({ prompt: 'x', 'upload-to-release': 'true', 'release-tag': 'v404', 'github-token': 'ghs_token' }, github())
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/No release with tag "v404" was found in octo\/promo/)
    expect(emu.requests.filter((q) => q.path.startsWith('/v1/'))).toHaveLength(0)
  })

  it('no release to attach to: says how to pick one, before the video is paid for', async () => {
    const r = await run({ prompt: 'x', 'upload-to-release': 'true', 'github-token': 'ghs_token' }, github())
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/needs a release: run the workflow on `release: published`, or name one with `release-tag`/)
    expect(emu.requests).toHaveLength(0)
  })
})
