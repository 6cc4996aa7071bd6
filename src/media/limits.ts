/**
 * The model's rules for media files (docs/powertokens-api.md, "Limits on media"): sizes,
 * image dimensions, durations and frame rates, checked against what was read from a file.
 * Each broken rule is one sentence; the caller prefixes the input and the file. Pure.
 */
import { InputError } from '../errors.js'
import { formatBytes, formatSizes, MB } from '../format.js'
import type { MediaRole } from './formats.js'

export const MEDIA_LIMITS = {
  image: {
    /** Exclusive: an image must be smaller than this. */
    maxBytes: 30 * MB,
    minSide: 300,
    maxSide: 6000,
    minAspect: 0.4,
    maxAspect: 2.5
  },
  video: {
    maxBytes: 50 * MB,
    minSeconds: 2,
    maxSeconds: 15,
    /** All reference videos together. */
    totalSeconds: 15,
    minFps: 24,
    maxFps: 60
  },
  audio: {
    maxBytes: 15 * MB,
    minSeconds: 2,
    maxSeconds: 15,
    /** All reference audios together. */
    totalSeconds: 15
  },
  /** 23.976 fps (film on NTSC) counts as 24. */
  fpsTolerance: 0.05
} as const

function seconds(s: number): string {
  return `${Number(s.toFixed(2))} s`
}

const PLURAL: Readonly<Record<MediaRole, string>> = { image: 'images', video: 'videos', audio: 'audio files' }

/** The size rule for `role`, or undefined when `bytes` keeps it. */
export function sizeRule(role: MediaRole, bytes: number): string | undefined {
  const cap = MEDIA_LIMITS[role].maxBytes
  if (role === 'image' ? bytes < cap : bytes <= cap) return undefined
  const [size, limit] = bytes === cap ? [formatBytes(bytes), formatBytes(cap)] : formatSizes(bytes, cap)
  return `is ${size}: ${PLURAL[role]} must be ${role === 'image' ? 'smaller than' : 'at most'} ${limit}.`
}

/** The dimension and aspect rules for images. */
export function imageRule(width: number, height: number): string | undefined {
  const { minSide, maxSide, minAspect, maxAspect } = MEDIA_LIMITS.image
  if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) {
    return `is ${width}x${height} px: images must be ${minSide}-${maxSide} px a side.`
  }
  const aspect = width / height
  if (aspect < minAspect || aspect > maxAspect) {
    return `is ${width}x${height} px (width/height ${Number(aspect.toFixed(2))}): images must have an aspect ratio of ${minAspect}-${maxAspect}.`
  }
  return undefined
}

/** The duration rule for one video or audio file. */
export function durationRule(durationSec: number, role: 'video' | 'audio'): string | undefined {
  const { minSeconds, maxSeconds } = MEDIA_LIMITS[role]
  const ms = Math.round(durationSec * 1000) // containers store ticks: 15 s may read as 15.0000001
  if (ms < minSeconds * 1000 || ms > maxSeconds * 1000) return `is ${seconds(durationSec)} long: ${PLURAL[role]} must be ${minSeconds}-${maxSeconds} s.`
  return undefined
}

/** The frame-rate rule for videos (23.976 fps counts as 24). */
export function fpsRule(fps: number | undefined): string | undefined {
  const { minFps, maxFps } = MEDIA_LIMITS.video
  const tol = MEDIA_LIMITS.fpsTolerance
  if (fps !== undefined && (fps < minFps - tol || fps > maxFps + tol)) return `plays at ${Number(fps.toFixed(2))} fps: videos must be ${minFps}-${maxFps} fps.`
  return undefined
}

/** What checkTotals needs of a checked file. */
export interface Timed {
  role: MediaRole
  durationSec?: number
  label: string
  displayPath: string
}

/** Reference videos and reference audios each add up to at most 15 s. */
export function checkTotals(infos: readonly Timed[]): void {
  for (const role of ['video', 'audio'] as const) {
    const items = infos.filter((i) => i.role === role && i.durationSec !== undefined)
    const total = items.reduce((sum, i) => sum + (i.durationSec as number), 0)
    const max = MEDIA_LIMITS[role].totalSeconds
    if (Math.round(total * 1000) > max * 1000) {
      const labels = [...new Set(items.map((i) => `\`${i.label}\``))]
      const list = items.map((i) => `${i.displayPath} ${seconds(i.durationSec as number)}`).join(', ')
      throw new InputError(
        `${labels.length > 1 ? 'Inputs' : 'Input'} ${labels.join(', ')}: the reference ${PLURAL[role]} add up to ${seconds(total)} (${list}); at most ${max} s in all.`
      )
    }
  }
}
