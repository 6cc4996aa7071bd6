/**
 * What `npm run bundle` adds to ncc's output: dist/licenses.txt from the build's whole module graph
 * (ncc's own `--license` lost the packages of all chunks but one), and dist/inputs.sha256, which
 * `npm test` compares to decide whether dist/ must be rebuilt first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { inputsHash as hashOf, staleReason as stale } from '../scripts/dist-inputs.mjs'
import { bundledPackages as packagesOf, missingEntries as missing, renderLicenses as render } from '../scripts/licenses.mjs'

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'seedance-bundle-test-'))
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

function write(path: string, text: string): string {
  const file = join(root, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  return file
}

describe('dist/licenses.txt', () => {
  it('credits every package of every chunk, concatenated and nested modules included, and only packages', () => {
    write('node_modules/a/package.json', JSON.stringify({ name: 'a', version: '1.0.0', license: 'MIT' }))
    write('node_modules/a/LICENSE', 'MIT License\r\n\r\nCopyright a\r\n')
    write('node_modules/a/dist/esm/package.json', JSON.stringify({ type: 'module' })) // not a package of its own
    write('node_modules/@s/b/package.json', JSON.stringify({ name: '@s/b', license: { type: 'ISC' } }))
    write('node_modules/c/package.json', JSON.stringify({ name: 'c', license: 'Apache-2.0' }))
    write('node_modules/c/licence.txt', 'Apache text\n')
    write('node_modules/c/node_modules/a/package.json', JSON.stringify({ name: 'a', version: '2.0.0', license: 'MIT' }))
    const stats = {
      modules: [
        { nameForCondition: join(root, 'src/index.ts'), chunks: [1] },
        { nameForCondition: join(root, 'node_modules/a/dist/esm/index.js'), chunks: [1] },
        // a concatenated module: its parts are only listed inside it
        {
          name: './node_modules/c/index.js + 2 modules',
          chunks: [2],
          modules: [{ nameForCondition: join(root, 'node_modules/c/index.js') }, { nameForCondition: join(root, 'node_modules/@s/b/lib/x.js') }]
        },
        { nameForCondition: join(root, 'node_modules/c/node_modules/a/i.js'), chunks: [] }
      ],
      chunks: [{ id: 3, modules: [{ nameForCondition: join(root, 'node_modules/c/lib/y.js') }] }]
    }
    const packages = packagesOf(stats)
    expect(packages).toEqual([
      { name: '@s/b', dir: join(root, 'node_modules/@s/b') },
      { name: 'a', dir: join(root, 'node_modules/a') },
      { name: 'c', dir: join(root, 'node_modules/c') }
    ])
    const text = render(packages)
    expect(text).toBe('@s/b\nISC\n\na\nMIT\nMIT License\n\nCopyright a\n\n\nc\nApache-2.0\nApache text\n')
    expect(missing(text, ['a', '@s/b', 'c'])).toEqual([])
    expect(missing(text, ['a', 'zod', '@s/b'])).toEqual(['zod'])
  })

  it('refuses a package whose license cannot be found', () => {
    write('node_modules/mystery/package.json', JSON.stringify({ name: 'mystery' }))
    expect(() => render([{ name: 'mystery', dir: join(root, 'node_modules/mystery') }])).toThrow(/No license id or license file found for: mystery/)
  })

  it('the committed file credits @actions/core and zod, compiled into dist/index.js', () => {
    const committed = readFileSync(join(process.cwd(), 'dist', 'licenses.txt'), 'utf8')
    expect(missing(committed, ['@actions/core', 'zod', '@actions/cache', 'file-type'])).toEqual([])
  })
})

describe('dist/inputs.sha256', () => {
  it('changes with the source, the dependencies or the build scripts; not with line endings or package.json scripts', () => {
    const project = join(root, 'project')
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(project, path)), { recursive: true })
      writeFileSync(join(project, path), text)
    }
    const pkg = { name: 'p', type: 'module', scripts: { test: 'jest' }, dependencies: { a: '^1.0.0' } }
    put('package.json', JSON.stringify(pkg))
    put('package-lock.json', '{}')
    put('tsconfig.json', '{}')
    put('src/index.ts', 'export const a = 1\n')
    put('src/node_modules/ignored.js', 'x')
    expect(stale(project)).toBe('dist/inputs.sha256 is missing')
    put('dist/inputs.sha256', `${hashOf(project)}\n`)
    expect(stale(project)).toBeUndefined()

    put('src/index.ts', 'export const a = 1\r\n') // a Windows checkout
    put('package.json', JSON.stringify({ ...pkg, scripts: { test: 'jest --ci' } }))
    put('src/node_modules/ignored.js', 'y')
    expect(stale(project)).toBeUndefined()

    put('src/index.ts', 'export const a = 2\n')
    expect(stale(project)).toMatch(/changed since dist\/ was built/)
    put('src/index.ts', 'export const a = 1\n')
    put('package.json', JSON.stringify({ ...pkg, dependencies: { a: '^1.1.0' } }))
    expect(stale(project)).toMatch(/changed since dist\/ was built/)
  })
})
