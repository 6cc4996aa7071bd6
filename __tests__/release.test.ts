import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { until } from './helpers/until.js'
import type { ReleaseUploadOptions } from '../src/delivery/release.js'
import { Budget } from '../src/http/budget.js'

// @actions/github reads GITHUB_API_URL and the event when it is loaded (as in a real run, where
// the runner sets them before the process starts): release.ts is loaded in beforeAll, once the
// stand-in GitHub's address is known, and it loads @actions/github on its first release lookup.
type ReleaseModule = typeof import('../src/delivery/release.js')
let defaultAssetName: ReleaseModule['defaultAssetName']
let findRelease: ReleaseModule['findRelease']
let NO_RELEASE_MESSAGE: ReleaseModule['NO_RELEASE_MESSAGE']
let uploadBase: ReleaseModule['uploadBase']
let uploadToRelease: ReleaseModule['uploadToRelease']

// ---------------------------------------------------------------- a fake GitHub API

interface Asset {
  id: number
  name: string
  browser_download_url: string
}
interface FakeRelease {
  id: number
  tag_name: string
  draft: boolean
  assets: Asset[]
}
interface Upload {
  path: string
  headers: IncomingHttpHeaders
  sha: string
  bytes: number
}

const OWNER = 'octo'
const REPO = 'demo'
const TOKEN = 'ghs_test_token'
const ASSET_PAGE = 2 // the fake lists assets two per page, so pagination is exercised

let origin = ''
let releases: FakeRelease[] = []
let uploads: Upload[] = []
let deleted: number[] = []
let requests: { method: string; url: string; auth?: string }[] = []
/** A transient failure GitHub answers once: a status (with headers), or a connection dropped unanswered. */
type Flake = { status: number; headers?: Record<string, string> } | 'reset'
let mode: {
  denyWrites?: boolean
  raceOnce?: boolean
  failUpload?: number
  hangLookup?: boolean
  hangUpload?: boolean
  endlessLookup?: boolean
  /** Answered, one each, to the next lookups by tag; then the lookup works. */
  lookupFlakes?: Flake[]
  /** Answered, one each, to the next uploads (after their body is read); then the upload works. */
  uploadFlakes?: Flake[]
  /** The next deletes delete the asset, then answer this way (as a gateway that lost the answer would). */
  deleteFlakes?: Flake[]
} = {}

/** Answers the next flake of `list`, if any; true when it did. */
function flake(list: Flake[] | undefined, res: ServerResponse): boolean {
  const f = list?.shift()
  if (f === undefined) return false
  if (f === 'reset') res.socket?.destroy()
  else json(res, f.status, { message: 'Server Error' }, f.headers)
  return true
}
/** Requests left unanswered on purpose, and whether each was closed by the client. */
let hung: { res: ServerResponse; closed: boolean }[] = []

function hang(res: ServerResponse): void {
  const entry = { res, closed: false }
  res.on('close', () => (entry.closed = true))
  hung.push(entry)
}
let nextId = 100

function releaseJson(r: FakeRelease): Record<string, unknown> {
  return {
    id: r.id,
    tag_name: r.tag_name,
    draft: r.draft,
    html_url: `https://github.com/${OWNER}/${REPO}/releases/tag/${r.tag_name}`,
    upload_url: `${origin}/uploads/repos/${OWNER}/${REPO}/releases/${r.id}/assets{?name,label}`
  }
}

function asset(r: FakeRelease, name: string): Asset {
  return { id: nextId++, name, browser_download_url: `https://github.com/${OWNER}/${REPO}/releases/download/${r.tag_name}/${name}` }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

const NOT_ACCESSIBLE = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest/releases/assets#upload-a-release-asset',
  status: '403'
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', origin)
  const method = req.method ?? 'GET'
  requests.push({ method, url: `${url.pathname}${url.search}`, auth: req.headers.authorization })
  const base = `/repos/${OWNER}/${REPO}`
  let m: RegExpExecArray | null
  if (method === 'GET' && (m = new RegExp(`^${base}/releases/tags/(.+)$`).exec(url.pathname))) {
    if (mode.hangLookup) return hang(res)
    if (flake(mode.lookupFlakes, res)) return
    if (mode.endlessLookup) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      const chunk = Buffer.alloc(256 * 1024, 'a')
      res.write('{"id":9,"padding":"')
      while (!res.destroyed) if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve))
      return
    }
    const r = releases.find((x) => x.tag_name === decodeURIComponent(m![1]!) && !x.draft)
    return r ? json(res, 200, releaseJson(r)) : json(res, 404, { message: 'Not Found', status: '404' })
  }
  if (method === 'GET' && url.pathname === `${base}/releases`) return json(res, 200, releases.map(releaseJson))
  if (method === 'PATCH' && (m = new RegExp(`^${base}/releases/(\\d+)$`).exec(url.pathname))) {
    if (mode.denyWrites) return json(res, 403, NOT_ACCESSIBLE)
    const r = releases.find((x) => x.id === Number(m![1]))
    return r ? json(res, 200, releaseJson(r)) : json(res, 404, { message: 'Not Found' })
  }
  if (method === 'GET' && (m = new RegExp(`^${base}/releases/(\\d+)/assets$`).exec(url.pathname))) {
    const r = releases.find((x) => x.id === Number(m![1]))
    if (!r) return json(res, 404, { message: 'Not Found' })
    const page = Number(url.searchParams.get('page') ?? '1')
    const slice = r.assets.slice((page - 1) * ASSET_PAGE, page * ASSET_PAGE)
    const more = page * ASSET_PAGE < r.assets.length
    const link = more ? { link: `<${origin}${url.pathname}?per_page=100&page=${page + 1}>; rel="next"` } : undefined
    return json(res, 200, slice, link)
  }
  if (method === 'DELETE' && (m = new RegExp(`^${base}/releases/assets/(\\d+)$`).exec(url.pathname))) {
    if (mode.denyWrites) return json(res, 403, NOT_ACCESSIBLE)
    const id = Number(m[1])
    for (const r of releases) r.assets = r.assets.filter((a) => a.id !== id)
    deleted.push(id)
    if (flake(mode.deleteFlakes, res)) return
    res.writeHead(204)
    return void res.end()
  }
  if (method === 'POST' && (m = new RegExp(`^/uploads${base}/releases/(\\d+)/assets$`).exec(url.pathname))) {
    const hash = createHash('sha256')
    let bytes = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      hash.update(chunk)
      bytes += chunk.length
    }
    uploads.push({ path: `${url.pathname}${url.search}`, headers: req.headers, sha: hash.digest('hex'), bytes })
    if (mode.hangUpload) return hang(res)
    if (mode.denyWrites) return json(res, 403, NOT_ACCESSIBLE)
    if (mode.failUpload) return json(res, mode.failUpload, { message: 'Server Error' })
    if (flake(mode.uploadFlakes, res)) return
    const r = releases.find((x) => x.id === Number(m![1]))!
    const name = url.searchParams.get('name') ?? ''
    if (mode.raceOnce) {
      mode.raceOnce = false
      r.assets.push(asset(r, name))
    }
    if (r.assets.some((a) => a.name === name)) {
      return json(res, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }],
        documentation_url: 'https://docs.github.com/rest/releases/assets#upload-a-release-asset',
        status: '422'
      })
    }
    const a = asset(r, name)
    r.assets.push(a)
    return json(res, 201, { ...a, state: 'uploaded', size: bytes, content_type: req.headers['content-type'] })
  }
  json(res, 404, { message: `Not Found: ${method} ${url.pathname}` })
}

// ---------------------------------------------------------------- setup

let server: http.Server
let dir: string
let file: string
let fileSha: string
let fileSize: number
const saved = { ...process.env }

beforeAll(async () => {
  server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, { message: String(err) }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  dir = mkdtempSync(join(tmpdir(), 'release-test-'))
  const content = randomBytes(3 * 1024 * 1024 + 5)
  file = join(dir, 'promo.mp4')
  writeFileSync(file, content)
  fileSha = createHash('sha256').update(content).digest('hex')
  fileSize = content.length
  const event = join(dir, 'event.json')
  writeFileSync(
    event,
    JSON.stringify({
      action: 'published',
      release: releaseJson({ id: 7, tag_name: 'v2.0', draft: false, assets: [] }),
      repository: { name: REPO, owner: { login: OWNER } }
    })
  )
  // @actions/github reads these when it is first loaded: before release.ts is.
  Object.assign(process.env, {
    GITHUB_API_URL: origin,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_EVENT_PATH: event,
    GITHUB_EVENT_NAME: 'release'
  })
  ;({ defaultAssetName, findRelease, NO_RELEASE_MESSAGE, uploadBase, uploadToRelease } = await import('../src/delivery/release.js'))
})

afterAll(async () => {
  process.env = saved
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  rmSync(dir, { recursive: true, force: true })
})

beforeEach(() => {
  releases = [
    { id: 7, tag_name: 'v2.0', draft: false, assets: [] },
    { id: 9, tag_name: 'v1.0', draft: false, assets: [] },
    { id: 11, tag_name: 'v3.0', draft: true, assets: [] }
  ]
  uploads = []
  deleted = []
  requests = []
  mode = {}
  for (const h of hung) h.res.destroy()
  hung = []
})

function opts(over: Partial<ReleaseUploadOptions> = {}): ReleaseUploadOptions & { lines: string[] } {
  const lines: string[] = []
  return { token: TOKEN, file, name: 'promo.mp4', contentType: 'video/mp4', log: (l) => lines.push(l), lines, ...over }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected the upload to fail')
}

// ---------------------------------------------------------------- tests

describe('uploadBase', () => {
  it('strips the URL template', () => {
    expect(uploadBase('https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}')).toBe('https://uploads.github.com/repos/o/r/releases/1/assets')
    expect(uploadBase('https://uploads.github.com/repos/o/r/releases/1/assets')).toBe('https://uploads.github.com/repos/o/r/releases/1/assets')
  })
})

describe('uploadToRelease', () => {
  it('uploads to the release named by tag, streaming the whole file with its length', async () => {
    const o = opts({ tag: 'v1.0' })
    const result = await uploadToRelease(o)
    expect(result).toEqual({
      url: `https://github.com/${OWNER}/${REPO}/releases/download/v1.0/promo.mp4`,
      releaseUrl: `https://github.com/${OWNER}/${REPO}/releases/tag/v1.0`,
      replaced: false
    })
    expect(uploads).toHaveLength(1)
    const up = uploads[0]!
    expect(up.path).toBe(`/uploads/repos/${OWNER}/${REPO}/releases/9/assets?name=promo.mp4`)
    expect(up.sha).toBe(fileSha)
    expect(up.bytes).toBe(fileSize)
    expect(up.headers['content-length']).toBe(String(fileSize))
    expect(up.headers['transfer-encoding']).toBeUndefined()
    expect(up.headers['content-type']).toBe('video/mp4')
    expect(requests.every((r) => r.auth === `token ${TOKEN}`)).toBe(true)
    expect(requests[0]).toMatchObject({ method: 'GET', url: `/repos/${OWNER}/${REPO}/releases/tags/v1.0` })
    expect(o.lines[0]).toBe(`Uploading promo.mp4 (3.1 MB) to release v1.0 of ${OWNER}/${REPO}.`)
  })

  it('uploads to the release from the event payload when no tag is given', async () => {
    const result = await uploadToRelease(opts())
    expect(result.url).toBe(`https://github.com/${OWNER}/${REPO}/releases/download/v2.0/promo.mp4`)
    expect(uploads[0]?.path).toBe(`/uploads/repos/${OWNER}/${REPO}/releases/7/assets?name=promo.mp4`)
    expect(uploads[0]?.sha).toBe(fileSha)
    expect(requests.some((r) => r.url.includes('/releases/tags/'))).toBe(false)
  })

  it('finds a draft release by its tag', async () => {
    const result = await uploadToRelease(opts({ tag: 'v3.0' }))
    expect(result.url).toContain('/download/v3.0/promo.mp4')
    expect(uploads[0]?.path).toContain('/releases/11/assets')
  })

  it('replaces an asset of the same name, found on a later page', async () => {
    const r = releases[1]!
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'promo.mp4', 'd.txt']) r.assets.push(asset(r, name))
    const old = r.assets[3]!.id
    const o = opts({ tag: 'v1.0' })
    const result = await uploadToRelease(o)
    expect(result.replaced).toBe(true)
    expect(deleted).toEqual([old])
    expect(r.assets.map((a) => a.name).sort()).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt', 'promo.mp4'])
    expect(o.lines).toContain('Replacing the existing asset promo.mp4.')
    expect(requests.filter((q) => q.url.includes('/assets?') && q.method === 'GET').length).toBeGreaterThanOrEqual(2)
  })

  it('deletes and retries once when the upload races with another asset of the same name', async () => {
    mode.raceOnce = true
    const result = await uploadToRelease(opts({ tag: 'v1.0' }))
    expect(result.url).toContain('/download/v1.0/promo.mp4')
    expect(uploads).toHaveLength(2)
    expect(deleted).toHaveLength(1)
    expect(uploads[1]?.sha).toBe(fileSha)
  })

  it('explains a token that cannot write to releases', async () => {
    mode.denyWrites = true
    const err = await failure(findRelease({ token: TOKEN, tag: 'v1.0' }))
    expect(uploads).toHaveLength(0)
    expect(err.message).toBe(
      'The github-token cannot write to releases: add "permissions: contents: write" to the job (HTTP 403: Resource not accessible by integration).'
    )
  })

  it('a failed upload of a paid-for task says how to collect it instead of paying again', async () => {
    mode.failUpload = 502
    const err = await failure(uploadToRelease({ ...opts({ tag: 'v1.0' }), taskId: 'cgt-20261125-abc', maxRetries: 0 }))
    expect(err.message).toBe(
      `GitHub answered HTTP 502 while uploading promo.mp4: Server Error. The video of task cgt-20261125-abc is paid for and saved at ${file}: ` +
        'once this is fixed, re-run with `task-id: cgt-20261125-abc` and `output-path` (instead of `prompt`) to collect it without paying again.'
    )
  })

  it('names the asset after the chosen file, else after the repository and tag', () => {
    const target = { where: { owner: OWNER, repo: REPO }, release: { id: 1, upload_url: '', tag_name: 'v2.0/rc 1' } }
    expect(defaultAssetName(target, '/ws/out/teaser.mp4', 'cgt-1.mp4')).toBe('teaser.mp4')
    expect(defaultAssetName(target, '/ws/promo/cgt-1.mp4', 'cgt-1.mp4')).toBe('demo-v2.0-rc-1.mp4')
  })

  it("reports other failures with the status and GitHub's message", async () => {
    mode.failUpload = 502
    const err = await failure(uploadToRelease(opts({ tag: 'v1.0', maxRetries: 0 })))
    expect(err.message).toBe('GitHub answered HTTP 502 while uploading promo.mp4: Server Error.')
  })

  it('says when no release has the tag', async () => {
    const err = await failure(uploadToRelease(opts({ tag: 'v9.9' })))
    expect(err.message).toBe(`No release with tag "v9.9" was found in ${OWNER}/${REPO}: create the release first, or fix \`release-tag\`.`)
    expect(uploads).toHaveLength(0)
  })

  it('says when there is neither a tag nor a release event', async () => {
    const github = await import('@actions/github')
    const payload = github.context.payload
    github.context.payload = { action: 'opened', repository: payload.repository }
    try {
      const err = await failure(uploadToRelease(opts()))
      expect(err.message).toBe(NO_RELEASE_MESSAGE)
      expect(err.message).toContain('`release: published`')
      expect(err.message).toContain('`release-tag`')
    } finally {
      github.context.payload = payload
    }
    expect(requests).toHaveLength(0)
  })
})

describe('transient GitHub failures are tried again', () => {
  it('an upload that meets a 502 streams the whole file again and succeeds', async () => {
    mode.uploadFlakes = [{ status: 502 }]
    const o = opts({ tag: 'v1.0' })
    const result = await uploadToRelease(o)
    expect(result.url).toContain('/download/v1.0/promo.mp4')
    expect(uploads.map((u) => [u.sha, u.bytes])).toEqual([
      [fileSha, fileSize],
      [fileSha, fileSize]
    ])
    expect(o.lines).toContainEqual(
      expect.stringMatching(/^GitHub answered HTTP 502 while uploading promo\.mp4: Server Error\. Retrying in \d+\.\d s \(1\/4\)\.$/)
    )
  })

  it('a lookup whose connection drops, then is rate limited with Retry-After, succeeds on the third try', async () => {
    mode.lookupFlakes = ['reset', { status: 429, headers: { 'retry-after': '0' } }]
    const lines: string[] = []
    const target = await findRelease({ token: TOKEN, tag: 'v1.0', log: (l) => lines.push(l) })
    expect(target.release.id).toBe(9)
    expect(requests.filter((q) => q.url.endsWith('/releases/tags/v1.0'))).toHaveLength(3)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^Could not reach the GitHub API while reading release v1\.0 \(.*\)\. Retrying in/)
    expect(lines[1]).toBe('GitHub answered HTTP 429 while reading release v1.0: Server Error. Retrying in 0.0 s (2/4).')
  })

  it("GitHub's secondary rate limit (403 with Retry-After) is waited out, not taken for a missing permission", async () => {
    mode.lookupFlakes = [{ status: 403, headers: { 'retry-after': '0' } }]
    const target = await findRelease({ token: TOKEN, tag: 'v1.0' })
    expect(target.release.id).toBe(9)
  })

  it('a delete that went through but lost its answer is tried again, and its 404 counts as done', async () => {
    const r = releases[1]!
    r.assets.push(asset(r, 'promo.mp4'))
    mode.deleteFlakes = [{ status: 502, headers: { 'retry-after': '0' } }]
    const result = await uploadToRelease(opts({ tag: 'v1.0' }))
    expect(result.replaced).toBe(true)
    expect(deleted).toHaveLength(2)
    expect(r.assets.map((a) => a.name)).toEqual(['promo.mp4'])
  })

  it('an upload that keeps failing gives up after `max-retries` and names the saved video and the paid task', async () => {
    mode.uploadFlakes = [502, 503].map((status) => ({ status, headers: { 'retry-after': '0' } }))
    const err = await failure(uploadToRelease({ ...opts({ tag: 'v1.0' }), taskId: 'cgt-20261125-abc', maxRetries: 1 }))
    expect(err.message).toBe(
      'GitHub answered HTTP 503 while uploading promo.mp4: Server Error; gave up after 1 retry (`max-retries`). ' +
        `The video of task cgt-20261125-abc is paid for and saved at ${file}: ` +
        'once this is fixed, re-run with `task-id: cgt-20261125-abc` and `output-path` (instead of `prompt`) to collect it without paying again.'
    )
    expect(uploads).toHaveLength(2)
  })

  it("a wait GitHub asks for that the step's timeout cannot hold fails at once, naming the paid task", async () => {
    mode.uploadFlakes = [{ status: 503, headers: { 'retry-after': '3600' } }]
    const started = Date.now()
    const err = await failure(
      uploadToRelease({ ...opts({ tag: 'v1.0' }), taskId: 'cgt-20261125-abc', budget: Budget.of(new AbortController().signal, 60_000) })
    )
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(err.message).toMatch(
      /^GitHub answered HTTP 503 while uploading promo\.mp4: Server Error; the server asked to wait 1 h, longer than `timeout` leaves \(.+\)\. The video of task cgt-20261125-abc is paid for/
    )
    expect(uploads).toHaveLength(1)
  })

  it('a 404 or a missing permission is not tried again', async () => {
    await failure(uploadToRelease(opts({ tag: 'v9.9' })))
    expect(requests.filter((q) => q.url.endsWith('/releases/tags/v9.9'))).toHaveLength(1)
    mode.denyWrites = true
    await failure(findRelease({ token: TOKEN, tag: 'v1.0' }))
    expect(requests.filter((q) => q.method === 'PATCH')).toHaveLength(1)
  })
})

describe('a GitHub that stops answering', () => {
  it('a lookup by tag that never answers ends after the request timeout, and the request is closed', async () => {
    mode.hangLookup = true
    const err = await failure(findRelease({ token: TOKEN, tag: 'v1.0', timeoutMs: 300 }))
    expect(err.message).toBe('GitHub did not answer within 0.3 s (`request-timeout`) while reading release v1.0.')
    expect(hung).toHaveLength(1)
    await until('the hung request to be closed', () => hung[0]!.closed)
  })

  it("a lookup that never answers ends when the step's timeout runs out", async () => {
    mode.hangLookup = true
    const err = await failure(findRelease({ token: TOKEN, tag: 'v1.0', timeoutMs: 60_000, budget: Budget.of(new AbortController().signal, 300) }))
    expect(err.message).toBe("GitHub had not answered while reading release v1.0 when the step's `timeout` ran out.")
    await until('the hung request to be closed', () => hung[0]?.closed === true)
  })

  it('a cancel ends a hanging lookup at once, with the cancel as the reason', async () => {
    mode.hangLookup = true
    const stop = new AbortController()
    const why = new Error('Cancelled')
    const pending = failure(findRelease({ token: TOKEN, tag: 'v1.0', budget: new Budget(stop.signal) }))
    await until('the lookup to reach GitHub', () => hung.length === 1)
    stop.abort(why)
    expect(await pending).toBe(why)
    await until('the hung request to be closed', () => hung[0]!.closed)
  })

  it('an answer that never ends is stopped at the size cap', async () => {
    mode.endlessLookup = true
    const err = await failure(findRelease({ token: TOKEN, tag: 'v1.0' }))
    expect(err.message).toBe("GitHub's answer while reading release v1.0 was larger than 16 MB, far more than any release answer; it was stopped.")
  })

  it('an upload that is never answered names the saved video and the paid task', async () => {
    mode.hangUpload = true
    const err = await failure(uploadToRelease({ ...opts({ tag: 'v1.0' }), taskId: 'cgt-20261125-abc', timeoutMs: 500 }))
    expect(err.message).toBe(
      `GitHub did not answer within 0.5 s (\`request-timeout\`) while uploading promo.mp4. The video of task cgt-20261125-abc is paid for and saved at ${file}: ` +
        'once this is fixed, re-run with `task-id: cgt-20261125-abc` and `output-path` (instead of `prompt`) to collect it without paying again.'
    )
    expect(uploads[0]?.sha).toBe(fileSha) // the whole file went out; only the answer was missing
    await until('the hung request to be closed', () => hung[0]!.closed)
  })
})
