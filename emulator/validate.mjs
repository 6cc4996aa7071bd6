// Independent validation of a `POST /v1/videos` body for the Seedance 2.0 models.
//
// Written from docs/powertokens-api.md (the request fields, the model rules), deliberately without
// reusing the action's own schema: if the action builds a body the API would refuse, an
// end-to-end test fails here with a 400 the way the real service would answer.

export const MODELS = ['dreamina-seedance-2-0-260128', 'dreamina-seedance-2-0-fast-260128']
export const FAST_MODEL = 'dreamina-seedance-2-0-fast-260128'
export const SECONDS = ['4', '5', '6', '7', '8', '9', '10', '11', '12', '15', '-1']
export const SIZES = ['480p', '720p', '1080p']
export const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive']
export const TOP_LEVEL = ['model', 'media', 'seconds', 'size', 'ratio', 'seed', 'watermark', 'generate_audio', 'return_last_frame', 'safety_identifier']
export const URL_TYPES = ['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio']
const URL_PREFIXES = ['https://', 'http://', 'asset://', 'data:']
const BOOLEANS = ['watermark', 'generate_audio', 'return_last_frame']

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
const show = (v) => (typeof v === 'string' ? JSON.stringify(v) : `${v === null ? 'null' : typeof v} ${JSON.stringify(v)}`)

/** Returns null when the body is acceptable, else a one-line message saying what is wrong. */
export function validateVideoRequest(body) {
  if (!isObject(body)) return 'the request body must be a JSON object'

  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL.includes(key)) return `unknown parameter "${key}" (allowed: ${TOP_LEVEL.join(', ')})`
  }

  // model
  if (!('model' in body)) return 'model is required'
  if (typeof body.model !== 'string') return `model must be a string, got ${show(body.model)}`
  if (!MODELS.includes(body.model)) return `model ${show(body.model)} is not supported; use one of ${MODELS.join(', ')}`

  // media
  if (!('media' in body)) return 'media is required'
  if (!Array.isArray(body.media)) return `media must be an array, got ${show(body.media)}`
  if (body.media.length === 0) return 'media must contain at least one item'
  const count = { text: 0, first_frame: 0, last_frame: 0, reference_image: 0, reference_video: 0, reference_audio: 0 }
  for (let i = 0; i < body.media.length; i++) {
    const item = body.media[i]
    const at = `media[${i}]`
    if (!isObject(item)) return `${at} must be an object, got ${show(item)}`
    if (typeof item.type !== 'string') return `${at}.type is required (text, ${URL_TYPES.join(', ')})`
    if (item.type === 'text') {
      for (const k of Object.keys(item)) if (k !== 'type' && k !== 'text') return `${at} has an unknown field "${k}" for type text`
      if (typeof item.text !== 'string') return `${at}.text must be a string`
      if (item.text.trim() === '') return `${at}.text must not be empty`
    } else if (URL_TYPES.includes(item.type)) {
      for (const k of Object.keys(item)) if (k !== 'type' && k !== 'url') return `${at} has an unknown field "${k}" for type ${item.type}`
      if (typeof item.url !== 'string') return `${at}.url is required for type ${item.type}`
      if (!URL_PREFIXES.some((p) => item.url.toLowerCase().startsWith(p)))
        return `${at}.url must start with https://, http://, asset:// or data:, got ${show(truncate(item.url))}`
      if (item.url.length <= item.url.indexOf(':') + (item.url.startsWith('data:') ? 1 : 3)) return `${at}.url is empty after its scheme`
    } else {
      return `${at}.type ${show(item.type)} is not supported (text, ${URL_TYPES.join(', ')})`
    }
    count[item.type]++
  }

  // optional scalar parameters
  if ('seconds' in body) {
    if (typeof body.seconds !== 'string') return `seconds must be a string such as "5", got ${show(body.seconds)}`
    if (!SECONDS.includes(body.seconds)) return `seconds ${show(body.seconds)} is not supported; use one of ${SECONDS.join(', ')}`
  }
  if ('size' in body) {
    if (!SIZES.includes(body.size)) return `size ${show(body.size)} is not supported; use one of ${SIZES.join(', ')}`
    if (body.size === '1080p' && body.model === FAST_MODEL) return `size "1080p" is not supported by ${FAST_MODEL}; use 480p or 720p`
  }
  if ('ratio' in body && !RATIOS.includes(body.ratio)) return `ratio ${show(body.ratio)} is not supported; use one of ${RATIOS.join(', ')}`
  if ('seed' in body) {
    if (!Number.isInteger(body.seed)) return `seed must be an integer, got ${show(body.seed)}`
    if (body.seed < -1 || body.seed > 4294967295) return `seed must be in [-1, 4294967295], got ${body.seed}`
  }
  for (const k of BOOLEANS) {
    if (k in body && typeof body[k] !== 'boolean') return `${k} must be a boolean, got ${show(body[k])}`
  }
  if ('safety_identifier' in body) {
    if (typeof body.safety_identifier !== 'string') return `safety_identifier must be a string, got ${show(body.safety_identifier)}`
    if (body.safety_identifier.length > 64) return `safety_identifier must be at most 64 characters, got ${body.safety_identifier.length}`
  }

  // mode rules (text only | first_frame [+ last_frame] | references)
  const frames = count.first_frame + count.last_frame
  const images = count.reference_image
  const videos = count.reference_video
  const audios = count.reference_audio
  const refs = images + videos + audios
  if (frames > 0 && refs > 0) return 'first_frame/last_frame cannot be mixed with reference_image/reference_video/reference_audio'
  if (count.first_frame > 1) return `at most one first_frame is allowed, got ${count.first_frame}`
  if (count.last_frame > 1) return `at most one last_frame is allowed, got ${count.last_frame}`
  if (count.last_frame > 0 && count.first_frame === 0) return 'last_frame requires a first_frame'
  if (images > 9) return `at most 9 reference_image items are allowed, got ${images}`
  if (videos > 3) return `at most 3 reference_video items are allowed, got ${videos}`
  if (audios > 3) return `at most 3 reference_audio items are allowed, got ${audios}`
  if (refs > 12) return `at most 12 reference items are allowed in all, got ${refs}`
  if (audios > 0 && images + videos === 0) return 'reference_audio requires at least one reference_image or reference_video'
  return null
}

function truncate(s) {
  return s.length > 60 ? `${s.slice(0, 60)}...` : s
}
