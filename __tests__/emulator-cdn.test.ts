/**
 * The emulator's hostile CDN (how a video host can misbehave), driven with plain node:http
 * requests (no dist/ needed). Each test checks what a client talking to the emulator would see.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import type { Emulator } from '../emulator/server.mjs'
import { useEmulator } from './e2e/harness.js'
import { api, call, countBytes, KEY, withEmulator } from './helpers/emulator-client.js'
import { until } from './helpers/until.js'

const emulator = useEmulator()
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

describe('hostile CDN', () => {
  it('[emu:drip] announces the whole video and sends one byte per second; stops when the client leaves', async () => {
    // On a clock 10 times faster an emulated second is 100 ms: 250 ms are 2.5 emulated seconds.
    await withEmulator({ clockScale: 0.1 }, async (own) => {
      const done = await api(own).finish('x [emu:drip]')
      const r = await call(done.metadata.url, { timeoutMs: 250 })
      expect(r.status).toBe(200)
      expect(r.headers['content-length']).toBe(String(64 * 1024))
      expect(r.aborted).toBe(true)
      expect(r.body.length).toBeGreaterThanOrEqual(1)
      expect(r.body.length).toBeLessThanOrEqual(4)
      await until('the drip to stop', () => own.openStreams() === 0)
    })
  })

  it.each([
    ['[emu:endless-video]', undefined],
    ['[emu:endless-video=lying]', String(2 ** 40)]
  ])('%s streams video bytes without end until the client leaves', async (tag, length) => {
    const done = await api(emu).finish(`x ${tag}`)
    const r = await countBytes(done.metadata.url, 8 * 1024 * 1024)
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('video/mp4')
    expect(r.headers['content-length']).toBe(length)
    expect(r.bytes).toBeGreaterThanOrEqual(8 * 1024 * 1024)
    await until('the stream to stop', () => emu.openStreams() === 0)
    const task = emu.tasks.get(done.id)!
    const sent = task.streamedBytes
    // The emulator has since answered two more requests (a writer still going at 50 MB/s would
    // have sent a chunk meanwhile): not one more byte went out.
    for (let i = 0; i < 2; i++) expect((await api(emu).poll(done.id)).status).toBe(200)
    expect(task.streamedBytes).toBe(sent)
    // back-pressure: the server did not run far ahead of what was read
    expect(sent).toBeLessThan(64 * 1024 * 1024)
  })

  it('[emu:endless-video] is also what /content serves, and close() ends a stream nobody stops', async () => {
    await withEmulator({}, async (own) => {
      const done = await api(own).finish('x [emu:endless-video]')
      const reading = call(`${own.url}/v1/videos/${done.id}/content`, { headers: { authorization: `Bearer ${KEY}` }, timeoutMs: 30000 })
      await until('the stream to start', () => own.openStreams() === 1)
      await own.close()
      const r = await reading
      expect(r.status).toBe(200)
      expect(r.aborted).toBe(true)
      expect(own.openStreams()).toBe(0)
    })
  })

  it('[emu:bad-range] cuts the first download, then answers a Range with a Content-Range that does not fit', async () => {
    const done = await api(emu).finish('x [emu:bad-range]')
    const size = 64 * 1024
    const first = await call(done.metadata.url)
    expect(first.headers['content-length']).toBe(String(size))
    expect(first.aborted).toBe(true)
    expect(first.body.length).toBeLessThan(size)
    const resumed = await call(done.metadata.url, { headers: { range: `bytes=${first.body.length}-` } })
    expect(resumed.status).toBe(206)
    expect(resumed.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`)
    expect(resumed.body.length).toBe(size)
  })

  it('[emu:bad-range=total] answers the asked bytes with a wrong total', async () => {
    const done = await api(emu).finish('x [emu:bad-range=total]')
    await call(done.metadata.url)
    const r = await call(done.metadata.url, { headers: { range: 'bytes=100-' } })
    expect(r.status).toBe(206)
    expect(r.headers['content-range']).toBe(`bytes 100-${64 * 1024 - 1}/${64 * 1024 + 1000}`)
  })
})
