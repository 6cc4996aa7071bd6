/**
 * action.yml, the one source of the inputs' names and defaults, read where the action runs. The
 * runner checks out the action's whole repository and runs `dist/index.js` from it, so
 * action.yml is the first one found above the running code: above `dist/` in the bundle, above
 * `src/step/` under local-action and the tests. Read once per process, when first asked.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

interface ActionYaml {
  inputs: Record<string, { default?: string } | null>
}

let inputs: ReadonlyMap<string, { default?: string }> | undefined
let defaults: Readonly<Record<string, string>> | undefined

/** Folders above the running code searched for action.yml: dist/ or src/step/, then the repository. */
const LEVELS = 3

/** The path of the action's action.yml (exported for the test that holds the input table to it). */
export function actionYmlPath(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (let i = 0; i <= LEVELS; i++) {
    const candidate = join(dir, 'action.yml')
    if (existsSync(candidate)) return candidate
    dir = dirname(dir)
  }
  throw new Error(`action.yml was not found above ${from}: the action runs from a checkout of its repository, with action.yml at its root.`)
}

/** Every input action.yml declares, by name, in its order. */
export function actionInputs(): ReadonlyMap<string, { default?: string }> {
  if (inputs === undefined) {
    const action = parse(readFileSync(actionYmlPath(), 'utf8')) as ActionYaml
    inputs = new Map(Object.entries(action.inputs).map(([name, spec]) => [name, spec ?? {}]))
  }
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
      if (spec.default !== undefined && !String(spec.default).includes('${{')) out[name] = String(spec.default)
    }
    defaults = out
  }
  return defaults
}
