/** The README is the product surface: every input and output must be documented there. */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
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
    const blocks = [...readme.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!)
    for (const block of [...blocks, ...readdirSync('.github/workflows').map((f) => readFileSync(`.github/workflows/${f}`, 'utf8'))]) {
      if (/^\s+\S+:/.test(block)) continue // a fragment of a `with:` block
      walk(parse(block))
    }
    expect(scripts.length).toBeGreaterThan(3)
    expect(scripts.filter((s) => s.includes('${{'))).toEqual([])
  })
  it('runs on node24', () => {
    expect(action.runs.using).toBe('node24')
  })
})
