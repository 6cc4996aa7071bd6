#!/usr/bin/env node
// `npm run bench`: prints, side by side in one run, the figures the targets are set on.
//   1. start-up: a dry run of dist/index.js vs `node -e 0` (median wall time), on Node 20 and 24
//   2. submit: the action submitting one task vs `curl` POSTing the same body; then the same submit
//      as on a hosted runner, where `resume` (on by default) loads the cache toolkit
//   3. download: the whole step (start, one status read, the download, the checks) saving a 200 MB
//      and a 1 GB video vs `curl -o` of the same link and vs a plain node:http GET piped into a file
//      (the floor for Node itself), interleaved run by run (wall time and peak RSS), and the step's
//      fixed part: the same step saving a 64 KB video
//   4. a batch of 10 tasks at max-concurrency 3 and 10: wall time vs the ideal, peak RSS
//   5. a chain of three shots beside an independent one: wall time vs the chain's sum
// Targets: dry run within 1.3x `node -e 0`; download about 1.3x curl and 0.8x a plain node:http pipe; memory flat: the 1 GB
// download's peak RSS within 10% of the 200 MB one's (no forced garbage collection: V8 frees the
// spent socket chunks on its own schedule, so the figure has a fixed offset, not a slope).
// The emulator runs in its own process on 127.0.0.1 so it does not share this one's event loop.
// BENCH_RUNS=N (default 21), BENCH_DOWNLOAD=0 and BENCH_BATCH=0 skip 3 and 4, BENCH_DIST=path
// measures another build (e.g. one made with an override that stubs a dependency, to weigh it).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24Path } from './node24.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(root, 'dist', 'index.js')
const node24 = node24Path(root)
const runs = Number(process.env.BENCH_RUNS || 21)
const work = mkdtempSync(join(tmpdir(), 'seedance-bench-'))
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
const VIDEO_BYTES = 200 * 1024 * 1024
const LARGE_VIDEO_BYTES = 1024 * 1024 * 1024
// Submit and download are measured on the runtime users get (runs.using: node24) when it is installed.
const actionNode = existsSync(node24) ? node24 : process.execPath

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (ms) => `${ms.toFixed(1)} ms`

/** Wall time (ms) and, with GNU time, peak RSS (MB) of one command. */
function measure(cmd, args, env = process.env) {
  const t0 = process.hrtime.bigint()
  const r = time ? spawnSync(time, ['-f', '%M', cmd, ...args], { env, encoding: 'utf8' }) : spawnSync(cmd, args, { env, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stdout}\n${r.stderr}`)
  const rssKb = time ? Number(r.stderr.trim().split('\n').pop()) : NaN
  return { ms, rssMb: rssKb / 1024, stdout: r.stdout }
}

function actionEnv(inputs) {
  const out = join(work, 'output')
  writeFileSync(out, '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: work
  }
  const defaults = {
    model: 'dreamina-seedance-2-0-260128',
    timeout: '60m',
    'poll-interval': '5s',
    wait: 'false',
    'dry-run': 'false',
    'max-retries': '4',
    'request-timeout': '60s',
    'upload-to-release': 'false'
  }
  for (const [k, v] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v
  return env
}

/** GitHub's cache service stand-in (emulator/cache.mjs) in a process of its own; `env` is what a hosted runner sets. */
async function startCacheProcess() {
  const code = `const { startCacheService } = await import(${JSON.stringify(new URL('../emulator/cache.mjs', import.meta.url).href)}); const s = await startCacheService(); console.log(JSON.stringify(s.env)); process.on('SIGTERM', () => s.close().then(() => process.exit(0)))`
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  const env = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(JSON.parse(String(d))))
    child.on('exit', (code) => reject(new Error(`cache service exited ${code}`)))
  })
  return { env, stop: () => child.kill('SIGTERM') }
}

async function startEmulatorProcess(args = ['--video-bytes', String(VIDEO_BYTES)]) {
  const child = spawn(process.execPath, [join(root, 'emulator', 'server.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening on (http:\/\/\S+)/.exec(String(d))
      if (m) resolve(m[1])
    })
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

function row(label, a, b, unit = 'ms') {
  const ratio = a / b
  console.log(`  ${label.padEnd(46)} ${a.toFixed(1).padStart(8)} ${unit}  vs ${b.toFixed(1).padStart(8)} ${unit}   ratio ${ratio.toFixed(2)}`)
}

console.log(`seedance-action benchmark (${runs} runs each, medians; ${process.platform} ${process.arch})\n`)

// 1. Start-up
console.log('1. dry run vs node -e 0 (target: ratio <= 1.30)')
const dryEnv = actionEnv({
  'dry-run': 'true',
  prompt: 'A paper boat sails across a rainy street at dusk',
  'reference-images': 'https://example.com/boat.png',
  seconds: '8'
})
for (const [name, bin] of [
  ['Node 20 (this machine)', process.execPath],
  ['Node 24 (runs.using)', node24]
]) {
  if (!existsSync(bin)) continue
  const base = []
  const dry = []
  // Same environment for both: a variable such as NODE_EXTRA_CA_CERTS alone can add 25 ms to every start.
  for (let i = 0; i < runs; i++) {
    base.push(measure(bin, ['-e', '0'], dryEnv).ms)
    dry.push(measure(bin, [dist], dryEnv).ms)
  }
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()
  row(`${name} ${v}`, median(dry), median(base))
}
console.log(`  dist/ size: ${(statSync(dist).size / 1024).toFixed(0)} kB index.js (lazy chunks load only when used)`)

// 2 and 3 need the emulator and curl.
const emu = await startEmulatorProcess()
try {
  const hasCurl = spawnSync('curl', ['--version']).status === 0
  console.log(
    `\n2. submit: the action (Node ${spawnSync(actionNode, ['--version'], { encoding: 'utf8' }).stdout.trim()}) vs curl, same body (emulator on loopback)`
  )
  const body = JSON.stringify({ model: 'dreamina-seedance-2-0-260128', media: [{ type: 'text', text: 'A paper boat' }], seconds: '8' })
  const submitEnv = actionEnv({ 'api-key': 'bench-key', 'base-url': emu.url, prompt: 'A paper boat', seconds: '8' })
  const act = []
  const curl = []
  for (let i = 0; i < runs; i++) {
    act.push(measure(actionNode, [dist], submitEnv).ms)
    if (hasCurl)
      curl.push(
        measure('curl', [
          '-sS',
          '-f',
          '-o',
          '/dev/null',
          '-X',
          'POST',
          `${emu.url}/v1/videos`,
          '-H',
          'Authorization: Bearer bench-key',
          '-H',
          'Content-Type: application/json',
          '--data-binary',
          body
        ]).ms
      )
  }
  if (hasCurl) row('submit (action vs curl)', median(act), median(curl))
  else console.log(`  action ${fmt(median(act))} (curl not installed)`)

  // On a hosted runner: the cache service is there, so resume restores (a miss) and saves a record.
  const cacheSvc = await startCacheProcess()
  try {
    const hosted = []
    for (let i = 0; i < runs; i++) {
      const env = { ...submitEnv, ...cacheSvc.env, GITHUB_RUN_ID: String(1000 + i), GITHUB_JOB: 'bench', GITHUB_RUN_ATTEMPT: '1' }
      hosted.push(measure(actionNode, [dist], env).ms)
    }
    row('submit with resume (hosted runner)', median(hosted), median(act))
  } finally {
    cacheSvc.stop()
  }

  if (process.env.BENCH_DOWNLOAD !== '0') {
    console.log(
      '\n3. download: the action (task-id + output-path) vs curl -o and a plain node:http pipe (targets: wall about 1.3x curl and 0.8x the plain pipe; peak RSS at 1 GB within 10% of 200 MB)'
    )
    const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' }
    /** A finished task whose video has `bytes` bytes: its id and its CDN link. */
    const finished = async (bytes) => {
      const created = await (
        await fetch(`${emu.url}/v1/videos`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ model: 'dreamina-seedance-2-0-260128', media: [{ type: 'text', text: `bench [emu:size=${bytes}]` }] })
        })
      ).json()
      let task
      for (let i = 0; i < 10; i++) {
        task = await (await fetch(`${emu.url}/v1/videos/${created.id}`, { headers })).json()
        if (task.status === 'succeeded') break
      }
      return { id: created.id, url: task.metadata.url }
    }
    /** The action saving the video of `id` (`bytes` long): wall time and peak RSS. */
    const save = (id, bytes, name) => {
      const dest = join(work, name)
      const r = measure(actionNode, [dist], actionEnv({ 'api-key': 'bench-key', 'base-url': emu.url, 'task-id': id, 'output-path': dest }))
      if (statSync(dest).size !== bytes) throw new Error('the action saved a file of the wrong size')
      rmSync(dest)
      return r
    }
    /** curl saving the same link: wall time and peak RSS. */
    const curlSave = (url, bytes, name) => {
      const dest = join(work, name)
      const r = measure('curl', ['-sS', '-f', '-o', dest, url])
      if (statSync(dest).size !== bytes) throw new Error('curl saved a file of the wrong size')
      rmSync(dest)
      return r
    }
    /** The least Node can do: one node:http GET piped into a file by a bare process, on the action's Node. */
    const PIPE = `const [url, dest] = process.argv.slice(1); const http = await import('node:http'); const fs = await import('node:fs'); const { pipeline } = await import('node:stream/promises'); await new Promise((resolve, reject) => http.get(url, (res) => pipeline(res, fs.createWriteStream(dest)).then(resolve, reject)).on('error', reject))`
    const pipeSave = (url, bytes, name) => {
      const dest = join(work, name)
      const r = measure(actionNode, ['--input-type=module', '-e', PIPE, url, dest])
      if (statSync(dest).size !== bytes) throw new Error('the plain pipe saved a file of the wrong size')
      rmSync(dest)
      return r
    }
    const TINY_BYTES = 64 * 1024
    const tiny = await finished(TINY_BYTES)
    const sizes = [
      { label: '200 MB', bytes: VIDEO_BYTES, task: await finished(VIDEO_BYTES), action: [], curl: [], pipe: [] },
      { label: '1 GB', bytes: LARGE_VIDEO_BYTES, task: await finished(LARGE_VIDEO_BYTES), action: [], curl: [], pipe: [] }
    ]
    const fixed = []
    const dlRuns = Math.max(3, Math.min(7, Math.floor(runs / 3)))
    // Side by side: each run measures the action and curl one after the other on each size, so a
    // machine that gets busier (other work on a shared host) weighs on both alike.
    for (let i = 0; i < dlRuns; i++) {
      fixed.push(save(tiny.id, TINY_BYTES, `t-${i}.mp4`))
      for (const s of sizes) {
        s.action.push(save(s.task.id, s.bytes, `a-${i}.mp4`))
        if (hasCurl) s.curl.push(curlSave(s.task.url, s.bytes, `c-${i}.mp4`))
        s.pipe.push(pipeSave(s.task.url, s.bytes, `p-${i}.mp4`))
      }
    }
    const ms = (xs) => median(xs.map((x) => x.ms))
    const rss = (xs) => median(xs.map((x) => x.rssMb))
    for (const s of sizes) {
      if (hasCurl) {
        row(`${s.label} wall time (action vs curl)`, ms(s.action), ms(s.curl))
        row(`${s.label} peak RSS (action vs curl)`, rss(s.action), rss(s.curl), 'MB')
      } else console.log(`  ${s.label}: action ${fmt(ms(s.action))}, peak RSS ${rss(s.action).toFixed(1)} MB (curl not installed)`)
      row(`${s.label} wall time (action vs plain node:http pipe)`, ms(s.action), ms(s.pipe))
      row(`${s.label} peak RSS (action vs plain node:http pipe)`, rss(s.action), rss(s.pipe), 'MB')
    }
    const [small, large] = sizes
    row('peak RSS, 1 GB vs 200 MB (action)', rss(large.action), rss(small.action), 'MB')
    console.log(`  fixed part (start, status read, a 64 KB video): ${fmt(ms(fixed))}, peak RSS ${rss(fixed).toFixed(1)} MB`)
    const pace = (s) =>
      `${(s.bytes / 1e6 / ((ms(s.action) - ms(fixed)) / 1000)).toFixed(0)} MB/s${hasCurl ? ` (curl ${(s.bytes / 1e6 / (ms(s.curl) / 1000)).toFixed(0)} MB/s)` : ''}`
    console.log(`  transfer after the fixed part: ${pace(small)} at 200 MB, ${pace(large)} at 1 GB`)
  }
} finally {
  emu.stop()
}

// 4. A batch: 10 tasks of about 20 s each in the emulator, 50 MB each, at max-concurrency 3 and 10.
if (process.env.BENCH_BATCH !== '0') {
  const TASK_MS = 20_000
  const BATCH_VIDEO = 50 * 1024 * 1024
  console.log(
    `\n4. batch of 10 tasks of ${TASK_MS / 1000} s, ${BATCH_VIDEO / 1048576} MB each (targets: wall <= 1.1x ideal + one poll delay, peak RSS < 120 MB; BENCH_BATCH=0 skips)`
  )
  // The emulator's time-based lifecycle reaches "succeeded" at step 4, three steps after creation.
  const batchEmu = await startEmulatorProcess(['--video-bytes', String(BATCH_VIDEO), '--step-ms', String(Math.round(TASK_MS / 3))])
  try {
    const list = JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ name: `clip-${i}`, prompt: `bench clip ${i}` })))
    for (const c of [3, 10]) {
      const dir = join(work, `batch-${c}`)
      const r = measure(
        actionNode,
        [dist],
        actionEnv({ 'api-key': 'bench-key', 'base-url': batchEmu.url, batch: list, 'max-concurrency': String(c), 'output-path': dir })
      )
      const ideal = Math.ceil(10 / c) * TASK_MS
      console.log(
        `  max-concurrency ${String(c).padEnd(3)} wall ${(r.ms / 1000).toFixed(1)} s vs ideal ${(ideal / 1000).toFixed(0)} s (ratio ${(r.ms / ideal).toFixed(2)}), peak RSS ${r.rssMb.toFixed(1)} MB`
      )
      rmSync(dir, { recursive: true, force: true })
    }
  } finally {
    batchEmu.stop()
  }
}
// 5. Scenes that continue: a chain of three shots (each starts from the last frame of the one
// before) beside one independent shot. The chain cannot be faster than the sum of its shots.
if (process.env.BENCH_CHAIN !== '0') {
  const TASK_MS = 6_000
  console.log(
    `\n5. a chain of 3 shots of ${TASK_MS / 1000} s beside 1 independent shot (target: wall close to the chain's sum, ${(3 * TASK_MS) / 1000} s; BENCH_CHAIN=0 skips)`
  )
  const chainEmu = await startEmulatorProcess(['--step-ms', String(Math.round(TASK_MS / 3))])
  try {
    const list = JSON.stringify([
      { name: 'fold', prompt: 'bench fold' },
      { name: 'sail', prompt: 'bench sail', 'first-frame': { after: 'fold' } },
      { name: 'sea', prompt: 'bench sea', 'first-frame': { after: 'sail' } },
      { name: 'solo', prompt: 'bench solo' }
    ])
    const dir = join(work, 'chain')
    const r = measure(
      actionNode,
      [dist],
      actionEnv({ 'api-key': 'bench-key', 'base-url': chainEmu.url, batch: list, 'max-concurrency': '2', 'output-path': dir })
    )
    const sum = 3 * TASK_MS
    console.log(
      `  wall ${(r.ms / 1000).toFixed(1)} s vs the chain's sum ${(sum / 1000).toFixed(0)} s (ratio ${(r.ms / sum).toFixed(2)}), peak RSS ${r.rssMb.toFixed(1)} MB`
    )
    rmSync(dir, { recursive: true, force: true })
  } finally {
    chainEmu.stop()
  }
}
rmSync(work, { recursive: true, force: true })
