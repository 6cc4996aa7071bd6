/**
 * @actions/core's own imports of @actions/exec and @actions/http-client resolve to the stubs in
 * shims/ (npm overrides scoped under @actions/core). Every name core takes from them must
 * exist in the stubs, or a core update would break at load time; @actions/cache gets the real ones.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = process.cwd()
const coreLib = join(root, 'node_modules/@actions/core/lib')
const SHIMS: Record<string, string> = {
  '@actions/exec': 'shims/actions-exec/lib/exec.js',
  '@actions/http-client': 'shims/actions-http-client/lib/index.js',
  '@actions/http-client/lib/auth': 'shims/actions-http-client/lib/auth.js',
}

/** specifier -> names @actions/core uses from it (named imports and `ns.name` on namespace imports). */
function namesCoreImports(): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>()
  for (const file of readdirSync(coreLib).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(coreLib, file), 'utf8')
    for (const m of text.matchAll(/import\s+([^;]*?)\s+from\s+['"](@actions\/(?:exec|http-client)[^'"]*)['"]/g)) {
      const clause = m[1] ?? ''
      const spec = m[2] ?? ''
      const names = used.get(spec) ?? new Set<string>()
      used.set(spec, names)
      const ns = /\*\s+as\s+(\w+)/.exec(clause)
      if (ns) for (const u of text.matchAll(new RegExp(`\\b${ns[1] ?? ''}\\.(\\w+)`, 'g'))) names.add(u[1] ?? '')
      const named = /\{([^}]*)\}/.exec(clause)
      if (named) for (const n of (named[1] ?? '').split(',')) if (n.trim()) names.add(n.trim().split(/\s+as\s+/)[0] ?? '')
    }
  }
  return used
}

describe('shims for @actions/core', () => {
  it('export every name @actions/core imports from them', async () => {
    const used = namesCoreImports()
    expect([...used.keys()].sort()).toEqual(Object.keys(SHIMS).sort())
    for (const [spec, names] of used) {
      expect(names.size).toBeGreaterThan(0)
      const mod = (await import(pathToFileURL(join(root, SHIMS[spec] ?? '')).href)) as Record<string, unknown>
      for (const name of names) expect({ spec, name, exported: name in mod }).toEqual({ spec, name, exported: true })
    }
  })

  it('are used by @actions/core only; @actions/cache gets the real packages', () => {
    /** The version Node's lookup (node_modules upward from the package) finds for `name`. */
    const versionFor = (from: string, name: string): string => {
      for (let dir = join(root, 'node_modules', from); dir.startsWith(root); dir = dirname(dir)) {
        const candidate = join(dir, 'node_modules', name, 'package.json')
        if (existsSync(candidate)) return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version
      }
      throw new Error(`${name} not found from ${from}`)
    }
    expect(versionFor('@actions/core', '@actions/exec')).toMatch(/stub/)
    expect(versionFor('@actions/core', '@actions/http-client')).toMatch(/stub/)
    expect(versionFor('@actions/cache', '@actions/exec')).toMatch(/^\d+\.\d+\.\d+$/)
    expect(versionFor('@actions/cache', '@actions/http-client')).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
