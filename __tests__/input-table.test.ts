/**
 * One table of inputs: action.yml is the one source of the inputs' names and defaults, and
 * src/video/input-table.ts says where each of them goes. Adding an input touches action.yml,
 * that table and the README, and these tests fail when the three disagree.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { VideoRequest } from '../src/api/request-schema.js'
import { parseBatch } from '../src/step/batch-file.js'
import { actionInputs, actionYmlPath, inputDefaults, readActionInputs } from '../src/step/action-yml.js'
import { parseConfig } from '../src/step/inputs.js'
import { requestDetails } from '../src/step/summary.js'
import { BODY_FIELDS, ENTRY_KEYS, INPUT_TABLE, REQUEST_INPUTS, SHORTHANDS, SUMMARY_ROWS } from '../src/video/input-table.js'

const actionText = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
const action = parse(actionText) as { inputs: Record<string, { default?: string } | null> }
/** Input names as they stand in action.yml's `inputs:` block, repeats included (a YAML parser would keep only one). */
const declared = [...actionText.slice(actionText.indexOf('\ninputs:'), actionText.indexOf('\noutputs:')).matchAll(/^ {2}([a-z0-9-]+):\s*$/gm)].map((m) => m[1]!)
const tableNames = Object.keys(INPUT_TABLE)

describe('the input table', () => {
  it('names every input of action.yml exactly once, and nothing else, in the same order', () => {
    expect(new Set(declared).size).toBe(declared.length)
    expect(declared).toEqual(Object.keys(action.inputs))
    expect(tableNames).toEqual(declared)
  })

  it('routes each input somewhere: a step setting, a part of the request, or both with a batch entry key', () => {
    for (const [name, route] of Object.entries(INPUT_TABLE)) {
      expect([name, 'setting' in route || 'request' in route]).toEqual([name, true])
    }
  })

  it('names only body fields the request schema has, and every one the user can set', () => {
    const schemaFields = Object.keys(VideoRequest.shape).filter((f) => f !== 'media')
    expect(BODY_FIELDS.map((f) => f.field).sort()).toEqual(schemaFields.sort())
  })

  it('gives the request its media inputs, shorthands included', () => {
    expect(REQUEST_INPUTS).toEqual(['prompt', 'prompt-file', 'media', 'first-frame', 'last-frame', 'reference-images', 'reference-videos', 'reference-audios'])
    expect(SHORTHANDS).toEqual([
      ['first-frame', 'first_frame'],
      ['last-frame', 'last_frame'],
      ['reference-images', 'reference_image'],
      ['reference-videos', 'reference_video'],
      ['reference-audios', 'reference_audio']
    ])
  })
})

describe('action.yml, read where the action runs', () => {
  it('is the action.yml of this repository, its inputs and defaults read as a full YAML parse reads them', () => {
    expect(actionYmlPath()).toBe(new URL('../action.yml', import.meta.url).pathname)
    expect([...actionInputs().keys()]).toEqual(declared)
    const full = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec?.default]))
    expect(Object.fromEntries([...actionInputs()].map(([name, spec]) => [name, spec.default]))).toEqual(full)
  })

  it('reads a default as YAML does: single- and double-quoted, plain, and none', () => {
    const text =
      "name: x\ninputs:\n  a:\n    description: 'it''s a'\n    default: 'it''s'\n  b:\n    default: \"q\\\"\"\n  c:\n    default: 5s\n  d:\n    required: false\noutputs:\n  e:\n    description: x\n"
    expect(parse(text).inputs).toEqual({ a: { description: "it's a", default: "it's" }, b: { default: 'q"' }, c: { default: '5s' }, d: { required: false } })
    expect([...readActionInputs(text)]).toEqual([
      ['a', { default: "it's" }],
      ['b', { default: 'q"' }],
      ['c', { default: '5s' }],
      ['d', {}]
    ])
  })

  it('gives the step the defaults it declares: an empty input reads as its default, an expression is left to the runner', async () => {
    const defaults = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, spec]) => spec?.default !== undefined && !spec.default.includes('${{'))
        .map(([name, spec]) => [name, spec!.default!])
    )
    expect(inputDefaults()).toEqual(defaults)
    expect(Object.keys(defaults)).not.toContain('github-token')
    const env = { GITHUB_WORKSPACE: process.cwd() }
    const read = (values: Record<string, string>) =>
      parseConfig(
        (name) => values[name] ?? '',
        () => undefined,
        env
      )
    const bare = await read({ 'api-key': 'k', prompt: 'x' })
    const explicit = await read({ ...defaults, 'api-key': 'k', prompt: 'x' })
    expect(bare).toEqual(explicit)
    expect(bare).toMatchObject({ timeoutMs: 3_600_000, pollIntervalMs: 5_000, maxRetries: 4, maxConcurrency: 2, resume: true, cache: false })
    expect(bare.request?.body.model).toBe(defaults.model)
  })
})

describe('where the table sends each input', () => {
  it('a batch entry may give exactly the inputs the table routes to an entry', async () => {
    const entryInputs = tableNames.filter((n) => ENTRY_KEYS.includes(n))
    const [ok] = await parseBatch(JSON.stringify([Object.fromEntries([['name', 'a'], ...entryInputs.map((n) => [n, n === 'media' ? [] : 'x'])])]))
    expect(ok!.problems).toEqual([])
    for (const name of tableNames.filter((n) => !ENTRY_KEYS.includes(n))) {
      const [entry] = await parseBatch(JSON.stringify([{ name: 'a', prompt: 'x', [name]: 'y' }]))
      expect(entry!.problems.join(' ')).toContain(`unknown key \`${name}\``)
    }
  })

  it('the summary shows a row for each setting the table routes to it, the API default where the input was empty', () => {
    const rows = requestDetails({ model: 'dreamina-seedance-2-0-260128', media: [{ type: 'text', text: 'x' }], seed: 7 }, 'Request').join('\n')
    for (const { input, whenSet } of SUMMARY_ROWS) {
      if (whenSet) expect(rows).not.toContain(`| ${input} |`)
      else expect(rows).toMatch(new RegExp(`\\| ${input} \\| (API default|7|dreamina-seedance-2-0-260128) \\|`))
    }
    expect(rows).toContain('| seed | 7 |')
    const withId = requestDetails({ model: 'dreamina-seedance-2-0-260128', media: [{ type: 'text', text: 'x' }], safety_identifier: 'u-1' }, 'Request').join(
      '\n'
    )
    expect(withId).toContain('| safety-identifier | u-1 |')
  })

  it('a request field is read from its input as the table says, and a bad value names the input', async () => {
    const read = (values: Record<string, string>) =>
      parseConfig(
        (name) => values[name] ?? '',
        () => undefined,
        { GITHUB_WORKSPACE: process.cwd() }
      )
    const config = await read({
      'api-key': 'k',
      prompt: 'x',
      seed: '42',
      watermark: 'TRUE',
      'generate-audio': 'false',
      seconds: '8',
      'safety-identifier': 'u-9'
    })
    expect(config.request?.body).toMatchObject({ seed: 42, watermark: true, generate_audio: false, seconds: '8', safety_identifier: 'u-9' })
    await expect(read({ 'api-key': 'k', prompt: 'x', seed: '4294967296' })).rejects.toThrow(
      'Input `seed` must be a whole number from -1 to 4294967295 (got "4294967296").'
    )
    await expect(read({ 'api-key': 'k', prompt: 'x', 'return-last-frame': 'yes' })).rejects.toThrow(
      'Input `return-last-frame` must be true or false (got "yes").'
    )
  })
})

describe('CONTRIBUTING', () => {
  it('says adding an input is action.yml, the input table and the README', () => {
    const text = readFileSync(new URL('../CONTRIBUTING.md', import.meta.url), 'utf8')
    const section = text.slice(text.indexOf('## Adding an input'), text.indexOf('\n## ', text.indexOf('## Adding an input') + 3))
    expect(section).toContain('`action.yml`')
    expect(section).toContain('`src/video/input-table.ts`')
    expect(section).toContain('`README.md`')
  })
})
