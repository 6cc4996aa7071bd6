/**
 * `npm run demo` (scripts/demo.mjs) is the first thing a new user runs: it must show the log as
 * a run page does (no workflow command lines, the key as ***), end with a saved video whose
 * printed path exists, with the sample or with the user's own inputs, and answer a mistyped
 * option with the nearest one. Each run goes to a folder under the temporary directory (--dir),
 * removed after the file's tests.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = process.cwd()
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

interface Demo {
  code: number | null
  stdout: string
  stderr: string
  dir: string
}

async function demo(...args: string[]): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'seedance-demo-test-'))
  dirs.push(dir)
  // As on a fresh clone: the demo needs nothing from node_modules, so it gets no NODE_PATH either.
  const child = spawn(process.execPath, ['scripts/demo.mjs', ...args, '--dir', dir], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  return { code, stdout, stderr, dir }
}

/** The run page never shows a workflow command as written. */
function expectNoCommands(r: Demo): void {
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s*::/m)
  expect(r.stdout).not.toMatch(/::(debug|add-mask|error|warning|notice|group|endgroup)::/)
}

/** The files the demo says it saved, as absolute paths. */
function saved(r: Demo): string[] {
  return [...r.stdout.matchAll(/^Saved: (.+) \(\d+ KB\)$/gm)].map((m) => resolve(ROOT, m[1]!))
}

/** An output as the demo printed it. */
const output = (r: Demo, name: string): string | undefined => new RegExp(`^  ${name} = (.*)$`, 'm').exec(r.stdout)?.[1]

function expectVideo(r: Demo): string {
  const [video] = saved(r).filter((p) => p.endsWith('.mp4'))
  expect(video).toBeDefined()
  expect(existsSync(video!)).toBe(true)
  // The emulator's videos start with an ftyp box, as an MP4 does.
  expect(readFileSync(video!).subarray(4, 8).toString('latin1')).toBe('ftyp')
  // The printed output points at the same, still existing file, inside the demo's folder.
  expect(output(r, 'video-path')).toBe(video)
  expect(realpathSync(video!).startsWith(realpathSync(r.dir))).toBe(true)
  return video!
}

describe('npm run demo', () => {
  it('with no inputs: the log as the run page shows it, then outputs, summary, and a saved video', async () => {
    const r = await demo()
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expectNoCommands(r)
    // The key is a secret: masked in the inputs shown and everywhere else.
    expect(r.stdout).toContain('    api-key: ***')
    expect(r.stdout).not.toContain('demo-key')
    // No debug lines without --debug.
    expect(r.stdout).not.toContain('[debug]')
    expect(r.stdout).not.toMatch(/HTTP 200 in \d+ ms/)
    // The log, then the outputs, then the summary, in that order.
    const at = (text: string): number => r.stdout.indexOf(text)
    expect(at('Created task')).toBeGreaterThan(0)
    expect(at('Outputs')).toBeGreaterThan(at('Created task'))
    expect(at('## Seedance video: ✅ succeeded')).toBeGreaterThan(at('Outputs'))
    expect(output(r, 'status')).toBe('succeeded')
    const video = expectVideo(r)
    expect(video).toMatch(/[/\\]workspace[/\\]promo[/\\]cgt-[\w-]+\.mp4$/)
    // The last frame the sample asks for is saved beside it.
    expect(saved(r).some((p) => p.endsWith('.last-frame.png') && existsSync(p))).toBe(true)
  })

  it('with your own prompt: sends only your inputs, and still waits and saves the video', async () => {
    const r = await demo('--prompt', 'A red kite over the dunes', '--seconds', '8')
    expect(r.code).toBe(0)
    expectNoCommands(r)
    expect(r.stdout).toContain('    prompt: A red kite over the dunes')
    expect(r.stdout).not.toContain('reference-images:') // the sample's media are not added to yours
    expect(r.stdout).toContain('    output-path: promo/')
    expect(output(r, 'status')).toBe('succeeded')
    expect(output(r, 'request')).toContain('"seconds":"8"')
    expectVideo(r)
  })

  it('your own --output-path wins; --wait false only submits, and says so', async () => {
    const own = await demo('--output-path', 'clip.mp4')
    expect(own.code).toBe(0)
    expect(own.stdout).toContain('    prompt: A paper boat') // the sample request, with your output path
    expect(expectVideo(own)).toMatch(/[/\\]workspace[/\\]clip\.mp4$/)

    const queued = await demo('--prompt', 'x', '--wait', 'false')
    expect(queued.code).toBe(0)
    expect(queued.stdout).not.toContain('output-path:')
    expect(output(queued, 'status')).toBe('queued')
    expect(saved(queued)).toEqual([])
    expect(queued.stdout).toMatch(/^No video saved: the step did not wait for the task \(status queued\)/m)
  })

  it('--debug shows the debug lines readably; a failure is an Error: line, not ::error::', async () => {
    const r = await demo('--prompt', 'x [emu:fail]', '--debug')
    expect(r.code).toBe(1)
    expectNoCommands(r)
    expect(r.stdout).toMatch(/^\[debug\] POST http:\/\/127\.0\.0\.1:\d+\/v1\/videos/m)
    expect(r.stdout).toMatch(/^Error: Task cgt-[\w-]+ failed: /m)
    expect(r.stdout).toContain('Step failed (exit code 1).')
    expect(saved(r)).toEqual([])
  })

  it('a mistyped option gets the nearest one, not the list of every input', async () => {
    const r = await demo('--promt', 'A red kite')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Unknown option --promt; did you mean --prompt?')
    expect(r.stderr).not.toContain('--github-token')
    expect(r.stderr).not.toContain('A red kite') // the mistyped option's value is not a second mistake
    expect(readdirSync(r.dir)).toEqual([]) // nothing was run
  })
})
