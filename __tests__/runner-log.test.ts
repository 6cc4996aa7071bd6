/** scripts/runner-log.mjs: the demo shows a step's log as the run page does, not the raw workflow commands. */
import { describe, expect, it } from '@jest/globals'
import { createRunnerLog, parseCommand } from '../scripts/runner-log.mjs'

/** Every line shown for `lines`, in order. */
function show(lines: string[], options?: { debug?: boolean }): { shown: string[]; log: ReturnType<typeof createRunnerLog> } {
  const log = createRunnerLog(options)
  return { shown: lines.flatMap((l) => log.line(l)), log }
}

describe('parseCommand', () => {
  it('reads the name, the properties and the data, unescaped as the runner does', () => {
    expect(parseCommand('::error title=A%3AB%2C C,file=src/x.ts,line=3::first%0Asecond 100%25')).toEqual({
      name: 'error',
      properties: { title: 'A:B, C', file: 'src/x.ts', line: '3' },
      data: 'first\nsecond 100%'
    })
    expect(parseCommand('   ::debug::after spaces')).toEqual({ name: 'debug', properties: {}, data: 'after spaces' })
  })
  it('is no command without a known name or a second `::`', () => {
    expect(parseCommand('::made-up::x')).toBeUndefined()
    expect(parseCommand('::debug')).toBeUndefined()
    expect(parseCommand('Task 1: queued')).toBeUndefined()
    expect(parseCommand('a ::debug::x')).toBeUndefined()
  })
})

describe('createRunnerLog', () => {
  it('hides ::add-mask:: and shows the value as *** in every later line, longest secret first', () => {
    const { shown, log } = show([
      'key demo-key before',
      '::add-mask::demo-key',
      '::add-mask::demo',
      'key demo-key after, demo too',
      '::notice::sent with demo-key'
    ])
    expect(shown).toEqual(['key demo-key before', 'key *** after, *** too', 'Notice: sent with ***'])
    expect(log.mask('{"key":"demo-key"}')).toBe('{"key":"***"}')
  })
  it('ignores a blank mask, which would hide everything', () => {
    const { shown } = show(['::add-mask::  ', 'plain text'])
    expect(shown).toEqual(['plain text'])
  })
  it('shows ::debug:: lines only with debug logging on', () => {
    expect(show(['::debug::GET /v1/videos/1', 'Task 1: running']).shown).toEqual(['Task 1: running'])
    expect(show(['::debug::GET /v1/videos/1', 'Task 1: running'], { debug: true }).shown).toEqual(['[debug] GET /v1/videos/1', 'Task 1: running'])
  })
  it('shows errors, warnings and notices as readable lines and keeps them as annotations', () => {
    const { shown, log } = show(['::error::Task 1 failed: bad%0Aline two', '::warning file=a.yml,line=2::odd', '::notice title=Hint::base-url'])
    expect(shown).toEqual(['Error: Task 1 failed: bad', 'line two', 'Warning: odd', 'Notice: base-url'])
    expect(log.annotations).toEqual([
      { level: 'error', title: undefined, message: 'Task 1 failed: bad\nline two', where: '' },
      { level: 'warning', title: undefined, message: 'odd', where: ' (a.yml:2)' },
      { level: 'notice', title: 'Hint', message: 'base-url', where: '' }
    ])
  })
  it('shows a group as its title with its lines indented', () => {
    expect(show(['::group::Request body', '{"model":"m"}', '::endgroup::', 'after']).shown).toEqual(['▸ Request body', '  {"model":"m"}', 'after'])
  })
  it('acts on the other commands silently, and shows an unknown one as written', () => {
    expect(show(['::set-output name=a::b', '::save-state name=a::b', '::echo::on', '::made-up::x']).shown).toEqual(['::made-up::x'])
  })
  it('shows every line as written between ::stop-commands:: and its token, masked still', () => {
    const { shown } = show(['::add-mask::s3cret', '::stop-commands::tok-1', '::error::not a command s3cret', '::tok-1::', '::error::a command'])
    expect(shown).toEqual(['::error::not a command ***', 'Error: a command'])
  })
})
