import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { curlCommand } from '../src/video/dry-run.js'
import { backoffMs, parseRetryAfter, retryDelayMs } from '../src/http/retry.js'
import { shortenDataUrl, shortenDataUrls } from '../src/redact.js'
import { isFinal, normalizeStatus } from '../src/api/status.js'
import { readTask } from '../src/api/task.js'
import { renderSummary } from '../src/step/summary.js'
import { ACTION_VERSION } from '../src/version.js'
import { lastFramePath, outputTarget, videoPath } from '../src/delivery/paths.js'

describe('status words', () => {
  it.each([
    ['pending', 'queued'],
    ['queued', 'queued'],
    ['running', 'running'],
    ['in_progress', 'running'],
    ['processing', 'running'],
    ['succeeded', 'succeeded'],
    ['completed', 'succeeded'],
    ['succeed', 'succeeded'],
    ['SUCCESS', 'succeeded'],
    ['failed', 'failed'],
    ['failure', 'failed'],
    ['cancelled', 'cancelled'],
    ['canceled', 'cancelled'],
    ['expired', 'expired'],
    ['mystery', 'unknown'],
    [undefined, 'unknown']
  ])('%s -> %s', (word, status) => {
    expect(normalizeStatus(word)).toBe(status)
  })
  it('final statuses', () => {
    expect(['succeeded', 'failed', 'cancelled', 'expired'].every((s) => isFinal(s as never))).toBe(true)
    expect(['queued', 'running', 'unknown'].some((s) => isFinal(s as never))).toBe(false)
  })
})

describe('retry policy', () => {
  it('backs off exponentially with jitter, capped', () => {
    const opts = { baseMs: 1000, capMs: 8000 }
    expect(backoffMs(0, { ...opts, random: () => 0 })).toBe(500)
    expect(backoffMs(0, { ...opts, random: () => 0.999999 })).toBe(1000)
    expect(backoffMs(2, { ...opts, random: () => 0 })).toBe(2000)
    expect(backoffMs(10, { ...opts, random: () => 1 })).toBe(8000)
  })
  it('Retry-After in seconds or as a date; the server wins', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(retryDelayMs(5, 1500, { baseMs: 1000, capMs: 30_000 })).toBe(1500)
    expect(retryDelayMs(0, 10_000_000, { baseMs: 1000, capMs: 30_000 })).toBe(300_000)
  })
})

describe('task objects', () => {
  it('id else task_id; video link from metadata.url, video_url, content.video_url', () => {
    expect(readTask({ task_id: 't1', status: 'queued' }).id).toBe('t1')
    expect(readTask({ id: 5 }).id).toBe('5')
    expect(readTask({ metadata: { url: 'a' }, video_url: 'b' }).videoUrl).toBe('a')
    expect(readTask({ video_url: 'b', content: { video_url: 'c' } }).videoUrl).toBe('b')
    expect(readTask({ content: { video_url: 'c', last_frame_url: 'f' } })).toMatchObject({ videoUrl: 'c', lastFrameUrl: 'f' })
  })
  it('tolerates odd shapes', () => {
    expect(readTask({ id: 'x', status: 3, progress: 'half', error: 'boom', metadata: 'no' })).toMatchObject({ id: 'x', status: 'unknown' })
    expect(readTask(null).status).toBe('unknown')
    expect(readTask({ error: { message: 'bad', code: 42 } }).error).toEqual({ message: 'bad', code: '42' })
  })
})

describe('redaction', () => {
  it('shortens only long data: URLs', () => {
    const long = `data:image/png;base64,${'Q'.repeat(500)}`
    expect(shortenDataUrl(long)).toBe(`${long.slice(0, 48)}...[${long.length} characters]`)
    expect(shortenDataUrl('https://e.com/a.png')).toBe('https://e.com/a.png')
    expect(shortenDataUrls({ media: [{ url: long }, { text: 'hi' }] })).toEqual({ media: [{ url: shortenDataUrl(long) }, { text: 'hi' }] })
  })
})

describe('dry-run curl', () => {
  it('sends the body from a quoted heredoc with the key from the environment', () => {
    const cmd = curlCommand("https://h.example/it's", '{"a":1}')
    expect(cmd).toContain(`curl -sS -X POST 'https://h.example/it'\\''s/v1/videos'`)
    expect(cmd).toContain('-H "Authorization: Bearer $POWERTOKENS_API_KEY"')
    expect(cmd.endsWith('<<\'JSON\'\n{"a":1}\nJSON')).toBe(true)
  })
})

describe('summary', () => {
  it('escapes user text in tables and shows the next step', () => {
    const md = renderSummary({
      taskId: 'cgt-1',
      status: 'queued',
      request: { model: 'm', media: [{ type: 'text', text: 'a | b <script>' }] } as never,
      next: ['collect later']
    })
    expect(md).toContain('a \\| b &lt;script&gt;')
    expect(md).toContain('`cgt-1`')
    expect(md).toContain('- collect later')
  })
})

describe('paths', () => {
  it('a directory (existing or ending in /) gets <task-id>.mp4', () => {
    const single = (outputPath: string, root: string) => outputTarget(outputPath, root, false)
    expect(videoPath(single('out/', '/ws'), 'cgt-1')).toBe('/ws/out/cgt-1.mp4')
    expect(videoPath(single('clip.mp4', '/ws'), 'cgt-1')).toBe('/ws/clip.mp4')
    expect(videoPath(single('/abs/x.mp4', '/ws'), 'cgt-1')).toBe('/abs/x.mp4')
    expect(videoPath(single('.', '/tmp'), 'cgt-1')).toBe('/tmp/cgt-1.mp4')
    expect(lastFramePath('/ws/out/clip.mp4')).toBe('/ws/out/clip.last-frame.png')
  })
})

it('the User-Agent version is package.json version', () => {
  expect(ACTION_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
})
