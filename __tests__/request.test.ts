import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { parseConfig } from '../src/step/inputs.js'
import { buildRequest, type RequestInputs } from '../src/video/request.js'

const base: RequestInputs = {
  model: 'dreamina-seedance-2-0-260128',
  prompt: '',
  media: [],
  firstFrame: [],
  lastFrame: [],
  referenceImages: [],
  referenceVideos: [],
  referenceAudios: []
}

describe('buildRequest', () => {
  it('orders media: prompt, media input, first frame, last frame, images, videos, audios', () => {
    const { body, sources } = buildRequest({
      ...base,
      prompt: 'hello',
      media: [{ type: 'text', text: 'more' }],
      referenceImages: ['https://e.com/i.png'],
      referenceVideos: ['https://e.com/v.mp4'],
      referenceAudios: ['https://e.com/a.mp3']
    })
    expect(body.media.map((m) => m.type)).toEqual(['text', 'text', 'reference_image', 'reference_video', 'reference_audio'])
    expect(sources.map((s) => s.input)).toEqual(['prompt', 'media', 'reference-images', 'reference-videos', 'reference-audios'])
  })

  it('leaves out every optional field that was not set, so API defaults apply', () => {
    const { body } = buildRequest({ ...base, prompt: 'hello' })
    expect(Object.keys(body)).toEqual(['model', 'media'])
  })

  it('keeps the prompt text as written (no trimming)', () => {
    const { body } = buildRequest({ ...base, prompt: '  two  spaces\n' })
    expect(body.media[0]).toEqual({ type: 'text', text: '  two  spaces\n' })
  })

  it('allows the fast model below 1080p, refuses it at 1080p', () => {
    expect(buildRequest({ ...base, prompt: 'x', model: 'dreamina-seedance-2-0-fast-260128', size: '720p' }).body.size).toBe('720p')
    expect(() => buildRequest({ ...base, prompt: 'x', model: 'dreamina-seedance-2-0-fast-260128', size: '1080p' })).toThrow(/1080p/)
  })

  it.each([
    ['first frame + last frame', { firstFrame: ['https://e.com/f.png'], lastFrame: ['https://e.com/l.png'] }],
    ['nine images', { referenceImages: Array.from({ length: 9 }, (_, i) => `https://e.com/${i}.png`) }],
    ['audio with a video', { referenceVideos: ['https://e.com/v.mp4'], referenceAudios: ['https://e.com/a.mp3'] }],
    ['data: and asset: URLs', { referenceImages: ['data:image/png;base64,AAAA', 'asset://a-1'] }],
    ['text only', { prompt: 'just words' }]
  ])('accepts %s', (_name, extra) => {
    expect(() => buildRequest({ ...base, ...extra })).not.toThrow()
  })

  it('names the media item and field of a broken media input item', () => {
    expect(() =>
      buildRequest({
        ...base,
        media: [
          { type: 'text', text: 'ok' },
          { type: 'reference_image', url: 'https://e.com/x.png', extra: 1 }
        ]
      })
    ).toThrow('Input `media` item 2 has unknown field(s) "extra": items are {type, text}, {type, url} or {type, path}.')
    expect(() => buildRequest({ ...base, media: ['a string'] })).toThrow(/Input `media` item 1 must be an object/)
  })

  it('throws InputError (a user error, no stack shown)', () => {
    expect(() => buildRequest({ ...base, seconds: '13', prompt: 'x' })).toThrow(InputError)
  })
})

describe('parseConfig', () => {
  const inputs =
    (values: Record<string, string>) =>
    (name: string): string =>
      values[name] ?? ''

  it('masks the key before anything can fail', async () => {
    const masked: string[] = []
    await expect(parseConfig(inputs({ 'api-key': 'k1', seconds: 'bad', prompt: 'x' }), (s) => masked.push(s))).rejects.toThrow(/seconds/)
    expect(masked).toEqual(['k1'])
  })

  it('applies defaults', async () => {
    const config = await parseConfig(inputs({ 'api-key': 'k', prompt: 'x' }), () => {})
    expect(config).toMatchObject({
      baseUrl: 'https://api.powertokens.ai',
      dryRun: false,
      wait: false,
      maxRetries: 4,
      timeoutMs: 3_600_000,
      pollIntervalMs: 5_000,
      uploadToRelease: false
    })
    expect(config.request?.body.model).toBe('dreamina-seedance-2-0-260128')
  })

  it('output-path and upload-to-release imply wait', async () => {
    expect((await parseConfig(inputs({ 'api-key': 'k', prompt: 'x', 'output-path': 'v/' }), () => {})).wait).toBe(true)
    expect(
      (await parseConfig(inputs({ 'api-key': 'k', prompt: 'x', 'upload-to-release': 'true', 'github-token': 't', 'release-tag': 'v1' }), () => {})).wait
    ).toBe(true)
  })

  it('task-id attaches: no request is built, and request inputs are refused', async () => {
    const config = await parseConfig(inputs({ 'api-key': 'k', 'task-id': 'cgt-1' }), () => {})
    expect(config.request).toBeUndefined()
    await expect(parseConfig(inputs({ 'api-key': 'k', 'task-id': 'cgt-1', prompt: 'x' }), () => {})).rejects.toThrow(
      'Input `task-id` attaches to an existing task, so `prompt` cannot be used with it: remove one or the other.'
    )
  })

  it('refuses a multi-line asset-group-id, which would break the multipart upload', async () => {
    await expect(parseConfig(inputs({ 'api-key': 'k', prompt: 'x', 'asset-group-id': 'a\r\nX: y' }), () => {})).rejects.toThrow(
      'Input `asset-group-id` must be a single line.'
    )
  })

  it('local-images-as is asset or data-url', async () => {
    expect((await parseConfig(inputs({ 'api-key': 'k', prompt: 'x' }), () => {})).localImagesAs).toBe('asset')
    await expect(parseConfig(inputs({ 'api-key': 'k', prompt: 'x', 'local-images-as': 'base64' }), () => {})).rejects.toThrow(
      'Input `local-images-as` must be one of asset, data-url (got "base64").'
    )
  })

  it('upload-to-release needs a token and a release before anything is sent', async () => {
    const up = { 'api-key': 'k', prompt: 'x', 'upload-to-release': 'true' }
    await expect(parseConfig(inputs(up), () => {}, { GITHUB_EVENT_NAME: 'release' })).rejects.toThrow(/Input `github-token` is empty/)
    await expect(parseConfig(inputs({ ...up, 'github-token': 't' }), () => {}, { GITHUB_EVENT_NAME: 'push' })).rejects.toThrow(
      /needs a release: .*triggered by push/
    )
    expect((await parseConfig(inputs({ ...up, 'github-token': 't' }), () => {}, { GITHUB_EVENT_NAME: 'release' })).uploadToRelease).toBe(true)
    expect((await parseConfig(inputs({ ...up, 'github-token': 't', 'release-tag': 'v1' }), () => {}, {})).releaseTag).toBe('v1')
  })

  it('allows http:// only to loopback', async () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:2']) {
      expect((await parseConfig(inputs({ 'api-key': 'k', prompt: 'x', 'base-url': url }), () => {})).baseUrl).toBe(url)
    }
    await expect(parseConfig(inputs({ 'api-key': 'k', prompt: 'x', 'base-url': 'http://10.0.0.1' }), () => {})).rejects.toThrow(/https/)
    await expect(parseConfig(inputs({ 'api-key': 'k', prompt: 'x', 'base-url': 'https://u:p@h.example' }), () => {})).rejects.toThrow(/credentials/)
  })
})
