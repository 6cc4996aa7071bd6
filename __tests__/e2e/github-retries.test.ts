/**
 * GitHub calls retry transient failures, like the API's: one 502 on the release lookup (before
 * anything is paid for) or on the asset upload (after the video is paid for and saved) is tried
 * again, and the step succeeds with one task paid and the video on the release.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.mjs'
import { runAction, useEmulator, type RunResult } from './harness.js'

const KEY = 'sk-e2e-github-retries'
const emulator = useEmulator({ clockScale: 0.01 })
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

function run(token: string): Promise<RunResult> {
  return runAction(
    {
      'api-key': KEY,
      'base-url': emu.url,
      'poll-interval': '20ms',
      prompt: 'A lighthouse',
      'output-path': 'promo.mp4',
      'upload-to-release': 'true',
      'release-tag': 'v1.0.0',
      'github-token': token
    },
    { env: { GITHUB_API_URL: `${emu.url}/github`, GITHUB_REPOSITORY: 'octo/promo' } }
  )
}

const submits = (): number => emu.requests.filter((q) => q.method === 'POST' && q.path === '/v1/videos').length
const lookups = (): number => emu.requests.filter((q) => q.method === 'GET' && q.path === '/github/repos/octo/promo/releases/tags/v1.0.0').length
const uploads = (): number => emu.requests.filter((q) => q.method === 'POST' && q.path.startsWith('/github-uploads/')).length

/** The step succeeded: one task paid, and the saved video's bytes are the release's asset. */
function expectDelivered(r: RunResult): void {
  expect(r.error).toBeUndefined()
  expect(r.code).toBe(0)
  expect(submits()).toBe(1)
  expect(emu.tasks.size).toBe(1)
  expect(r.outputs['task-id']).toBe([...emu.tasks.keys()][0])
  const assets = emu.releases.get('octo/promo')!.find((x) => x.tag_name === 'v1.0.0')!.assets
  expect(assets.map((a) => a.name)).toEqual(['promo.mp4'])
  expect(assets[0]!.sha256).toBe(createHash('sha256').update(readFileSync(r.outputs['video-path']!)).digest('hex'))
  expect(r.outputs['release-asset-url']).toBe('https://github.example/octo/promo/releases/download/v1.0.0/promo.mp4')
}

describe('GitHub answers one 502', () => {
  it('on the release lookup: tried again, then the video is made once and reaches the release', async () => {
    const r = await run('502-lookup')
    expectDelivered(r)
    expect(lookups()).toBe(2)
    expect(r.stdout).toMatch(/GitHub answered HTTP 502 while reading release v1\.0\.0: 502 Bad Gateway\. Retrying in \d+\.\d s \(1\/4\)\./)
  })

  it('on the upload: the file is sent again, and the step succeeds with one task paid', async () => {
    const r = await run('502-upload')
    expectDelivered(r)
    expect(uploads()).toBe(2)
    expect(r.stdout).toMatch(/GitHub answered HTTP 502 while uploading promo\.mp4: 502 Bad Gateway\. Retrying in \d+\.\d s \(1\/4\)\./)
  })
})
