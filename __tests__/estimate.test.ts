/** The bill (issue 21): the estimate rule, the budget's refusal, `usage` read tolerantly, the emulator's rule. */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { readTask } from '../src/api/task.js'
import { estimateEntry, overBudget, parseTokenBudget, priceEntries, reportedTotal } from '../src/video/bill.js'
import { describeEstimate, estimateRequest, largestRatio, tokensFor, tokensText, PIXELS } from '../src/video/estimate.js'
import type { VideoEntry } from '../src/video/entry.js'
import type { VideoRequest } from '../src/api/request-schema.js'
import { mp4 } from './helpers/media-fixtures.js'
import { mp4Seconds, tokensOf, usageOf } from '../emulator/usage.mjs'

const text = [{ type: 'text' as const, text: 'A paper boat' }]
const image = [{ type: 'first_frame' as const, url: 'https://example.com/a.png' }]
const refVideo = { type: 'reference_video' as const, url: 'https://example.com/clip.mp4' }

function entry(name: string, body: Partial<VideoRequest>, extra: Partial<VideoEntry> = {}): VideoEntry {
  const request = { body: { model: 'dreamina-seedance-2-0-260128', media: text, ...body } as VideoRequest, sources: [], locals: [] }
  return { name, tag: `[${name}] `, inBatch: true, request, wait: true, tempFile: () => '', assetName: () => '', checked: [], ...extra }
}

describe('the estimate rule', () => {
  it('gives the documented 108,900 for 720p 16:9 5 s, and 488,025 for 1080p 9:16 10 s', () => {
    expect(estimateRequest({ media: text, size: '720p', ratio: '16:9', seconds: '5' }).tokens).toBe(108_900)
    expect(estimateRequest({ media: text, size: '1080p', ratio: '9:16', seconds: '10' }).tokens).toBe(488_025)
  })

  it('takes the API defaults when size, seconds and ratio are omitted: 720p, 5 s, 16:9 for text', () => {
    const e = estimateRequest({ media: text })
    expect(e).toMatchObject({ tokens: 108_900, size: '720p', ratio: '16:9', seconds: 5, atLeast: false })
  })

  it('counts `seconds: -1` as the longest the model may choose, 15 s', () => {
    expect(estimateRequest({ media: text, seconds: '-1' }).tokens).toBe(tokensFor(1280, 720, 15))
    expect(estimateRequest({ media: text, seconds: '-1' }).tokens).toBe(324_900)
  })

  it('counts `adaptive`, and an omitted ratio beside images, at the largest pixel count of the size', () => {
    for (const size of ['480p', '720p', '1080p'] as const) {
      const max = Math.max(...Object.values(PIXELS[size]).map(([w, h]) => w * h))
      const [w, h] = PIXELS[size][largestRatio(size)]
      expect(w * h).toBe(max)
      expect(estimateRequest({ media: text, size, ratio: 'adaptive' }).tokens).toBe(tokensFor(w, h, 5))
      expect(estimateRequest({ media: image, size })).toMatchObject({ ratio: 'adaptive', tokens: tokensFor(w, h, 5) })
    }
    expect(estimateRequest({ media: image }).tokens).toBe(109_587) // 1112x834
    expect(estimateRequest({ media: image, ratio: '16:9' }).tokens).toBe(108_900)
  })

  it('adds the seconds of reference videos of known length; unknown ones make it "at least"', () => {
    const e = estimateRequest({ media: [...text, refVideo, refVideo], seconds: '5' }, { known: [3], unknown: 1 })
    expect(e.tokens).toBe(tokensFor(1112, 834, 8))
    expect(e.atLeast).toBe(true)
    expect(tokensText(e)).toMatch(/^at least [\d,]+ tokens$/)
    expect(describeEstimate(e)).toContain('5 s + 3 s of reference video')
  })

  it('rounds a fraction of a frame and of a token up', () => {
    expect(tokensFor(864, 496, 5)).toBe(50_639) // 864 x 496 x 121 / 1024 = 50,638.5
    expect(tokensFor(1280, 720, 2.01)).toBe(Math.ceil((1280 * 720 * (Math.ceil(24 * 2.01) + 1)) / 1024))
  })
})

describe('an entry and a step', () => {
  it('estimates a cached video and a collected task at 0', () => {
    expect(estimateEntry(entry('a', {}, { hit: { response: '{}', videoFile: 'x' } as VideoEntry['hit'] }))).toMatchObject({ tokens: 0, free: 'cache' })
    const collect = entry('b', {})
    delete collect.request
    collect.taskId = 'cgt-1'
    expect(estimateEntry(collect)).toMatchObject({ tokens: 0, free: 'collect' })
  })

  it('measures workspace reference videos and leaves URLs unknown', () => {
    const e = entry('a', { media: [...text, refVideo, { type: 'reference_video', url: 'asset://local-file' }] })
    e.checked = [
      { index: 2, path: 'clip.mp4', type: 'reference_video', input: 'reference-videos', info: { durationSec: 4 } } as unknown as VideoEntry['checked'][number]
    ]
    expect(estimateEntry(e)).toMatchObject({ tokens: tokensFor(1112, 834, 9), atLeast: true })
  })

  it('logs each entry and the total, and refuses a batch over budget naming the largest entries', () => {
    const entries = [entry('small', { size: '480p' }), entry('big', { size: '1080p', seconds: '15' }), entry('mid', {})]
    const lines: string[] = []
    expect(priceEntries(entries, undefined, (l) => lines.push(l))).toEqual({ tokens: 50_639 + 731_025 + 108_900, atLeast: false })
    expect(lines.filter((l) => /^\[\w+\] Estimated cost: [\d,]+ tokens/.test(l))).toHaveLength(3)
    expect(lines.at(-1)).toBe('Estimated cost in all: 890,564 tokens for 3 entries.')
    let err: unknown
    try {
      priceEntries(entries, 800_000, () => undefined)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toBe(
      'Input `token-budget` is 800,000 tokens, but the batch of 3 entries is estimated at 890,564 tokens (largest: "big" 731,025, "mid" 108,900, "small" 50,639), so none of it was sent: raise `token-budget`, or ask for shorter or smaller videos.'
    )
    expect(() => priceEntries(entries, 890_564, () => undefined)).not.toThrow()
  })

  it('names the estimate of a single request', () => {
    const single = { ...entry('video', { size: '1080p', ratio: '9:16', seconds: '10' }), tag: '', inBatch: false }
    single.estimate = estimateEntry(single)
    expect(overBudget([single], { tokens: 488_025, atLeast: false }, 100_000)).toBe(
      'Input `token-budget` is 100,000 tokens, but this request is estimated at 488,025 tokens (1080p, 9:16, 10 s), so nothing was sent: raise `token-budget`, or ask for shorter or smaller videos.'
    )
  })

  it('sums what the API reported, and is empty when it reported nothing', () => {
    expect(reportedTotal([108_900, undefined, 0, 50])).toBe(108_950)
    expect(reportedTotal([undefined, undefined])).toBeUndefined()
  })
})

describe('token-budget', () => {
  it.each([
    ['500000', 500_000],
    ['500_000', 500_000],
    ['1,000,000', 1_000_000],
    ['0', 0],
    ['', undefined]
  ])('reads %j', (raw, value) => expect(parseTokenBudget(raw)).toBe(value))

  it.each(['-1', '1.5', 'lots', '5e5', '1,00,000', '99999999999999999999'])('refuses %j naming the input', (raw) => {
    expect(() => parseTokenBudget(raw)).toThrow(InputError)
    expect(() => parseTokenBudget(raw)).toThrow(/^Input `token-budget` must be a whole number of tokens/)
  })
})

describe('usage in the task object', () => {
  it('takes total_tokens, else completion_tokens, as numbers or numeric strings', () => {
    expect(readTask({ id: 't', usage: { total_tokens: 108900, completion_tokens: 1 } }).tokens).toBe(108_900)
    expect(readTask({ id: 't', usage: { completion_tokens: '488025' } }).tokens).toBe(488_025)
    expect(readTask({ id: 't', usage: { total_tokens: ' 42 ' } }).tokens).toBe(42)
  })

  it.each([
    ['no usage', {}],
    ['usage null', { usage: null }],
    ['usage a string', { usage: '108900' }],
    ['negative', { usage: { total_tokens: -5 } }],
    ['not a number', { usage: { total_tokens: 'lots' } }],
    ['a fraction', { usage: { total_tokens: 1.5 } }],
    ['huge', { usage: { total_tokens: 1e300 } }],
    ['an object', { usage: { total_tokens: { n: 1 } } }]
  ])('ignores %s without failing', (_, extra) => {
    const task = readTask({ id: 't', status: 'succeeded', ...extra })
    expect(task.tokens).toBeUndefined()
    expect(task.status).toBe('succeeded')
  })

  it('falls back to completion_tokens when total_tokens is unreadable', () => {
    expect(readTask({ usage: { total_tokens: 'n/a', completion_tokens: 7 } }).tokens).toBe(7)
  })
})

describe("the emulator's usage", () => {
  const ctx = { uploads: [{ assetId: 'asset-1', seconds: 3 }] }
  it('follows the same rule as the estimate, reference videos it measured included', () => {
    const cases: Array<Partial<VideoRequest>> = [
      { media: text },
      { media: text, size: '1080p', ratio: '9:16', seconds: '10' },
      { media: image, size: '480p', seconds: '-1' },
      { media: text, size: '1080p', ratio: '21:9', seconds: '12' }
    ]
    for (const c of cases) expect(tokensOf(ctx, c)).toBe(estimateRequest(c as VideoRequest).tokens)
    const withVideo = { media: [...text, { type: 'reference_video' as const, url: 'asset://asset-1' }], seconds: '5' as const }
    expect(tokensOf(ctx, withVideo)).toBe(estimateRequest(withVideo, { known: [3], unknown: 0 }).tokens)
  })

  it('reads an MP4 length from its mvhd box', () => {
    expect(mp4Seconds(mp4({ seconds: 4, fps: 24 }))).toBeCloseTo(4, 2)
    expect(mp4Seconds(Buffer.from('not a video'))).toBeUndefined()
  })

  it('sends the counts as strings, or none, when a tag says so', () => {
    const task = (tags: Record<string, unknown>) => ({ tags, request: { media: text } })
    expect(usageOf(ctx, task({}))).toEqual({ completion_tokens: 108_900, total_tokens: 108_900 })
    expect(usageOf(ctx, task({ usage: 'strings' }))).toEqual({ completion_tokens: '108900', total_tokens: '108900' })
    expect(usageOf(ctx, task({ usage: 'none' }))).toBeUndefined()
  })
})
