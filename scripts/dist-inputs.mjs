// What dist/ is built from, as one hash: `npm run bundle` writes it to dist/inputs.sha256, and
// `npm test` rebuilds dist/ first when it no longer matches (an edit under src/, a new dependency).
// By content, not by file times: a fresh clone gets every file at the same moment, in no useful
// order, and must not rebuild a dist/ that CI already checked is built from this source.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/** Files and folders whose content decides dist/ (node_modules/ inside them is skipped). */
export const DIST_INPUTS = ['src', 'tsconfig.json', 'package-lock.json', 'scripts/bundle.mjs', 'scripts/licenses.mjs', 'scripts/dist-inputs.mjs']
/** The fields of package.json that reach the bundle (scripts and devDependencies do not; the lockfile pins the tools). */
const PACKAGE_FIELDS = ['name', 'type', 'dependencies', 'overrides']

function files(root, path) {
  const st = statSync(join(root, path), { throwIfNoEntry: false })
  if (!st) return []
  if (!st.isDirectory()) return [path]
  return readdirSync(join(root, path))
    .filter((name) => name !== 'node_modules')
    .flatMap((name) => files(root, join(path, name)))
}

/** sha256 over the inputs of dist/ under `root`: paths (with /) and contents (line endings as LF). */
export function inputsHash(root) {
  const hash = createHash('sha256')
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  hash.update(`package.json\0${JSON.stringify(PACKAGE_FIELDS.map((f) => [f, pkg[f]]))}\0`)
  const all = DIST_INPUTS.flatMap((p) => files(root, p)).map((f) => relative(root, join(root, f)).split(sep).join('/'))
  for (const file of [...new Set(all)].sort()) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n'))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** Why dist/ under `root` is stale, or undefined when dist/inputs.sha256 matches its inputs. */
export function staleReason(root) {
  let recorded
  try {
    recorded = readFileSync(join(root, 'dist', 'inputs.sha256'), 'utf8').trim()
  } catch {
    return 'dist/inputs.sha256 is missing'
  }
  return recorded === inputsHash(root) ? undefined : 'src/, the dependencies or the build scripts changed since dist/ was built'
}
