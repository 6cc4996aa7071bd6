/**
 * The duration of a WAV or an MP3, from the whole file (at most 15 MB, the size rule comes
 * first). Only the two formats the model takes, so no general metadata parser is bundled: the
 * one used before loaded each of its format parsers on demand, a dozen chunks in dist/.
 * A file whose duration cannot be told gives undefined; a file that is not what its magic
 * bytes said throws (the caller names the file and the rule).
 */

export function audioDurationOf(bytes: Buffer, mimeType: string): number | undefined {
  if (mimeType === 'audio/wav') return wavDuration(bytes)
  if (mimeType === 'audio/mpeg') return mp3Duration(bytes)
  return undefined
}

/** RIFF/WAVE: the `data` chunk's length over the `fmt ` chunk's rate (a `fact` chunk's sample count for compressed data). */
export function wavDuration(b: Buffer): number | undefined {
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE') throw new Error('no RIFF/WAVE header')
  let fmt: { tag: number; sampleRate: number; byteRate: number; blockAlign: number } | undefined
  let factSamples: number | undefined
  let dataBytes: number | undefined
  for (let at = 12; at + 8 <= b.length; ) {
    const id = b.toString('latin1', at, at + 4)
    const size = b.readUInt32LE(at + 4)
    const body = at + 8
    if (id === 'fmt ' && body + 16 <= b.length) {
      fmt = { tag: b.readUInt16LE(body), sampleRate: b.readUInt32LE(body + 4), byteRate: b.readUInt32LE(body + 8), blockAlign: b.readUInt16LE(body + 12) }
    } else if (id === 'fact' && body + 4 <= b.length) {
      factSamples = b.readUInt32LE(body)
    } else if (id === 'data') {
      // A streamed or cut file says more than it holds: what is there is what plays.
      dataBytes = Math.min(size, b.length - body)
      break
    }
    at = body + size + (size & 1)
  }
  if (fmt === undefined) throw new Error('no fmt chunk')
  if (dataBytes === undefined) throw new Error('no data chunk')
  if (fmt.sampleRate === 0) return undefined
  // PCM (1), IEEE float (3) and the extensible header (0xFFFE) are counted in blocks; others by `fact`.
  const blockCounted = fmt.tag === 1 || fmt.tag === 3 || fmt.tag === 0xfffe
  if (!blockCounted && factSamples !== undefined) return factSamples / fmt.sampleRate
  if (fmt.blockAlign > 0) return Math.floor(dataBytes / fmt.blockAlign) / fmt.sampleRate
  return fmt.byteRate > 0 ? dataBytes / fmt.byteRate : undefined
}

// MPEG audio frame headers: kbit/s by [version 1 or 2][layer 1..3][index], sample rates by version.
const BITRATES: Record<'1' | '2', number[][]> = {
  '1': [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
  ],
  '2': [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
  ]
}
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] }

interface Frame {
  /** MPEG version bits (3: 1, 2: 2, 0: 2.5), layer (1..3): a stream keeps both. */
  kind: number
  sampleRate: number
  samples: number
  length: number
  mono: boolean
  v1: boolean
}

function frameAt(b: Buffer, at: number): Frame | undefined {
  if (at + 4 > b.length || b[at] !== 0xff || ((b[at + 1] as number) & 0xe0) !== 0xe0) return undefined
  const b1 = b[at + 1] as number
  const b2 = b[at + 2] as number
  const version = (b1 >> 3) & 3
  const layer = 4 - ((b1 >> 1) & 3)
  const rateIndex = b2 >> 4
  const srIndex = (b2 >> 2) & 3
  if (version === 1 || layer === 4 || rateIndex === 0 || rateIndex === 15 || srIndex === 3) return undefined
  const v1 = version === 3
  const kbps = (BITRATES[v1 ? '1' : '2'][layer - 1] as number[])[rateIndex] as number
  const sampleRate = (SAMPLE_RATES[version] as number[])[srIndex] as number
  const padding = (b2 >> 1) & 1
  const samples = layer === 1 ? 384 : layer === 3 && !v1 ? 576 : 1152
  const length = layer === 1 ? (Math.floor((12 * kbps * 1000) / sampleRate) + padding) * 4 : Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + padding
  return { kind: version * 4 + layer, sampleRate, samples, length, mono: (((b[at + 3] as number) >> 6) & 3) === 3, v1 }
}

function sameStream(a: Frame, b: Frame | undefined): boolean {
  return b !== undefined && a.kind === b.kind && a.sampleRate === b.sampleRate
}

/** Past any ID3v2 tags at the start. */
function afterId3(b: Buffer): number {
  let at = 0
  while (at + 10 <= b.length && b.toString('latin1', at, at + 3) === 'ID3') {
    const size = (((b[at + 6] as number) & 0x7f) << 21) | (((b[at + 7] as number) & 0x7f) << 14) | (((b[at + 8] as number) & 0x7f) << 7) | ((b[at + 9] as number) & 0x7f)
    at += 10 + size + (((b[at + 5] as number) & 0x10) !== 0 ? 10 : 0)
  }
  return at
}

/** A Xing/Info or VBRI header in the first frame: the encoder's own frame count. */
function declaredFrames(b: Buffer, at: number, f: Frame): number | undefined {
  const xing = at + 4 + (f.v1 ? (f.mono ? 17 : 32) : f.mono ? 9 : 17)
  const tag = xing + 12 <= b.length ? b.toString('latin1', xing, xing + 4) : ''
  if ((tag === 'Xing' || tag === 'Info') && (b.readUInt32BE(xing + 4) & 1) !== 0) return b.readUInt32BE(xing + 8)
  const vbri = at + 36
  if (vbri + 18 <= b.length && b.toString('latin1', vbri, vbri + 4) === 'VBRI') return b.readUInt32BE(vbri + 14)
  return undefined
}

/**
 * MPEG audio: the frame count a Xing/Info/VBRI header declares, else every frame counted. The
 * first frame is one followed by another of the same stream (or the end); after it, a frame is
 * a header of that stream (version, layer, sample rate) that fits in the file. Tags and junk
 * between frames are stepped over rather than read as audio.
 */
export function mp3Duration(b: Buffer): number | undefined {
  let at = afterId3(b)
  let first: Frame | undefined
  let samples = 0
  while (at + 4 <= b.length) {
    const frame = frameAt(b, at)
    const next = frame === undefined ? b.length + 1 : at + frame.length
    if (frame === undefined || next > b.length || !sameStream(frame, first ?? (next + 4 > b.length ? frame : frameAt(b, next)))) {
      at++
      continue
    }
    if (first === undefined) {
      first = frame
      const declared = declaredFrames(b, at, frame)
      if (declared !== undefined && declared > 0) return (declared * frame.samples) / frame.sampleRate
    }
    samples += frame.samples
    at = next
  }
  if (first === undefined) throw new Error('no MPEG audio frames')
  return samples / first.sampleRate
}
