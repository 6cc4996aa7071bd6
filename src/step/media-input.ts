/**
 * The `media` input: the API's media array as JSON, or as YAML (flow or block) for
 * readability in a workflow file (YAML only when the value is not JSON), read by the one
 * JSON-or-YAML reader (json-or-yaml.ts): its size and nesting bounded, whatever is given
 * ends in one sentence that names the input.
 */
import { InputError } from '../errors.js'
import { readJsonOrYaml } from './json-or-yaml.js'

const EXAMPLE = '[{"type": "reference_image", "url": "https://example.com/a.png"}]'

/** Characters. More than any real list of media; inline data: URLs belong in workspace files. */
export const MEDIA_INPUT_MAX_CHARS = 1_000_000
/** Levels of lists and mappings in the parsed value: a list of flat items has 2. */
export const MEDIA_INPUT_MAX_DEPTH = 8

export async function parseMediaInput(name: string, value: string): Promise<unknown[]> {
  let data = readJsonOrYaml(value, {
    input: name,
    maxChars: MEDIA_INPUT_MAX_CHARS,
    maxDepth: MEDIA_INPUT_MAX_DEPTH,
    maxAliases: 20,
    tooDeep: `Input \`${name}\` is nested more than ${MEDIA_INPUT_MAX_DEPTH} levels deep: it must be a list of flat media items such as ${EXAMPLE}.`,
    invalid: (detail) => `Input \`${name}\` must be a JSON or YAML list of media items such as ${EXAMPLE} (${detail}).`,
    tooLong: (length) =>
      `Input \`${name}\` is ${length} characters long, more than the ${MEDIA_INPUT_MAX_CHARS} allowed: put large media in workspace files and name them with {"type", "path"}.`
  })
  if (data === undefined) return []
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) data = [data]
  if (!Array.isArray(data)) {
    throw new InputError(`Input \`${name}\` must be a JSON or YAML list of media items such as ${EXAMPLE}.`)
  }
  return data
}
