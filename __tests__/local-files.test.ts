import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { InputError } from '../src/errors.js'
import { isLocalReference, openLocalFile, resolveLocalFile, unsupportedScheme } from '../src/media/files.js'
import { checkLocalMedia, closeLocalMedia, MediaUploader } from '../src/media/uploader.js'
import { makeTempDir, png, removeDir } from './helpers/media-fixtures.js'

describe('isLocalReference / unsupportedScheme', () => {
  it('takes URLs the API accepts as URLs', () => {
    for (const url of ['https://example.com/a.png', 'HTTP://localhost/a.png', 'asset://asset-123', 'data:image/png;base64,AAAA', 'https:/typo']) {
      expect(isLocalReference(url)).toBe(false)
      expect(unsupportedScheme(url)).toBeUndefined()
    }
  })

  it('names other schemes so they can be refused', () => {
    expect(unsupportedScheme('ftp://x/a.png')).toBe('ftp')
    expect(unsupportedScheme('file:///etc/passwd')).toBe('file')
    expect(unsupportedScheme('file:relative.png')).toBe('file')
    expect(unsupportedScheme('s3://bucket/key.png')).toBe('s3')
    expect(unsupportedScheme('gs://bucket/key.png')).toBe('gs')
    expect(isLocalReference('ftp://x/a.png')).toBe(false)
    expect(isLocalReference('s3://bucket/key.png')).toBe(false)
  })

  it('takes everything else as a path', () => {
    for (const path of ['docs/a.png', './a.png', 'a b.png', '../x.png', '/abs/a.png', 'C:\\x.png', 'shot 10:30.png', 'a:b.png']) {
      expect(isLocalReference(path)).toBe(true)
      expect(unsupportedScheme(path)).toBeUndefined()
    }
  })
})

describe('resolveLocalFile', () => {
  let base: string
  let workspace: string
  let runnerTemp: string
  let outside: string

  beforeAll(async () => {
    base = await realpath(await makeTempDir('local-files-'))
    workspace = join(base, 'workspace')
    runnerTemp = join(base, 'temp')
    outside = join(base, 'outside')
    for (const d of [workspace, runnerTemp, outside, join(workspace, 'docs'), join(workspace, '.git')]) await mkdir(d, { recursive: true })
    await writeFile(join(workspace, 'docs', 'a.png'), png(300, 300))
    await writeFile(join(workspace, 'a b.png'), png(300, 300))
    await writeFile(join(workspace, '.git', 'config'), '[core]\n')
    await writeFile(join(runnerTemp, 'frame.png'), png(300, 300))
    await writeFile(join(outside, 'secret.png'), png(300, 300))
    await symlink(join(outside, 'secret.png'), join(workspace, 'docs', 'escape.png'))
    await symlink(outside, join(workspace, 'linked-dir'))
    await symlink(join(workspace, 'docs', 'a.png'), join(workspace, 'alias.png'))
    await symlink(join(workspace, 'loop'), join(workspace, 'loop'))
  })
  afterAll(async () => {
    await removeDir(base)
  })

  const roots = (): { workspace: string; runnerTemp: string } => ({ workspace, runnerTemp })

  async function refusal(path: string, withTemp = true): Promise<string> {
    const err = await resolveLocalFile(path, withTemp ? roots() : { workspace }, 'first-frame').then(
      () => undefined,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(InputError)
    return (err as Error).message
  }

  it('resolves paths relative to the workspace', async () => {
    await expect(resolveLocalFile('docs/a.png', roots(), 'first-frame')).resolves.toBe(join(workspace, 'docs', 'a.png'))
    await expect(resolveLocalFile('./docs/../docs/a.png', roots(), 'first-frame')).resolves.toBe(join(workspace, 'docs', 'a.png'))
    await expect(resolveLocalFile('a b.png', roots(), 'first-frame')).resolves.toBe(join(workspace, 'a b.png'))
  })

  it('allows absolute paths inside the workspace or runner temp', async () => {
    await expect(resolveLocalFile(join(workspace, 'docs', 'a.png'), roots(), 'x')).resolves.toBe(join(workspace, 'docs', 'a.png'))
    await expect(resolveLocalFile(join(runnerTemp, 'frame.png'), roots(), 'x')).resolves.toBe(join(runnerTemp, 'frame.png'))
  })

  it('returns the real path of a symlink that stays inside', async () => {
    await expect(resolveLocalFile('alias.png', roots(), 'x')).resolves.toBe(join(workspace, 'docs', 'a.png'))
  })

  it('refuses absolute paths outside the roots', async () => {
    expect(await refusal('/etc/passwd')).toBe(
      'Input `first-frame`: /etc/passwd resolves outside the workspace or the runner temp directory; only files inside the workspace or the runner temp directory can be used as media.'
    )
    expect(await refusal(join(outside, 'secret.png'), false)).toBe(
      `Input \`first-frame\`: ${join(outside, 'secret.png')} resolves outside the workspace; only files inside the workspace can be used as media.`
    )
    expect(await refusal(join(runnerTemp, 'frame.png'), false)).toContain('resolves outside the workspace;')
  })

  it('refuses .. that climbs out', async () => {
    expect(await refusal('../outside/secret.png')).toContain('Input `first-frame`: ../outside/secret.png resolves outside the workspace')
    expect(await refusal('../../../../../../etc/passwd')).toContain('resolves outside')
  })

  it('does not reveal whether a file outside exists', async () => {
    expect(await refusal('../outside/missing.png')).toContain('resolves outside')
  })

  it('refuses symlinks that point out of the workspace', async () => {
    expect(await refusal('docs/escape.png')).toContain('Input `first-frame`: docs/escape.png resolves outside the workspace')
    expect(await refusal('linked-dir/secret.png')).toContain('resolves outside')
  })

  it('refuses what is not a regular file', async () => {
    expect(await refusal('docs')).toBe('Input `first-frame`: docs is a directory, not a file.')
    expect(await refusal('.')).toContain('is a directory')
    expect(await refusal('missing.png')).toBe(`Input \`first-frame\`: missing.png does not exist (paths are relative to the workspace, ${workspace}).`)
    expect(await refusal('loop')).toBe('Input `first-frame`: loop is a symbolic link that loops.')
    expect(await refusal('')).toBe('Input `first-frame` has an empty file path.')
  })

  it('refuses a FIFO', async () => {
    const fifo = join(workspace, 'pipe.png')
    try {
      execFileSync('mkfifo', [fifo])
    } catch {
      return // no mkfifo here: nothing to test
    }
    expect(await refusal('pipe.png')).toBe('Input `first-frame`: pipe.png is not a regular file (a device, socket or pipe).')
  })

  it('refuses devices outside the workspace before looking at them', async () => {
    expect(await refusal('/dev/zero')).toContain('resolves outside')
  })

  it('never uses files under .git (they may hold credentials)', async () => {
    expect(await refusal('.git/config')).toBe('Input `first-frame`: .git/config is inside a .git directory, which is never used as media.')
  })

  it('works when the workspace itself is reached through a symlink', async () => {
    const linkedWorkspace = join(base, 'ws-link')
    await symlink(workspace, linkedWorkspace)
    await expect(resolveLocalFile('docs/a.png', { workspace: linkedWorkspace }, 'x')).resolves.toBe(join(workspace, 'docs', 'a.png'))
    await expect(resolveLocalFile(join(workspace, 'docs', 'a.png'), { workspace: linkedWorkspace }, 'x')).resolves.toBe(join(workspace, 'docs', 'a.png'))
    await expect(resolveLocalFile('docs/escape.png', { workspace: linkedWorkspace }, 'x')).rejects.toThrow('resolves outside')
  })
})

describe('openLocalFile: checked and read as one file', () => {
  let base: string
  beforeAll(async () => {
    base = await makeTempDir('open-race-')
  })
  afterAll(async () => {
    await removeDir(base)
  })

  it('reads the file that was checked, even when the path is swapped for a symlink after the check', async () => {
    const workspace = join(base, 'ws2')
    await mkdir(workspace, { recursive: true })
    const inside = png(640, 480)
    const outside = Buffer.concat([png(640, 480), Buffer.from('OUTSIDE-SECRET')])
    await writeFile(join(workspace, 'frame.png'), inside)
    await writeFile(join(base, 'secret.png'), outside)
    const locals = [{ index: 0, path: 'frame.png', type: 'first_frame' as const, input: 'first-frame' }]
    const checked = await checkLocalMedia(locals, { workspace }, () => undefined)
    try {
      // The attack: between the check and the read, the file becomes a link out of the workspace.
      await rm(join(workspace, 'frame.png'))
      await symlink(join(base, 'secret.png'), join(workspace, 'frame.png'))
      const body = { model: 'dreamina-seedance-2-0-260128' as const, media: [{ type: 'first_frame' as const, url: 'asset://local-file' }] }
      await new MediaUploader({ imagesAs: 'data-url', dryRun: false, log: () => undefined, library: {} as never }).uploadInto(body, checked)
      expect(body.media[0]!.url).toBe(`data:image/png;base64,${inside.toString('base64')}`)
    } finally {
      await closeLocalMedia(checked)
    }
  })

  it('refuses a path that is a symlink out of the workspace when it is opened', async () => {
    const workspace = join(base, 'ws3')
    await mkdir(workspace, { recursive: true })
    await writeFile(join(base, 'secret.txt'), 'OUTSIDE-SECRET')
    await symlink(join(base, 'secret.txt'), join(workspace, 'media.png'))
    await expect(openLocalFile('media.png', { workspace }, 'first-frame')).rejects.toThrow(/resolves outside the workspace/)
  })
})
