/**
 * A batch step with `shard: i/n`: which entries this job runs (the split itself is pure, in
 * video/shard.ts), how the log, `results` and the summary name the share, and a share with no
 * entries. Every shard still checks the whole file, so one bad entry stops every shard before
 * anything is paid for, as it stops an unsplit batch.
 */
import { InputError } from '../errors.js'
import { MAX_ENTRIES, type BatchEntry } from './batch-file.js'
import { shardLabel, shareOf, type Shard } from '../video/shard.js'

/** Entry names listed in the log line that says what this shard runs. */
const NAMES_IN_LOG = 20

/** This shard's entries as indexes into `parsed` (every entry without `shard`); logs which they are. */
export function pickShare(parsed: readonly BatchEntry[], shard: Shard | undefined, log: (line: string) => void): ReadonlySet<number> {
  if (shard === undefined) return new Set(parsed.keys())
  const share = shareOf(parsed, shard)
  const label = shardLabel(shard)
  if (share.length > MAX_ENTRIES) {
    throw new InputError(
      `Input \`shard\`: share ${label} holds ${share.length} of the batch's ${parsed.length} entries; one step takes at most ${MAX_ENTRIES}: raise n (a chain stays in one share, so no chain may be longer than ${MAX_ENTRIES} entries).`
    )
  }
  const names = share.slice(0, NAMES_IN_LOG).map((i) => (parsed[i] as BatchEntry).name)
  const more = share.length > NAMES_IN_LOG ? `, and ${share.length - NAMES_IN_LOG} more` : ''
  log(
    share.length === 0
      ? `Shard ${label}: none of the batch's ${parsed.length} ${parsed.length === 1 ? 'entry is' : 'entries are'} in this share (the other shards run them all).`
      : `Shard ${label}: ${share.length} of the batch's ${parsed.length} entries (${names.join(', ')}${more}); the other shards run the rest.`
  )
  return new Set(share)
}

/** `results` with the share named in each entry (`"shard": "1/4"`), right after its name. */
export function withShard(results: ReadonlyArray<Record<string, unknown>>, shard: Shard | undefined): Array<Record<string, unknown>> {
  if (shard === undefined) return [...results]
  return results.map(({ name, ...rest }) => ({ name, shard: shardLabel(shard), ...rest }))
}

/** The summary's line under the title: which share this is. */
export function shardSummaryLine(shard: Shard, entries: number): string {
  const label = shardLabel(shard)
  return entries === 0
    ? `Shard ${label} of the batch: no entries fell to this share, so nothing was sent; the other shards run them all.`
    : `Shard ${label} of the batch: this job's share is ${entries} ${entries === 1 ? 'entry' : 'entries'}; the other shards have the rest.`
}
