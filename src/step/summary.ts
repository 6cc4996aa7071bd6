/** The step summary (Markdown), rendered from what the run did. Pure. */
import { displayPath, formatDuration } from '../format.js'
import type { EntryState } from '../video/entry.js'
import { formatTokens, tokensText } from '../video/estimate.js'
import { shortenDataUrl } from '../redact.js'
import { displayUrl, transportAllowed } from '../http/url-policy.js'
import { LOCAL_PLACEHOLDER, type LocalMedia } from '../media/request-media.js'
import type { VideoRequest } from '../api/request-schema.js'
import { SUMMARY_ROWS } from '../video/input-table.js'

/**
 * The single step's report: the step's own facts, and the entry's state under the state's own
 * names (paths absolute, as in every `EntryState`; the summary shows them relative to `workspace`).
 */
export interface Report extends Partial<Omit<EntryState, 'name' | 'request'>> {
  dryRun?: boolean
  baseUrl?: string
  request?: VideoRequest
  /** The request's workspace files: shown by path where the body holds no reference yet. */
  locals?: readonly LocalMedia[]
  /** Where paths are shown relative to. */
  workspace?: string
  /** Why the step failed, one sentence (cleaned). */
  error?: string
  /** `estimatedTokens` is a minimum: a reference video's length was unknown. */
  estimateAtLeast?: boolean
  next?: string[]
}

/**
 * Text in the summary, from the step or from outside (a server's message, a name, a path): shown
 * as the text it is, never as Markdown or HTML. HTML is escaped, and so is every Markdown mark
 * that could make a link, an image, emphasis or a table cell (`[`, `]`, `!`, `*`, `_`, `~`, `|`,
 * `\`); a bare URL, `www.` name or e-mail address is kept from becoming a link on its own
 * (GitHub links those unasked). Backticks are kept: a code span shows its text as it is.
 */
export function cell(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\[\]!*_~|]/g, (c) => `\\${c}`)
    .replace(/\\\]\(/g, '\\]\\(')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@')
    .replace(/\r?\n/g, '<br>')
}

/** Text inside HTML (a `<summary>`, an attribute): HTML escaped; Markdown is not read there. */
export function html(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ')
}

/** Text as a code span (a task id, a path, a link as the log shows it): shown as it is, never a link. */
export function code(value: unknown): string {
  const text = String(value).replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\s+/g, ' ')
  return `\`${text}\``
}

/** Only https:// (and loopback http://) URLs become links or images; anything else is shown as text. */
export function isLinkable(url: string): boolean {
  try {
    return transportAllowed(new URL(url))
  } catch {
    return false
  }
}

/** A link's target as the summary uses it: never with user info (a name or password in the link). */
function target(url: string): string {
  const u = new URL(url)
  u.username = ''
  u.password = ''
  return u.href
}

/** A URL for an HTML attribute (`<img src>`), without user info. */
export function attr(url: string): string {
  return html(target(url))
}

/** `[text](url)` for a linkable URL (parentheses and spaces escaped), else the text and the URL as the log shows it. */
export function link(text: string, url: string): string {
  if (!isLinkable(url)) return `${cell(text)} ${code(shownLink(url))}`
  return `[${cell(text)}](${target(url).replace(/[()\s]/g, (c) => encodeURIComponent(c))})`
}

/**
 * A link as the log shows it: an http(s) link without user info, query or fragment (signed links
 * carry their credentials there), a `data:` URL shortened, anything else cut to 200 characters.
 */
export function shownLink(url: string): string {
  if (url.startsWith('data:')) return shortenDataUrl(url)
  if (/^https?:/i.test(url)) return displayUrl(url)
  return url.slice(0, 200)
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text
}

export const ICON: Readonly<Record<string, string>> = {
  succeeded: '✅',
  failed: '❌',
  cancelled: '🚫',
  expired: '⌛',
  queued: '⏳',
  running: '🎬',
  unknown: '❔'
}

export function renderSummary(r: Report): string {
  const out: string[] = []
  const title = r.dryRun
    ? 'Seedance video: dry run'
    : r.status === undefined
      ? // No task exists (refused input, or a submit that created nothing): nothing "failed" on the server.
        `Seedance video: ${r.taskId ? `task ${r.taskId}` : 'not submitted'}`
      : `Seedance video: ${[ICON[r.status], r.status].filter(Boolean).join(' ')}`
  out.push(`## ${title}`, '')
  if (r.error) out.push(`> **Error:** ${cell(r.error)}`, '')

  const rows: Array<[string, string]> = []
  if (r.taskId) rows.push(['Task', code(r.taskId)])
  if (r.cacheHit) rows.push(['Source', "GitHub's cache: nothing was sent to PowerTokens; the video link below is the cached task's and may have expired"])
  if (r.status) rows.push(['Status', `${cell(r.status)}${r.progress !== undefined && r.status === 'running' ? ` (${r.progress}%)` : ''}`])
  if (r.timings?.queued !== undefined) rows.push(['Queued', formatDuration(r.timings.queued)])
  if (r.timings?.running !== undefined) rows.push(['Running', formatDuration(r.timings.running)])
  if (r.timings?.total !== undefined) rows.push(['Total', formatDuration(r.timings.total)])
  if (r.estimatedTokens !== undefined) rows.push(['Estimated tokens', tokensText({ tokens: r.estimatedTokens, atLeast: r.estimateAtLeast === true })])
  if (r.tokens !== undefined) rows.push(['Tokens used', `${formatTokens(r.tokens)} (as PowerTokens reported them)`])
  if (r.videoUrl) rows.push(['Video', `${link('download', r.videoUrl)} (the link is valid for about 24 hours)`])
  if (r.videoPath) rows.push(['Saved to', code(shown(r.videoPath, r.workspace))])
  if (r.lastFramePath) rows.push(['Last frame saved to', code(shown(r.lastFramePath, r.workspace))])
  if (r.releaseAssetUrl) rows.push(['Release asset', link(r.releaseAssetUrl.split('/').pop() ?? 'video', r.releaseAssetUrl)])
  if (rows.length > 0) out.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '')

  if (r.lastFrameUrl && isLinkable(r.lastFrameUrl)) out.push(`<img src="${attr(r.lastFrameUrl)}" alt="last frame" width="360">`, '')

  if (r.request) out.push(...requestDetails(r.request, 'Request', r.locals))

  if (r.assets && Object.keys(r.assets).length > 0) {
    out.push('| local file | uploaded as |', '|---|---|')
    out.push(...Object.entries(r.assets).map(([path, ref]) => `| ${code(path)} | ${code(ref)} |`), '')
  }

  if (r.next && r.next.length > 0) out.push('**Next:**', '', ...r.next.map((n) => `- ${n}`), '')
  return out.join('\n')
}

/** The request's settings and media, folded under `title`. */
export function requestDetails(q: VideoRequest, title: string, locals: readonly LocalMedia[] = []): string[] {
  const out: string[] = []
  // One row per setting the input table routes to the summary: the API's default when not given.
  const body = q as unknown as Record<string, unknown>
  const settings: Array<[string, unknown]> = SUMMARY_ROWS.flatMap(({ input, field, whenSet }): Array<[string, unknown]> =>
    body[field] !== undefined ? [[input, body[field]]] : whenSet ? [] : [[input, 'API default']]
  )
  out.push(`<details><summary>${html(title)}</summary>`, '', '| setting | value |', '|---|---|')
  out.push(...settings.map(([k, v]) => `| ${k} | ${cell(v)} |`))
  out.push('', '| # | media | content |', '|---|---|---|')
  q.media.forEach((m, i) => {
    const local = m.type !== 'text' && m.url === LOCAL_PLACEHOLDER ? locals.find((l) => l.index === i) : undefined
    // A link is shown as the log shows it: no user info, query or fragment.
    const content = m.type === 'text' ? cell(clip(m.text)) : local ? cell(`${local.path} (workspace file)`) : code(shownLink(m.url))
    out.push(`| ${i + 1} | ${m.type} | ${content} |`)
  })
  out.push('', '</details>', '')
  return out
}

/** An absolute path as the summary shows it: relative to the workspace when inside it. */
function shown(path: string, workspace: string | undefined): string {
  return workspace === undefined ? path : displayPath(path, workspace)
}
