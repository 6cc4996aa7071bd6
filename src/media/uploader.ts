/**
 * Workspace files named as media: checked locally (before anything is sent), then uploaded
 * to the Asset Library or, for images with `local-images-as: data-url`, inlined. Loaded
 * only by runs that name a local file, with the media libraries behind it.
 */
import { AssetLibrary, type AssetLibraryOptions } from './asset-library.js'
import { formatBytes } from '../format.js'
import type { LocalMedia } from './request-media.js'
import type { VideoRequest } from '../api/request-schema.js'
import { toDataUrl } from './data-url.js'
import { openLocalFile, type LocalRoots, type OpenFile } from './files.js'
import { ROLE } from './formats.js'
import { inspectMedia, type MediaInfo } from './inspect.js'
import { checkTotals } from './limits.js'

export type LocalImagesAs = 'asset' | 'data-url'

export interface CheckedMedia extends LocalMedia {
  info: MediaInfo
  /** Open since the check: uploads and inlining read this, never the path again. */
  file: OpenFile
  /** Fetched from a link (`remote-media-as: asset`): always uploaded, never inlined; `path` is the link as shown. */
  remote?: boolean
}

/**
 * Resolves, opens and inspects every local file; the first broken rule throws an InputError.
 * The files stay open for placeLocalMedia; `closeLocalMedia` closes them (also on failure).
 */
export async function checkLocalMedia(locals: LocalMedia[], roots: LocalRoots, log: (line: string) => void): Promise<CheckedMedia[]> {
  const checked: CheckedMedia[] = []
  const opened = new Map<string, OpenFile>()
  const seen = new Map<string, MediaInfo>()
  try {
    for (const local of locals) {
      const candidate = await openLocalFile(local.path, roots, local.input)
      let file = opened.get(candidate.path)
      if (file) await candidate.handle.close()
      else opened.set(candidate.path, (file = candidate))
      const role = ROLE[local.type]
      const key = `${role}:${file.path}`
      let info = seen.get(key)
      if (!info) {
        info = await inspectMedia(file, role, local.input, local.path)
        seen.set(key, info)
        log(`Checked ${local.path}: ${describe(info)}.`)
      }
      checked.push({ ...local, info, file })
    }
    checkTotals(checked.map((c) => c.info))
    return checked
  } catch (err) {
    await Promise.all([...opened.values()].map((f) => f.handle.close().catch(() => undefined)))
    throw err
  }
}

/** Closes the files checkLocalMedia opened. */
export async function closeLocalMedia(checked: readonly CheckedMedia[]): Promise<void> {
  const handles = new Set(checked.map((c) => c.file.handle))
  await Promise.all([...handles].map((h) => h.close().catch(() => undefined)))
}

export interface UploaderOptions {
  imagesAs: LocalImagesAs
  dryRun: boolean
  library: Omit<AssetLibraryOptions, 'log'>
  log: (line: string) => void
}

/**
 * Uploads each checked file (or inlines an image) and writes its reference into a request's
 * `body.media` (in place). One MediaUploader serves a whole run: each distinct file, by content, is uploaded once for all the entries
 * that name it. A dry run uploads nothing and shows what would be uploaded.
 */
export class MediaUploader {
  private readonly refs = new Map<string, Promise<string>>()
  private library?: AssetLibrary

  constructor(private readonly o: UploaderOptions) {}

  /** Returns, for the `assets` output, the path as written -> its `asset://` reference. */
  async uploadInto(body: VideoRequest, checked: readonly CheckedMedia[]): Promise<Record<string, string>> {
    const assets: Record<string, string> = {}
    const uploads: CheckedMedia[] = []
    for (const c of checked) {
      if (this.o.imagesAs === 'data-url' && c.info.role === 'image' && c.remote !== true)
        setUrl(body, c, await toDataUrl(c.file.handle, c.info.mime, c.input, undefined, c.path))
      else uploads.push(c)
    }
    if (uploads.length === 0) return assets
    const fresh = unique(uploads).filter((c) => !this.refs.has(c.info.sha256))
    if (this.o.dryRun) {
      for (const c of fresh) {
        this.o.log(`Dry run: would upload ${c.path} to the Asset Library (${this.o.library.baseUrl}).`)
        this.refs.set(c.info.sha256, Promise.resolve(''))
      }
      for (const c of uploads) setUrl(body, c, `asset://<upload of ${c.path}>`)
      return assets
    }
    if (fresh.length > 0) {
      this.library ??= new AssetLibrary({ ...this.o.library, log: this.o.log })
      const all = this.library.uploadAll(fresh.map((c) => ({ ...c.info, handle: c.file.handle })))
      for (const c of fresh) {
        const ref = all.then((refs) => refs.get(c.info.sha256) ?? Promise.reject(new Error(`No asset reference for ${c.path}`)))
        // Every file's promise is handled: when one fails, the run ends on the first awaited below and
        // the others' failures (the same upload batch) must not escape as unhandled rejections.
        ref.catch(() => undefined)
        this.refs.set(c.info.sha256, ref)
      }
    }
    for (const c of uploads) {
      const ref = await this.refs.get(c.info.sha256)!
      setUrl(body, c, ref)
      assets[c.path] = ref
    }
    return assets
  }
}

function setUrl(body: VideoRequest, c: CheckedMedia, url: string): void {
  const item = body.media[c.index]
  if (item && item.type !== 'text') item.url = url
}

function unique(items: readonly CheckedMedia[]): CheckedMedia[] {
  const seen = new Set<string>()
  return items.filter((c) => !seen.has(c.info.sha256) && seen.add(c.info.sha256))
}

function describe(info: MediaInfo): string {
  const parts = [info.mime, formatBytes(info.bytes)]
  if (info.width && info.height) parts.push(`${info.width}x${info.height}`)
  if (info.durationSec !== undefined) parts.push(`${info.durationSec.toFixed(1)} s`)
  if (info.fps !== undefined) parts.push(`${info.fps.toFixed(0)} fps`)
  return parts.join(', ')
}
