/**
 * The README is the product surface: every input and output must be documented there. Each further
 * task has a page under docs/; a truth about a page's text is checked on that page.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { using: string } }
const readme = readFileSync('README.md', 'utf8')
/** Every page under docs/, by path. */
const docs = Object.fromEntries(
  readdirSync('docs')
    .filter((n) => n.endsWith('.md'))
    .map((n) => [`docs/${n}`, readFileSync(`docs/${n}`, 'utf8')])
)
/** The README and every docs page. */
const pages = { 'README.md': readme, ...docs }

/** The text of a README `## ` section, up to the next one. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`README.md has no section ${heading}`)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end < 0 ? undefined : end)
}

/** The meaning column of an input's row in the inputs table. */
function row(input: string): string {
  const m = new RegExp(`^\\| \`${input}\` \\|[^|]*\\| (.*) \\|$`, 'm').exec(section('Inputs'))
  if (!m) throw new Error(`README.md has no row for input ${input}`)
  return m[1]!
}

/** The meaning column of an output's row in the outputs table. */
function outputRow(output: string): string {
  const m = new RegExp(`^\\| \`${output}\` \\| (.*) \\|$`, 'm').exec(section('Outputs'))
  if (!m) throw new Error(`README.md has no row for output ${output}`)
  return m[1]!
}

/** An input's description in action.yml. */
const description = (input: string): string => (action.inputs[input] as { description: string }).description

interface Step {
  id?: string
  uses?: string
  with?: Record<string, string>
  env?: Record<string, string>
  run?: string
}
interface Job {
  permissions?: Record<string, string>
  steps: Step[]
}

describe('README.md', () => {
  it.each(Object.keys(action.inputs))('documents input `%s` in the inputs table', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
  })
  it.each(Object.keys(action.outputs))('documents output `%s` in the outputs table', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
  })
  it('never pastes an expression into a run: script (outputs go through env:)', () => {
    const scripts: string[] = []
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk)
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'run' && typeof value === 'string') scripts.push(value)
          else walk(value)
        }
      }
    }
    const blocks = Object.values(pages).flatMap((text) => [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!))
    for (const block of [...blocks, ...readdirSync('.github/workflows').map((f) => readFileSync(`.github/workflows/${f}`, 'utf8'))]) {
      if (/^\s+\S+:/.test(block)) continue // a fragment of a `with:` block
      walk(parse(block))
    }
    expect(scripts.length).toBeGreaterThan(3)
    expect(scripts.filter((s) => s.includes('${{'))).toEqual([])
  })
  it('opens with a complete workflow: on, jobs, permissions, the pinned step, a later step reading an output', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1])
    expect(headings[0]).toBe('Quick start')
    const quick = section('Quick start')
    const [block] = [...quick.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)
    // A whole workflow (`on:` and `jobs:` at the top), so scripts/check-workflows.mjs lints it as it is.
    expect(block).toMatch(/^on:/m)
    expect(block).toMatch(/^jobs:/m)
    const workflow = parse(block!) as { on: Record<string, unknown>; jobs: Record<string, Job> }
    expect(Object.keys(workflow.on)).toEqual(['release'])
    const [job] = Object.values(workflow.jobs)
    expect(job?.permissions).toEqual({ contents: 'write' })
    const index = job!.steps.findIndex((s) => s.uses?.startsWith('OWNER/seedance-action@'))
    const step = job!.steps[index]!
    expect(step.uses).toMatch(/^OWNER\/seedance-action@[0-9a-f]{40}$/)
    expect(block).toMatch(new RegExp(`uses: ${step.uses} # v1\\.`))
    expect(step.with?.['api-key']).toBe('${{ secrets.POWERTOKENS_API_KEY }}')
    const later = job!.steps.slice(index + 1).find((s) => Object.values(s.env ?? {}).some((v) => v.includes(`steps.${step.id}.outputs.`)))
    expect(later).toBeDefined()
    for (const name of Object.keys(later!.env!)) expect(later!.run).toContain(`$${name}`)
  })
  it('puts what the action does, the inputs and the outputs right after the quick start, before everything else', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1])
    expect(headings.slice(0, 4)).toEqual(['Quick start', 'What the action does', 'Inputs', 'Outputs'])
    for (const later of ['What it costs', 'Referencing the action', 'Where to go next', 'Development']) {
      expect(headings.indexOf(later)).toBeGreaterThan(3)
    }
  })
  it('fits on one page: about 300 lines at most, the further tasks on pages of their own', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300)
    const next = section('Where to go next')
    for (const page of Object.keys(docs)) expect(next).toContain(`](${page})`)
    for (const [page, text] of Object.entries(docs)) {
      expect([page, text.split('\n').slice(0, 4).join('\n')]).toEqual([page, expect.stringContaining('[Back to the README](../README.md)')])
    }
    for (const page of [
      'docs/many-videos.md',
      'docs/never-pay-twice.md',
      'docs/files-and-asset-library.md',
      'docs/when-something-goes-wrong.md',
      'docs/what-the-action-trusts.md',
      'docs/powertokens-api.md'
    ]) {
      expect(Object.keys(docs)).toContain(page)
    }
  })
  it('pins the action by SHA as it advises, and says why the other examples write @v1', () => {
    const uses = Object.values(pages).flatMap((text) =>
      [...text.matchAll(/uses: OWNER\/seedance-action@(\S+)(.*)$/gm)].map((m) => ({ ref: m[1]!, rest: m[2]! }))
    )
    const pinned = uses.filter((u) => /^[0-9a-f]{40}$/.test(u.ref))
    expect(pinned.length).toBeGreaterThan(0)
    for (const u of pinned) expect(u.rest).toMatch(/^ # v\d+\.\d+\.\d+$/)
    expect(uses.filter((u) => u.ref !== 'v1' && !pinned.includes(u))).toEqual([])
    expect(section('Referencing the action')).toMatch(/pin the full commit SHA/)
    expect(section('Referencing the action')).toMatch(/examples on the pages under `docs\/` write `@v1`[^.]*only to stay\s+short/)
    // Every page with an example that writes @v1 says so, and points to the pinned form.
    for (const [page, text] of Object.entries(docs)) {
      if (!/uses: OWNER\/seedance-action@v1\b/.test(text)) continue
      expect([page, text]).toEqual([page, expect.stringMatching(/writes? `@v1`[^.]*only to stay\s+short/)])
      expect([page, text]).toEqual([page, expect.stringContaining('](../README.md#referencing-the-action)')])
    }
  })
  it('describes `timeout` as action.yml does: the whole step, not only the wait', () => {
    const row = new RegExp('^\\| `timeout` \\|[^|]*\\| (.*) \\|$', 'm').exec(readme)?.[1]
    const description = (action.inputs.timeout as { description: string }).description
    for (const text of [row, description]) {
      expect(text).toMatch(/^Longest the step may take \(uploads, the wait, the download/)
    }
  })
  it('says `api-key` is not needed on a cache hit, as the code lets it be empty with `cache: true`', () => {
    for (const text of [row('api-key'), description('api-key')]) {
      expect(text).toMatch(/Required unless `dry-run` is true, or `cache` is true and the video is in the cache/)
      expect(text).toMatch(/a miss without a key fails/)
    }
  })
  it('describes `response` as what the step sets: the task object trimmed, secrets removed', () => {
    const text = outputRow('response')
    expect(text).not.toMatch(/exactly as the API returned/)
    expect(text).toMatch(/^The last task object as JSON, trimmed and with secrets removed/)
    expect(text).toMatch(/`fromJSON\(\.\.\.\)`/)
  })
  it("names the action's own `max-concurrency` beside the matrix's `max-parallel` for a 429 that outlasts the retries", () => {
    const rateLimited = docs['docs/when-something-goes-wrong.md']!.split('\n').find((l) => l.startsWith('| `PowerTokens is rate-limiting requests'))
    expect(rateLimited).toMatch(/`max-concurrency`/)
    expect(rateLimited).toMatch(/`max-parallel`/)
  })
  it('says what `output-path` and `release-asset-name` do in a batch, in action.yml and the README', () => {
    for (const text of [description('output-path'), row('output-path')]) {
      expect(text).toMatch(/With `batch`, a folder .*that gets `<name>\.mp4` for each entry/)
      expect(text).toMatch(/a file name is refused/)
    }
    for (const text of [description('release-asset-name'), row('release-asset-name')]) {
      expect(text).toMatch(/Not used with `batch`[:,] (each video is attached|where each video is attached) as `<name>\.mp4`/)
    }
  })
  it('keeps Development to the two commands a fresh clone needs, and points to CONTRIBUTING.md for the rest', () => {
    const dev = section('Development')
    const blocks = [...dev.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)
    expect(blocks).toHaveLength(1)
    const commands = blocks[0]!
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.replace(/#.*$/, '').trim())
    expect(commands).toEqual(['npm run demo', 'npm cit'])
    expect(dev).toContain('[CONTRIBUTING.md](CONTRIBUTING.md)')
    // No other command is explained here (the pointer to CONTRIBUTING.md may name local-action): CONTRIBUTING.md has them.
    const mentioned = [...dev.matchAll(/`(npm (?:run )?[\w:-]+|bash \.ci\/run)[^`]*`/g)].map((m) => m[1]!)
    const allowed = ['npm run demo', 'npm cit', 'npm ci', 'npm run local-action']
    expect([...new Set(mentioned)].filter((c) => !allowed.includes(c))).toEqual([])
    const contributing = readFileSync('CONTRIBUTING.md', 'utf8')
    for (const command of ['npm test', 'npm run bundle', 'npm run bench', 'npm run local-action', 'npm run demo -- --debug', 'bash .ci/run']) {
      expect(contributing).toContain(command)
    }
  })
  it('runs on node24', () => {
    expect(action.runs.using).toBe('node24')
  })
})
