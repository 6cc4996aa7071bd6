/**
 * action.yml, the one source of the inputs' names and defaults, read where the action runs. The
 * runner checks out the action's whole repository and runs `dist/index.js` from it, so
 * action.yml is the first one found above the running code: above `dist/` in the bundle, above
 * `src/step/` under local-action and the tests. Read once per process, when first asked.
 *
 * Only the `inputs:` block's `  <name>:` and `    default: <value>` lines are read, not the
 * whole file as YAML: a cold YAML parse of action.yml costs 20-27 ms of CPU on Node 24, a tenth
 * of a dry run, on every run; these lines take well under 1 ms. CI validates action.yml against
 * SchemaStore's schema, and `__tests__/input-table.test.ts` holds this reading equal to a full
 * YAML parse of the file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Folders above the running code searched for action.yml: dist/ or src/step/, then the repository. */
const LEVELS = 3

let inputs: ReadonlyMap<string, { default?: string }> | undefined
let defaults: Readonly<Record<string, string>> | undefined

/** The path of the action's action.yml. */
export function actionYmlPath(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (let i = 0; i <= LEVELS; i++) {
    const candidate = join(dir, 'action.yml')
    if (existsSync(candidate)) return candidate
    dir = dirname(dir)
  }
  throw new Error(`action.yml was not found above ${from}: the action runs from a checkout of its repository, with action.yml at its root.`)
}

/** Every input an action.yml text declares, by name, in its order, with its default as YAML reads it. */
export function readActionInputs(text: string): ReadonlyMap<string, { default?: string }> {
  const start = text.search(/^inputs:\s*$/m)
  const end = text.search(/^outputs:\s*$/m)
  const block = text.slice(start, end > start ? end : undefined)
  const found = new Map<string, { default?: string }>()
  let current: { default?: string } | undefined
  for (const line of block.split(/\r?\n/)) {
    const name = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line)
    if (name) found.set(name[1] as string, (current = {}))
    const value = /^ {4}default:\s*(.*?)\s*$/.exec(line)
    if (value && current) current.default = scalar(value[1] as string)
  }
  return found
}

/** A one-line YAML scalar: 'single-quoted' ('' is a quote), "double-quoted" (JSON escapes), or plain. */
function scalar(raw: string): string {
  if (/^'.*'$/.test(raw)) return raw.slice(1, -1).replace(/''/g, "'")
  if (/^".*"$/.test(raw)) return JSON.parse(raw) as string
  return raw
}

/** Every input the action's action.yml declares. */
export function actionInputs(): ReadonlyMap<string, { default?: string }> {
  inputs ??= readActionInputs(readFileSync(actionYmlPath(), 'utf8'))
  return inputs
}

/**
 * Each input's default as action.yml gives it: the runner fills these in, and a run without the
 * runner (local-action, the tests) or an input set to empty gets the same. An expression such
 * as `${{ github.token }}` is the runner's to evaluate, so it is no default here.
 */
export function inputDefaults(): Readonly<Record<string, string>> {
  if (defaults === undefined) {
    const out: Record<string, string> = {}
    for (const [name, spec] of actionInputs()) {
      if (spec.default !== undefined && !spec.default.includes('${{')) out[name] = spec.default
    }
    defaults = out
  }
  return defaults
}
