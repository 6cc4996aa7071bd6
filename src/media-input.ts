/**
 * The `media` input: the API's media array as JSON, or as YAML (flow or block) for
 * readability in a workflow file. The YAML parser is loaded only when the value is not JSON.
 */
import { InputError } from './errors.js'

const EXAMPLE = '[{"type": "reference_image", "url": "https://example.com/a.png"}]'

export async function parseMediaInput(name: string, value: string): Promise<unknown[]> {
  const text = value.trim()
  if (text === '') return []
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (jsonError) {
    const { parse } = await import('yaml')
    try {
      data = parse(text)
    } catch (yamlError) {
      const reason = text.startsWith('[') || text.startsWith('{') ? jsonError : yamlError
      const detail = reason instanceof Error ? reason.message.split('\n')[0] : String(reason)
      throw new InputError(`Input \`${name}\` must be a JSON or YAML list of media items such as ${EXAMPLE} (${detail}).`)
    }
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) data = [data]
  if (!Array.isArray(data)) {
    throw new InputError(`Input \`${name}\` must be a JSON or YAML list of media items such as ${EXAMPLE}.`)
  }
  return data
}
