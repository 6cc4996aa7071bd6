/**
 * The one reader of inputs written as JSON or YAML (`media`, `batch`): JSON when the text is
 * JSON, else YAML (flow or block). The text may come from anyone who can shape a workflow's
 * inputs, so it is bounded in size before it is parsed, and in nesting by one rule: the levels
 * of lists and mappings in the parsed value (`depthOf`), not brackets counted in the text, so a
 * bracket inside a quoted prompt counts for nothing. JSON.parse does not recurse on the stack; a
 * YAML document nested deeper than the parser's stack is refused as too deep too. YAML tags and
 * warnings are refused, nothing is printed, and aliases are bounded.
 */
import { parseDocument } from 'yaml'
import { InputError } from '../errors.js'

export interface JsonOrYamlRules {
  /** The input, named in every refusal. */
  input: string
  /** The most characters the text may have (after trimming). */
  maxChars: number
  /** The most levels of lists and mappings the value may have: a list of flat items has 2. */
  maxDepth: number
  /** Alias nodes the YAML may expand (a bound on "billion laughs"). */
  maxAliases: number
  /** The sentence when the value is too deep. */
  tooDeep: string
  /** The sentence when the text is neither JSON nor YAML; `detail` is the parser's first line. */
  invalid: (detail: string) => string
  /** The sentence when the text is too long; `length` is its length in characters. */
  tooLong: (length: number) => string
}

/** Undefined for an empty text; otherwise the parsed value, within the rules, or an InputError naming the input. */
export function readJsonOrYaml(value: string, rules: JsonOrYamlRules): unknown {
  const text = value.trim()
  if (text === '') return undefined
  if (text.length > rules.maxChars) throw new InputError(rules.tooLong(text.length))
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (jsonError) {
    data = parseYaml(text, jsonError, rules)
  }
  if (depthOf(data, rules.maxDepth) > rules.maxDepth) throw new InputError(rules.tooDeep)
  return data
}

function parseYaml(text: string, jsonError: unknown, rules: JsonOrYamlRules): unknown {
  // Text that starts like JSON was meant as JSON: its error says more than YAML's.
  const detail = (reason: unknown): string => firstLine(text.startsWith('[') || text.startsWith('{') ? jsonError : reason)
  try {
    const doc = parseDocument(text, { prettyErrors: false, logLevel: 'silent', uniqueKeys: true })
    const problem = doc.errors[0] ?? doc.warnings[0]
    // The parser ran out of stack: nested deeper than any rule allows.
    if (problem !== undefined && problem.code === 'RESOURCE_EXHAUSTION' && doc.errors.length > 0) throw new InputError(rules.tooDeep)
    if (problem !== undefined) throw new InputError(rules.invalid(detail(problem)))
    return doc.toJS({ maxAliasCount: rules.maxAliases })
  } catch (err) {
    if (err instanceof InputError) throw err
    if (err instanceof RangeError) throw new InputError(rules.tooDeep)
    throw new InputError(rules.invalid(detail(err)))
  }
}

function firstLine(reason: unknown): string {
  return (reason instanceof Error ? reason.message : String(reason)).split('\n')[0] ?? ''
}

/**
 * Levels of lists and mappings in a parsed value (a scalar has 0, `[1]` has 1, `[{a: 1}]` 2),
 * walked with an explicit stack (no recursion). A value YAML aliases share is walked again only
 * where it sits deeper than before, and the walk stops once `stopPast` is passed (a YAML alias
 * can make a value contain itself).
 */
export function depthOf(value: unknown, stopPast = 10_000): number {
  let max = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  const deepest = new Map<object, number>()
  while (stack.length > 0 && max <= stopPast) {
    const [v, d] = stack.pop() as [unknown, number]
    if (v === null || typeof v !== 'object') continue
    if (d + 1 > max) max = d + 1
    if ((deepest.get(v) ?? -1) >= d) continue
    deepest.set(v, d)
    for (const child of Object.values(v)) stack.push([child, d + 1])
  }
  return max
}
