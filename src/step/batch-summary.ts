/** The step summary of a batch: one table of entries, each entry's settings folded below. Pure. */
import type { EntryState } from '../video/entry.js'
import { displayPath, formatDuration } from '../format.js'
import { reportedTotal } from '../video/bill.js'
import { formatTokens, tokensText } from '../video/estimate.js'
import type { LocalMedia } from '../media/request-media.js'
import type { VideoRequest } from '../api/request-schema.js'
import { shardSummaryLine } from './batch-shard.js'
import { shardLabel, type Shard } from '../video/shard.js'
import { attr, cell, code, html, ICON, isLinkable, link, requestDetails } from './summary.js'

export interface BatchReport {
  entries: readonly EntryState[]
  /** Each entry's request (undefined for a `task-id` entry), with its workspace files. */
  requests: ReadonlyArray<VideoRequest | undefined>
  locals?: ReadonlyArray<readonly LocalMedia[] | undefined>
  dryRun?: boolean
  /** Where the saved files' (absolute) paths are shown relative to. */
  workspace?: string
  /** `shard: i/n`: the share this step ran, named in the title and a line below it. */
  shard?: Shard
  /** Some entry's estimate is a minimum (a reference video of unknown length). */
  estimateAtLeast?: boolean
  error?: string
  next?: string[]
}

export function renderBatchSummary(r: BatchReport): string {
  const done = r.entries.filter((e) => e.status === 'succeeded' && e.error === undefined).length
  const batch = r.shard ? `Seedance batch, shard ${shardLabel(r.shard)}` : 'Seedance batch'
  const empty = r.shard !== undefined && r.entries.length === 0
  const title = empty
    ? `${batch}: no entries`
    : r.dryRun
      ? `${batch}: dry run of ${r.entries.length} videos`
      : `${batch}: ${done} of ${r.entries.length} videos succeeded`
  const out = [`## ${title}`, '']
  if (r.shard) out.push(shardSummaryLine(r.shard, r.entries.length), '')
  if (r.error) out.push(`> **Error:** ${cell(r.error)}`, '')
  if (!r.dryRun && !empty) {
    // The release column only when something was attached: an always-empty column says nothing.
    const released = r.entries.some((e) => e.releaseAssetUrl)
    const heads = [
      'entry',
      'status',
      'estimated tokens',
      'tokens',
      'queued',
      'running',
      'video',
      'saved to',
      ...(released ? ['release asset'] : []),
      'last frame'
    ]
    out.push(`| ${heads.join(' | ')} |`, `|${heads.map(() => '---').join('|')}|`)
    for (const e of r.entries) {
      const status = `${ICON[e.status ?? ''] ?? ''} ${cell(e.status ?? 'not submitted')}${e.error ? `: ${cell(e.error.slice(0, 200))}` : ''}`.trim()
      const cols = [
        `${cell(e.name)}${e.taskId ? `<br>${code(e.taskId)}` : ''}`,
        status,
        e.estimatedTokens !== undefined ? formatTokens(e.estimatedTokens) : '',
        e.tokens !== undefined ? formatTokens(e.tokens) : '',
        e.timings?.queued !== undefined ? formatDuration(e.timings.queued) : '',
        e.timings?.running !== undefined ? formatDuration(e.timings.running) : '',
        e.videoUrl ? link('download', e.videoUrl) : '',
        e.videoPath ? code(r.workspace === undefined ? e.videoPath : displayPath(e.videoPath, r.workspace)) : '',
        ...(released ? [e.releaseAssetUrl ? link(e.releaseAssetUrl.split('/').pop() ?? 'video', e.releaseAssetUrl) : ''] : []),
        e.lastFrameUrl && isLinkable(e.lastFrameUrl) ? `<img src="${attr(e.lastFrameUrl)}" alt="last frame of ${html(e.name)}" width="120">` : ''
      ]
      out.push(`| ${cols.join(' | ')} |`)
    }
    out.push(totalRow(r, heads.length))
    out.push('')
    if (r.entries.some((e) => e.videoUrl)) out.push('Video links are valid for about 24 hours.', '')
  } else if (!empty) {
    out.push(
      '| entry | estimated tokens |',
      '|---|---|',
      ...r.entries.map((e) => `| ${cell(e.name)} | ${formatTokens(e.estimatedTokens ?? 0)} |`),
      totalRow(r, 2),
      ''
    )
  }
  r.entries.forEach((e, i) => {
    const q = r.requests[i]
    if (q) out.push(...requestDetails(q, `${e.name}: settings`, r.locals?.[i]))
  })
  if (r.next && r.next.length > 0) out.push('**Next:**', '', ...r.next.map((n) => `- ${n}`), '')
  return out.join('\n')
}

/** The table's last row: the estimated total and, when the API reported any, the tokens used. */
function totalRow(r: BatchReport, columns: number): string {
  const estimated = tokensText({ tokens: r.entries.reduce((sum, e) => sum + (e.estimatedTokens ?? 0), 0), atLeast: r.estimateAtLeast === true })
  const used = reportedTotal(r.entries.map((e) => e.tokens))
  const cols = [
    '**total**',
    r.dryRun ? `**${estimated}**` : '',
    ...(r.dryRun ? [] : [`**${estimated}**`, used === undefined ? '' : `**${formatTokens(used)} tokens**`])
  ]
  while (cols.length < columns) cols.push('')
  return `| ${cols.join(' | ')} |`
}
