/**
 * Media given by URL, with `remote-media-as: asset`: PowerTokens' Seedance 2.0 guide asks
 * that every image, video and audio come from its Asset Library. Each distinct `http(s)://` link
 * is fetched once per step under the download's rules, checked like a workspace file of its role
 * (inspect.ts), and handed to the MediaUploader (uploader.ts), which uploads it once and puts `asset://<id>`
 * in its place. `asset://` and `data:` items are left alone.
 *
 * The rules of a fetch: https, or plain http to loopback only when the API itself is there (a local
 * test); never a private, link-local or cloud-metadata address (checked on the name, the IP literal
 * and every address DNS gives, redirects included); at most MAX_REDIRECTS redirects; the role's size
 * cap, before and while reading; `request-timeout` for a silent server, `timeout` and a cancel
 * through the step's signal. Every failure is one InputError naming the input and the link (its
 * query never shown: signed links carry credentials there).
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { ApiError, errorMessage, InputError } from '../errors.js'
import { formatBytes, lowerFirst } from '../format.js'
import { send } from '../http/transport.js'
import { MAX_REDIRECTS } from '../http/download.js'
import { classifyNetworkError, isRetryable } from '../http/powertokens-failures.js'
import { abortReason, gaveUpText, parseRetryAfter, retryLine, withRetries } from '../http/retry.js'
import { hostNameProblem, privateAddress, transportAllowed, unsafeHost } from '../http/url-policy.js'
import { cleanText } from '../redact.js'
import type { BuiltRequest } from './request-media.js'
import type { UrlMediaType, VideoRequest } from '../api/request-schema.js'
import type { OpenFile } from './files.js'
import { ROLE, type MediaRole } from './formats.js'
import { inspectMedia, type MediaInfo } from './inspect.js'
import { MEDIA_LIMITS, sizeRule } from './limits.js'
import type { CheckedMedia } from './uploader.js'
import type { Budget } from '../http/budget.js'

/** One media item given by URL: where it is in the body, the link, and the input it came from. */
export interface RemoteItem {
  index: number
  url: string
  type: UrlMediaType
  input: string
}

export interface RemoteOptions {
  /** Where fetched files are written (removed again once open). */
  runnerTemp: string
  userAgent: string
  /** `request-timeout`: the longest silence from the server. */
  timeoutMs: number
  maxRetries: number
  /** The step's budget: a cancel or the end of `timeout` stops a fetch, and no retry wait may end after it. */
  budget: Budget
  /** Loopback links only when the API itself runs there (a local test). */
  allowLoopback: boolean
  log: (line: string) => void
}

/** The `http(s)://` media items of a body, each with the input it came from. */
export function remoteItems(request: Pick<BuiltRequest, 'body' | 'sources'>): RemoteItem[] {
  return request.body.media.flatMap((m, index) =>
    m.type !== 'text' && /^https?:\/\//i.test(m.url) ? [{ index, url: m.url, type: m.type, input: request.sources[index]?.input ?? 'media' }] : []
  )
}

/** A link as the log and errors show it: no query, fragment or user info, and never very long. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url)
    const text = `${u.protocol}//${u.host}${u.pathname}`
    return text.length > 160 ? `${text.slice(0, 150)}...` : text
  } catch {
    return '(an invalid URL)'
  }
}

/**
 * The dry run: each remote item shown as the upload it would become, and one line per distinct
 * link; nothing is fetched. `said` is shared by a run's entries, so a link is named once.
 */
export function planRemote(
  body: VideoRequest,
  request: Pick<BuiltRequest, 'sources'>,
  said: Set<string>,
  assetBase: string,
  log: (line: string) => void
): void {
  for (const item of remoteItems({ body, sources: request.sources })) {
    const shown = shownUrl(item.url)
    if (!said.has(item.url)) {
      said.add(item.url)
      log(`Dry run: would upload ${shown} (\`${item.input}\`) to the Asset Library (${assetBase}) once fetched and checked; nothing was fetched.`)
    }
    const media = body.media[item.index]
    if (media && media.type !== 'text') media.url = `asset://<upload of ${shown}>`
  }
}

/** Fetches each distinct link once for a whole step and checks it for every role it is used in. */
export class RemoteMedia {
  private readonly files = new Map<string, Promise<OpenFile>>()
  private readonly checks = new Map<string, Promise<MediaInfo>>()

  constructor(private readonly o: RemoteOptions) {}

  /** The item fetched (once per link) and checked (once per link and role), ready for the MediaUploader. */
  async check(item: RemoteItem): Promise<CheckedMedia> {
    const role = ROLE[item.type]
    const shown = shownUrl(item.url)
    let file = this.files.get(item.url)
    if (!file) {
      file = this.fetch(item.url, role, item.input, shown)
      file.catch(() => undefined) // awaited below; a later item naming the link awaits it again
      this.files.set(item.url, file)
    }
    const opened = await file
    const key = `${role}\n${item.url}`
    let info = this.checks.get(key)
    if (!info) {
      info = inspectMedia(opened, role, item.input, shown)
      info.catch(() => undefined)
      this.checks.set(key, info)
      const checked = await info
      this.o.log(
        `Checked ${shown}: ${checked.mime}, ${formatBytes(checked.bytes)}${checked.width && checked.height ? `, ${checked.width}x${checked.height}` : ''}${checked.durationSec !== undefined ? `, ${checked.durationSec.toFixed(1)} s` : ''}.`
      )
    }
    return { index: item.index, path: shown, type: item.type, input: item.input, info: await info, file: opened, remote: true }
  }

  /** Closes every file fetched (their folders are gone already). */
  async close(): Promise<void> {
    const files = await Promise.allSettled(this.files.values())
    await Promise.all(files.map((f) => (f.status === 'fulfilled' ? f.value.handle.close().catch(() => undefined) : undefined)))
  }

  private async fetch(url: string, role: MediaRole, input: string, shown: string): Promise<OpenFile> {
    const { budget } = this.o
    const { signal } = budget
    const where = `Input \`${input}\`: ${shown}`
    let u: URL
    try {
      u = new URL(url)
    } catch {
      throw new InputError(`Input \`${input}\` has a media link that is not a valid URL (${cleanText(url, 60)}).`)
    }
    const badHost = hostNameProblem(u.hostname)
    if (badHost !== undefined) throw new InputError(`Input \`${input}\`: a media link has ${badHost}; it was not fetched.`)
    if (!transportAllowed(u)) throw new InputError(`${where} is not an https:// link (plain http:// is fetched only from localhost); it was not fetched.`)
    const refused = unsafeHost(u, this.o.allowLoopback) ?? privateAddress(u.hostname)
    if (refused !== undefined) throw new InputError(`${where} points to ${refused}; media are fetched only from public hosts, so it was not fetched.`)
    if (signal.aborted) throw abortReason(signal)

    const dir = await mkdtemp(join(this.o.runnerTemp, 'seedance-remote-'))
    const dest = join(dir, 'media')
    this.o.log(`Fetching ${shown} (\`${input}\`) to upload it to the Asset Library...`)
    try {
      await withRetries(() => this.once(u, dest, role, where), {
        maxRetries: this.o.maxRetries,
        budget,
        retryable: (err) => isRetryable('download', err),
        onRetry: (err, delay, n) => this.o.log(retryLine(`Fetching ${shown}: ${lowerFirst(errorMessage(err))}`, delay, n, this.o.maxRetries)),
        giveUp: (err, max) => new ApiError(`${errorMessage(err).replace(/\.$/, '')}; ${gaveUpText(max)}`, 'transient')
      })
      // Read through this handle from now on; the folder goes at once (on Windows the runner clears RUNNER_TEMP).
      const handle = await open(dest, 'r')
      return { path: dest, handle }
    } catch (err) {
      if (signal.aborted) throw abortReason(signal)
      if (err instanceof InputError) throw err
      throw new InputError(`${where} could not be fetched: ${lowerFirst(cleanText(errorMessage(err), 300)).replace(/\.?$/, '.')}`)
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined)
    }
  }

  /** One GET into `dest`, redirects followed by the transport under the same guard. */
  private async once(u: URL, dest: string, role: MediaRole, where: string): Promise<void> {
    const { timeoutMs } = this.o
    const { signal } = this.o.budget
    let res: Awaited<ReturnType<typeof send>>
    try {
      res = await send({
        method: 'GET',
        url: u,
        headers: { 'user-agent': this.o.userAgent, accept: '*/*', 'accept-encoding': 'identity' },
        idleTimeoutMs: timeoutMs,
        maxRedirects: MAX_REDIRECTS,
        guard: { allowLoopback: this.o.allowLoopback, allowPrivate: false },
        signal
      })
    } catch (err) {
      if (signal.aborted) throw abortReason(signal)
      throw classifyNetworkError('download', err, u, timeoutMs)
    }
    if (res.status !== 200) {
      res.body.destroy() // never read, never quoted: a server's page is not the user's business here, and it may never end
      const kind = res.status === 429 ? 'rate-limited' : res.status >= 500 || res.status === 408 ? 'transient' : 'protocol'
      throw new ApiError(`the server answered HTTP ${res.status}`, kind, res.status, parseRetryAfter(res.headers.get('retry-after')))
    }
    const length = res.headers.get('content-length')
    const declared = length !== null && /^\d+$/.test(length) ? Number(length) : undefined
    const announced = declared === undefined ? undefined : sizeRule(role, declared)
    if (announced !== undefined) {
      res.body.destroy()
      throw new InputError(`${where} ${announced.replace(/\.$/, '')} (as its server announced); it was not fetched.`)
    }
    const cap = new SizeCap(role, where)
    try {
      await pipeline(res.body, cap, createWriteStream(dest))
    } catch (err) {
      if (err instanceof InputError || signal.aborted) throw signal.aborted ? abortReason(signal) : err
      throw classifyNetworkError('download', err, u, timeoutMs)
    }
  }
}

/** Stops a body at the role's size cap, whatever the server announced. */
class SizeCap extends Transform {
  private bytes = 0
  constructor(
    private readonly role: MediaRole,
    private readonly where: string
  ) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length
    const rule = sizeRule(this.role, this.bytes)
    if (rule !== undefined) {
      const must = rule.slice(rule.indexOf(': ') + 2)
      done(new InputError(`${this.where} sent more than ${formatBytes(MEDIA_LIMITS[this.role].maxBytes)}, so the fetch was stopped: ${must}`))
      return
    }
    done(null, chunk)
  }
}
