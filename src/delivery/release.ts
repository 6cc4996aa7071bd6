/**
 * Attaching the video to a GitHub release: the release named by `release-tag`, else the
 * one whose `release` event started the run. An asset of the same name is replaced, so
 * re-runs work. The file is streamed, never read into memory.
 *
 * Every GitHub request is bounded like the API's (github-limits.ts), and tried again, like the
 * API's, after a transient failure (github-answers.ts): a 5xx, a connection that broke, a rate limit (its
 * `Retry-After` honoured), within `max-retries` and the step's `timeout`.
 *
 * `@actions/github` (octokit and its REST endpoint table) loads only when a release is looked up:
 * every other run starts without it, 20-35 ms less of each step's start on Node 24 (measured on
 * the whole step against curl, start included).
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { getOctokit } from '@actions/github'
import { ReleaseError } from '../errors.js'
import { alreadyExists, githubMessage, NO_PERMISSION_ADVICE, notAccessible, retryAfterOf, retrying, status, stopOf } from './github-answers.js'
import { transportAllowed } from '../http/url-policy.js'
import { MAX_LINK_LENGTH } from '../api/task.js'
import { bounded, type FetchLike, type GithubLimits } from './github-limits.js'

export { MAX_GITHUB_ANSWER_BYTES, type GithubLimits } from './github-limits.js'

export interface ReleaseUploadOptions extends GithubLimits {
  /** The `github-token` input. */
  token: string
  /** Absolute path of the file to attach. */
  file: string
  /** Asset name, e.g. `promo.mp4`. */
  name: string
  contentType: string
  /** The `release-tag` input; else the release from the event payload. */
  tag?: string
  /** The paid-for task: a failed upload names it and the saved file, and says how to collect it instead of paying again. */
  taskId?: string
  log: (line: string) => void
  /** Each GitHub request's own limit. */
  timeoutMs?: number
}

export { ReleaseError }

export interface ReleaseUploadResult {
  /** The asset's browser_download_url. */
  url: string
  releaseUrl?: string
  /** An asset of the same name was there and has been replaced. */
  replaced: boolean
}

type Octokit = ReturnType<typeof getOctokit>

interface Release {
  id: number
  upload_url: string
  html_url?: string
  tag_name?: string
}

interface Repo {
  owner: string
  repo: string
}

export { NO_PERMISSION_ADVICE } from './github-answers.js'

export const NO_RELEASE_MESSAGE =
  'There is no release to attach the video to: run this step on a `release: published` event, or set `release-tag` to the tag of an existing release.'

/** The release the video will go to, found before the video is paid for. */
export interface ReleaseTarget {
  where: Repo
  release: Release
}

/** An octokit whose every request (pages of a list included) goes through `bounded`. */
async function client(token: string, limits: GithubLimits): Promise<{ octokit: Octokit; where: Repo; payload: Record<string, unknown> }> {
  const github = await import('@actions/github')
  const where = repoOf(() => github.context.repo)
  const octokit = github.getOctokit(token)
  // The options are changed in place: hooks registered before this one (octokit's auth) were
  // bound to this very object, and would not see a copy.
  octokit.hook.wrap('request', (request, options) => {
    const base = (options.request?.fetch as FetchLike | undefined) ?? (globalThis.fetch as FetchLike)
    options.request = { ...options.request, fetch: bounded(base, limits) }
    return request(options)
  })
  return { octokit, where, payload: github.context.payload }
}

/**
 * Finds the release from `tag` or the triggering `release` event, and proves the token may
 * write to it; fails in one sentence if there is no release or no permission. Called before
 * the submit, so neither is found out after the video is paid for.
 */
export async function findRelease(options: Pick<ReleaseUploadOptions, 'token' | 'tag'> & GithubLimits): Promise<ReleaseTarget> {
  // An empty token was refused with the other inputs (inputs.ts), before anything was sent.
  const { octokit, where, payload } = await client(options.token, options)
  const tag = options.tag?.trim() || undefined
  const release = tag ? await releaseByTag(octokit, where, tag, options) : releaseFromEvent(payload)
  await checkWrite(octokit, where, release, options)
  return { where, release }
}

/**
 * GitHub has no way to ask what a token may do, so try a write that changes nothing: update
 * the release with its own tag name. A token without `contents: write` gets 403 "Resource not
 * accessible by integration" here, before the submit, instead of after the video is paid for.
 */
async function checkWrite(octokit: Octokit, where: Repo, release: Release, limits: GithubLimits): Promise<void> {
  await retrying(`checking that the github-token may write to release ${release.tag_name ?? release.id}`, limits, async () => {
    try {
      await octokit.rest.repos.updateRelease({ ...where, release_id: release.id, ...(release.tag_name ? { tag_name: release.tag_name } : {}) })
    } catch (err) {
      if (stopOf(err) === undefined && (status(err) === 403 || notAccessible(err)) && retryAfterOf(err) === undefined) {
        throw new ReleaseError(`${NO_PERMISSION_ADVICE} (HTTP ${status(err)}: ${githubMessage(err).replace(/\.$/, '')}).`, status(err))
      }
      throw err
    }
  })
}

/**
 * The asset name when `release-asset-name` is empty: the file name the user chose with
 * `output-path`, else (the file is named after the task, which differs on every run)
 * `<repo>-<tag>.mp4`, so a re-run replaces the asset instead of adding one.
 */
export function defaultAssetName(target: Pick<ReleaseTarget, 'where' | 'release'>, savedFile: string, taskFile: string): string {
  const file = savedFile.split(/[\\/]/).pop() ?? ''
  if (file !== '' && file !== taskFile) return file
  const tag = target.release.tag_name ?? String(target.release.id)
  return `${target.where.repo}-${tag}.mp4`.replace(/[^\w.-]+/g, '-')
}

/**
 * Attaches `options.file` to the release (`target`, else found as `findRelease` does). With
 * `taskId`, a failure names the saved file and the paid task, and how to collect it.
 */
export async function uploadToRelease(options: ReleaseUploadOptions, target?: ReleaseTarget): Promise<ReleaseUploadResult> {
  try {
    return await uploadTo(options, target ?? (await findRelease(options)))
  } catch (err) {
    if (!(err instanceof ReleaseError) || options.taskId === undefined) throw err
    const id = options.taskId
    throw new ReleaseError(
      `${err.message.replace(/\.$/, '')}. The video of task ${id} is paid for and saved at ${options.file}: once this is fixed, re-run with \`task-id: ${id}\` and \`output-path\` (instead of \`prompt\`) to collect it without paying again.`,
      err.status
    )
  }
}

async function uploadTo(options: ReleaseUploadOptions, target: ReleaseTarget): Promise<ReleaseUploadResult> {
  const { file, name, log } = options
  const { where, release } = target
  const { octokit } = await client(options.token, options)
  const size = (await stat(file)).size
  const label = release.tag_name ? `release ${release.tag_name}` : `release ${release.id}`
  log(`Uploading ${name} (${(size / 1e6).toFixed(1)} MB) to ${label} of ${where.owner}/${where.repo}.`)

  const replaced = await deleteAsset(octokit, where, release, name, options)
  let replacedDuring = false
  // Each try streams the file again from its start.
  const asset = await retrying(`uploading ${name}`, options, async () => {
    try {
      return await upload(octokit, release, options, size)
    } catch (err) {
      // Another job uploaded the same name between our listing and our upload, or an
      // earlier upload broke off and left a half-made asset: delete it and try once more.
      if (!alreadyExists(err) || replacedDuring) throw err
      replacedDuring = true
      log(`An asset named ${name} appeared during the upload; replacing it.`)
      await deleteAsset(octokit, where, release, name, options)
      return await upload(octokit, release, options, size)
    }
  })
  return { url: asset.browser_download_url, releaseUrl: release.html_url, replaced }
}

/** `{{ upload_url }}` without its `{?name,label}` template. */
export function uploadBase(uploadUrl: string): string {
  return uploadUrl.replace(/\{[^}]*\}\s*$/, '')
}

function repoOf(read: () => Repo): Repo {
  try {
    return read()
  } catch {
    throw new ReleaseError(
      'GITHUB_REPOSITORY is not set, so the repository of the release is unknown (the release upload works only inside a GitHub Actions run).'
    )
  }
}

function releaseFromEvent(payload: Record<string, unknown>): Release {
  const release = payload.release as Partial<Release> | undefined
  if (!release || typeof release.id !== 'number' || typeof release.upload_url !== 'string') throw new ReleaseError(NO_RELEASE_MESSAGE)
  return { id: release.id, upload_url: release.upload_url, html_url: release.html_url, tag_name: release.tag_name }
}

/** The release with this tag; drafts (which the tag lookup does not see) are searched too. */
async function releaseByTag(octokit: Octokit, where: Repo, tag: string, limits: GithubLimits): Promise<Release> {
  const published = await retrying(`reading release ${tag}`, limits, async () => {
    try {
      return (await octokit.rest.repos.getReleaseByTag({ ...where, tag })).data
    } catch (err) {
      if (stopOf(err) !== undefined || status(err) !== 404 || notAccessible(err)) throw err
      return undefined
    }
  })
  if (published) return published
  const draft = await retrying(`listing the releases of ${where.owner}/${where.repo}`, limits, async () => {
    for await (const { data } of octokit.paginate.iterator(octokit.rest.repos.listReleases, { ...where, per_page: 100 })) {
      const found = data.find((r) => r.tag_name === tag)
      if (found) return found
    }
    return undefined
  })
  if (draft) return draft
  throw new ReleaseError(`No release with tag "${tag}" was found in ${where.owner}/${where.repo}: create the release first, or fix \`release-tag\`.`, 404)
}

/** Deletes the asset called `name`, if there is one. */
async function deleteAsset(octokit: Octokit, where: Repo, release: Release, name: string, options: ReleaseUploadOptions): Promise<boolean> {
  const assets = await retrying('listing the release assets', options, () =>
    octokit.paginate(octokit.rest.repos.listReleaseAssets, { ...where, release_id: release.id, per_page: 100 })
  )
  const existing = assets.find((a) => a.name === name)
  if (!existing) return false
  // A retried delete whose first try went through meets a 404: the asset is gone, as wanted.
  await retrying(`replacing the existing asset ${name}`, options, async () => {
    try {
      await octokit.rest.repos.deleteReleaseAsset({ ...where, asset_id: existing.id })
    } catch (err) {
      if (stopOf(err) !== undefined || status(err) !== 404 || notAccessible(err)) throw err
    }
  })
  options.log(`Replacing the existing asset ${name}.`)
  return true
}

/**
 * POST to the release's upload URL with the file as a stream. Octokit's fetch (undici) sends
 * a stream body with `duplex: 'half'`, but by default it also clones the request to be able
 * to follow redirects, and that clone tees the body: every chunk would stay in memory until
 * the upload ends (nodejs/undici#4058). `redirect: 'error'` with `window: null` is the
 * fetch standard's path without the clone, so the file really streams.
 */
async function upload(octokit: Octokit, release: Release, options: ReleaseUploadOptions, size: number): Promise<{ browser_download_url: string }> {
  const file = createReadStream(options.file)
  async function* body(): AsyncGenerator<Buffer> {
    for await (const chunk of file as AsyncIterable<Buffer>) yield chunk
  }
  const baseFetch = (octokit.request.endpoint.DEFAULTS.request?.fetch as FetchLike | undefined) ?? (globalThis.fetch as FetchLike)
  const streamingFetch: FetchLike = (url, init) => baseFetch(url, { ...init, redirect: 'error', window: null })
  try {
    const { data } = await octokit.request({
      method: 'POST',
      url: `${uploadBase(release.upload_url)}{?name}`,
      name: options.name,
      headers: { 'content-type': options.contentType, 'content-length': size },
      data: body(),
      request: { fetch: streamingFetch }
    })
    const url = (data as { browser_download_url?: unknown }).browser_download_url
    // A link, as every link a server gives: it becomes an output and a link in the summary.
    if (typeof url !== 'string' || !isLink(url)) throw new ReleaseError(`GitHub accepted ${options.name} but did not say where it can be downloaded.`)
    return { browser_download_url: url }
  } finally {
    file.destroy()
  }
}

function isLink(url: string): boolean {
  try {
    return url.length <= MAX_LINK_LENGTH && /^[!-~]+$/.test(url) && transportAllowed(new URL(url))
  } catch {
    return false
  }
}
