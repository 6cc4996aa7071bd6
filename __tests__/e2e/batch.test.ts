/** Many videos in one step, through the runner contract against the emulator. */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Emulator } from '../../emulator/server.mjs'
import { png } from '../helpers/media-fixtures.js'
import { runAction, tempDir, useEmulator } from './harness.js'

const KEY = 'sk-batch-0123456789abcdef'
// Every task is a 15-second one (three lifecycle steps of 5 s) on an emulator clock 100 times
// faster than the wall's: 150 ms of real time, and a Retry-After of 1 s is 10 ms.
const emulator = useEmulator({ clockScale: 0.01, stepMs: 5000 })
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

const posts = () => emu.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos')
const batch = (inputs: Record<string, string>, options: Parameters<typeof runAction>[1] = {}) =>
  runAction({ 'api-key': KEY, 'base-url': emu.url, 'poll-interval': '20ms', ...inputs }, options)
const results = (outputs: Record<string, string>) => JSON.parse(outputs.results ?? 'null') as Array<Record<string, string>>

const FIVE = `
- name: promo-wide
  prompt: A paper boat on a rainy street
  ratio: "16:9"
  seconds: 10
- name: promo-short
  prompt: A paper boat on a rainy street
  ratio: "9:16"
- name: teaser
  prompt: The logo assembles from paper boats
  size: 720p
- name: square
  prompt: A cat on a windowsill
  ratio: "1:1"
  watermark: true
- prompt: A fifth clip with no name
`

describe('a batch', () => {
  it('runs five entries from a file: defaults, overrides, one file each, results in entry order', async () => {
    const workspace = tempDir('seedance-ws-')
    mkdirSync(join(workspace, 'videos'))
    writeFileSync(join(workspace, 'videos', 'clips.yml'), FIVE)
    const r = await batch({ batch: 'videos/clips.yml', size: '480p', 'output-path': 'clips/', 'max-concurrency': '3' }, { workspace })
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    const bodies = posts().map((p) => p.json as Record<string, unknown>)
    expect(bodies).toHaveLength(5)
    const byText = (text: string, ratio?: string) =>
      bodies.find((b) => (b.media as Array<{ text?: string }>)[0]?.text === text && (ratio === undefined || b.ratio === ratio))
    expect(byText('A paper boat on a rainy street', '16:9')).toMatchObject({ size: '480p', seconds: '10' })
    expect(byText('A paper boat on a rainy street', '9:16')).toMatchObject({ size: '480p' })
    expect(byText('The logo assembles from paper boats')).toMatchObject({ size: '720p' })
    expect(byText('A cat on a windowsill')).toMatchObject({ ratio: '1:1', watermark: true, size: '480p' })
    const res = results(r.outputs)
    expect(res.map((e) => e.name)).toEqual(['promo-wide', 'promo-short', 'teaser', 'square', 'video-5'])
    for (const e of res) {
      expect(e.status).toBe('succeeded')
      expect(e['task-id']).toMatch(/^cgt-/)
      expect(e['video-path']).toBe(join(workspace, 'clips', `${e.name}.mp4`))
    }
    expect(readdirSync(join(workspace, 'clips')).sort()).toEqual(['promo-short.mp4', 'promo-wide.mp4', 'square.mp4', 'teaser.mp4', 'video-5.mp4'])
    expect(r.summary).toMatch(/Seedance batch: 5 of 5 videos succeeded/)
    expect(r.outputs['task-id']).toBeUndefined()
    expect(r.outputs.request).toBeUndefined()
  })

  it('takes the list inline as JSON', async () => {
    const r = await batch({
      batch: JSON.stringify([
        { name: 'a', prompt: 'One' },
        { name: 'b', prompt: 'Two', seconds: 5 }
      ])
    })
    expect(r.code).toBe(0)
    expect(results(r.outputs).map((e) => [e.name, e.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded']
    ])
  })

  it('refuses the whole batch with zero requests, naming every invalid entry', async () => {
    const r = await batch({ batch: '- name: ok\n  prompt: fine\n- name: bad-seconds\n  prompt: x\n  seconds: 13\n- name: typo\n  promt: x\n' })
    expect(r.code).not.toBe(0)
    expect(emu.requests).toHaveLength(0)
    expect(r.error).toMatch(/Batch entry "bad-seconds": Input `seconds` must be one of/)
    expect(r.error).toMatch(/Batch entry "typo" has an unknown key `promt`; did you mean `prompt`\?/)
    expect(r.error).not.toContain('"ok"')
  })

  it('refuses duplicate names', async () => {
    const r = await batch({ batch: '- name: a\n  prompt: x\n- name: a\n  prompt: y\n' })
    expect(r.error).toMatch(/Batch entry "a": the name is used by item 1 too/)
    expect(emu.requests).toHaveLength(0)
  })

  it('uploads a workspace file shared between entries once', async () => {
    const workspace = tempDir('seedance-ws-')
    writeFileSync(join(workspace, 'logo.png'), png(640, 480))
    const r = await batch(
      {
        batch: '- name: one\n  prompt: x\n  reference-images: [logo.png]\n- name: two\n  prompt: y\n  first-frame: logo.png\n',
        'asset-base-url': `${emu.url}/api`
      },
      { workspace }
    )
    expect(r.error).toBeUndefined()
    expect(emu.uploads).toHaveLength(1)
    const urls = posts().map((p) => (p.json as { media: Array<{ url?: string }> }).media[1]?.url)
    expect(urls[0]).toMatch(/^asset:\/\//)
    expect(urls[1]).toBe(urls[0])
  })

  it('never has more than max-concurrency tasks in flight', async () => {
    const list = Array.from({ length: 6 }, (_, i) => `- name: v${i}\n  prompt: clip ${i} [emu:slow=2]\n`).join('')
    const r = await batch({ batch: list, 'max-concurrency': '2' })
    expect(r.code).toBe(0)
    // The emulator's own record: a task is in flight from its creation until an answer reports it ended.
    const most = emu.maxInFlight(KEY)
    expect(posts()).toHaveLength(6)
    expect(most).toBeLessThanOrEqual(2)
    expect(most).toBe(2)
  })

  it('one failed task: the others are still saved, and the step fails naming it', async () => {
    const r = await batch({ batch: '- name: good\n  prompt: x\n- name: broken\n  prompt: y [emu:fail]\n- name: fine\n  prompt: z\n', 'output-path': 'out/' })
    expect(r.code).not.toBe(0)
    const res = results(r.outputs)
    expect(res.find((e) => e.name === 'broken')).toMatchObject({ status: 'failed' })
    expect(existsSync(join(r.workspace, 'out', 'good.mp4'))).toBe(true)
    expect(existsSync(join(r.workspace, 'out', 'fine.mp4'))).toBe(true)
    expect(r.error).toMatch(/^1 of 3 batch entries did not succeed: broken \(task cgt-\S+, failed: The output video may contain sensitive content/)
  })

  it('a 429 on one entry waits and goes on; an unknown outcome is sent once and ends that entry only', async () => {
    const r = await batch({ batch: '- name: limited\n  prompt: a [emu:429=1]\n- name: lost\n  prompt: b [emu:500]\n- name: plain\n  prompt: c\n' })
    expect(r.code).not.toBe(0)
    const res = results(r.outputs)
    expect(res.find((e) => e.name === 'limited')?.status).toBe('succeeded')
    expect(res.find((e) => e.name === 'plain')?.status).toBe('succeeded')
    expect(res.find((e) => e.name === 'lost')).toMatchObject({ status: 'failed' })
    expect(res.find((e) => e.name === 'lost')?.error).toMatch(/outcome is unknown/)
    const lostPosts = posts().filter((p) => JSON.stringify(p.json).includes('[emu:500]'))
    expect(lostPosts).toHaveLength(1)
    expect(r.error).toMatch(/lost \(no task, failed: The submit's outcome is unknown/)
  })

  it('SIGINT mid-batch stops at once, lists every created task with the entry that collects it, and leaves no partial file', async () => {
    const list = Array.from({ length: 3 }, (_, i) => `- name: v${i}\n  prompt: clip ${i} [emu:slow=50]\n`).join('')
    const r = await batch({ batch: list, 'max-concurrency': '3', 'output-path': 'out/' }, { signal: { after: '[v2] Created task', name: 'SIGINT' } })
    expect(r.code).not.toBe(0)
    expect(r.exitAfterSignalMs).toBeLessThan(5000)
    const ids = results(r.outputs).map((e) => e['task-id'])
    expect(ids.every((id) => typeof id === 'string')).toBe(true)
    for (const id of ids) expect(r.stdout).toContain(`task-id: ${id} }`)
    expect(r.error).toMatch(/^Cancelled; 3 tasks go on/)
    expect(existsSync(join(r.workspace, 'out')) ? readdirSync(join(r.workspace, 'out')) : []).toEqual([])
  })

  it('a dry run prints each entry and sends nothing', async () => {
    const r = await runAction({ batch: '- name: a\n  prompt: x\n- name: b\n  prompt: y\n', 'dry-run': 'true', 'base-url': emu.url })
    expect(r.code).toBe(0)
    expect(emu.requests).toHaveLength(0)
    expect(r.stdout).toContain('[a] body of POST')
    expect(r.stdout).toContain('[b] body of POST')
  })
})
