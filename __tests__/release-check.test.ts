import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The release workflow's logic, run as the workflow runs it: `node scripts/release-check.mjs <tag>`.
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function check(tag: string | undefined, version: string) {
  const dir = mkdtempSync(join(tmpdir(), 'seedance-release-check-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version }))
  const output = join(dir, 'output')
  writeFileSync(output, '')
  const args = tag === undefined ? [] : [tag]
  const r = spawnSync(process.execPath, ['scripts/release-check.mjs', ...args], {
    env: { PATH: process.env.PATH, RELEASE_CHECK_ROOT: dir, GITHUB_OUTPUT: output, GITHUB_REF_NAME: 'v7.0.0' },
    encoding: 'utf8'
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, output: readFileSync(output, 'utf8') }
}

describe('release-check', () => {
  it('a vX.Y.Z tag that matches package.json moves the major tag', () => {
    const r = check('v1.4.2', '1.4.2')
    expect(r.code).toBe(0)
    expect(r.output).toBe('major=v1\n')
  })

  it('reads the tag from GITHUB_REF_NAME when none is given', () => {
    const r = check(undefined, '7.0.0')
    expect(r.code).toBe(0)
    expect(r.output).toBe('major=v7\n')
  })

  it('a tag that does not match package.json fails and says what to set', () => {
    const r = check('v1.5.0', '1.4.2')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Release tag v1.5.0 does not match package.json version 1.4.2: set "version": "1.5.0"')
    expect(r.output).toBe('')
  })

  it.each(['1.4.2', 'v1.4', 'v1.4.2-rc.1', 'v01.4.2', 'release-1'])('refuses the tag %s', (tag) => {
    const r = check(tag, '1.4.2')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/is not of the form vX\.Y\.Z/)
    expect(r.output).toBe('')
  })
})
