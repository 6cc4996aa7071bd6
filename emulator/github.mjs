// A sliver of the GitHub REST API: releases and their assets, for `upload-to-release`.
// API routes live under `<url>/github` (tests set GITHUB_API_URL to it); uploads go to the
// `upload_url` of a release, under `<url>/github-uploads` (GitHub uses uploads.github.com).
//
// Every `owner/repo` has, on first use, release 1001 tagged v1.0.0. State is kept in
// `ctx.releases`: Map<'owner/repo' (as spelled in the URL), Release[]>.
//
// A GitHub that stops answering is chosen by the token (as `read-only` and `bad-token` are):
// `hang` (no request is ever answered), `hang-lookup` (the release lookups by tag and the
// release list), `hang-upload` (the asset upload, once its body is read), `endless-lookup`
// (the lookup by tag answers 200 JSON that never ends). A GitHub that fails once: `502-lookup`
// (the first release lookup by tag or list answers 502), `502-upload` (the first asset upload,
// once its body is read, answers 502); every later request is answered as usual.

import { readBody, sendJson, streamEndless } from './http.mjs'

const DOCS = 'https://docs.github.com/rest/releases'
export const FIRST_ASSET_ID = 5001

/** A gateway's 502, as GitHub's front end sends it (HTML). */
function badGateway(res) {
  res.writeHead(502, { 'content-type': 'text/html' }).end('<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>')
}

/** True the first time `what` is asked for by a token that fails it once (`502-<what>`). */
function failsOnce(ctx, token, what) {
  if (token !== `502-${what}`) return false
  if (ctx.failedOnce.has(what)) return false
  ctx.failedOnce.add(what)
  return true
}

/** GitHub's 422 for an upload's asset name: `missing_field` or `already_exists`. */
function assetNameInvalid(res, code) {
  sendJson(res, 422, { message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code, field: 'name' }], documentation_url: DOCS })
}

function notFound(res) {
  sendJson(res, 404, { message: 'Not Found', documentation_url: DOCS })
}

/** Seed (on first use) and return the releases of `owner/repo`. */
export function releasesOf(ctx, owner, repo) {
  const key = `${owner}/${repo}`
  let list = ctx.releases.get(key)
  if (!list) {
    list = []
    ctx.releases.set(key, list)
    pushRelease(list, owner, repo, { id: 1001, tag: 'v1.0.0', name: 'v1.0.0', body: 'First release' })
  }
  return list
}

/** Test helper: add a release to 'owner/repo' (after its seeded v1.0.0). Returns the release state. */
export function addRelease(ctx, ownerRepo, options = {}) {
  const [owner, repo, extra] = String(ownerRepo).split('/')
  if (!owner || !repo || extra !== undefined) throw new TypeError(`addRelease: expected "owner/repo", got ${ownerRepo}`)
  if (typeof options.tag !== 'string' || options.tag === '') throw new TypeError('addRelease: options.tag is required')
  return pushRelease(releasesOf(ctx, owner, repo), owner, repo, options)
}

function pushRelease(list, owner, repo, { tag, name = tag, body = '', id, draft = false, prerelease = false }) {
  const now = new Date().toISOString()
  const release = {
    id: id ?? Math.max(1000, ...list.map((r) => r.id)) + 1,
    owner,
    repo,
    tag_name: tag,
    name,
    body,
    draft,
    prerelease,
    created_at: now,
    published_at: now,
    assets: []
  }
  list.push(release)
  return release
}

function assetJson(ctx, release, a) {
  const { owner, repo } = release
  return {
    url: `${ctx.url}/github/repos/${owner}/${repo}/releases/assets/${a.id}`,
    id: a.id,
    node_id: `RA_emu${a.id}`,
    name: a.name,
    label: a.label,
    uploader: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    content_type: a.content_type,
    state: 'uploaded',
    size: a.size,
    digest: `sha256:${a.sha256}`,
    download_count: 0,
    created_at: a.created_at,
    updated_at: a.updated_at,
    browser_download_url: `https://github.example/${owner}/${repo}/releases/download/${encodeURIComponent(release.tag_name)}/${encodeURIComponent(a.name)}`
  }
}

function releaseJson(ctx, r) {
  const base = `${ctx.url}/github/repos/${r.owner}/${r.repo}/releases/${r.id}`
  return {
    url: base,
    assets_url: `${base}/assets`,
    upload_url: `${ctx.url}/github-uploads/repos/${r.owner}/${r.repo}/releases/${r.id}/assets{?name,label}`,
    html_url: `https://github.example/${r.owner}/${r.repo}/releases/tag/${encodeURIComponent(r.tag_name)}`,
    id: r.id,
    node_id: `RE_emu${r.id}`,
    tag_name: r.tag_name,
    target_commitish: 'main',
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    created_at: r.created_at,
    published_at: r.published_at,
    author: { login: 'octocat', id: 1, type: 'User' },
    assets: r.assets.map((a) => assetJson(ctx, r, a))
  }
}

/** `token X` or `Bearer X`. Answers 401 and returns null when missing or bad. */
function checkToken(req, res) {
  const m = /^\s*(?:token|bearer)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  if (!m) return (sendJson(res, 401, { message: 'Requires authentication', documentation_url: DOCS }), null)
  if (m[1] === 'bad-token') return (sendJson(res, 401, { message: 'Bad credentials', documentation_url: DOCS }), null)
  return m[1]
}

function forbidWrite(token, res) {
  if (token !== 'read-only') return false
  sendJson(res, 403, { message: 'Resource not accessible by integration', documentation_url: DOCS })
  return true
}

const isId = (s) => typeof s === 'string' && /^\d+$/.test(s)

/** Never answered; close() destroys the socket. */
function hang(ctx, res) {
  ctx.hanging.add(res)
  res.on('close', () => ctx.hanging.delete(res))
}

/** 200 JSON that starts as the release and never ends (back-pressured; stops when the client leaves). */
async function endless(ctx, res, release) {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
  const json = JSON.stringify(releaseJson(ctx, release))
  ctx.streams.add(res)
  try {
    await streamEndless(res, Buffer.from(`${json.slice(0, -1)},"padding":"`), Buffer.alloc(256 * 1024, 'a'))
  } finally {
    ctx.streams.delete(res)
  }
}

/** Routes under /github and /github-uploads. Returns false when the path is not one of ours. */
export async function handleGithub(ctx, req, res, record, target) {
  const seg = target.segments
  if (seg[0] !== 'github' && seg[0] !== 'github-uploads') return false
  const uploading = seg[0] === 'github-uploads'
  // uploads: hash the bytes, keep none (a 200 MB video must not sit in memory)
  const body = await readBody(req, record, { keep: uploading ? 0 : 1024 * 1024 })
  const token = checkToken(req, res)
  if (token === null) return true
  if (token === 'hang') return (hang(ctx, res), true)

  // seg: [github, repos, owner, repo, releases, ...rest]
  if (seg[1] !== 'repos' || seg.length < 5 || seg[4] !== 'releases') return (notFound(res), true)
  const [, , owner, repo, , ...rest] = seg
  const list = releasesOf(ctx, owner, repo)
  const byId = (id) => list.find((r) => String(r.id) === id)
  const m = req.method

  if (uploading) {
    // POST /github-uploads/repos/{o}/{r}/releases/{id}/assets?name=&label=
    if (m !== 'POST' || rest.length !== 2 || !isId(rest[0]) || rest[1] !== 'assets') return (notFound(res), true)
    if (token === 'hang-upload') return (hang(ctx, res), true)
    if (failsOnce(ctx, token, 'upload')) return (badGateway(res), true)
    if (forbidWrite(token, res)) return true
    const release = byId(rest[0])
    if (!release) return (notFound(res), true)
    const name = target.query.get('name')
    if (!name) return (assetNameInvalid(res, 'missing_field'), true)
    if (release.assets.some((a) => a.name === name)) return (assetNameInvalid(res, 'already_exists'), true)
    const now = new Date().toISOString()
    const asset = {
      id: ctx.nextAssetId++,
      name,
      label: target.query.get('label') ?? '',
      content_type: req.headers['content-type'] ?? 'application/octet-stream',
      size: body.bytes,
      sha256: body.sha256,
      declaredLength: req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']),
      created_at: now,
      updated_at: now
    }
    release.assets.push(asset)
    sendJson(res, 201, assetJson(ctx, release, asset))
    return true
  }

  const lookup = m === 'GET' && (rest.length === 0 || (rest[0] === 'tags' && rest.length >= 2))
  if (lookup && token === 'hang-lookup') return (hang(ctx, res), true)
  if (lookup && failsOnce(ctx, token, 'lookup')) return (badGateway(res), true)
  if (m === 'GET' && rest.length === 0) {
    sendJson(
      res,
      200,
      list.map((r) => releaseJson(ctx, r))
    )
  } else if (m === 'GET' && rest.length === 1 && rest[0] === 'latest') {
    const latest = [...list].reverse().find((r) => !r.draft && !r.prerelease)
    if (latest) sendJson(res, 200, releaseJson(ctx, latest))
    else notFound(res)
  } else if (m === 'GET' && rest[0] === 'tags' && rest.length >= 2) {
    const tag = rest.slice(1).join('/')
    const release = list.find((r) => r.tag_name === tag && !r.draft)
    if (release && token === 'endless-lookup') await endless(ctx, res, release)
    else if (release) sendJson(res, 200, releaseJson(ctx, release))
    else notFound(res)
  } else if (rest[0] === 'assets' && rest.length === 2 && isId(rest[1])) {
    const release = list.find((r) => r.assets.some((a) => String(a.id) === rest[1]))
    const asset = release?.assets.find((a) => String(a.id) === rest[1])
    if (m === 'GET') {
      if (asset) sendJson(res, 200, assetJson(ctx, release, asset))
      else notFound(res)
    } else if (m === 'DELETE') {
      if (forbidWrite(token, res)) return true
      if (!asset) return (notFound(res), true)
      release.assets.splice(release.assets.indexOf(asset), 1)
      res.writeHead(204).end()
    } else notFound(res)
  } else if (m === 'PATCH' && rest.length === 1 && isId(rest[0])) {
    // Update a release. A read-only token gets 403 as for any write; the action sends the
    // release's own tag_name to learn, before the submit, that it may write.
    if (forbidWrite(token, res)) return true
    const release = byId(rest[0])
    if (!release) return (notFound(res), true)
    let patch
    try {
      patch = body.bytes === 0 ? {} : JSON.parse(body.buffer.toString('utf8'))
    } catch {
      return (sendJson(res, 400, { message: 'Problems parsing JSON', documentation_url: DOCS }), true)
    }
    if (patch === null || typeof patch !== 'object') return (sendJson(res, 422, { message: 'Invalid request.', documentation_url: DOCS }), true)
    for (const key of ['tag_name', 'name', 'body', 'draft', 'prerelease']) if (patch[key] !== undefined) release[key] = patch[key]
    release.updates = (release.updates ?? 0) + 1
    sendJson(res, 200, releaseJson(ctx, release))
  } else if (m === 'GET' && rest.length === 1 && isId(rest[0])) {
    const release = byId(rest[0])
    if (release) sendJson(res, 200, releaseJson(ctx, release))
    else notFound(res)
  } else if (m === 'GET' && rest.length === 2 && isId(rest[0]) && rest[1] === 'assets') {
    const release = byId(rest[0])
    if (!release) return (notFound(res), true)
    const perPage = clampInt(target.query.get('per_page'), 30, 1, 100)
    const page = clampInt(target.query.get('page'), 1, 1, 1e6)
    const all = release.assets.map((a) => assetJson(ctx, release, a))
    const slice = all.slice((page - 1) * perPage, page * perPage)
    const headers = {}
    if (page * perPage < all.length) {
      headers.link = `<${ctx.url}/github/repos/${owner}/${repo}/releases/${release.id}/assets?per_page=${perPage}&page=${page + 1}>; rel="next"`
    }
    sendJson(res, 200, slice, headers)
  } else {
    notFound(res)
  }
  return true
}

function clampInt(raw, dflt, min, max) {
  if (raw === null || !/^\d+$/.test(raw)) return dflt
  return Math.min(max, Math.max(min, Number(raw)))
}
