/**
 * A plain node:http client of the emulator for the emulator's own tests (emulator-*.test.ts):
 * what a client talking to it would see, with no dist/ involved.
 */
import { expect } from '@jest/globals'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server.mjs'

export const KEY = 'sk-emulator-test-77'
export const MODEL = 'dreamina-seedance-2-0-260128'

export interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** The connection broke before the body was complete. */
  aborted: boolean
}

interface Req {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Stop (destroy the socket) once this many body bytes arrived. */
  stopAfter?: number
  /** Give up after this many ms (resolves with what arrived, aborted). */
  timeoutMs?: number
}

export function call(url: string, { method = 'GET', headers = {}, body, stopAfter, timeoutMs = 20000 }: Req = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers })
    let timer: NodeJS.Timeout | undefined
    const settle = (reply: Reply) => {
      clearTimeout(timer)
      resolve(reply)
    }
    req.on('error', reject)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let bytes = 0
      const done = (aborted: boolean) => settle({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted })
      timer = setTimeout(() => {
        done(true)
        req.destroy()
      }, timeoutMs)
      res.on('data', (c: Buffer) => {
        bytes += c.length
        // an endless body is only kept up to 8 MiB
        if (chunks.reduce((n, x) => n + x.length, 0) < 8 * 1024 * 1024) chunks.push(c)
        if (stopAfter !== undefined && bytes >= stopAfter) {
          done(false)
          req.destroy()
        }
      })
      res.on('end', () => done(false))
      res.on('aborted', () => done(true))
      res.on('error', () => done(true))
      res.on('close', () => done(!res.complete))
    })
    req.end(body)
  })
}

/** Total body bytes of an answer, counting past what `call` keeps. */
export function countBytes(
  url: string,
  stopAfter: number,
  headers: Record<string, string> = {}
): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers })
    req.on('error', reject)
    req.on('response', (res) => {
      let bytes = 0
      res.on('data', (c: Buffer) => {
        bytes += c.length
        if (bytes >= stopAfter) {
          req.destroy()
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes })
        }
      })
      res.on('error', () => {})
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }))
    })
    req.end()
  })
}

/** The fields these tests read from an answer. */
export interface Answer {
  id: string
  task_id: string
  status: string
  progress?: number
  metadata: { url: string }
  last_frame_url: string
  video_url: string
  request_echo?: unknown
  error: { message: string; code: string }
  data: { task_id: string }
}
export const json = (r: Reply): Answer => JSON.parse(r.body.toString('utf8')) as Answer

export function api(emu: Emulator, key = KEY) {
  const auth = { authorization: `Bearer ${key}` }
  return {
    submit: (prompt: string, extra: Record<string, unknown> = {}) =>
      call(`${emu.url}/v1/videos`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, media: [{ type: 'text', text: prompt }], ...extra })
      }),
    poll: (id: string) => call(`${emu.url}/v1/videos/${encodeURIComponent(id)}`, { headers: auth }),
    /** Submit, then poll until the task is finished; returns the last task object. */
    async finish(prompt: string, extra: Record<string, unknown> = {}) {
      const s = await this.submit(prompt, extra)
      expect(s.status).toBe(200)
      const id = (json(s) as { task_id: string }).task_id
      for (let i = 0; i < 50; i++) {
        const p = await this.poll(id)
        expect(p.status).toBe(200)
        const o = json(p)
        if (['succeeded', 'failed', 'expired', 'cancelled'].includes(o.status)) return o
      }
      throw new Error(`task ${id} did not finish`)
    }
  }
}

/** Run `fn` against an emulator of its own, always closed. */
export async function withEmulator(options: EmulatorOptions, fn: (emu: Emulator) => Promise<void>) {
  const emu = await startEmulator(options)
  try {
    await fn(emu)
  } finally {
    await emu.close()
  }
}

/** A multipart upload of one small PNG to the emulated Asset Library. */
export function uploadPng(emu: Emulator, { filename = 'a.png', group }: { filename?: string; group?: string } = {}): Promise<Reply> {
  const boundary = 'emuboundary'
  const body =
    (group === undefined ? '' : `--${boundary}\r\nContent-Disposition: form-data; name="group_id"\r\n\r\n${group}\r\n`) +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n` +
    `--${boundary}--\r\n`
  return call(`${emu.url}/api/v1/asset/upload`, {
    method: 'POST',
    headers: { authorization: KEY, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body
  })
}
