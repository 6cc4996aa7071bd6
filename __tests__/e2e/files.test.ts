/** Workspace files as media: local checks and Asset Library uploads, through the runner contract (issue 4). */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Emulator } from '../../emulator/server.mjs'
import { jpeg, mp3, mp4, png, wav } from '../helpers/media-fixtures.js'
import { runAction, tempDir, useEmulator } from './harness.js'

const KEY = 'sk-e2e-files-secret'
// Every task is a 15-second one (three lifecycle steps of 5 s) on an emulator clock 100 times
// faster than the wall's: 150 ms of real time, and a Retry-After of 1 s is 10 ms.
const emulator = useEmulator({ clockScale: 0.01, stepMs: 5000 })
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

/** A fresh workspace holding the given files. */
function workspace(files: Record<string, Buffer | string>): string {
  const ws = tempDir('seedance-ws-')
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, name)), { recursive: true })
    writeFileSync(join(ws, name), data)
  }
  return ws
}
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')
const run = (ws: string, inputs: Record<string, string>) =>
  runAction({ 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': `${emu.url}/api`, 'poll-interval': '20ms', ...inputs }, { workspace: ws })
const submitted = () =>
  emu.requests.find((r) => r.method === 'POST' && r.path === '/v1/videos')?.json as { media: Array<{ type: string; url?: string }> } | undefined

describe('workspace files are checked, uploaded once, and sent as asset:// references', () => {
  it('uploads each distinct file once with the bare key, and sets `assets`', async () => {
    const logo = png(800, 600)
    const ws = workspace({ 'docs/logo.png': logo, 'docs/copy-of-logo.png': logo, 'media/jingle.wav': wav(3), 'clips/intro.mp4': mp4({ seconds: 4, fps: 30 }) })
    const r = await run(ws, {
      prompt: 'Our dashboard',
      'reference-images': 'docs/logo.png\n./docs/copy-of-logo.png',
      'reference-videos': 'clips/intro.mp4',
      'reference-audios': 'media/jingle.wav',
      'asset-group-id': 'group-7'
    })
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    expect(emu.uploads).toHaveLength(3)
    expect(emu.uploads.map((u) => u.sha256).sort()).toEqual([sha(logo), sha(wav(3)), sha(mp4({ seconds: 4, fps: 30 }))].sort())
    expect(emu.uploads.every((u) => u.groupId === 'group-7')).toBe(true)
    const uploadRequests = emu.requests.filter((q) => q.path === '/api/v1/asset/upload')
    expect(uploadRequests.every((q) => q.headers.authorization === KEY)).toBe(true)

    const assets = JSON.parse(r.outputs.assets!) as Record<string, string>
    expect(Object.keys(assets).sort()).toEqual(['./docs/copy-of-logo.png', 'clips/intro.mp4', 'docs/logo.png', 'media/jingle.wav'])
    expect(assets['docs/logo.png']).toBe(assets['./docs/copy-of-logo.png'])
    const media = submitted()!.media
    expect(media.map((m) => m.type)).toEqual(['text', 'reference_image', 'reference_image', 'reference_video', 'reference_audio'])
    expect(media[1]!.url).toBe(assets['docs/logo.png'])
    expect(media[3]!.url).toBe(assets['clips/intro.mp4'])
    expect(media.slice(1).every((m) => /^asset:\/\/asset-/.test(m.url!))).toBe(true)
    expect(JSON.parse(r.outputs.request!).media[4].url).toBe(assets['media/jingle.wav'])
    expect(r.summary).toContain('docs/logo.png')
  })

  it('accepts {type, path} and scheme-less urls in the media input', async () => {
    const ws = workspace({ 'start.jpg': jpeg(1280, 720) })
    const r = await run(ws, { media: '[{"type": "text", "text": "go"}, {"type": "first_frame", "path": "start.jpg"}]' })
    expect(r.error).toBeUndefined()
    expect(submitted()!.media[1]!.url).toMatch(/^asset:\/\//)
  })

  it('local-images-as: data-url inlines images and uploads nothing', async () => {
    const image = png(640, 640)
    const ws = workspace({ 'f.png': image })
    const r = await run(ws, { prompt: 'x', 'first-frame': 'f.png', 'local-images-as': 'data-url' })
    expect(r.error).toBeUndefined()
    expect(emu.uploads).toHaveLength(0)
    expect(submitted()!.media[1]!.url).toBe(`data:image/png;base64,${image.toString('base64')}`)
    expect(r.outputs.request).toMatch(/data:image\/png;base64,.*\.\.\.\[\d+ characters\]/)
  })

  it('dry-run checks the files, says what would be uploaded, and sends nothing', async () => {
    const ws = workspace({ 'a.png': png(500, 500) })
    const r = await runAction({ 'dry-run': 'true', prompt: 'x', 'reference-images': 'a.png', 'asset-base-url': `${emu.url}/api` }, { workspace: ws })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('would upload a.png to the Asset Library')
    expect(emu.requests).toHaveLength(0)
  })

  it('an upload refused by the Asset Library names the file and the reason; nothing is submitted', async () => {
    const ws = workspace({ 'reject-me.png': png(500, 500) })
    const r = await run(ws, { prompt: 'x', 'reference-images': 'reject-me.png' })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/reject-me\.png.*file type not supported/)
    expect(submitted()).toBeUndefined()
  })
})

it('the key stays out of logs, outputs and summary through uploads and downloads, with step debug on', async () => {
  const ws = workspace({ 'a.png': png(600, 600), 'b.wav': wav(3) })
  const r = await runAction(
    {
      'api-key': KEY,
      'base-url': emu.url,
      'asset-base-url': `${emu.url}/api`,
      prompt: 'x',
      'reference-images': 'a.png',
      'reference-audios': 'b.wav',
      'output-path': 'v.mp4',
      'poll-interval': '20ms'
    },
    { workspace: ws, env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } }
  )
  expect(r.error).toBeUndefined()
  expect(r.stdout).toContain('::debug::')
  const printed = (r.stdout + r.stderr)
    .split('\n')
    .filter((l) => l !== `::add-mask::${KEY}`)
    .join('\n')
  expect(printed).not.toContain(KEY)
  expect(JSON.stringify(r.outputs)).not.toContain(KEY)
  expect(r.summary).not.toContain(KEY)
})

describe('nothing is uploaded or submitted when a file fails a check', () => {
  const cases: Array<[string, Record<string, Buffer | string>, Record<string, string>, RegExp]> = [
    ['a missing file', {}, { 'reference-images': 'nope.png' }, /Input `reference-images`.*nope\.png/],
    ['a text file named .png', { 'fake.png': 'hello, not an image' }, { 'reference-images': 'fake.png' }, /fake\.png.*not an image|fake\.png.*text/i],
    ['a PNG named .mp4', { 'x.mp4': png(500, 500) }, { 'reference-images': 'ok.png', 'reference-videos': 'x.mp4' }, /x\.mp4/],
    ['a tiny image', { 'small.png': png(120, 80) }, { 'reference-images': 'small.png' }, /small\.png is 120x80 px/],
    ['a too-wide image', { 'wide.png': png(3000, 1000) }, { 'reference-images': 'wide.png' }, /wide\.png.*aspect|wide\.png.*ratio/i],
    [
      'a 1 s audio',
      { 'a.png': png(500, 500), 'short.wav': wav(1) },
      { 'reference-images': 'a.png', 'reference-audios': 'short.wav' },
      /short\.wav.*2-15 s|short\.wav.*at least 2/
    ],
    [
      'audio over 15 s in all',
      { 'a.png': png(500, 500), '1.mp3': mp3(8), '2.mp3': mp3(8) },
      { 'reference-images': 'a.png', 'reference-audios': '1.mp3\n2.mp3' },
      /at most 15 s in all/
    ],
    ['a 12 fps video', { 'slow.mp4': mp4({ seconds: 3, fps: 12 }) }, { 'reference-videos': 'slow.mp4' }, /slow\.mp4.*fps/],
    ['an absolute path outside', {}, { 'reference-images': '/etc/passwd' }, /outside the workspace/],
    ['a path climbing out', {}, { 'reference-images': '../../etc/passwd' }, /outside the workspace/],
    ['an ftp:// URL', {}, { 'reference-images': 'ftp://example.com/a.png' }, /Input `reference-images`/]
  ]
  it.each(cases)('%s', async (_name, files, inputs, message) => {
    const ws = workspace({ 'ok.png': png(500, 500), ...files })
    const r = await run(ws, { prompt: 'x', ...inputs })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(message)
    expect(r.error!.split('\n')).toHaveLength(1)
    expect(emu.requests).toHaveLength(0)
  })

  it('a symlink pointing out of the workspace', async () => {
    const outside = tempDir('seedance-outside-')
    writeFileSync(join(outside, 'secret.png'), png(500, 500))
    const ws = workspace({})
    symlinkSync(join(outside, 'secret.png'), join(ws, 'innocent.png'))
    const r = await run(ws, { prompt: 'x', 'reference-images': 'innocent.png' })
    expect(r.code).toBe(1)
    expect(r.error).toMatch(/innocent\.png.*outside the workspace/)
    expect(emu.requests).toHaveLength(0)
  })
})
