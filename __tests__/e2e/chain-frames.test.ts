/**
 * Every place a last frame can be (issue 22, item 4): a chain succeeds whether the API puts the
 * frame at `last_frame_url`, `content.last_frame_url` or `metadata.last_frame_url`, and a chain
 * sent as plain links to an API that takes only Asset Library ids fails with the fix named.
 * dist/index.js against the emulator.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import type { Emulator } from '../../emulator/server.mjs'
import { runAction, useEmulator, type RunResult } from './harness.js'

const KEY = 'sk-chain-frames-0123456789'
const emulator = useEmulator({ clockScale: 0.01 })
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

type Result = Record<string, string | boolean>
const results = (r: RunResult): Record<string, Result> => Object.fromEntries((JSON.parse(r.outputs.results!) as Result[]).map((e) => [e.name as string, e]))
const chain = (tag: string) => `
- name: fold
  prompt: A paper boat is folded ${tag}
- name: sail
  first-frame: { after: fold }
  prompt: The boat sails away
`
const run = (inputs: Record<string, string>) =>
  runAction({ 'api-key': KEY, 'base-url': emu.url, 'asset-base-url': `${emu.url}/api`, 'poll-interval': '100ms', ...inputs })

describe('a chain, wherever the API puts the last frame', () => {
  it.each([
    ['last_frame_url', 'top'],
    ['content.last_frame_url', 'content'],
    ['metadata.last_frame_url', 'metadata']
  ])('%s', async (field, place) => {
    const r = await run({ batch: chain(`[emu:frame-at=${place}]`) })
    expect(r.error).toBeUndefined()
    const res = results(r)
    expect(Object.values(res).map((e) => e.status)).toEqual(['succeeded', 'succeeded'])
    // The follower started from the frame the API gave in that one place.
    const sail = emu.tasks.get(String(res.sail!['task-id']))!
    expect(res.fold!['last-frame-url']).toMatch(/\/frames\//)
    expect(sail.request.media.find((m) => m.type === 'first_frame')!.url).toBe(res.fold!['last-frame-url'])
    // And the API did put it there, and only there.
    const answer = (await (
      await fetch(`${emu.url}/v1/videos/${String(res.fold!['task-id'])}`, { headers: { authorization: `Bearer ${KEY}` } })
    ).json()) as Record<string, Record<string, unknown> | undefined>
    const places = {
      last_frame_url: answer.last_frame_url,
      'content.last_frame_url': answer.content?.last_frame_url,
      'metadata.last_frame_url': answer.metadata?.last_frame_url
    }
    expect(
      Object.entries(places)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k)
    ).toEqual([field])
  })
})

describe('a chain sent as links to an API that takes only Asset Library ids', () => {
  it('with `url` the follower fails with the fix named; with `asset` it succeeds', async () => {
    const refused = await run({ batch: chain('[emu:asset-only]').replace('sails away', 'sails away [emu:asset-only]') })
    expect(refused.code).toBe(1)
    expect(results(refused).sail!.error).toMatch(/set `remote-media-as: asset`/)
    const fine = await run({ batch: chain('[emu:asset-only]').replace('sails away', 'sails away [emu:asset-only]'), 'remote-media-as': 'asset' })
    expect(fine.error).toBeUndefined()
    expect(Object.values(results(fine)).map((e) => e.status)).toEqual(['succeeded', 'succeeded'])
  })
})
