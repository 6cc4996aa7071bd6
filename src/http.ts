/**
 * One JSON-sized HTTP exchange over node:http(s), the same transport as the download, so
 * a run loads no second HTTP stack (fetch brings undici: ~7 ms and ~2.5 MB per run).
 * Failures keep Node's error codes (ECONNREFUSED, ECONNRESET...) for api-errors.ts;
 * running out of time rejects with an error named TimeoutError.
 */
import http from 'node:http'
import https from 'node:https'

export interface HttpRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
  /** For the whole exchange, head and body. */
  timeoutMs: number
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: { get(name: string): string | null }
  text: string
}

export function requestText(r: HttpRequest): Promise<HttpResponse> {
  const url = new URL(r.url)
  const transport = url.protocol === 'https:' ? https : http
  const headers = { ...r.headers }
  if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body))
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method: r.method, headers, signal: r.signal }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        clearTimeout(timer)
        resolve({
          status: res.statusCode ?? 0,
          headers: {
            get: (name) => {
              const v = res.headers[name.toLowerCase()]
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v
            }
          },
          text: Buffer.concat(chunks).toString('utf8')
        })
      })
    })
    const timer = setTimeout(() => {
      const err = new Error(`no answer within ${r.timeoutMs} ms`)
      err.name = 'TimeoutError'
      req.destroy(err)
    }, r.timeoutMs)
    req.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    req.end(r.body)
  })
}
