/** `shard: i/n`: the input's rules, and the split as a pure function of the entries. */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { MAX_SHARDS, parseShard, shardLabel, shareOf, splitIntoShards, type ShardItem } from '../src/video/shard.js'
import { pickShare, withShard } from '../src/step/batch-shard.js'
import { MAX_ENTRIES, parseBatch } from '../src/step/batch-file.js'
import { parseConfig, SHARD_NEEDS_BATCH } from '../src/step/inputs.js'
import { renderBatchSummary } from '../src/step/batch-summary.js'

/** A small seeded generator, so every random batch below is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** `size` entries; about a third start from an earlier entry's last frame (chains, and branches of them). */
function batch(size: number, seed: number): ShardItem[] {
  const next = random(seed)
  return Array.from({ length: size }, (_, i) => {
    const item: ShardItem = { name: `clip-${i}` }
    if (i > 0 && next() < 0.33) item.after = `clip-${Math.floor(next() * i)}`
    return item
  })
}

/** Every entry's group: the entries linked to it by `after`, either way, directly or further down. */
function chainOf(entries: readonly ShardItem[], i: number): Set<number> {
  const index = new Map(entries.map((e, k) => [e.name, k]))
  const group = new Set([i])
  for (let grew = true; grew;) {
    grew = false
    entries.forEach((e, k) => {
      const j = e.after === undefined ? undefined : index.get(e.after)
      if (j === undefined) return
      if (group.has(k) !== group.has(j)) {
        group.add(k).add(j)
        grew = true
      }
    })
  }
  return group
}

const sizes = (shares: number[][]): number[] => shares.map((s) => s.length)

describe('the split', () => {
  const cases: Array<[number, number, number]> = []
  for (const size of [1, 2, 5, 17, 100, 301]) for (const n of [1, 2, 3, 4, 7, 16]) cases.push([size, n, size * 31 + n])

  it.each(cases)('%i entries over %i shards: every entry in exactly one share, in file order', (size, n, seed) => {
    const entries = batch(size, seed)
    const shares = splitIntoShards(entries, n)
    expect(shares).toHaveLength(n)
    expect(shares.flat().sort((a, b) => a - b)).toEqual(entries.map((_, i) => i))
    for (const share of shares) expect(share).toEqual([...share].sort((a, b) => a - b))
  })

  it.each(cases)('%i entries over %i shards: a chain (and its branches) never leaves its share', (size, n, seed) => {
    const entries = batch(size, seed)
    const shares = splitIntoShards(entries, n)
    const shardOf = new Map(shares.flatMap((share, k) => share.map((i) => [i, k] as const)))
    entries.forEach((_, i) => {
      for (const j of chainOf(entries, i)) expect([entries[j]!.name, shardOf.get(j)]).toEqual([entries[j]!.name, shardOf.get(i)])
    })
  })

  it.each(cases)('%i entries over %i shards: shares differ by at most the longest chain', (size, n, seed) => {
    const entries = batch(size, seed)
    const longest = Math.max(...entries.map((_, i) => chainOf(entries, i).size))
    const counts = sizes(splitIntoShards(entries, n))
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(longest)
  })

  it('without chains the shares differ by at most one entry, dealt round-robin in file order', () => {
    const entries = Array.from({ length: 10 }, (_, i) => ({ name: `v${i}` }))
    expect(splitIntoShards(entries, 4)).toEqual([
      [0, 4, 8],
      [1, 5, 9],
      [2, 6],
      [3, 7]
    ])
    for (let n = 1; n <= 12; n++) {
      const counts = sizes(splitIntoShards(entries, n))
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1)
    }
  })

  it('five entries with a chain of two over two shards: the chain in one share, three and two entries', () => {
    const entries = [{ name: 'a' }, { name: 'b' }, { name: 'fold' }, { name: 'sail', after: 'fold' }, { name: 'c' }]
    const shares = splitIntoShards(entries, 2)
    // The chain (the largest group) goes first, to shard 1; each single entry to the smaller share (the lower on a tie).
    expect(shares).toEqual([
      [2, 3, 4],
      [0, 1]
    ])
  })

  it('a chain further down, and a branch of it, stay together even when listed far apart', () => {
    const entries = [
      { name: 'sea', after: 'sail' },
      { name: 'x' },
      { name: 'y' },
      { name: 'fold' },
      { name: 'z' },
      { name: 'sail', after: 'fold' },
      { name: 'harbour', after: 'fold' }
    ]
    const shares = splitIntoShards(entries, 3)
    const withFold = shares.find((s) => s.includes(3))!
    expect(withFold).toEqual(expect.arrayContaining([0, 3, 5, 6]))
    expect(sizes(shares).sort()).toEqual([1, 2, 4])
  })

  it('is stable: the same entries give the same shares, whatever the time or the environment', () => {
    const entries = batch(200, 7)
    const first = splitIntoShards(entries, 8)
    const env = { ...process.env }
    process.env.GITHUB_RUN_ATTEMPT = '2'
    process.env.GITHUB_RUN_ID = '999'
    try {
      expect(splitIntoShards(structuredClone(entries), 8)).toEqual(first)
      for (let k = 1; k <= 8; k++) expect(shareOf(entries, { index: k, count: 8 })).toEqual(first[k - 1])
    } finally {
      process.env = env
    }
  })

  it('more shards than entries: the extra shares are empty, and every entry still runs once', () => {
    const shares = splitIntoShards([{ name: 'a' }, { name: 'b', after: 'a' }, { name: 'c' }], 4)
    expect(shares).toEqual([[0, 1], [2], [], []])
  })

  it('a circle (refused by the batch checks) still ends, as one group', () => {
    const shares = splitIntoShards([{ name: 'a', after: 'b' }, { name: 'b', after: 'a' }, { name: 'c' }], 2)
    expect(shares).toEqual([[0, 1], [2]])
  })
})

describe('the `shard` input', () => {
  it('reads i/n, 1-based, n up to 256, spaces around the slash allowed', () => {
    expect(parseShard('')).toBeUndefined()
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 })
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 })
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 })
    expect(parseShard(`${MAX_SHARDS}/${MAX_SHARDS}`)).toEqual({ index: 256, count: 256 })
    expect(shardLabel({ index: 2, count: 4 })).toBe('2/4')
  })

  it.each([
    ['4', /^Input `shard` must be `i\/n`.*such as `1\/4`.*\(got "4"\)\.$/],
    ['/4', /^Input `shard` must be `i\/n`/],
    ['1/4/2', /^Input `shard` must be `i\/n`/],
    ['one/four', /^Input `shard` must be `i\/n`/],
    ['-1/4', /^Input `shard` must be `i\/n`/],
    ['1.5/4', /^Input `shard` must be `i\/n`/],
    ['0/4', /^Input `shard` must name a share from 1 to n, counted from 1: `1\/4` to `4\/4` \(got "0\/4"\)\.$/],
    ['5/4', /^Input `shard` must name a share from 1 to n/],
    ['1/0', /^Input `shard` must split the batch into 1 to 256 shares/],
    ['1/257', /^Input `shard` must split the batch into 1 to 256 shares: `n` of `i\/n` is at most 256 \(got "1\/257"\)\.$/]
  ])('%j is refused in one sentence naming `shard`', (value, message) => {
    let error: unknown
    try {
      parseShard(value)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message.split('\n')).toHaveLength(1)
  })
})

describe('the step reads `shard`', () => {
  const read = (values: Record<string, string>) =>
    parseConfig(
      (name) => values[name] ?? '',
      () => undefined,
      {}
    )

  it('with `batch` it is the share; without it (one video, or collecting a `task-id`) it is refused', async () => {
    expect((await read({ 'api-key': 'k', batch: 'clips.yml', shard: '2/3' })).shard).toEqual({ index: 2, count: 3 })
    expect((await read({ 'api-key': 'k', batch: 'clips.yml' })).shard).toBeUndefined()
    await expect(read({ 'api-key': 'k', prompt: 'x', shard: '1/2' })).rejects.toThrow(SHARD_NEEDS_BATCH)
    await expect(read({ 'api-key': 'k', 'task-id': 'cgt-1', shard: '1/2' })).rejects.toThrow(SHARD_NEEDS_BATCH)
    await expect(read({ 'api-key': 'k', batch: 'clips.yml', shard: '3/2' })).rejects.toThrow(/^Input `shard` must name a share/)
  })

  it('a sharded file may hold up to 100 entries per shard', async () => {
    const list = (n: number): string => JSON.stringify(Array.from({ length: n }, (_, i) => ({ name: `v${i}`, prompt: 'x' })))
    await expect(parseBatch(list(MAX_ENTRIES + 1))).rejects.toThrow(/one step takes at most 100\. Shard the list .*`shard: \$\{\{ matrix\.shard \}\}\/<n>`/)
    await expect(parseBatch(list(MAX_ENTRIES * 3), 'batch', 3)).resolves.toHaveLength(300)
    await expect(parseBatch(list(MAX_ENTRIES * 3 + 1), 'batch', 3)).rejects.toThrow(
      /has 301 entries; 3 shards take at most 300 \(100 each\): raise n in `shard`/
    )
  })
})

describe("this job's share", () => {
  const entries = (n: number, chained = 0) =>
    Array.from({ length: n }, (_, i) => ({ name: `v${i}`, values: {}, problems: [], ...(i > 0 && i < chained ? { after: `v${i - 1}` } : {}) }))

  it('is every entry without `shard`, and is logged with its names with it', () => {
    const lines: string[] = []
    expect([...pickShare(entries(3), undefined, (l) => lines.push(l))]).toEqual([0, 1, 2])
    expect(lines).toEqual([])
    expect([...pickShare(entries(5, 2), { index: 2, count: 2 }, (l) => lines.push(l))].sort()).toEqual([2, 3])
    expect(lines).toEqual(["Shard 2/2: 2 of the batch's 5 entries (v2, v3); the other shards run the rest."])
  })

  it('holds at most 100 entries: a chain longer than that is refused naming `shard`', () => {
    expect(() => pickShare(entries(150, 101), { index: 1, count: 2 }, () => undefined)).toThrow(
      /^Input `shard`: share 1\/2 holds 101 of the batch's 150 entries; one step takes at most 100: raise n \(a chain stays in one share, so no chain may be longer than 100 entries\)\.$/
    )
    expect(pickShare(entries(150, 101), { index: 2, count: 2 }, () => undefined).size).toBe(49)
  })
})

describe('naming the share', () => {
  it('each `results` entry names its shard right after its name; without `shard`, nothing is added', () => {
    const results = [{ name: 'a', status: 'succeeded', 'cache-hit': false }]
    expect(JSON.stringify(withShard(results, { index: 2, count: 4 }))).toBe('[{"name":"a","shard":"2/4","status":"succeeded","cache-hit":false}]')
    expect(withShard(results, undefined)).toEqual(results)
  })

  it('the summary names the shard in its title and a line below it; an empty share says nothing was sent', () => {
    const ran = renderBatchSummary({ entries: [{ name: 'a', status: 'succeeded' }], requests: [undefined], shard: { index: 1, count: 2 } })
    expect(ran).toMatch(/^## Seedance batch, shard 1\/2: 1 of 1 videos succeeded\n\nShard 1\/2 of the batch: this job's share is 1 entry/)
    const empty = renderBatchSummary({ entries: [], requests: [], shard: { index: 4, count: 4 } })
    expect(empty).toMatch(/^## Seedance batch, shard 4\/4: no entries\n\nShard 4\/4 of the batch: no entries fell to this share, so nothing was sent/)
    expect(empty).not.toContain('| entry |')
    expect(renderBatchSummary({ entries: [{ name: 'a', status: 'succeeded' }], requests: [undefined] })).toMatch(/^## Seedance batch: 1 of 1/)
  })
})
