import { describe, expect, it } from '@jest/globals'
import { parseMediaInput } from '../src/step/media-input.js'
import { isLoopbackHost, parseBoolean, parseDuration, parseInteger, parseLines } from '../src/step/parse.js'

describe('single values', () => {
  it('booleans are true/false in any case, nothing else', () => {
    expect(parseBoolean('x', 'TRUE')).toBe(true)
    expect(parseBoolean('x', 'False')).toBe(false)
    expect(parseBoolean('x', '')).toBeUndefined()
    expect(() => parseBoolean('watermark', 'yes')).toThrow('Input `watermark` must be true or false (got "yes").')
  })

  it('integers are whole and in range', () => {
    expect(parseInteger('seed', '-1', -1, 10)).toBe(-1)
    expect(parseInteger('seed', '', -1, 10)).toBeUndefined()
    expect(() => parseInteger('seed', '1e3', -1, 10000)).toThrow(/whole number/)
    expect(() => parseInteger('seed', '11', -1, 10)).toThrow('Input `seed` must be a whole number from -1 to 10 (got "11").')
  })

  it('durations', () => {
    expect(parseDuration('t', '90s')).toBe(90_000)
    expect(parseDuration('t', '15m')).toBe(900_000)
    expect(parseDuration('t', '1h')).toBe(3_600_000)
    expect(parseDuration('t', '1h30m')).toBe(5_400_000)
    expect(parseDuration('t', '300')).toBe(300_000)
    expect(parseDuration('t', '250ms')).toBe(250)
    expect(parseDuration('t', '')).toBeUndefined()
    for (const bad of ['soon', '0', '-5s', '5 minutes']) expect(() => parseDuration('timeout', bad)).toThrow(/Input `timeout` must be a duration/)
  })

  it('lines drop blanks and comments', () => {
    expect(parseLines(' a \n\n# note\r\nb\n')).toEqual(['a', 'b'])
  })

  it('loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopbackHost)).toBe(true)
    expect(['10.0.0.1', 'localhost.evil.com', '127.0.0.1.nip.io'].some(isLoopbackHost)).toBe(false)
  })
})

describe('the media input', () => {
  it('reads JSON, YAML block and YAML flow; a single object becomes a list', async () => {
    const item = { type: 'reference_image', url: 'https://e.com/a.png' }
    expect(await parseMediaInput('media', JSON.stringify([item]))).toEqual([item])
    expect(await parseMediaInput('media', '- type: reference_image\n  url: https://e.com/a.png\n')).toEqual([item])
    expect(await parseMediaInput('media', '[{type: reference_image, url: "https://e.com/a.png"}]')).toEqual([item])
    expect(await parseMediaInput('media', JSON.stringify(item))).toEqual([item])
    expect(await parseMediaInput('media', '  ')).toEqual([])
  })

  it('refuses what is neither, naming the input', async () => {
    await expect(parseMediaInput('media', '[{"type": ')).rejects.toThrow(/^Input `media` must be a JSON or YAML list of media items/)
    await expect(parseMediaInput('media', '42')).rejects.toThrow(/^Input `media` must be a JSON or YAML list/)
  })
})
