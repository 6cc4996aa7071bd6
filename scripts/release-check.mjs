#!/usr/bin/env node
// `node scripts/release-check.mjs <tag>`: run by .github/workflows/release.yml when a release is
// published. Checks that the tag is vX.Y.Z and names the version in package.json, then prints
// (and, on a runner, writes to GITHUB_OUTPUT) the major tag to move, e.g. `major=v1`.
// No network: the workflow checks dist/ and moves the tag itself.
import { appendFileSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The major tag for a release tag, or an Error saying in one sentence what is wrong.
 * Pre-releases (v1.2.0-rc.1) are refused: moving v1 to a pre-release would hand it to
 * everyone who pinned `@v1`.
 */
export function majorTagFor(tag, version) {
  const m = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(tag ?? '')
  if (!m) return new Error(`Release tag ${JSON.stringify(tag ?? '')} is not of the form vX.Y.Z (e.g. v1.2.3); pre-releases do not move the major tag.`)
  if (`v${version}` !== tag)
    return new Error(`Release tag ${tag} does not match package.json version ${version}: set "version": "${tag.slice(1)}" and tag again.`)
  return `v${m[1]}`
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.env.RELEASE_CHECK_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..')
  const tag = process.argv[2] ?? process.env.GITHUB_REF_NAME
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const major = majorTagFor(tag, version)
  if (major instanceof Error) {
    console.error(major.message)
    process.exit(1)
  }
  console.log(`major=${major}`)
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `major=${major}\n`)
}
