/** The one JSON-or-YAML reader (`media`, `batch`) and its one depth rule: the nesting of the parsed value. */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../src/errors.js'
import { parseBatch } from '../src/step/batch-file.js'
import { depthOf, readJsonOrYaml } from '../src/step/json-or-yaml.js'
import { parseMediaInput } from '../src/step/media-input.js'

const rules = {
  input: 'x',
  maxChars: 1000,
  maxDepth: 3,
  maxAliases: 20,
  tooDeep: 'too deep',
  invalid: (detail: string) => `invalid (${detail})`,
  tooLong: (n: number) => `too long (${n})`
}

describe('depthOf', () => {
  it('counts levels of lists and mappings in a parsed value, not characters', () => {
    expect(depthOf('[[[')).toBe(0)
    expect(depthOf(42)).toBe(0)
    expect(depthOf([])).toBe(1)
    expect(depthOf([{ a: 1 }])).toBe(2)
    expect(depthOf({ a: [{ b: [1] }], c: 2 })).toBe(4)
  })

  it('counts a value shared by YAML aliases where it sits deepest, and ends on a value that contains itself', () => {
    const shared = { a: { b: 1 } }
    expect(depthOf([shared, [[[shared]]]])).toBe(6)
    const loop: unknown[] = []
    loop.push(loop)
    expect(depthOf(loop, 20)).toBeGreaterThan(20)
  })
})

describe('readJsonOrYaml', () => {
  it('reads JSON, else YAML; an empty text is undefined', () => {
    expect(readJsonOrYaml('[{"a": 1}]', rules)).toEqual([{ a: 1 }])
    expect(readJsonOrYaml('- a: 1\n', rules)).toEqual([{ a: 1 }])
    expect(readJsonOrYaml('  ', rules)).toBeUndefined()
  })

  it('measures the parsed value: brackets inside a quoted string count for nothing, block YAML nests without brackets', () => {
    expect(readJsonOrYaml(`["${'['.repeat(50)}"]`, rules)).toEqual(['['.repeat(50)])
    expect(readJsonOrYaml(`- text: '${'{'.repeat(50)}'\n`, rules)).toEqual([{ text: '{'.repeat(50) }])
    expect(() => readJsonOrYaml('- - - - x\n', rules)).toThrow(new InputError('too deep'))
    expect(() => readJsonOrYaml('[[[[1]]]]', rules)).toThrow(new InputError('too deep'))
    expect(readJsonOrYaml('[[[1]]]', rules)).toEqual([[[1]]])
  })

  it('refuses a YAML deeper than its parser can go as too deep, and a long text before parsing', () => {
    expect(() => readJsonOrYaml(`${'['.repeat(900)}${']'.repeat(900)}x: [`, { ...rules, maxChars: 10_000 })).toThrow(InputError)
    expect(() => readJsonOrYaml(`${'- '.repeat(4000)}x\n`, { ...rules, maxChars: 10_000 })).toThrow(new InputError('too deep'))
    expect(() => readJsonOrYaml('x'.repeat(1001), rules)).toThrow(new InputError('too long (1001)'))
  })

  it("refuses YAML tags, naming the parser's reason", () => {
    expect(() => readJsonOrYaml('- !!js/function "f"\n', rules)).toThrow(/^invalid \(Unresolved tag/)
  })
})

describe('both inputs read by it', () => {
  it("a batch entry whose quoted prompt holds many brackets is read (the nesting is the parsed list's)", async () => {
    const prompt = `${'['.repeat(30)}a storm${']'.repeat(30)}`
    const [entry] = await parseBatch(`- name: a\n  prompt: "${prompt}"\n`)
    expect(entry?.values.prompt).toBe(prompt)
    expect(entry?.problems).toEqual([])
  })

  it('a batch nested past 16 levels is refused by the same rule', async () => {
    const deep = `${'['.repeat(17)}${']'.repeat(17)}`
    await expect(parseBatch(deep)).rejects.toThrow(/^Input `batch` is nested more than 16 levels deep/)
  })

  it('a media text item with brackets in its text is read; nine levels of lists are refused', async () => {
    expect(await parseMediaInput('media', JSON.stringify([{ type: 'text', text: '[[[[[[[[[[x]]]]]]]]]]' }]))).toHaveLength(1)
    await expect(parseMediaInput('media', `${'['.repeat(9)}${']'.repeat(9)}`)).rejects.toThrow(/^Input `media` is nested more than 8 levels deep/)
  })
})
