/**
 * The `media` input: the API's media array as JSON, or as YAML (flow or block) for
 * readability in a workflow file (YAML only when the value is not JSON).
 *
 * The value may come from anyone who can shape a workflow's inputs, so its size and
 * nesting are bounded before any recursive work (the YAML parser, the schema, the log
 * helpers): whatever is given ends in one sentence that names the input.
 */
import { parseDocument } from 'yaml'
import { InputError } from '../errors.js'

const EXAMPLE = '[{"type": "reference_image", "url": "https://example.com/a.png"}]'

/** Characters. More than any real list of media; inline data: URLs belong in workspace files. */
export const MEDIA_INPUT_MAX_CHARS = 1_000_000
/** Levels of arrays/objects: a list of flat items needs 2. */
export const MEDIA_INPUT_MAX_DEPTH = 8

export async function parseMediaInput(name: string, value: string): Promise<unknown[]> {
  const text = value.trim()
  if (text === '') return []
  const tooDeep = new InputError(
    `Input \`${name}\` is nested more than ${MEDIA_INPUT_MAX_DEPTH} levels deep: it must be a list of flat media items such as ${EXAMPLE}.`
  )
  if (text.length > MEDIA_INPUT_MAX_CHARS) {
    throw new InputError(
      `Input \`${name}\` is ${text.length} characters long, more than the ${MEDIA_INPUT_MAX_CHARS} allowed: put large media in workspace files and name them with {"type", "path"}.`
    )
  }
  // Brackets outside quoted strings bound the depth of JSON and of YAML flow collections
  // before either parser recurses into them.
  if (bracketDepth(text) > MEDIA_INPUT_MAX_DEPTH) throw tooDeep
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (jsonError) {
    data = await parseYaml(name, text, jsonError)
  }
  // Block YAML (`- - - x`) nests without brackets: measure what was built, without recursion.
  if (depthOf(data) > MEDIA_INPUT_MAX_DEPTH) throw tooDeep
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) data = [data]
  if (!Array.isArray(data)) {
    throw new InputError(`Input \`${name}\` must be a JSON or YAML list of media items such as ${EXAMPLE}.`)
  }
  return data
}

async function parseYaml(name: string, text: string, jsonError: unknown): Promise<unknown> {
  const fail = (reason: unknown): never => {
    const detail = reason instanceof Error ? reason.message.split('\n')[0] : String(reason)
    throw new InputError(`Input \`${name}\` must be a JSON or YAML list of media items such as ${EXAMPLE} (${detail}).`)
  }
  try {
    // Warnings (unknown tags such as `!!js/function`) are errors here, and nothing is printed.
    const doc = parseDocument(text, { prettyErrors: false, logLevel: 'silent', uniqueKeys: true })
    const problem = doc.errors[0] ?? doc.warnings[0]
    if (problem !== undefined && isStackOverflow(problem)) throw tooDeep(name)
    if (problem !== undefined) {
      if (text.startsWith('[') || text.startsWith('{')) fail(jsonError)
      fail(problem)
    }
    return doc.toJS({ maxAliasCount: 20 })
  } catch (err) {
    if (err instanceof InputError) throw err
    if (isStackOverflow(err)) throw tooDeep(name)
    return fail(text.startsWith('[') || text.startsWith('{') ? jsonError : err)
  }
}

function tooDeep(name: string): InputError {
  return new InputError(`Input \`${name}\` is nested too deeply to read: it must be a list of flat media items such as ${EXAMPLE}.`)
}

/** The parser ran out of stack, however it reports it (thrown, or kept as a document error). */
function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError || (err instanceof Error && /call stack/i.test(err.message))
}

/** The deepest nesting of `[`/`{` outside quoted strings (JSON or YAML flow style). */
function bracketDepth(text: string): number {
  let depth = 0
  let max = 0
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = undefined
    } else if (c === '"' || (c === "'" && /^[\s[{,:-]?$/.test(text[i - 1] ?? ''))) {
      // A single quote opens a string only where a YAML scalar may start, not in `it's`.
      quote = c
    } else if (c === '[' || c === '{') {
      max = Math.max(max, ++depth)
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1)
    }
  }
  return max
}

/** Levels of arrays/objects in a parsed value, walked with an explicit stack (no recursion). */
function depthOf(value: unknown): number {
  let max = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  const seen = new Set<object>()
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number]
    if (v === null || typeof v !== 'object') continue
    if (d + 1 > max) max = d + 1
    if (max > MEDIA_INPUT_MAX_DEPTH || seen.has(v)) continue
    seen.add(v)
    for (const child of Object.values(v)) stack.push([child, d + 1])
  }
  return max
}
