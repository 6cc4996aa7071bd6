/**
 * `shard: i/n`: a batch split over a `strategy.matrix`, each job running one share.
 *
 * Pure. The split depends only on the entries (their order and their chains), never on time or
 * the environment, so the same file gives every shard the same entries on every run and every
 * re-run (and `resume` and `cache` keep finding them). A chain (an entry and every entry that
 * starts from its last frame, directly or further down) stays in one share; shares are balanced
 * by entry count: the largest share exceeds the smallest by at most the largest chain's length
 * (by at most one entry when nothing is chained).
 */
import { InputError } from '../errors.js'
import { quoteInput } from '../format.js'

/** The most shares a batch may be split into (`n` of `i/n`). */
export const MAX_SHARDS = 256

/** This job's share: `index` is 1-based, from 1 to `count`. */
export interface Shard {
  index: number
  count: number
}

/** What the split reads of an entry: its name, and the entry it starts from, if any. */
export interface ShardItem {
  name: string
  after?: string
}

/** `1/4`, as the user wrote it (and as `results` and the summary show it). */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`
}

/** The `shard` input: empty = no split; otherwise `i/n` with 1 <= i <= n <= 256, or one sentence naming `shard`. */
export function parseShard(value: string): Shard | undefined {
  const v = value.trim()
  if (v === '') return undefined
  const m = /^(\d{1,12})\s*\/\s*(\d{1,12})$/.exec(v)
  if (!m) {
    throw new InputError(
      `Input \`shard\` must be \`i/n\`, this job's share of the batch and the number of shares, such as \`1/4\` or \`\${{ matrix.shard }}/4\` (got ${quoteInput(value)}).`
    )
  }
  const index = Number(m[1])
  const count = Number(m[2])
  if (count < 1 || count > MAX_SHARDS) {
    throw new InputError(
      `Input \`shard\` must split the batch into 1 to ${MAX_SHARDS} shares: \`n\` of \`i/n\` is at most ${MAX_SHARDS} (got ${quoteInput(v)}).`
    )
  }
  if (index < 1 || index > count) {
    throw new InputError(`Input \`shard\` must name a share from 1 to n, counted from 1: \`1/${count}\` to \`${count}/${count}\` (got ${quoteInput(v)}).`)
  }
  return { index, count }
}

/**
 * Every share of the entries: `shares[k]` holds shard k+1's entries as indexes into `entries`,
 * in file order. Together the shares hold every entry exactly once.
 *
 * Chains are grouped (an entry with the one it starts from); the groups, largest first (then by
 * their first entry in the file), each go to the share that holds the fewest entries so far
 * (then the lowest-numbered one). Without chains that deals the entries round-robin in file order.
 */
export function splitIntoShards(entries: readonly ShardItem[], count: number): number[][] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`A batch splits into at least one share, not ${count}`)
  const byName = new Map<string, number>()
  entries.forEach((e, i) => {
    if (!byName.has(e.name)) byName.set(e.name, i)
  })
  // Union-find over the chains; a circle (refused elsewhere) simply joins one group.
  const parent = entries.map((_, i) => i)
  const root = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[parent[i] as number] as number
      parent[i] = up
      i = up
    }
    return i
  }
  entries.forEach((e, i) => {
    const j = e.after === undefined ? undefined : byName.get(e.after)
    if (j !== undefined) parent[root(i)] = root(j)
  })
  // Groups in the order of their first entry (entries are visited in file order).
  const groups = new Map<number, number[]>()
  entries.forEach((_, i) => {
    const r = root(i)
    const group = groups.get(r)
    if (group) group.push(i)
    else groups.set(r, [i])
  })
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length || (a[0] as number) - (b[0] as number))
  const shares: number[][] = Array.from({ length: count }, () => [])
  for (const group of ordered) {
    let least = 0
    for (let k = 1; k < count; k++) if ((shares[k] as number[]).length < (shares[least] as number[]).length) least = k
    ;(shares[least] as number[]).push(...group)
  }
  for (const share of shares) share.sort((a, b) => a - b)
  return shares
}

/** This shard's entries, as indexes into `entries` in file order. */
export function shareOf(entries: readonly ShardItem[], shard: Shard): number[] {
  return splitIntoShards(entries, shard.count)[shard.index - 1] as number[]
}
