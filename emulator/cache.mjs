/**
 * A local stand-in for GitHub's Actions cache service (v2, twirp JSON) and the signed blob
 * URLs it hands out (Azure Blob protocol: Put Blob, Put Block + Put Block List, HEAD, GET with
 * Range), enough for `@actions/cache` to save and restore through it.
 *
 *   const svc = await startCacheService()
 *   Object.assign(process.env, svc.env) // ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN, ACTIONS_CACHE_SERVICE_V2
 *   svc.mode = 'fail'   // every request answers 500; 'down' closes the connection; 'ok' (default)
 *   svc.rejectKeys = ['bad-']  // service calls for keys starting so answer 400 invalid_argument (not retried)
 *   const go = svc.hold('slow-') // service calls for keys starting so wait until go() (or close())
 *   svc.saved / svc.restored / svc.requests; svc.entries; await svc.close()
 *
 * Keys are immutable (a second create of the same key and version is refused with 409
 * already_exists, as the service does). Restore: exact primary key first, then each key
 * (primary, then restore keys in order) as a prefix, the newest finalized match winning.
 * Twirp JSON uses the proto field names (`restore_keys`, `signed_upload_url`...), as the toolkit does.
 * Node standard library only; 127.0.0.1, ephemeral port.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/'
const MAX_JSON = 1024 * 1024

export async function startCacheService({ token = `emu-${randomBytes(8).toString('hex')}` } = {}) {
  /** key\0version -> { key, version, blob: Buffer|undefined, blocks: Map, finalized, createdAt, seq } */
  const entries = new Map()
  const sockets = new Set()
  /** prefix -> { waiting: Set<() => void> } of held service calls. */
  const holds = new Map()
  let seq = 0
  const svc = {
    mode: 'ok',
    /** Key prefixes whose service calls are refused with 400 `invalid_argument` (the toolkit does not retry a 4xx). */
    rejectKeys: [],
    hold,
    token,
    entries,
    /** { key, version, bytes } per finalized save. */
    saved: [],
    /** { requestedKey, matchedKey, version } per hit handed out. */
    restored: [],
    /** { method, path } of every request (query strings left out). */
    requests: [],
    url: '',
    env: {},
    close
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    svc.requests.push({ method: req.method, path: url.pathname })
    if (svc.mode === 'down') {
      req.socket.destroy()
      return
    }
    if (svc.mode === 'fail') {
      req.resume()
      return json(res, 500, { code: 'internal', msg: 'emulated outage' })
    }
    handle(req, res, url).catch(() => {
      if (!res.headersSent) json(res, 500, { code: 'internal', msg: 'emulator error' })
      else res.destroy()
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  svc.url = `http://127.0.0.1:${port}/`
  svc.env = { ACTIONS_RESULTS_URL: svc.url, ACTIONS_RUNTIME_TOKEN: token, ACTIONS_CACHE_SERVICE_V2: 'true' }
  return svc

  async function handle(req, res, url) {
    if (url.pathname.startsWith(SERVICE) && req.method === 'POST') {
      if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { code: 'unauthenticated', msg: 'bad token' })
      const body = JSON.parse((await readBody(req, MAX_JSON)).toString('utf8') || '{}')
      const key = String(body.key ?? '')
      const held = [...holds.entries()].find(([prefix]) => key.startsWith(prefix))
      if (held) await new Promise((resolve) => held[1].add(resolve))
      if (svc.rejectKeys.some((prefix) => key.startsWith(prefix))) return json(res, 400, { code: 'invalid_argument', msg: `key ${key} is refused (emulated)` })
      return twirp(res, url.pathname.slice(SERVICE.length), body)
    }
    if (url.pathname.startsWith('/blob/')) return blob(req, res, url)
    req.resume()
    return json(res, 404, { code: 'not_found', msg: 'no such route' })
  }

  function twirp(res, method, body) {
    const key = String(body.key ?? '')
    const version = String(body.version ?? '')
    if (method === 'CreateCacheEntry') {
      if (entries.has(id(key, version))) return json(res, 409, { code: 'already_exists', msg: 'cache entry already exists' })
      entries.set(id(key, version), { key, version, blob: undefined, blocks: new Map(), finalized: false, seq: ++seq })
      return json(res, 200, { ok: true, signed_upload_url: blobUrl(key, version) })
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = entries.get(id(key, version))
      if (!entry || !entry.blob) return json(res, 200, { ok: false, entry_id: '0', message: 'no upload for this entry' })
      entry.finalized = true
      entry.seq = ++seq
      svc.saved.push({ key, version, bytes: entry.blob.length })
      return json(res, 200, { ok: true, entry_id: String(entry.seq) })
    }
    if (method === 'GetCacheEntryDownloadURL') {
      const raw = body.restore_keys ?? body.restoreKeys // the toolkit sends proto field names
      const restoreKeys = Array.isArray(raw) ? raw.map(String) : []
      const entry = lookup(key, restoreKeys, version)
      if (!entry) return json(res, 200, { ok: false, signed_download_url: '', matched_key: '' })
      svc.restored.push({ requestedKey: key, matchedKey: entry.key, version })
      return json(res, 200, { ok: true, signed_download_url: blobUrl(entry.key, version), matched_key: entry.key })
    }
    return json(res, 404, { code: 'bad_route', msg: `no method ${method}` })
  }

  function lookup(primary, restoreKeys, version) {
    const done = [...entries.values()].filter((e) => e.finalized && e.version === version)
    const exact = done.find((e) => e.key === primary)
    if (exact) return exact
    for (const prefix of [primary, ...restoreKeys]) {
      const hits = done.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.seq - a.seq)
      if (hits.length) return hits[0]
    }
    return undefined
  }

  function blobUrl(key, version) {
    const name = Buffer.from(id(key, version)).toString('base64url')
    return `${svc.url}blob/devstoreaccount1/cache/${name}?sv=2024-01-01&sig=${randomBytes(8).toString('hex')}`
  }

  async function blob(req, res, url) {
    const name = url.pathname.split('/')[4] ?? ''
    const entry = entries.get(Buffer.from(name, 'base64url').toString())
    if (!url.searchParams.get('sig') || !entry) {
      req.resume()
      return azureError(res, 404, 'BlobNotFound')
    }
    const comp = url.searchParams.get('comp')
    if (req.method === 'PUT') {
      if (entry.finalized) {
        req.resume()
        return azureError(res, 409, 'BlobImmutable')
      }
      const data = await readBody(req, Infinity)
      if (comp === 'block') entry.blocks.set(url.searchParams.get('blockid') ?? '', data)
      else if (comp === 'blocklist') {
        const ids = [...data.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1])
        if (ids.some((b) => !entry.blocks.has(b))) return azureError(res, 400, 'InvalidBlockList')
        entry.blob = Buffer.concat(ids.map((b) => entry.blocks.get(b)))
        entry.blocks.clear()
      } else entry.blob = data
      res.writeHead(201, { etag: `"0x${entry.seq}"`, 'last-modified': new Date().toUTCString(), 'x-ms-request-server-encrypted': 'true', 'content-length': 0 })
      return res.end()
    }
    req.resume()
    if (!entry.finalized || !entry.blob) return azureError(res, 404, 'BlobNotFound')
    const all = entry.blob
    const headers = {
      'x-ms-blob-type': 'BlockBlob',
      'accept-ranges': 'bytes',
      etag: `"0x${entry.seq}"`,
      'last-modified': new Date().toUTCString(),
      'content-type': 'application/octet-stream'
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...headers, 'content-length': all.length })
      return res.end()
    }
    if (req.method !== 'GET') return azureError(res, 405, 'UnsupportedHttpVerb')
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers['x-ms-range'] ?? req.headers.range ?? ''))
    if (range) {
      const start = Number(range[1])
      const end = Math.min(range[2] ? Number(range[2]) : all.length - 1, all.length - 1)
      if (start >= all.length || end < start) return azureError(res, 416, 'InvalidRange')
      const part = all.subarray(start, end + 1)
      res.writeHead(206, { ...headers, 'content-length': part.length, 'content-range': `bytes ${start}-${end}/${all.length}` })
      return res.end(part)
    }
    res.writeHead(200, { ...headers, 'content-length': all.length })
    return res.end(all)
  }

  /** Service calls for keys starting with `prefix` wait until the returned function is called. */
  function hold(prefix) {
    const waiting = new Set()
    holds.set(prefix, waiting)
    return () => {
      if (holds.get(prefix) === waiting) holds.delete(prefix)
      for (const go of waiting) go()
      waiting.clear()
    }
  }

  function close() {
    for (const waiting of holds.values()) for (const go of waiting) go()
    holds.clear()
    for (const s of sockets) s.destroy()
    return new Promise((resolve) => server.close(() => resolve()))
  }
}

function id(key, version) {
  return `${key}\0${version}`
}

function json(res, status, value) {
  const text = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function azureError(res, status, code) {
  const text = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const parts = []
    let size = 0
    req.on('data', (c) => {
      size += c.length
      if (size > limit) {
        reject(new Error('body too large'))
        req.destroy()
      } else parts.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(parts)))
    req.on('error', reject)
  })
}
