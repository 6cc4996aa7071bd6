// dist/licenses.txt: the notice of every package whose code is in dist/.
//
// Why not ncc's own `--license licenses.txt`: its license plugin writes one file per chunk, all
// under that one name, so with code splitting (the action loads the cache client on demand) the
// last chunk written wins, and the packages of the other chunks went missing (`@actions/core` and
// `zod` among them, both in dist/index.js). Here the list comes from the build's module graph
// (ncc's `--stats-out`): every module of every chunk, the concatenated ones included.
//
//   bundledPackages(stats, root)   -> [{ name, dir }] of the packages under node_modules/ in a build
//   renderLicenses(packages)       -> the text of licenses.txt (ncc's format: name, license id, text)
//   missingEntries(text, names)    -> the names that have no entry in a licenses.txt text
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, sep } from 'node:path'

/** Every module path a webpack stats object names, the modules nested in concatenated ones included. */
export function modulePaths(stats) {
  const paths = new Set()
  const visit = (m) => {
    if (typeof m.nameForCondition === 'string') paths.add(m.nameForCondition)
    for (const inner of m.modules ?? []) visit(inner)
  }
  for (const m of stats.modules ?? []) visit(m)
  for (const chunk of stats.chunks ?? []) for (const m of chunk.modules ?? []) visit(m)
  for (const child of stats.children ?? []) for (const p of modulePaths(child)) paths.add(p)
  return paths
}

/**
 * The packages (directories right under a node_modules/ folder, scoped ones included) that the
 * modules of a build come from, sorted by name. Modules outside node_modules/ are this project's
 * own code (src/), under its own LICENSE. Over-inclusive by design: a module webpack
 * listed but dropped costs a line; a package left out is a notice missing.
 */
export function bundledPackages(stats) {
  const byName = new Map()
  for (const path of modulePaths(stats)) {
    const marker = `${sep}node_modules${sep}`
    const at = path.lastIndexOf(marker)
    if (at < 0) continue
    const parts = path.slice(at + marker.length).split(sep)
    const rel = parts[0]?.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)
    const dir = path.slice(0, at + marker.length) + rel.join(sep)
    const name = readPackageJson(dir)?.name ?? rel.join('/')
    const known = byName.get(name)
    // One entry per name; of several copies (versions) the first path in sort order, so the file is stable.
    if (!known || dir < known.dir) byName.set(name, { name, dir })
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function readPackageJson(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  } catch {
    return undefined
  }
}

/** The license id of a package.json (`license`, `license.type`, or a single `licenses[].type`). */
export function licenseId(pkg) {
  const l = pkg?.license
  if (typeof l === 'string') return l
  if (l && typeof l.type === 'string') return l.type
  if (Array.isArray(pkg?.licenses) && pkg.licenses.length > 0)
    return pkg.licenses
      .map((x) => x?.type)
      .filter(Boolean)
      .join(' OR ')
  return undefined
}

/** The text of a package's license file (`LICENSE`, `LICENSE.md`, `licence.txt`, ..., or `SEE LICENSE IN <file>`). */
export function licenseText(dir, id) {
  const see = /^SEE LICENSE IN (\S+)/.exec(id ?? '')
  const names = see
    ? [see[1]]
    : readdirSync(dir)
        .filter((n) => /^licen[cs]e/i.test(n))
        .sort()
  for (const name of names) {
    const file = join(dir, name)
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) return readFileSync(file, 'utf8').replace(/\r\n/g, '\n')
  }
  return undefined
}

/**
 * licenses.txt in the format ncc wrote: per package, sorted by name, its name, its license id and
 * its license text, separated by a blank line. Throws when a package has neither an id nor a text.
 */
export function renderLicenses(packages) {
  const entries = []
  const unknown = []
  for (const { name, dir } of packages) {
    const id = licenseId(readPackageJson(dir))
    const text = licenseText(dir, id)
    if (!id && !text) unknown.push(`${name} (${dir})`)
    entries.push([name, id, text].filter((x) => x !== undefined).join('\n'))
  }
  if (unknown.length > 0)
    throw new Error(`No license id or license file found for: ${unknown.join(', ')}. Find the license and add it here before the code ships.`)
  return `${entries.join('\n\n').trim()}\n`
}

/** The names among `names` that have no entry in `text` (an entry starts with the name on a line of its own after a blank line, or at the top). */
export function missingEntries(text, names) {
  const heads = new Set()
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  for (let i = 0; i < lines.length; i++) if (i === 0 || lines[i - 1] === '') heads.add(lines[i])
  return names.filter((n) => !heads.has(n))
}
