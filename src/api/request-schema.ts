/**
 * The request body of `POST /v1/videos`, field by field as docs/powertokens-api.md gives it.
 * Each rule carries the sentence the user sees when a value breaks it; the input that
 * supplied the value is named by the caller (see request.ts). Rules that involve more
 * than one field live in rules.ts.
 */
import * as z from 'zod/mini'

// Each run parses once: compiling a fast path with `new Function` would cost more than it saves.
z.config({ jitless: true })

export const MODELS = ['dreamina-seedance-2-0-260128', 'dreamina-seedance-2-0-fast-260128'] as const
export const DEFAULT_MODEL = MODELS[0]
/** Models that cannot render 1080p. */
export const NO_1080P_MODELS: readonly string[] = ['dreamina-seedance-2-0-fast-260128']

export const SECONDS = ['4', '5', '6', '7', '8', '9', '10', '11', '12', '15', '-1'] as const
export const SIZES = ['480p', '720p', '1080p'] as const
export const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'] as const
export const URL_MEDIA_TYPES = ['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio'] as const
export const MEDIA_TYPES = ['text', ...URL_MEDIA_TYPES] as const
export const SEED_MAX = 4294967295
export const SAFETY_IDENTIFIER_MAX = 64

export type UrlMediaType = (typeof URL_MEDIA_TYPES)[number]

const MEDIA_URL = /^(https:\/\/|http:\/\/|asset:\/\/|data:)/i

export const TextItem = z.strictObject({
  type: z.literal('text'),
  text: z.string('must be a string').check(z.refine((s) => s.trim() !== '', 'must not be empty'))
})

export const UrlItem = z.strictObject({
  type: z.enum(URL_MEDIA_TYPES),
  url: z.string('must be a string').check(z.regex(MEDIA_URL, 'must be an https://, http://, asset:// or data: URL'))
})

export const MediaItem = z.discriminatedUnion('type', [TextItem, UrlItem], {
  error: `must have a "type" of ${MEDIA_TYPES.join(', ')}`
})

export const VideoRequest = z.strictObject({
  model: z.enum(MODELS, `must be one of ${MODELS.join(', ')}`),
  media: z.array(MediaItem).check(z.minLength(1, 'needs at least one item (a prompt, a frame or a reference)')),
  seconds: z.optional(z.enum(SECONDS, 'must be one of 4 to 12, 15, or -1 (let the model choose)')),
  size: z.optional(z.enum(SIZES, `must be one of ${SIZES.join(', ')}`)),
  ratio: z.optional(z.enum(RATIOS, `must be one of ${RATIOS.join(', ')}`)),
  seed: z.optional(
    z
      .int(`must be a whole number from -1 to ${SEED_MAX}`)
      .check(z.gte(-1, `must be a whole number from -1 to ${SEED_MAX}`), z.lte(SEED_MAX, `must be a whole number from -1 to ${SEED_MAX}`))
  ),
  watermark: z.optional(z.boolean('must be true or false')),
  generate_audio: z.optional(z.boolean('must be true or false')),
  return_last_frame: z.optional(z.boolean('must be true or false')),
  safety_identifier: z.optional(z.string().check(z.maxLength(SAFETY_IDENTIFIER_MAX, `must be at most ${SAFETY_IDENTIFIER_MAX} characters`)))
})

export type MediaItem = z.infer<typeof MediaItem>
export type VideoRequest = z.infer<typeof VideoRequest>
