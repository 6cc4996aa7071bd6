import { describe, expect, it } from '@jest/globals'
import { entryInput, MAX_ENTRIES, nearest, parseBatch } from '../src/step/batch-file.js'
import { InputError } from '../src/errors.js'

describe('parseBatch', () => {
  it('reads YAML and JSON lists; scalars and lists become input strings; names default to video-<n>', async () => {
    const yaml = await parseBatch('- name: a\n  prompt: x\n  seconds: 10\n  watermark: true\n  reference-images: [p.png, q.png]\n- prompt: y\n')
    expect(yaml).toEqual([
      { name: 'a', values: { prompt: 'x', seconds: '10', watermark: 'true', 'reference-images': 'p.png\nq.png' }, problems: [] },
      { name: 'video-2', values: { prompt: 'y' }, problems: [] }
    ])
    const json = await parseBatch('[{"name":"b","media":[{"type":"text","text":"hi"}]}]')
    expect(json[0]?.values.media).toBe('[{"type":"text","text":"hi"}]')
  })

  it("collects each entry's own problems: unknown keys with a suggestion, bad and repeated names", async () => {
    const entries = await parseBatch('- name: a\n  promt: x\n- name: a\n  prompt: y\n- name: "bad name"\n  prompt: z\n- 42\n')
    expect(entries[0]?.problems).toEqual(['Batch entry "a" has an unknown key `promt`; did you mean `prompt`?'])
    expect(entries[1]?.problems).toEqual(['Batch entry "a": the name is used by item 1 too; names must be unique.'])
    expect(entries[2]?.problems[0]).toMatch(/`name` must be 1-64 letters/)
    expect(entries[3]?.problems[0]).toMatch(/must be a mapping of inputs/)
  })

  it('refuses what is not a list of videos in one sentence', async () => {
    await expect(parseBatch('name: a')).rejects.toThrow(/must be a list of videos/)
    await expect(parseBatch('[]')).rejects.toThrow(/empty list/)
    await expect(parseBatch(JSON.stringify(Array.from({ length: MAX_ENTRIES + 1 }, () => ({ prompt: 'x' }))))).rejects.toThrow(/strategy.matrix/)
    await expect(parseBatch(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)).rejects.toThrow(InputError)
    await expect(parseBatch('- !!js/function "function () {}"\n')).rejects.toThrow(/not a valid YAML or JSON list \(Unresolved tag/)
  })

  it('suggests only near keys', () => {
    expect(nearest('refrence-images')).toBe('reference-images')
    expect(nearest('ratio_')).toBe('ratio')
    expect(nearest('banana-split')).toBeUndefined()
  })
})

describe('entryInput', () => {
  const step = (name: string): string => ({ size: '480p', prompt: 'step prompt', 'api-key': 'k' })[name] ?? ''
  it("an entry's value wins; the step's is the default", async () => {
    const [e] = await parseBatch('- name: a\n  size: 720p\n')
    const get = entryInput(e!, step)
    expect(get('size')).toBe('720p')
    expect(get('prompt')).toBe('step prompt')
    expect(get('api-key')).toBe('k')
  })
  it('an entry that collects a task-id takes no prompt or media from the step', async () => {
    const [e] = await parseBatch('- name: a\n  task-id: cgt-1\n')
    const get = entryInput(e!, step)
    expect(get('prompt')).toBe('')
    expect(get('size')).toBe('480p')
  })
})
