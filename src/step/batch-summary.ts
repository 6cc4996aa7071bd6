/** The step summary of a batch: one table of entries, each entry's settings folded below. Pure. */
import type { EntryState } from '../video/pipeline.js'
import { formatDuration } from '../format.js'
import type { LocalMedia } from '../video/request.js'
import type { VideoRequest } from '../video/schema.js'
import { shardSummaryLine } from './batch-shard.js'
import { shardLabel, type Shard } from '../video/shard.js'
import { attr, cell, ICON, isLinkable, link, requestDetails } from './summary.js'

export interface BatchReport {
  entries: readonly EntryState[]
  /** Each entry's request (undefined for a `task-id` entry), with its workspace files. */
  requests: ReadonlyArray<VideoRequest | undefined>
  locals?: ReadonlyArray<readonly LocalMedia[] | undefined>
  dryRun?: boolean
  /** `shard: i/n`: the share this step ran, named in the title and a line below it. */
  shard?: Shard
  error?: string
  next?: string[]
}

export function renderBatchSummary(r: BatchReport): string {
  const done = r.entries.filter((e) => e.status === 'succeeded' && e.error === undefined).length
  const batch = r.shard ? `Seedance batch, shard ${shardLabel(r.shard)}` : 'Seedance batch'
  const empty = r.shard !== undefined && r.entries.length === 0
  const title = empty ? `${batch}: no entries` : r.dryRun ? `${batch}: dry run of ${r.entries.length} videos` : `${batch}: ${done} of ${r.entries.length} videos succeeded`
  const out = [`## ${title}`, '']
  if (r.shard) out.push(shardSummaryLine(r.shard, r.entries.length), '')
  if (r.error) out.push(`> **Error:** ${cell(r.error)}`, '')
  if (!r.dryRun && !empty) {
    // The release column only when something was attached: an always-empty column says nothing.
    const released = r.entries.some((e) => e.releaseAssetUrl)
    const heads = ['entry', 'status', 'queued', 'running', 'video', 'saved to', ...(released ? ['release asset'] : []), 'last frame']
    out.push(`| ${heads.join(' | ')} |`, `|${heads.map(() => '---').join('|')}|`)
    for (const e of r.entries) {
      const status = `${ICON[e.status ?? ''] ?? ''} ${cell(e.status ?? 'not submitted')}${e.error ? `: ${cell(e.error.slice(0, 200))}` : ''}`.trim()
      const cols = [
        `${cell(e.name)}${e.taskId ? `<br>\`${cell(e.taskId)}\`` : ''}`,
        status,
        e.timings?.queued !== undefined ? formatDuration(e.timings.queued) : '',
        e.timings?.running !== undefined ? formatDuration(e.timings.running) : '',
        e.videoUrl ? link('download', e.videoUrl) : '',
        e.videoPath ? `\`${cell(e.videoPath)}\`` : '',
        ...(released ? [e.releaseAssetUrl ? link(e.releaseAssetUrl.split('/').pop() ?? 'video', e.releaseAssetUrl) : ''] : []),
        e.lastFrameUrl && isLinkable(e.lastFrameUrl) ? `<img src="${attr(e.lastFrameUrl)}" alt="last frame of ${cell(e.name)}" width="120">` : ''
      ]
      out.push(`| ${cols.join(' | ')} |`)
    }
    out.push('')
    if (r.entries.some((e) => e.videoUrl)) out.push('Video links are valid for about 24 hours.', '')
  }
  r.entries.forEach((e, i) => {
    const q = r.requests[i]
    if (q) out.push(...requestDetails(q, `${e.name}: settings`, r.locals?.[i]))
  })
  if (r.next && r.next.length > 0) out.push('**Next:**', '', ...r.next.map((n) => `- ${n}`), '')
  return out.join('\n')
}
