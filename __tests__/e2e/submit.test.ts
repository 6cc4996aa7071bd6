/** Submitting through the runner contract against the local emulator (issue 2). */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:net'
import type { Emulator } from '../../emulator/server.mjs'
import { runAction, useEmulator } from './harness.js'

const KEY = 'sk-e2e-secret-0123456789abcdef'
const emulator = useEmulator()
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

const posts = (): number => emu.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos').length
const submit = (inputs: Record<string, string>, env?: Record<string, string>) => runAction({ 'api-key': KEY, 'base-url': emu.url, ...inputs }, { env })

describe('a valid request', () => {
  it('arrives as the seed example body, and the task is exposed as outputs', async () => {
    const run = await submit({
      prompt: 'A paper boat sails across a rainy street at dusk',
      'reference-images': 'https://example.com/boat.png\n',
      seconds: '8',
      ratio: '16:9'
    })
    expect(run.error).toBeUndefined()
    expect(run.code).toBe(0)
    expect(posts()).toBe(1)
    const req = emu.requests.find((r) => r.method === 'POST')!
    expect(req.json).toEqual({
      model: 'dreamina-seedance-2-0-260128',
      media: [
        { type: 'text', text: 'A paper boat sails across a rainy street at dusk' },
        { type: 'reference_image', url: 'https://example.com/boat.png' }
      ],
      seconds: '8',
      ratio: '16:9'
    })
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['user-agent']).toMatch(/^seedance-action\/\d+\.\d+\.\d+ /)

    const [task] = [...emu.tasks.values()]
    expect(run.outputs['task-id']).toBe(task!.id)
    expect(run.outputs.status).toBe('queued')
    expect(JSON.parse(run.outputs.response!)).toMatchObject({ id: task!.id, status: 'queued' })
    expect(JSON.parse(run.outputs.request!)).toEqual(req.json)
    expect(run.summary).toContain(task!.id)
    expect(run.summary).toContain('task-id')
    expect(run.stdout).toContain(`Created task ${task!.id}`)
  })

  it('sends every optional field the user set, in the API types, and media in the documented order', async () => {
    const run = await submit({
      prompt: 'Opening shot',
      media: '[{"type": "reference_image", "url": "asset://asset-1"}]',
      'reference-images': 'https://example.com/a.png',
      'reference-videos': 'https://example.com/v.mp4',
      'reference-audios': 'https://example.com/a.mp3',
      seconds: '-1',
      size: '1080p',
      ratio: 'adaptive',
      seed: '4294967295',
      watermark: 'TRUE',
      'generate-audio': 'false',
      'return-last-frame': 'true',
      'safety-identifier': 'user-42'
    })
    expect(run.error).toBeUndefined()
    const body = emu.requests.find((r) => r.method === 'POST')!.json as Record<string, unknown>
    expect(body).toEqual({
      model: 'dreamina-seedance-2-0-260128',
      media: [
        { type: 'text', text: 'Opening shot' },
        { type: 'reference_image', url: 'asset://asset-1' },
        { type: 'reference_image', url: 'https://example.com/a.png' },
        { type: 'reference_video', url: 'https://example.com/v.mp4' },
        { type: 'reference_audio', url: 'https://example.com/a.mp3' }
      ],
      seconds: '-1',
      size: '1080p',
      ratio: 'adaptive',
      seed: 4294967295,
      watermark: true,
      generate_audio: false,
      return_last_frame: true,
      safety_identifier: 'user-42'
    })
  })

  it('accepts the media input as YAML and frames as shorthand', async () => {
    const run = await submit({
      media: '- type: text\n  text: A lighthouse at night\n',
      'first-frame': 'https://example.com/first.png',
      'last-frame': 'https://example.com/last.png'
    })
    expect(run.error).toBeUndefined()
    expect((emu.requests[0]!.json as { media: unknown[] }).media).toEqual([
      { type: 'text', text: 'A lighthouse at night' },
      { type: 'first_frame', url: 'https://example.com/first.png' },
      { type: 'last_frame', url: 'https://example.com/last.png' }
    ])
  })

  it('reads the task id from task_id when the answer has no id', async () => {
    const run = await submit({ prompt: 'A cat [emu:task_id-only]' })
    expect(run.code).toBe(0)
    expect(run.outputs['task-id']).toBe([...emu.tasks.keys()][0])
  })
})

describe('dry-run', () => {
  it('prints the body and a curl command, sets `request`, and sends nothing, without a key', async () => {
    const run = await runAction({ prompt: 'A cat', seconds: '5', 'dry-run': 'true', 'base-url': emu.url })
    expect(run.code).toBe(0)
    expect(emu.requests).toHaveLength(0)
    expect(run.stdout).toContain(`curl -sS -X POST '${emu.url}/v1/videos'`)
    expect(run.stdout).toContain('Authorization: Bearer $POWERTOKENS_API_KEY')
    expect(JSON.parse(run.outputs.request!)).toEqual({
      model: 'dreamina-seedance-2-0-260128',
      media: [{ type: 'text', text: 'A cat' }],
      seconds: '5'
    })
    expect(run.outputs['task-id']).toBeUndefined()
    expect(run.summary).toContain('dry run')
  })

  it('shortens long data: URLs in the log and the request output', async () => {
    const dataUrl = `data:image/png;base64,${'A'.repeat(5000)}`
    const run = await runAction({ 'first-frame': dataUrl, 'dry-run': 'true' })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('A'.repeat(200))
    expect(run.outputs.request).toContain('[5022 characters]')
  })
})

describe('bad input is refused before any request, naming the input', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['seconds 13', { prompt: 'x', seconds: '13' }, /Input `seconds` must be one of 4 to 12, 15, or -1/],
    ['seconds as words', { prompt: 'x', seconds: 'eight' }, /Input `seconds`/],
    ['size', { prompt: 'x', size: '4k' }, /Input `size` must be one of 480p, 720p, 1080p/],
    ['ratio', { prompt: 'x', ratio: '2:1' }, /Input `ratio` must be one of/],
    ['seed too big', { prompt: 'x', seed: '4294967296' }, /Input `seed` must be a whole number from -1 to 4294967295/],
    ['seed fraction', { prompt: 'x', seed: '1.5' }, /Input `seed`/],
    ['boolean', { prompt: 'x', watermark: 'yes' }, /Input `watermark` must be true or false/],
    ['boolean dry-run', { prompt: 'x', 'dry-run': '1' }, /Input `dry-run` must be true or false/],
    ['safety id', { prompt: 'x', 'safety-identifier': 'u'.repeat(65) }, /Input `safety-identifier` must be at most 64 characters/],
    [
      'unknown media type',
      { media: '[{"type":"reference_iamge","url":"https://e.com/a.png"}]' },
      /Input `media` item 1 must have a "type" of text, first_frame/
    ],
    ['empty text', { media: '[{"type":"text","text":"  "}]' }, /Input `media` item 1: "text" must not be empty/],
    [
      'bad url scheme',
      { prompt: 'x', 'reference-images': 'https://e.com/a.png\nftp://e.com/b.png' },
      /Input `reference-images` line 2: "url" must be an https:\/\/, http:\/\/, asset:\/\/ or data: URL/
    ],
    ['media not JSON or YAML', { media: '[{"type": "text"' }, /Input `media` must be a JSON or YAML list/],
    ['nothing to send', { seconds: '5' }, /Nothing to send: set `prompt`/],
    ['unknown model', { prompt: 'x', model: 'sora-2' }, /Input `model` must be one of dreamina-seedance-2-0-260128/],
    [
      'fast model at 1080p',
      { prompt: 'x', model: 'dreamina-seedance-2-0-fast-260128', size: '1080p' },
      /cannot be 1080p with model dreamina-seedance-2-0-fast-260128/
    ],
    [
      'frames with references',
      { 'first-frame': 'https://e.com/f.png', 'reference-images': 'https://e.com/r.png' },
      /Frames \(`first-frame`\) cannot be combined with references \(`reference-images`\)/
    ],
    ['last frame alone', { prompt: 'x', 'last-frame': 'https://e.com/l.png' }, /A last frame \(`last-frame`\) needs a first frame/],
    ['two first frames', { 'first-frame': 'https://e.com/a.png\nhttps://e.com/b.png' }, /Input `first-frame` takes one URL/],
    ['ten images', { 'reference-images': Array.from({ length: 10 }, (_, i) => `https://e.com/${i}.png`).join('\n') }, /At most 9 reference images/],
    ['four videos', { 'reference-videos': Array.from({ length: 4 }, (_, i) => `https://e.com/${i}.mp4`).join('\n') }, /At most 3 reference videos/],
    [
      'four audios',
      { 'reference-images': 'https://e.com/i.png', 'reference-audios': Array.from({ length: 4 }, (_, i) => `https://e.com/${i}.mp3`).join('\n') },
      /At most 3 reference audios/
    ],
    [
      'thirteen references',
      {
        'reference-images': Array.from({ length: 9 }, (_, i) => `https://e.com/${i}.png`).join('\n'),
        'reference-videos': Array.from({ length: 3 }, (_, i) => `https://e.com/${i}.mp4`).join('\n'),
        'reference-audios': 'https://e.com/a.mp3'
      },
      /At most 12 reference files are allowed in all \(got 13\)/
    ],
    [
      'audio alone',
      { prompt: 'x', 'reference-audios': 'https://e.com/a.mp3' },
      /Reference audio \(`reference-audios`\) needs at least one reference image or video/
    ],
    ['plain http to a remote host', { prompt: 'x', 'base-url': 'http://api.powertokens.ai' }, /Input `base-url` must use https:\/\//],
    ['poll interval', { prompt: 'x', 'poll-interval': 'soon' }, /Input `poll-interval` must be a duration/],
    ['max retries', { prompt: 'x', 'max-retries': '-1' }, /Input `max-retries` must be a whole number from 0 to 20/]
  ]
  it.each(cases)('%s', async (_name, inputs, message) => {
    const run = await submit(inputs)
    expect(run.code).toBe(1)
    expect(run.error).toMatch(message)
    expect(run.error!.split('\n')).toHaveLength(1)
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /) // no stack trace
    expect(emu.requests).toHaveLength(0)
  })

  it('requires api-key unless dry-run', async () => {
    const run = await runAction({ prompt: 'x', 'base-url': emu.url })
    expect(run.code).toBe(1)
    expect(run.error).toMatch(/Input `api-key` is required/)
    expect(emu.requests).toHaveLength(0)
  })
})

describe('what the server says decides what happens', () => {
  it('429 with Retry-After: waits and re-sends until accepted', async () => {
    const run = await submit({ prompt: 'Busy [emu:429=2]' })
    expect(run.code).toBe(0)
    expect(posts()).toBe(3)
    expect(run.outputs['task-id']).toMatch(/^cgt-/)
    expect(run.stdout).toMatch(/rate-limiting.*Retrying in 1\.0 s \(1\/4\)/)
  })

  it('429 without Retry-After: backs off and re-sends', async () => {
    const run = await submit({ prompt: 'Busy [emu:429-no-header=1]' })
    expect(run.code).toBe(0)
    expect(posts()).toBe(2)
  })

  it('429 beyond max-retries: fails saying nothing was created', async () => {
    const run = await submit({ prompt: 'Busy [emu:429=5]', 'max-retries': '1' })
    expect(run.code).toBe(1)
    expect(posts()).toBe(2)
    expect(run.error).toMatch(/rate-limiting.*Gave up after 1 retry \(`max-retries`\); nothing was created\./)
    expect(run.outputs['task-id']).toBeUndefined()
  })

  it.each([
    ['bad-key', /PowerTokens rejected the API key \(HTTP 401/],
    ['token-invalid', /PowerTokens rejected the API key \(HTTP 500, token_invalid/]
  ])('an invalid key (%s) fails at once', async (key, message) => {
    const run = await runAction({ 'api-key': key, 'base-url': emu.url, prompt: 'x' })
    expect(run.code).toBe(1)
    expect(run.error).toMatch(message)
    expect(run.error).toMatch(/check the secret passed as `api-key`/)
    expect(posts()).toBe(1)
  })

  it.each([
    ['no-balance', /lack of balance or quota \(HTTP 402, insufficient_user_quota: .*余额不足/],
    ['no-quota-403', /lack of balance or quota \(HTTP 403/]
  ])('balance or quota (%s) fails at once', async (key, message) => {
    const run = await runAction({ 'api-key': key, 'base-url': emu.url, prompt: 'x' })
    expect(run.code).toBe(1)
    expect(run.error).toMatch(message)
    expect(posts()).toBe(1)
  })

  it.each([
    [
      '[emu:400-risk]',
      /PowerTokens rejected the request \(HTTP 400, InputTextRiskDetection: The request failed because the input text may contain sensitive information\.\)/
    ],
    ['[emu:message-only]', /PowerTokens rejected the request \(HTTP 400: prompt rejected by upstream\)/]
  ])('400 %s fails with the server message', async (tag, message) => {
    const run = await submit({ prompt: `x ${tag}` })
    expect(run.code).toBe(1)
    expect(run.error).toMatch(message)
    expect(posts()).toBe(1)
  })

  it.each([
    ['[emu:500]', {}, /outcome is unknown \(HTTP 500, do_request_failed/],
    ['[emu:502-html]', {}, /outcome is unknown \(HTTP 502 with an HTML page "502 Bad Gateway" from a gateway\)/],
    ['[emu:hang]', { 'request-timeout': '1s' }, /outcome is unknown \(no answer from http:\/\/127\.0\.0\.1:\d+ within 1 s\)/],
    ['[emu:drop]', {}, /outcome is unknown \(the connection to http:\/\/127\.0\.0\.1:\d+ dropped/]
  ])('%s: the outcome is unknown, so it is never re-sent', async (tag, extra, message) => {
    const run = await submit({ prompt: `x ${tag}`, ...extra })
    expect(run.code).toBe(1)
    expect(run.error).toMatch(message)
    expect(run.error).toMatch(/Check your PowerTokens dashboard before re-running/)
    expect(posts()).toBe(1)
  })

  it('a refused connection is retried (nothing was sent), then reported', async () => {
    const port = await freePort()
    const run = await runAction({ 'api-key': KEY, 'base-url': `http://127.0.0.1:${port}`, prompt: 'x', 'max-retries': '1' })
    expect(run.code).toBe(1)
    expect(run.error).toMatch(/Could not connect to http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); nothing was sent\. Gave up after 1 retry/)
    expect(run.stdout).toMatch(/Retrying in/)
  })
})

describe('the key', () => {
  it.each([
    ['a success', { prompt: 'x' }],
    ['a rejected body', { prompt: 'x [emu:400-risk]' }],
    ['an unknown outcome', { prompt: 'x [emu:500]' }]
  ])('never appears in logs, outputs or summary, with step debug on (%s)', async (_name, inputs) => {
    const run = await submit(inputs, { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' })
    const printed = (run.stdout + run.stderr)
      .split('\n')
      .filter((l) => l !== `::add-mask::${KEY}`)
      .join('\n')
    expect(run.stdout).toContain(`::add-mask::${KEY}`)
    expect(printed).not.toContain(KEY)
    expect(JSON.stringify(run.outputs)).not.toContain(KEY)
    expect(run.summary).not.toContain(KEY)
  })

  it('is masked before anything else is printed', async () => {
    const run = await submit({ prompt: 'x' })
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${KEY}`)
  })
})

async function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolvePort(port))
    })
  })
}
