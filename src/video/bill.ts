/**
 * The step's bill: each entry's estimate (estimate.ts) made before anything is sent, logged,
 * held against `token-budget` (a batch is refused as a whole), and the tokens the API
 * reported, summed for the step's outputs.
 */
import { InputError } from '../errors.js'
import { describeEstimate, estimateRequest, formatTokens, tokensText, type EntryEstimate, type Total } from './estimate.js'
import type { VideoEntry } from './entry.js'

/** The `token-budget` input: a whole number of tokens (`500000`, `500_000` or `500,000`); empty = no budget. */
export function parseTokenBudget(raw: string): number | undefined {
  const v = raw.trim()
  if (v === '') return undefined
  const n = /^\d{1,3}([,_]?\d{3})*$|^\d+$/.test(v) ? Number(v.replace(/[,_]/g, '')) : NaN
  if (!Number.isSafeInteger(n)) {
    throw new InputError(`Input \`token-budget\` must be a whole number of tokens such as 500000 (got ${JSON.stringify(v.slice(0, 60))}).`)
  }
  return n
}

/** An entry's estimate: 0 for a cached video or a task it collects, else the rule on its request. */
export function estimateEntry(entry: VideoEntry): EntryEstimate {
  if (entry.hit) return { tokens: 0, atLeast: false, free: 'cache' }
  const request = entry.request
  if (!request) return { tokens: 0, atLeast: false, free: 'collect' }
  const videos = request.body.media.filter((m) => m.type === 'reference_video').length
  // Workspace files were measured when they were checked; any other reference video's length is unknown.
  const known = entry.checked.filter((c) => c.type === 'reference_video' && c.info.durationSec !== undefined).map((c) => c.info.durationSec as number)
  const detail = estimateRequest(request.body, { known, unknown: Math.max(0, videos - known.length) })
  return { tokens: detail.tokens, atLeast: detail.atLeast, detail }
}

/** The sum of estimates, "at least" when any is. */
export function totalOf(estimates: readonly EntryEstimate[]): Total {
  return { tokens: estimates.reduce((sum, e) => sum + e.tokens, 0), atLeast: estimates.some((e) => e.atLeast) }
}

/** The sum of the tokens the API reported; undefined when it reported none. */
export function reportedTotal(values: ReadonlyArray<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined)
  return known.length === 0 ? undefined : known.reduce((sum, v) => sum + v, 0)
}

/** The log line once the API has reported a video's tokens. */
export function usedLine(tokens: number, estimated: number | undefined): string {
  return `PowerTokens reports ${formatTokens(tokens)} tokens used${estimated === undefined ? '' : ` (estimated ${formatTokens(estimated)})`}.`
}

function line(e: EntryEstimate): string {
  if (e.free === 'cache') return "0 tokens (the video comes from GitHub's cache)"
  if (e.free === 'collect') return '0 tokens (it collects an existing task)'
  return `${tokensText(e)} (${describeEstimate(e.detail!)})`
}

/**
 * Estimates every entry (kept on `entry.estimate`), logs each and the total, and refuses the
 * step when the total is over `budget`: before any request to PowerTokens or GitHub's releases.
 */
export function priceEntries(entries: readonly VideoEntry[], budget: number | undefined, info: (line: string) => void): Total {
  for (const e of entries) e.estimate = estimateEntry(e)
  const estimates = entries.map((e) => e.estimate!)
  const total = totalOf(estimates)
  if (entries.length === 1 && !entries[0]!.inBatch) {
    info(`Estimated cost: ${line(estimates[0]!)}.`)
  } else {
    for (const e of entries) info(`${e.tag}Estimated cost: ${line(e.estimate!)}.`)
    info(`Estimated cost in all: ${tokensText(total)} for ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}.`)
  }
  if (budget !== undefined && total.tokens > budget) throw new InputError(overBudget(entries, total, budget))
  return total
}

/** The refusal: one sentence naming `token-budget`, the estimate and, in a batch, the largest entries. */
export function overBudget(entries: readonly VideoEntry[], total: Total, budget: number): string {
  const head = `Input \`token-budget\` is ${formatTokens(budget)} tokens, but`
  const advice = 'raise `token-budget`, or ask for shorter or smaller videos.'
  if (entries.length === 1 && !entries[0]!.inBatch) {
    const d = entries[0]!.estimate!.detail
    const what = d ? ` (${d.size}, ${d.ratio === 'adaptive' ? `adaptive counted as ${d.countedRatio}` : d.ratio}, ${d.seconds} s)` : ''
    return `${head} this request is estimated at ${tokensText(total)}${what}, so nothing was sent: ${advice}`
  }
  const largest = [...entries]
    .filter((e) => e.estimate!.tokens > 0)
    .sort((a, b) => b.estimate!.tokens - a.estimate!.tokens)
    .slice(0, 3)
    .map((e) => `"${e.name}" ${formatTokens(e.estimate!.tokens)}`)
  return `${head} the batch of ${entries.length} entries is estimated at ${tokensText(total)} (largest: ${largest.join(', ')}), so none of it was sent: ${advice}`
}
