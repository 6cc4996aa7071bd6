// What a finished task reports in `usage`: Seedance's published rule (docs/powertokens-api.md) applied to the request, so
// the action's estimate and the emulated bill agree on a test.
//
//   tokens = width x height x frames / 1024, frames = 24 x seconds + 1 (rounded up)
//
// size defaults to 720p, seconds to 5 (`-1`: 15), ratio to 16:9 for a text-only request and
// `adaptive` otherwise; `adaptive` is billed at the size's largest pixel count (the emulator has
// no input image to follow). Reference videos add their seconds when the emulator knows them: an
// MP4 uploaded to its Asset Library (read from the file's `mvhd` box) and named by `asset://<id>`.
//
// Tags: `[emu:usage=strings]` sends the counts as numeric strings ("108900"), `[emu:usage=none]`
// sends no `usage` at all (`[emu:usage-strings]` and `[emu:no-usage]` are the same switches).

const PIXELS = {
  '480p': { '16:9': [864, 496], '4:3': [752, 560], '1:1': [640, 640], '3:4': [560, 752], '9:16': [496, 864], '21:9': [992, 432] },
  '720p': { '16:9': [1280, 720], '4:3': [1112, 834], '1:1': [960, 960], '3:4': [834, 1112], '9:16': [720, 1280], '21:9': [1470, 630] },
  '1080p': { '16:9': [1920, 1080], '4:3': [1664, 1248], '1:1': [1440, 1440], '3:4': [1248, 1664], '9:16': [1080, 1920], '21:9': [2206, 946] }
}

/** Seconds of an MP4 from its `mvhd` box, or undefined. */
export function mp4Seconds(data) {
  const at = data.indexOf('mvhd', 0, 'latin1')
  if (at < 4 || at + 32 > data.length) return undefined
  const version = data[at + 4]
  const timescale = version === 1 ? data.readUInt32BE(at + 24) : data.readUInt32BE(at + 16)
  const duration = version === 1 ? Number(data.readBigUInt64BE(at + 28)) : data.readUInt32BE(at + 20)
  return timescale > 0 && duration > 0 ? duration / timescale : undefined
}

/** Tokens of the request by the published rule. */
export function tokensOf(ctx, request) {
  const media = Array.isArray(request.media) ? request.media : []
  const size = PIXELS[request.size] ? request.size : '720p'
  const ratio = request.ratio ?? (media.every((m) => m?.type === 'text') ? '16:9' : 'adaptive')
  const row = PIXELS[size]
  const [width, height] = row[ratio] ?? Object.values(row).reduce((a, b) => (b[0] * b[1] > a[0] * a[1] ? b : a))
  const asked = request.seconds === undefined ? 5 : Number(request.seconds)
  let seconds = asked === -1 ? 15 : asked
  for (const item of media) {
    const id = item?.type === 'reference_video' && typeof item.url === 'string' && item.url.startsWith('asset://') ? item.url.slice(8) : null
    const upload = id === null ? undefined : ctx.uploads.find((u) => u.assetId === id)
    if (upload?.seconds) seconds += upload.seconds
  }
  const frames = Math.ceil(24 * seconds - 1e-9) + 1
  return Math.ceil((width * height * frames) / 1024 - 1e-9)
}

/** The `usage` object of a succeeded task, or undefined for `[emu:usage=none]`. */
export function usageOf(ctx, task) {
  const t = task.tags
  if (t.usage === 'none' || t['no-usage']) return undefined
  const tokens = tokensOf(ctx, task.request)
  const value = t.usage === 'strings' || t['usage-strings'] ? String(tokens) : tokens
  return { completion_tokens: value, total_tokens: value }
}
