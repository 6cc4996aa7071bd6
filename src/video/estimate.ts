/**
 * What a request will cost, in tokens, before it is paid for: Seedance's published rule,
 * tokens = width x height x frames / 1024, frames = 24 x seconds + 1, with the output's pixels
 * fixed by `size` and `ratio`. Pure: the reference videos' lengths are handed in.
 *
 * Where the rule is silent, this file decides (docs/never-pay-twice.md says the same):
 * - an omitted `size` is the API's default, 720p; an omitted `seconds` its default, 5 s;
 * - an omitted `ratio` is 16:9 for a text-only request, else `adaptive` (the API's default);
 * - `adaptive` follows the input image, unknown before the video exists: the size's largest
 *   pixel count is taken, so the estimate is never below the bill;
 * - `seconds: -1` lets the model choose 4-15 s: 15 s is taken;
 * - reference videos add their seconds to the output's; a video whose length cannot be read
 *   here (a URL, an `asset://` id) adds nothing, and the estimate says "at least";
 * - a fraction of a frame counts as a frame, and a fraction of a token as a token (rounded up).
 */
import type { VideoRequest } from '../api/request-schema.js'

export const FPS = 24
export const DEFAULT_SIZE = '720p'
export const DEFAULT_SECONDS = 5
/** The longest video `seconds: -1` lets the model choose. */
export const SMART_SECONDS = 15
export const TEXT_RATIO = '16:9'

type Size = '480p' | '720p' | '1080p'
type FixedRatio = '16:9' | '4:3' | '1:1' | '3:4' | '9:16' | '21:9'

/** Output pixels of Seedance 2.0 (docs/powertokens-api.md; 720p 16:9 checked against the documented 108,900). */
export const PIXELS: Readonly<Record<Size, Readonly<Record<FixedRatio, readonly [number, number]>>>> = {
  '480p': { '16:9': [864, 496], '4:3': [752, 560], '1:1': [640, 640], '3:4': [560, 752], '9:16': [496, 864], '21:9': [992, 432] },
  '720p': { '16:9': [1280, 720], '4:3': [1112, 834], '1:1': [960, 960], '3:4': [834, 1112], '9:16': [720, 1280], '21:9': [1470, 630] },
  '1080p': { '16:9': [1920, 1080], '4:3': [1664, 1248], '1:1': [1440, 1440], '3:4': [1248, 1664], '9:16': [1080, 1920], '21:9': [2206, 946] }
}

/** Tokens of `seconds` of video at width x height: the published rule, rounded up. */
export function tokensFor(width: number, height: number, seconds: number): number {
  const frames = Math.ceil(FPS * seconds - 1e-9) + 1
  return Math.ceil((width * height * frames) / 1024 - 1e-9)
}

/** The ratio whose pixel count is the largest at this size (what `adaptive` is estimated at). */
export function largestRatio(size: Size): FixedRatio {
  const row = PIXELS[size]
  let best: FixedRatio = '16:9'
  for (const ratio of Object.keys(row) as FixedRatio[]) {
    const [w, h] = row[ratio]
    const [bw, bh] = row[best]
    if (w * h > bw * bh) best = ratio
  }
  return best
}

export interface Estimate {
  tokens: number
  /** Some reference video's length was unknown: the bill may be higher. */
  atLeast: boolean
  size: Size
  /** The ratio as sent, or as the API defaults it (`adaptive` with images). */
  ratio: string
  /** The ratio whose pixels were counted (`adaptive`: the size's largest). */
  countedRatio: FixedRatio
  width: number
  height: number
  /** The output's seconds as counted (`-1`: 15). */
  seconds: number
  /** Seconds of reference video counted (known lengths only). */
  inputSeconds: number
}

/** What the reference videos of a request add: each known length, and how many are unknown. */
export interface ReferenceLengths {
  /** Seconds of each reference video whose length is known (a measured workspace file). */
  known: readonly number[]
  /** Reference videos of unknown length (URLs, `asset://` ids). */
  unknown: number
}

/** The estimate of one request by the published rule. */
export function estimateRequest(
  body: Pick<VideoRequest, 'media' | 'seconds' | 'size' | 'ratio'>,
  refs: ReferenceLengths = { known: [], unknown: 0 }
): Estimate {
  const size: Size = body.size ?? DEFAULT_SIZE
  const ratio = body.ratio ?? (body.media.every((m) => m.type === 'text') ? TEXT_RATIO : 'adaptive')
  const countedRatio: FixedRatio = ratio === 'adaptive' ? largestRatio(size) : (ratio as FixedRatio)
  const [width, height] = PIXELS[size][countedRatio]
  const asked = body.seconds === undefined ? DEFAULT_SECONDS : Number(body.seconds)
  const seconds = asked === -1 ? SMART_SECONDS : asked
  const inputSeconds = refs.known.reduce((sum, s) => sum + (Number.isFinite(s) && s > 0 ? s : 0), 0)
  return {
    tokens: tokensFor(width, height, seconds + inputSeconds),
    atLeast: refs.unknown > 0,
    size,
    ratio,
    countedRatio,
    width,
    height,
    seconds,
    inputSeconds
  }
}

/** `108,900` */
export function formatTokens(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** `at least 108,900 tokens` / `108,900 tokens`. */
export function tokensText(e: Pick<Estimate, 'tokens' | 'atLeast'>): string {
  return `${e.atLeast ? 'at least ' : ''}${formatTokens(e.tokens)} tokens`
}

/** How the figure was reached, for the log: `720p 16:9 (1280x720), 5 s: 1280 x 720 x 121 frames / 1024`. */
export function describeEstimate(e: Estimate): string {
  const ratio = e.ratio === 'adaptive' ? `adaptive, counted as its largest, ${e.countedRatio}` : e.ratio
  const secs = e.inputSeconds > 0 ? `${e.seconds} s + ${Number(e.inputSeconds.toFixed(3))} s of reference video` : `${e.seconds} s`
  const frames = Math.ceil(FPS * (e.seconds + e.inputSeconds) - 1e-9) + 1
  const unknown = e.atLeast ? '; reference videos given by URL add their unknown length on top' : ''
  return `${e.size} ${ratio} (${e.width}x${e.height}), ${secs}: ${e.width} x ${e.height} x ${frames} frames / 1024${unknown}`
}

/** One entry's estimate; `free` says why it costs nothing (its video is not paid for by this step). */
export interface EntryEstimate {
  tokens: number
  atLeast: boolean
  free?: 'cache' | 'collect'
  detail?: Estimate
}

/** A sum of estimates: "at least" when any of them is. */
export interface Total {
  tokens: number
  atLeast: boolean
}
