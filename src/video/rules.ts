/**
 * The model's rules that involve more than one field, all in one place. The API may
 * enforce them with a 400 after the request is paid for in time; we refuse first.
 */
import { NO_1080P_MODELS, type VideoRequest } from '../api/request-schema.js'

export const LIMITS = { images: 9, videos: 3, audios: 3, references: 12 } as const

/**
 * Returns the first rule the request breaks, as a sentence, or undefined.
 * `sourceOf(i)` names the input that supplied media item i.
 */
export function checkRules(body: VideoRequest, sourceOf: (index: number) => string): string | undefined {
  const inputsOf = (pred: (type: string) => boolean): string =>
    [...new Set(body.media.flatMap((m, i) => (pred(m.type) ? [`\`${sourceOf(i)}\``] : [])))].join(', ')
  const count = (type: string): number => body.media.filter((m) => m.type === type).length

  const frames = count('first_frame') + count('last_frame')
  const images = count('reference_image')
  const videos = count('reference_video')
  const audios = count('reference_audio')
  const references = images + videos + audios

  if (frames > 0 && references > 0) {
    return (
      `Frames (${inputsOf((t) => t.endsWith('_frame'))}) cannot be combined with references ` +
      `(${inputsOf((t) => t.startsWith('reference_'))}): a request is text only, first/last frame, or references.`
    )
  }
  if (count('first_frame') > 1) return `Only one first frame is allowed (got ${count('first_frame')} from ${inputsOf((t) => t === 'first_frame')}).`
  if (count('last_frame') > 1) return `Only one last frame is allowed (got ${count('last_frame')} from ${inputsOf((t) => t === 'last_frame')}).`
  if (count('last_frame') === 1 && count('first_frame') === 0) {
    return `A last frame (${inputsOf((t) => t === 'last_frame')}) needs a first frame: set \`first-frame\` too.`
  }
  if (images > LIMITS.images) return `At most ${LIMITS.images} reference images are allowed (got ${images} from ${inputsOf((t) => t === 'reference_image')}).`
  if (videos > LIMITS.videos) return `At most ${LIMITS.videos} reference videos are allowed (got ${videos} from ${inputsOf((t) => t === 'reference_video')}).`
  if (audios > LIMITS.audios) return `At most ${LIMITS.audios} reference audios are allowed (got ${audios} from ${inputsOf((t) => t === 'reference_audio')}).`
  if (references > LIMITS.references)
    return `At most ${LIMITS.references} reference files are allowed in all (got ${references}) from ${inputsOf((t) => t.startsWith('reference_'))} together.`
  if (audios > 0 && images + videos === 0) {
    return `Reference audio (${inputsOf((t) => t === 'reference_audio')}) needs at least one reference image or video beside it.`
  }
  if (body.size === '1080p' && NO_1080P_MODELS.includes(body.model)) {
    return `Input \`size\` cannot be 1080p with model ${body.model} (set by \`model\`): use 480p or 720p, or the standard model.`
  }
  return undefined
}
