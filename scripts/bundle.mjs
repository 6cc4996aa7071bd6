#!/usr/bin/env node
// `npm run bundle`: dist/ from src/index.ts with ncc, then dist/licenses.txt from the build's own
// module graph (scripts/licenses.mjs says why not ncc's `--license`), then two checks that fail
// the build: every package whose code is in dist/ has an entry in dist/licenses.txt, and
// dist/inputs.sha256 records what dist/ was built from (scripts/test.mjs compares it).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundledPackages, missingEntries, renderLicenses } from './licenses.mjs'
import { inputsHash } from './dist-inputs.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const work = mkdtempSync(join(tmpdir(), 'seedance-bundle-'))
try {
  rmSync(dist, { recursive: true, force: true })
  const stats = join(work, 'stats.json')
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  const args = [ncc, 'build', 'src/index.ts', '-o', 'dist', '--minify', '--target', 'es2022', '--stats-out', stats, ...process.argv.slice(2)]
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (r.error) throw r.error
  if (r.status !== 0) process.exit(r.status ?? 1)

  const packages = bundledPackages(JSON.parse(readFileSync(stats, 'utf8')))
  writeFileSync(join(dist, 'licenses.txt'), renderLicenses(packages))
  const missing = missingEntries(
    readFileSync(join(dist, 'licenses.txt'), 'utf8'),
    packages.map((p) => p.name)
  )
  if (missing.length > 0) {
    console.error(`dist/licenses.txt has no entry for ${missing.join(', ')}, whose code is in dist/.`)
    process.exit(1)
  }
  writeFileSync(join(dist, 'inputs.sha256'), `${inputsHash(root)}\n`)
  console.log(`dist/licenses.txt: ${packages.length} packages.`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
