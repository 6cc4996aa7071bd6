/**
 * Hostile or mistaken inputs, through the runner contract: each one ends in one sentence
 * that names the input, with no stack, and (where refused) nothing reaches the server.
 */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Emulator } from '../../emulator/server.mjs'
import { runAction, useEmulator, type RunResult } from './harness.js'

const KEY = 'sk-e2e-hardening-0123456789'
const emulator = useEmulator()
let emu: Emulator
beforeEach(() => {
  emu = emulator()
})

const cleanup: string[] = []
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true })
})

/** A temp folder removed after the file's tests. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanup.push(dir)
  return dir
}

async function run(inputs: Record<string, string>, workspace?: string): Promise<RunResult> {
  const r = await runAction({ 'api-key': KEY, 'base-url': emu.url, ...inputs }, { workspace })
  // The harness's own folder (runner temp, output and summary files).
  cleanup.push(dirname(r.runnerTemp))
  return r
}

/** Refused before anything was sent: one line naming the input, no stack. */
function expectRefused(r: RunResult, message: RegExp): void {
  expect(r.code).toBe(1)
  expect(r.error).toMatch(message)
  expect(r.error!.split('\n')).toHaveLength(1)
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /)
  expect(r.stdout + r.stderr).not.toMatch(/RangeError|YAMLWarning|Maximum call stack/)
  expect(emu.requests).toHaveLength(0)
}

describe('media however built ends in one sentence', () => {
  const deep = (n: number): string => `[{"type":"text","text":${'['.repeat(n)}${']'.repeat(n)}}]`
  it.each([
    ['20,000 levels of JSON arrays', deep(20_000)],
    ['20,000 levels of JSON objects', `[${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}]`],
    ['20,000 levels of YAML flow', `- type: text\n  text: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
    ['20,000 levels of YAML block sequences', `${'- '.repeat(20_000)}x\n`]
  ])('%s', async (_name, media) => {
    const r = await run({ prompt: 'x', media })
    expectRefused(r, /^Input `media` is nested (more than 8 levels deep|too deeply)/)
  })

  it('a YAML tag is refused, and the parser prints no warning', async () => {
    const r = await run({ media: '- !!js/function "function () { return 1 }"\n' })
    expectRefused(r, /^Input `media` must be a JSON or YAML list of media items .*js\/function/)
  })

  it('a summary for a refused input says nothing was submitted', async () => {
    const r = await run({ prompt: 'x', media: deep(50) })
    expect(r.summary).toMatch(/^## Seedance video: not submitted\n/)
    expect(r.summary).not.toMatch(/ {2}failed|: failed/)
  })
})

describe('base-url and asset-base-url', () => {
  it.each([
    ['an empty query', 'base-url', (u: string) => `${u}?`, /^Input `base-url` must be a plain origin .*without a query \(\?\) or fragment \(#\)/],
    ['a query', 'base-url', (u: string) => `${u}/?a=1`, /^Input `base-url` must be a plain origin/],
    ['an empty fragment', 'base-url', (u: string) => `${u}#`, /^Input `base-url` must be a plain origin/],
    ['empty credentials', 'base-url', (u: string) => u.replace('http://', 'http://@'), /^Input `base-url` must not contain credentials/],
    ['an empty query on the asset library', 'asset-base-url', (u: string) => `${u}/api?`, /^Input `asset-base-url` must be a plain origin/]
  ])('%s is refused', async (_name, input, url, message) => {
    const r = await run({ prompt: 'x', [input]: url(emu.url) })
    expectRefused(r, message)
  })

  it.each(['/v1', '/v1/'])('a trailing %s is the same origin, with a notice', async (suffix) => {
    const r = await run({ prompt: 'x', 'base-url': `${emu.url}${suffix}` })
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    expect(emu.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /v1/videos'])
    expect(r.stdout).toMatch(/::notice::Input `base-url` ends in \/v1, which the action adds itself/)
  })
})

describe('task-id', () => {
  it.each(['.', '..', 'cgt-1/../x', 'cgt 1', '%2e%2e'])('%j is refused', async (id) => {
    const r = await run({ 'task-id': id })
    expectRefused(r, /^Input `task-id` must be one task id/)
  })
})

describe('keys that cannot go in an HTTP header', () => {
  it.each([
    ['api-key', `${KEY}\u200f`, /^Input `api-key` contains an invisible or non-ASCII character \(U\+200F\)/],
    ['api-key', `${KEY}\u0007`, /^Input `api-key` contains an invisible or non-ASCII character \(U\+0007\)/],
    ['github-token', 'ghs_abc\u00e9', /^Input `github-token` contains an invisible or non-ASCII character/]
  ])('%s with %j', async (input, value, message) => {
    const r = await run({ prompt: 'x', [input]: value })
    expectRefused(r, message)
    // Only the mask command itself carries the key.
    expect(
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain(KEY)
  })
})

describe('durations past their maximum', () => {
  it.each([
    ['request-timeout', '2147484', /^Input `request-timeout` must be a duration of at most 10m/],
    ['poll-interval', '600h', /^Input `poll-interval` must be a duration of at most 10m/],
    ['timeout', '700h', /^Input `timeout` must be a duration of at most 6h/],
    ['poll-interval', '0', /^Input `poll-interval` must be a duration greater than zero/],
    ['timeout', '0.0001', /^Input `timeout` must be a duration greater than zero/]
  ])('%s: %s', async (input, value, message) => {
    const r = await run({ prompt: 'x', wait: 'true', [input]: value })
    expectRefused(r, message)
  })
})

describe('output-path stays inside the workspace or runner temp', () => {
  it('a path that climbs out is refused and nothing is written', async () => {
    const ws = join(tempDir('seedance-hard-'), 'ws')
    mkdirSync(ws)
    const r = await run({ prompt: 'x', 'output-path': '../escaped.mp4' }, ws)
    expectRefused(r, /^Input `output-path`: \.\.\/escaped\.mp4 resolves outside the workspace or the runner temp directory/)
    expect(existsSync(join(dirname(ws), 'escaped.mp4'))).toBe(false)
  })

  it('an absolute path elsewhere is refused', async () => {
    const elsewhere = tempDir('seedance-elsewhere-')
    const r = await run({ prompt: 'x', 'output-path': join(elsewhere, 'v.mp4') })
    expectRefused(r, /^Input `output-path`: .* resolves outside the workspace/)
  })

  it('a symbolic link to a folder outside is followed, and refused', async () => {
    const ws = tempDir('seedance-hard-ws-')
    const elsewhere = tempDir('seedance-elsewhere-')
    symlinkSync(elsewhere, join(ws, 'out'))
    const r = await run({ prompt: 'x', 'output-path': 'out/new/v.mp4' }, ws)
    expectRefused(r, /^Input `output-path`: out\/new\/v\.mp4 resolves outside/)
  })

  it('a dangling symbolic link is refused', async () => {
    const ws = tempDir('seedance-hard-ws-')
    symlinkSync(join(tempDir('seedance-elsewhere-'), 'missing.mp4'), join(ws, 'v.mp4'))
    const r = await run({ prompt: 'x', 'output-path': 'v.mp4' }, ws)
    expectRefused(r, /^Input `output-path`: v\.mp4 goes through a symbolic link that points nowhere/)
  })

  it('.git is refused', async () => {
    const ws = tempDir('seedance-hard-ws-')
    mkdirSync(join(ws, '.git'))
    const r = await run({ prompt: 'x', 'output-path': '.git/hooks/v.mp4' }, ws)
    expectRefused(r, /^Input `output-path`: \.git\/hooks\/v\.mp4 is inside a \.git directory/)
  })

  it('a folder inside the workspace still works', async () => {
    const ws = tempDir('seedance-hard-ws-')
    const r = await run({ prompt: 'x', 'output-path': 'videos/', 'poll-interval': '20ms' }, ws)
    expect(r.error).toBeUndefined()
    expect(r.code).toBe(0)
    expect(r.outputs['video-path']).toBe(join(ws, 'videos', `${r.outputs['task-id']}.mp4`))
  })
})

describe('cross-field rules name the inputs', () => {
  it('thirteen references name every input that gave them', async () => {
    const r = await run({
      'reference-images': Array.from({ length: 9 }, (_, i) => `https://e.com/${i}.png`).join('\n'),
      'reference-videos': Array.from({ length: 3 }, (_, i) => `https://e.com/${i}.mp4`).join('\n'),
      media: '[{"type": "reference_audio", "url": "https://e.com/a.mp3"}]'
    })
    expectRefused(r, /\(got 13\) from `media`, `reference-images`, `reference-videos` together/)
  })

  it('1080p on the fast model names size and model', async () => {
    const r = await run({ prompt: 'x', model: 'dreamina-seedance-2-0-fast-260128', size: '1080p' })
    expectRefused(r, /^Input `size` cannot be 1080p with model dreamina-seedance-2-0-fast-260128 \(set by `model`\)/)
  })
})

describe('prompt-file', () => {
  it('sends the trimmed file as the text item', async () => {
    const ws = tempDir('seedance-hard-ws-')
    writeFileSync(join(ws, 'prompt.txt'), '\uFEFF  A paper boat on a rainy street, ünïcode 雨\n\n')
    const r = await run({ 'prompt-file': 'prompt.txt' }, ws)
    expect(r.error).toBeUndefined()
    const post = emu.requests.find((q) => q.method === 'POST' && q.path === '/v1/videos')!
    expect((post.json as { media: unknown[] }).media).toEqual([{ type: 'text', text: 'A paper boat on a rainy street, ünïcode 雨' }])
  })

  it('shows in a dry run as the text item', async () => {
    const ws = tempDir('seedance-hard-ws-')
    writeFileSync(join(ws, 'p.md'), 'From a file')
    const r = await runAction({ 'dry-run': 'true', 'prompt-file': 'p.md' }, { workspace: ws })
    cleanup.push(dirname(r.runnerTemp))
    expect(r.code).toBe(0)
    expect(JSON.parse(r.outputs.request!).media).toEqual([{ type: 'text', text: 'From a file' }])
  })

  it.each([
    ['with prompt', { 'prompt-file': 'p.txt', prompt: 'x' }, { 'p.txt': 'y' }, /^Inputs `prompt` and `prompt-file` cannot be used together/],
    ['empty', { 'prompt-file': 'p.txt' }, { 'p.txt': ' \n\t\n' }, /^Input `prompt-file`: p\.txt is empty/],
    ['missing', { 'prompt-file': 'nope.txt' }, {}, /^Input `prompt-file`: nope\.txt does not exist/],
    ['outside', { 'prompt-file': '../../etc/passwd' }, {}, /^Input `prompt-file`: \.\.\/\.\.\/etc\/passwd resolves outside/],
    ['too big', { 'prompt-file': 'p.txt' }, { 'p.txt': 'a'.repeat(100_001) }, /^Input `prompt-file`: p\.txt is 100001 bytes, more than the 100 kB/],
    ['not UTF-8', { 'prompt-file': 'p.txt' }, { 'p.txt': Buffer.from([0x66, 0xff, 0xfe, 0x00]) }, /^Input `prompt-file`: p\.txt is not UTF-8 text/]
  ])('%s is refused', async (_name, inputs, files, message) => {
    const ws = tempDir('seedance-hard-ws-')
    for (const [name, data] of Object.entries(files)) writeFileSync(join(ws, name), data)
    const r = await run(inputs, ws)
    expectRefused(r, message)
  })
})
