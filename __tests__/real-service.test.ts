/**
 * The real service's forms (issue 22): the inputs that choose how media go, host names no DNS can
 * hold, every place a task field can be, and the Asset Library hint on a refused request. Pure parts.
 */
import { describe, expect, it } from '@jest/globals'
import { ApiError, InputError } from '../src/errors.js'
import { readTask } from '../src/api/task.js'
import { hostNameProblem, privateAddress } from '../src/http/url-policy.js'
import { planRemote, remoteItems, shownUrl } from '../src/media/remote-media.js'
import { parseConfig } from '../src/step/inputs.js'
import { inputDefaults } from '../src/step/action-yml.js'
import { buildRequest } from '../src/video/request.js'
import { mediaUrlsIn, withAssetHint } from '../src/video/media-hint.js'

const config = (inputs: Record<string, string>) =>
  parseConfig(
    (name) => inputs[name] ?? '',
    () => undefined,
    { GITHUB_WORKSPACE: '/tmp' }
  )
const request = (media: unknown[]) =>
  buildRequest({
    model: 'dreamina-seedance-2-0-260128',
    prompt: 'x',
    media,
    firstFrame: [],
    lastFrame: [],
    referenceImages: [],
    referenceVideos: [],
    referenceAudios: []
  })

describe('remote-media-as', () => {
  it('defaults to url and takes asset, in any case', async () => {
    expect(inputDefaults()['remote-media-as']).toBe('url')
    expect((await config({ 'dry-run': 'true', prompt: 'x' })).remoteMediaAs).toBe('url')
    expect((await config({ 'dry-run': 'true', prompt: 'x', 'remote-media-as': 'Asset' })).remoteMediaAs).toBe('asset')
  })
  it('refuses anything else in one sentence naming the input and the choices', async () => {
    await expect(config({ 'dry-run': 'true', prompt: 'x', 'remote-media-as': 'upload' })).rejects.toThrow(
      new InputError('Input `remote-media-as` must be one of url, asset (got "upload").')
    )
  })
})

describe('a host name no DNS can hold', () => {
  it.each(['base-url', 'asset-base-url'])('in `%s` is an input error that never echoes the host whole', async (name) => {
    const host = 'a'.repeat(100_000)
    const err = await config({ 'dry-run': 'true', prompt: 'x', [name]: `https://${host}.com` }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toMatch(new RegExp(`^Input \`${name}\` has a host name of 100004 characters \\(DNS holds at most 253\\)`))
    expect((err as Error).message.length).toBeLessThan(300)
  })
  it('a label over 63 characters is refused; 63 and a 253-character name pass', async () => {
    await expect(config({ 'dry-run': 'true', prompt: 'x', 'base-url': `https://${'b'.repeat(64)}.example.com` })).rejects.toThrow(/a label of 64 characters/)
    expect(hostNameProblem(`${'b'.repeat(63)}.example.com`)).toBeUndefined()
    const longest = ['c'.repeat(63), 'c'.repeat(63), 'c'.repeat(63), 'c'.repeat(61)].join('.')
    expect(longest).toHaveLength(253)
    expect(hostNameProblem(longest)).toBeUndefined()
    expect(hostNameProblem(`${longest}x`)).toMatch(/254 characters/)
    expect(hostNameProblem('[::1]')).toBeUndefined()
  })
})

describe('private addresses are told apart from public ones', () => {
  it.each(['10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '100.64.0.1', 'fd12:3456::1', '[fc00::1]', '::ffff:10.1.1.1'])('%s is private', (a) => {
    expect(privateAddress(a)).toBeDefined()
  })
  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', '127.0.0.1', '2001:db8::1', 'example.com'])('%s is not', (a) => {
    expect(privateAddress(a)).toBeUndefined()
  })
})

describe('the task object, read from every documented place', () => {
  it.each([
    ['last_frame_url', { last_frame_url: 'https://cdn/f.png' }],
    ['content.last_frame_url', { content: { video_url: 'https://cdn/v.mp4', last_frame_url: 'https://cdn/f.png' } }],
    ['metadata.last_frame_url', { metadata: { url: 'https://cdn/v.mp4', last_frame_url: 'https://cdn/f.png' } }]
  ])('the last frame at %s', (_place, fields) => {
    expect(readTask({ id: 'cgt-1', status: 'succeeded', ...fields }).lastFrameUrl).toBe('https://cdn/f.png')
  })
  it('ids from `id` or `task_id`, numbers included; status words of every spelling', () => {
    expect(readTask({ task_id: 'cgt-2' }).id).toBe('cgt-2')
    expect(readTask({ id: 12345 }).id).toBe('12345')
    expect(['pending', 'IN_PROGRESS', 'succeed', 'Success', 'failure', 'canceled'].map((w) => readTask({ status: w }).status)).toEqual([
      'queued',
      'running',
      'succeeded',
      'succeeded',
      'failed',
      'cancelled'
    ])
  })
  it('an error as {message, type, code} or as a plain string; progress as a number or a numeric string', () => {
    expect(readTask({ status: 'failed', error: { message: 'bad', type: 'upstream_error', code: 'X1' } }).error).toEqual({ message: 'bad', code: 'X1' })
    expect(readTask({ status: 'failed', error: 'upstream said no' }).error).toEqual({ message: 'upstream said no', code: undefined })
    expect(readTask({ progress: '40%' }).progress).toBe(40)
    expect(readTask({ progress: 'lots' }).progress).toBeUndefined()
  })
})

describe('a 400 on a request that carried media URLs names the Asset Library fix', () => {
  const withLinks = request([{ type: 'reference_image', url: 'https://e.com/a.png' }]).body
  const rejected = new ApiError('PowerTokens rejected the request (HTTP 400: bad media).', 'rejected', 400, undefined, 'InvalidParameter')
  it('adds the fix, keeping the kind, status and code', () => {
    const e = withAssetHint(rejected, withLinks) as ApiError
    expect(e.message).toMatch(/^PowerTokens rejected the request \(HTTP 400: bad media\); the request carried a media URL .*set `remote-media-as: asset`/)
    expect([e.kind, e.status, e.code]).toEqual(['rejected', 400, 'InvalidParameter'])
  })
  it('leaves alone a 400 without links, and other failures with links', () => {
    const assets = request([
      { type: 'reference_image', url: 'asset://asset-1' },
      { type: 'reference_image', url: 'data:image/png;base64,AAAA' }
    ]).body
    expect(mediaUrlsIn(assets)).toEqual([])
    expect(withAssetHint(rejected, assets)).toBe(rejected)
    const unknown = new ApiError('The submit outcome is unknown.', 'unknown-outcome', 500)
    expect(withAssetHint(unknown, withLinks)).toBe(unknown)
  })
})

describe('which media items are fetched', () => {
  it('only http(s) links, each with the input it came from; asset:// and data: are left alone', () => {
    const built = request([
      { type: 'reference_image', url: 'https://e.com/a.png?sig=secret' },
      { type: 'reference_image', url: 'asset://asset-1' },
      { type: 'reference_image', url: 'data:image/png;base64,AAAA' }
    ])
    expect(remoteItems(built)).toEqual([{ index: 1, url: 'https://e.com/a.png?sig=secret', type: 'reference_image', input: 'media' }])
    const lines: string[] = []
    planRemote(built.body, built, new Set(), 'https://powertokens.ai/api', (l) => lines.push(l))
    expect(built.body.media.map((m) => ('url' in m ? m.url : m.text))).toEqual([
      'x',
      'asset://<upload of https://e.com/a.png>',
      'asset://asset-1',
      'data:image/png;base64,AAAA'
    ])
    expect(lines).toEqual([expect.stringMatching(/^Dry run: would upload https:\/\/e\.com\/a\.png \(`media`\) to the Asset Library/)])
    expect(lines.join('')).not.toContain('secret')
  })
  it('a link is shown without its query and never very long', () => {
    expect(shownUrl('https://u:p@e.com/a.png?sig=1#x')).toBe('https://e.com/a.png')
    expect(shownUrl(`https://e.com/${'p'.repeat(500)}`).length).toBeLessThan(170)
  })
})
