/**
 * A local image as a `data:` URL (`local-images-as: data-url`), for frame and reference
 * images sent inline instead of through the Asset Library. Images only: whether the API takes
 * video or audio as base64 is not known.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { InputError } from '../errors.js'
import { formatSizes } from '../format.js'
import { readHead } from './readers.js'

/** Largest file sent inline (its base64 form is a third larger). */
export const DATA_URL_MAX_BYTES = 10 * 1024 * 1024

/**
 * `data:<mime>;base64,...` of `file`. `label` is the input's name and `display` the path as
 * the user wrote it; both appear in errors.
 */
export async function toDataUrl(
  file: string | FileHandle,
  mime: string,
  label: string,
  maxBytes = DATA_URL_MAX_BYTES,
  display = typeof file === 'string' ? file : 'the file'
): Promise<string> {
  const where = `Input \`${label}\` file ${display}`
  if (!/^image\/[\w.+-]+$/i.test(mime)) {
    throw new InputError(`${where} is ${mime}: only images can be sent as data: URLs (\`local-images-as: data-url\`); upload it to the Asset Library instead.`)
  }
  const handle = typeof file === 'string' ? await open(file, 'r') : file
  try {
    const { size } = await handle.stat()
    if (size > maxBytes) {
      const [actual, cap] = formatSizes(size, maxBytes)
      throw new InputError(
        `${where} is ${actual}: images sent as data: URLs (\`local-images-as: data-url\`) must be at most ${cap}; upload it to the Asset Library instead.`
      )
    }
    const bytes = await readHead(handle, size)
    return `data:${mime.toLowerCase()};base64,${bytes.toString('base64')}`
  } finally {
    if (typeof file === 'string') await handle.close()
  }
}
