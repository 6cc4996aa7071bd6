/** The README is the product surface: every input and output must be documented there. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { using: string } }
const readme = readFileSync('README.md', 'utf8')

describe('README.md', () => {
  it.each(Object.keys(action.inputs))('documents input `%s` in the inputs table', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
  })
  it.each(Object.keys(action.outputs))('documents output `%s` in the outputs table', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
  })
  it('runs on node24', () => {
    expect(action.runs.using).toBe('node24')
  })
})
