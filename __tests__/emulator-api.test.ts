/**
 * The emulator's hostile API answers, its links to private addresses and its Asset Library,
 * driven with plain node:http requests (no dist/ needed). Each test checks what a client
 * talking to the emulator would see.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { gunzipSync } from 'node:zlib'
import { FAKE_METADATA, INJECTED, PRIVATE_URLS, type Emulator } from '../emulator/server.mjs'
import { useEmulator } from './e2e/harness.js'
import { api, call, countBytes, json, KEY, MODEL, uploadPng } from './helpers/emulator-client.js'
import { until } from './helpers/until.js'

const emulator = useEmulator()
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

describe('hostile API answers', () => {
  it('[emu:429-day] answers every submit 429 with Retry-After: 86400; =1 only the first', async () => {
    const a = api(emu)
    for (let i = 0; i < 2; i++) {
      const r = await a.submit('x [emu:429-day]')
      expect(r.status).toBe(429)
      expect(r.headers['retry-after']).toBe('86400')
    }
    expect((await a.submit('y [emu:429-day=1]')).status).toBe(429)
    expect((await a.submit('y [emu:429-day=1]')).status).toBe(200)
    expect(emu.tasks.size).toBe(1)
  })

  it('[emu:poll-429-day] answers polls 429 with Retry-After: 86400 without advancing', async () => {
    const a = api(emu)
    const id = json(await a.submit('x [emu:poll-429-day=2]')).id
    for (let i = 0; i < 2; i++) {
      const r = await a.poll(id)
      expect(r.status).toBe(429)
      expect(r.headers['retry-after']).toBe('86400')
    }
    expect(json(await a.poll(id))).toMatchObject({ status: 'queued' })
  })

  it('[emu:endless-submit] answers 200 with JSON that never ends, and the task exists', async () => {
    const r = await call(`${emu.url}/v1/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, media: [{ type: 'text', text: 'x [emu:endless-submit]' }] }),
      stopAfter: 4 * 1024 * 1024
    })
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('application/json')
    expect(r.body.toString('utf8', 0, 12)).toBe('{"id":"cgt-2')
    expect(emu.tasks.size).toBe(1)
    await until('the stream to stop', () => emu.openStreams() === 0)
  })

  it('[emu:endless-poll=1] streams the first poll without end, then polls work', async () => {
    const a = api(emu)
    const id = json(await a.submit('x [emu:endless-poll=1]')).id
    const r = await countBytes(`${emu.url}/v1/videos/${id}`, 4 * 1024 * 1024, { authorization: `Bearer ${KEY}` })
    expect(r.status).toBe(200)
    expect(r.bytes).toBeGreaterThanOrEqual(4 * 1024 * 1024)
    expect(json(await a.poll(id))).toMatchObject({ id, status: 'queued' })
  })

  it.each([
    ['array', (o: unknown, id: string) => expect(o).toEqual([expect.objectContaining({ id, status: 'queued' })])],
    ['null', (o: unknown) => expect(o).toBeNull()],
    ['string', (o: unknown, id: string) => expect(o).toBe(id)]
  ])('[emu:shape=%s] answers the submit 200 with that shape (a task was still created)', async (shape, check) => {
    const r = await api(emu).submit(`x [emu:shape=${shape}]`)
    expect(r.status).toBe(200)
    expect(emu.tasks.size).toBe(1)
    check(json(r), [...emu.tasks.keys()][0]!)
  })

  it('[emu:inject-id] gives a task id with workflow commands on new lines, and that id still works', async () => {
    const a = api(emu)
    const o = json(await a.submit('x [emu:inject-id]'))
    expect(o.id).toMatch(/^cgt-\S+\n::warning::.*\n::set-output name=x::y\n$/)
    const done = await a.finish('y [emu:inject-id]')
    expect(done.status).toBe('succeeded')
    const video = await call(done.metadata.url)
    expect(video.status).toBe(200)
    expect(video.body.length).toBe(64 * 1024)
  })

  it('[emu:inject-status] puts workflow commands in unfinished statuses only', async () => {
    const a = api(emu)
    const id = json(await a.submit('x [emu:inject-status]')).id
    expect(json(await a.poll(id)).status).toBe(`queued${INJECTED}`)
    expect(INJECTED).toBe('\n::warning::emulator-injected-warning\n::set-output name=x::y\n')
    expect(json(await a.poll(id)).status).toMatch(/^running\n::warning::/)
    await a.poll(id)
    expect(json(await a.poll(id)).status).toBe('succeeded')
  })

  it('[emu:huge-id] and [emu:huge-url] send 2 MiB ids and links', async () => {
    const a = api(emu)
    const s = await call(`${emu.url}/v1/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, media: [{ type: 'text', text: 'x [emu:huge-id]' }] })
    })
    expect(s.status).toBe(200)
    expect([...emu.tasks.keys()][0]!.length).toBeGreaterThan(2 * 1024 * 1024)
    const done = await a.finish('x [emu:huge-url]')
    expect(done.metadata.url.length).toBeGreaterThan(2 * 1024 * 1024)
    expect(done.metadata.url.startsWith(`${emu.cdnUrl}/videos/`)).toBe(true)
  })

  it('[emu:gzip] compresses task answers unasked; [emu:gzip=error] an error answer', async () => {
    const a = api(emu)
    const s = await a.submit('x [emu:gzip]')
    expect(s.status).toBe(200)
    expect(s.headers['content-encoding']).toBe('gzip')
    const o = JSON.parse(gunzipSync(s.body).toString('utf8'))
    const p = await a.poll(o.id)
    expect(p.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(p.body).toString('utf8'))).toMatchObject({ id: o.id, status: 'queued' })
    const e = await a.submit('x [emu:gzip=error]')
    expect(e.status).toBe(400)
    expect(e.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(e.body).toString('utf8'))).toMatchObject({ error: { code: 'InputTextRiskDetection' } })
  })

  it('[emu:echo-key] quotes the Authorization header or the bare key, in task answers and errors', async () => {
    const a = api(emu)
    const t = json(await a.submit('x [emu:echo-key]'))
    expect(t.request_echo).toEqual({ authorization: `Bearer ${KEY}` })
    expect(json(await a.poll(t.id)).request_echo).toEqual({ authorization: `Bearer ${KEY}` })
    const raw = json(await a.submit('x [emu:echo-key=raw]'))
    expect(raw.request_echo).toEqual({ api_key: KEY })
    const e = await a.submit('x [emu:echo-key=error]')
    expect(e.status).toBe(400)
    expect(json(e).error.message).toContain(`Bearer ${KEY}`)
    const re = await a.submit('x [emu:echo-key=raw-error]')
    expect(re.status).toBe(400)
    expect(json(re).error.message).toContain(KEY)
    expect(json(re).error.message).not.toContain('Bearer')
  })
})

describe('links to private addresses', () => {
  it.each([
    ['aws', 'http://169.254.169.254/latest/meta-data/'], // a link the emulator hands out, refused by the action, never fetched
    ['gcp', 'http://metadata.google.internal/'],
    ['ipv6', 'http://[fd00:ec2::254]/']
  ])('[emu:private-url=%s] gives a video link to a metadata address', async (where, prefix) => {
    const done = await api(emu).finish(`x [emu:private-url=${where}]`)
    expect(done.metadata.url.startsWith(prefix)).toBe(true)
    expect(done.metadata.url).toBe(PRIVATE_URLS[where as keyof typeof PRIVATE_URLS])
  })

  it('[emu:private-frame=aws] keeps the video link and points only the last frame at the metadata address', async () => {
    const done = await api(emu).finish('x [emu:private-frame=aws]')
    expect(done.metadata.url.startsWith(`${emu.cdnUrl}/videos/`)).toBe(true)
    expect(done.last_frame_url.startsWith('http://169.254.169.254/')).toBe(true)
  })

  it('[emu:metadata-loopback] points the video at the loopback metadata server, which records its visitors', async () => {
    const done = await api(emu).finish('x [emu:metadata-loopback]')
    expect(done.metadata.url.startsWith(`${emu.metadataUrl}/latest/meta-data/`)).toBe(true)
    expect(emu.requests.filter((r) => r.server === 'metadata')).toHaveLength(0)
    const r = await call(done.metadata.url)
    expect(r.body.toString()).toBe(FAKE_METADATA)
    expect(r.body.toString()).toMatch(/^FAKE-METADATA-SECRET AKIA/)
    expect(emu.requests.filter((x) => x.server === 'metadata')).toHaveLength(1)
    const frame = await api(emu).finish('x [emu:private-frame=loopback]')
    expect(frame.last_frame_url.startsWith(emu.metadataUrl)).toBe(true)
  })

  it('[emu:js-url] gives a javascript: video link', async () => {
    const done = await api(emu).finish('x [emu:js-url][emu:url=video_url]')
    expect(done.video_url).toBe('javascript:alert(1)')
  })
})

describe('Asset Library', () => {
  it.each([
    ['clip.png', 'emu-processing-forever'],
    ['emu-processing-forever.png', 'g1']
  ])('%s in group %s stays "processing" however often it is polled', async (filename, group) => {
    const up = await uploadPng(emu, { filename, group })
    const taskId = json(up).data.task_id
    for (let i = 0; i < 6; i++) {
      const r = await call(`${emu.url}/api/v1/asset/jobs/get-asset-id?task_id=${taskId}`, { headers: { authorization: KEY } })
      expect(json(r)).toEqual({ code: 202, message: 'processing', data: { status: 'processing' } })
    }
  })
})
